/**
 * JSON schemas of the contract's request, result and error, built from its types' constants and
 * the options table. Fastify validates requests and serializes answers with them, and
 * @fastify/swagger puts them in the OpenAPI document as components: one definition for all three.
 * The routes' own schemas live beside each route and refer to these by $id.
 */
import { asmMarks, diagnosticKinds, errorCodes, fileNamePattern, modes, requestErrorCodes, requestLimits } from './api.ts';
import { optionsByModeSchema, optionsSchema } from './options.ts';
import { goModDirectives, goModPattern } from './validate.ts';

const kib = (bytes: number) => `${bytes / 1024} KiB`;

/**
 * The request as JSON schema, every rule of the contract stated: the schema's own keywords where
 * JSON schema can say it (names, counts, the options table's bounds, which options each mode
 * takes, what a go.mod may say), and in the descriptions the two it cannot (the total size
 * of the source in UTF-8, answered 413, and text that is not Unicode).
 */
export const runRequestSchema = {
	$id: 'RunRequest',
	type: 'object',
	description: `A snippet to build and run: one Go package in 1–${requestLimits.maxFiles} files. Each option only for the modes that take it (the allOf below, one if/then per mode). A body over ${kib(requestLimits.maxBodyBytes)}, or files holding more than ${kib(requestLimits.maxSourceBytes)} of source in UTF-8 all together, is refused with 413: no JSON schema keyword sums across properties, so the schema bounds each file and this says the rest.`,
	additionalProperties: false,
	required: ['mode', 'files'],
	properties: {
		mode: {
			type: 'string',
			enum: [...modes],
			description:
				'run: build and execute (package main). escape: compile with -gcflags=-m (escape analysis, inlining). bench: go test -run ^$ -bench . -benchmem. test: go test -v.',
		},
		files: {
			type: 'object',
			description: `File name → source. Names like main.go, x_test.go or go.mod (no directories); at least one .go file; at most ${requestLimits.maxFiles} files and ${kib(requestLimits.maxSourceBytes)} of UTF-8 source in total (413 past it). Text must be Unicode: a lone surrogate escape such as "\\ud800" is refused. Standard library only.`,
			minProperties: 1,
			maxProperties: requestLimits.maxFiles,
			propertyNames: { type: 'string', pattern: fileNamePattern.source },
			// At least one name ends in .go: "not every name is something else".
			not: { type: 'object', propertyNames: { not: { pattern: '\\.go$' } } },
			properties: {
				'go.mod': {
					type: 'string',
					maxLength: requestLimits.maxSourceBytes,
					pattern: goModPattern,
					description: `Optional. Only the directives ${goModDirectives.join(', ')} (replace and the others are refused), comments, and blocks ("require (" … ")"). Its module path is replaced by the runner's own; without a go line, the toolchain's language version applies.`,
				},
			},
			additionalProperties: { type: 'string', maxLength: requestLimits.maxSourceBytes },
		},
		options: optionsSchema(),
	},
	allOf: optionsByModeSchema(),
} as const;

const diagnosticSchema = {
	type: 'object',
	required: ['file', 'line', 'col', 'kind', 'message'],
	properties: {
		file: { type: 'string' },
		line: { type: 'integer' },
		col: { type: 'integer' },
		kind: { type: 'string', enum: [...diagnosticKinds] },
		message: { type: 'string' },
		flow: { type: 'array', items: { type: 'string' }, description: "With escapeDetail 2: the compiler's explanation, in order." },
	},
} as const;

const benchmarkSchema = {
	type: 'object',
	required: ['name', 'procs', 'iterations', 'nsPerOp', 'bytesPerOp', 'allocsPerOp', 'metrics'],
	properties: {
		name: { type: 'string', description: 'Without the -GOMAXPROCS suffix.' },
		procs: { type: 'integer' },
		iterations: { type: 'integer' },
		nsPerOp: { type: 'number' },
		bytesPerOp: { type: ['number', 'null'] },
		allocsPerOp: { type: ['number', 'null'] },
		metrics: { type: 'object', additionalProperties: { type: 'number' }, description: 'Custom b.ReportMetric values, by unit.' },
	},
} as const;

const asmFunctionSchema = {
	type: 'object',
	required: ['name', 'instructions'],
	properties: {
		name: { type: 'string', description: 'The symbol, e.g. "main.main" or "main.(*T).Get".' },
		instructions: {
			type: 'array',
			items: {
				type: 'object',
				required: ['file', 'line', 'pc', 'op', 'args', 'mark'],
				properties: {
					file: {
						type: 'string',
						description:
							'The snippet file the instruction was compiled from, or for code inlined from elsewhere that file ("fmt/print.go"); "" when the compiler gave no position.',
					},
					line: { type: 'integer' },
					pc: { type: 'integer', description: 'Byte offset in the function.' },
					op: { type: 'string' },
					args: { type: 'string' },
					mark: { type: ['string', 'null'], enum: [...asmMarks, null], description: 'What the instruction does that matters to memory.' },
				},
			},
		},
	},
} as const;

