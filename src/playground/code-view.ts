/**
 * The code of a playground as the reader sees it: the site's own code blocks with the compiler's
 * diagnostics marked on their lines, until Edit swaps them for CodeMirror (./editor.ts, loaded
 * then by its URL: no editor code loads before). It holds the code as it is now and what is marked on it,
 * so that marks carry over into the editor when it opens.
 */
import type { Diagnostic, RunResult } from '@playbook/engine/contract';
import { url as editorUrl } from 'virtual:playbook/editor';
import { isCompileFailure, kindLabels, markTone, placeDiagnostics } from '../results-view/index.ts';
import { h } from './dom.ts';
import type { createEditors as CreateEditors, EditorMark, Editors } from './editor.ts';
import { drawMarks, enhanceBakedMarks, tipText } from './marks.ts';
import type { Files } from './payload.ts';

type Keep = (d: Diagnostic) => boolean;

/** The diagnostics as the editor draws them, in a file's current text (tabs kept). */
const editorMarks =
	(diagnostics: Diagnostic[], keep: Keep) =>
	(file: string, code: string): EditorMark[] =>
		placeDiagnostics(code, file, diagnostics, keep, false).map((p) => ({
			line: p.line,
			column: p.column,
			length: p.length,
			tone: markTone(p.kind),
			source: kindLabels[p.kind],
			message: tipText(p),
		}));

/** One string per code: results carry it to tell whether they are about the code shown. */
export const codeKey = (files: Files) => JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));

export interface EditorEvents {
	/** After a pause in typing: reading the code on every keystroke would be wasted work. */
	edited(file: string): void;
	run(): void;
}

export class CodeView {
	/** The code as it is now, edited or not. */
	files: Files;
	readonly #root: HTMLElement;
	/** The file shown first. */
	readonly #main: string;
	#editors: Editors | null = null;
	#marks: { diagnostics: Diagnostic[]; keep: Keep } | null = null;
	#quiet = 0;
	/** When the code last changed in the editor (performance.now()). */
	lastEdit = 0;

	constructor(root: HTMLElement, main: string, files: Files) {
		this.#root = root;
		this.#main = main;
		this.files = { ...files };
	}

	get key(): string {
		return codeKey(this.files);
	}

	get editing(): boolean {
		return this.#editors !== null;
	}

