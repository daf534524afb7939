/**
 * Build failures, classified (runner.ts runs the build steps; this says what their failure means).
 */
import type { Mode, RunError, RunResult } from '../contract/index.ts';
import { constraintsExcludeError, internalImportError } from './escape-compile.ts';
import { fixedLimits, formatBytes, type Limits } from './limits.ts';
import type { SandboxOutcome } from './sandbox.ts';
import type { Toolchain } from './toolchain.ts';

export interface BuildContext {
	mode: Mode;
	files: Readonly<Record<string, string>>;
	limits: Limits;
	toolchain: Toolchain;
	/** The step's output as the answer shows it (no sandbox paths). */
	output: string;
}

/**
 * What a failed build step means for the person who sent the code: a limit it hit, an import the
 * playground cannot serve, a compile error on a line, or — when nothing in the output points at
 * the snippet's own files — a failure of the playground itself (internal_error), not the code's.
 */
export function buildFailure(build: SandboxOutcome, diagnostics: RunResult['diagnostics'], other: string[], ctx: BuildContext): RunError {
	const { mode, files, limits } = ctx;
	if (build.timedOut) {
		return {
			code: 'timeout',
			message: `Compiling took longer than ${limits.buildTimeoutMs / 1000} s and was stopped. Very large constants, arrays or generated code can do this; make the snippet smaller.`,
		};
	}
	if (build.outputLimited) {
		return {
			code: 'output_limit',
			message: `The compiler printed more than ${formatBytes(fixedLimits.buildOutputFactor * limits.outputBytes)}; the output was cut. Turn off escape-analysis detail or make the snippet smaller.`,
		};
	}
	// Without a cgroup (the compiler alone) RLIMIT_DATA stops it, and the Go runtime says so.
	if (build.oomKilled || /^fatal error: (?:runtime: )?out of memory|^runtime: out of memory/m.test(build.stdout + build.stderr)) {
		return {
			code: 'memory_limit',
			message: `The compiler used more than ${formatBytes(limits.buildMemoryBytes)} of memory. Very large constants or composite literals can do this; make them smaller.`,
		};
	}
	const text = [...other, ...diagnostics.map((d) => d.message)].join('\n');
	if (/no space left on device|file too large/i.test(text) || build.signal === 'SIGXFSZ') {
		return {
			code: 'file_size_limit',
			message: `The compiled program is larger than the playground builds (${formatBytes(fixedLimits.buildFileBytes)} per file): a very large initialized array, composite literal or string constant does this. Make it smaller, or build it at run time (make and a loop).`,
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
	const internal = /(?:^|\t)(?:\.\/)?([^\s:/]+\.go):(\d+):\d+: use of internal package (\S+) not allowed/m.exec(text);
	if (internal) return internalImportError(`${internal[1]}:${internal[2]}: `, internal[3]!);
	if (/build constraints exclude all Go files/.test(text)) {
		return constraintsExcludeError(
			Object.keys(files)
				.filter((n) => n.endsWith('.go'))
				.sort(),
			ctx.toolchain,
		);
	}
	// Compiling succeeded; the linker found no program to start.
	if (/function main is undeclared in the main package/.test(text)) {
		return {
			code: 'compile_error',
			message:
				'function main is undeclared in the main package: the package compiles, but a program needs a func main to start from. Add func main() { … }, or use Test or Benchmark for code without one.',
		};
	}
	const errors = diagnostics.filter((d) => d.kind === 'error');
	const first = errors[0];
	if (first) {
		const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
		// A message that continues on further lines (have … / want …) is kept whole.
		const end = first.message.includes('\n') ? '\n' : ' ';
		return {
			code: 'compile_error',
			message: `Compile error at ${first.file}:${first.line}:${first.col}: ${first.message}${more}.${end}Fix that line and run again.`,
		};
	}
	// The go command failed with nothing on a line of the snippet's own: a go.mod the snippet sent
	// (its directives are the user's) or the playground's own setup.
	const at = other.findIndex((l) => /^(?:go|go build|go test|\S+\.go|can't load package|package )/.test(l));
	// A go command message that ends in ':' continues on the next lines ("go: errors parsing go.mod:" then the line at fault).
	const continued = (line: string) => {
		const lines = ctx.output.split('\n').filter(Boolean);
		const i = lines.indexOf(line);
		return i < 0 ? line : [line, ...lines.slice(i + 1, i + 4)].join(' ');
	};
	const goLine = at < 0 ? other[0] : other[at]!.endsWith(':') ? continued(other[at]!) : other[at];
	const names = Object.keys(files);
	const mentionsSnippet = diagnostics.length > 0 || other.some((l) => names.some((n) => l.includes(n)));
	if (!mentionsSnippet) {
		return {
			code: 'internal_error',
			message: `The playground could not ${mode === 'escape' || mode === 'asm' ? 'compile' : 'build'} this snippet for a reason of its own (${goLine ?? `exit status ${build.exitCode}`}). Try again; if it keeps failing, report it.`,
		};
	}
	return {
		code: 'compile_error',
		message: `The ${mode === 'escape' || mode === 'asm' ? 'compiler' : 'build'} failed: ${goLine ?? `exit status ${build.exitCode}`}`,
	};
}
