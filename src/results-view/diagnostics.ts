/**
 * Which compiler and runtime diagnostics a reader sees on the code, and how each looks: the same
 * rules for results baked at build time and live ones. Browser-safe.
 */
import type { Diagnostic, DiagnosticKind, Mode, RunResult } from '@playbook/engine/contract';

const allocationKinds: ReadonlySet<DiagnosticKind> = new Set(['moved-to-heap', 'escapes']);
/** A parameter whose value outlives the call: a cause of allocations at the callers, not one itself. */
const leakKinds: ReadonlySet<DiagnosticKind> = new Set(['leaking-param', 'leaking-param-content', 'leaking-result']);

/** Kinds shown on the code: allocations, their causes, compile errors and runtime failures. */
export const inlineKinds: ReadonlySet<DiagnosticKind> = new Set([...allocationKinds, ...leakKinds, 'error', 'runtime-error']);

/** How a mark looks (the `pb-alloc` / `pb-leak` / `pb-error` / `pb-note` classes), baked or live. */
export function markTone(kind: DiagnosticKind): 'alloc' | 'leak' | 'error' | 'note' {
	return allocationKinds.has(kind) ? 'alloc' : leakKinds.has(kind) ? 'leak' : kind === 'error' || kind === 'runtime-error' ? 'error' : 'note';
}

/** What goes on the code of a snippet's results: what the compiler said, and where the program failed at run time. */
export function codeDiagnostics(results: Partial<Record<Mode, RunResult>>): Diagnostic[] {
	return [results.escape, results.run, results.test].flatMap((r) => r?.diagnostics ?? []);
}

/** Who said what is listed under a line, for its accessible name. */
export function diagnosticsSource(here: readonly { kind: DiagnosticKind }[]): string {
	return here.every((d) => d.kind === 'runtime-error') ? 'Runtime' : here.some((d) => d.kind === 'runtime-error') ? 'Compiler and runtime' : 'Compiler';
}

/** The tone of a line that carries these diagnostics: an error wins over an allocation, which wins over a leak. */
export function lineTone(kinds: readonly DiagnosticKind[]): 'alloc' | 'leak' | 'error' {
	const tones = kinds.map(markTone);
	return tones.includes('error') ? 'error' : tones.includes('alloc') ? 'alloc' : tones.includes('leak') ? 'leak' : 'alloc';
}

/**
 * A diagnostic about code the compiler inlined from the standard library rather than about the
 * snippet's own: its subject is a string constant the line does not contain, e.g.
 * `"strings: illegal use of non-zero Builder copied by value" escapes to heap` on a
 * `b.WriteString(k)` line (the panic message of the inlined copy check). True, and noise on
 * the reader's code.
 */
export function isFromInlinedLibrary(d: Diagnostic, files: Record<string, string>): boolean {
	const subject = /^("(?:[^"\\]|\\.)*") (?:escapes to heap|does not escape)$/.exec(d.message)?.[1];
	if (!subject) return false;
	const line = files[d.file]?.split('\n')[d.line - 1] ?? '';
	return !line.includes(subject);
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
 * Which diagnostics go on the code: allocations, leaks and errors, but not what code inlined
 * from the standard library says; other kinds, and those, only on lines the snippet makes a claim
 * about (`claimed` holds "file:line"; the author is pointing at them), and never the inlining
 * chatter.
 */
export function shownOnCode(files: Record<string, string>, claimed: ReadonlySet<string> = new Set()): (d: Diagnostic) => boolean {
	return (d) =>
		!isTestingSignature(d, files) &&
		(claimed.has(`${d.file}:${d.line}`) ? d.kind !== 'can-inline' && d.kind !== 'inlining-call' : inlineKinds.has(d.kind) && !isFromInlinedLibrary(d, files));
}
