/**
 * Decides when jobs run. Two lanes:
 *   pool   run / escape / test jobs, `workers` at a time (one per core by default);
 *   bench  benchmark jobs, one at a time, so that two benchmarks never share the CPU and distort
 *          each other's ns/op. While a benchmark runs the pool gives up one worker (when it has
 *          more than one), so the benchmark has a core to itself.
 * Each lane has a bounded queue; a job that finds it full is refused at once (QueueFullError, with
 * an estimate of when to retry) instead of waiting without bound. A job's AbortSignal removes it
 * from the queue, or kills it while it runs. close() refuses new jobs and drops queued ones;
 * drain() waits for running ones and kills what is still running after a grace period.
 *
 * The scheduler knows nothing of HTTP: the sandbox server and the site build both use it.
 */
import type { Mode, RunRequest, RunResult } from '../contract/index.ts';

export type Lane = 'pool' | 'bench';

export function laneOf(mode: Mode): Lane {
	return mode === 'bench' ? 'bench' : 'pool';
}

export interface SchedulerOptions {
	/** Jobs of the pool lane that run at once. */
	workers: number;
	/** Pool jobs that may wait. */
	queueSize: number;
	/** Benchmark jobs that may wait (default 8: each may take up to the benchmark time limit). */
	benchQueueSize?: number;
	/** Take a pool worker away while a benchmark runs (default: when the pool has more than one). */
	reserveCoreForBench?: boolean;
	/**
	 * A benchmark runs with nothing else: it waits for running pool jobs, and no pool job starts
	 * while one runs or waits (default false). For the snippet checker, whose time ratios should
	 * not be measured next to a compile; a server would rather keep answering.
	 */
	benchAlone?: boolean;
}

export interface LaneStats {
	running: number;
	queued: number;
	capacity: number;
	queueSize: number;
}

export interface SchedulerStats {
	pool: LaneStats;
	bench: LaneStats;
	closed: boolean;
}

export class QueueFullError extends Error {
	readonly lane: Lane;
	readonly retryAfterSeconds: number;
	constructor(lane: Lane, queueSize: number, retryAfterSeconds: number) {
		super(
			lane === 'bench'
				? `The benchmark queue is full (${queueSize} waiting; benchmarks run one at a time). Try again in about ${retryAfterSeconds} s.`
				: `The playground is busy: ${queueSize} jobs are already waiting. Try again in about ${retryAfterSeconds} s.`,
		);
		this.lane = lane;
		this.retryAfterSeconds = retryAfterSeconds;
	}
}

export class SchedulerClosedError extends Error {
	constructor() {
		super('The playground is shutting down and takes no new jobs. Try again in a few seconds (another instance, or this one after its restart, will answer).');
	}
}

interface Task {
	lane: Lane;
	start: (signal: AbortSignal) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (reason: unknown) => void;
	controller: AbortController;
	detach: () => void;
}

function abortError(signal: AbortSignal): unknown {
	return signal.reason ?? new DOMException('The job was canceled', 'AbortError');
}

export class Scheduler {
	readonly #options: Required<SchedulerOptions>;
	readonly #queues: Record<Lane, Task[]> = { pool: [], bench: [] };
	readonly #running: Record<Lane, Set<Task>> = { pool: new Set(), bench: new Set() };
	/** Recent job durations per lane (exponential moving average, ms), for Retry-After. */
	readonly #averageMs: Record<Lane, number> = { pool: 1000, bench: 10_000 };
	readonly #idleWaiters: (() => void)[] = [];
	#closed = false;

