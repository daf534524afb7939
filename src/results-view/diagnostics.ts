/**
 * Which compiler and runtime diagnostics a reader sees on the code, and how each looks: the same
 * rules for results baked at build time and live ones. Browser-safe.
 */
import type { Diagnostic, DiagnosticKind, Mode, RunResult } from '@playbook/engine/contract';

const allocationKinds: ReadonlySet<DiagnosticKind> = new Set(['moved-to-heap', 'escapes', 'leaking-param', 'leaking-param-content', 'leaking-result']);

/** Kinds shown on the code: allocations, their causes, compile errors and runtime failures. */
export const inlineKinds: ReadonlySet<DiagnosticKind> = new Set([...allocationKinds, 'error', 'runtime-error']);

/** How a mark looks (the `pb-alloc` / `pb-error` / `pb-note` classes), baked or live. */
export function markTone(kind: DiagnosticKind): 'alloc' | 'error' | 'note' {
	return allocationKinds.has(kind) ? 'alloc' : kind === 'error' || kind === 'runtime-error' ? 'error' : 'note';
}

/** What goes on the code of a snippet's results: what the compiler said, and where the program failed at run time. */
export function codeDiagnostics(results: Partial<Record<Mode, RunResult>>): Diagnostic[] {
	return [results.escape, results.run, results.test].flatMap((r) => r?.diagnostics ?? []);
}

/** Who said what is listed under a line, for its accessible name. */
export function diagnosticsSource(here: readonly { kind: DiagnosticKind }[]): string {
	return here.every((d) => d.kind === 'runtime-error') ? 'Runtime' : here.some((d) => d.kind === 'runtime-error') ? 'Compiler and runtime' : 'Compiler';
}

/** The tone of a line that carries these diagnostics: an error wins over an allocation. */
export function lineTone(kinds: readonly DiagnosticKind[]): 'alloc' | 'error' {
	return kinds.some((k) => markTone(k) === 'error') ? 'error' : 'alloc';
}

export const kindLabels: Record<DiagnosticKind, string> = {
	'moved-to-heap': 'heap',
	escapes: 'escapes',
	'does-not-escape': 'stack',
	'leaking-param': 'leaks',
	'leaking-param-content': 'leaks',
	'leaking-result': 'leaks',
	'can-inline': 'inline',
	'inlining-call': 'inlined',
	devirtualized: 'devirt',
	error: 'error',
	'runtime-error': 'runtime',
	other: 'note',
};

/** `b *testing.B` and `t *testing.T` always leak into the testing package; saying so on every
 * benchmark's first line would only be noise. */
export function isTestingSignature(d: Diagnostic, files: Record<string, string>): boolean {
	return d.kind === 'leaking-param' && /^func (?:Benchmark|Test|Fuzz)\w*\(\w+ \*testing\.[BTF]\)/.test(files[d.file]?.split('\n')[d.line - 1] ?? '');
}

/**
 * Which diagnostics go on the code: allocations and errors always; other kinds only on lines the
 * snippet makes a claim about (`claimed` holds "file:line"; the author is pointing at them), and
 * never the inlining chatter.
 */
export function shownOnCode(files: Record<string, string>, claimed: ReadonlySet<string> = new Set()): (d: Diagnostic) => boolean {
	return (d) =>
		!isTestingSignature(d, files) && (inlineKinds.has(d.kind) || (claimed.has(`${d.file}:${d.line}`) && d.kind !== 'can-inline' && d.kind !== 'inlining-call'));
}
