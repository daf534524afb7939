/**
 * The results under the code: the sections the build recorded until a live result replaces its
 * own, section by section. Live sections are rendered by the same functions as the baked ones
 * (src/results-view/), so the two look alike but for the Live tag; each section remembers which
 * code it is about, and results of other code than what is shown are marked stale.
 */
import type { Diagnostic, Mode, RunResult } from '@playbook/engine/contract';
import { resultSectionHtml, versionsSectionHtml, type SectionOptions, type VersionRun } from '../results-view/index.ts';
import { copyText, h } from './dom.ts';
import { actionOrder } from './toolbar.ts';

/** Shows a line of the code: file:line references in the results lead there. */
export type Reveal = (file: string, line: number, col: number) => void;
/** Lights a line of the code while an assembly row from it is pointed at (null: none). */
export type Highlight = (file: string | null, line?: number) => void;

export class ResultsPanel {
	readonly el: HTMLElement;
	readonly #reveal: Reveal;
	readonly #highlight: Highlight;
	readonly #baked: string;
	readonly #originText: string;
	/** Whether the build recorded any results (/play has none to tell apart from live ones). */
	readonly #recorded: boolean;

	/** `key`: the code the recorded sections are about. */
	constructor(el: HTMLElement, key: string, reveal: Reveal, highlight: Highlight = () => {}) {
		this.el = el;
		this.#reveal = reveal;
		this.#highlight = highlight;
		this.#baked = el.innerHTML;
		this.#originText = el.querySelector('[data-origin]')?.textContent?.trim() ?? '';
		this.#recorded = el.querySelector('.pg-section') !== null;
		this.#adopt(el, key);
	}

	/**
	 * Puts a live section in place of the one of its mode, or where that mode's goes; a benchmark
	 * result is compared with `previous`, the run before it.
	 */
	show(r: RunResult, key: string, shown: (d: Diagnostic) => boolean, previous?: SectionOptions['previous']): void {
		const tpl = document.createElement('template');
		tpl.innerHTML = resultSectionHtml(r, { live: true, shown, ...(previous ? { previous } : {}) });
		const section = tpl.content.firstElementChild as HTMLElement;
		section.dataset['live'] = '';
		this.#adopt(section, key);
		const old = this.el.querySelector(`.pg-section[data-section="${r.mode}"]`);
		if (old) old.replaceWith(section);
		else {
			const rank = (m: string | undefined) => actionOrder.indexOf(m as Mode);
			const after = [...this.el.querySelectorAll<HTMLElement>('.pg-section')].find((s) => rank(s.dataset['section']) > rank(r.mode));
			if (after) after.before(section);
			else this.el.append(section);
		}
		this.#origin();
	}

	/** Compare versions: one live section after the others, in place of the previous comparison. */
	showVersions(runs: VersionRun[], key: string, shown: (d: Diagnostic) => boolean): void {
		const tpl = document.createElement('template');
		tpl.innerHTML = versionsSectionHtml(runs, { live: true, shown });
		const section = tpl.content.firstElementChild as HTMLElement;
		section.dataset['live'] = '';
		this.#adopt(section, key);
		const old = this.el.querySelector('.pg-section[data-section="versions"]');
		if (old) old.replaceWith(section);
		else this.el.append(section);
		this.#origin();
		section.scrollIntoView({ block: 'nearest' });
	}

	/** Back to what the build recorded. */
	restoreBaked(key: string): void {
		this.el.innerHTML = this.#baked;
		this.#adopt(this.el, key);
	}

	/** Lights the assembly rows compiled from a line of the code (null: none). */
	highlightAsm(at: { file: string; line: number } | null): void {
		for (const row of this.el.querySelectorAll('.pg-asm-hl')) row.classList.remove('pg-asm-hl');
		if (!at) return;
		for (const row of this.el.querySelectorAll<HTMLElement>('.pg-section:not(.pg-stale) tr[data-line]')) {
			if (row.dataset['file'] === at.file && Number(row.dataset['line']) === at.line) row.classList.add('pg-asm-hl');
		}
	}

	/** Results of other code than `key` (what is shown now) are marked as such. */
	markStale(key: string): void {
		for (const s of this.el.querySelectorAll<HTMLElement>('.pg-section')) s.classList.toggle('pg-stale', s.dataset['code'] !== key);
	}

	/** The note on where results come from follows the mix; with nothing recorded it goes with the first live result. */
	#origin(): void {
		const origin = this.el.querySelector('[data-origin]');
		if (!origin) return;
		if (!this.#recorded) return origin.remove();
		origin.textContent = this.el.querySelector('.pg-section:not([data-live])')
			? `Sections without the Live tag: ${this.#originText.replace(/^Recorded/, 'recorded')}`
			: 'Every section below is a live result.';
	}

	/**
	 * Sections (in `root`, or `root` itself) are about the code `key`; each gets a Copy of its
	 * text, and their file:line references become links to the line.
	 */
	#adopt(root: HTMLElement, key: string): void {
		for (const s of root.matches('.pg-section') ? [root] : root.querySelectorAll<HTMLElement>('.pg-section')) {
			s.dataset['code'] = key;
			if (!s.querySelector(':scope > .pg-copy')) s.prepend(copyButton(s));
		}
		// An assembly row and the code line it came from light up together.
		for (const row of root.querySelectorAll<HTMLElement>('tr[data-line]')) {
			const at = { file: row.dataset['file'] ?? '', line: Number(row.dataset['line']) };
			const on = () => {
				if (row.closest('.pg-stale')) return;
				this.highlightAsm(at);
				this.#highlight(at.file, at.line);
			};
			const off = () => {
				this.highlightAsm(null);
				this.#highlight(null);
			};
			row.addEventListener('mouseenter', on);
			row.addEventListener('mouseleave', off);
			row.addEventListener('focusin', on);
			row.addEventListener('focusout', off);
		}
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
}

/**
 * Copy for a result section: benchmarks as go test printed them (what benchstat reads), any
 * other section as the text it shows.
 */
function copyButton(section: HTMLElement): HTMLButtonElement {
	const title = section.querySelector('h4')?.textContent?.trim() ?? 'this section';
	const raw = section.dataset['raw'] !== undefined;
	const button = h(
		'button',
		{ type: 'button', class: 'pg-btn pg-copy', title: raw ? 'Copy the go test -bench output (benchstat reads it)' : `Copy ${title}` },
		'Copy',
	);
	button.addEventListener('click', async () => {
		const text = raw ? section.dataset['raw']! : sectionText(section);
		const ok = await copyText(text);
		button.textContent = ok ? 'Copied' : 'Copy failed';
		setTimeout(() => (button.textContent = 'Copy'), 1500);
	});
	return button;
}

/** A section's text without its controls and its chart (the table holds the same numbers). */
function sectionText(section: HTMLElement): string {
	const clone = section.cloneNode(true) as HTMLElement;
	for (const el of clone.querySelectorAll('.pg-copy, .pg-chart, .pg-gc-figure, svg, [aria-hidden="true"]')) el.remove();
	// innerText needs layout; the clone is not in the document, so rows and cells are joined here.
	for (const row of clone.querySelectorAll('tr')) row.append('\n');
	for (const cell of clone.querySelectorAll('td, th')) cell.append('\t');
	for (const block of clone.querySelectorAll('p, li, h4, h5, pre, summary, div')) block.append('\n');
	return (clone.textContent ?? '')
		.split('\n')
		.map((l) => l.replace(/[ \t]+$/, ''))
		.filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
		.join('\n')
		.trim();
}
