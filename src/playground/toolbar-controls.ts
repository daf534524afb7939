/**
 * The toolbar in the browser: the elements Toolbar.astro rendered, adopted rather than rebuilt, so
 * nothing shifts when the island arrives, a button pressed meanwhile keeps its click, and a setting
 * changed before then is kept. It knows the current action, which actions the code offers, and the
 * settings a request or a share link takes from it; what the buttons do is the island's.
 */
import {
	defaultGoRelease,
	resolveGoRelease,
	type Capabilities,
	type GodebugSetting,
	type GoRelease,
	type Mode,
	type RunOptions,
} from '@playbook/engine/contract';
import { h, modifierKey } from './dom.ts';
import type { Files } from './payload.ts';
import {
	actionOrder,
	benchSecondsAtLeast,
	benchTimeWarning,
	buildSettingsSummary,
	defaultAction,
	shortcutHint,
	shortcutTitle,
	type BuildSettings,
} from './toolbar.ts';

/**
 * What the toolbar's controls ask for: an action by the name its button carries (`data-action`:
 * run, escape, test, bench, compare, edit, copy, share, goplay; and reset), or a template.
 */
export interface ToolbarActions {
	act(action: string): void;
	template(name: string): void;
}

/** The toolbar's settings, as a share link keeps them (build settings only when not neutral). */
export interface ToolbarSettings extends BuildSettings {
	escapeDetail: 1 | 2;
	count: number;
	benchtime: string;
	/** The Go release (exact); a link leaves it out for the default. */
	go?: GoRelease;
}

export class ToolbarControls {
	readonly buttons = new Map<Mode, HTMLButtonElement>();
	readonly edit: HTMLButtonElement;
	readonly reset: HTMLButtonElement;
	readonly format: HTMLButtonElement;
	readonly #detail: HTMLInputElement;
	readonly #count: HTMLSelectElement;
	readonly #benchtime: HTMLSelectElement;
	readonly #go: HTMLSelectElement;
	readonly #benchOpts: HTMLElement;
	readonly #benchWarn: HTMLElement;
	readonly #settings: HTMLDetailsElement;
	readonly #summary: HTMLElement;
	readonly #race: HTMLInputElement;
	readonly #noinline: HTMLInputElement;
	readonly #filter: HTMLInputElement;
	readonly #godebug: HTMLSelectElement[];
	/** The files the benchmarks would run, for the time warning. */
	readonly #files: () => Files;
	#action: Mode = 'escape';
	/** Whether the reader picked the action (kept while the code stays the same kind) or it was the default. */
	#chosen = false;
	/** The actions the code offered last time ("run,escape"): its kind. */
	#kind: string | null = null;

