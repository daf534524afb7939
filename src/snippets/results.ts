/**
 * Produces a snippet's results (escape analysis, output, tests, benchmarks) through the engine's
 * jobs layer, the same as the live server: the same validation and normalization (a snippet
 * option the server would refuse fails here), the same cache key, single flight. The store is a
 * folder of files keyed on the runner's fingerprint, so the checker and the site build share it:
 * `npm test` verifies the snippets, then builds the site from the results the verification
 * produced, and a rebuild with nothing changed starts no Go process at all (not even `go env`:
 * the Go version is read from GOROOT/VERSION).
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { Mode, RunRequest, RunResult } from '@playbook/engine/contract';
import { FileStore, Jobs, type JobRunner } from '@playbook/engine/jobs';
import { createRunner, runnerConfigFromEnv, runnerFingerprint, Scheduler, type Runner } from '@playbook/engine/runner';
import type { SnippetSpec } from './expectations.ts';
import { snippetRequestOptions } from '../playground/request-options.ts';

export type SnippetResults = Partial<Record<Mode, RunResult>>;

interface Stats {
	runs: number;
	cacheHits: number;
	goMs: number;
	byMode: Partial<Record<Mode, number>>;
}

interface Shared {
	stats: Stats;
	runner: Promise<Runner> | null;
	scheduler: Scheduler | null;
	goVersion: string | null;
	jobs: Jobs | null;
}

// Astro bundles this module into page chunks, so a module-level variable would exist once per
// chunk; the build's statistics and its one runner must be shared by all of them.
const g = globalThis as typeof globalThis & { __playbookSnippets?: Shared };
const shared: Shared = (g.__playbookSnippets ??= {
	stats: { runs: 0, cacheHits: 0, goMs: 0, byMode: {} },
	runner: null,
	scheduler: null,
	goVersion: null,
	jobs: null,
});

export function snippetStats(): Stats {
	return shared.stats;
}

/** The toolchain version without running it: GOROOT/VERSION next to the go binary on PATH. */
export function goVersion(): string {
	if (shared.goVersion) return shared.goVersion;
	const configured = runnerConfigFromEnv().goBin;
	const bin = configured.includes('/')
		? configured
		: (process.env.PATH ?? '')
				.split(delimiter)
				.map((d) => join(d, configured))
				.find((p) => existsSync(p));
	if (!bin) throw new Error('Go was not found on PATH; install Go (see README, Prerequisites).');
	const versionFile = join(dirname(dirname(realpathSync(bin))), 'VERSION');
	const version = readFileSync(versionFile, 'utf8').split('\n')[0]?.trim() ?? '';
	if (!/^go\d+\.\d+/.test(version)) throw new Error(`cannot read the Go version from ${versionFile}`);
	return (shared.goVersion = version);
}

/**
 * The build's one concurrency gate. Benchmarks alone: no compile runs beside a benchmark, so the
 * time ratios the snippets claim are measured on a quiet machine. Queues unbounded: the build
 * waits, it is not shed.
 */
function scheduler(): Scheduler {
	shared.scheduler ??= new Scheduler({ workers: 2, queueSize: 100_000, benchQueueSize: 100_000, benchAlone: true });
	return shared.scheduler;
}

function runner(): Promise<Runner> {
	shared.runner ??= (async () => {
		// A uid range of its own, so a server running beside the build does not share process caps.
		const r = await createRunner({ baseUid: 61100, slots: scheduler().maxRunning, log: (level, msg) => console.error(`[snippets] ${level}: ${msg}`) });
		const warm = await r.warm();
		if (!warm.ok) throw new Error(`the Go toolchain does not work in the sandbox: ${warm.error?.message}\n${warm.stderr}`);
		return r;
	})();
	return shared.runner;
}

/**
 * The runner is started on the first result the store does not have: a build whose results are
 * all stored never starts it. The version it reports before that is GOROOT/VERSION's.
 */
const lazyRunner: JobRunner = {
	get goVersion() {
		return goVersion();
	},
	run: async (request, signal) => (await runner()).run(request, signal),
	vet: async (request, signal) => (await runner()).vet(request, signal),
};

function jobs(): Jobs {
	shared.jobs ??= new Jobs({
		runner: lazyRunner,
		scheduler: scheduler(),
		store: new FileStore(join(process.cwd(), '.cache', 'snippet-results', runnerFingerprint())),
		events: {
			hit: () => shared.stats.cacheHits++,
			finished: (mode, _result, ranMs) => {
				shared.stats.runs++;
				shared.stats.goMs += ranMs;
				shared.stats.byMode[mode as Mode] = (shared.stats.byMode[mode as Mode] ?? 0) + 1;
			},
		},
	});
	return shared.jobs;
}

export async function disposeRunner(): Promise<void> {
	if (!shared.runner) return;
	const r = await shared.runner.catch(() => null);
	shared.runner = null;
	await r?.dispose();
}

/** The requests a snippet needs, each with the options that mode takes. */
export function snippetRequests(spec: SnippetSpec): Partial<Record<Mode, RunRequest>> {
	// The same options the in-page playground sends, so a reader's first click on an unedited
	// snippet asks the server for exactly what the build recorded.
	const request = (mode: Mode): RunRequest => ({ mode, files: spec.display, options: snippetRequestOptions(mode, spec.options) });
	const requests: Partial<Record<Mode, RunRequest>> = { escape: request('escape') };
	if (spec.isMain) requests.run = request('run');
	if (spec.hasTests) requests.test = request('test');
	if (spec.hasBenchmarks) requests.bench = request('bench');
	return requests;
}

/**
 * Runs what the snippet needs (`refresh`: even what the store has). Escape analysis comes first: when the snippet does not compile
 * (a compile-error snippet), the other modes would only repeat the same errors.
 */
export async function snippetResults(spec: SnippetSpec, options: { refresh?: boolean } = {}): Promise<SnippetResults> {
	const requests = snippetRequests(spec);
	const results: SnippetResults = {};
	const run = (request: RunRequest) => jobs().run(request, undefined, options);
	results.escape = await run(requests.escape!);
	if (results.escape.error?.code === 'compile_error' || results.escape.error?.code === 'import_not_allowed') return results;
	const rest = (['run', 'test', 'bench'] as const).filter((m) => requests[m]);
	await Promise.all(
		rest.map(async (mode) => {
			results[mode] = await run(requests[mode]!);
		}),
	);
	return results;
}
