/**
 * One playground, put together: the toolbar (toolbar-controls.ts), the code and its marks
 * (code-view.ts), the results (results-panel.ts), runs (run-controller.ts) and the tools that take
 * the code elsewhere (share-actions.ts). A snippet and /play differ only by their Variant
 * (variants.ts) and their payload; what happens between the parts is here.
 */
import { parseSnippetOptions, type Diagnostic, type Mode, type RunResult } from '@playbook/engine/contract';
import { codeDiagnostics, shownOnCode } from '../results-view/index.ts';
import { formatRemote } from './client.ts';
import { CodeView, codeKey } from './code-view.ts';
import { LiveMarks } from './live-marks.ts';
import { findOptionsLine } from './options-line.ts';
import { modifierKey } from './dom.ts';
import { installTooltip } from './marks.ts';
import type { BakedPayload, Files, Parsed, SharedPayload } from './payload.ts';
import { ResultsPanel } from './results-panel.ts';
import { RunController, type RunCode } from './run-controller.ts';
import { shareActions } from './share-actions.ts';
import { sharedInUrl } from './share.ts';
import { urlSharesSomething } from './share-fragment.ts';
import { StatusLine } from './status.ts';
import { ToolbarControls } from './toolbar-controls.ts';
import { actionLabels, actionOrder, bakedCapabilities, capabilities } from './toolbar.ts';
import type { Variant } from './variants.ts';

export class Playground {
	readonly #host: HTMLElement;
	readonly #p: BakedPayload;
	readonly #v: Variant;
	/** What Reset goes back to: the snippet's code, or /play's current template. */
	#start: Files;
	readonly #status = new StatusLine();
	readonly #code: CodeView;
	readonly #results: ResultsPanel;
	readonly #toolbar: ToolbarControls;
	readonly #runs: RunController;
	readonly #live: LiveMarks;
	readonly #tools: ReturnType<typeof shareActions>;
	/** The `//playbook:options` text last read from the code, so a line is applied once, not at every keystroke. */
	#optionsText: string | null = null;
	#optionsTimer = 0;
	/** The benchmark run a new one is compared with: the recorded one, then each live one. */
	#lastBench: { result: RunResult; label: string } | null;

