/**
 * Produces a snippet's results (escape analysis, output, tests, benchmarks) with the sandbox
 * server's own Runner, cached on disk by the server's result key (mode, options, Go version,
 * files). The checker and the site build share this cache: `npm test` verifies the snippets, then
 * builds the site from the results the verification produced, and a rebuild with nothing changed
 * starts no Go process at all (not even `go env`: the Go version is read from GOROOT/VERSION).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { delimiter, dirname, join } from 'node:path';
import type { Mode, RunRequest, RunResult } from '../shared/api.ts';
import { cacheable, createRunner, laneOf, resultCacheKey, Scheduler, type Runner } from '../../playground-server/src/runner/index.ts';
import type { SnippetSpec } from './expectations.ts';
import { modeOptions } from './present.ts';

export type SnippetResults = Partial<Record<Mode, RunResult>>;

/**
 * Results are also a function of the code that produced and parsed them: the cache lives in a
 * folder named after a hash of the runner's sources (and the API types), so changing a parser or
 * a limit never serves results of the old code.
 */
function runnerFingerprint(): string {
	const hash = createHash('sha256');
	const walk = (dir: string) => {
		for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const p = join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.name.endsWith('.ts')) hash.update(p).update(readFileSync(p));
		}
	};
	walk(join(process.cwd(), 'playground-server', 'src', 'runner'));
	hash.update(readFileSync(join(process.cwd(), 'src', 'shared', 'api.ts')));
	return hash.digest('hex').slice(0, 16);
}

const cacheDir = join(process.cwd(), '.cache', 'snippet-results', runnerFingerprint());

interface Stats {
	runs: number;
	cacheHits: number;
	goMs: number;
	byMode: Partial<Record<Mode, number>>;
}

interface Shared {
	stats: Stats;
	runner: Promise<Runner> | null;
	goVersion: string | null;
	/**
	 * The server's scheduler, with benchmarks alone: no compile runs beside a benchmark, so the
	 * time ratios the snippets claim are measured on a quiet machine.
	 */
	scheduler: Scheduler;
	inFlight: Map<string, Promise<RunResult>>;
}

// Astro bundles this module into page chunks, so a module-level variable would exist once per
// chunk; the build's statistics and its one runner must be shared by all of them.
const g = globalThis as typeof globalThis & { __playbookSnippets?: Shared };
const shared: Shared = (g.__playbookSnippets ??= {
	stats: { runs: 0, cacheHits: 0, goMs: 0, byMode: {} },
	runner: null,
	goVersion: null,
	scheduler: new Scheduler({ workers: 2, queueSize: 100_000, benchQueueSize: 100_000, benchAlone: true }),
	inFlight: new Map(),
});

export function snippetStats(): Stats {
	return shared.stats;
}

/** The toolchain version without running it: GOROOT/VERSION next to the go binary on PATH. */
export function goVersion(): string {
	if (shared.goVersion) return shared.goVersion;
	const bin = process.env.PLAYBOOK_GO ?? (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'go')).find((p) => existsSync(p));
	if (!bin) throw new Error('Go was not found on PATH; install Go (see README, Prerequisites).');
	const versionFile = join(dirname(dirname(realpathSync(bin))), 'VERSION');
	const version = readFileSync(versionFile, 'utf8').split('\n')[0]?.trim() ?? '';
	if (!/^go\d+\.\d+/.test(version)) throw new Error(`cannot read the Go version from ${versionFile}`);
	return (shared.goVersion = version);
}

function runner(): Promise<Runner> {
	shared.runner ??= (async () => {
		// A uid range of its own, so a server running beside the build does not share process caps.
		const r = await createRunner({ baseUid: 61100, log: (level, msg) => console.error(`[snippets] ${level}: ${msg}`) });
		const warm = await r.warm();
		if (!warm.ok) throw new Error(`the Go toolchain does not work in the sandbox: ${warm.error?.message}\n${warm.stderr}`);
		return r;
	})();
	return shared.runner;
}

export async function disposeRunner(): Promise<void> {
	if (!shared.runner) return;
	const r = await shared.runner.catch(() => null);
	shared.runner = null;
	await r?.dispose();
}

/** A snippet shown on two pages is rendered twice at once: the second render waits for the first. */
function cachedRun(request: RunRequest): Promise<RunResult> {
	const key = resultCacheKey(request, goVersion());
	let pending = shared.inFlight.get(key);
	if (!pending) {
		pending = cachedRunOnce(request, key).finally(() => shared.inFlight.delete(key));
		shared.inFlight.set(key, pending);
	}
	return pending;
}

async function cachedRunOnce(request: RunRequest, key: string): Promise<RunResult> {
	const file = join(cacheDir, `${key}.json`);
	try {
		const hit = JSON.parse(await readFile(file, 'utf8')) as RunResult;
		shared.stats.cacheHits++;
		return { ...hit, cached: true };
	} catch {}
	const r = await runner();
	// Timed inside the scheduler: the time a job ran, not the time it waited for its turn.
	const result = await shared.scheduler.submit(laneOf(request.mode), async (signal) => {
		const started = performance.now();
		try {
			return await r.run(request, signal);
		} finally {
			shared.stats.goMs += performance.now() - started;
		}
	});
	shared.stats.runs++;
	shared.stats.byMode[request.mode] = (shared.stats.byMode[request.mode] ?? 0) + 1;
	if (cacheable(result)) {
		await mkdir(cacheDir, { recursive: true });
		const tmp = `${file}.${process.pid}.tmp`;
		await writeFile(tmp, JSON.stringify(result));
		await rename(tmp, file);
	}
	return result;
}

/** The requests a snippet needs, each with only the options that mode uses. */
export function snippetRequests(spec: SnippetSpec): Partial<Record<Mode, RunRequest>> {
	// The same options the in-page playground sends (present.ts), so a reader's first click on an
	// unedited snippet asks the server for exactly what the build recorded.
	const request = (mode: Mode): RunRequest => ({ mode, files: spec.display, options: modeOptions(mode, spec.options) });
	const requests: Partial<Record<Mode, RunRequest>> = { escape: request('escape') };
	if (spec.isMain) requests.run = request('run');
	if (spec.hasTests) requests.test = request('test');
	if (spec.hasBenchmarks) requests.bench = request('bench');
	return requests;
}

/**
 * Runs what the snippet needs. Escape analysis comes first: when the snippet does not compile
 * (a compile-error snippet), the other modes would only repeat the same errors.
 */
export async function snippetResults(spec: SnippetSpec): Promise<SnippetResults> {
	const requests = snippetRequests(spec);
	const results: SnippetResults = {};
	results.escape = await cachedRun(requests.escape!);
	if (results.escape.error?.code === 'compile_error' || results.escape.error?.code === 'import_not_allowed') return results;
	const rest = (['run', 'test', 'bench'] as const).filter((m) => requests[m]);
	await Promise.all(
		rest.map(async (mode) => {
			results[mode] = await cachedRun(requests[mode]!);
		}),
	);
	return results;
}
