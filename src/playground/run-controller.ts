/**
 * Runs the current code: builds the request from the toolbar's state, sends it (client.ts), shows
 * the running state with the time so far and Cancel, waits and tries again when the server's queue
 * is full (as Retry-After says), and says what went wrong otherwise. One job at a time: a new run
 * cancels the one before.
 */
import type { GoRelease, Mode, RunOptions, RunRequest, RunResult } from '@playbook/engine/contract';
import { goReleases, optionsByMode, requestLimits, runResultOf, toolchainName } from '@playbook/engine/contract';
import { formatNumber, type VersionRun } from '../results-view/index.ts';
import { runRemote, type Outcome } from './client.ts';
import { h } from './dom.ts';
import type { Files } from './payload.ts';
import { snippetRequestOptions } from './request-options.ts';
import type { StatusLine } from './status.ts';
import type { ToolbarControls } from './toolbar-controls.ts';
import { actionLabels, buildSettingNames } from './toolbar.ts';

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
	/** Compare versions: one run per release, newest first. */
	showVersions(runs: VersionRun[], ran: RunCode): void;
}

const doing: Record<Mode, string> = {
	run: 'Running the program',
	escape: 'Running escape analysis',
	asm: 'Compiling to assembly',
	test: 'Running the tests',
	bench: 'Running the benchmarks',
};

/** A release the server did not run the job on (the queue stayed full, the network failed…), as a result the comparison can show. */
function unserved(mode: Mode, release: GoRelease, message: string): RunResult {
	return runResultOf(mode, toolchainName(release), { error: { code: 'internal_error', message } });
}

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

	/** A job the reader started is running. */
	get running(): boolean {
		return this.#job !== null;
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
		if (s.go) o.go = s.go;
		// The Settings panel started from the snippet's own settings: what it says now is what runs.
		const takes = optionsByMode[mode];
		const set = o as Record<string, unknown>;
		for (const name of buildSettingNames) {
			if (takes.includes(name) && s[name] !== undefined) set[name] = s[name];
			else delete set[name];
		}
		return o;
	}

	async run(mode: Mode): Promise<void> {
		const { status, results } = this.#c;
		const ran = this.#start(mode);
		if (!ran) return;
		const job = new AbortController();
		this.#job = job;
		const label = this.#running(`${doing[mode]}…`, job);
		results.setAttribute('aria-busy', 'true');
		const outcome = await this.#send({ mode, files: ran.files, options: this.options(mode) }, job, label, `${doing[mode]}…`);
		if (!this.#finish(job, mode)) return;
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

	/**
	 * Compare versions: the current action on every offered Go release, two at a time (the server
	 * runs two jobs at once), then the results side by side (results-view/versions.ts). A release
	 * the server cannot serve shows as its outcome; the others still compare.
	 */
	async compare(mode: Mode): Promise<void> {
		const { status, results } = this.#c;
		const ran = this.#start(mode);
		if (!ran) return;
		const job = new AbortController();
		this.#job = job;
		const what = `Comparing ${actionLabels[mode].toLowerCase()} on ${goReleases.length} Go versions`;
		const label = this.#running(`${what}…`, job);
		results.setAttribute('aria-busy', 'true');
		const runs: VersionRun[] = new Array(goReleases.length);
		let done = 0;
		let next = 0;
		const worker = async () => {
			while (next < goReleases.length && !job.signal.aborted) {
				const i = next++;
				const release = goReleases[i]!;
				const options = { ...this.options(mode), go: release };
				const outcome = await this.#send({ mode, files: ran.files, options }, job, label, `${what}…`);
				const result = outcome.kind === 'result' ? outcome.result : unserved(mode, release, outcome.message);
				runs[i] = { goVersion: result.goVersion, results: { [mode]: result } };
				label.textContent = `${what}: ${++done} of ${goReleases.length} done…`;
			}
		};
		await Promise.all([worker(), worker()]);
		if (!this.#finish(job, mode)) return;
		if (job.signal.aborted) {
			status.say('note', 'Compare versions was canceled.', 'canceled');
			return;
		}
		status.clear();
		this.#c.showVersions(runs, ran);
	}

	/** Before a job: cancels the one running, checks the size; the code to send, or null. */
	#start(mode: Mode): RunCode | null {
		const { toolbar, status } = this.#c;
		this.cancel();
		toolbar.setAction(mode);
		const ran = this.#c.code();
		const size = new TextEncoder().encode(Object.values(ran.files).join('')).length;
		if (size > requestLimits.maxSourceBytes) {
			status.say(
				'danger',
				`The code is ${formatNumber(size / 1024, 3)} KiB; the playground runs at most ${requestLimits.maxSourceBytes / 1024} KiB of source.`,
			);
			return null;
		}
		return ran;
	}

	/** Sends one request; when the queue is full or the server restarts, waits as it asks and tries again. */
	async #send(request: RunRequest, job: AbortController, label: HTMLElement, doingText: string): Promise<Outcome> {
		let outcome: Outcome;
		for (let attempt = 1; ; attempt++) {
			outcome = await runRemote(request, job.signal);
			const wait = outcome.kind === 'failure' ? outcome.retryAfter : undefined;
			if (outcome.kind === 'result' || !wait || wait > 30 || attempt > 3 || job.signal.aborted || outcome.code === 'rate_limited') break;
			for (let left = wait; left > 0 && !job.signal.aborted; left--) {
				label.textContent = `${outcome.message} Trying again in ${left} s (attempt ${attempt + 1} of 4)…`;
				await sleep(1000, job.signal);
			}
			label.textContent = doingText;
			if (job.signal.aborted) break;
		}
		return outcome;
	}

	/** After a job: false when a newer one took over; otherwise the running state is cleared. */
	#finish(job: AbortController, mode: Mode): boolean {
		const { toolbar, status, results } = this.#c;
		if (this.#job !== job) return false;
		this.#job = null;
		clearInterval(this.#timer);
		results.removeAttribute('aria-busy');
		// Cancel had the focus and is about to go: give it to the action.
		if (status.el.contains(document.activeElement)) toolbar.buttons.get(mode)?.focus();
		return true;
	}

	/** The running state: what runs, the seconds so far, and Cancel; returns the label, which retries rewrite. */
	#running(text: string, job: AbortController): HTMLElement {
		const started = performance.now();
		const elapsed = h('span', { class: 'pg-elapsed', 'aria-hidden': 'true' }, '0.0 s');
		const label = h('span', {}, text);
		const cancel = h('button', { type: 'button', class: 'pg-btn', onclick: () => job.abort() }, 'Cancel');
		this.#c.status.show(h('p', { class: 'pg-running' }, h('span', { class: 'pg-spinner', 'aria-hidden': 'true' }), label, elapsed, cancel));
		clearInterval(this.#timer);
		this.#timer = window.setInterval(() => (elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`), 100);
		return label;
	}
}
