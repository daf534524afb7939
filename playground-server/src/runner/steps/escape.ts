/**
 * Escape analysis and the assembly listing as the compiler's own steps (escape-compile.ts plans
 * them): each unit compiled by `compile` directly against the standard library's export data, in
 * the build step's sandbox and limits, the whole within the build's time limit, stopping at the
 * first that fails (as `go test -c` does: the external test imports the package). Nothing is
 * linked. The job's mode says which: -m (escape) or -S=2 (asm, see parse/asm.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOptions, RunResult } from '../../contract/index.ts';
import { buildFailure } from '../build-errors.ts';
import type { CompileUnit } from '../escape-compile.ts';
import { parseAssembly } from '../parse/asm.ts';
import { parseCompilerOutput, snippetModule } from '../parse/compiler.ts';
import type { SandboxOutcome } from '../sandbox.ts';
import { compilerPath, importcfg, type Stdlib } from '../stdlib.ts';
import { jobResult, runBuildCommand, stepFailed, withoutSandboxPaths, type JobContext } from './context.ts';

export async function compileEscape(
	job: JobContext,
	stdlib: Stdlib,
	plan: { units: CompileUnit[]; lang: string },
	options: RunOptions,
	goFiles: ReadonlySet<string>,
): Promise<RunResult> {
	const { toolchain, limits } = job.runner;
	const out = `${job.layout.job}/out`;
	const flags = job.mode === 'asm' ? ['-S=2'] : [options.escapeDetail === 2 ? '-m=2' : '-m'];
	if (options.inlining === false) flags.push('-l');
	const deadline = performance.now() + limits.buildTimeoutMs;
	let text = '';
	let build: SandboxOutcome | null = null;
	for (const unit of plan.units) {
		const cfg = `${unit.archive}.importcfg`;
		const own = Object.fromEntries(Object.entries(unit.imports).map(([path, archive]) => [path, `${out}/${archive}`]));
		writeFileSync(join(job.jobDir, 'out', cfg), importcfg(stdlib, job.layout.stdlib, own));
		const argv = [
			compilerPath(toolchain),
			'-o',
			`${out}/${unit.archive}`,
			'-trimpath',
			`${job.layout.job}/src=>${snippetModule}`,
			'-p',
			unit.packagePath,
			`-lang=${plan.lang}`,
			...flags,
			'-nolocalimports',
			'-importcfg',
			`${out}/${cfg}`,
			'-pack',
			...unit.files.map((f) => `./${f}`),
		];
		build = await runBuildCommand(job, argv, Math.max(1, Math.round(deadline - performance.now())), { oneProcess: true });
		// Under RLIMIT_DATA the Go runtime reports a failed allocation, or, when not even its
		// start-up reservations fit, dies by SIGSEGV before printing anything.
		if (build.stdout === '' && build.stderr === '' && (build.exitCode === 139 || build.signal === 'SIGSEGV')) build = { ...build, oomKilled: true };
		// The compiler prints its diagnostics, -m and errors alike, on stdout.
		text += withoutSandboxPaths(job, build.stdout + build.stderr);
		if (stepFailed(build)) break;
	}
	if (!build) throw new Error('escape analysis planned no compile unit');
	const failed = stepFailed(build);
	const listing = job.mode === 'asm' ? parseAssembly(text, goFiles) : null;
	if (listing) text = listing.rest.trim() === '' ? '' : listing.rest;
	const compiled = parseCompilerOutput(text, goFiles, failed);
	return jobResult(job, {
		exitCode: build.exitCode,
		stderr: text,
		assembly: listing?.functions ?? [],
		diagnostics: compiled.diagnostics,
		truncated: build.outputLimited,
		error: failed
			? buildFailure(build, compiled.diagnostics, compiled.other, {
					mode: 'escape',
					files: Object.fromEntries([...goFiles].map((f) => [f, ''])),
					limits,
					toolchain,
					output: text,
				})
			: null,
	});
}
