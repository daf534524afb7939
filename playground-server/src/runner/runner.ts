/**
 * The snippet runner: builds and runs one request with the real Go toolchain in the sandbox, and
 * answers with a structured result. The sandbox server and the site build both use this class;
 * there is no other way the project runs Go code.
 *
 * A job is a workspace (workspace.ts) and steps (steps/): the build (`go build` or `go test -c`,
 * seeing the toolchain, the shared build cache and the job's sources), the execution (only the
 * binary and a private /tmp), escape analysis (the compiler alone, linking nothing), `go vet`,
 * and the warm-up's go commands.
 *
 * How many jobs run at once is the scheduler's decision alone (scheduler.ts). The runner only
 * hands each running job a slot, a uid of its own, from a pool sized for the scheduler
 * (createRunner); it never queues.
 */
import { chmod, chown, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FormatRequest, Mode, RunRequest, RunResult } from '../contract/index.ts';
import { fileNamePattern } from '../contract/index.ts';
import type { CgroupManager } from './cgroup.ts';
import { fixedLimits, type Limits } from './limits.ts';
import type { SandboxKind } from './sandbox.ts';
import { languageVersion, type Toolchain } from './toolchain.ts';
import { planEscapeCompile } from './escape-compile.ts';
import { compilerPath, installStdlib, loadStdlib, removeOtherStdlibs, stdlibKey, stdlibListArgs, type Stdlib } from './stdlib.ts';
import { createWorkspace, findCgoImport } from './workspace.ts';
import { emptyResult, jobResult, layoutOf, type JobContext, type RunnerParts } from './steps/context.ts';
import { goCommand } from './steps/go-command.ts';
import { buildProgram } from './steps/build.ts';
import { runProgram } from './steps/execute.ts';
import { compileEscape } from './steps/escape.ts';
import type { SlotPool } from './slots.ts';
import { runFormatter, type FormatOutcome } from './format.ts';

export interface RunnerOptions {
	toolchain: Toolchain;
	/** Where the build cache and job directories live. */
	stateDir: string;
	limits: Limits;
	sandbox: SandboxKind;
	cgroups: CgroupManager;
	/** The bwrap binary (unused in the unsafe local mode). */
	bwrap: string;
	/** Apply the seccomp filter in the sandbox. */
	seccomp: boolean;
	/** The slots (uids) of running jobs, shared by every runner of the process. */
	slots: SlotPool;
	/** First uid of the slots (when the server runs as root); the gid is shared. */
	baseUid?: number;
	/**
	 * The shared Go build cache grows with every distinct snippet and Go never shrinks it by size.
	 * When it is larger than this at prepare() and no other runner is using it, it is emptied
	 * (warm() then rebuilds the standard library). Default: no limit.
	 */
	maxCacheBytes?: number;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let runnerCounter = 0;

/** A test file the warm-up builds: the test runner's and encoding/json's dependencies. */
const warmFiles = {
	'warm_test.go': `package warm\n\nimport (\n\t"encoding/json"\n\t"fmt"\n\t"testing"\n)\n\nfunc TestWarm(t *testing.T) { _, _ = json.Marshal(fmt.Sprint(1)) }\n`,
};

export class Runner {
	readonly toolchain: Toolchain;
	readonly limits: Limits;
	readonly sandbox: SandboxKind;
	readonly cgroups: CgroupManager;
	readonly #parts: RunnerParts;
	readonly #jobsDir: string;
	readonly #baseUid: number;
	readonly #slots: SlotPool;
	readonly #activeJobs = new Set<string>();
	/** Job directories being removed after their job answered. */
	readonly #removals = new Set<Promise<void>>();
	readonly #maxCacheBytes: number;
	readonly #stdlibRoot: string;
	#stdPackages: ReadonlySet<string> = new Set();
	/** What prepare() found in the shared build cache. */
	cacheCheck: { bytes: number; emptied: boolean } | null = null;

