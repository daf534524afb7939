/**
 * The layer above the runner, the same for the server and the site build: every request is
 * validated and normalized by the contract's rules, answered from the result store when it can,
 * shares one job with identical requests that arrive together (single flight), and otherwise
 * runs on the scheduler. A shared job is canceled only when every request waiting for it has gone
 * away. What differs between the server and the build is only the store (memory or files) and
 * who listens to the events (Prometheus or the build's counts).
 */
import type { Mode, RunRequest, RunResult } from '../contract/api.ts';
import { checkRunRequest, ContractViolation } from '../contract/validate.ts';
import { laneOf, type Lane, type Scheduler } from '../runner/scheduler.ts';
import { cacheable, resultCacheKey } from './cache-key.ts';

/** What the jobs layer needs of a runner (the real Runner, or anything shaped like it). */
export interface JobRunner {
	/** The exact toolchain a request's job runs on ("go1.27.3"): part of its result's identity. */
	versionOf(request: Pick<RunRequest, 'options'>): string;
	/**
	 * Resolves when the request's toolchain can take jobs (it may have to be fetched first): the
	 * job waits for it before it takes a place in the scheduler. A failure is left to run() to
	 * answer.
	 */
	ready?(request: Pick<RunRequest, 'options'>): Promise<unknown>;
	run(request: RunRequest, signal?: AbortSignal): Promise<RunResult>;
	vet(request: Pick<RunRequest, 'mode' | 'files' | 'options'>, signal?: AbortSignal): Promise<RunResult>;
}

/** Where results are kept between identical requests. */
export interface ResultStore {
	get(key: string): Promise<RunResult | undefined>;
	/** Only called with results worth keeping (cacheable). */
	set(key: string, result: RunResult): Promise<void>;
	/**
	 * For a store shared by several processes (replicas): single flight among them. Resolves with
	 * the result another process stored while this one waited, or with none (then this process
	 * runs the job, stores its result and calls release). Never rejects but for the signal.
	 */
	claim?(key: string, signal: AbortSignal): Promise<Claim>;
}

/** The outcome of ResultStore.claim. */
export interface Claim {
	/** Another process's result for the key. */
	result?: RunResult;
	/** Lets other processes go on (after the result is stored). */
	release(): Promise<void>;
}

/** What happened to each request; `label` is the mode, or "vet". */
export interface JobEvents {
	hit?(label: string): void;
	miss?(label: string): void;
	/** A request joined an identical job already running. */
	shared?(label: string): void;
	/** A request was answered by an identical job another process (replica) ran. */
	sharedElsewhere?(label: string): void;
	/** A job ran; `ranMs` is the time it ran, not the time it waited for its turn. */
	finished?(label: string, result: RunResult, ranMs: number): void;
}

export interface JobsOptions {
	runner: JobRunner;
	scheduler: Scheduler;
	store: ResultStore | null;
	events?: JobEvents;
	/** Whether this machine's toolchain has the race detector (linux/amd64, linux/arm64, …). */
	raceSupported?: boolean;
}

export interface RunOptions {
	/**
	 * Run the job even when the store has its result, and store the new one: for a caller that
	 * has reason to doubt the stored result (a timing measured on a machine that was busy).
	 */
	refresh?: boolean;
}

interface Flight {
	promise: Promise<RunResult>;
	controller: AbortController;
	waiters: number;
}

const never = new AbortController().signal;

export class Jobs {
	readonly #o: JobsOptions;
	readonly #flights = new Map<string, Flight>();

	constructor(options: JobsOptions) {
		this.#o = options;
	}

	/**
	 * The result of a request. Rejects with ContractViolation (the request breaks a rule),
	 * QueueFullError, SchedulerClosedError or the signal's reason.
	 */
	run(request: RunRequest, signal: AbortSignal = never, options: RunOptions = {}): Promise<RunResult> {
		let job: RunRequest;
		try {
			job = checkRunRequest(request);
		} catch (e) {
			return Promise.reject(e);
		}
		if (job.options?.race && this.#o.raceSupported === false) {
			return Promise.reject(new ContractViolation(400, "options.race: the race detector is not available on this server's platform. Remove the option."));
		}
		const key = resultCacheKey(job, this.#o.runner.versionOf(job));
		return this.#through(job, key, job.mode, laneOf(job.mode), (s) => this.#o.runner.run(job, s), signal, job.mode, options.refresh === true);
	}

	/** `go vet` of a job's files (for the Go Playground's withVet), stored like a job. */
	vet(request: Pick<RunRequest, 'mode' | 'files' | 'options'>, signal: AbortSignal = never): Promise<RunResult> {
		const job: RunRequest = { mode: request.mode, files: request.files };
		if (request.options?.go) job.options = { go: request.options.go };
		const key = `vet:${resultCacheKey(job, this.#o.runner.versionOf(job))}`;
		return this.#through(job, key, job.mode, 'pool', (s) => this.#o.runner.vet(job, s), signal, 'vet');
	}

	/** The toolchain's fetch, outside the scheduler; its failure is run()'s to report. */
	async #ready(job: RunRequest): Promise<void> {
		await this.#o.runner.ready?.(job).catch(() => {});
	}

	/** Jobs running or queued on behalf of requests. */
	get inFlight(): number {
		return this.#flights.size;
	}

	async #through(
		job: RunRequest,
		key: string,
		mode: Mode,
		lane: Lane,
		start: (signal: AbortSignal) => Promise<RunResult>,
		signal: AbortSignal,
		label: string = mode,
		refresh = false,
	): Promise<RunResult> {
		const { store, events, scheduler } = this.#o;
		// A request that joins a running job missed the store too: its result is not there yet.
		let flight = this.#flights.get(key);
		if (flight) {
			events?.miss?.(label);
			events?.shared?.(label);
			return wait(flight, signal);
		}
		const hit = refresh ? undefined : await store?.get(key);
		if (hit) {
			events?.hit?.(label);
			return { ...hit, cached: true };
		}
		events?.miss?.(label);
		// Another request may have started the job while the store was read.
		flight = this.#flights.get(key);
		if (flight) {
			events?.shared?.(label);
			return wait(flight, signal);
		}
		const controller = new AbortController();
		const runHere = () =>
			scheduler.submit(
				lane,
				async (taskSignal) => {
					const started = performance.now();
					const result = await start(taskSignal);
					// A killed job's result describes the kill, not the program.
					if (taskSignal.aborted) throw taskSignal.reason ?? new DOMException('The job was canceled', 'AbortError');
					events?.finished?.(label, result, performance.now() - started);
					return result;
				},
				controller.signal,
			);
		const promise = this.#ready(job)
			// Waiting for another replica's job takes no place in the scheduler.
			.then(() => (store?.claim && !refresh ? store.claim(key, controller.signal) : { release: async () => {} }))
			.then(async (claim: Claim) => {
				if (claim.result) {
					events?.sharedElsewhere?.(label);
					return { ...claim.result, cached: true };
				}
				try {
					const result = await runHere();
					if (store && cacheable(result)) await store.set(key, result);
					return result;
				} finally {
					await claim.release();
				}
			})
			.finally(() => {
				if (this.#flights.get(key) === created) this.#flights.delete(key);
			});
		const created: Flight = { promise, controller, waiters: 0 };
		this.#flights.set(key, created);
		return wait(created, signal);
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
