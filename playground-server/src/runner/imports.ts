/**
 * Finds the import paths of a Go source file, with their lines, by tokenizing just enough Go to
 * get them right: comments, interpreted and raw strings, runes, `import "x"`, `import n "x"` and
 * `import ( … )` with specs separated by newlines or semicolons (`import ("fmt"; "C")` is valid
 * Go, and a line-based search misses it).
 */

export interface ImportSpec {
	path: string;
	line: number;
}

interface Token {
	kind: 'ident' | 'string' | 'punct' | 'newline';
	text: string;
	line: number;
	/** Index of the token's first character in the source. */
	at: number;
}

function* tokens(src: string): Generator<Token> {
	let i = 0;
	let line = 1;
	const n = src.length;
	while (i < n) {
		const c = src[i]!;
		const at = i;
		if (c === '\n') {
			yield { kind: 'newline', text: '\n', line, at };
			line++;
			i++;
		} else if (c === ' ' || c === '\t' || c === '\r') {
			i++;
		} else if (c === '/' && src[i + 1] === '/') {
			while (i < n && src[i] !== '\n') i++;
		} else if (c === '/' && src[i + 1] === '*') {
			const end = src.indexOf('*/', i + 2);
			const stop = end < 0 ? n : end + 2;
			// A comment spanning lines acts as a newline (Go's semicolon rule).
			const newlines = src.slice(i, stop).split('\n').length - 1;
			if (newlines > 0) yield { kind: 'newline', text: '\n', line, at };
			line += newlines;
			i = stop;
		} else if (c === '"' || c === "'") {
			let j = i + 1;
			while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
			yield { kind: 'string', text: src.slice(i, j + 1), line, at };
			i = j + 1;
		} else if (c === '`') {
			const end = src.indexOf('`', i + 1);
			const stop = end < 0 ? n : end + 1;
			const text = src.slice(i, stop);
			yield { kind: 'string', text, line, at };
			line += text.split('\n').length - 1;
			i = stop;
		} else if (/[\p{L}_]/u.test(c)) {
			let j = i + 1;
			while (j < n && /[\p{L}\p{N}_]/u.test(src[j]!)) j++;
			yield { kind: 'ident', text: src.slice(i, j), line, at };
			i = j;
		} else {
			yield { kind: 'punct', text: c, line, at };
			i++;
		}
	}
}

function unquote(lit: string): string {
	if (lit.startsWith('`')) return lit.slice(1, -1);
	try {
		return JSON.parse(lit) as string;
	} catch {
		return lit.slice(1, -1);
	}
}

export function findImports(src: string): ImportSpec[] {
	return sourceHeader(src).imports.map(({ path, line }) => ({ path, line }));
}

export interface SourceHeader {
	/** The package clause's name, or null when the file does not start with one. */
	packageName: string | null;
	/** With the column the compiler reports for the path (1-based, in bytes). */
	imports: (ImportSpec & { col: number })[];
}

/** The package clause and the imports of a Go source file. */
export function sourceHeader(src: string): SourceHeader {
	const imports: SourceHeader['imports'] = [];
	const toks = [...tokens(src)];
	const column = (t: Token) => Buffer.byteLength(src.slice(src.lastIndexOf('\n', t.at - 1) + 1, t.at)) + 1;
	const spec = (s: Token) => imports.push({ path: unquote(s.text), line: s.line, col: column(s) });
	const significant = toks.filter((t) => t.kind !== 'newline');
	const packageName = significant[0]?.text === 'package' && significant[1]?.kind === 'ident' ? significant[1].text : null;
	for (let i = 0; i < toks.length; i++) {
		const t = toks[i]!;
		if (t.kind !== 'ident' || t.text !== 'import') continue;
		let j = i + 1;
		while (toks[j]?.kind === 'newline') j++;
		if (toks[j]?.text === '(') {
			for (j++; j < toks.length && toks[j]!.text !== ')'; j++) {
				const s = toks[j]!;
				if (s.kind === 'string') spec(s);
			}
		} else {
			// `import "x"` or `import name "x"`.
			for (; j < toks.length && toks[j]!.kind !== 'newline' && toks[j]!.text !== ';'; j++) {
				const s = toks[j]!;
				if (s.kind === 'string') {
					spec(s);
					break;
				}
			}
		}
		i = j;
	}
	return { packageName, imports };
}