	constructor(bar: HTMLElement, on: ToolbarActions, files: () => Files) {
		this.#files = files;
		for (const group of bar.querySelectorAll<HTMLElement>('[data-static-toolbar]')) {
			group.removeAttribute('data-static-toolbar');
			group.hidden = false;
		}
		const get = <T extends Element>(selector: string): T => {
			const el = bar.querySelector<T>(selector);
			if (!el) throw new Error(`The playground toolbar has no ${selector}: render it with Toolbar.astro.`);
			return el;
		};
		for (const mode of actionOrder) this.buttons.set(mode, get(`[data-action="${mode}"]`));
		for (const el of bar.querySelectorAll<HTMLElement>('[data-action]')) el.onclick = () => on.act(el.dataset['action']!);
		this.edit = get('[data-action="edit"]');
		this.reset = get('[data-role="reset"]');
		this.reset.onclick = () => on.act('reset');
		this.format = get('[data-action="format"]');
		const template = bar.querySelector<HTMLSelectElement>('[data-role="template"]');
		if (template) template.onchange = () => on.template(template.value);
		this.#detail = get('[data-role="detail"]');
		this.#count = get('[data-role="count"]');
		this.#benchtime = get('[data-role="benchtime"]');
		this.#go = get('[data-role="go"]');
		this.#count.onchange = this.#benchtime.onchange = () => this.#benchWarning();
		this.#benchOpts = get('[data-role="bench-opts"]');
		this.#benchWarn = get('[data-role="bench-warn"]');
		this.#settings = get('[data-role="settings"]');
		this.#summary = get('[data-role="settings-summary"]');
		this.#race = get('[data-setting="race"]');
		this.#noinline = get('[data-setting="noinline"]');
		this.#filter = get('[data-setting="bench"]');
		this.#godebug = [...bar.querySelectorAll<HTMLSelectElement>('select[data-godebug]')];
		for (const el of [this.#race, this.#noinline, this.#filter, ...this.#godebug]) el.addEventListener('change', () => this.#showSummary());
		this.#filter.addEventListener('input', () => this.#showSummary());
		// A panel over the results: Escape or a click elsewhere closes it, as a menu would.
		this.#settings.addEventListener('keydown', (e) => {
			if (e.key !== 'Escape' || !this.#settings.open) return;
			e.stopPropagation();
			this.#settings.open = false;
			this.#settings.querySelector('summary')?.focus();
		});
		document.addEventListener('click', (e) => {
			if (this.#settings.open && !this.#settings.contains(e.target as Node)) this.#settings.open = false;
		});
		this.#showSummary();
	}

	get action(): Mode {
		return this.#action;
	}

	/**
	 * Shows the actions the code offers. The reader's choice stays while the code stays the same
	 * kind; when it changes kind (a benchmark file pasted over a program) the action follows the
	 * code, so Ctrl/Cmd+Enter runs what fits it.
	 */
	offer(can: Capabilities): void {
		for (const [mode, b] of this.buttons) b.hidden = !can[mode];
		this.#benchOpts.hidden = !can.bench;
		if (can.bench) this.#benchWarning();
		const kind = actionOrder.filter((m) => can[m]).join(',');
		if (this.#kind !== null && kind !== this.#kind) this.#chosen = false;
		this.#kind = kind;
		if (!can[this.#action] || !this.#chosen) this.setAction(defaultAction(can), false);
	}

	setAction(mode: Mode, chosen = true): void {
		this.#action = mode;
		this.#chosen ||= chosen;
		for (const [m, b] of this.buttons) {
			b.toggleAttribute('data-current', m === mode);
			// The hint the build rendered stays the same node while it stays: a reader pressing it
			// as the island arrives would lose the click if it were replaced.
			const hint = b.querySelector('kbd');
			if (m === mode) {
				b.setAttribute('aria-keyshortcuts', 'Control+Enter Meta+Enter');
				b.title = shortcutTitle(m, modifierKey);
				if (!hint) b.append(h('kbd', { 'aria-hidden': 'true' }, shortcutHint(modifierKey)));
				else if (hint.textContent !== shortcutHint(modifierKey)) hint.textContent = shortcutHint(modifierKey);
			} else {
				hint?.remove();
				b.removeAttribute('aria-keyshortcuts');
				b.removeAttribute('title');
			}
		}
	}

	/** New code (a template): the default action is the code's again until the reader picks one. */
	forgetChoice(): void {
		this.#chosen = false;
	}

	settings(): ToolbarSettings {
		const go = resolveGoRelease(this.#go.value) ?? defaultGoRelease;
		return {
			escapeDetail: this.#detail.checked ? 2 : 1,
			count: Number(this.#count.value),
			benchtime: this.#benchtime.value,
			...(go === defaultGoRelease ? {} : { go }),
			...this.buildSettings(),
		};
	}

	/** The Settings panel's choices, neutral ones left out (as a request leaves them out). */
	buildSettings(): BuildSettings {
		const s: BuildSettings = {};
		if (this.#race.checked) s.race = true;
		if (this.#noinline.checked) s.inlining = false;
		const godebug = this.#godebug.filter((g) => g.value !== '').map((g) => `${g.dataset['godebug']}=${g.value}` as GodebugSetting);
		if (godebug.length) s.godebug = godebug.sort();
		const filter = this.#filter.value.trim();
		if (filter) s.bench = filter;
		return s;
	}

	/**
	 * Settings from a share link or a `//playbook:options` line. The build settings are the whole
	 * of what the source says (one it leaves out is off); a benchtime this toolbar does not offer
	 * is left as it is.
	 */
	applySettings(o: RunOptions): void {
		if (o.escapeDetail) this.#detail.checked = o.escapeDetail === 2;
		if (o.count) this.#count.value = String(o.count);
		if (o.benchtime && [...this.#benchtime.options].some((x) => x.value === o.benchtime)) this.#benchtime.value = o.benchtime;
		const go = o.go ? resolveGoRelease(o.go) : null;
		if (go) this.#go.value = go;
		this.#race.checked = o.race === true;
		this.#noinline.checked = o.inlining === false;
		this.#filter.value = o.bench ?? '';
		for (const g of this.#godebug) {
			const set = o.godebug?.find((x) => x.startsWith(`${g.dataset['godebug']}=`));
			g.value = set ? set.slice(set.indexOf('=') + 1) : '';
		}
		this.#showSummary();
	}

	/** Edit, Reset and Format follow the editor: Edit while it is closed, Reset and Format once it is open. */
	showEditor(state: 'loading' | 'failed' | 'open' | 'closed'): void {
		this.edit.disabled = state === 'loading';
		this.edit.textContent = state === 'loading' ? 'Loading editor…' : 'Edit';
		if (state === 'open' || state === 'closed') {
			this.edit.hidden = state === 'open';
			this.reset.hidden = state === 'closed';
			this.format.hidden = state === 'closed';
		}
	}

	/** What the code runs with, on the Settings button, so a snippet's settings are never hidden. */
	#showSummary(): void {
		const text = buildSettingsSummary(this.buildSettings()).join(' ');
		this.#summary.hidden = text === '';
		if (this.#summary.textContent !== text) this.#summary.textContent = text;
	}

	/** Says so next to count and benchtime when the benchmarks would outlast the job's time limit. */
	#benchWarning(): void {
		const text = benchTimeWarning(benchSecondsAtLeast(this.#files(), Number(this.#count.value), this.#benchtime.value));
		this.#benchWarn.hidden = text === null;
		if (this.#benchWarn.textContent !== (text ?? '')) this.#benchWarn.textContent = text ?? '';
	}
}
