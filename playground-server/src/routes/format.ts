/**
 * Format: POST /api/format (the playground's own JSON API, for the site's Format button) and
 * POST /fmt (the Go Playground's protocol, registered beside /compile, whose form parser it
 * shares). Both run the formatter (runner/format.ts) in the sandbox, on the scheduler's pool
 * lane: formatting takes tens of milliseconds, but it parses hostile input, so it is bounded like
 * any job (a full queue answers 503 with Retry-After). Results are not stored: formatting again
 * costs less than a cache entry is worth.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppRunner } from '../app.ts';
import { BodyProblem, checkBodyFiles, joinTxtar, readTxtar } from '../playground-compat.ts';
import { checkFormatRequest, ContractViolation, requestLimits, type FormatProblem, type FormatRequest, type FormatResult } from '../contract/index.ts';
import { errorRef } from '../contract/schemas.ts';
import { RequestError } from '../errors.ts';
import { FormatterUnavailableError, type FormatOutcome } from '../runner/format.ts';
import { clientSignal, jobError } from './job-errors.ts';

/** What formatting needs of the app's runner (the real Runners have it). */
export interface FormatRunner {
	formatterReady(): Promise<unknown>;
	format(request: FormatRequest, signal?: AbortSignal): Promise<FormatOutcome>;
}

function formatRunnerOf(runner: AppRunner): FormatRunner {
	const r = runner as AppRunner & Partial<FormatRunner>;
	if (typeof r.format !== 'function' || typeof r.formatterReady !== 'function') {
		throw new RequestError(503, 'internal_error', 'Formatting is not available on this server (its runner has no formatter).');
	}
	return r as FormatRunner;
}

/** Formats on the pool lane, after the formatter's build (outside the scheduler, as a toolchain's fetch is). */
async function format(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, job: FormatRequest): Promise<FormatOutcome> {
	const runner = formatRunnerOf(app.playground.runner);
	const signal = clientSignal(request, reply);
	try {
		await runner.formatterReady();
	} catch (e) {
		if (e instanceof FormatterUnavailableError) throw new RequestError(503, 'internal_error', e.message, { 'retry-after': '60' });
		throw e;
	}
	let outcome: FormatOutcome;
	try {
		outcome = await app.playground.scheduler.submit('pool', (s) => runner.format(job, s), signal);
	} catch (e) {
		throw jobError(e);
	}
	const outcomeLabel = outcome.limit ? 'limit' : outcome.files.some((f) => f.error) ? 'syntax_error' : 'ok';
	app.playground.metrics.jobs.inc({ mode: 'format', outcome: outcomeLabel });
	app.playground.metrics.jobDuration.observe({ mode: 'format' }, outcome.durationMs / 1000);
	request.log.info(
		{ mode: 'format', imports: job.imports === true, outcome: outcomeLabel, durationMs: outcome.durationMs, files: Object.keys(job.files).length },
		'format answered',
	);
	return outcome;
}

/** The JSON API's answer: every file, formatted or as sent, and each problem where an editor can mark it. */
export function formatResult(request: FormatRequest, outcome: FormatOutcome): FormatResult {
	const files: Record<string, string> = { ...request.files };
	const errors: FormatProblem[] = [];
	for (const f of outcome.files) {
		files[f.name] = f.data;
		for (const p of f.problems) errors.push({ file: f.name, line: p.line, column: p.column, message: p.message });
		if (f.error && f.problems.length === 0) errors.push({ file: f.name, line: 0, column: 0, message: f.error });
	}
	if (outcome.limit) errors.push({ file: '', line: 0, column: 0, message: outcome.limit });
	return { ok: errors.length === 0, files, errors };
}

const errorResponses = {
	413: {
		...errorRef,
		description: `payload_too_large: a JSON body over ${requestLimits.maxBodyBytes / 1024} KiB, or files holding more than ${requestLimits.maxSourceBytes / 1024} KiB of source in UTF-8 all together.`,
	},
	429: { ...errorRef, description: 'Rate limit per client address; see Retry-After.' },
	503: { ...errorRef, description: 'Queue full, shutting down, or the formatter not built yet; see Retry-After.' },
} as const;

const apiSchema = {
	summary: 'Format Go files (gofmt, goimports)',
	description:
		'Formats Go files as gofmt does, or with imports: true as goimports does (missing standard-library imports added, unused ones removed), and a go.mod as the go command writes it, in the sandbox. A syntax error is a 200 with ok false and the error at its file, line and column.',
	tags: ['playground'],
	body: { $ref: 'FormatRequest#' },
	response: {
		200: { $ref: 'FormatResult#' },
		400: {
			...errorRef,
			description:
				'Not valid by the FormatRequest schema (invalid_request; the message names every problem), or not JSON (invalid_json), or text that is not Unicode.',
		},
		...errorResponses,
		415: { ...errorRef, description: 'Not application/json.' },
	},
} as const;

