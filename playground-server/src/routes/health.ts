/** GET /healthz and GET /metrics. */
import type { FastifyInstance } from 'fastify';
import { defaultGoRelease, toolchainName } from '../contract/go-versions.ts';

const laneSchema = {
	type: 'object',
	properties: { running: { type: 'integer' }, queued: { type: 'integer' }, capacity: { type: 'integer' }, queueSize: { type: 'integer' } },
} as const;

const healthBodySchema = {
	type: 'object',
	properties: {
		status: { type: 'string', enum: ['ok', 'warming', 'shutting_down'] },
		goVersion: { type: 'string', description: 'The default Go release (see GET /api/versions for all).' },
		sandbox: { type: 'string', enum: ['bwrap', 'unsafe-local'] },
		seccomp: { type: 'boolean' },
		uptimeSeconds: { type: 'integer' },
		queue: { type: 'object', properties: { pool: laneSchema, bench: laneSchema } },
		cache: { type: 'object', properties: { entries: { type: 'integer' }, bytes: { type: 'integer' } } },
		redis: {
			type: 'string',
			enum: ['off', 'up', 'down'],
			description: 'The Redis the replicas share (PLAYBOOK_REDIS_URL): "down" still answers 200, the replica serves on its own.',
		},
		warm: {
			type: 'object',
			description: "The start-up build of the default Go release's standard library into its build cache.",
			properties: { done: { type: 'boolean' }, durationMs: { type: ['integer', 'null'] }, error: { type: ['string', 'null'] } },
		},
	},
} as const;

const schema = {
	summary: 'Health and readiness',
	description:
		'status is "ok" when ready; "warming" while the Go build cache is being filled at start-up (jobs are accepted, the first ones are slower); 503 with "shutting_down" once stopping.',
	tags: ['operations'],
	response: { 200: healthBodySchema, 503: healthBodySchema },
} as const;

export async function healthRoutes(app: FastifyInstance): Promise<void> {
	app.get('/healthz', { schema, logLevel: 'warn' }, async (_request, reply) => {
		const { runner, scheduler, cache, state } = app.playground;
		const status = state.phase === 'shutting_down' || scheduler.closed ? 'shutting_down' : state.warm.done ? 'ok' : 'warming';
		if (status === 'shutting_down') reply.code(503).header('retry-after', '5');
		return {
			status,
			goVersion: toolchainName(defaultGoRelease),
			sandbox: runner.sandbox,
			seccomp: state.seccomp,
			uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
			queue: { pool: scheduler.stats().pool, bench: scheduler.stats().bench },
			cache: { entries: cache?.size ?? 0, bytes: cache?.bytes ?? 0 },
			redis: app.redis ? (app.redis.up ? 'up' : 'down') : 'off',
			warm: state.warm,
		};
	});

	app.get('/metrics', { schema: { summary: 'Prometheus metrics', tags: ['operations'] }, logLevel: 'warn' }, async (_request, reply) => {
		const { registry } = app.playground.metrics;
		reply.type(registry.contentType);
		return registry.metrics();
	});
}
