/**
 * The per-client rate limit of the job routes (@fastify/rate-limit, not global: health, metrics
 * and the site are never limited). Routes read the limit to apply from `app.jobRateLimit`.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import { RequestError } from '../errors.ts';
import type { RedisConnection } from '../redis-connection.ts';
import { sharedRateLimitStore } from './rate-limit-store.ts';

export interface RateLimitSettings {
	/** Requests per client address per window; 0 turns the limit off. */
	max: number;
	windowMs: number;
	/** Count in the Redis the replicas share (each replica alone while it is away); null: here. */
	redis?: RedisConnection | null;
}

declare module 'fastify' {
	interface FastifyInstance {
		/** The route config of a job route: the limit, or false when there is none. */
		jobRateLimit: RateLimitOptions | false;
	}
}

async function jobRateLimit(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
	if (settings.max <= 0) {
		app.decorate('jobRateLimit', false);
		return;
	}
	await app.register(rateLimit, settings.redis ? { global: false, store: sharedRateLimitStore(settings.redis), skipOnError: true } : { global: false });
	app.decorate('jobRateLimit', {
		max: settings.max,
		timeWindow: settings.windowMs,
		errorResponseBuilder: (_request, context) =>
			new RequestError(
				429,
				'rate_limited',
				`Too many jobs from your address: at most ${context.max} per ${Math.round(settings.windowMs / 1000)} s. Try again in ${context.after} (see Retry-After).`,
			),
	} satisfies RateLimitOptions);
}

export default fp(jobRateLimit, { name: 'playbook-rate-limit' });
