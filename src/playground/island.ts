/**
 * The playground island: takes over each `<go-playground>` that Playground.astro (a snippet) or
 * PlayPage.astro (/play) rendered, brings to life the toolbar Toolbar.astro rendered — Run ·
 * Escape analysis · Test · Benchmark, Edit/Reset, Copy, Share, Go Playground — and adds live
 * results and the editor on demand.
 *
 * What the build baked stays on the page until a live result replaces it, section by section;
 * live sections are rendered by the same functions as the baked ones (src/snippets/present.ts).
 * The editor (./editor.ts, CodeMirror) is a dynamic import: no editor code loads until Edit.
 */
import type { Diagnostic, Mode, RunOptions, RunResult } from '@playbook/engine/contract';
import { optionLimits, requestLimits } from '@playbook/engine/contract';
import { codeDiagnostics, formatNumber, isCompileFailure, placeDiagnostics, resultSectionHtml, shownOnCode } from '../results-view/index.ts';
import type { createEditors as CreateEditorsFn } from './editor.ts';
import { snippetRequestOptions } from './request-options.ts';
import { runRemote, type Outcome } from './client.ts';
import { drawMarks, enhanceBakedMarks, installTooltip } from './marks.ts';
import { maxLinkLength, shareLink, sharedInUrl, urlSharesSomething, type Shared } from './share.ts';
import type { Editors } from './editor.ts';
import { actionLabels as labels, actionOrder as order, bakedCapabilities, benchSecondsAtLeast, benchTimeWarning, capabilities, defaultAction, shortcutHint, shortcutTitle } from './toolbar.ts';

interface Template {
	name: string;
	label: string;
	files: Record<string, string>;
}

/** The JSON the page carries in `<script type="application/json" data-baked>`. */
interface Payload {
	src: string;
	id: string;
	file: string;
	files: Record<string, string>;
	options: RunOptions;
	results: Partial<Record<Mode, RunResult>>;
	hasTests: boolean;
	hasBenchmarks: boolean;
	isMain: boolean;
	/** "file:line" of the lines the snippet's claims are about. */
	claimedLines?: string[];
	/** /play: what the reader can start from. */
	templates?: Template[];
}

const doing: Record<Mode, string> = { run: 'Running the program', escape: 'Running escape analysis', test: 'Running the tests', bench: 'Running the benchmarks' };
const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const codeKey = (files: Record<string, string>) => JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));

/** A tiny element builder: h('button', { class: 'x', onclick }, 'text'). */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(props)) {
		if (v === undefined || v === false) continue;
		if (k.startsWith('on')) el.addEventListener(k.slice(2), v as EventListener);
		else if (k in el && k !== 'list') (el as unknown as Record<string, unknown>)[k] = v;
		else el.setAttribute(k, v === true ? '' : String(v));
	}
	el.append(...children);
	return el;
}

async function copyText(text: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		const ta = h('textarea', { value: text, readonly: true, style: 'position:fixed;opacity:0' });
		document.body.append(ta);
		ta.select();
		const ok = document.execCommand('copy');
		ta.remove();
		return ok;
	}
}

/** Waits, unless the job is canceled first. */
const sleep = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve) => {
		const t = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
	});

