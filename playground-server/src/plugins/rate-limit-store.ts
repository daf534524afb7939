/**
 * The rate limit's counters, shared by the replicas in Redis and counted by this replica alone
 * while Redis is away: @fastify/rate-limit's own Redis store (its Lua script: INCR + PEXPIRE in one
 * step) and its own local store, the second answering whenever the first fails. The library's
 * `skipOnError` alone would let every request through during an outage; this keeps a limit, per
 * replica, which is what each replica had before Redis.
 */
import { createRequire } from 'node:module';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RedisConnection } from '../redis-connection.ts';

type Child = Parameters<FastifyRateLimitStore['child']>[0];
type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

// The stores are the library's, not part of its typed entry point (CommonJS, no exports map).
const require = createRequire(import.meta.url);
const LibRedisStore = require('@fastify/rate-limit/store/RedisStore.js') as new (
	continueExceeding: boolean,
	exponentialBackoff: boolean,
	redis: unknown,
	key?: string,
) => FastifyRateLimitStore;
const LibLocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (
	continueExceeding: boolean,
	exponentialBackoff: boolean,
) => FastifyRateLimitStore;

class FallbackStore implements FastifyRateLimitStore {
	readonly #shared: FastifyRateLimitStore;
	readonly #local: FastifyRateLimitStore;
	readonly #redis: RedisConnection;

	constructor(shared: FastifyRateLimitStore, local: FastifyRateLimitStore, redis: RedisConnection) {
		this.#shared = shared;
		this.#local = local;
		this.#redis = redis;
	}

	incr(key: string, callback: Callback, timeWindow: number, max: number): void {
		// Not even a try while the connection is down: the client would refuse at once anyway.
		if (!this.#redis.up) return this.#local.incr(key, callback, timeWindow, max);
		this.#shared.incr(
			key,
			(error, result) => {
				if (!error) return callback(null, result);
				this.#redis.failed('rate_limit', error);
				this.#local.incr(key, callback, timeWindow, max);
			},
			timeWindow,
			max,
		);
	}

	child(routeOptions: Child): FastifyRateLimitStore {
		return new FallbackStore(this.#shared.child(routeOptions), this.#local.child(routeOptions), this.#redis);
	}
}

/** The `store` option of @fastify/rate-limit for replicas that share `redis`. */
export function sharedRateLimitStore(redis: RedisConnection): FastifyRateLimitStoreCtor {
	return class {
		// The library constructs it with its resolved global parameters (which include these two).
		constructor(o: FastifyRateLimitOptions & { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
			const continueExceeding = o.continueExceeding ?? false;
			const exponentialBackoff = o.exponentialBackoff ?? false;
			return new FallbackStore(
				new LibRedisStore(continueExceeding, exponentialBackoff, redis.client, 'playbook:rate:'),
				new LibLocalStore(continueExceeding, exponentialBackoff),
				redis,
			);
		}
	} as unknown as FastifyRateLimitStoreCtor;
}
