/**
 * A throw-away redis-server on loopback, configured as the README asks of the shared one: no
 * persistence (a cache; losing it costs rebuilds only), a memory cap, least recently used keys
 * evicted first.
 */
import { startProcess, type Started } from './processes.ts';

export interface LocalRedis {
	port: number;
	url: string;
	process: Started;
	/** Starts it again on the same port (after kill()), empty. */
	restart(): Promise<void>;
	kill(): Promise<void>;
	stop(): Promise<void>;
}

export async function startRedis(o: { binary: string; port: number; maxmemory?: string }): Promise<LocalRedis> {
	const args = [
		'--port',
		String(o.port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--maxmemory',
		o.maxmemory ?? '64mb',
		'--maxmemory-policy',
		'allkeys-lru',
	];
	const launch = async () => {
		const p = startProcess('redis-server', o.binary, args);
		await p.waitForLine(/Ready to accept connections/);
		return p;
	};
	const redis: LocalRedis = {
		port: o.port,
		url: `redis://127.0.0.1:${o.port}`,
		process: await launch(),
		async restart() {
			await redis.process.kill();
			redis.process = await launch();
		},
		kill: () => redis.process.kill(),
		stop: () => redis.process.stop(5_000),
	};
	return redis;
}
