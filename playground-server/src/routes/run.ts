/** POST /api/run: the playground's own API (the contract in contract/, and the OpenAPI document). */
import type { FastifyInstance } from 'fastify';
import type { RunRequest, RunResult } from '../contract/index.ts';
import { requestLimits } from '../contract/index.ts';
import { errorRef } from '../contract/schemas.ts';
import { clientSignal, jobError } from './job-errors.ts';

const schema = {
	summary: 'Build and run a snippet',
	description: 'Runs, compiles with escape analysis, benchmarks or tests one Go package in the sandbox.',
	tags: ['playground'],
	body: { $ref: 'RunRequest#' },
	response: {
		200: { $ref: 'RunResult#' },
		400: {
			...errorRef,
			description:
				'Not valid by the RunRequest schema (invalid_request; the message names every problem), or not JSON (invalid_json), or text that is not Unicode.',
		},
		413: {
			...errorRef,
			description: `payload_too_large: a body over ${requestLimits.maxBodyBytes / 1024} KiB, or files holding more than ${requestLimits.maxSourceBytes / 1024} KiB of source in UTF-8 all together (a sum over the files that no JSON schema keyword states; each file's own bound is in the schema).`,
		},
		415: { ...errorRef, description: 'Not application/json.' },
		429: { ...errorRef, description: 'Rate limit per client address; see Retry-After.' },
		503: { ...errorRef, description: 'Queue full or shutting down; see Retry-After.' },
	},
} as const;

export async function runRoutes(app: FastifyInstance): Promise<void> {
	app.post('/api/run', { schema, config: { rateLimit: app.jobRateLimit } }, async (request, reply): Promise<RunResult> => {
		const job = request.body as RunRequest;
		const signal = clientSignal(request, reply);
		let result: RunResult;
		try {
			result = await app.playground.jobs.run(job, signal);
		} catch (e) {
			throw jobError(e);
		}
		request.log.info(
			{ mode: job.mode, outcome: result.error?.code ?? 'ok', durationMs: result.durationMs, cached: result.cached, files: Object.keys(job.files).length },
			'job answered',
		);
		return result;
	});
}
