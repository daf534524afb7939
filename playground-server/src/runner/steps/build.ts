/**
 * The build step of a run, test or benchmark job (and of escape analysis or the assembly listing
 * before the standard library's export data is ready): `go build` or `go test -c` in the sandbox, which sees the
 * toolchain, the shared build cache and the job's sources.
 */
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { hasTestFiles, type RunOptions, type RunRequest, type RunResult } from '../../contract/index.ts';
import { parseAssembly } from '../parse/asm.ts';
import { jobResult, type JobContext } from './context.ts';
import { goCommand } from './go-command.ts';

/** Where the program or test binary is written, as the sandbox sees it. */
export function binaryName(mode: RunRequest['mode']): string {
	return mode === 'run' ? 'prog' : 'test.bin';
}

/**
 * Builds the job's program. Answers with a result when the job ends here (a build error, or
 * escape analysis through the go command), otherwise says the program is built.
 */
export async function buildProgram(job: JobContext, request: RunRequest, goFiles: ReadonlySet<string>): Promise<{ result: RunResult } | { built: true }> {
	const { mode } = request;
	const options: RunOptions = request.options ?? {};
	const race = options.race === true && (mode === 'test' || mode === 'run');
	const hasTests = hasTestFiles(request.files);
	if ((mode === 'bench' || mode === 'test') && !hasTests) {
		return {
			result: jobResult(job, {
				error: {
					code: 'compile_error',
					message: `${mode === 'bench' ? 'Benchmarks' : 'Tests'} live in a file whose name ends in _test.go, and this snippet has none. Add one (e.g. main_test.go) or use Run.`,
				},
			}),
		};
	}

	const binary = `${job.layout.job}/out/${binaryName(mode)}`;
	const gcflags: string[] = [];
	if (mode === 'escape') gcflags.push(options.escapeDetail === 2 ? '-m=2' : '-m');
	if (mode === 'asm') gcflags.push('-S=2');
	if (options.inlining === false) gcflags.push('-l');
	let args: string[];
	if (mode === 'run') args = ['build', '-trimpath', '-o', binary];
	else if ((mode === 'escape' || mode === 'asm') && !hasTests) args = ['build', '-trimpath', '-o', '/dev/null'];
	else args = ['test', '-c', '-trimpath', '-o', binary];
	if (race) args.push('-race');
	if (gcflags.length > 0) args.push(`-gcflags=${gcflags.join(' ')}`);
	args.push('.');

	const build = await goCommand(job, args, { timeoutMs: job.runner.limits.buildTimeoutMs, cgo: race, files: request.files, goFiles });
	if (build.failure) return { result: build.failure };
	if (mode === 'escape') return { result: jobResult(job, { exitCode: build.outcome.exitCode, stderr: build.text, diagnostics: build.diagnostics }) };
	if (mode === 'asm') {
		const listing = parseAssembly(build.text, goFiles);
		return {
			result: jobResult(job, { exitCode: build.outcome.exitCode, stderr: listing.rest.trim(), diagnostics: build.diagnostics, assembly: listing.functions }),
		};
	}
	if (mode === 'run' && !(await isExecutable(join(job.jobDir, 'out', 'prog')))) {
		return {
			result: jobResult(job, {
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
