/**
 * Finds the `//` line comments of a Go source file, skipping `//` inside strings, runes and
 * block comments. Hand-written because the only alternative is running go/scanner in a Go
 * helper, which would make every page render depend on another process for a 40-line job.
 */

export interface LineComment {
	/** 0-based line index. */
	line: number;
	/** UTF-16 offset of the `//` within the line. */
	start: number;
	/** The comment text after `//`. */
	text: string;
	/** Whether code precedes the comment on its line. */
	trailing: boolean;
}

export function lineComments(source: string): LineComment[] {
	const out: LineComment[] = [];
	const lines = source.split('\n');
	let state: 'code' | 'block' | 'raw' = 'code';
	for (let ln = 0; ln < lines.length; ln++) {
		const text = lines[ln] ?? '';
		// A line that continues a raw string starts with code (the string's text).
		let codeSeen = state === 'raw';
		for (let i = 0; i < text.length; i++) {
			const c = text[i];
			if (state === 'block') {
				if (c === '*' && text[i + 1] === '/') {
					state = 'code';
					i++;
				}
				continue;
			}
			if (state === 'raw') {
				if (c === '`') state = 'code';
				continue;
			}
			if (c === '/' && text[i + 1] === '/') {
				out.push({ line: ln, start: i, text: text.slice(i + 2), trailing: codeSeen });
				break;
			}
			if (c === '/' && text[i + 1] === '*') {
				state = 'block';
				i++;
				continue;
			}
			if (c === '`') {
				state = 'raw';
				codeSeen = true;
				continue;
			}
			if (c === '"' || c === "'") {
				// Interpreted strings and runes end on their line; skip escapes.
				for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
				codeSeen = true;
				continue;
			}
			if (c !== ' ' && c !== '\t') codeSeen = true;
		}
	}
	return out;
}