export async function formatRoutes(app: FastifyInstance): Promise<void> {
	app.post('/api/format', { schema: apiSchema, config: { rateLimit: app.jobRateLimit } }, async (request, reply): Promise<FormatResult> => {
		const job = request.body as FormatRequest;
		try {
			checkFormatRequest(job);
		} catch (e) {
			throw jobError(e);
		}
		return formatResult(job, await format(app, request, reply, job));
	});
}

/** The Go Playground's /fmt answer. */
export interface PlaygroundFmtResponse {
	Body: string;
	Error: string;
}

interface FmtForm {
	body: string;
	imports?: string;
}

const fmtSchema = {
	summary: 'Go Playground compatible format',
	description: `Takes the form the Go Playground's /fmt takes (body=…, imports=true) and answers in its shape: {"Body": the files formatted, "Error": ""}, or {"Body": "", "Error": "prog.go:3:1: expected …"} naming the file, line and column of the first problem. A body of several files uses the txtar format ("-- go.mod --" lines) and is answered in it; a go.mod is formatted as the go command writes it. An empty body is answered with an empty Body. A problem with the files the body holds (a file name, more than ${requestLimits.maxFiles} files, a name twice) is a 200 with the problem in Error, as /compile answers it. Source over ${requestLimits.maxSourceBytes / 1024} KiB in UTF-8, or a form over ${(4 * requestLimits.maxSourceBytes) / 1024} KiB, is refused with 413.`,
	tags: ['compatibility'],
	consumes: ['application/x-www-form-urlencoded'],
	body: {
		type: 'object',
		required: ['body'],
		properties: {
			body: { type: 'string', maxLength: requestLimits.maxSourceBytes, description: 'Go source (prog.go), or txtar with several files.' },
			imports: {
				type: 'string',
				enum: ['true', 'false', ''],
				description: 'true: add missing standard-library imports and remove unused ones, as goimports does; otherwise gofmt only.',
			},
		},
	},
	response: {
		200: {
			description: "The Go Playground's answer: the files formatted in Body, or the first problem in Error (and Body empty).",
			type: 'object',
			required: ['Body', 'Error'],
			properties: { Body: { type: 'string' }, Error: { type: 'string' } },
		},
		400: { ...errorRef, description: 'The form breaks its schema: no body field, or imports of another value than true, false or empty.' },
		...errorResponses,
		413: {
			...errorRef,
			description: `payload_too_large: a form over ${(4 * requestLimits.maxSourceBytes) / 1024} KiB, or more than ${requestLimits.maxSourceBytes / 1024} KiB of source in UTF-8.`,
		},
		415: { ...errorRef, description: 'Not a form (application/x-www-form-urlencoded).' },
	},
} as const;

/**
 * POST /fmt, registered by compileRoutes in its scope, where forms are parsed (with its body limit)
 * and JSON is not.
 */
export function playgroundFmtRoute(app: FastifyInstance): void {
	app.post('/fmt', { schema: fmtSchema, config: { rateLimit: app.jobRateLimit } }, async (request, reply): Promise<PlaygroundFmtResponse> => {
		const form = request.body as FmtForm;
		let job: FormatRequest;
		let implicitProg: boolean;
		try {
			const body = readTxtar(form.body);
			// Nothing to format is nothing formatted, as play.golang.org answers it.
			if (Object.keys(body.files).length === 0) return { Body: '', Error: '' };
			checkBodyFiles(body.files);
			job = { files: body.files, imports: form.imports === 'true' };
			implicitProg = body.implicitProg;
			checkFormatRequest(job);
		} catch (e) {
			if (e instanceof BodyProblem || (e instanceof ContractViolation && e.status === 400)) return { Body: '', Error: e.message };
			throw e instanceof ContractViolation ? jobError(e) : e;
		}
		const outcome = await format(app, request, reply, job);
		if (outcome.limit) return { Body: '', Error: outcome.limit };
		const failed = outcome.files.find((f) => f.error);
		if (failed) return { Body: '', Error: failed.error };
		return { Body: joinTxtar(Object.fromEntries(outcome.files.map((f) => [f.name, f.data])), implicitProg), Error: '' };
	});
}
