/**
 * What every step of a job works with: the runner's fixed parts (toolchain, limits, sandbox, the
 * shared build cache and standard-library export data) and the job's own (its directory, slot uid,
 * cancel signal), and the helpers the steps share to run a build command in the sandbox and to
 * shape a result.
 */
import { join } from 'node:path';
import { runResultOf, type Mode, type RunResult } from '../../contract/index.ts';
import { fixedLimits, type Limits } from '../limits.ts';
import { runSandboxed, type Bind, type SandboxKind, type SandboxOptions, type SandboxOutcome } from '../sandbox.ts';
import type { Stdlib } from '../stdlib.ts';
import { buildEnv, type Toolchain } from '../toolchain.ts';

/** The runner's parts a step reads; fixed for the runner's life except the export data. */
export interface RunnerParts {
	toolchain: Toolchain;
	limits: Limits;
	sandbox: SandboxKind;
	sandboxOptions: SandboxOptions;
	/** The group every slot shares with the build cache. */
	gid: number;
	stateDir: string;
	cacheDir: string;
	/** The standard library's export data for direct compiles; null until warm() prepared it. */
	stdlib: Stdlib | null;
}

/** Paths as the sandboxed command sees them (`/job`… under bubblewrap, host paths without it). */
export interface Layout {
	job: string;
	cache: string;
	tmp: string;
	/** The standard library's export data (read-only). */
	stdlib: string;
}

export interface JobContext {
	runner: RunnerParts;
	/** The mode the result reports (vet and the warm-up report the mode of what they check). */
	mode: Mode;
	jobDir: string;
	layout: Layout;
	uid: number;
	signal: AbortSignal | undefined;
	/** performance.now() when the job was asked for. */
	started: number;
}

export function layoutOf(runner: RunnerParts, jobDir: string): Layout {
	return runner.sandbox === 'bwrap'
		? { job: '/job', cache: '/cache', tmp: '/tmp', stdlib: '/stdlib' }
		: { job: jobDir, cache: runner.cacheDir, tmp: join(jobDir, 'tmp'), stdlib: runner.stdlib?.dir ?? '' };
}

export function emptyResult(mode: Mode, goVersion: string, started: number, partial: Partial<RunResult>): RunResult {
	return runResultOf(mode, goVersion, { durationMs: Math.round(performance.now() - started), ...partial });
}

/** A result of this job. */
export function jobResult(job: JobContext, partial: Partial<RunResult>): RunResult {
	return emptyResult(job.mode, job.runner.toolchain.version, job.started, partial);
}

export function stepFailed(outcome: SandboxOutcome): boolean {
	return outcome.exitCode !== 0 || outcome.timedOut || outcome.outputLimited || outcome.canceled;
}

/**
 * One build-step command (the go command or the compiler) in the sandbox, with the build's
 * limits. `oneProcess`: the compiler alone, bounded by its rlimits without a cgroup (see
 * SandboxSpec.jobCgroup); the go command starts processes of its own and gets one.
 */
export function runBuildCommand(job: JobContext, argv: string[], timeoutMs: number, o: { cgo?: boolean; oneProcess?: boolean } = {}): Promise<SandboxOutcome> {
	const { runner, layout } = job;
	const oneProcess = o.oneProcess === true;
	return runSandboxed(
		{
			argv,
			binds: buildBinds(job, oneProcess),
			env: buildEnv(runner.toolchain, { cache: layout.cache, tmp: layout.tmp }, o.cgo === true),
			cwd: `${layout.job}/src`,
			system: true,
			timeoutMs,
			cpuSeconds: Math.ceil(timeoutMs / 1000) * fixedLimits.buildCpuPerWallSecond,
			memoryBytes: runner.limits.buildMemoryBytes,
			limitData: oneProcess,
			jobCgroup: !oneProcess,
			processes: fixedLimits.buildProcesses,
			fileSizeBytes: fixedLimits.buildFileBytes,
			tmpBytes: fixedLimits.buildTmpBytes,
			outputBytes: fixedLimits.buildOutputFactor * runner.limits.outputBytes,
			uid: job.uid,
			gid: runner.gid,
			signal: job.signal,
		},
		runner.sandboxOptions,
	);
}

/** The direct compile needs neither the build cache nor anything but the sources and export data. */
function buildBinds(job: JobContext, compileOnly: boolean): Bind[] {
	const { runner } = job;
	if (runner.sandbox !== 'bwrap') return [];
	const binds: Bind[] = [{ src: job.jobDir, dest: '/job', writable: true }];
	if (!compileOnly) binds.push({ src: runner.cacheDir, dest: '/cache', writable: true });
	// A GOROOT outside /usr (e.g. /usr/local/go is inside; ~/sdk/go is not) is bound read-only.
	if (!runner.toolchain.goRoot.startsWith('/usr/')) binds.push({ src: runner.toolchain.goRoot, dest: runner.toolchain.goRoot });
	if (runner.stdlib) binds.push({ src: runner.stdlib.dir, dest: '/stdlib' });
	return binds;
}

/**
 * Output of the build step with the job's sandbox paths (`/job/src`, or in the unsafe mode the
 * state directory) taken out of the go command's own lines. Lines at a snippet position are
 * the compiler's, already trimmed (-trimpath), and hold user text that stays as it is.
 */
export function withoutSandboxPaths(job: JobContext, text: string): string {
	const roots = [...new Set([job.layout.job, job.jobDir])];
	return text
		.split('\n')
		.map((line) => {
			if (/^(?:\.\/|play\/)?[^\s:/]+\.go:\d+/.test(line)) return line;
			for (const root of roots) line = line.replaceAll(`${root}/src/`, './').replaceAll(`${root}/src`, '.').replaceAll(`${root}/`, '');
			return line.replaceAll(job.runner.stateDir, '$PLAYBOOK_STATE_DIR').replaceAll(`${job.layout.cache}/`, '$GOCACHE/');
		})
		.join('\n');
}
