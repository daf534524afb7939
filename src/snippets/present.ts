/**
 * How results are presented: which diagnostics go on the code, benchmark medians, machine info.
 * Used by the build (baked results) and by the in-page playground (live results), so both show
 * the same thing. Browser-safe: no Node imports.
 */
import type { Benchmark, Diagnostic, DiagnosticKind, ErrorCode, Mode, RunOptions, RunResult } from '../shared/api.ts';

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
		!isTestingSignature(d, files) &&
		(inlineKinds.has(d.kind) || (claimed.has(`${d.file}:${d.line}`) && d.kind !== 'can-inline' && d.kind !== 'inlining-call'));
}

/** Benchmark settings when a snippet's options say nothing: short, and medians over a few runs. */
export const benchDefaults = { benchtime: '200ms', count: 3 } as const;

/** The options a request of this mode uses, taken from a snippet's options. */
export function modeOptions(mode: Mode, o: RunOptions): RunOptions {
	const pick = (...keys: (keyof RunOptions)[]): RunOptions => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
	switch (mode) {
		case 'escape':
			return pick('escapeDetail', 'inlining');
		case 'run':
		case 'test':
			return pick('godebug', 'race');
		case 'bench':
			return { ...benchDefaults, ...pick('benchtime', 'count', 'bench', 'godebug') };
	}
}

export function isCompileFailure(r: RunResult): boolean {
	return r.error?.code === 'compile_error' || r.error?.code === 'import_not_allowed';
}

/** A short name for what went wrong, above the server's own explanation. */
export const errorLabels: Record<ErrorCode, string> = {
	compile_error: 'Compile error',
	import_not_allowed: 'Import not allowed',
	exit_nonzero: 'Exited with an error',
	panic: 'Panic',
	fatal_error: 'Fatal error',
	tests_failed: 'Tests failed',
	race_detected: 'Data race',
	timeout: 'Timed out',
	memory_limit: 'Memory limit reached',
	output_limit: 'Output limit reached',
	process_limit: 'Thread limit reached',
	file_size_limit: 'File size limit reached',
	internal_error: 'Playground error',
};

