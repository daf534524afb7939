/**
 * How results are presented: which diagnostics go on the code, benchmark medians, machine info.
 * Used by the build (baked results) and by the in-page playground (live results), so both show
 * the same thing. Browser-safe: no Node imports.
 */
import type { Benchmark, Diagnostic, DiagnosticKind, RunResult } from '../shared/api.ts';

/** Kinds shown on the code: allocations, their causes, and compile errors. */
export const inlineKinds: ReadonlySet<DiagnosticKind> = new Set([
	'moved-to-heap',
	'escapes',
	'leaking-param',
	'leaking-param-content',
	'leaking-result',
	'error',
]);

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
	other: 'note',
};

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
): PlacedDiagnostic[] {
	const lines = source.split('\n');
	const encoder = new TextEncoder();
	const decoder = new TextDecoder();
	const placed: PlacedDiagnostic[] = [];
	for (const d of diagnostics) {
		if (d.file !== file || !keep(d)) continue;
		const text = lines[d.line - 1];
		if (text === undefined) continue;
		const bytes = encoder.encode(text);
		const before = expandTabs(decoder.decode(bytes.slice(0, Math.max(0, d.col - 1))));
		const rest = expandTabs(text).slice(before.length);
		const token = /^(?:&?[\p{L}\p{N}_.]+(?:\(\))?|\S)/u.exec(rest)?.[0] ?? '';
		const p: PlacedDiagnostic = { line: d.line, column: before.length, length: Math.max(1, token.length), kind: d.kind, message: d.message };
		if (d.flow) p.flow = d.flow;
		placed.push(p);
	}
	return placed;
}

export interface BenchRow {
	name: string;
	runs: number;
	nsPerOp: number;
	bytesPerOp: number | null;
	allocsPerOp: number | null;
	metrics: Record<string, number>;
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** One row per benchmark, medians over its runs (-count), in the order they ran. */
export function benchRows(benchmarks: Benchmark[]): BenchRow[] {
	const byName = new Map<string, Benchmark[]>();
	for (const b of benchmarks) byName.set(b.name, [...(byName.get(b.name) ?? []), b]);
	return [...byName].map(([name, runs]) => {
		const med = (f: (b: Benchmark) => number | null) => {
			const xs = runs.map(f).filter((x): x is number => x !== null);
			return xs.length ? median(xs) : null;
		};
		const units = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
		return {
			name,
			runs: runs.length,
			nsPerOp: med((b) => b.nsPerOp) ?? 0,
			bytesPerOp: med((b) => b.bytesPerOp),
			allocsPerOp: med((b) => b.allocsPerOp),
			metrics: Object.fromEntries(units.map((u) => [u, med((b) => b.metrics[u] ?? null) ?? 0])),
		};
	});
}

/** "BenchmarkClear/n=1000" → "Clear/n=1000": the prefix adds nothing in a table. */
export function shortBenchName(name: string): string {
	return name.replace(/^Benchmark/, '');
}

/** The goos/goarch/cpu lines `go test -bench` prints, e.g. "linux/amd64, AMD EPYC 7B13". */
export function benchMachine(stdout: string): string | null {
	const get = (k: string) => new RegExp(`^${k}: (.+)$`, 'm').exec(stdout)?.[1]?.trim();
	const goos = get('goos');
	const goarch = get('goarch');
	const cpu = get('cpu');
	if (!goos && !cpu) return null;
	return [goos && goarch ? `${goos}/${goarch}` : goos, cpu].filter(Boolean).join(', ');
}

export function formatNumber(n: number | null, digits = 3): string {
	if (n === null) return '—';
	if (Number.isInteger(n)) return n.toLocaleString('en-US');
	return Number(n.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatNs(ns: number): string {
	if (ns >= 1e9) return `${formatNumber(ns / 1e9)} s`;
	if (ns >= 1e6) return `${formatNumber(ns / 1e6)} ms`;
	if (ns >= 1e3) return `${formatNumber(ns / 1e3)} µs`;
	return `${formatNumber(ns)} ns`;
}

/** The heading a result section gets, from what produced it. */
export function resultTitle(result: RunResult): string {
	switch (result.mode) {
		case 'escape':
			return 'Escape analysis';
		case 'run':
			return 'Output';
		case 'test':
			return 'Tests';
		case 'bench':
			return 'Benchmarks';
	}
}
