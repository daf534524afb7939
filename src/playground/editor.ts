/**
 * The in-place editor: CodeMirror 6 with Go syntax. Loaded with a dynamic import only when the
 * reader clicks Edit (or opens /play or a share link), so pages carry no editor code until then.
 *
 * Compiler diagnostics become lint diagnostics: a wavy underline on the token, a marker in the
 * gutter, the message on hover, and — for keyboard users — the message in a tooltip whenever the
 * cursor is on a marked token (F8 moves to the next one, Ctrl+Shift+M lists them all).
 */
import { EditorState, Prec, StateField, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, showTooltip, type Tooltip } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { go } from '@codemirror/lang-go';
import { forEachDiagnostic, lintGutter, lintKeymap, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';

export interface EditorOptions {
	/** Called after every change, with the file that changed. */
	onChange: (file: string, code: string) => void;
	/** Ctrl/Cmd+Enter. */
	onRun: () => void;
}

/**
 * A mark as the editor draws it. The island makes them from diagnostics (code-view.ts), so that
 * this module, an entry of its own (src/build/island-entry.ts), shares no code with the island.
 */
export interface EditorMark {
	line: number;
	/** In the source as it is (tabs kept), UTF-16 code units. */
	column: number;
	length: number;
	tone: 'alloc' | 'leak' | 'error' | 'note';
	/** The diagnostic's kind, as the lint panel lists it. */
	source: string;
	message: string;
}

export interface Editors {
	code(): Record<string, string>;
	/** Replaces the code of every file (Reset, a template, a share link). */
	load(files: Record<string, string>): void;
	/** Shows marks on the code of every file, placed by `marksFor` in the file's current text. */
	showMarks(marksFor: (file: string, code: string) => EditorMark[]): void;
	/** Puts the cursor on a diagnostic's token and focuses its editor. */
	reveal(file: string, line: number, col: number): void;
	/** Changes the name shown above a file's editor. */
	retitle(file: string, title: string): void;
	focus(): void;
	destroy(): void;
}

const highlight = HighlightStyle.define([
	{ tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--pg-syn-keyword)' },
	{ tag: [t.string, t.special(t.string), t.character], color: 'var(--pg-syn-string)' },
	{ tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--pg-syn-comment)', fontStyle: 'italic' },
	{ tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))], color: 'var(--pg-syn-func)' },
	{ tag: [t.number, t.bool, t.null, t.atom], color: 'var(--pg-syn-number)' },
	{ tag: [t.operator, t.derefOperator, t.punctuation], color: 'var(--pg-syn-operator)' },
	{ tag: [t.typeName, t.standard(t.typeName)], color: 'var(--pg-syn-type)' },
	{ tag: [t.variableName, t.propertyName, t.definition(t.variableName)], color: 'var(--pg-syn-var)' },
]);

const theme = EditorView.theme({
	'&': { backgroundColor: 'var(--sl-color-black)', color: 'var(--sl-color-white)' },
	'&.cm-focused': { outline: '2px solid var(--sl-color-text-accent)', outlineOffset: '-2px' },
	'.cm-content': { caretColor: 'var(--sl-color-white)', padding: '0.6rem 0' },
	'.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--sl-color-white)' },
	'.cm-gutters': {
		backgroundColor: 'var(--sl-color-gray-7, var(--sl-color-black))',
		color: 'var(--sl-color-gray-3)',
		borderRight: '1px solid var(--sl-color-gray-5)',
	},
	'.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--sl-color-gray-5) 35%, transparent)' },
	'.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--sl-color-gray-5) 50%, transparent)', color: 'var(--sl-color-white)' },
	'&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
		backgroundColor: 'color-mix(in srgb, var(--sl-color-text-accent) 30%, transparent)',
	},
	'.cm-tooltip': {
		backgroundColor: 'var(--sl-color-gray-6)',
		color: 'var(--sl-color-white)',
		border: '1px solid var(--sl-color-gray-4)',
		fontSize: 'var(--sl-text-xs)',
	},
	'.cm-tooltip-lint, .cm-pg-tip': { maxWidth: 'min(32rem, 90vw)', whiteSpace: 'pre-line' },
	'.cm-pg-tip': { padding: '0.35rem 0.6rem' },
	'.cm-diagnostic': { whiteSpace: 'pre-line' },
	'.cm-diagnostic-warning': { borderLeftColor: '#e8912d' },
	'.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy #e8912d', textDecorationThickness: '1px', textUnderlineOffset: '3px' },
	'.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy #e5484d', textDecorationThickness: '1px', textUnderlineOffset: '3px' },
	'.cm-lintRange-info': { backgroundImage: 'none', textDecoration: 'underline dotted #e8912d', textUnderlineOffset: '3px' },
	'.cm-panels': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-white)' },
});

