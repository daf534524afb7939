/**
 * Turns requests into jobs: answers from the result cache when it can, makes identical requests
 * that arrive together share one job (single flight), and otherwise queues a job on the
 * scheduler. A shared job is canceled only when every request waiting for it has gone away.
 */
import type { Mode, RunRequest, RunResult } from '../../src/shared/api.ts';
import { resultCacheKey } from './runner/cache-key.ts';
import { laneOf, type Lane, type Scheduler } from './runner/scheduler.ts';
import type { Metrics } from './metrics.ts';
import type { ResultCache } from './result-cache.ts';
import { cacheable } from './runner/cache-key.ts';

export interface JobRunner {
	readonly goVersion: string;
	run(request: RunRequest, signal?: AbortSignal): Promise<RunResult>;
	vet(request: Pick<RunRequest, 'files'>, signal?: AbortSignal): Promise<RunResult>;
}

interface Flight {
	promise: Promise<RunResult>;
	controller: AbortController;
	waiters: number;
}

export interface JobsOptions {
	runner: JobRunner;
	scheduler: Scheduler;
	cache: ResultCache | null;
	metrics: Metrics;
}

export class Jobs {
	readonly #o: JobsOptions;
	readonly #flights = new Map<string, Flight>();

	constructor(options: JobsOptions) {
		this.#o = options;
	}

	/** The result of a (validated) request; rejects with QueueFullError, SchedulerClosedError or the signal's reason. */
	run(request: RunRequest, signal: AbortSignal): Promise<RunResult> {
		const key = resultCacheKey(request, this.#o.runner.goVersion);
		return this.#through(key, request.mode, laneOf(request.mode), (s) => this.#o.runner.run(request, s), signal);
	}

	/** `go vet` of a snippet (for the Go Playground's withVet), cached like a job. */
	vet(files: Record<string, string>, signal: AbortSignal): Promise<RunResult> {
		const key = `vet:${resultCacheKey({ mode: 'escape', files }, this.#o.runner.goVersion)}`;
		return this.#through(key, 'escape', 'pool', (s) => this.#o.runner.vet({ files }, s), signal, 'vet');
	}

	/** Jobs running or queued on behalf of requests. */
	get inFlight(): number {
		return this.#flights.size;
	}

	#through(key: string, mode: Mode, lane: Lane, start: (signal: AbortSignal) => Promise<RunResult>, signal: AbortSignal, label: string = mode): Promise<RunResult> {
		const { cache, metrics, scheduler } = this.#o;
		const hit = cache?.get(key);
		if (hit) {
			metrics.cacheHits.inc({ mode: label });
			return Promise.resolve({ ...hit, cached: true });
		}
		metrics.cacheMisses.inc({ mode: label });
		let flight = this.#flights.get(key);
		if (flight) {
			metrics.sharedJobs.inc({ mode: label });
		} else {
			const controller = new AbortController();
			const promise = scheduler
				.submit(
					lane,
					async (taskSignal) => {
						const result = await start(taskSignal);
						// A killed job's result describes the kill, not the program.
						if (taskSignal.aborted) throw taskSignal.reason ?? new DOMException('The job was canceled', 'AbortError');
						return result;
					},
					controller.signal,
				)
				.then((result) => {
					metrics.jobs.inc({ mode: label, outcome: result.error?.code ?? 'ok' });
					metrics.jobDuration.observe({ mode: label }, result.durationMs / 1000);
					if (cacheable(result)) cache?.set(key, result);
					return result;
				})
				.finally(() => {
					if (this.#flights.get(key) === flight) this.#flights.delete(key);
				});
			flight = { promise, controller, waiters: 0 };
			this.#flights.set(key, flight);
		}
		return wait(flight, signal);
	}
}

/** Waits for a shared job on behalf of one request; the last request to give up cancels it. */
function wait(flight: Flight, signal: AbortSignal): Promise<RunResult> {
	flight.waiters++;
	return new Promise<RunResult>((resolve, reject) => {
		let done = false;
		const leave = () => {
			if (done) return false;
			done = true;
			flight.waiters--;
			signal.removeEventListener('abort', onAbort);
			return true;
		};
		const onAbort = () => {
			if (!leave()) return;
			if (flight.waiters === 0) flight.controller.abort(signal.reason);
			reject(signal.reason ?? new DOMException('The request was canceled', 'AbortError'));
		};
		if (signal.aborted) {
			onAbort();
			return;
		}
		signal.addEventListener('abort', onAbort, { once: true });
		flight.promise.then(
			(r) => {
				if (leave()) resolve(r);
			},
			(e: unknown) => {
				if (leave()) reject(e);
			},
		);
	});
}
