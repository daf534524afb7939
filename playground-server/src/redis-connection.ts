/**
 * The replica's one connection to the Redis the replicas share (result cache, single flight, rate
 * limit). Redis is an optimisation: while it is away the replica serves from its own builds, so
 * the client must fail fast instead of queueing commands until it is back (no offline queue, a
 * command timeout, one retry), and must keep trying to reconnect, every ≤ 2 s, for ever.
 */
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export interface RedisLog {
	info(msg: string): void;
	warn(msg: string): void;
}

/** Emits 'failure' (op, error) for every Redis command that failed, whoever sent it. */
export class RedisConnection extends EventEmitter<{ failure: [op: string, error: unknown] }> {
	readonly client: Redis;
	#wasUp = false;
	#saidDown = false;

	constructor(url: string, log: RedisLog) {
		super();
		this.client = new Redis(url, {
			enableOfflineQueue: false,
			commandTimeout: 1000,
			maxRetriesPerRequest: 1,
			connectTimeout: 2000,
			retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
			// Redis's own name for who is connected (CLIENT LIST), for an operator.
			connectionName: `playbook-${process.pid}`,
		});
		const where = redactedUrl(url);
		this.client.on('ready', () => {
			this.#wasUp = true;
			this.#saidDown = false;
			log.info(`redis up (${where}): results, job locks and rate limits shared with the other replicas`);
		});
		// ioredis reports every failed reconnect as an error: one warning per outage is enough.
		const down = (why: string) => {
			if (this.#saidDown) return;
			this.#saidDown = true;
			log.warn(`redis down (${where}: ${why}): serving from this replica's own builds and memory, rate limit counted here; reconnecting`);
		};
		this.client.on('error', (e: Error) => down(e.message));
		this.client.on('close', () => {
			if (this.#wasUp) down('connection closed');
		});
	}

	/** Whether commands can be sent now. */
	get up(): boolean {
		return this.client.status === 'ready';
	}

	failed(op: string, error: unknown): void {
		this.emit('failure', op, error);
	}

	/** Closes at once: quit() would wait for a Redis that may be gone. */
	close(): void {
		this.client.disconnect();
	}
}

/** The URL without its password, for logs. */
function redactedUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return 'redis';
	}
}
