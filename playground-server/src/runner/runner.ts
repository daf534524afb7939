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
import type { Mode, RunError, RunOptions, RunRequest, RunResult } from '../contract/index.ts';
import { fileNamePattern } from '../contract/index.ts';
import type { CgroupManager } from './cgroup.ts';
import { formatBytes, type Limits } from './limits.ts';
import { runSandboxed, type Bind, type SandboxKind, type SandboxOutcome } from './sandbox.ts';
import { buildEnv, languageVersion, type Toolchain } from './toolchain.ts';
import { parseCompilerOutput, snippetModule } from './parse/compiler.ts';
import { parseBenchOutput } from './parse/bench.ts';
import { parseTestOutput } from './parse/tests.ts';
import { classifyOutcome, runtimeDiagnostic } from './outcome.ts';
import { findImports } from './imports.ts';

export interface RunnerOptions {
	toolchain: Toolchain;
	/** Where the build cache and job directories live. */
	stateDir: string;
	limits: Limits;
	sandbox: SandboxKind;
	cgroups: CgroupManager;
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
/** Largest file a build may write (object files, the binary). */
const buildFileBytes = 64 * 1024 * 1024;

/**
 * A go command other than the mode's own build: warming the cache (`go build std`) or `go vet`.
 * Its output is the answer; nothing is executed.
 */
interface BuildOverride {
	buildArgs: string[];
	buildTimeoutMs: number;
}

interface Layout {
	job: string;
	cache: string;
	tmp: string;
}

export class Runner {
	readonly toolchain: Toolchain;
	readonly limits: Limits;
	readonly sandbox: SandboxKind;
	readonly cgroups: CgroupManager;
	readonly #stateDir: string;
	readonly #cacheDir: string;
	readonly #jobsDir: string;
	readonly #baseUid: number;
	readonly #freeSlots: number[];
	readonly #slotWaiters: ((slot: number) => void)[] = [];
	readonly #activeJobs = new Set<string>();
	readonly #maxCacheBytes: number;
	/** What prepare() found in the shared build cache. */
	cacheCheck: { bytes: number; emptied: boolean } | null = null;

	constructor(options: RunnerOptions) {
		this.toolchain = options.toolchain;
		this.limits = options.limits;
		this.sandbox = options.sandbox;
		this.cgroups = options.cgroups;
		this.#stateDir = options.stateDir;
		this.#cacheDir = join(options.stateDir, 'gocache');
		// Per runner, named after its process: the build and a running server may share a state
		// directory (and its cache), and one process may hold several runners.
		this.#jobsDir = join(options.stateDir, 'jobs', `${process.pid}-${++runnerCounter}`);
		this.#baseUid = options.baseUid ?? 61000;
		this.#freeSlots = Array.from({ length: options.slots }, (_, i) => i);
		this.#maxCacheBytes = options.maxCacheBytes ?? Number.POSITIVE_INFINITY;
	}

	get goVersion(): string {
		return this.toolchain.version;
	}

	/** One group for every runner's slots, so they share the build cache. */
	readonly #gid = 61000;

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
	 * once, so that a job only compiles its own package. Takes about 30 s on a cold cache.
	 */
	async warm(extraTimeoutMs = 10 * 60_000): Promise<RunResult> {
		const warmFiles = {
			'warm_test.go': `package warm\n\nimport (\n\t"encoding/json"\n\t"fmt"\n\t"testing"\n)\n\nfunc TestWarm(t *testing.T) { _, _ = json.Marshal(fmt.Sprint(1)) }\n`,
		};
		const std = await this.#job({ mode: 'escape', files: warmFiles }, undefined, { buildArgs: ['build', 'std'], buildTimeoutMs: extraTimeoutMs });
		if (!std.ok) return std;
		// The test binary's own dependencies (testing and what it links), with the warm-up's time
		// limit: on a cold cache and a busy machine they take longer than a job's build may.
		const test = await this.#job({ mode: 'test', files: warmFiles }, undefined, { buildArgs: ['test', '-c', '-o', '/dev/null', '.'], buildTimeoutMs: extraTimeoutMs });
		if (!test.ok) return test;
		// The race runtime and the standard library built with -race take another ~20 s cold:
		// without this, the first race job of a fresh cache would hit the build time limit.
		return this.#job({ mode: 'test', files: warmFiles, options: { race: true } }, undefined, {
			buildArgs: ['test', '-c', '-race', '-o', '/dev/null', '.'],
			buildTimeoutMs: extraTimeoutMs,
		});
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
			? { job: '/job', cache: '/cache', tmp: '/tmp' }
			: { job: jobDir, cache: this.#cacheDir, tmp: join(jobDir, 'tmp') };
	}

