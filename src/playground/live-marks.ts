/**
 * Escape analysis that follows typing, the way an editor's language server keeps its marks up to
 * date: when typing pauses, the code is analysed again in the background and the new marks (and
 * the escape section) replace the old. At most one such request is in flight: a newer edit
 * cancels it, so it never queues behind itself; an explicit job the reader started is never
 * overlapped; a refusal (the rate limit, a full queue) pauses it for as long as the server asks,
 * and any failure is silent, since the reader asked for nothing.
 *
 * The host element carries how long the last update took from the last keystroke to the marks
 * (`data-live-marks-ms`), which the e2e test reports.
 */
import type { RunOptions, RunResult } from '@playbook/engine/contract';
import { runRemote } from './client.ts';
import type { RunCode } from './run-controller.ts';

export interface LiveMarksContext {
	host: HTMLElement;
	code(): RunCode;
	/** When the code last changed (performance.now()). */
	lastEdit(): number;
	options(): RunOptions;
	/** An explicit job is running. */
	busy(): boolean;
	apply(result: RunResult, ran: RunCode): void;
}

export class LiveMarks {
	readonly #c: LiveMarksContext;
	#job: AbortController | null = null;
	/** The code the marks are about now. */
	#analysed = '';
	/** performance.now() before which the server asked not to be sent more. */
	#pausedUntil = 0;

	constructor(context: LiveMarksContext) {
		this.#c = context;
	}

	/** The marks now come from another request (an explicit run): nothing to redo for this code. */
	shown(key: string): void {
		this.#analysed = key;
	}

	cancel(): void {
		this.#job?.abort();
		this.#job = null;
	}

	/** Typing paused. */
	async edited(): Promise<void> {
		const ran = this.#c.code();
		if (ran.key === this.#analysed || this.#c.busy() || performance.now() < this.#pausedUntil) return;
		this.cancel();
		const job = new AbortController();
		this.#job = job;
		const outcome = await runRemote({ mode: 'escape', files: ran.files, options: this.#c.options() }, job.signal);
		if (this.#job !== job) return;
		this.#job = null;
		if (outcome.kind === 'failure') {
			if (outcome.retryAfter) this.#pausedUntil = performance.now() + outcome.retryAfter * 1000;
			return;
		}
		// Typed on while it ran, or a button took over: these marks are for code no longer shown.
		if (this.#c.code().key !== ran.key || this.#c.busy()) return;
		this.#analysed = ran.key;
		this.#c.apply(outcome.result, ran);
		this.#c.host.dataset['liveMarksMs'] = String(Math.round(performance.now() - this.#c.lastEdit()));
	}
}
