/**
 * Turns how a sandboxed program ended into the API's error code and a message a person can act
 * on: what happened, where (file:line when the runtime says), and what to do.
 */
import type { Diagnostic, Mode, RunError } from '../contract/index.ts';
import type { SandboxOutcome } from './sandbox.ts';
import { formatBytes, type Limits } from './limits.ts';
import { snippetModule } from './parse/compiler.ts';

/**
 * The Go runtime's words for running out of memory: its own report, or an mmap that failed under
 * RLIMIT_DATA ("runtime: cannot allocate memory"), which is how a limited process usually ends.
 */
export const runtimeOutOfMemory = /^fatal error: (?:runtime: )?out of memory|runtime: cannot allocate memory/m;

/** The first frame of user code in a Go traceback. */
function userFrame(stderr: string, files: ReadonlySet<string>): { file: string; line: number } | null {
	// Go tracebacks indent frames with a tab; race reports with spaces.
	const frame = new RegExp(`^[\\t ]+(?:${snippetModule}/|\\./)?([^\\s/:]+\\.go):(\\d+)`, 'gm');
	for (const m of stderr.matchAll(frame)) {
		if (m[1] && files.has(m[1])) return { file: m[1], line: Number(m[2]) };
	}
	return null;
}

/** The first frame of user code in a Go traceback, e.g. "main.go:12". */
export function firstUserFrame(stderr: string, files: ReadonlySet<string>): string | null {
	const f = userFrame(stderr, files);
	return f ? `${f.file}:${f.line}` : null;
}

/** What the runtime said went wrong, in one line, for the errors that have a place in the code. */
function runtimeHeadline(stderr: string, code: RunError['code']): string | null {
	switch (code) {
		case 'panic':
			return /^panic: .*$/m.exec(stderr)?.[0] ?? null;
		case 'fatal_error':
			return /^fatal error: .*$/m.exec(stderr)?.[0] ?? null;
		case 'race_detected':
			return 'data race: another goroutine accesses the same memory without synchronisation (the report says where)';
		case 'memory_limit':
			return /^runtime: goroutine stack exceeds .*$/m.exec(stderr)?.[0] ?? null;
		default:
			return null;
	}
}

/**
 * The runtime failure as a diagnostic on the snippet's own code: the innermost frame of user code
 * in the traceback, marked from the line's first statement (a traceback carries no column).
 *
 * Running out of memory needs more care. Recursion that never ends ends there too, in two ways:
 * the runtime cannot grow the stack and says so ("fatal error: out of memory…", "runtime:
 * goroutine stack exceeds…") with a traceback whose innermost frame is the recursive function's
 * own first line (where it checks its stack), so the call one frame out is the line to show; or,
 * under a job cgroup, the kernel kills the program before the runtime can print anything. Then
 * there is no traceback, and the line shown is the snippet's call of a function to itself, if it
 * has one, saying that this is the likely cause rather than a place the runtime reported.
 */
