/**
 * The server's settings, from the environment, in one object: the HTTP side here and the
 * runner's (runner/config.ts: sandbox, toolchain, state, limits) under `runner`. Every value has
 * a default that suits one machine; a malformed value stops the server at start-up with the
 * variable's name, rather than being silently ignored.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerConfigFromEnv, type RunnerConfig } from './runner/config.ts';

export interface ServerConfig {
	port: number;
	host: string;
	/** Run without bubblewrap; the server then binds loopback only. */
	unsafeLocal: boolean;
	/** The built site to serve next to the API, or null for the API only. */
	distDir: string | null;
	/** Origins (scheme://host[:port]) allowed to call the API from another site; empty: same origin only. */
	corsOrigins: string[];
	/** Requests per client IP per window on the job endpoints; 0 turns the limit off. */
	rateLimitMax: number;
	rateLimitWindowMs: number;
	/** Jobs that run at once (run/escape/test); benchmarks have a lane of their own. */
	workers: number;
	/** Jobs that may wait for a worker before new ones get 503. */
	queueSize: number;
	/** Benchmark jobs that may wait for the benchmark lane. */
	benchQueueSize: number;
	/** How long shutdown waits for running jobs before killing them, ms. */
	shutdownGraceMs: number;
	/** Results kept in the result cache, by count and by total size. */
	cacheEntries: number;
	cacheBytes: number;
	/** Trust X-Forwarded-For from a reverse proxy (for the client IP the rate limit counts). */
	trustProxy: boolean;
	/**
	 * Redis shared by the replicas (result cache, single flight, rate limit), redis[s]://…; null:
	 * each replica keeps its own results in memory and counts its own rate limit.
	 */
	redisUrl: string | null;
	/** How long a result stays in Redis, seconds. */
	redisTtlSeconds: number;
	logLevel: string;
	/** Run the start-up self-test (a program that proves the sandbox works). */
	selfTest: boolean;
	runner: RunnerConfig;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name}=${raw} is not a whole number ≥ ${min}`);
	return n;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (['1', 'true', 'yes'].includes(raw)) return true;
	if (['0', 'false', 'no'].includes(raw)) return false;
	throw new Error(`${name}=${raw}: use 1 or 0`);
}

function redisUrl(raw: string | undefined): string | null {
	if (raw === undefined || raw === '') return null;
	if (!/^rediss?:\/\/[^\s]+$/.test(raw)) throw new Error(`PLAYBOOK_REDIS_URL=${raw} is not a URL like redis://host:6379 (or rediss:// for TLS)`);
	return raw;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	const unsafeLocal = runnerConfigFromEnv(env).unsafeLocal;
	const corsOrigins = (env.PLAYBOOK_CORS_ORIGIN ?? '')
		.split(',')
		.map((o) => o.trim())
		.filter(Boolean);
	for (const o of corsOrigins) {
		if (!/^https?:\/\/[^/\s]+$/.test(o))
			throw new Error(`PLAYBOOK_CORS_ORIGIN: "${o}" is not an origin like https://playbook.example.org (no path, no trailing slash)`);
	}
	const dist = env.PLAYBOOK_DIST_DIR ?? `${repoRoot}dist`;
	return {
		port: int(env, 'PORT', 4321),
		host: unsafeLocal ? '127.0.0.1' : env.HOST || '0.0.0.0',
		unsafeLocal,
		// A relative directory is the working directory's, as a shell user means it.
		distDir: dist === '' || dist === 'none' ? null : resolve(dist),
		corsOrigins,
		rateLimitMax: int(env, 'PLAYBOOK_RATE_LIMIT', 60),
		rateLimitWindowMs: int(env, 'PLAYBOOK_RATE_WINDOW_MS', 60_000, 1),
		workers: int(env, 'PLAYBOOK_WORKERS', availableParallelism(), 1),
		queueSize: int(env, 'PLAYBOOK_QUEUE_SIZE', 64),
		benchQueueSize: int(env, 'PLAYBOOK_BENCH_QUEUE_SIZE', 8),
		shutdownGraceMs: int(env, 'PLAYBOOK_SHUTDOWN_GRACE_MS', 10_000),
		cacheEntries: int(env, 'PLAYBOOK_CACHE_ENTRIES', 1000),
		cacheBytes: int(env, 'PLAYBOOK_CACHE_BYTES', 64 * 1024 * 1024),
		trustProxy: flag(env, 'PLAYBOOK_TRUST_PROXY', false),
		redisUrl: redisUrl(env.PLAYBOOK_REDIS_URL),
		redisTtlSeconds: int(env, 'PLAYBOOK_REDIS_TTL_SECONDS', 7 * 24 * 3600, 1),
		logLevel: env.LOG_LEVEL ?? 'info',
		selfTest: flag(env, 'PLAYBOOK_SELF_TEST', true),
		runner: runnerConfigFromEnv(env),
	};
}