	constructor(options: RunnerOptions) {
		this.toolchain = options.toolchain;
		this.limits = options.limits;
		this.sandbox = options.sandbox;
		this.cgroups = options.cgroups;
		this.#parts = {
			toolchain: options.toolchain,
			limits: options.limits,
			sandbox: options.sandbox,
			sandboxOptions: { kind: options.sandbox, cgroups: options.cgroups, bwrap: options.bwrap, seccomp: options.seccomp },
			// One group for every runner's slots, so they share the build cache.
			gid: fixedLimits.sharedGid,
			stateDir: options.stateDir,
			// One build cache per toolchain: each is bounded and emptied on its own.
			cacheDir: join(options.stateDir, `gocache-${options.toolchain.version}`),
			stdlib: null,
		};
		// Per runner, named after its process: the build and a running server may share a state
		// directory (and its cache), and one process may hold several runners.
		this.#jobsDir = join(options.stateDir, 'jobs', `${process.pid}-${++runnerCounter}`);
		this.#baseUid = options.baseUid ?? fixedLimits.firstUid;
		this.#slots = options.slots;
		this.#maxCacheBytes = options.maxCacheBytes ?? Number.POSITIVE_INFINITY;
		this.#stdlibRoot = join(options.stateDir, 'stdlib');
	}

	/** Whether escape analysis compiles directly (the standard library's export data is ready). */
	get directEscape(): boolean {
		return this.#parts.stdlib !== null;
	}

