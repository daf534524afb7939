/**
 * Prometheus metrics (prom-client), in a registry of the app's own so that several apps in one
 * process (tests) do not collide. Queue and cache gauges are read when scraped.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Scheduler } from './runner/scheduler.ts';
import type { JobEvents } from './jobs/jobs.ts';
import type { MemoryStore } from './jobs/memory-store.ts';
import type { RedisConnection } from './redis-connection.ts';

export interface Metrics {
	registry: Registry;
	/** Jobs that ran, by mode and outcome ("ok" or the error code). */
	jobs: Counter<'mode' | 'outcome'>;
	jobDuration: Histogram<'mode'>;
	cacheHits: Counter<'mode'>;
	cacheMisses: Counter<'mode'>;
	/** Requests answered by a job another identical request had already started. */
	sharedJobs: Counter<'mode'>;
	/** Requests answered by an identical job another replica ran (through the shared Redis). */
	replicaSharedJobs: Counter<'mode'>;
	/** Requests refused before running, by reason (invalid_request, queue_full, rate_limited, …). */
	rejected: Counter<'reason'>;
}

export function createMetrics(scheduler: Scheduler, cache: MemoryStore | null, redis: RedisConnection | null = null): Metrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'playbook_' });
	if (redis) redisMetrics(registry, redis);
	const lanes = ['pool', 'bench'] as const;
	new Gauge({
		name: 'playbook_queue_depth',
		help: 'Jobs waiting for a worker, by lane.',
		labelNames: ['lane'],
		registers: [registry],
		collect() {
			const s = scheduler.stats();
			for (const l of lanes) this.set({ lane: l }, s[l].queued);
		},
	});
	new Gauge({
		name: 'playbook_jobs_running',
		help: 'Jobs running now, by lane.',
		labelNames: ['lane'],
		registers: [registry],
		collect() {
			const s = scheduler.stats();
			for (const l of lanes) this.set({ lane: l }, s[l].running);
		},
	});
	new Gauge({
		name: 'playbook_result_cache_entries',
		help: 'Results in the result cache.',
		registers: [registry],
		collect() {
			this.set(cache?.size ?? 0);
		},
	});
	new Gauge({
		name: 'playbook_result_cache_bytes',
		help: 'Estimated memory held by the result cache.',
		registers: [registry],
		collect() {
			this.set(cache?.bytes ?? 0);
		},
	});
	return {
		registry,
		jobs: new Counter({
			name: 'playbook_jobs_total',
			help: 'Jobs run, by mode and outcome (ok or the error code).',
			labelNames: ['mode', 'outcome'],
			registers: [registry],
		}),
		jobDuration: new Histogram({
			name: 'playbook_job_duration_seconds',
			help: 'Time from a job starting to its result (build and execution), by mode.',
			labelNames: ['mode'],
			buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80],
			registers: [registry],
		}),
		cacheHits: new Counter({
			name: 'playbook_result_cache_hits_total',
			help: 'Requests answered from the result cache.',
			labelNames: ['mode'],
			registers: [registry],
		}),
		cacheMisses: new Counter({
			name: 'playbook_result_cache_misses_total',
			help: 'Requests not in the result cache.',
			labelNames: ['mode'],
			registers: [registry],
		}),
		sharedJobs: new Counter({
			name: 'playbook_shared_jobs_total',
			help: 'Requests that joined an identical job already running.',
			labelNames: ['mode'],
			registers: [registry],
		}),
		replicaSharedJobs: new Counter({
			name: 'playbook_replica_shared_jobs_total',
			help: 'Requests answered by an identical job another replica ran (it held the shared lock).',
			labelNames: ['mode'],
			registers: [registry],
		}),
		rejected: new Counter({
			name: 'playbook_requests_rejected_total',
			help: 'Requests refused before running, by reason.',
			labelNames: ['reason'],
			registers: [registry],
		}),
	};
}

/** Whether the shared Redis answers, and its failed commands (each one answered without it). */
function redisMetrics(registry: Registry, redis: RedisConnection): void {
	new Gauge({
		name: 'playbook_redis_up',
		help: '1 while the shared Redis is connected, 0 while this replica serves on its own.',
		registers: [registry],
		collect() {
			this.set(redis.up ? 1 : 0);
		},
	});
	const errors = new Counter({
		name: 'playbook_redis_errors_total',
		help: 'Redis commands that failed, by operation (get, set, lock, rate_limit); the request went on without Redis.',
		labelNames: ['op'],
		registers: [registry],
	});
	redis.on('failure', (op) => errors.inc({ op }));
}

/** The jobs layer's events, counted in the metrics. */
export function jobEvents(metrics: Metrics): JobEvents {
	return {
		hit: (mode) => metrics.cacheHits.inc({ mode }),
		miss: (mode) => metrics.cacheMisses.inc({ mode }),
		shared: (mode) => metrics.sharedJobs.inc({ mode }),
		sharedElsewhere: (mode) => metrics.replicaSharedJobs.inc({ mode }),
		finished: (mode, result) => {
			metrics.jobs.inc({ mode, outcome: result.error?.code ?? 'ok' });
			metrics.jobDuration.observe({ mode }, result.durationMs / 1000);
		},
	};
}
