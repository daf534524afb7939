/** POST /api/run: the playground's own API (see src/shared/api.ts and the OpenAPI document). */
import type { FastifyInstance } from 'fastify';
import type { RouteRateLimit } from './route-options.ts';
import type { RunRequest, RunResult } from '../../../src/shared/api.ts';
import { runRouteSchema } from '../schemas.ts';
import { checkRunRequest } from '../validate.ts';
import { clientSignal, jobError } from './job-errors.ts';

export async function runRoutes(app: FastifyInstance, opts: RouteRateLimit): Promise<void> {
	app.post('/api/run', { schema: runRouteSchema, config: { rateLimit: opts.rateLimit ?? false } }, async (request, reply): Promise<RunResult> => {
		const job = checkRunRequest(request.body as RunRequest);
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
