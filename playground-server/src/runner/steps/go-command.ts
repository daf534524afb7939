/**
 * One go command in a job's build sandbox (`go build`, `go test -c`, `go vet`, the warm-up's
 * `go build std`…), its output cleaned of sandbox paths and read for diagnostics; on failure, the
 * result that says why (a user's build error, or the playground's own failure).
 */
import type { Diagnostic, RunResult } from '../../contract/index.ts';
import { buildFailure } from '../build-errors.ts';
import { parseCompilerOutput } from '../parse/compiler.ts';
import type { SandboxOutcome } from '../sandbox.ts';
import { jobResult, runBuildCommand, stepFailed, withoutSandboxPaths, type JobContext } from './context.ts';

export interface GoCommandOutcome {
	outcome: SandboxOutcome;
	/** stderr then stdout, sandbox paths removed (unless raw). */
	text: string;
	diagnostics: Diagnostic[];
	/** The job's answer when the command failed. */
	failure: RunResult | null;
}

export interface GoCommandOptions {
	timeoutMs: number;
	/** The race detector needs cgo. */
	cgo?: boolean;
	/** Keep the output's paths as the sandbox printed them (for the runner's own use, never shown). */
	raw?: boolean;
	/** The job's sources, named in failure messages. */
	files: Record<string, string>;
	goFiles: ReadonlySet<string>;
}

export async function goCommand(job: JobContext, args: string[], o: GoCommandOptions): Promise<GoCommandOutcome> {
	const { toolchain, limits } = job.runner;
	const outcome = await runBuildCommand(job, [`${toolchain.goRoot}/bin/go`, ...args], o.timeoutMs, { cgo: o.cgo === true });
	const text = o.raw ? outcome.stderr + outcome.stdout : withoutSandboxPaths(job, outcome.stderr + outcome.stdout);
	const failed = stepFailed(outcome);
	const compiled = parseCompilerOutput(text, o.goFiles, failed);
	const failure = failed
		? jobResult(job, {
				exitCode: outcome.exitCode,
				stderr: text,
				diagnostics: compiled.diagnostics,
				truncated: outcome.outputLimited,
				error: buildFailure(outcome, compiled.diagnostics, compiled.other, { mode: job.mode, files: o.files, limits, toolchain, output: text }),
			})
		: null;
	return { outcome, text, diagnostics: compiled.diagnostics, failure };
}
