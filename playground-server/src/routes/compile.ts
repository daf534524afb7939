/** POST /compile: the Go Playground's API, so existing playground clients can point here. */
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { RunResult } from '../contract/index.ts';
import { playgroundJob, splitTxtar, toPlaygroundResponse, type PlaygroundResponse } from '../playground-compat.ts';
import { errorRef } from '../contract/schemas.ts';
import { RequestError } from '../errors.ts';
import { fileNamePattern, requestLimits } from '../contract/index.ts';
import { clientSignal, jobError } from './job-errors.ts';

interface CompileForm {
	body: string;
	withVet?: string;
	version?: string;
}

const schema = {
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


export async function compileRoutes(app: FastifyInstance): Promise<void> {
	// Only this route takes forms (the Go Playground's protocol): the JSON API answers a form with 415.
	app.removeContentTypeParser('application/json');
	await app.register(formbody, { bodyLimit: 4 * requestLimits.maxSourceBytes });
	app.post('/compile', { schema, config: { rateLimit: app.jobRateLimit } }, async (request, reply): Promise<PlaygroundResponse> => {
		const form = request.body as CompileForm;
		const files = splitTxtar(form.body);
		const names = Object.keys(files);
		if (names.length > requestLimits.maxFiles) {
			throw new RequestError(400, 'invalid_request', `The body holds ${names.length} files; a snippet may have at most ${requestLimits.maxFiles}.`);
		}
		for (const n of names) {
			if (!fileNamePattern.test(n)) {
				throw new RequestError(400, 'invalid_request', `File name ${JSON.stringify(n)} is not allowed: use a plain name ending in .go (no directories, no "..") or go.mod. Every file of a snippet is one package in one directory.`);
			}
		}
		if (names.length === 0) throw new RequestError(400, 'invalid_request', 'body is empty. Send a Go program in the form field body.');
		const job = playgroundJob(files);
		const signal = clientSignal(request, reply);
		const withVet = form.withVet === 'true';
		let result: RunResult;
		let vet: RunResult | null;
		try {
			[result, vet] = await Promise.all([app.playground.jobs.run(job, signal), withVet ? app.playground.jobs.vet(job.files, signal) : Promise.resolve(null)]);
		} catch (e) {
			throw jobError(e);
		}
		request.log.info({ mode: job.mode, outcome: result.error?.code ?? 'ok', durationMs: result.durationMs, cached: result.cached, vet: withVet }, 'compile answered');
		return toPlaygroundResponse(result, vet);
	});
}