class GoPlayground extends HTMLElement {
	#p!: Payload;
	#play = false;
	#files: Record<string, string> = {};
	#original = '';
	#template: Template | null = null;
	#action: Mode = 'escape';
	#editors: Editors | null = null;
	#job: AbortController | null = null;
	#timer = 0;
	#edited = 0;
	#originText = '';
	#buttons = new Map<Mode, HTMLButtonElement>();
	#ui!: {
		status: HTMLElement;
		results: HTMLElement;
		code: HTMLElement;
		edit: HTMLButtonElement;
		reset: HTMLButtonElement;
		detail: HTMLInputElement;
		count: HTMLSelectElement;
		benchtime: HTMLSelectElement;
		benchOpts: HTMLElement;
		benchWarn: HTMLElement;
	};

	connectedCallback() {
		if (this.#p) return;
		const data = this.querySelector('script[data-baked]');
		if (!data?.textContent) return;
		this.#p = JSON.parse(data.textContent) as Payload;
		this.#play = this.hasAttribute('data-play');
		this.#template = this.#p.templates?.[0] ?? null;
		this.#files = { ...(this.#template?.files ?? this.#p.files) };
		this.#original = codeKey(this.#files);
		const results = this.querySelector<HTMLElement>('[data-results]')!;
		this.#bakedResults = results.innerHTML;
		const status = h('div', { class: 'pg-status not-content', role: 'status' });
		results.before(status);
		this.#ui = { ...this.#toolbar(), status, results, code: this.querySelector<HTMLElement>('[data-code]')! };
		this.#originText = this.querySelector('[data-origin]')?.textContent?.trim() ?? '';
		for (const s of results.querySelectorAll<HTMLElement>('.pg-section')) s.dataset['code'] = this.#original;
		this.#hydrate(results);
		installTooltip(this);
		const baked = codeDiagnostics(this.#p.results);
		if (baked.length > 0) {
			this.#marks = { diagnostics: baked, keep: this.#keep(false) };
			for (const [file, block] of this.#ecBlocks()) enhanceBakedMarks(block, placeDiagnostics(this.#p.files[file] ?? '', file, baked, this.#keep(false)));
		}
		this.#capabilities();
		this.addEventListener('keydown', (e) => {
			if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
				e.preventDefault();
				void this.run(this.#action);
			}
		});
		if (this.#play) {
			document.addEventListener('keydown', (e) => {
				if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented && !this.contains(e.target as Node)) void this.run(this.#action);
			});
		}
		if (urlSharesSomething()) void this.#restoreShared();
		else if (this.#play) void this.#openEditor(false);
	}

	// ── Toolbar ─────────────────────────────────────────────────────────────────────────────

	#toolbar() {
		// Toolbar.astro rendered every control; adopting those nodes (never moving or replacing
		// them) means nothing shifts when this module arrives, a button pressed meanwhile keeps
		// its click, and a setting changed before now is kept.
		const bar = this.querySelector<HTMLElement>('[data-toolbar]')!;
		for (const group of bar.querySelectorAll<HTMLElement>('[data-static-toolbar]')) {
			group.removeAttribute('data-static-toolbar');
			group.hidden = false;
		}
		const get = <T extends Element>(selector: string): T => {
			const el = bar.querySelector<T>(selector);
			if (!el) throw new Error(`The playground toolbar has no ${selector}: render it with Toolbar.astro.`);
			return el;
		};
		for (const mode of order) {
			const b = get<HTMLButtonElement>(`[data-action="${mode}"]`);
			b.onclick = () => void this.run(mode);
			this.#buttons.set(mode, b);
		}
		const edit = get<HTMLButtonElement>('[data-action="edit"]');
		edit.onclick = () => void this.#openEditor(true);
		const reset = get<HTMLButtonElement>('[data-role="reset"]');
		reset.onclick = () => this.#reset();
		get<HTMLButtonElement>('[data-action="copy"]').onclick = () => void this.#copy();
		get<HTMLButtonElement>('[data-action="share"]').onclick = () => void this.#share();
		get<HTMLAnchorElement>('[data-action="goplay"]').onclick = () => void this.#goPlayground();
		const template = bar.querySelector<HTMLSelectElement>('[data-role="template"]');
		if (template) template.onchange = () => this.#useTemplate(template.value);
		const count = get<HTMLSelectElement>('[data-role="count"]');
		const benchtime = get<HTMLSelectElement>('[data-role="benchtime"]');
		count.onchange = benchtime.onchange = () => this.#benchWarning();
		return {
			edit,
			reset,
			detail: get<HTMLInputElement>('[data-role="detail"]'),
			count,
			benchtime,
			benchOpts: get<HTMLElement>('[data-role="bench-opts"]'),
			benchWarn: get<HTMLElement>('[data-role="bench-warn"]'),
		};
	}

	/** Says so next to count and benchtime when the benchmarks would outlast the job's time limit. */
	#benchWarning() {
		const text = benchTimeWarning(benchSecondsAtLeast(this.#requestFiles(), Number(this.#ui.count.value), this.#ui.benchtime.value));
		const warn = this.#ui.benchWarn;
		warn.hidden = text === null;
		if (warn.textContent !== (text ?? '')) warn.textContent = text ?? '';
	}

	/** Shows the actions the code offers; keeps the current one if it is still offered. */
	#capabilities() {
		// Unedited, the build knows best; edited, the code is read again.
		const p = this.#p;
		const can =
			!this.#play && codeKey(this.#files) === codeKey(p.files)
				? bakedCapabilities(p)
				: capabilities(this.#requestFiles());
		for (const [mode, b] of this.#buttons) b.hidden = !can[mode];
		this.#ui.benchOpts.hidden = !can.bench;
		if (can.bench) this.#benchWarning();
		if (!can[this.#action] || !this.#actionChosen) this.#setAction(defaultAction(can), false);
	}

	#actionChosen = false;

	#setAction(mode: Mode, chosen = true) {
		this.#action = mode;
		this.#actionChosen ||= chosen;
		for (const [m, b] of this.#buttons) {
			b.toggleAttribute('data-current', m === mode);
			// The hint the build rendered stays the same node while it stays: a reader pressing it
			// as the island arrives would lose the click if it were replaced.
			const hint = b.querySelector('kbd');
			if (m === mode) {
				b.setAttribute('aria-keyshortcuts', 'Control+Enter Meta+Enter');
				b.title = shortcutTitle(m, mod);
				if (!hint) b.append(h('kbd', { 'aria-hidden': 'true' }, shortcutHint(mod)));
				else if (hint.textContent !== shortcutHint(mod)) hint.textContent = shortcutHint(mod);
			} else {
				hint?.remove();
				b.removeAttribute('aria-keyshortcuts');
				b.removeAttribute('title');
			}
		}
	}

	// ── Running ─────────────────────────────────────────────────────────────────────────────

	/** The files as sent: on /play a file with tests or benchmarks and no main must be a _test.go. */
	#requestFiles(): Record<string, string> {
		const entries = Object.entries(this.#files);
		if (!this.#play || entries.length !== 1) return { ...this.#files };
		const code = entries[0]![1];
		const isTest = /^func (?:Test|Benchmark|Example|Fuzz)\w*\(/m.test(code) && !/^func main\(\)/m.test(code);
		return { [isTest ? 'play_test.go' : 'main.go']: code };
	}

	#options(mode: Mode): RunOptions {
		const o = snippetRequestOptions(mode, this.#p.options);
		if (mode === 'escape') {
			if (this.#ui.detail.checked) o.escapeDetail = 2;
			else delete o.escapeDetail;
		}
		if (mode === 'bench') {
			o.count = Number(this.#ui.count.value);
			o.benchtime = this.#ui.benchtime.value;
		}
		return o;
	}

	/** A click on a static toolbar button that came before this module: do it now. */
	async activate(action: string) {
		const tools: Record<string, () => Promise<void>> = {
			edit: () => this.#openEditor(true),
			copy: () => this.#copy(),
			share: () => this.#share(),
			goplay: () => this.#goPlayground(),
		};
		if (tools[action]) return tools[action]();
		if (!order.includes(action as Mode)) return;
		this.#buttons.get(action as Mode)?.focus();
		await this.run(action as Mode);
	}

	async run(mode: Mode) {
		this.#job?.abort();
		this.#setAction(mode);
		const files = this.#requestFiles();
		const key = codeKey(this.#files);
		const size = new TextEncoder().encode(Object.values(files).join('')).length;
		if (size > requestLimits.maxSourceBytes) {
			this.#say('danger', `The code is ${formatNumber(size / 1024, 3)} KiB; the playground runs at most ${requestLimits.maxSourceBytes / 1024} KiB of source.`);
			return;
		}
		const job = new AbortController();
		this.#job = job;
		const started = performance.now();
		const elapsed = h('span', { class: 'pg-elapsed', 'aria-hidden': 'true' }, '0.0 s');
		const label = h('span', {}, `${doing[mode]}…`);
		this.#ui.status.replaceChildren(
			h('p', { class: 'pg-running' }, h('span', { class: 'pg-spinner', 'aria-hidden': 'true' }), label, elapsed, h('button', { type: 'button', class: 'pg-btn', onclick: () => job.abort() }, 'Cancel')),
		);
		this.#ui.results.setAttribute('aria-busy', 'true');
		clearInterval(this.#timer);
		this.#timer = window.setInterval(() => (elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`), 100);
		let outcome: Outcome;
		for (let attempt = 1; ; attempt++) {
			outcome = await runRemote({ mode, files, options: this.#options(mode) }, job.signal);
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
		this.#ui.results.removeAttribute('aria-busy');
		// Cancel had the focus and is about to go: give it to the action.
		if (this.#ui.status.contains(document.activeElement)) this.#buttons.get(mode)?.focus();
		if (outcome.kind === 'result') {
			this.#ui.status.replaceChildren();
			this.#show(outcome.result, key, files);
			return;
		}
		const retry = outcome.code !== 'canceled' && outcome.code !== 'too_large' && outcome.code !== 'invalid_request';
		this.#say(outcome.code === 'canceled' ? 'note' : 'caution', outcome.message, retry ? mode : undefined, outcome.code);
	}

	/** A message above the results; never replaces them. */
	#say(tone: 'note' | 'caution' | 'danger', message: string, retry?: Mode, code?: string) {
		const p = h('div', { class: tone === 'note' ? 'pg-note' : `pg-alert pg-alert-${tone}`, 'data-failure': code });
		p.append(h('span', {}, message));
		if (retry) p.append(' ', h('button', { type: 'button', class: 'pg-btn', onclick: () => void this.run(retry) }, 'Try again'));
		this.#ui.status.replaceChildren(p);
	}

	/** Which diagnostics go on the code: as the build chose them, unless the code was edited. */
	#keep(edited: boolean, files = this.#p.files): (d: Diagnostic) => boolean {
		return shownOnCode(files, edited ? new Set() : new Set(this.#p.claimedLines ?? []));
	}

	#show(r: RunResult, key: string, files: Record<string, string>) {
		const edited = key !== this.#original || this.#play;
		const keep = this.#keep(edited, files);
		const tpl = document.createElement('template');
		tpl.innerHTML = resultSectionHtml(r, { live: true, shown: keep });
		const section = tpl.content.firstElementChild as HTMLElement;
		section.dataset['code'] = key;
		section.dataset['live'] = '';
		const results = this.#ui.results;
		const old = results.querySelector(`.pg-section[data-section="${r.mode}"]`);
		if (old) old.replaceWith(section);
		else {
			const after = [...results.querySelectorAll<HTMLElement>('.pg-section')].find((s) => order.indexOf(s.dataset['section'] as Mode) > order.indexOf(r.mode));
			if (after) after.before(section);
			else results.append(section);
		}
		this.#hydrate(section);
		const origin = results.querySelector('[data-origin]');
		if (origin && !this.#play) {
			origin.textContent = results.querySelector('.pg-section:not([data-live])')
				? `Sections without the Live tag: ${this.#originText.replace(/^Recorded/, 'recorded')}`
				: 'Every section below is a live result.';
		} else origin?.remove();
		// Escape diagnostics and compile errors go on the code, replacing what was there; a program
		// that failed at run time adds its failure to the escape marks; a clean build or run clears
		// old errors.
		const kept = (this.#marks?.diagnostics ?? []).filter((d) => d.kind !== 'error' && d.kind !== 'runtime-error');
		if (r.mode === 'escape' || isCompileFailure(r)) this.#mark(r.diagnostics, keep);
		else if (r.diagnostics.some((d) => d.kind === 'runtime-error')) this.#mark([...kept, ...r.diagnostics], keep);
		else if (this.#marks && kept.length < this.#marks.diagnostics.length) this.#mark(kept, keep);
		this.#stale();
	}

	/** What is marked on the code now, to carry over into the editor when it opens. */
	#marks: { diagnostics: Diagnostic[]; keep: (d: Diagnostic) => boolean } | null = null;

	#mark(diagnostics: Diagnostic[], keep: (d: Diagnostic) => boolean) {
		this.#marks = { diagnostics, keep };
		if (this.#editors) this.#editors.showDiagnostics(diagnostics, keep);
		else for (const [file, block] of this.#ecBlocks()) drawMarks(block, placeDiagnostics(this.#files[file] ?? '', file, diagnostics, keep));
	}

	/** The site's code blocks, by file name (the block's title). */
	#ecBlocks(): [string, Element][] {
		return [...this.#ui.code.querySelectorAll('.expressive-code')].map((b) => [b.querySelector('.title')?.textContent?.trim() ?? this.#p.file, b]);
	}

	/** File:line references in the results become links to the line in the code. */
	#hydrate(root: Element) {
		for (const loc of root.querySelectorAll<HTMLElement>('.pg-loc')) {
			loc.tabIndex = 0;
			loc.setAttribute('role', 'button');
			loc.title = 'Show this line in the code';
			const go = () => this.#reveal(loc.dataset['file'] ?? '', Number(loc.dataset['line']), Number(loc.dataset['col']));
			loc.addEventListener('click', go);
			loc.addEventListener('keydown', (e) => {
				if (e.key === 'Enter' || e.key === ' ') {
					e.preventDefault();
					go();
				}
			});
		}
	}

	#reveal(file: string, line: number, col: number) {
		if (this.#editors) return this.#editors.reveal(file, line, col);
		const block = this.#ecBlocks().find(([f]) => f === file)?.[1];
		const details = block?.closest('details');
		if (details) details.open = true;
		const el = block?.querySelectorAll<HTMLElement>('.ec-line')[line - 1];
		if (!el) return;
		el.scrollIntoView({ block: 'center', behavior: 'smooth' });
		const mark = el.querySelector<HTMLElement>('.pb-mark[tabindex]');
		if (mark) mark.focus({ preventScroll: true });
		el.classList.add('pg-line-flash');
		setTimeout(() => el.classList.remove('pg-line-flash'), 1500);
	}

	/** Results of other code than what is shown now are marked as such. */
	#stale() {
		const key = codeKey(this.#files);
		for (const s of this.#ui.results.querySelectorAll<HTMLElement>('.pg-section')) s.classList.toggle('pg-stale', s.dataset['code'] !== key);
	}

	// ── Editing ─────────────────────────────────────────────────────────────────────────────

	async #openEditor(focus: boolean) {
		if (this.#editors) return;
		const { edit, reset, code } = this.#ui;
		edit.disabled = true;
		edit.textContent = 'Loading editor…';
		let createEditors: typeof CreateEditorsFn;
		try {
			({ createEditors } = await import('./editor.ts'));
		} catch {
			edit.disabled = false;
			edit.textContent = 'Edit';
			this.#say('caution', 'The editor could not be loaded (is the network down?). The code and its results are still here.');
			return;
		}
		const holder = h('div', { 'data-editor': '', class: 'not-content' });
		for (const child of code.children) (child as HTMLElement).hidden = true;
		code.append(holder);
		const names = Object.keys(this.#files);
		const first = names.includes(this.#p.file) ? this.#p.file : names[0]!;
		this.#editors = createEditors(holder, this.#files, [first, ...names.filter((f) => f !== first)], {
			onChange: (file, text) => {
				this.#files[file] = text;
				clearTimeout(this.#edited);
				this.#edited = window.setTimeout(() => {
					this.#stale();
					this.#capabilities();
					// On /play the file's name follows its content (tests make it a _test.go).
					if (this.#play) this.#editors?.retitle(file, Object.keys(this.#requestFiles())[0] ?? file);
				}, 250);
			},
			onRun: () => void this.run(this.#action),
		});
		// What is marked on the code goes into the editor too.
		if (this.#marks) this.#editors.showDiagnostics(this.#marks.diagnostics, this.#marks.keep);
		edit.hidden = true;
		edit.disabled = false;
		edit.textContent = 'Edit';
		reset.hidden = false;
		if (focus) this.#editors.focus();
	}

	#reset() {
		this.#job?.abort();
		this.#files = { ...(this.#template?.files ?? this.#p.files) };
		if (this.#play) {
			this.#editors?.load(this.#files);
			this.#clearResults();
			this.#marks = null;
		} else {
			this.#editors?.destroy();
			this.#editors = null;
			this.#ui.code.querySelector('[data-editor]')?.remove();
			for (const child of this.#ui.code.children) (child as HTMLElement).hidden = false;
			this.#ui.reset.hidden = true;
			this.#ui.edit.hidden = false;
			this.#ui.edit.focus();
			// Back to what the build recorded: its sections and its marks.
			this.#clearResults();
			this.#mark(codeDiagnostics(this.#p.results), this.#keep(false));
		}
		this.#ui.status.replaceChildren();
		this.#capabilities();
		this.#stale();
	}

	#bakedResults: string | null = null;

	#clearResults() {
		const results = this.#ui.results;
		if (this.#bakedResults === null) return;
		results.innerHTML = this.#bakedResults;
		for (const s of results.querySelectorAll<HTMLElement>('.pg-section')) s.dataset['code'] = this.#original;
		this.#hydrate(results);
	}

	#useTemplate(name: string) {
		const t = this.#p.templates?.find((x) => x.name === name);
		if (!t) return;
		this.#template = t;
		this.#editors?.destroy();
		this.#editors = null;
		this.#ui.code.querySelector('[data-editor]')?.remove();
		this.#files = { ...t.files };
		this.#original = codeKey(this.#files);
		this.#clearResults();
		this.#marks = null;
		this.#actionChosen = false;
		this.#capabilities();
		void this.#openEditor(false);
	}

	// ── Copy, share, Go Playground ──────────────────────────────────────────────────────────

	async #copy() {
		const file = this.#files[this.#p.file] !== undefined ? this.#p.file : Object.keys(this.#files)[0]!;
		const ok = await copyText(this.#files[file] ?? '');
		this.#say('note', ok ? `Copied ${file} to the clipboard.` : 'The clipboard is not available here; select the code and copy it.');
	}

	/** One file as it is; several as txtar, which the Go Playground reads. */
	#txtar(): string {
		const files = this.#requestFiles();
		const names = Object.keys(files);
		if (names.length === 1) return files[names[0]!]!;
		return names.map((n) => `-- ${n} --\n${files[n]}`).join('\n');
	}

	async #goPlayground() {
		const ok = await copyText(this.#txtar());
		this.#say(
			'note',
			ok
				? 'The Go Playground opened in a new tab, and the code is on your clipboard: paste it there. It runs programs and tests, but has no escape analysis and refuses benchmarks.'
				: 'The Go Playground opened in a new tab; copy the code here and paste it there. It runs programs and tests, but has no escape analysis and refuses benchmarks.',
		);
	}

	async #share() {
		const edited = codeKey(this.#files) !== codeKey(this.#p.files) || this.#play;
		const shared: Shared = {
			id: this.#p.id,
			src: this.#p.src,
			action: this.#action,
			options: { escapeDetail: this.#ui.detail.checked ? 2 : 1, count: Number(this.#ui.count.value), benchtime: this.#ui.benchtime.value },
		};
		if (edited) shared.files = { ...this.#files };
		const link = await shareLink(shared);
		if (!link.fits) {
			this.#say(
				'caution',
				`This code is too large for a link: it would be ${formatNumber(link.length)} characters, and share links are kept under ${formatNumber(maxLinkLength)} so that chat and mail pass them on intact. Use Copy and send the code itself.`,
			);
			return;
		}
		history.replaceState(history.state, '', link.url);
		const copied = await copyText(link.url);
		const input = h('input', { type: 'text', readonly: true, value: link.url, 'aria-label': 'Share link' });
		this.#ui.status.replaceChildren(
			h(
				'div',
				{ class: 'pg-note pg-share', 'data-share': '' },
				h('span', {}, copied ? `Link copied (${edited ? 'your code' : 'this snippet'} and the ${labels[this.#action]} action):` : 'Copy this link:'),
				input,
			),
		);
		input.select();
	}

	async #restoreShared() {
		const s = await sharedInUrl();
		const first = document.querySelector('go-playground') === this;
		if (!s) {
			if (first) this.#say('caution', 'The code in this link could not be read (the link may have been cut short). The page shows its original code.');
			if (this.#play) void this.#openEditor(false);
			return;
		}
		if (s.id !== this.#p.id || (s.src && s.src !== this.#p.src && !this.#play)) {
			if (this.#play) void this.#openEditor(false);
			return;
		}
		const o = s.options ?? {};
		if (o.escapeDetail) this.#ui.detail.checked = o.escapeDetail === 2;
		if (o.count) this.#ui.count.value = String(Math.min(optionLimits.maxCount, Math.max(1, o.count)));
		if (o.benchtime && [...this.#ui.benchtime.options].some((x) => x.value === o.benchtime)) this.#ui.benchtime.value = o.benchtime;
		if (s.files) {
			this.#files = { ...s.files };
			await this.#openEditor(false);
			this.#editors?.load(this.#files);
			this.#stale();
		}
		this.#capabilities();
		if (capabilities(this.#requestFiles())[s.action]) this.#setAction(s.action);
		this.scrollIntoView({ block: 'start' });
		this.#say('note', `Opened from a share link${s.files ? ', with the shared code' : ''}. Press ${labels[this.#action]} (${mod}+Enter) to run it.`);
		this.#buttons.get(this.#action)?.focus({ preventScroll: true });
	}
}

if (!customElements.get('go-playground')) customElements.define('go-playground', GoPlayground);
