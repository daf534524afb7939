/**
 * Parses what `go build` / `go test -c` print: escape-analysis diagnostics (`-m`, `-m=2`) and
 * compile errors, each mapped to the file, line and column the compiler gives.
 */
import type { Diagnostic, DiagnosticKind } from '../../contract/index.ts';

/** The module path the runner gives snippets; -trimpath prints files as "play/main.go". */
export const snippetModule = 'play';

const position = new RegExp(`^(?:\\./|${snippetModule}/)?([^\\s:/]+\\.go):(\\d+):(\\d+): (.*)$`);

/** `-m` messages, classified. Order matters: "leaking param content" before "leaking param". */
const analysis: [RegExp, DiagnosticKind][] = [
	[/^moved to heap: /, 'moved-to-heap'],
	[/ escapes to heap$/, 'escapes'],
	[/ does not escape$/, 'does-not-escape'],
	[/^leaking param content: /, 'leaking-param-content'],
	[/^leaking (?:param|closure reference): /, 'leaking-param'],
	[/^leaking result/, 'leaking-result'],
	[/^can inline /, 'can-inline'],
	[/^inlining call to /, 'inlining-call'],
	[/^devirtualizing /, 'devirtualized'],
	[/^(?:cannot inline |parameter \S+ leaks|.* capturing by (?:value|ref)|stack frame too large|(?:\S+ )?ignoring self-assignment|index bounds check elided|found IsInBounds|found IsSliceInBounds|mark escaped content|(?:\S+ )?(?:argument|result|receiver) (?:escapes|does not escape))/, 'other'],
];

/** The kind of an escape-analysis or inlining message, or null when it is not one (an error). */
export function classifyMessage(message: string): DiagnosticKind | null {
	for (const [re, kind] of analysis) if (re.test(message)) return kind;
	return null;
}

const allocationKinds: ReadonlySet<DiagnosticKind> = new Set(['moved-to-heap', 'escapes', 'leaking-param', 'leaking-param-content', 'leaking-result', 'other']);

export interface CompilerOutput {
	diagnostics: Diagnostic[];
	/** Lines that are neither diagnostics nor package headers ("# play"), e.g. go command errors. */
	other: string[];
}

/**
 * `buildFailed`: only a failed build has compile errors. On a successful build a message this
 * parser does not know is still the compiler's analysis (kind `other`), never an error.
 *
 * Diagnostics for files outside `files` (the generated test main, the standard library) are
 * dropped. With `-m=2` the compiler prints an explanation block, a head ending in ':' followed by
 * indented "flow:"/"from" lines, before the plain message at the same position; the block is
 * attached to that message as `flow`.
 */
export function parseCompilerOutput(text: string, files: ReadonlySet<string>, buildFailed = true): CompilerOutput {
	const diagnostics: Diagnostic[] = [];
	const other: string[] = [];
	const seen = new Set<string>();
	const flows = new Map<string, string[]>();
	let currentFlow: string[] | null = null;

	for (const raw of text.split('\n')) {
		const line = raw.trimEnd();
		if (!line || line.startsWith('# ')) continue;
		const m = position.exec(line);
		if (!m) {
			currentFlow = null;
			other.push(line);
			continue;
		}
		const [, file = '', ln = '0', col = '0', rest = ''] = m;
		if (!files.has(file)) continue;
		const at = `${file}:${ln}:${col}`;
		if (/^\s/.test(rest)) {
			currentFlow?.push(rest.trim().replaceAll(`${snippetModule}/`, '').replaceAll('./', ''));
			continue;
		}
		if (rest.endsWith(':') && classifyMessage(rest.slice(0, -1).replace(/ in \S+$/, '')) !== null) {
			currentFlow = [rest.slice(0, -1)];
			flows.set(at, currentFlow);
			continue;
		}
		currentFlow = null;
		const message = rest.trim();
		if (seen.has(`${at}:${message}`)) continue;
		seen.add(`${at}:${message}`);
		diagnostics.push({ file, line: Number(ln), col: Number(col), kind: classifyMessage(message) ?? (buildFailed ? 'error' : 'other'), message });
	}
	for (const d of diagnostics) {
		const flow = flows.get(`${d.file}:${d.line}:${d.col}`);
		if (flow && allocationKinds.has(d.kind)) {
			d.flow = flow;
			flows.delete(`${d.file}:${d.line}:${d.col}`);
		}
	}
	return { diagnostics, other };
}
