import type { RateLimitOptions } from '@fastify/rate-limit';

/** The per-client rate limit the job routes apply (undefined: none). */
export interface RouteRateLimit {
	rateLimit?: RateLimitOptions;
}
