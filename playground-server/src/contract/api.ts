/**
 * The playground API contract: what a job request and its result are, shared by the sandbox
 * server, the site build (which bakes results into pages) and the in-page client. Types and the
 * constants that bound requests; the options have a table of their own (options.ts).
 * Browser-safe: no Node imports.
 */
import type { RunOptions } from './options.ts';

export const modes = ['run', 'escape', 'asm', 'bench', 'test'] as const;
export type Mode = (typeof modes)[number];

export const requestLimits = {
	maxFiles: 20,
	maxSourceBytes: 64 * 1024,
	/** A whole request body, JSON overhead included. */
	maxBodyBytes: 128 * 1024,
	/** How long a benchmark job may run on a server with default limits (PLAYBOOK_BENCH_TIMEOUT_MS changes it). */
	defaultBenchJobMs: 60_000,
} as const;

/** File names a snippet may use: a Go file or go.mod, no directories. */
export const fileNamePattern = /^(?:[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\.go|go\.mod)$/;

export interface RunRequest {
	mode: Mode;
	files: Record<string, string>;
	options?: RunOptions;
}

/**
 * What the compiler said, classified. `moved-to-heap` and `escapes` are allocations; the others
 * explain why something did not allocate or was inlined; `error` is a compile error.
 * `runtime-error` is what the program itself ran into — a panic, a fatal error, a data race, a
 * stack overflow — placed on the innermost line of the snippet's own code in the traceback, at the
 * line's first statement (tracebacks carry no column); and each line a failing test reported on
 * (`t.Errorf`, `t.Fatalf`…), its message "TestName: what it said".
 */
export const diagnosticKinds = [
	'moved-to-heap',
	'escapes',
	'does-not-escape',
	'leaking-param',
	'leaking-param-content',
	'leaking-result',
	'can-inline',
	'inlining-call',
	'devirtualized',
	'error',
	'runtime-error',
	'other',
] as const;
export type DiagnosticKind = (typeof diagnosticKinds)[number];

export interface Diagnostic {
	file: string;
	line: number;
	col: number;
	kind: DiagnosticKind;
	message: string;
	/** With escapeDetail 2: the compiler's explanation ("flow: …", "from … at …"), in order. */
	flow?: string[];
}

export interface Benchmark {
	/** Without the -GOMAXPROCS suffix, e.g. "BenchmarkClear/n=1000". */
	name: string;
	procs: number;
	iterations: number;
	nsPerOp: number;
	bytesPerOp: number | null;
	allocsPerOp: number | null;
	/** Custom metrics reported with b.ReportMetric, by unit. */
	metrics: Record<string, number>;
}

/**
 * What an instruction of the assembly listing does that matters to memory: allocate
 * (`runtime.newobject`, `mallocgc…`, `makeslice`, `growslice`, `convT…`, …), clear memory
 * (`mapclear`, `memclr…`), pass through the GC write barrier, or branch to a run-time panic (a
 * bounds or nil check that failed).
 */
export const asmMarks = ['alloc', 'clear', 'write-barrier', 'panic'] as const;
export type AsmMark = (typeof asmMarks)[number];

export interface AsmInstruction {
	/** The source position the compiler gave it: a snippet file ("main.go"), or for code inlined from elsewhere that file ("fmt/print.go"); "" when it gave none. */
	file: string;
	line: number;
	/** Byte offset in the function. */
	pc: number;
	/** "CALL", "MOVQ", … */
	op: string;
	/** The operands as the compiler printed them, e.g. "runtime.mapclear(SB)". */
	args: string;
	mark: AsmMark | null;
}

/** One function of the package (closures and methods included), as `compile -S` lists it. */
export interface AsmFunction {
	/** The symbol, e.g. "main.main", "main.(*T).Get", "main.main.func1". */
	name: string;
	instructions: AsmInstruction[];
}

export const errorCodes = [
	'compile_error',
	'import_not_allowed',
	'exit_nonzero',
	'panic',
	'fatal_error',
	'tests_failed',
	'race_detected',
	'timeout',
	'memory_limit',
	'output_limit',
	'process_limit',
	'file_size_limit',
	'internal_error',
	/** The Go release the job asked for could not be fetched; the message names it and why. */
	'toolchain_unavailable',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface RunError {
	code: ErrorCode;
	/** What went wrong, where, and what to do about it. */
	message: string;
}

export interface RunResult {
	ok: boolean;
	mode: Mode;
	goVersion: string;
	exitCode: number | null;
	stdout: string;
	stderr: string;
	durationMs: number;
	cached: boolean;
	truncated: boolean;
	diagnostics: Diagnostic[];
	benchmarks: Benchmark[];
	tests: { passed: number; failed: number } | null;
	/** Mode asm: the package's own functions as the compiler emitted them; empty otherwise. */
	assembly: AsmFunction[];
	error: RunError | null;
}

/** A result holding what `partial` says and nothing else; ok follows from its error. */
export function runResultOf(mode: Mode, goVersion: string, partial: Partial<RunResult> = {}): RunResult {
	return {
		ok: partial.error === null || partial.error === undefined,
		mode,
		goVersion,
		exitCode: null,
		stdout: '',
		stderr: '',
		durationMs: 0,
		cached: false,
		truncated: false,
		diagnostics: [],
		benchmarks: [],
		tests: null,
		assembly: [],
		error: null,
		...partial,
	};
}

/**
 * POST /api/format: Go files as gofmt prints them, or with `imports` as goimports leaves them
 * (missing standard-library imports added, unused ones removed; nothing else is ever found), and a
 * go.mod as the go command writes it. The site's Format button calls it.
 */
export interface FormatRequest {
	/** File name → source, named as a RunRequest's files are (x.go, x_test.go, go.mod). */
	files: Record<string, string>;
	/** Add missing standard-library imports and remove unused ones, as goimports does; default false (gofmt only). */
	imports?: boolean;
}

/** Something that kept a file from being formatted, where an editor can mark it. */
export interface FormatProblem {
	/** The file it is in; "" when it is no one file's (a limit the formatter hit). */
	file: string;
	/** 1-based; 0 when the problem has no position. */
	line: number;
	/** 1-based, in bytes as go/scanner counts (gofmt's own column); 0 when the problem has no position. */
	column: number;
	message: string;
}

/**
 * The answer of POST /api/format, always a 200 once the request is valid: a syntax error is an
 * outcome of formatting, as a compile error is an outcome of a run.
 */
export interface FormatResult {
	/** Every file was formatted (errors is empty). */
	ok: boolean;
	/** Every file of the request, in its order: formatted, or exactly as sent when it could not be. */
	files: Record<string, string>;
	/** Why files were not formatted, each at its position; empty when ok. */
	errors: FormatProblem[];
}

/** Error answers for requests that were not run (4xx/5xx). */
export const requestErrorCodes = [
	'invalid_json',
	'invalid_request',
	'unsupported_media_type',
	'payload_too_large',
	'not_found',
	'method_not_allowed',
	'rate_limited',
	'queue_full',
	'shutting_down',
	'internal_error',
] as const;
export type RequestErrorCode = (typeof requestErrorCodes)[number];

export interface RequestErrorBody {
	error: { code: RequestErrorCode; message: string };
}