	#useStdlib(stdlib: Stdlib | null) {
		this.#parts.stdlib = stdlib;
		this.#stdPackages = new Set(stdlib?.packages.keys() ?? []);
	}

	get goVersion(): string {
		return this.toolchain.version;
	}

	/** Creates the state directories; the build cache is shared by every slot's uid through its group. */
	async prepare(): Promise<void> {
		const { cacheDir, stateDir, gid } = this.#parts;
		await mkdir(cacheDir, { recursive: true });
		const allJobs = dirname(this.#jobsDir);
		await mkdir(allJobs, { recursive: true });
		// Jobs left behind by processes that were killed.
		let othersAlive = false;
		for (const name of await readdir(allJobs)) {
			if (!processAlive(Number(name.split('-')[0]))) await rm(join(allJobs, name), { recursive: true, force: true });
			else othersAlive = true;
		}
		if (Number.isFinite(this.#maxCacheBytes)) {
			const bytes = await directorySize(cacheDir);
			// Never under another runner's feet: a build reading an entry being deleted would fail.
			const emptied = bytes > this.#maxCacheBytes && !othersAlive;
			if (emptied) {
				for (const entry of await readdir(cacheDir)) await rm(join(cacheDir, entry), { recursive: true, force: true });
			}
			this.cacheCheck = { bytes, emptied };
		}
		await mkdir(this.#jobsDir, { recursive: true });
		const key = await stdlibKey(this.toolchain, compilerPath(this.toolchain));
		// Other toolchains' export data goes when nobody else may be using it, as the cache does.
		if (!othersAlive) await removeOtherStdlibs(this.#stdlibRoot, key);
		this.#useStdlib(await loadStdlib(this.#stdlibRoot, key));
		if (asRoot && this.sandbox === 'bwrap') {
			await chmod(stateDir, 0o755);
			await chown(cacheDir, 0, gid);
			// setgid: entries the slots create stay in the shared group.
			await chmod(cacheDir, 0o2775);
			await chmod(allJobs, 0o711);
			await chmod(this.#jobsDir, 0o711);
		}
	}

	/** Removes this process's job directory (after the last job). */
	async dispose(): Promise<void> {
		await Promise.all(this.#removals);
		await rm(this.#jobsDir, { recursive: true, force: true });
		await this.cgroups.close();
	}

	/**
	 * Compiles the standard library and the test runner's dependencies into this release's build
	 * cache, once, so that a job only compiles its own package, and prepares the standard
	 * library's export data for escape analysis. Every step builds with -trimpath, as jobs do (the
	 * flag is part of the compile's cache key). Two to three minutes on a cold cache, seconds when
	 * warm. The first failing step's result is the answer.
	 */
	async warm(timeoutMs: number = fixedLimits.warmTimeoutMs): Promise<RunResult> {
		const std = await this.warmStdlib(timeoutMs);
		if (!std.ok) return std;
		return this.warmTests(timeoutMs);
	}

	/**
	 * The first step of warm(), which a job needs before it can build in reasonable time: the
	 * standard library compiled with -trimpath (`go list -export`, about a minute on a cold cache,
	 * a second when warm), and its export data copied out of the cache (stdlib.ts) unless already
	 * prepared for this toolchain; until then escape analysis goes through `go build`.
	 */
	async warmStdlib(timeoutMs: number = fixedLimits.warmTimeoutMs): Promise<RunResult> {
		const key = await stdlibKey(this.toolchain, compilerPath(this.toolchain));
		let listing = '';
		const list = await this.#job('escape', warmFiles, undefined, true, async (job) => {
			const go = await goCommand(job, stdlibListArgs, { timeoutMs, raw: true, files: warmFiles, goFiles: new Set(Object.keys(warmFiles)) });
			listing = go.text;
			return go.failure ?? jobResult(job, {});
		});
		if (!list.ok || this.#parts.stdlib) return list;
		const { cacheDir } = this.#parts;
		const hostPath = (p: string) => (this.sandbox === 'bwrap' ? p.replace(/^\/cache\//, `${cacheDir}/`) : p);
		this.#useStdlib(await installStdlib(this.#stdlibRoot, key, listing, hostPath));
		return list;
	}

	/** The rest of warm(): what `go test -c` links, and the race runtime. */
	async warmTests(timeoutMs: number = fixedLimits.warmTimeoutMs): Promise<RunResult> {
		const steps: { args: string[]; cgo?: boolean }[] = [
			{ args: ['test', '-c', '-trimpath', '-o', '/dev/null', '.'] },
			// The race runtime and the standard library built with -race take another ~20 s cold:
			// without this, the first race job of a fresh cache would hit the build time limit.
			{ args: ['test', '-c', '-trimpath', '-race', '-o', '/dev/null', '.'], cgo: true },
		];
		let last: RunResult | null = null;
		for (const step of steps) {
			last = await this.#job('test', warmFiles, undefined, true, async (job) => {
				const go = await goCommand(job, step.args, { timeoutMs, cgo: step.cgo === true, files: warmFiles, goFiles: new Set(Object.keys(warmFiles)) });
				return go.failure ?? jobResult(job, { stderr: go.text });
			});
			if (!last.ok) return last;
		}
		return last!;
	}

	/**
	 * `go vet` on a job's files (what the Go Playground's "withVet" does): ok, or the vet report
	 * in stderr with its diagnostics. Runs nothing; the result carries the job's mode. With
	 * -trimpath, as jobs and the warm-up build: vet then finds the standard library's export data
	 * in the warm cache instead of compiling it again (20 s and more on a cold machine).
	 */
	async vet(request: Pick<RunRequest, 'mode' | 'files'>, signal?: AbortSignal): Promise<RunResult> {
		const goFiles = goFileNames(request.files);
		return this.#job(request.mode, request.files, signal, true, async (job) => {
			const go = await goCommand(job, ['vet', '-trimpath', '.'], { timeoutMs: this.limits.buildTimeoutMs, files: request.files, goFiles });
			return go.failure ?? jobResult(job, { stderr: go.text });
		});
	}

	/**
	 * One job. `limits` overrides this runner's for this job only: the server's own start-up
	 * self-test may take the warm-up's time to build on a cold cache; user jobs never do.
	 */
	async run(request: RunRequest, signal?: AbortSignal, o: { limits?: Partial<Limits> } = {}): Promise<RunResult> {
		const parts = o.limits ? { ...this.#parts, limits: { ...this.#parts.limits, ...o.limits } } : this.#parts;
		const started = performance.now();
		const { mode } = request;
		const cgoImport = findCgoImport(request.files);
		if (cgoImport) {
			return emptyResult(mode, this.goVersion, started, {
				error: {
					code: 'import_not_allowed',
					message: `${cgoImport}: cgo (import "C") is not available in the playground: it runs pure Go only, with no C compiler. Remove the import "C" and write the code in Go.`,
				},
			});
		}
		const goFiles = goFileNames(request.files);
		const stdlib = this.#parts.stdlib;
		if ((mode === 'escape' || mode === 'asm') && stdlib) {
			// Planned before anything is written: a refused import needs no sandbox at all.
			const plan = planEscapeCompile({ files: request.files, stdPackages: this.#stdPackages, context: stdlib.context, goVersion: this.goVersion });
			if (plan.kind === 'refuse') return emptyResult(mode, this.goVersion, started, { error: plan.error, diagnostics: plan.diagnostics });
			if (plan.kind === 'compile') {
				return this.#job(mode, request.files, signal, false, (job) => compileEscape(job, stdlib, plan, request.options ?? {}, goFiles), started, parts);
			}
			// Otherwise (plan.reason) the go command builds it, as before the export data was ready.
		}
		return this.#job(
			mode,
			request.files,
			signal,
			true,
			async (job) => {
				const built = await buildProgram(job, request, goFiles);
				return 'result' in built ? built.result : runProgram(job, request, goFiles);
			},
			started,
			parts,
		);
	}

	/**
	 * Formats a request's files with the formatter binary (format.ts) in the sandbox, as a slot's
	 * uid. No workspace: the files go in on stdin and come back on stdout.
	 */
	async format(request: FormatRequest, formatter: string, signal?: AbortSignal): Promise<FormatOutcome> {
		const slot = this.#slots.take();
		// The scheduler starts no more jobs than there are slots (createRunner sizes them).
		if (slot === null) throw new Error(`no free sandbox slot (all ${this.#slots.size} are in use)`);
		try {
			return await runFormatter(this.#parts, formatter, request, this.#baseUid + slot, signal);
		} finally {
			this.#slots.give(slot);
		}
	}

	/** This toolchain's Go build cache. */
	get cacheDirectory(): string {
		return this.#parts.cacheDir;
	}

	/** Where this runner's job directories live (each job's is removed when it ends). */
	get jobsDirectory(): string {
		return this.#jobsDir;
	}

	/** Job directories currently on disk (for tests and graceful shutdown). */
	get activeJobs(): number {
		return this.#activeJobs.size;
	}

	/**
	 * One job: a slot, a workspace, the steps, and whatever happens, the workspace removed and the
	 * slot given back. `goMod`: the steps run the go command, which needs a go.mod.
	 */
	async #job(
		mode: Mode,
		files: Record<string, string>,
		signal: AbortSignal | undefined,
		goMod: boolean,
		steps: (job: JobContext) => Promise<RunResult>,
		started = performance.now(),
		parts: RunnerParts = this.#parts,
	): Promise<RunResult> {
		const slot = this.#slots.take();
		if (slot === null) {
			// The scheduler starts no more jobs than there are slots (createRunner sizes them).
			return this.#internalError(mode, started, `no free sandbox slot (all ${this.#slots.size} are in use)`);
		}
		const jobDir = join(this.#jobsDir, randomUUID());
		this.#activeJobs.add(jobDir);
		try {
			if (signal?.aborted) return this.#canceled(mode, started);
			for (const name of Object.keys(files)) {
				// The server validates requests; this guards the build's own callers too.
				if (!fileNamePattern.test(name)) throw new Error(`invalid file name ${JSON.stringify(name)}`);
			}
			const uid = this.#baseUid + slot;
			const owner = asRoot && this.sandbox === 'bwrap' ? { uid, gid: this.#parts.gid } : null;
			createWorkspace(jobDir, { files, language: languageVersion(this.goVersion), goMod, owner });
			const job: JobContext = { runner: parts, mode, jobDir, layout: layoutOf(parts, jobDir), uid, signal, started };
			const result = await steps(job);
			// Whatever a killed job looked like, it says nothing about the program.
			if (signal?.aborted) return this.#canceled(mode, started);
			return { ...result, durationMs: Math.round(performance.now() - started) };
		} catch (e) {
			return this.#internalError(mode, started, (e as Error).message);
		} finally {
			// The job's processes are gone (their sandbox ended), and its slot's next job gets a
			// directory of its own: the answer need not wait for the removal (3 ms of a 30 ms
			// escape analysis), only dispose() does.
			this.#slots.give(slot);
			const removal: Promise<void> = rm(jobDir, { recursive: true, force: true })
				.catch(() => {})
				.finally(() => {
					this.#activeJobs.delete(jobDir);
					this.#removals.delete(removal);
				});
			this.#removals.add(removal);
		}
	}

	#internalError(mode: Mode, started: number, cause: string): RunResult {
		return emptyResult(mode, this.goVersion, started, {
			error: { code: 'internal_error', message: `The playground failed to run this job: ${cause}. Try again; if it keeps failing, report it.` },
		});
	}

	#canceled(mode: Mode, started: number): RunResult {
		return emptyResult(mode, this.goVersion, started, {
			error: {
				code: 'internal_error',
				message: 'The job was canceled before it finished (the request was abandoned or the server is stopping). Run it again.',
			},
		});
	}
}

function goFileNames(files: Record<string, string>): ReadonlySet<string> {
	return new Set(Object.keys(files).filter((n) => n.endsWith('.go')));
}

async function directorySize(dir: string): Promise<number> {
	let total = 0;
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		try {
			total += (await stat(join(entry.parentPath, entry.name))).size;
		} catch {}
	}
	return total;
}

function processAlive(pid: number): boolean {
	if (!Number.isSafeInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}
