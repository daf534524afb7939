/**
 * The snippet runner: builds and runs one request with the real Go toolchain in the sandbox, and
 * answers with a structured result. The sandbox server and the site build both use this class;
 * there is no other way the project runs Go code.
 *
 * A job is two sandboxed steps. The build step sees the Go toolchain, the shared build cache and
 * the job's sources; the execution step sees only the compiled binary and a private /tmp.
 */
import { chmod, chown, mkdir, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Mode, RunOptions, RunRequest, RunResult } from '../contract/index.ts';
import { fileNamePattern, hasTestFiles } from '../contract/index.ts';
import type { CgroupManager } from './cgroup.ts';
import { fixedLimits, type Limits } from './limits.ts';
import { runSandboxed, type Bind, type SandboxKind, type SandboxOptions, type SandboxOutcome } from './sandbox.ts';
import { buildEnv, languageVersion, type Toolchain } from './toolchain.ts';
import { parseCompilerOutput, snippetModule } from './parse/compiler.ts';
import { parseBenchOutput } from './parse/bench.ts';
import { parseTestOutput } from './parse/tests.ts';
import { classifyOutcome, runtimeDiagnostic } from './outcome.ts';
import { buildFailure } from './build-errors.ts';
import { findImports } from './imports.ts';
import { planEscapeCompile, type CompileUnit } from './escape-compile.ts';
import { compilerPath, importcfg, installStdlib, loadStdlib, removeOtherStdlibs, stdlibKey, stdlibListArgs, type Stdlib } from './stdlib.ts';

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
	/** How many jobs may run at once: each gets an unprivileged uid of its own. */
	slots: number;
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

/**
 * A go command other than the mode's own build: warming the cache (`go build std`) or `go vet`.
 * Its output is the answer; nothing is executed.
 */
interface BuildOverride {
	buildArgs: string[];
	buildTimeoutMs: number;
	/** Keep the output's paths as the sandbox printed them (for the runner's own use, never shown). */
	rawOutput?: boolean;
}

interface Layout {
	job: string;
	cache: string;
	tmp: string;
	/** The standard library's export data (read-only). */
	stdlib: string;
}

/** What a build step of a job needs besides its command. */
interface StepContext {
	jobDir: string;
	layout: Layout;
	uid: number;
	signal: AbortSignal | undefined;
}

export class Runner {
	readonly toolchain: Toolchain;
	readonly limits: Limits;
	readonly sandbox: SandboxKind;
	readonly cgroups: CgroupManager;
	readonly #sandboxOptions: SandboxOptions;
	readonly #stateDir: string;
	readonly #cacheDir: string;
	readonly #jobsDir: string;
	readonly #baseUid: number;
	readonly #freeSlots: number[];
	readonly #slotWaiters: ((slot: number) => void)[] = [];
	readonly #activeJobs = new Set<string>();
	readonly #maxCacheBytes: number;
	readonly #stdlibRoot: string;
	/** The standard library's export data for direct compiles; null until prepared (warm()). */
	#stdlib: Stdlib | null = null;
	#stdPackages: ReadonlySet<string> = new Set();
	/** What prepare() found in the shared build cache. */
	cacheCheck: { bytes: number; emptied: boolean } | null = null;

	constructor(options: RunnerOptions) {
		this.toolchain = options.toolchain;
		this.limits = options.limits;
		this.sandbox = options.sandbox;
		this.cgroups = options.cgroups;
		this.#sandboxOptions = { kind: options.sandbox, cgroups: options.cgroups, bwrap: options.bwrap, seccomp: options.seccomp };
		this.#stateDir = options.stateDir;
		this.#cacheDir = join(options.stateDir, 'gocache');
		// Per runner, named after its process: the build and a running server may share a state
		// directory (and its cache), and one process may hold several runners.
		this.#jobsDir = join(options.stateDir, 'jobs', `${process.pid}-${++runnerCounter}`);
		this.#baseUid = options.baseUid ?? fixedLimits.firstUid;
		this.#freeSlots = Array.from({ length: options.slots }, (_, i) => i);
		this.#maxCacheBytes = options.maxCacheBytes ?? Number.POSITIVE_INFINITY;
		this.#stdlibRoot = join(options.stateDir, 'stdlib');
	}