/** The message of the diagnostic under the cursor, as a tooltip: what hover shows, for the keyboard. */
const cursorTip = StateField.define<readonly Tooltip[]>({
	create: () => [],
	update(tips, tr) {
		if (!tr.docChanged && !tr.selection && tr.effects.length === 0) return tips;
		const { head, empty } = tr.state.selection.main;
		if (!empty) return [];
		const found: string[] = [];
		let pos = -1;
		forEachDiagnostic(tr.state, (d, from, to) => {
			if (head >= from && head <= to) {
				found.push(d.message);
				if (pos < 0) pos = from;
			}
		});
		if (!found.length) return [];
		return [
			{
				pos,
				above: false,
				create: () => {
					const dom = document.createElement('div');
					dom.className = 'cm-pg-tip';
					dom.textContent = found.join('\n');
					return { dom };
				},
			},
		];
	},
	provide: (f) => showTooltip.computeN([f], (s) => s.field(f)),
});

const severity: Record<EditorMark['tone'], CmDiagnostic['severity']> = { error: 'error', alloc: 'warning', leak: 'info', note: 'info' };

export function createEditors(container: HTMLElement, files: Record<string, string>, order: string[], options: EditorOptions): Editors {
	const views = new Map<string, EditorView>();
	const titles = new Map<string, Element>();
	const extensions = (file: string): Extension[] => [
		lineNumbers(),
		highlightActiveLineGutter(),
		history(),
		drawSelection(),
		indentOnInput(),
		bracketMatching(),
		highlightActiveLine(),
		lintGutter(),
		cursorTip,
		syntaxHighlighting(highlight),
		go(),
		EditorState.tabSize.of(4),
		indentUnit.of('\t'),
		theme,
		// Before the default keymap, which binds Mod-Enter to "insert blank line".
		Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (options.onRun(), true) }])),
		keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
		EditorView.contentAttributes.of({ 'aria-label': `Go code, ${file}. Press Escape then Tab to leave the editor.` }),
		EditorView.updateListener.of((u) => {
			if (u.docChanged) options.onChange(file, u.state.doc.toString());
		}),
	];
	for (const file of order) {
		const box = document.createElement('div');
		box.className = 'pg-editor';
		const title = document.createElement('div');
		title.className = 'pg-editor-title';
		title.innerHTML = `<span></span><span class="pg-editor-hint">Ctrl+Enter runs · Esc then Tab leaves</span>`;
		title.firstElementChild!.textContent = file;
		titles.set(file, title.firstElementChild!);
		box.append(title);
		container.append(box);
		views.set(file, new EditorView({ parent: box, state: EditorState.create({ doc: files[file] ?? '', extensions: extensions(file) }) }));
	}
	const first = () => views.values().next().value;
	return {
		code: () => Object.fromEntries([...views].map(([f, v]) => [f, v.state.doc.toString()])),
		load(next) {
			for (const [f, v] of views) {
				const doc = next[f] ?? '';
				if (doc !== v.state.doc.toString()) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: doc } });
				v.dispatch(setDiagnostics(v.state, []));
			}
		},
		showMarks(marksFor) {
			for (const [file, view] of views) {
				const doc = view.state.doc;
				const cm: CmDiagnostic[] = marksFor(file, doc.toString()).map((m) => {
					const line = doc.line(Math.min(m.line, doc.lines));
					const from = Math.min(line.from + m.column, line.to);
					return { from, to: Math.min(from + m.length, line.to), severity: severity[m.tone], source: m.source, message: m.message };
				});
				view.dispatch(setDiagnostics(view.state, cm));
			}
		},
		reveal(file, line, col) {
			const view = views.get(file) ?? first();
			if (!view) return;
			const doc = view.state.doc;
			const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
			const bytes = new TextEncoder().encode(l.text).slice(0, Math.max(0, col - 1));
			const pos = Math.min(l.to, l.from + new TextDecoder().decode(bytes).length);
			view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
			view.focus();
		},
		retitle(file, text) {
			const t = titles.get(file);
			if (t) t.textContent = text;
		},
		focus: () => first()?.focus(),
		destroy() {
			for (const v of views.values()) v.destroy();
			container.replaceChildren();
		},
	};
}
