/**
 * Diagnostics placed on the code as it is displayed: the compiler counts 1-based bytes in a line,
 * the page and the editor count UTF-16 units after tabs are expanded. Browser-safe.
 */
import type { Diagnostic, DiagnosticKind } from '@playbook/engine/contract';
import { inlineKinds } from './diagnostics.ts';

/** A diagnostic placed on the code as displayed: 1-based line, 0-based UTF-16 column. */
export interface PlacedDiagnostic {
	line: number;
	column: number;
	/** Length of the marked token, in UTF-16 code units. */
	length: number;
	kind: DiagnosticKind;
	message: string;
	flow?: string[];
}

/** Tabs are shown as this many spaces; columns are converted to match. */
export const tabWidth = 4;

export function expandTabs(code: string): string {
	return code.replace(/\t/g, ' '.repeat(tabWidth));
}

/**
 * Places diagnostics of one file on its displayed (tab-expanded) lines. The compiler's column is
 * a 1-based byte offset in the line; the mark covers the token that starts there.
 */
export function placeDiagnostics(
	source: string,
	file: string,
	diagnostics: Diagnostic[],
	keep: (d: Diagnostic) => boolean = (d) => inlineKinds.has(d.kind),
	/** false: columns in the source as it is (tabs kept), as an editor counts them. */
	expand = true,
): PlacedDiagnostic[] {
	const lines = source.split('\n');
	const encoder = new TextEncoder();
	const decoder = new TextDecoder();
	const shown = expand ? expandTabs : (s: string) => s;
	const placed: PlacedDiagnostic[] = [];
	for (const d of diagnostics) {
		if (d.file !== file || !keep(d)) continue;
		const text = lines[d.line - 1];
		if (text === undefined) continue;
		const bytes = encoder.encode(text);
		const before = shown(decoder.decode(bytes.slice(0, Math.max(0, d.col - 1))));
		const rest = shown(text).slice(before.length);
		// A runtime failure has a line but no column: the whole statement is marked.
		const token = d.kind === 'runtime-error' ? withoutComment(rest).trimEnd() : (/^(?:&?[\p{L}\p{N}_.]+(?:\(\))?|\S)/u.exec(rest)?.[0] ?? '');
		const p: PlacedDiagnostic = { line: d.line, column: before.length, length: Math.max(1, token.length), kind: d.kind, message: d.message };
		if (d.flow) p.flow = d.flow;
		placed.push(p);
	}
	return placed;
}

/** A line of Go without its trailing // comment (a "//" inside a string or rune literal stays). */
function withoutComment(line: string): string {
	let quote = '';
	for (let i = 0; i < line.length; i++) {
		const c = line[i]!;
		if (quote) {
			if (c === '\\' && quote !== '`') i++;
			else if (c === quote) quote = '';
		} else if (c === '"' || c === "'" || c === '`') quote = c;
		else if (c === '/' && line[i + 1] === '/') return line.slice(0, i);
	}
	return line;
}