	/** Whether escape analysis compiles directly (the standard library's export data is ready). */
	get directEscape(): boolean {
		return this.#stdlib !== null;
	}

	#useStdlib(stdlib: Stdlib | null) {
		this.#stdlib = stdlib;
		this.#stdPackages = new Set(stdlib?.packages.keys() ?? []);
	}

	get goVersion(): string {
		return this.toolchain.version;
	}

	/** One group for every runner's slots, so they share the build cache. */
	readonly #gid = fixedLimits.sharedGid;

	/** Creates the state directories; the build cache is shared by every slot's uid through its group. */
	async prepare(): Promise<void> {
		await mkdir(this.#cacheDir, { recursive: true });
		const allJobs = dirname(this.#jobsDir);
		await mkdir(allJobs, { recursive: true });
		// Jobs left behind by processes that were killed.
		let othersAlive = false;
		for (const name of await readdir(allJobs)) {
			if (!processAlive(Number(name.split('-')[0]))) await rm(join(allJobs, name), { recursive: true, force: true });
			else othersAlive = true;
		}
		if (Number.isFinite(this.#maxCacheBytes)) {
			const bytes = await directorySize(this.#cacheDir);
			// Never under another runner's feet: a build reading an entry being deleted would fail.
			const emptied = bytes > this.#maxCacheBytes && !othersAlive;
			if (emptied) {
				for (const entry of await readdir(this.#cacheDir)) await rm(join(this.#cacheDir, entry), { recursive: true, force: true });
			}
			this.cacheCheck = { bytes, emptied };
		}
		await mkdir(this.#jobsDir, { recursive: true });
		const key = await stdlibKey(this.toolchain, compilerPath(this.toolchain));
		// Other toolchains' export data goes when nobody else may be using it, as the cache does.
		if (!othersAlive) await removeOtherStdlibs(this.#stdlibRoot, key);
		this.#useStdlib(await loadStdlib(this.#stdlibRoot, key));
		if (asRoot && this.sandbox === 'bwrap') {
			await chmod(this.#stateDir, 0o755);
			await chown(this.#cacheDir, 0, this.#gid);
			// setgid: entries the slots create stay in the shared group.
			await chmod(this.#cacheDir, 0o2775);
			await chmod(allJobs, 0o711);
			await chmod(this.#jobsDir, 0o711);
		}
	}

	/** Removes this process's job directory (after the last job). */
	async dispose(): Promise<void> {
		await rm(this.#jobsDir, { recursive: true, force: true });
		await this.cgroups.close();
	}

	/**
	 * Compiles the standard library (and the test runner's dependencies) into the shared cache,
	 * once, so that a job only compiles its own package, and prepares the standard library's export
	 * data for escape analysis. Takes two to three minutes on a cold cache, seconds when warm.
	 */
	async warm(extraTimeoutMs: number = fixedLimits.warmTimeoutMs): Promise<RunResult> {
		const warmFiles = {
			'warm_test.go': `package warm\n\nimport (\n\t"encoding/json"\n\t"fmt"\n\t"testing"\n)\n\nfunc TestWarm(t *testing.T) { _, _ = json.Marshal(fmt.Sprint(1)) }\n`,
		};
		const std = await this.#job({ mode: 'escape', files: warmFiles }, undefined, { buildArgs: ['build', 'std'], buildTimeoutMs: extraTimeoutMs });
		if (!std.ok) return std;
		const stdlib = await this.#prepareStdlib(warmFiles, extraTimeoutMs);
		if (!stdlib.ok) return stdlib;
		// The test binary's own dependencies (testing and what it links), with the warm-up's time
		// limit: on a cold cache and a busy machine they take longer than a job's build may.
		const test = await this.#job({ mode: 'test', files: warmFiles }, undefined, {
			buildArgs: ['test', '-c', '-o', '/dev/null', '.'],
			buildTimeoutMs: extraTimeoutMs,
		});
		if (!test.ok) return test;
		// The race runtime and the standard library built with -race take another ~20 s cold:
		// without this, the first race job of a fresh cache would hit the build time limit.
		return this.#job({ mode: 'test', files: warmFiles, options: { race: true } }, undefined, {
			buildArgs: ['test', '-c', '-race', '-o', '/dev/null', '.'],
			buildTimeoutMs: extraTimeoutMs,
		});
	}

	/**
	 * Builds the standard library with -trimpath (about a minute on a cold cache) and copies its
	 * export data out of the cache (stdlib.ts), once per toolchain; until then escape analysis
	 * goes through `go build`.
	 */
	async #prepareStdlib(files: Record<string, string>, timeoutMs: number): Promise<RunResult> {
		if (this.#stdlib) return this.#result('escape', performance.now(), {});
		const key = await stdlibKey(this.toolchain, compilerPath(this.toolchain));
		const list = await this.#job({ mode: 'escape', files }, undefined, { buildArgs: stdlibListArgs, buildTimeoutMs: timeoutMs, rawOutput: true });
		if (!list.ok) return list;
		const hostPath = (p: string) => (this.sandbox === 'bwrap' ? p.replace(/^\/cache\//, `${this.#cacheDir}/`) : p);
		this.#useStdlib(await installStdlib(this.#stdlibRoot, key, list.stderr, hostPath));
		return list;
	}

	/**
	 * `go vet` on a snippet (what the Go Playground's "withVet" does): ok, or the vet report in
	 * stderr with its diagnostics. Runs nothing.
	 */
	async vet(request: Pick<RunRequest, 'files'>, signal?: AbortSignal): Promise<RunResult> {
		return this.#job({ mode: 'escape', files: request.files }, signal, { buildArgs: ['vet', '.'], buildTimeoutMs: this.limits.buildTimeoutMs });
	}

	async run(request: RunRequest, signal?: AbortSignal): Promise<RunResult> {
		return this.#job(request, signal);
	}

	/** Where this runner's job directories live (each job's is removed when it ends). */
	get jobsDirectory(): string {
		return this.#jobsDir;
	}

	/** Job directories currently on disk (for tests and graceful shutdown). */
	get activeJobs(): number {
		return this.#activeJobs.size;
	}

	async #acquireSlot(): Promise<number> {
		const slot = this.#freeSlots.pop();
		if (slot !== undefined) return slot;
		return new Promise((resolve) => this.#slotWaiters.push(resolve));
	}

	#releaseSlot(slot: number) {
		const next = this.#slotWaiters.shift();
		if (next) next(slot);
		else this.#freeSlots.push(slot);
	}

	#layout(jobDir: string): Layout {
		return this.sandbox === 'bwrap'
			? { job: '/job', cache: '/cache', tmp: '/tmp', stdlib: '/stdlib' }
			: { job: jobDir, cache: this.#cacheDir, tmp: join(jobDir, 'tmp'), stdlib: this.#stdlib?.dir ?? '' };
	}

	async #job(request: RunRequest, signal: AbortSignal | undefined, override?: BuildOverride): Promise<RunResult> {
		const started = performance.now();
		const slot = await this.#acquireSlot();
		const id = randomUUID();
		const jobDir = join(this.#jobsDir, id);
		this.#activeJobs.add(jobDir);
		try {
			if (signal?.aborted) return this.#canceled(request.mode, started);
			const result = await this.#execute(request, signal, jobDir, slot, override);
			// Whatever a killed job looked like, it says nothing about the program.
			if (signal?.aborted) return this.#canceled(request.mode, started);
			return { ...result, durationMs: Math.round(performance.now() - started) };
		} catch (e) {
			return this.#result(request.mode, started, {
				error: {
					code: 'internal_error',
					message: `The playground failed to run this job: ${(e as Error).message}. Try again; if it keeps failing, report it.`,
				},
			});
		} finally {
			await rm(jobDir, { recursive: true, force: true }).catch(() => {});
			this.#activeJobs.delete(jobDir);
			this.#releaseSlot(slot);
		}
	}

	#canceled(mode: Mode, started: number): RunResult {
		return this.#result(mode, started, {
			error: {
				code: 'internal_error',
				message: 'The job was canceled before it finished (the request was abandoned or the server is stopping). Run it again.',
			},
		});
	}

	#result(mode: Mode, started: number, partial: Partial<RunResult>): RunResult {
		return {
			ok: partial.error === null || partial.error === undefined,
			mode,
			goVersion: this.toolchain.version,
			exitCode: null,
			stdout: '',
			stderr: '',
			durationMs: Math.round(performance.now() - started),
			cached: false,
			truncated: false,
			diagnostics: [],
			benchmarks: [],
			tests: null,
			error: null,
			...partial,
		};
	}

	async #execute(request: RunRequest, signal: AbortSignal | undefined, jobDir: string, slot: number, override?: BuildOverride): Promise<RunResult> {
		const started = performance.now();
		const { mode } = request;
		const options: RunOptions = request.options ?? {};
		const fileNames = Object.keys(request.files);
		for (const name of fileNames) {
			// The server validates requests; this guards the build's own callers too.
			if (!fileNamePattern.test(name)) throw new Error(`invalid file name ${JSON.stringify(name)}`);
		}
		const goFiles = new Set(fileNames.filter((n) => n.endsWith('.go')));

		const cgoImport = findCgoImport(request.files);
		if (cgoImport) {
			return this.#result(mode, started, {
				error: {
					code: 'import_not_allowed',
					message: `${cgoImport}: cgo (import "C") is not available in the playground: it runs pure Go only, with no C compiler. Remove the import "C" and write the code in Go.`,
				},
			});
		}

		// Planned before anything is written: a refused import needs no sandbox at all.
		const plan =
			mode === 'escape' && !override && this.#stdlib
				? planEscapeCompile({ files: request.files, stdPackages: this.#stdPackages, context: this.#stdlib.context, goVersion: this.toolchain.version })
				: null;
		if (plan?.kind === 'refuse') return this.#result(mode, started, { error: plan.error, diagnostics: plan.diagnostics });

		const uid = this.#baseUid + slot;
		const srcDir = join(jobDir, 'src');
		const outDir = join(jobDir, 'out');
		const tmpDir = join(jobDir, 'tmp');
		await mkdir(srcDir, { recursive: true });
		await mkdir(outDir);
		await mkdir(tmpDir);
		for (const [name, source] of Object.entries(request.files)) {
			await writeFile(join(srcDir, name), name === 'go.mod' ? withSnippetModule(source, languageVersion(this.toolchain.version)) : source);
		}
		if (!request.files['go.mod']) {
			await writeFile(join(srcDir, 'go.mod'), `module ${snippetModule}\n\ngo ${languageVersion(this.toolchain.version)}\n`);
		}
		if (asRoot && this.sandbox === 'bwrap') {
			for (const dir of [jobDir, srcDir, outDir, tmpDir]) await chown(dir, uid, this.#gid);
		}

		const layout = this.#layout(jobDir);
		const step: StepContext = { jobDir, layout, uid, signal };
		if (plan?.kind === 'compile') return this.#compileEscape(plan.units, plan.lang, options, step, goFiles, started);
		const built = await this.#build(request, step, goFiles, started, override);
		if ('result' in built) return built.result;
		return this.#runProgram(request, step, goFiles, started);
	}

	/**
	 * The build step: the go command (`build`, or `test -c`; or the override's command for vet and
	 * the warm-up) in the sandbox. Answers with a result when the job ends here (a build error,
	 * escape analysis through the go command, an override), otherwise says the program is built.
	 */
	async #build(
		request: RunRequest,
		step: StepContext,
		goFiles: ReadonlySet<string>,
		started: number,
		override: BuildOverride | undefined,
	): Promise<{ result: RunResult } | { built: true }> {
		const { mode } = request;
		const options: RunOptions = request.options ?? {};
		const { layout } = step;
		const outDir = join(step.jobDir, 'out');
		const race = options.race === true && (mode === 'test' || mode === 'run');
		const hasTests = hasTestFiles(request.files);
		const binary = `${layout.job}/out/${mode === 'run' ? 'prog' : 'test.bin'}`;

		// ---- build ------------------------------------------------------------------------------
		const gcflags: string[] = [];
		if (mode === 'escape') gcflags.push(options.escapeDetail === 2 ? '-m=2' : '-m');
		if (options.inlining === false) gcflags.push('-l');
		let buildArgs: string[];
		if (override) buildArgs = override.buildArgs;
		else if (mode === 'run') buildArgs = ['build', '-trimpath', '-o', binary];
		else if (mode === 'escape' && !hasTests) buildArgs = ['build', '-trimpath', '-o', '/dev/null'];
		else buildArgs = ['test', '-c', '-trimpath', '-o', binary];
		if (!override) {
			if (race) buildArgs.push('-race');
			if (gcflags.length > 0) buildArgs.push(`-gcflags=${gcflags.join(' ')}`);
			buildArgs.push('.');
		}

		if ((mode === 'bench' || mode === 'test') && !hasTests) {
			return {
				result: this.#result(mode, started, {
					error: {
						code: 'compile_error',
						message: `${mode === 'bench' ? 'Benchmarks' : 'Tests'} live in a file whose name ends in _test.go, and this snippet has none. Add one (e.g. main_test.go) or use Run.`,
					},
				}),
			};
		}

		const build = await this.#buildStep([`${this.toolchain.goRoot}/bin/go`, ...buildArgs], step, override?.buildTimeoutMs ?? this.limits.buildTimeoutMs, race);
		const compilerText = override?.rawOutput ? build.stderr + build.stdout : this.#withoutSandboxPaths(build.stderr + build.stdout, step);
		const buildFailed = build.exitCode !== 0 || build.timedOut || build.outputLimited || build.canceled;
		const compiled = parseCompilerOutput(compilerText, goFiles, buildFailed);
		if (buildFailed) {
			return {
				result: this.#result(mode, started, {
					exitCode: build.exitCode,
					stderr: compilerText,
					diagnostics: compiled.diagnostics,
					truncated: build.outputLimited,
					error: buildFailure(build, compiled.diagnostics, compiled.other, {
						mode,
						files: request.files,
						limits: this.limits,
						toolchain: this.toolchain,
						output: compilerText,
					}),
				}),
			};
		}
		if (override) return { result: this.#result(mode, started, { stderr: compilerText }) };
		if (mode === 'escape') {
			return { result: this.#result(mode, started, { exitCode: build.exitCode, stderr: compilerText, diagnostics: compiled.diagnostics }) };
		}
		if (mode === 'run' && !(await isExecutable(join(outDir, 'prog')))) {
			return {
				result: this.#result(mode, started, {
					error: {
						code: 'compile_error',
						message:
							'Run needs a program: package main with a func main. This snippet is a library package; use Test or Benchmark, or change it to package main.',
					},
				}),
			};
		}
		return { built: true };
	}

	/** The execution step: the built program, or the test binary, alone in the sandbox with the job's limits. */
	async #runProgram(request: RunRequest, step: StepContext, goFiles: ReadonlySet<string>, started: number): Promise<RunResult> {
		const { mode } = request;
		const options: RunOptions = request.options ?? {};
		const { uid, signal } = step;
		const outDir = join(step.jobDir, 'out');
		const tmpDir = join(step.jobDir, 'tmp');
		const race = options.race === true && (mode === 'test' || mode === 'run');

		const timeoutMs = mode === 'bench' ? this.limits.benchTimeoutMs : this.limits.runTimeoutMs;
		const argv = this.sandbox === 'bwrap' ? ['/prog'] : [join(outDir, mode === 'run' ? 'prog' : 'test.bin')];
		if (mode === 'test') {
			argv.push('-test.v=true', `-test.count=${options.count ?? 1}`, `-test.timeout=${testTimeout(timeoutMs)}`);
			if (options.bench) argv.push(`-test.run=${options.bench}`);
		} else if (mode === 'bench') {
			argv.push(
				'-test.run=^$',
				`-test.bench=${options.bench ?? '.'}`,
				'-test.benchmem',
				`-test.benchtime=${options.benchtime ?? '1s'}`,
				`-test.count=${options.count ?? 1}`,
				`-test.timeout=${testTimeout(timeoutMs)}`,
			);
		}
		const env: Record<string, string> = { HOME: '/tmp', TMPDIR: '/tmp', PATH: '/nonexistent' };
		if (options.godebug && options.godebug.length > 0) env.GODEBUG = options.godebug.join(',');
		const binBinds: Bind[] = this.sandbox === 'bwrap' ? [{ src: join(outDir, mode === 'run' ? 'prog' : 'test.bin'), dest: '/prog' }] : [];
		const wallSeconds = Math.ceil(timeoutMs / 1000);
		const cpuSeconds = mode === 'bench' ? wallSeconds * fixedLimits.benchCpuPerWallSecond : Math.min(wallSeconds, this.limits.runCpuSeconds);
		const exec = await runSandboxed(
			{
				argv,
				binds: binBinds,
				env,
				cwd: this.sandbox === 'bwrap' ? '/tmp' : tmpDir,
				system: race,
				timeoutMs,
				cpuSeconds,
				memoryBytes: this.limits.memoryBytes,
				limitData: !race,
				processes: this.limits.processes,
				fileSizeBytes: this.limits.fileSizeBytes,
				tmpBytes: this.limits.fileSizeBytes,
				outputBytes: this.limits.outputBytes,
				uid,
				gid: this.#gid,
				signal,
			},
			this.#sandboxOptions,
		);
		const testCounts = mode === 'test' || mode === 'bench' ? parseTestOutput(exec.stdout) : null;
		const error = classifyOutcome(exec, {
			mode,
			limits: this.limits,
			files: goFiles,
			timeoutMs,
			testsFailed: testCounts?.failed ?? 0,
			failedTests: testCounts?.failures ?? [],
			cpuSeconds,
		});
		const runtime = runtimeDiagnostic(exec.stderr, error, Object.fromEntries(Object.entries(request.files).filter(([name]) => goFiles.has(name))));
		return this.#result(mode, started, {
			exitCode: exec.exitCode,
			stdout: exec.stdout,
			stderr: exec.stderr,
			truncated: exec.outputLimited,
			diagnostics: runtime ? [runtime] : [],
			benchmarks: mode === 'bench' ? parseBenchOutput(exec.stdout) : [],
			tests: mode === 'test' && testCounts ? { passed: testCounts.passed, failed: testCounts.failed } : null,
			error,
		});
	}

	/**
	 * Escape analysis as the compiler's own steps (escape-compile.ts): each unit in the build
	 * step's sandbox and limits, the whole within the build's time limit, stopping at the first
	 * that fails (as `go test -c` does: the external test imports the package).
	 */
	async #compileEscape(
		units: CompileUnit[],
		lang: string,
		options: RunOptions,
		step: StepContext,
		goFiles: ReadonlySet<string>,
		started: number,
	): Promise<RunResult> {
		const stdlib = this.#stdlib!;
		const out = `${step.layout.job}/out`;
		const flags = [options.escapeDetail === 2 ? '-m=2' : '-m'];
		if (options.inlining === false) flags.push('-l');
		const deadline = performance.now() + this.limits.buildTimeoutMs;
		let text = '';
		let build: SandboxOutcome | null = null;
		for (const unit of units) {
			const cfg = `${unit.archive}.importcfg`;
			const own = Object.fromEntries(Object.entries(unit.imports).map(([path, archive]) => [path, `${out}/${archive}`]));
			await writeFile(join(step.jobDir, 'out', cfg), importcfg(stdlib, step.layout.stdlib, own));
			const argv = [
				compilerPath(this.toolchain),
				'-o',
				`${out}/${unit.archive}`,
				'-trimpath',
				`${step.layout.job}/src=>${snippetModule}`,
				'-p',
				unit.packagePath,
				`-lang=${lang}`,
				...flags,
				'-nolocalimports',
				'-importcfg',
				`${out}/${cfg}`,
				'-pack',
				...unit.files.map((f) => `./${f}`),
			];
			build = await this.#buildStep(argv, step, Math.max(1, Math.round(deadline - performance.now())), false, true);
			// Under RLIMIT_DATA the Go runtime reports a failed allocation, or, when not even its
			// start-up reservations fit, dies by SIGSEGV before printing anything.
			if (build.stdout === '' && build.stderr === '' && (build.exitCode === 139 || build.signal === 'SIGSEGV')) build = { ...build, oomKilled: true };
			// The compiler prints its diagnostics, -m and errors alike, on stdout.
			text += this.#withoutSandboxPaths(build.stdout + build.stderr, step);
			if (build.exitCode !== 0 || build.timedOut || build.outputLimited || build.canceled) break;
		}
		const failed = build!.exitCode !== 0 || build!.timedOut || build!.outputLimited || build!.canceled;
		const compiled = parseCompilerOutput(text, goFiles, failed);
		return this.#result('escape', started, {
			exitCode: build!.exitCode,
			stderr: text,
			diagnostics: compiled.diagnostics,
			truncated: build!.outputLimited,
			error: failed
				? buildFailure(build!, compiled.diagnostics, compiled.other, {
						mode: 'escape',
						files: Object.fromEntries([...goFiles].map((f) => [f, ''])),
						limits: this.limits,
						toolchain: this.toolchain,
						output: text,
					})
				: null,
		});
	}

	/**
	 * One build-step command (the go command or the compiler) in the sandbox, with the build's
	 * limits. `oneProcess`: the compiler alone, bounded by its rlimits without a cgroup (see
	 * SandboxSpec.jobCgroup); the go command starts processes of its own and gets one.
	 */
	#buildStep(argv: string[], step: StepContext, timeoutMs: number, cgo: boolean, oneProcess = false): Promise<SandboxOutcome> {
		return runSandboxed(
			{
				argv,
				binds: this.#buildBinds(step.jobDir),
				env: buildEnv(this.toolchain, { cache: step.layout.cache, tmp: step.layout.tmp }, cgo),
				cwd: `${step.layout.job}/src`,
				system: true,
				timeoutMs,
				cpuSeconds: Math.ceil(timeoutMs / 1000) * fixedLimits.buildCpuPerWallSecond,
				memoryBytes: this.limits.buildMemoryBytes,
				limitData: oneProcess,
				jobCgroup: !oneProcess,
				processes: fixedLimits.buildProcesses,
				fileSizeBytes: fixedLimits.buildFileBytes,
				tmpBytes: fixedLimits.buildTmpBytes,
				outputBytes: fixedLimits.buildOutputFactor * this.limits.outputBytes,
				uid: step.uid,
				gid: this.#gid,
				signal: step.signal,
			},
			this.#sandboxOptions,
		);
	}

	/**
	 * Output of the build step with the job's sandbox paths (`/job/src`, or in the unsafe mode the
	 * state directory) taken out of the go command's own lines. Lines at a snippet position are
	 * the compiler's, already trimmed (-trimpath), and hold user text that stays as it is.
	 */
	#withoutSandboxPaths(text: string, step: StepContext): string {
		const roots = [...new Set([step.layout.job, step.jobDir])];
		return text
			.split('\n')
			.map((line) => {
				if (/^(?:\.\/|play\/)?[^\s:/]+\.go:\d+/.test(line)) return line;
				for (const root of roots) line = line.replaceAll(`${root}/src/`, './').replaceAll(`${root}/src`, '.').replaceAll(`${root}/`, '');
				return line.replaceAll(this.#stateDir, '$PLAYBOOK_STATE_DIR').replaceAll(`${step.layout.cache}/`, '$GOCACHE/');
			})
			.join('\n');
	}

	#buildBinds(jobDir: string): Bind[] {
		if (this.sandbox !== 'bwrap') return [];
		const binds: Bind[] = [
			{ src: jobDir, dest: '/job', writable: true },
			{ src: this.#cacheDir, dest: '/cache', writable: true },
		];
		// A GOROOT outside /usr (e.g. /usr/local/go is inside; ~/sdk/go is not) is bound read-only.
		if (!this.toolchain.goRoot.startsWith('/usr/')) binds.push({ src: this.toolchain.goRoot, dest: this.toolchain.goRoot });
		if (this.#stdlib) binds.push({ src: this.#stdlib.dir, dest: '/stdlib' });
		return binds;
	}
}