export const runResultSchema = {
	$id: 'RunResult',
	type: 'object',
	description:
		'The outcome of a job. Every outcome of the program itself (success, compile error, panic, limit hit) is a 200 with this body; error says what happened and what to do.',
	required: [
		'ok',
		'mode',
		'goVersion',
		'exitCode',
		'stdout',
		'stderr',
		'durationMs',
		'cached',
		'truncated',
		'diagnostics',
		'benchmarks',
		'tests',
		'assembly',
		'error',
	],
	properties: {
		ok: { type: 'boolean' },
		mode: { type: 'string', enum: [...modes] },
		goVersion: { type: 'string' },
		exitCode: { type: ['integer', 'null'] },
		stdout: { type: 'string' },
		stderr: { type: 'string' },
		durationMs: { type: 'integer', description: 'How long the job took (for a cached answer: the original job).' },
		cached: { type: 'boolean' },
		truncated: { type: 'boolean', description: 'Output passed the limit and was cut.' },
		diagnostics: { type: 'array', items: diagnosticSchema },
		benchmarks: { type: 'array', items: benchmarkSchema },
		tests: {
			type: ['object', 'null'],
			properties: { passed: { type: 'integer' }, failed: { type: 'integer' } },
		},
		assembly: {
			type: 'array',
			items: asmFunctionSchema,
			description: "Mode asm: the package's own functions as the compiler emitted them (compile -S); empty otherwise.",
		},
		error: {
			type: ['object', 'null'],
			required: ['code', 'message'],
			properties: {
				code: { type: 'string', enum: [...errorCodes] },
				message: { type: 'string' },
			},
		},
	},
} as const;

/** POST /api/format's request: files named and bounded as a RunRequest's, no mode, no options. */
export const formatRequestSchema = {
	$id: 'FormatRequest',
	type: 'object',
	description: `Files to format: Go files as gofmt prints them, or with imports as goimports leaves them, and a go.mod as the go command writes it. 1–${requestLimits.maxFiles} files named as a RunRequest's are; a body over ${kib(requestLimits.maxBodyBytes)}, or files holding more than ${kib(requestLimits.maxSourceBytes)} of source in UTF-8 all together, is refused with 413 (no JSON schema keyword sums across properties). Text must be Unicode: a lone surrogate escape such as "\\ud800" is refused with 400.`,
	additionalProperties: false,
	required: ['files'],
	properties: {
		files: {
			type: 'object',
			description: 'File name → source, e.g. {"main.go": "package main\\n…"}. A go.mod is formatted too (any directive: nothing is run).',
			minProperties: 1,
			maxProperties: requestLimits.maxFiles,
			propertyNames: { type: 'string', pattern: fileNamePattern.source },
			additionalProperties: { type: 'string', maxLength: requestLimits.maxSourceBytes },
		},
		imports: {
			type: 'boolean',
			description:
				'Add missing imports and remove unused ones, as goimports does; only standard-library packages are ever added (a name no standard package exports is left alone). Default false: gofmt only.',
		},
	},
} as const;

const formatProblemSchema = {
	type: 'object',
	required: ['file', 'line', 'column', 'message'],
	properties: {
		file: { type: 'string', description: 'The file the problem is in; "" when it is no one file\'s (a limit the formatter hit).' },
		line: { type: 'integer', minimum: 0, description: '1-based; 0 when the problem has no position.' },
		column: { type: 'integer', minimum: 0, description: '1-based, in bytes as gofmt counts; 0 when the problem has no position.' },
		message: { type: 'string', description: 'What gofmt or the go.mod parser said, e.g. "expected \'IDENT\', found 123".' },
	},
} as const;

export const formatResultSchema = {
	$id: 'FormatResult',
	type: 'object',
	description:
		'The outcome of formatting, a 200 whether or not every file could be formatted: a syntax error is an outcome, with its file, line and column in errors for the editor to mark.',
	required: ['ok', 'files', 'errors'],
	properties: {
		ok: { type: 'boolean', description: 'Every file was formatted: errors is empty.' },
		files: {
			type: 'object',
			additionalProperties: { type: 'string' },
			description: 'Every file of the request, in its order: formatted, or exactly as sent when it could not be.',
		},
		errors: { type: 'array', items: formatProblemSchema, description: 'Why files were not formatted; empty when ok.' },
	},
} as const;

export const requestErrorSchema = {
	$id: 'RequestError',
	type: 'object',
	description: 'The request was not run. message says what to change.',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: {
				code: { type: 'string', enum: [...requestErrorCodes] },
				message: { type: 'string' },
			},
		},
	},
} as const;

/** How a route's schema refers to the error body. */
export const errorRef = { $ref: 'RequestError#' } as const;