export function runtimeDiagnostic(stderr: string, error: RunError | null, sources: Readonly<Record<string, string>>): Diagnostic | null {
	if (!error) return null;
	const files = new Set(Object.keys(sources));
	const lineOf = (file: string, line: number) => sources[file]?.split('\n')[line - 1];
	const place = (file: string, line: number, message: string): Diagnostic | null => {
		const text = lineOf(file, line);
		if (text === undefined) return null;
		const col = Buffer.byteLength(/^\s*/.exec(text)?.[0] ?? '', 'utf8') + 1;
		return { file, line, col, kind: 'runtime-error', message };
	};
	let at = userFrame(stderr, files);
	if (error.code !== 'memory_limit') {
		const message = runtimeHeadline(stderr, error.code);
		return message && at ? place(at.file, at.line, message) : null;
	}
	if (at) {
		const message = /^runtime: goroutine stack exceeds .*$|^fatal error: .*$/m.exec(stderr)?.[0];
		if (!message) return null;
		// A frame on a func line is the function's stack check: the call one frame out is the recursion.
		if (/^\s*func\b/.test(lineOf(at.file, at.line) ?? '')) {
			const frame = `${at.file}:${at.line}`;
			const outer = userFrame(stderr.slice(stderr.indexOf(frame) + frame.length), files);
			if (outer) at = outer;
		}
		return place(at.file, at.line, message);
	}
	// No traceback: the first call of a function to itself, inside its own body.
	for (const [file, source] of Object.entries(sources)) {
		const lines = source.split('\n');
		let current: string | null = null;
		for (const [i, raw] of lines.entries()) {
			const code = raw.replace(/\/\/.*$/, '');
			const decl = /^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*[[(]/.exec(code);
			let body = code;
			if (decl) {
				current = decl[1]!;
				// A one-line function: only what follows its opening brace is body.
				const brace = code.indexOf('{', decl[0].length);
				body = brace < 0 ? '' : code.slice(brace + 1);
			} else if (/^\S/.test(code)) {
				current = null; // "}" or another top-level declaration ends the function
			}
			if (current && new RegExp(`(?:^|\\W)${current}\\s*\\(`).test(body)) {
				return place(
					file,
					i + 1,
					`out of memory: ${current} calls itself here, and recursion that never ends keeps every call's frame on the stack (the program was stopped before the runtime could say where)`,
				);
			}
		}
	}
	return null;
}

const signals: Record<number, string> = { 9: 'SIGKILL', 24: 'SIGXCPU', 25: 'SIGXFSZ', 6: 'SIGABRT', 11: 'SIGSEGV' };

export interface OutcomeContext {
	mode: Mode;
	limits: Limits;
	files: ReadonlySet<string>;
	/** The wall-clock limit that applied to this step. */
	timeoutMs: number;
	testsFailed: number;
	failedTests: string[];
	/** The CPU-time limit that applied to this step, seconds (benchmarks get more than programs). */
	cpuSeconds?: number;
}

function processLimit(limits: Limits): RunError {
	return {
		code: 'process_limit',
		message: `The program tried to use more than ${limits.processes} processes or threads and was stopped. Goroutines are fine; what ran out is OS threads, usually from many goroutines blocked in system calls, or from starting processes.`,
	};
}

/** null when the program ended well (exit 0, and in test mode every test passed). */
export function classifyOutcome(o: SandboxOutcome, ctx: OutcomeContext): RunError | null {
	const { limits } = ctx;
	const err = o.stderr;
	const where = (prefix: string) => {
		const at = firstUserFrame(err, ctx.files);
		return at ? `${prefix} at ${at}` : prefix;
	};
	// bwrap reports a child killed by signal N as exit status 128+N.
	const signal = o.signal ?? (o.exitCode !== null && o.exitCode > 128 ? (signals[o.exitCode - 128] ?? null) : null);

	// The runtime itself crashed (a fault inside runtime code, not the program's). Under the memory
	// limit some allocation paths fault instead of reporting "out of memory", and the crash dump of
	// every goroutine then floods the output: name the crash, not the output it caused.
	const crash = /^(SIGSEGV|SIGBUS|unexpected fault address)\b[^\n]*\n(?:[^\n]*\n){0,4}?goroutine [^\n]*\n(runtime\.(?:\(\*?\w+\)\.)?\w+)/m.exec(err);
	if (crash) {
		const peak = o.peakMemoryBytes ?? null;
		const nearLimit = peak === null || peak >= limits.memoryBytes / 2;
		const what = `The Go runtime crashed inside its own code (${crash[1]} in ${crash[2]})`;
		return nearLimit
			? {
					code: 'memory_limit',
					message: `${what}${peak === null ? '' : ` with the program holding ${formatBytes(peak)} of its ${formatBytes(limits.memoryBytes)}`}: it ran out of memory where it cannot report it. Allocate less: smaller inputs, fewer goroutines, or reuse buffers instead of keeping them all.`,
				}
			: { code: 'fatal_error', message: `${what}. A fatal error cannot be recovered; the trace below shows where.` };
	}
	// The first limit hit is the one named. A program that runs out of memory often floods its
	// output afterwards (the runtime prints every goroutine), so memory comes before output.
	if (o.oomKilled || runtimeOutOfMemory.test(err)) {
		const recursion = /^runtime: goroutine stack exceeds|^fatal error: stack overflow|runtime\.(?:newstack|morestack)\b/m.test(err);
		return {
			code: 'memory_limit',
			message: recursion
				? `${where('The program ran out of stack memory')} (the limit is ${formatBytes(limits.memoryBytes)}), usually from recursion that never ends. Check the recursive call's base case.`
				: `${where(`The program used more than ${formatBytes(limits.memoryBytes)} of memory and was stopped`)}. Allocate less: smaller inputs, or reuse buffers instead of keeping them all. Files the program creates in /tmp live in memory and count too. Recursion that never ends also does this: every call's frame stays on the stack.`,
		};
	}
	if (/^runtime: goroutine stack exceeds \d+-byte limit/m.test(err)) {
		return {
			code: 'memory_limit',
			message: `${where("A goroutine's stack outgrew its limit")}, usually from recursion that never ends. Check the recursive call's base case.`,
		};
	}
	if (o.pidsLimitHit) {
		return processLimit(limits);
	}
	if (o.outputLimited) {
		return {
			code: 'output_limit',
			message: `The program wrote more than ${formatBytes(limits.outputBytes)} of output, so it was stopped and the output cut there. Print less (for example a summary, or every 1000th line).`,
		};
	}
	if (o.timedOut || /^panic: test timed out after/m.test(err)) {
		return {
			code: 'timeout',
			message: `The ${ctx.mode === 'bench' ? 'benchmarks' : 'program'} ran longer than ${ctx.timeoutMs / 1000} s and ${ctx.mode === 'bench' ? 'were' : 'was'} stopped. Look for a loop that never ends, a goroutine that blocks for ever, or ${ctx.mode === 'bench' ? 'a smaller benchtime or count' : 'a smaller input'}.`,
		};
	}
	if (signal === 'SIGXCPU' || (signal === 'SIGKILL' && !o.canceled)) {
		return {
			code: 'timeout',
			message: `The program used more than ${ctx.cpuSeconds ?? limits.runCpuSeconds} s of CPU time and was stopped. Look for a loop that never ends, or use a smaller input.`,
		};
	}
	if (/failed to create new OS thread|fork\/exec .*resource temporarily unavailable|pthread_create failed/.test(err)) {
		return processLimit(limits);
	}
	if (/file too large|no space left on device/i.test(err) && o.exitCode !== 0) {
		return {
			code: 'file_size_limit',
			message: `The program tried to write more than ${formatBytes(limits.fileSizeBytes)} to files. Write less, or write to a bytes.Buffer instead.`,
		};
	}
	if (/^WARNING: DATA RACE/m.test(err) || /race detected during execution of test/.test(o.stdout + err)) {
		return {
			code: 'race_detected',
			message: `${where('The race detector found a data race')}. Two goroutines touch the same memory without synchronisation; the report below says where each access happened.`,
		};
	}
	if (o.exitCode === 0 && ctx.testsFailed === 0) return null;
	const panic = /^panic: (.*)$/m.exec(err);
	if (panic) {
		return {
			code: 'panic',
			message: `${where(`The program panicked: ${panic[1]}`)}. The stack trace below shows the calls that led there.`,
		};
	}
	const fatal = /^fatal error: (.*)$/m.exec(err);
	if (fatal) {
		return {
			code: 'fatal_error',
			message: `${where(`The Go runtime stopped the program with a fatal error: ${fatal[1]}`)}. Fatal errors cannot be recovered; ${/concurrent map/.test(fatal[1] ?? '') ? 'protect the map with a mutex, or use sync.Map.' : 'see the trace below.'}`,
		};
	}
	if (ctx.testsFailed > 0 || (ctx.mode === 'test' && /^FAIL$/m.test(o.stdout))) {
		const names = ctx.failedTests.slice(0, 3).join(', ');
		return {
			code: 'tests_failed',
			message: `${ctx.testsFailed || 'Some'} test${ctx.testsFailed === 1 ? '' : 's'} failed${names ? `: ${names}` : ''}. The output below shows what each one reported.`,
		};
	}
	// The testing package refuses a -bench/-run pattern that Go's regexp syntax rejects: that is the
	// request's options.bench, not the program, so say which option to change.
	const pattern = /^testing: invalid regexp for element \d+ of -test\.(bench|run) \((".*")\): (.*)$/m.exec(err);
	if (pattern) {
		return {
			code: 'exit_nonzero',
			message: `The bench option ${pattern[2]} is not a valid Go regexp (${pattern[3]}), so no ${pattern[1] === 'bench' ? 'benchmark' : 'test'} ran. Change options.bench, e.g. "." for all or "Map" for names containing Map.`,
		};
	}
	return {
		code: 'exit_nonzero',
		message: `The program exited with status ${o.exitCode ?? `signal ${signal ?? 'unknown'}`}.`,
	};
}
