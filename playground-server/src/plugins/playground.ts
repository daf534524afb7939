/**
 * The engine inside the app: the runner, the scheduler, the result store, the jobs layer and the
 * metrics, decorated as `app.playground` for the routes. Closing the app stops taking jobs, lets
 * running ones finish (killing what outlives the grace period) and, when the app owns the runner,
 * disposes it, so nothing of a job outlives the server.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Jobs, type JobRunner } from '../jobs/jobs.ts';
import { MemoryStore } from '../jobs/memory-store.ts';
import { RedisStore } from '../jobs/redis-store.ts';
import { createMetrics, jobEvents, type Metrics } from '../metrics.ts';
import type { Scheduler } from '../runner/scheduler.ts';
import type { SandboxKind } from '../runner/sandbox.ts';
import type { ReleaseStatus } from '../runner/runners.ts';

/** What the app needs of the runners (the real Runners, or anything shaped like them). */
export interface AppRunner extends JobRunner {
	readonly sandbox: SandboxKind;
	/** Each offered Go release and whether it is ready (GET /api/versions). */
	status(): ReleaseStatus[];
	dispose?(): Promise<void>;
}

export interface ServerState {
	phase: 'starting' | 'running' | 'shutting_down';
	startedAt: number;
	seccomp: boolean;
	warm: { done: boolean; durationMs: number | null; error: string | null };
}

export interface Playground {
	runner: AppRunner;
	scheduler: Scheduler;
	jobs: Jobs;
	cache: MemoryStore | null;
	metrics: Metrics;
	state: ServerState;
}

declare module 'fastify' {
	interface FastifyInstance {
		playground: Playground;
	}
}

export interface PlaygroundOptions {
	runner: AppRunner;
	scheduler: Scheduler;
	/** Results kept in memory, by count and size; 0 entries: no result store. */
	cacheEntries: number;
	cacheBytes: number;
	/** How long results stay in the shared Redis (app.redis), when there is one. */
	redisTtlSeconds: number;
	state: ServerState;
	shutdownGraceMs: number;
	/** Dispose the runner when the app closes (the app made it, or was handed it to own). */
	ownsRunner: boolean;
}

async function playground(app: FastifyInstance, o: PlaygroundOptions): Promise<void> {
	const cache = o.cacheEntries > 0 ? new MemoryStore({ maxEntries: o.cacheEntries, maxBytes: o.cacheBytes }) : null;
	// With a shared Redis the memory store stays in front of it, and answers alone while it is away.
	const redis = app.hasDecorator('redis') ? app.redis : null;
	const store = redis ? new RedisStore({ client: redis.client, near: cache, ttlSeconds: o.redisTtlSeconds, onError: (op, e) => redis.failed(op, e) }) : cache;
	const metrics = createMetrics(o.scheduler, cache, redis);
	const jobs = new Jobs({
		runner: o.runner,
		scheduler: o.scheduler,
		store,
		events: jobEvents(metrics),
		raceSupported: process.arch === 'x64' || process.arch === 'arm64',
	});
	app.decorate('playground', { runner: o.runner, scheduler: o.scheduler, jobs, cache, metrics, state: o.state } satisfies Playground);
	app.addHook('preClose', async () => {
		o.state.phase = 'shutting_down';
		await o.scheduler.drain(o.shutdownGraceMs);
	});
	if (o.ownsRunner) app.addHook('onClose', async () => o.runner.dispose?.());
}

export default fp(playground, { name: 'playbook-playground' });