	constructor(options: SchedulerOptions) {
		if (!Number.isSafeInteger(options.workers) || options.workers < 1) throw new Error(`workers must be at least 1 (got ${options.workers})`);
		this.#options = {
			benchQueueSize: 8,
			reserveCoreForBench: options.workers > 1,
			benchAlone: false,
			...options,
		};
	}

	/**
	 * The most jobs that can be running at once: the pool's workers and one benchmark. The runner
	 * is given this many slots (createRunner), so the scheduler is the only concurrency gate.
	 */
	get maxRunning(): number {
		return this.#options.workers + 1;
	}

	/** Runs a job of a runner in the lane its mode belongs to. */
	run(runner: { run(request: RunRequest, signal?: AbortSignal): Promise<RunResult> }, request: RunRequest, signal?: AbortSignal): Promise<RunResult> {
		return this.submit(laneOf(request.mode), (s) => runner.run(request, s), signal);
	}

	/**
	 * Queues a task. Rejects at once with QueueFullError or SchedulerClosedError; later with the
	 * signal's reason if it aborts while queued. A running task gets a signal of its own, aborted
	 * when the caller's is or when drain() runs out of patience.
	 */
	submit<T>(lane: Lane, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
		if (this.#closed) return Promise.reject(new SchedulerClosedError());
		if (signal?.aborted) return Promise.reject(abortError(signal));
		const limit = lane === 'bench' ? this.#options.benchQueueSize : this.#options.queueSize;
		if (this.#queues[lane].length >= limit && !this.#hasRoom(lane)) {
			return Promise.reject(new QueueFullError(lane, limit, this.retryAfterSeconds(lane)));
		}
		return new Promise<T>((resolve, reject) => {
			const controller = new AbortController();
			const onAbort = () => {
				const queue = this.#queues[lane];
				const at = queue.indexOf(task);
				if (at >= 0) {
					queue.splice(at, 1);
					reject(abortError(signal!));
				} else {
					controller.abort(signal!.reason);
				}
			};
			const task: Task = {
				lane,
				start,
				resolve: resolve as (v: unknown) => void,
				reject,
				controller,
				detach: () => signal?.removeEventListener('abort', onAbort),
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#queues[lane].push(task);
			this.#pump();
		});
	}

	/** Seconds until a job of this lane would likely start, for Retry-After (1–120). */
	retryAfterSeconds(lane: Lane): number {
		const ahead = this.#queues[lane].length + this.#running[lane].size;
		const capacity = Math.max(1, this.#capacity(lane));
		const seconds = Math.ceil(((ahead / capacity) * this.#averageMs[lane]) / 1000);
		return Math.min(120, Math.max(1, seconds));
	}

	stats(): SchedulerStats {
		const lane = (l: Lane): LaneStats => ({
			running: this.#running[l].size,
			queued: this.#queues[l].length,
			capacity: this.#capacity(l),
			queueSize: l === 'bench' ? this.#options.benchQueueSize : this.#options.queueSize,
		});
		return { pool: lane('pool'), bench: lane('bench'), closed: this.#closed };
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Refuses new jobs and rejects the queued ones; running jobs carry on (see drain). */
	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		for (const lane of ['pool', 'bench'] as const) {
			for (const task of this.#queues[lane].splice(0)) {
				task.detach();
				task.reject(new SchedulerClosedError());
			}
		}
		this.#notifyIdle();
	}

	/**
	 * close(), then waits for the running jobs; those still running after graceMs are aborted
	 * (the runner kills their process trees and removes their directories) and awaited.
	 */
	async drain(graceMs: number): Promise<void> {
		this.close();
		if (this.#runningCount() === 0) return;
		const idle = new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<'timeout'>((resolve) => {
			timer = setTimeout(() => resolve('timeout'), graceMs);
		});
		const first = await Promise.race([idle, timeout]);
		clearTimeout(timer);
		if (first === 'timeout') {
			for (const lane of ['pool', 'bench'] as const) {
				for (const task of this.#running[lane]) task.controller.abort(new SchedulerClosedError());
			}
			await idle;
		}
	}

	#runningCount(): number {
		return this.#running.pool.size + this.#running.bench.size;
	}

	#capacity(lane: Lane): number {
		const alone = this.#options.benchAlone;
		if (lane === 'bench') return alone && this.#running.pool.size > 0 ? 0 : 1;
		if (alone && (this.#running.bench.size > 0 || this.#queues.bench.length > 0)) return 0;
		const reserve = this.#options.reserveCoreForBench && this.#running.bench.size > 0 ? 1 : 0;
		return Math.max(1, this.#options.workers - reserve);
	}

	#hasRoom(lane: Lane): boolean {
		return this.#running[lane].size < this.#capacity(lane) && this.#queues[lane].length === 0;
	}

	#pump(): void {
		for (const lane of ['bench', 'pool'] as const) {
			while (this.#running[lane].size < this.#capacity(lane) && this.#queues[lane].length > 0) {
				this.#start(this.#queues[lane].shift()!);
			}
		}
	}

	#start(task: Task): void {
		const { lane } = task;
		this.#running[lane].add(task);
		const began = performance.now();
		let work: Promise<unknown>;
		try {
			work = task.start(task.controller.signal);
		} catch (e) {
			work = Promise.reject(e);
		}
		work.then(task.resolve, task.reject).finally(() => {
			task.detach();
			this.#running[lane].delete(task);
			this.#averageMs[lane] = 0.8 * this.#averageMs[lane] + 0.2 * (performance.now() - began);
			this.#pump();
			if (this.#runningCount() === 0) this.#notifyIdle();
		});
	}

	#notifyIdle(): void {
		if (this.#runningCount() > 0) return;
		for (const w of this.#idleWaiters.splice(0)) w();
	}
}
