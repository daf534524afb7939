/** POST /compile: the Go Playground's API, so existing playground clients can point here. */
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { RunResult } from '../../../src/shared/api.ts';
import { playgroundJob, splitTxtar, toPlaygroundResponse, type PlaygroundResponse } from '../playground-compat.ts';
import { compileRouteSchema } from '../schemas.ts';
import { checkRunRequest } from '../validate.ts';
import { RequestError } from '../errors.ts';
import { fileNamePattern, requestLimits } from '../../../src/shared/api.ts';
import { clientSignal, jobError } from './job-errors.ts';
import type { RouteRateLimit } from './route-options.ts';

interface CompileForm {
	body: string;
	withVet?: string;
	version?: string;
}

export async function compileRoutes(app: FastifyInstance, opts: RouteRateLimit): Promise<void> {
	// Only this route takes forms (the Go Playground's protocol): the JSON API answers a form with 415.
	app.removeContentTypeParser('application/json');
	await app.register(formbody, { bodyLimit: 4 * requestLimits.maxSourceBytes });
	app.post('/compile', { schema: compileRouteSchema, config: { rateLimit: opts.rateLimit ?? false } }, async (request, reply): Promise<PlaygroundResponse> => {
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
		const job = checkRunRequest(playgroundJob(files));
		const signal = clientSignal(request, reply);
		const withVet = form.withVet === 'true';
		let result: RunResult;
		let vet: RunResult | null = null;
		try {
			[result, vet] = await Promise.all([app.playground.jobs.run(job, signal), withVet ? app.playground.jobs.vet(job.files, signal) : Promise.resolve(null)]);
		} catch (e) {
			throw jobError(e);
		}
		request.log.info({ mode: job.mode, outcome: result.error?.code ?? 'ok', durationMs: result.durationMs, cached: result.cached, vet: withVet }, 'compile answered');
		return toPlaygroundResponse(result, vet);
	});
}