	constructor(host: HTMLElement, payload: BakedPayload, variant: Variant) {
		this.#host = host;
		this.#p = payload;
		this.#v = variant;
		this.#start = payload.templates?.[0]?.files ?? payload.files;
		const recordedBench = payload.results.bench;
		this.#lastBench = recordedBench?.benchmarks.length ? { result: recordedBench, label: 'the recorded run' } : null;
		const code = (this.#code = new CodeView(host.querySelector<HTMLElement>('[data-code]')!, payload.file, this.#start));
		const results = host.querySelector<HTMLElement>('[data-results]')!;
		results.before(this.#status.el);
		this.#results = new ResultsPanel(
			results,
			code.key,
			(file, line, col) => code.reveal(file, line, col),
			(file, line) => code.highlight(file, line),
		);
		code.onLineHover((at) => this.#results.highlightAsm(at));
		this.#toolbar = new ToolbarControls(
			host.querySelector<HTMLElement>('[data-toolbar]')!,
			{ act: (action) => void this.#act(action, false), template: (name) => this.#useTemplate(name) },
			() => variant.requestFiles(code.files),
		);
		this.#runs = new RunController({
			toolbar: this.#toolbar,
			status: this.#status,
			results,
			options: payload.options,
			code: () => ({ files: variant.requestFiles(code.files), key: code.key }),
			show: (r, ran) => this.#show(r, ran),
			showVersions: (runs, ran) => this.#results.showVersions(runs, ran.key, this.#keep(!this.#v.recorded(ran.key), ran.files)),
		});
		this.#live = new LiveMarks({
			host,
			code: () => ({ files: variant.requestFiles(code.files), key: code.key }),
			lastEdit: () => code.lastEdit,
			options: () => this.#runs.options('escape'),
			busy: () => this.#runs.running,
			apply: (r, ran) => this.#show(r, ran),
		});
		this.#tools = shareActions({ payload, variant, code, toolbar: this.#toolbar, status: this.#status });
		installTooltip(host);
		code.adoptBakedMarks(codeDiagnostics(payload.results), this.#keep(false));
		this.#offer();
		const shortcut = (e: KeyboardEvent) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented;
		host.addEventListener('keydown', (e) => {
			if (!shortcut(e)) return;
			e.preventDefault();
			void this.run(this.#toolbar.action);
		});
		if (variant.pageShortcut) {
			document.addEventListener('keydown', (e) => {
				if (shortcut(e) && !host.contains(e.target as Node)) void this.run(this.#toolbar.action);
			});
		}
		// Edits are kept a moment after typing stops (#edited); leaving the page keeps the last ones.
		if (variant.draftKey) addEventListener('pagehide', () => this.#keepDraft(code.files));
		const link = sharedInUrl();
		if (link) void link.then((read) => this.#restore(read));
		else {
			const draft = this.#draft();
			if (draft) {
				code.load(draft);
				this.#results.markStale(code.key);
				this.#offer();
				this.#readOptionsLine(0);
			}
			if (variant.editorAlwaysOpen || draft) void this.#openEditor(false);
		}
	}

	/** The reader's code kept in this browser (/play), when there is some and it reads as files. */
	#draft(): Files | null {
		const key = this.#v.draftKey;
		if (!key) return null;
		try {
			const files = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
			const ok = files !== null && typeof files === 'object' && Object.values(files).every((v) => typeof v === 'string') && Object.keys(files).length > 0;
			return ok ? (files as Files) : null;
		} catch {
			return null;
		}
	}

	/** Keeps the code in this browser (/play), or forgets it (null, or the starting code again). */
	#keepDraft(files: Files | null): void {
		const key = this.#v.draftKey;
		if (!key) return;
		try {
			if (files && codeKey(files) !== codeKey(this.#start)) localStorage.setItem(key, JSON.stringify(files));
			else localStorage.removeItem(key);
		} catch {
			// Storage full or denied (private mode): the code is simply not kept.
		}
	}

	run(mode: Mode): Promise<void> {
		// The reader's own job takes over from a background analysis.
		this.#live.cancel();
		return this.#runs.run(mode);
	}

	/** A click on a static toolbar button that came before the island: do it now. */
	activate(action: string): Promise<void> {
		return this.#act(action, true);
	}

	/** A toolbar action, clicked now or replayed (then the button the reader pressed gets the focus it would have had). */
	async #act(action: string, replayed: boolean): Promise<void> {
		const tools: Record<string, () => Promise<void> | void> = {
			edit: () => this.#openEditor(true),
			reset: () => this.#reset(),
			copy: () => this.#tools.copy(),
			share: () => this.#tools.share(),
			goplay: () => this.#tools.goPlayground(),
			compare: () => this.#runs.compare(this.#toolbar.action),
			format: () => this.#format(),
		};
		if (tools[action]) return tools[action]();
		if (!actionOrder.includes(action as Mode)) return;
		if (replayed) this.#toolbar.buttons.get(action as Mode)?.focus();
		await this.run(action as Mode);
	}

	/**
	 * Format: the server's gofmt with goimports' standard-library imports (POST /api/format). The
	 * answer replaces the code only if the reader did not type meanwhile; code that does not parse
	 * is left alone and the first problem is shown at its line.
	 */
	async #format(): Promise<void> {
		const code = this.#code;
		const sent = code.key;
		const button = this.#toolbar.format;
		button.disabled = true;
		const answer = await formatRemote({ files: { ...code.files }, imports: true }, new AbortController().signal).finally(() => (button.disabled = false));
		if (code.key !== sent) return this.#status.say('note', 'The code changed while it was being formatted; press Format again.');
		if ('failure' in answer) return this.#status.say('caution', `Not formatted. ${answer.failure.message}`, answer.failure.code);
		const r = answer.result;
		if (!r.ok) {
			const e = r.errors[0]!;
			const where = e.file && e.line ? `${e.file}:${e.line}:${e.column}: ` : '';
			const more = r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : '';
			this.#status.say('caution', `Not formatted: ${where}${e.message}${more}. Correct the code and press Format again.`);
			if (e.file && e.line) code.reveal(e.file, e.line, e.column);
			return;
		}
		if (Object.keys(r.files).every((f) => r.files[f] === code.files[f])) {
			return this.#status.say('note', 'Already formatted: gofmt and goimports change nothing.');
		}
		code.load({ ...code.files, ...r.files });
		this.#status.say('note', 'Formatted with gofmt; missing standard-library imports added and unused ones removed, as goimports does.');
	}

	/** Which diagnostics go on the code: as the build chose them, unless the code was edited. */
	#keep(edited: boolean, files = this.#p.files): (d: Diagnostic) => boolean {
		return shownOnCode(files, edited ? new Set() : new Set(this.#p.claimedLines ?? []));
	}

	/** The actions the code offers: unedited, the build knows best; edited, the code is read again. */
	#offer(): void {
		const code = this.#code;
		this.#toolbar.offer(this.#v.recorded(code.key) ? bakedCapabilities(this.#p) : capabilities(this.#v.requestFiles(code.files)));
	}

	#show(r: RunResult, ran: RunCode): void {
		if (r.mode === 'escape') this.#live.shown(ran.key);
		const keep = this.#keep(!this.#v.recorded(ran.key), ran.files);
		const previous = r.mode === 'bench' ? this.#lastBench : null;
		this.#results.show(r, ran.key, keep, previous ?? undefined);
		if (r.mode === 'bench' && r.benchmarks.length) {
			const at = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
			this.#lastBench = { result: r, label: `the run at ${at}` };
		}
		this.#code.markResult(r, keep);
		this.#results.markStale(this.#code.key);
	}

	async #openEditor(focus: boolean): Promise<void> {
		const code = this.#code;
		if (code.editing) return;
		this.#toolbar.showEditor('loading');
		const opened = await code.openEditor({ edited: (file) => this.#edited(file), run: () => void this.run(this.#toolbar.action) });
		if (!opened) {
			this.#toolbar.showEditor('failed');
			this.#status.say('caution', 'The editor could not be loaded (is the network down?). The code and its results are still here.');
			return;
		}
		this.#toolbar.showEditor('open');
		if (focus) code.focus();
	}

	#edited(file: string): void {
		const code = this.#code;
		this.#keepDraft(code.files);
		this.#results.markStale(code.key);
		this.#offer();
		// The editor's title is the name the file is sent under (on /play, a test makes it a _test.go).
		const sent = Object.keys(this.#v.requestFiles(code.files));
		if (sent.length === 1) code.retitle(file, sent[0]!);
		this.#readOptionsLine(800);
		// The marks follow the code (live-marks.ts).
		void this.#live.edited();
	}

	/**
	 * A `//playbook:options` line typed or pasted into the code sets the toolbar, once per change
	 * of the line. A line that does not read yet (the reader may be typing it) is reported after a
	 * pause of `waitMs`; removing the line leaves the settings as they are.
	 */
	#readOptionsLine(waitMs: number): void {
		const found = findOptionsLine(this.#code.files);
		const text = found?.text ?? null;
		if (text === this.#optionsText) return;
		this.#optionsText = text;
		clearTimeout(this.#optionsTimer);
		if (!found) return;
		const parsed = parseSnippetOptions(found.text);
		if (!('problem' in parsed)) {
			this.#toolbar.applySettings(parsed);
			this.#status.say('note', `Settings from ${found.file}:${found.line} (//playbook:options) are in the toolbar now.`);
			return;
		}
		this.#optionsTimer = window.setTimeout(() => {
			if (findOptionsLine(this.#code.files)?.text !== found.text) return;
			this.#status.say(
				'caution',
				`${found.file}:${found.line}: //playbook:options: ${parsed.problem}. The settings stay as they were; write options as key=value, e.g. //playbook:options race godebug=gctrace=1.`,
			);
		}, waitMs);
	}

	/** Back to the code the playground started from, and what the build recorded for it. */
	#reset(): void {
		const code = this.#code;
		this.#runs.cancel();
		this.#live.cancel();
		if (!this.#v.editorAlwaysOpen) {
			code.closeEditor();
			this.#toolbar.showEditor('closed');
			this.#toolbar.edit.focus();
		}
		code.load(this.#start);
		this.#keepDraft(null);
		// The snippet's own settings too: Reset is the page as it was.
		this.#toolbar.applySettings(this.#p.options);
		this.#optionsText = null;
		// A share link in the address bar would bring the edited code back on reload.
		if (urlSharesSomething()) history.replaceState(history.state, '', location.pathname + location.search);
		this.#results.restoreBaked(codeKey(this.#start));
		code.mark(codeDiagnostics(this.#p.results), this.#keep(false));
		this.#status.clear();
		this.#offer();
		this.#results.markStale(code.key);
	}

	#useTemplate(name: string): void {
		const t = this.#p.templates?.find((x) => x.name === name);
		if (!t) return;
		this.#start = t.files;
		this.#code.replace(t.files);
		this.#keepDraft(null);
		this.#results.restoreBaked(this.#code.key);
		this.#toolbar.forgetChoice();
		this.#offer();
		void this.#openEditor(false);
	}

	/** Opens what a share link carries, when it is for this playground. */
	async #restore(read: Parsed<SharedPayload>): Promise<void> {
		const alwaysOpen = () => (this.#v.editorAlwaysOpen ? void this.#openEditor(false) : undefined);
		if (!read.ok) {
			// Every playground on the page reads the link; one message is enough.
			if (document.querySelector('go-playground') === this.#host) {
				this.#status.say('caution', `The code in this link could not be read (${read.problem}). The page shows its original code.`);
			}
			return alwaysOpen();
		}
		const s = read.payload;
		if (!this.#v.opens(s)) return alwaysOpen();
		this.#toolbar.applySettings(s.options ?? {});
		if (s.files) {
			this.#code.load(s.files);
			await this.#openEditor(false);
			this.#results.markStale(this.#code.key);
			// The link's settings are the toolbar's; a line in its code said the same when it was made.
			this.#optionsText = findOptionsLine(s.files)?.text ?? null;
		}
		this.#offer();
		if (capabilities(this.#v.requestFiles(this.#code.files))[s.action]) this.#toolbar.setAction(s.action);
		this.#host.scrollIntoView({ block: 'start' });
		const action = this.#toolbar.action;
		this.#status.say(
			'note',
			`Opened from a share link${s.files ? ', with the shared code' : ''}. Press ${actionLabels[action]} (${modifierKey}+Enter) to run it.`,
		);
		this.#toolbar.buttons.get(action)?.focus({ preventScroll: true });
	}
}
