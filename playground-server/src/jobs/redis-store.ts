/**
 * The result store the replicas share: results in Redis under the jobs layer's key (Go version,
 * mode, options, files), each with a TTL, and a short lock per key so that replicas asked the same
 * new code at once build it once (single flight across processes; the jobs layer keeps its own
 * within one process).
 *
 * Redis is a cache here, never a dependency: every Redis error is counted (onError) and answered
 * as if Redis had nothing — a miss, a set that keeps only the replica's own copy, a lock nobody
 * holds — so a request is never lost or failed because Redis is away. The replica's own memory
 * store (`near`) sits in front: it answers repeated requests without a round trip and keeps
 * answering them while Redis is down.
 *
 * Memory: Redis bounds itself (`maxmemory` with `allkeys-lru`, see the README); the TTL only keeps
 * results of old code from living for ever when there is room.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { RunResult } from '../contract/api.ts';
import type { Claim, ResultStore } from './jobs.ts';
import type { MemoryStore } from './memory-store.ts';

export interface RedisStoreOptions {
	/** A client that fails fast when Redis is away (no offline queue, a command timeout). */
	client: Redis;
	/** This replica's own copy of results, consulted first; null: none. */
	near: MemoryStore | null;
	/** How long a result is kept in Redis. */
	ttlSeconds: number;
	/** Key prefix, so that one Redis can serve several deployments. */
	prefix?: string;
	/** How long a lock lives unless its holder renews it: a replica that dies frees it this fast. */
	lockMs?: number;
	/** The longest a request waits for another replica's job before running it itself. */
	maxWaitMs?: number;
	/** Every failed Redis command, for metrics and logs; the store has already recovered. */
	onError?(op: 'get' | 'set' | 'lock', error: unknown): void;
}

/** Deletes the lock only when it is still ours (it may have expired and been taken by another). */
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/** Extends the lock only when it is still ours. */
const renewScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

const nothingToRelease = async () => {};

export class RedisStore implements ResultStore {
	readonly #o: Required<Omit<RedisStoreOptions, 'near' | 'onError'>> & Pick<RedisStoreOptions, 'near' | 'onError'>;

	constructor(options: RedisStoreOptions) {
		this.#o = { prefix: 'playbook:', lockMs: 10_000, maxWaitMs: 300_000, ...options };
	}

	#resultKey(key: string): string {
		return `${this.#o.prefix}result:${key}`;
	}

	#lockKey(key: string): string {
		return `${this.#o.prefix}lock:${key}`;
	}

	async get(key: string): Promise<RunResult | undefined> {
		const near = await this.#o.near?.get(key);
		if (near) return near;
		const shared = await this.#fetch(key);
		if (shared) await this.#o.near?.set(key, shared);
		return shared;
	}

	async set(key: string, result: RunResult): Promise<void> {
		await this.#o.near?.set(key, result);
		try {
			await this.#o.client.set(this.#resultKey(key), JSON.stringify(result), 'EX', this.#o.ttlSeconds);
		} catch (e) {
			this.#o.onError?.('set', e);
		}
	}

	/** The result in Redis, or undefined when there is none or Redis cannot be read. */
	async #fetch(key: string): Promise<RunResult | undefined> {
		try {
			const raw = await this.#o.client.get(this.#resultKey(key));
			return raw === null ? undefined : (JSON.parse(raw) as RunResult);
		} catch (e) {
			this.#o.onError?.('get', e);
			return undefined;
		}
	}

	/**
	 * Takes the key's lock, or waits for the replica that holds it: resolves with that replica's
	 * result once it is stored, or with the lock (then the caller runs the job, stores the result
	 * and releases it). When the holder stops renewing its lock (it died) or releases it without
	 * a result (a timeout or an internal error, which are not stored), this replica takes the
	 * lock itself; after maxWaitMs, or on any Redis error, it runs the job without one.
	 */
	async claim(key: string, signal: AbortSignal): Promise<Claim> {
		const { client, lockMs, maxWaitMs } = this.#o;
		const lock = this.#lockKey(key);
		const token = randomUUID();
		const deadline = Date.now() + maxWaitMs;
		let pause = 25;
		try {
			for (;;) {
				const mine = (await client.set(lock, token, 'PX', lockMs, 'NX')) === 'OK';
				// Read after taking the lock too: the holder may have stored its result and released
				// the lock between this replica's last read and its SET.
				const result = await this.#fetch(key);
				if (result) {
					if (mine) await client.eval(releaseScript, 1, lock, token);
					await this.#o.near?.set(key, result);
					return { result, release: nothingToRelease };
				}
				if (mine) return this.#held(lock, token);
				if (Date.now() >= deadline) return { release: nothingToRelease };
				await sleep(pause, undefined, { signal });
				pause = Math.min(pause * 2, 400);
			}
		} catch (e) {
			if (signal.aborted) throw signal.reason ?? e;
			this.#o.onError?.('lock', e);
			return { release: nothingToRelease };
		}
	}

	/** A lock this replica holds: renewed while the job runs, released when it is done. */
	#held(lock: string, token: string): Claim {
		const { client, lockMs } = this.#o;
		const renew = setInterval(() => {
			client.eval(renewScript, 1, lock, token, lockMs).catch((e: unknown) => this.#o.onError?.('lock', e));
		}, lockMs / 3);
		renew.unref();
		return {
			release: async () => {
				clearInterval(renew);
				try {
					await client.eval(releaseScript, 1, lock, token);
				} catch (e) {
					// It expires by itself within lockMs.
					this.#o.onError?.('lock', e);
				}
			},
		};
	}
}