	/** The build drew its marks; they only need to become focusable, with their messages. */
	adoptBakedMarks(diagnostics: Diagnostic[], keep: Keep): void {
		if (diagnostics.length === 0) return;
		this.#marks = { diagnostics, keep };
		for (const [file, block] of this.#blocks()) enhanceBakedMarks(block, placeDiagnostics(this.files[file] ?? '', file, diagnostics, keep));
	}

	mark(diagnostics: Diagnostic[], keep: Keep): void {
		this.#marks = { diagnostics, keep };
		if (this.#editors) this.#editors.showMarks(editorMarks(diagnostics, keep));
		else for (const [file, block] of this.#blocks()) drawMarks(block, placeDiagnostics(this.files[file] ?? '', file, diagnostics, keep));
	}

	/**
	 * A result's marks: escape diagnostics and compile errors replace what was marked; a program
	 * that failed at run time adds its failure to the escape marks; a clean build or run clears
	 * old errors.
	 */
	markResult(r: RunResult, keep: Keep): void {
		const all = this.#marks?.diagnostics ?? [];
		const kept = all.filter((d) => d.kind !== 'error' && d.kind !== 'runtime-error');
		if (r.mode === 'escape' || isCompileFailure(r)) this.mark(r.diagnostics, keep);
		else if (r.diagnostics.some((d) => d.kind === 'runtime-error')) this.mark([...kept, ...r.diagnostics], keep);
		else if (kept.length < all.length) this.mark(kept, keep);
	}

	/** Opens the editor on the code; false when its module could not be loaded. */
	async openEditor(on: EditorEvents): Promise<boolean> {
		if (this.#editors) return true;
		let createEditors: typeof CreateEditors;
		try {
			({ createEditors } = (await import(/* @vite-ignore */ editorUrl)) as { createEditors: typeof CreateEditors });
		} catch {
			return false;
		}
		if (this.#editors) return true; // opened by another call while the module loaded
		const holder = h('div', { 'data-editor': '', class: 'not-content' });
		for (const child of this.#root.children) (child as HTMLElement).hidden = true;
		this.#root.append(holder);
		const names = Object.keys(this.files);
		const first = names.includes(this.#main) ? this.#main : names[0]!;
		this.#editors = createEditors(holder, this.files, [first, ...names.filter((f) => f !== first)], {
			onChange: (file, text) => {
				this.files[file] = text;
				this.lastEdit = performance.now();
				clearTimeout(this.#quiet);
				this.#quiet = window.setTimeout(() => on.edited(file), 250);
			},
			onRun: () => on.run(),
		});
		if (this.#marks) this.#editors.showMarks(editorMarks(this.#marks.diagnostics, this.#marks.keep));
		return true;
	}

	/** Back to the site's code blocks. */
	closeEditor(): void {
		this.#dropEditor();
		for (const child of this.#root.children) (child as HTMLElement).hidden = false;
	}

	/** Other code in the open editor (Reset, a share link). */
	load(files: Files): void {
		this.files = { ...files };
		this.#editors?.load(this.files);
	}

	/** Other files altogether (a template): a new editor, nothing marked. */
	replace(files: Files): void {
		this.#dropEditor();
		this.files = { ...files };
		this.#marks = null;
	}

	retitle(file: string, title: string): void {
		this.#editors?.retitle(file, title);
	}

	focus(): void {
		this.#editors?.focus();
	}

	/** Scrolls to a line and puts the focus on its mark, in the editor or the code block. */
	reveal(file: string, line: number, col: number): void {
		if (this.#editors) return this.#editors.reveal(file, line, col);
		const block = this.#blocks().find(([f]) => f === file)?.[1];
		const details = block?.closest('details');
		if (details) details.open = true;
		const el = block?.querySelectorAll<HTMLElement>('.ec-line')[line - 1];
		if (!el) return;
		el.scrollIntoView({ block: 'center', behavior: 'smooth' });
		el.querySelector<HTMLElement>('.pb-mark[tabindex]')?.focus({ preventScroll: true });
		el.classList.add('pg-line-flash');
		setTimeout(() => el.classList.remove('pg-line-flash'), 1500);
	}

	/**
	 * Lights one line of the code blocks (null: none), for the assembly rows that came from it;
	 * the open editor has its own line highlight and is left alone.
	 */
	highlight(file: string | null, line = 0): void {
		for (const el of this.#root.querySelectorAll('.pg-line-hl')) el.classList.remove('pg-line-hl');
		if (this.#editors || file === null) return;
		this.#blocks()
			.find(([f]) => f === file)?.[1]
			.querySelectorAll('.ec-line')
			[line - 1]?.classList.add('pg-line-hl');
	}

	/** Calls `on` with the file and line the pointer is over in the code blocks (null when it leaves them). */
	onLineHover(on: (at: { file: string; line: number } | null) => void): void {
		this.#root.addEventListener('mouseover', (e) => {
			const el = (e.target as Element).closest('.ec-line');
			const block = el?.closest('.expressive-code');
			if (!el || !block || this.#editors) return on(null);
			const file = block.querySelector('.title')?.textContent?.trim() ?? this.#main;
			on({ file, line: [...block.querySelectorAll('.ec-line')].indexOf(el) + 1 });
		});
		this.#root.addEventListener('mouseleave', () => on(null));
	}

	#dropEditor(): void {
		this.#editors?.destroy();
		this.#editors = null;
		this.#root.querySelector('[data-editor]')?.remove();
	}

	/** The site's code blocks, by file name (the block's title). */
	#blocks(): [string, Element][] {
		return [...this.#root.querySelectorAll('.expressive-code')].map((b) => [b.querySelector('.title')?.textContent?.trim() ?? this.#main, b]);
	}
}
