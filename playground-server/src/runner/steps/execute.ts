/**
 * The execution step: the built program, or the test binary, alone in the sandbox with the job's
 * limits. The sandbox sees only the binary and a private /tmp.
 */
import { join } from 'node:path';
import type { Diagnostic, RunOptions, RunRequest, RunResult } from '../../contract/index.ts';
import { fixedLimits } from '../limits.ts';
import { classifyOutcome, runtimeDiagnostic } from '../outcome.ts';
import { parseBenchOutput } from '../parse/bench.ts';
import { parseTestOutput, testFailureLines } from '../parse/tests.ts';
import { runSandboxed, type Bind } from '../sandbox.ts';
import { binaryName } from './build.ts';
import { jobResult, type JobContext } from './context.ts';

export async function runProgram(job: JobContext, request: RunRequest, goFiles: ReadonlySet<string>): Promise<RunResult> {
	const { runner } = job;
	const { limits } = runner;
	const { mode } = request;
	const options: RunOptions = request.options ?? {};
	const race = options.race === true && (mode === 'test' || mode === 'run');
	const binary = join(job.jobDir, 'out', binaryName(mode));
	const bwrap = runner.sandbox === 'bwrap';

	const timeoutMs = mode === 'bench' ? limits.benchTimeoutMs : limits.runTimeoutMs;
	const argv = bwrap ? ['/prog'] : [binary];
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
	const binds: Bind[] = bwrap ? [{ src: binary, dest: '/prog' }] : [];
	const wallSeconds = Math.ceil(timeoutMs / 1000);
	const cpuSeconds = mode === 'bench' ? wallSeconds * fixedLimits.benchCpuPerWallSecond : Math.min(wallSeconds, limits.runCpuSeconds);
	const exec = await runSandboxed(
		{
			argv,
			binds,
			env,
			cwd: bwrap ? '/tmp' : join(job.jobDir, 'tmp'),
			system: race,
			timeoutMs,
			cpuSeconds,
			memoryBytes: limits.memoryBytes,
			limitData: !race,
			processes: limits.processes,
			fileSizeBytes: limits.fileSizeBytes,
			tmpBytes: limits.fileSizeBytes,
			outputBytes: limits.outputBytes,
			uid: job.uid,
			gid: runner.gid,
			signal: job.signal,
		},
		runner.sandboxOptions,
	);
	const testCounts = mode === 'test' || mode === 'bench' ? parseTestOutput(exec.stdout) : null;
	const error = classifyOutcome(exec, {
		mode,
		limits,
		files: goFiles,
		timeoutMs,
		testsFailed: testCounts?.failed ?? 0,
		failedTests: testCounts?.failures ?? [],
		cpuSeconds,
	});
	const sources = Object.fromEntries(Object.entries(request.files).filter(([name]) => goFiles.has(name)));
	const runtime = runtimeDiagnostic(exec.stderr, error, sources);
	// A failing test's t.Errorf/t.Fatalf lines, marked like a panic (from the line's first statement).
	const failures =
		mode === 'test' && error?.code === 'tests_failed'
			? testFailureLines(exec.stdout, sources).map((f): Diagnostic => {
					const text = sources[f.file]?.split('\n')[f.line - 1] ?? '';
					return {
						file: f.file,
						line: f.line,
						col: Buffer.byteLength(/^\s*/.exec(text)?.[0] ?? '', 'utf8') + 1,
						kind: 'runtime-error',
						message: `${f.test}: ${f.message}`,
					};
				})
			: [];
	return jobResult(job, {
		exitCode: exec.exitCode,
		stdout: exec.stdout,
		stderr: exec.stderr,
		truncated: exec.outputLimited,
		diagnostics: [...(runtime ? [runtime] : []), ...failures],
		benchmarks: mode === 'bench' ? parseBenchOutput(exec.stdout) : [],
		tests: mode === 'test' && testCounts ? { passed: testCounts.passed, failed: testCounts.failed } : null,
		error,
	});
}

/** `-test.timeout` for a step of this wall limit. */
function testTimeout(timeoutMs: number): string {
	return `${Math.max(1, Math.floor(timeoutMs / 1000) - fixedLimits.testTimeoutMarginSeconds)}s`;
}
