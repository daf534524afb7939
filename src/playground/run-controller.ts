/**
 * Runs the current code: builds the request from the toolbar's state, sends it (client.ts), shows
 * the running state with the time so far and Cancel, waits and tries again when the server's queue
 * is full (as Retry-After says), and says what went wrong otherwise. One job at a time: a new run
 * cancels the one before.
 */
import type { Mode, RunOptions, RunResult } from '@playbook/engine/contract';
import { requestLimits } from '@playbook/engine/contract';
import { formatNumber } from '../results-view/index.ts';
import { runRemote, type Outcome } from './client.ts';
import { h } from './dom.ts';
import type { Files } from './payload.ts';
import { snippetRequestOptions } from './request-options.ts';
import type { StatusLine } from './status.ts';
import type { ToolbarControls } from './toolbar-controls.ts';

/** The code a job ran: the files as sent, and the key of the code shown (to tell stale results). */
export interface RunCode {
	files: Files;
	key: string;
}

export interface RunContext {
	toolbar: ToolbarControls;
	status: StatusLine;
	/** Marked busy while a job runs. */
	results: HTMLElement;
	/** The snippet's own options; the toolbar's settings go on top. */
	options: RunOptions;
	code(): RunCode;
	show(result: RunResult, ran: RunCode): void;
}

const doing: Record<Mode, string> = {
	run: 'Running the program',
	escape: 'Running escape analysis',
	test: 'Running the tests',
	bench: 'Running the benchmarks',
};

/** Waits, unless the job is canceled first. */
const sleep = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve) => {
		const t = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
	});

export class RunController {
	readonly #c: RunContext;
	#job: AbortController | null = null;
	#timer = 0;

	constructor(context: RunContext) {
		this.#c = context;
	}

	cancel(): void {
		this.#job?.abort();
	}

	/** What a request of this mode sends: the snippet's options and the toolbar's settings. */
	options(mode: Mode): RunOptions {
		const o = snippetRequestOptions(mode, this.#c.options);
		const s = this.#c.toolbar.settings();
		if (mode === 'escape') {
			if (s.escapeDetail === 2) o.escapeDetail = 2;
			else delete o.escapeDetail;
		}
		if (mode === 'bench') {
			o.count = s.count;
			o.benchtime = s.benchtime;
		}
		return o;
	}

	async run(mode: Mode): Promise<void> {
		const { toolbar, status, results } = this.#c;
		this.cancel();
		toolbar.setAction(mode);
		const ran = this.#c.code();
		const size = new TextEncoder().encode(Object.values(ran.files).join('')).length;
		if (size > requestLimits.maxSourceBytes) {
			status.say(
				'danger',
				`The code is ${formatNumber(size / 1024, 3)} KiB; the playground runs at most ${requestLimits.maxSourceBytes / 1024} KiB of source.`,
			);
			return;
		}
		const job = new AbortController();
		this.#job = job;
		const label = this.#running(mode, job);
		results.setAttribute('aria-busy', 'true');
		let outcome: Outcome;
		for (let attempt = 1; ; attempt++) {
			outcome = await runRemote({ mode, files: ran.files, options: this.options(mode) }, job.signal);
			const wait = outcome.kind === 'failure' ? outcome.retryAfter : undefined;
			if (outcome.kind === 'result' || !wait || wait > 30 || attempt > 3 || job.signal.aborted || outcome.code === 'rate_limited') break;
			// Queue full or restarting: wait as the server asks, then try again.
			for (let left = wait; left > 0 && !job.signal.aborted; left--) {
				label.textContent = `${outcome.message} Trying again in ${left} s (attempt ${attempt + 1} of 4)…`;
				await sleep(1000, job.signal);
			}
			label.textContent = `${doing[mode]}…`;
			if (job.signal.aborted) break;
		}
		if (this.#job !== job) return; // a newer run took over
		this.#job = null;
		clearInterval(this.#timer);
		results.removeAttribute('aria-busy');
		// Cancel had the focus and is about to go: give it to the action.
		if (status.el.contains(document.activeElement)) toolbar.buttons.get(mode)?.focus();
		if (outcome.kind === 'result') {
			status.clear();
			this.#c.show(outcome.result, ran);
			return;
		}
		const retry = outcome.code !== 'canceled' && outcome.code !== 'too_large' && outcome.code !== 'invalid_request';
		status.say(
			outcome.code === 'canceled' ? 'note' : 'caution',
			outcome.message,
			outcome.code,
			retry ? { label: 'Try again', run: () => void this.run(mode) } : undefined,
		);
	}

	/** The running state: what runs, the seconds so far, and Cancel; returns the label, which retries rewrite. */
	#running(mode: Mode, job: AbortController): HTMLElement {
		const started = performance.now();
		const elapsed = h('span', { class: 'pg-elapsed', 'aria-hidden': 'true' }, '0.0 s');
		const label = h('span', {}, `${doing[mode]}…`);
		const cancel = h('button', { type: 'button', class: 'pg-btn', onclick: () => job.abort() }, 'Cancel');
		this.#c.status.show(h('p', { class: 'pg-running' }, h('span', { class: 'pg-spinner', 'aria-hidden': 'true' }), label, elapsed, cancel));
		clearInterval(this.#timer);
		this.#timer = window.setInterval(() => (elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`), 100);
		return label;
	}
}
