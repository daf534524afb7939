/** GET /healthz and GET /metrics. */
import type { FastifyInstance } from 'fastify';
import { healthSchema } from '../schemas.ts';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
	app.get('/healthz', { schema: healthSchema, logLevel: 'warn' }, async (_request, reply) => {
		const { runner, scheduler, cache, state } = app.playground;
		const status = state.phase === 'shutting_down' || scheduler.closed ? 'shutting_down' : state.warm.done ? 'ok' : 'warming';
		if (status === 'shutting_down') reply.code(503).header('retry-after', '5');
		return {
			status,
			goVersion: runner.goVersion,
			sandbox: runner.sandbox,
			cgroups: runner.cgroups.kind,
			seccomp: state.seccomp,
			uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
			queue: { pool: scheduler.stats().pool, bench: scheduler.stats().bench },
			cache: { entries: cache?.size ?? 0, bytes: cache?.bytes ?? 0 },
			warm: state.warm,
		};
	});

	app.get('/metrics', { schema: { summary: 'Prometheus metrics', tags: ['operations'] }, logLevel: 'warn' }, async (_request, reply) => {
		const { registry } = app.playground.metrics;
		reply.type(registry.contentType);
		return registry.metrics();
	});
}