/** `-test.timeout` for a step of this wall limit. */
function testTimeout(timeoutMs: number): string {
	return `${Math.max(1, Math.floor(timeoutMs / 1000) - fixedLimits.testTimeoutMarginSeconds)}s`;
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

/**
 * Whether `go build -o` produced a program: for a package other than main it writes the
 * package's archive ("!<arch>") to the same path instead of failing.
 */
async function isExecutable(path: string): Promise<boolean> {
	if (!existsSync(path)) return false;
	const handle = await open(path, 'r');
	try {
		const head = Buffer.alloc(8);
		await handle.read(head, 0, 8, 0);
		return !head.toString('latin1').startsWith('!<arch>');
	} finally {
		await handle.close();
	}
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

/** "main.go:3" when a file imports "C" (cgo), which the playground does not allow. */
export function findCgoImport(files: Record<string, string>): string | null {
	for (const [name, source] of Object.entries(files)) {
		if (!name.endsWith('.go')) continue;
		const c = findImports(source).find((i) => i.path === 'C');
		if (c) return `${name}:${c.line}`;
	}
	return null;
}

/**
 * A snippet's own go.mod as the build needs it: its module path replaced by the one the runner
 * gives every snippet (the diagnostics' file names are relative to it, "play/main.go", and a
 * snippet is one package, so the path has no other use), and a `go` line with the toolchain's
 * language version when it has none. Without one, the go command (-mod=mod) would write that line
 * into go.mod itself, which is read-only in the sandbox, and every build of the Go Playground's
 * own "-- go.mod --\nmodule play.ground" pattern would fail; and an older language version
 * would not be what the snippet means. Everything else in the file is kept.
 */
export function withSnippetModule(goMod: string, goVersion: string): string {
	// The first line whose first word is module, path or not, keeping a trailing comment.
	const directive = /^([ \t\r]*)module(?=[ \t\r(/]|$)[^\n]*?([ \t\r]*\/\/[^\n]*)?$/m;
	let out = directive.test(goMod) ? goMod.replace(directive, `$1module ${snippetModule}$2`) : `module ${snippetModule}\n${goMod}`;
	if (!/^[ \t\r]*go(?=[ \t\r/]|$)/m.test(out)) out = `${out}${out.endsWith('\n') ? '' : '\n'}\ngo ${goVersion}\n`;
	return out;
}
