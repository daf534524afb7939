/**
 * JSON schemas of the API, built from the contract in src/shared/api.ts. Fastify validates
 * requests and serializes answers with them, and @fastify/swagger turns them into the OpenAPI
 * document: one definition for all three.
 */
import { allowedGodebug, diagnosticKinds, errorCodes, fileNamePattern, modes, requestErrorCodes, requestLimits } from '../../src/shared/api.ts';

export const optionNames = ['benchtime', 'count', 'bench', 'escapeDetail', 'inlining', 'godebug', 'race'] as const;

/** Go's duration syntax for -benchtime (as the testing package reads it), or an iteration count. */
export const benchtimePattern = '^(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ns|us|µs|μs|ms|s)|[0-9]+x)$';

export const runRequestSchema = {
	$id: 'RunRequest',
	type: 'object',
	description: 'A snippet to build and run: one Go package in 1–20 files.',
	additionalProperties: false,
	required: ['mode', 'files'],
	properties: {
		mode: {
			type: 'string',
			enum: [...modes],
			description: 'run: build and execute (package main). escape: compile with -gcflags=-m (escape analysis, inlining). bench: go test -run ^$ -bench . -benchmem. test: go test -v.',
		},
		files: {
			type: 'object',
			description: `File name → source. Names like main.go, x_test.go or go.mod (no directories); at most ${requestLimits.maxFiles} files and ${requestLimits.maxSourceBytes / 1024} KiB of source in total. Standard library only.`,
			minProperties: 1,
			maxProperties: requestLimits.maxFiles,
			propertyNames: { type: 'string', pattern: fileNamePattern.source },
			additionalProperties: { type: 'string', maxLength: requestLimits.maxSourceBytes },
		},
		options: {
			type: 'object',
			description: 'Optional, each bounded; only those of the request\'s mode are accepted. Nothing else reaches the toolchain.',
			additionalProperties: false,
			properties: {
				benchtime: {
					type: 'string',
					maxLength: 16,
					pattern: benchtimePattern,
					description: `bench: -benchtime, a duration up to ${requestLimits.maxBenchtimeMs / 1000}s ("100ms", "1s") or an iteration count ("1000x"). Default 1s.`,
				},
				count: { type: 'integer', minimum: 1, maximum: requestLimits.maxCount, description: 'bench, test: -count.' },
				bench: {
					type: 'string',
					minLength: 1,
					maxLength: requestLimits.maxBenchRegexpLength,
					pattern: '^[^\\u0000-\\u001f\\u007f]*$',
					description: 'bench: the -bench regexp (default "."); test: the -run regexp.',
				},
				escapeDetail: { type: 'integer', enum: [1, 2], description: 'escape: 1 for -m, 2 for -m=2 (each diagnostic carries its escape flow).' },
				inlining: { type: 'boolean', description: 'false adds -l (no inlining), which makes escape analysis easier to read.' },
				godebug: {
					type: 'array',
					maxItems: allowedGodebug.length,
					uniqueItems: true,
					items: { type: 'string', enum: [...allowedGodebug] },
					description: 'run, test, bench: GODEBUG settings for the program, from an allow-list.',
				},
				race: { type: 'boolean', description: 'run, test: build with the race detector.' },
			},
		},
	},
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
		flow: { type: 'array', items: { type: 'string' }, description: 'With escapeDetail 2: the compiler\'s explanation, in order.' },
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

export const runResultSchema = {
	$id: 'RunResult',
	type: 'object',
	description: 'The outcome of a job. Every outcome of the program itself (success, compile error, panic, limit hit) is a 200 with this body; error says what happened and what to do.',
	required: ['ok', 'mode', 'goVersion', 'exitCode', 'stdout', 'stderr', 'durationMs', 'cached', 'truncated', 'diagnostics', 'benchmarks', 'tests', 'error'],
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

const errorRef = { $ref: 'RequestError#' } as const;

export const runRouteSchema = {
	summary: 'Build and run a snippet',
	description: 'Runs, compiles with escape analysis, benchmarks or tests one Go package in the sandbox.',
	tags: ['playground'],
	body: { $ref: 'RunRequest#' },
	response: {
		200: { $ref: 'RunResult#' },
		400: { ...errorRef, description: 'Invalid JSON, wrong types, unknown mode or option, bad file names.' },
		413: { ...errorRef, description: 'Body or source too large.' },
		415: { ...errorRef, description: 'Not application/json.' },
		429: { ...errorRef, description: 'Rate limit per client address; see Retry-After.' },
		503: { ...errorRef, description: 'Queue full or shutting down; see Retry-After.' },
	},
} as const;

export const compileRouteSchema = {
	summary: 'Go Playground compatible compile-and-run',
	description: 'Takes the form the Go Playground\'s /compile takes (body=…, withVet=true) and answers in its shape, so existing playground clients can point here. A body of several files uses the txtar format ("-- go.mod --" lines), as play.golang.org does.',
	tags: ['compatibility'],
	consumes: ['application/x-www-form-urlencoded'],
	body: {
		type: 'object',
		required: ['body'],
		properties: {
			body: { type: 'string', maxLength: requestLimits.maxSourceBytes, description: 'Go source (prog.go), or txtar with several files.' },
			withVet: { type: 'string', enum: ['true', 'false', ''], description: 'Also run go vet; its report is in VetErrors.' },
			version: { type: 'string', maxLength: 8 },
		},
	},
	response: {
		200: {
			type: 'object',
			required: ['Errors', 'Events', 'Status', 'IsTest', 'TestsFailed'],
			properties: {
				Errors: { type: 'string' },
				Events: {
					type: ['array', 'null'],
					items: {
						type: 'object',
						properties: { Message: { type: 'string' }, Kind: { type: 'string', enum: ['stdout', 'stderr'] }, Delay: { type: 'integer' } },
					},
				},
				Status: { type: 'integer' },
				IsTest: { type: 'boolean' },
				TestsFailed: { type: 'integer' },
				VetErrors: { type: 'string' },
				VetOK: { type: 'boolean' },
			},
		},
		400: errorRef,
		413: errorRef,
		415: errorRef,
		429: errorRef,
		503: errorRef,
	},
} as const;

const laneSchema = {
	type: 'object',
	properties: { running: { type: 'integer' }, queued: { type: 'integer' }, capacity: { type: 'integer' }, queueSize: { type: 'integer' } },
} as const;

const healthBodySchema = {
	type: 'object',
	properties: {
		status: { type: 'string', enum: ['ok', 'warming', 'shutting_down'] },
		goVersion: { type: 'string' },
		sandbox: { type: 'string', enum: ['bwrap', 'unsafe-local'] },
		cgroups: { type: 'string', enum: ['v1', 'v2', 'none'] },
		seccomp: { type: 'boolean' },
		uptimeSeconds: { type: 'integer' },
		queue: { type: 'object', properties: { pool: laneSchema, bench: laneSchema } },
		cache: { type: 'object', properties: { entries: { type: 'integer' }, bytes: { type: 'integer' } } },
		warm: {
			type: 'object',
			description: 'The start-up build of the standard library into the shared Go build cache.',
			properties: { done: { type: 'boolean' }, durationMs: { type: ['integer', 'null'] }, error: { type: ['string', 'null'] } },
		},
	},
} as const;

export const healthSchema = {
	summary: 'Health and readiness',
	description: 'status is "ok" when ready; "warming" while the Go build cache is being filled at start-up (jobs are accepted, the first ones are slower); 503 with "shutting_down" once stopping.',
	tags: ['operations'],
	response: { 200: healthBodySchema, 503: healthBodySchema },
} as const;