	async #job(
		request: RunRequest,
		signal: AbortSignal | undefined,
		override?: BuildOverride,
	): Promise<RunResult> {
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
				error: { code: 'internal_error', message: `The playground failed to run this job: ${(e as Error).message}. Try again; if it keeps failing, report it.` },
			});
		} finally {
			await rm(jobDir, { recursive: true, force: true }).catch(() => {});
			this.#activeJobs.delete(jobDir);
			this.#releaseSlot(slot);
		}
	}

	#canceled(mode: Mode, started: number): RunResult {
		return this.#result(mode, started, {
			error: { code: 'internal_error', message: 'The job was canceled before it finished (the request was abandoned or the server is stopping). Run it again.' },
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

	async #execute(
		request: RunRequest,
		signal: AbortSignal | undefined,
		jobDir: string,
		slot: number,
		override?: BuildOverride,
	): Promise<RunResult> {
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
				error: { code: 'import_not_allowed', message: `${cgoImport}: cgo (import "C") is not available in the playground: it runs pure Go only, with no C compiler. Remove the import "C" and write the code in Go.` },
			});
		}

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
		const race = options.race === true && (mode === 'test' || mode === 'run');
		const hasTests = fileNames.some((n) => n.endsWith('_test.go'));
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
			return this.#result(mode, started, {
				error: { code: 'compile_error', message: `${mode === 'bench' ? 'Benchmarks' : 'Tests'} live in a file whose name ends in _test.go, and this snippet has none. Add one (e.g. main_test.go) or use Run.` },
			});
		}

		const build = await runSandboxed(
			{
				argv: [`${this.toolchain.goRoot}/bin/go`, ...buildArgs],
				binds: this.#buildBinds(jobDir),
				env: buildEnv(this.toolchain, { cache: layout.cache, tmp: layout.tmp }, race),
				cwd: `${layout.job}/src`,
				system: true,
				timeoutMs: override?.buildTimeoutMs ?? this.limits.buildTimeoutMs,
				cpuSeconds: Math.ceil((override?.buildTimeoutMs ?? this.limits.buildTimeoutMs) / 1000) * 4,
				memoryBytes: this.limits.buildMemoryBytes,
				limitData: false,
				processes: 1024,
				// Compiled packages land in the shared build cache, which nothing bounds: a snippet
				// with a 64 KiB source can describe a huge initialized array or string constant.
				// Real packages, race-instrumented test binaries included, stay far below this.
				fileSizeBytes: buildFileBytes,
				tmpBytes: 512 * 1024 * 1024,
				outputBytes: 4 * this.limits.outputBytes,
				uid,
				gid: this.#gid,
				signal,
			},
			{ kind: this.sandbox, cgroups: this.cgroups },
		);
		const compilerText = build.stderr + build.stdout;
		const buildFailed = build.exitCode !== 0 || build.timedOut || build.outputLimited || build.canceled;
		const compiled = parseCompilerOutput(compilerText, goFiles, buildFailed);
		if (buildFailed) {
			return this.#result(mode, started, {
				exitCode: build.exitCode,
				stderr: compilerText,
				diagnostics: compiled.diagnostics,
				truncated: build.outputLimited,
				error: this.#buildError(build, compiled.diagnostics, compiled.other, mode),
			});
		}
		if (override) return this.#result(mode, started, { stderr: compilerText });
		if (mode === 'escape') {
			return this.#result(mode, started, { exitCode: build.exitCode, stderr: compilerText, diagnostics: compiled.diagnostics });
		}
		if (mode === 'run' && !(await isExecutable(join(outDir, 'prog')))) {
			return this.#result(mode, started, {
				error: { code: 'compile_error', message: 'Run needs a program: package main with a func main. This snippet is a library package; use Test or Benchmark, or change it to package main.' },
			});
		}

		// ---- execute ----------------------------------------------------------------------------
		const timeoutMs = mode === 'bench' ? this.limits.benchTimeoutMs : this.limits.runTimeoutMs;
		const argv = this.sandbox === 'bwrap' ? ['/prog'] : [join(outDir, mode === 'run' ? 'prog' : 'test.bin')];
		if (mode === 'test') {
			argv.push('-test.v=true', `-test.count=${options.count ?? 1}`, `-test.timeout=${Math.max(1, Math.floor(timeoutMs / 1000) - 1)}s`);
			if (options.bench) argv.push(`-test.run=${options.bench}`);
		} else if (mode === 'bench') {
			argv.push(
				'-test.run=^$',
				`-test.bench=${options.bench ?? '.'}`,
				'-test.benchmem',
				`-test.benchtime=${options.benchtime ?? '1s'}`,
				`-test.count=${options.count ?? 1}`,
				`-test.timeout=${Math.max(1, Math.floor(timeoutMs / 1000) - 1)}s`,
			);
		}
		const env: Record<string, string> = { HOME: '/tmp', TMPDIR: '/tmp', PATH: '/nonexistent' };
		if (options.godebug && options.godebug.length > 0) env.GODEBUG = options.godebug.join(',');
		const binBinds: Bind[] =
			this.sandbox === 'bwrap' ? [{ src: join(outDir, mode === 'run' ? 'prog' : 'test.bin'), dest: '/prog' }] : [];
		const wallSeconds = Math.ceil(timeoutMs / 1000);
		const cpuSeconds = mode === 'bench' ? wallSeconds * 2 : Math.min(wallSeconds, this.limits.runCpuSeconds);
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
			{ kind: this.sandbox, cgroups: this.cgroups },
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

	#buildBinds(jobDir: string): Bind[] {
		if (this.sandbox !== 'bwrap') return [];
		const binds: Bind[] = [
			{ src: jobDir, dest: '/job', writable: true },
			{ src: this.#cacheDir, dest: '/cache', writable: true },
		];
		// A GOROOT outside /usr (e.g. /usr/local/go is inside; ~/sdk/go is not) is bound read-only.
		if (!this.toolchain.goRoot.startsWith('/usr/')) binds.push({ src: this.toolchain.goRoot, dest: this.toolchain.goRoot });
		return binds;
	}

	#buildError(build: SandboxOutcome, diagnostics: RunResult['diagnostics'], other: string[], mode: Mode): RunError {
		if (build.timedOut) {
			return { code: 'timeout', message: `Compiling took longer than ${this.limits.buildTimeoutMs / 1000} s and was stopped. Very large constants, arrays or generated code can do this; make the snippet smaller.` };
		}
		if (build.outputLimited) {
			return { code: 'output_limit', message: `The compiler printed more than ${formatBytes(4 * this.limits.outputBytes)}; the output was cut. Turn off escape-analysis detail or make the snippet smaller.` };
		}
		if (build.oomKilled) {
			return { code: 'memory_limit', message: `The compiler used more than ${formatBytes(this.limits.buildMemoryBytes)} of memory. Very large constants or composite literals can do this; make them smaller.` };
		}
		const text = [...other, ...diagnostics.map((d) => d.message)].join('\n');
		if (/no space left on device|file too large/i.test(text) || build.signal === 'SIGXFSZ') {
			return {
				code: 'file_size_limit',
				message: `The compiled program is larger than the playground builds (${formatBytes(buildFileBytes)} per file): a very large initialized array, composite literal or string constant does this. Make it smaller, or build it at run time (make and a loop).`,
			};
		}
		const missing = /(?:cannot find module providing package|no required module provides package|package) ("?)([^\s"]+)\1(?::| is not in std)/.exec(
			other.find((l) => /cannot find module providing package|no required module provides package|is not in std/.test(l)) ??
				diagnostics.find((d) => /cannot find module providing package|no required module provides package|is not in std/.test(d.message))?.message ??
				'',
		);
		if (missing || /module lookup disabled by GOPROXY=off/.test(text)) {
			const d = diagnostics.find((x) => /module|not in std/.test(x.message));
			const at = d ? `${d.file}:${d.line}: ` : '';
			const pkg = missing?.[2] ? `"${missing[2]}"` : 'an imported package';
			return {
				code: 'import_not_allowed',
				message: `${at}${pkg} is not in the standard library. The playground has no network and downloads no modules, so only standard-library imports work; copy the code you need into the snippet.`,
			};
		}
		const errors = diagnostics.filter((d) => d.kind === 'error');
		const first = errors[0];
		if (first) {
			const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
			return { code: 'compile_error', message: `Compile error at ${first.file}:${first.line}:${first.col}: ${first.message}${more}. Fix that line and run again.` };
		}
		const goLine = other.find((l) => /^(?:go|go build|go test|\S+\.go|can't load package|package )/.test(l)) ?? other[0];
		return {
			code: 'compile_error',
			message: `The ${mode === 'escape' ? 'compiler' : 'build'} failed: ${goLine ?? `exit status ${build.exitCode}`}`,
		};
	}
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