// ── HTML for result sections ────────────────────────────────────────────────────────────────
// The page (at build time, through `set:html`) and the playground in the browser (for live
// results) render results with these same functions, so the two cannot drift apart.

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatDuration(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${formatNumber(ms / 1000, 2)} s`;
}

const isAllocation = (d: Diagnostic) => d.kind === 'moved-to-heap' || d.kind === 'escapes';

export interface SectionOptions {
	/** Which diagnostics are shown on the code (listed under it too); default: shownOnCode({}). */
	shown?: (d: Diagnostic) => boolean;
	/** A live result: say so, with the Go version, the time and whether it came from the cache. */
	live?: boolean;
}

function errorAlert(r: RunResult, tone: 'danger' | 'caution', labelled = true): string {
	if (!r.error) return '';
	const label = r.error.code === 'exit_nonzero' && r.exitCode !== null ? `Exit status ${r.exitCode}` : errorLabels[r.error.code];
	// "at main.go:22" in the message points at the runtime failure marked on the code: a link to it.
	const at = r.diagnostics.find((d) => d.kind === 'runtime-error');
	let message = escapeHtml(r.error.message);
	if (at) {
		const where = escapeHtml(`${at.file}:${at.line}`);
		message = message.replace(` at ${where}`, ` at <span class="pg-loc" data-file="${escapeHtml(at.file)}" data-line="${at.line}" data-col="${at.col}">${where}</span>`);
	}
	return `<p class="pg-alert pg-alert-${tone}" data-error="${r.error.code}">${labelled ? `<strong>${escapeHtml(label)}.</strong> ` : ''}${message}</p>`;
}

/** One diagnostic in a list: where (a link to the line, in the browser), its kind and message, and its escape flow. */
function diagnosticItem(d: Diagnostic, withFlow: boolean): string {
	const loc = `<span class="pg-loc" data-file="${escapeHtml(d.file)}" data-line="${d.line}" data-col="${d.col}">${escapeHtml(d.file)}:${d.line}:${d.col}</span>`;
	const flow =
		withFlow && d.flow?.length
			? `<details class="pg-flow"><summary>Why does it escape?</summary><ol>${d.flow.map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join('')}</ol></details>`
			: '';
	return `<li data-kind="${d.kind}">${loc} <span class="pg-kind">${kindLabels[d.kind]}</span> <span class="pg-msg">${escapeHtml(d.message)}</span>${flow}</li>`;
}

function liveLine(r: RunResult): string {
	return `<p class="pg-live"><span class="pg-tag">Live</span> ${escapeHtml(r.goVersion)} · ${formatDuration(r.durationMs)}${r.cached ? ' · cached result' : ''}</p>`;
}

function escapeBody(r: RunResult, shown: (d: Diagnostic) => boolean): string {
	const allocations = r.diagnostics.filter(isAllocation);
	const onCode = r.diagnostics.filter(shown);
	const summary =
		allocations.length === 0
			? 'The compiler reports no heap allocation in this code.'
			: `The compiler reports ${allocations.length} heap allocation${allocations.length === 1 ? '' : 's'}, marked on ${allocations.length === 1 ? 'its line' : 'their lines'}.`;
	const flag = r.diagnostics.some((d) => d.flow) ? '-gcflags=-m=2' : '-gcflags=-m';
	return (
		`<p>${summary}</p>` +
		(onCode.length ? `<ul class="pg-diag-list pg-diag-main" aria-label="Diagnostics on the code">${onCode.map((d) => diagnosticItem(d, true)).join('')}</ul>` : '') +
		`<details><summary>Everything <code>go build ${flag}</code> said (${r.diagnostics.length} line${r.diagnostics.length === 1 ? '' : 's'})</summary>` +
		`<ul class="pg-diag-list">${r.diagnostics.map((d) => diagnosticItem(d, false)).join('')}</ul></details>`
	);
}

function compileBody(r: RunResult): string {
	const errors = r.diagnostics.filter((d) => d.kind === 'error');
	// The section's heading already says "Compile error".
	return errorAlert(r, 'danger', false) + (errors.length ? `<ul class="pg-diag-list pg-diag-main" aria-label="Compile errors">${errors.map((d) => diagnosticItem(d, false)).join('')}</ul>` : '');
}

function programBody(r: RunResult): string {
	let html = errorAlert(r, 'caution');
	if (r.mode === 'run') {
		if (r.stdout || !r.stderr) html += `<pre class="pg-out">${escapeHtml(r.stdout || '(no output)')}</pre>`;
		if (r.stderr) html += `<pre class="pg-out pg-stderr" aria-label="Standard error">${escapeHtml(r.stderr)}</pre>`;
	} else {
		html += `<details><summary><code>go test -v</code> output</summary><pre class="pg-out">${escapeHtml(r.stdout + r.stderr)}</pre></details>`;
	}
	if (r.truncated) html += '<p class="pg-note">Output was cut at the size limit.</p>';
	return html;
}

/** One group of bars per measure, one bar per benchmark: the variants side by side. */
function benchChart(rows: BenchRow[]): string {
	const measures: { title: string; value: (r: BenchRow) => number | null; format: (n: number) => string; alloc?: boolean }[] = [
		{ title: 'time/op', value: (r) => r.nsPerOp, format: formatNs },
		{ title: 'B/op', value: (r) => r.bytesPerOp, format: (n) => formatNumber(n), alloc: true },
		{ title: 'allocs/op', value: (r) => r.allocsPerOp, format: (n) => formatNumber(n), alloc: true },
		...[...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].map((u) => ({ title: u, value: (r: BenchRow) => r.metrics[u] ?? null, format: (n: number) => formatNumber(n) })),
	];
	const groups = measures
		.filter((m) => rows.some((r) => m.value(r) !== null))
		.map((m) => {
			const max = Math.max(...rows.map((r) => m.value(r) ?? 0));
			const bars = rows
				.map((r) => {
					const v = m.value(r);
					const w = v === null || max <= 0 ? 0 : (v / max) * 100;
					return `<div class="pg-chart-row"><span class="pg-chart-label">${escapeHtml(shortBenchName(r.name))}</span><span class="pg-chart-track"><span class="pg-chart-bar${m.alloc ? ' pg-chart-alloc' : ''}" style="width:${w.toFixed(1)}%"></span></span><span class="pg-chart-value">${v === null ? '—' : escapeHtml(m.format(v))}</span></div>`;
				})
				.join('');
			return `<div class="pg-chart-group"><div class="pg-chart-title">${escapeHtml(m.title)}</div>${bars}</div>`;
		})
		.join('');
	// The table holds the same numbers for screen readers; the chart is for the eye.
	return `<figure class="pg-chart" aria-hidden="true">${groups}</figure>`;
}

function benchBody(r: RunResult): string {
	const rows = benchRows(r.benchmarks);
	const units = [...new Set(rows.flatMap((row) => Object.keys(row.metrics)))];
	const runs = rows[0]?.runs ?? 0;
	const machine = benchMachine(r.stdout);
	let html = errorAlert(r, 'caution');
	if (rows.length) {
		const th = (s: string) => `<th scope="col">${escapeHtml(s)}</th>`;
		html +=
			`<div class="pg-table-wrap"><table class="pg-bench"><thead><tr>${th('Benchmark')}${th('time/op')}${th('B/op')}${th('allocs/op')}${units.map(th).join('')}</tr></thead><tbody>` +
			rows
				.map(
					(row) =>
						`<tr><th scope="row"><code>${escapeHtml(shortBenchName(row.name))}</code></th><td class="pg-num">${formatNs(row.nsPerOp)}</td><td class="pg-num">${formatNumber(row.bytesPerOp)}</td><td class="pg-num">${formatNumber(row.allocsPerOp)}</td>${units.map((u) => `<td class="pg-num">${formatNumber(row.metrics[u] ?? null)}</td>`).join('')}</tr>`,
				)
				.join('') +
			'</tbody></table></div>';
		if (rows.length > 1) html += benchChart(rows);
	} else if (!r.error) {
		html += `<p class="pg-alert pg-alert-caution" data-error="no_benchmarks"><strong>No benchmark ran.</strong> ${escapeHtml(
			'Benchmarks are functions func BenchmarkXxx(b *testing.B) in a _test.go file; check their names, and that the bench pattern (-bench) matches at least one.',
		)}</p>`;
	}
	// When something went wrong, what go test printed (a panic's trace, the failing check) is the answer.
	if ((r.error || !rows.length) && (r.stdout || r.stderr)) {
		html += `<details${rows.length ? '' : ' open'}><summary><code>go test -bench</code> output</summary><pre class="pg-out">${escapeHtml(r.stdout + r.stderr)}</pre></details>`;
	}
	if (!rows.length) return html;
	html += `<p class="pg-note">Medians of ${runs} run${runs === 1 ? '' : 's'} of <code>go test -bench -benchmem</code>${machine ? ` on ${escapeHtml(machine)}` : ''}. Allocations are exact; times depend on the machine and its load, so compare them only with each other.</p>`;
	return html;
}

/** The section a result gets under the code: `<section data-section="{mode}">`. */
export function resultSectionHtml(r: RunResult, options: SectionOptions = {}): string {
	const compile = isCompileFailure(r);
	const title = compile
		? errorLabels[r.error!.code]
		: r.mode === 'test'
			? `Tests: ${r.tests?.passed ?? 0} passed${r.tests?.failed ? `, ${r.tests.failed} failed` : ''}`
			: resultTitle(r);
	const body = compile ? compileBody(r) : r.mode === 'escape' ? escapeBody(r, options.shown ?? shownOnCode({})) : r.mode === 'bench' ? benchBody(r) : programBody(r);
	const head = options.live ? `<div class="pg-section-head"><h4>${escapeHtml(title)}</h4>${liveLine(r)}</div>` : `<h4>${escapeHtml(title)}</h4>`;
	return `<section class="pg-section" data-section="${r.mode}"${compile ? ' data-compile-error' : ''}>${head}${body}</section>`;
}
