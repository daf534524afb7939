/**
 * Produces a snippet's results (escape analysis, assembly, output, tests, benchmarks) through the engine's
 * jobs layer, the same as the live server: the same validation and normalization (a snippet
 * option the server would refuse fails here), the same cache key, single flight. The store is a
 * folder of files keyed on the runner's fingerprint, so the checker and the site build share it:
 * `npm test` verifies the snippets, then builds the site from the results the verification
 * produced, and a rebuild with nothing changed starts no Go process at all.
 */
import { join } from 'node:path';
import { defaultGoRelease, releaseOfOptions, toolchainName, type GoRelease, type Mode, type RunRequest, type RunResult } from '@playbook/engine/contract';
import { FileStore, Jobs, type JobRunner } from '@playbook/engine/jobs';
import { createRunners, runnerFingerprint, Scheduler, type Runners } from '@playbook/engine/runner';
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
	runners: Runners | null;
	scheduler: Scheduler | null;
	jobs: Jobs | null;
}

// Astro bundles this module into page chunks, so a module-level variable would exist once per
// chunk; the build's statistics and its runners must be shared by all of them.
const g = globalThis as typeof globalThis & { __playbookSnippets?: Shared };
const shared: Shared = (g.__playbookSnippets ??= {
	stats: { runs: 0, cacheHits: 0, goMs: 0, byMode: {} },
	runners: null,
	scheduler: null,
	jobs: null,
});

export function snippetStats(): Stats {
	return shared.stats;
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

function runners(): Runners {
	// A uid range of its own, so a server running beside the build does not share process caps.
	shared.runners ??= createRunners({
		baseUid: 61100,
		slots: scheduler().maxRunning,
		warmInBackground: false,
		log: (level, msg) => console.error(`[snippets] ${level}: ${msg}`),
	});
	return shared.runners;
}

/**
 * A release's runner, fetched and warmed before its first job: the build has the time, and a
 * timing a snippet claims should not be measured beside a cold standard-library build. The
 * default release gets the whole warm-up (the race runtime too); another, checked for the claims
 * that name it, its standard library, which is most of it (tests compile what else they need).
 */
async function warmed(request: Pick<RunRequest, 'options'>): Promise<void> {
	const r = runners();
	const release = r.releaseOf(request);
	const warm = release === defaultGoRelease ? await r.warm(release) : await r.readyResult(release);
	if (!warm.ok) throw new Error(`Go ${release} does not work in the sandbox: ${warm.error?.message}\n${warm.stderr}`);
}

/**
 * No runner starts before the first result the store does not have: a build whose results are
 * all stored starts no Go process at all. A result's toolchain follows from its request alone.
 */
const buildRunner: JobRunner = {
	versionOf: (request) => toolchainName(releaseOfOptions(request.options)),
	run: async (request, signal) => {
		await warmed(request);
		return runners().run(request, signal);
	},
	vet: async (request, signal) => {
		await warmed(request);
		return runners().vet(request, signal);
	},
};

function jobs(): Jobs {
	shared.jobs ??= new Jobs({
		runner: buildRunner,
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
	const r = shared.runners;
	shared.runners = null;
	await r?.dispose();
}

/** The requests a snippet needs on one release, each with the options that mode takes. */
export function snippetRequests(spec: SnippetSpec, release: GoRelease = defaultGoRelease): Partial<Record<Mode, RunRequest>> {
	// The same options the in-page playground sends, so a reader's first click on an unedited
	// snippet asks the server for exactly what the build recorded.
	const request = (mode: Mode): RunRequest => {
		const options = snippetRequestOptions(mode, spec.options);
		return { mode, files: spec.display, options: release === defaultGoRelease ? options : { ...options, go: release } };
	};
	const requests: Partial<Record<Mode, RunRequest>> = { escape: request('escape') };
	if (spec.hasAsmClaims) requests.asm = request('asm');
	if (spec.isMain) requests.run = request('run');
	if (spec.hasTests) requests.test = request('test');
	if (spec.hasBenchmarks) requests.bench = request('bench');
	return requests;
}

/** A snippet's results on each release it is checked on, newest (the default) first. */
export type SnippetRuns = { release: GoRelease; results: SnippetResults }[];

/**
 * Runs what the snippet needs on one release (`refresh`: even what the store has). Escape
 * analysis comes first: when the snippet does not compile (a compile-error snippet), the other
 * modes would only repeat the same errors.
 */
async function resultsOn(spec: SnippetSpec, release: GoRelease, options: { refresh?: boolean }): Promise<SnippetResults> {
	const requests = snippetRequests(spec, release);
	const results: SnippetResults = {};
	const run = (request: RunRequest) => jobs().run(request, undefined, options);
	results.escape = await run(requests.escape!);
	if (results.escape.error?.code === 'compile_error' || results.escape.error?.code === 'import_not_allowed') return results;
	const rest = (['asm', 'run', 'test', 'bench'] as const).filter((m) => requests[m]);
	await Promise.all(
		rest.map(async (mode) => {
			results[mode] = await run(requests[mode]!);
		}),
	);
	return results;
}

/** Runs what the snippet needs on every release it is checked on (spec.releases). */
export async function snippetResults(spec: SnippetSpec, options: { refresh?: boolean } = {}): Promise<SnippetRuns> {
	return Promise.all(spec.releases.map(async (release) => ({ release, results: await resultsOn(spec, release, options) })));
}
