/**
 * HTML of a result section (output, escape analysis, assembly, tests, benchmarks). The page (at build time,
 * through `set:html`) and the playground in the browser (for live results) render results with
 * these same functions, so the two cannot drift apart. Browser-safe.
 */
import type { Diagnostic, ErrorCode, RunResult } from '@playbook/engine/contract';
import { assemblyBody } from './assembly.ts';
import { gcTraceHtml } from './gctrace.ts';
import { benchCompareHtml, compareBenchmarks } from './bench-compare.ts';
import { benchMachine, benchRows, shortBenchName, type BenchRow } from './bench-rows.ts';
import { kindLabels, shownOnCode } from './diagnostics.ts';
import { columnFormat, escapeHtml, formatDuration } from './format.ts';

/** The heading a result section gets, from what produced it. */
export function resultTitle(result: RunResult): string {
	switch (result.mode) {
		case 'escape':
			return 'Escape analysis';
		case 'asm':
			return 'Assembly';
		case 'run':
			return 'Output';
		case 'test':
			return 'Tests';
		case 'bench':
			return 'Benchmarks';
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
	toolchain_unavailable: 'Go version unavailable',
	process_limit: 'Thread limit reached',
	file_size_limit: 'File size limit reached',
	internal_error: 'Playground error',
};

const isAllocation = (d: Diagnostic) => d.kind === 'moved-to-heap' || d.kind === 'escapes';

export interface SectionOptions {
	/** Which diagnostics are shown on the code (listed under it too); default: shownOnCode({}). */
	shown?: (d: Diagnostic) => boolean;
	/** A live result: say so, with the Go version, the time and whether it came from the cache. */
	live?: boolean;
	/** Benchmarks: the run before this one, to compare with (benchstat's method); `label` says which it was. */
	previous?: { result: RunResult; label: string };
}

function errorAlert(r: RunResult, tone: 'danger' | 'caution', labelled = true): string {
	if (!r.error) return '';
	const label = r.error.code === 'exit_nonzero' && r.exitCode !== null ? `Exit status ${r.exitCode}` : errorLabels[r.error.code];
	// "at main.go:22" in the message points at the runtime failure marked on the code: a link to it.
	const at = r.diagnostics.find((d) => d.kind === 'runtime-error');
	let message = escapeHtml(r.error.message);
	if (at) {
		const where = escapeHtml(`${at.file}:${at.line}`);
		message = message.replace(
			` at ${where}`,
			` at <span class="pg-loc" data-file="${escapeHtml(at.file)}" data-line="${at.line}" data-col="${at.col}">${where}</span>`,
		);
	} else {
		// A place the message names without a diagnostic of its own (the memory limit, say, which
		// is no line's fault but says where the program was): a link all the same.
		message = message.replace(
			/ at ([\w.-]+\.go):(\d+)\b/,
			(_, file: string, line: string) => ` at <span class="pg-loc" data-file="${file}" data-line="${line}" data-col="1">${file}:${line}</span>`,
		);
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

const byPosition = (a: Diagnostic, b: Diagnostic) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1);

/**
 * The list under the code, by line: where three or more values of one line escape (the arguments
 * of a fmt call, boxed into interfaces, typically), one item says so for all of them.
 */
function diagnosticList(onCode: Diagnostic[]): string {
	const sorted = [...onCode].sort(byPosition);
	const escapesOn = new Map<string, Diagnostic[]>();
	for (const d of sorted) if (d.kind === 'escapes') escapesOn.set(`${d.file}:${d.line}`, [...(escapesOn.get(`${d.file}:${d.line}`) ?? []), d]);
	const items: string[] = [];
	for (const d of sorted) {
		const same = escapesOn.get(`${d.file}:${d.line}`) ?? [];
		if (d.kind !== 'escapes' || same.length < 3) {
			items.push(diagnosticItem(d, true));
			continue;
		}
		if (same[0] !== d) continue;
		const subjects = same.map((x) => x.message.replace(/ escapes to heap$/, ''));
		items.push(diagnosticItem({ ...d, message: `${same.length} values escape to heap: ${subjects.join(', ')}` }, false));
	}
	return items.join('');
}

function escapeBody(r: RunResult, shown: (d: Diagnostic) => boolean): string {
	const allocations = r.diagnostics.filter((d) => isAllocation(d) && shown(d));
	const onCode = r.diagnostics.filter(shown);
	// Allocations the compiler reports in code it inlined from elsewhere (a library's panic
	// message, the testing harness): true, but not about the reader's lines.
	const elsewhere = r.diagnostics.filter((d) => isAllocation(d) && !shown(d)).sort(byPosition);
	const summary =
		allocations.length === 0
			? 'The compiler reports no heap allocation in this code.'
			: `The compiler reports ${allocations.length} heap allocation${allocations.length === 1 ? '' : 's'}, marked on ${allocations.length === 1 ? 'its line' : 'their lines'}.`;
	const flag = r.diagnostics.some((d) => d.flow) ? '-gcflags=-m=2' : '-gcflags=-m';
	return (
		`<p>${summary}</p>` +
		(onCode.length ? `<ul class="pg-diag-list pg-diag-main" aria-label="Diagnostics on the code">${diagnosticList(onCode)}</ul>` : '') +
		(elsewhere.length
			? `<details><summary>${elsewhere.length} more from code inlined from the standard library</summary><ul class="pg-diag-list">${elsewhere.map((d) => diagnosticItem(d, false)).join('')}</ul></details>`
			: '') +
		`<details><summary>Everything the compiler said (<code>${flag}</code>, ${r.diagnostics.length} line${r.diagnostics.length === 1 ? '' : 's'})</summary>` +
		`<ul class="pg-diag-list">${[...r.diagnostics]
			.sort(byPosition)
			.map((d) => diagnosticItem(d, false))
			.join('')}</ul></details>`
	);
}

function compileBody(r: RunResult): string {
	const errors = r.diagnostics.filter((d) => d.kind === 'error');
	// The section's heading already says "Compile error"; the errors, each on its line, are the
	// answer. The server's message repeats the first of them, so it is shown only when there is
	// no list (an import refused before compiling, a failure with no position).
	if (errors.length === 0) return errorAlert(r, 'danger', false);
	const marked = errors.length === 1 ? 'It is marked on its line' : 'Each is marked on its line';
	return (
		`<p class="pg-alert pg-alert-danger" data-error="${r.error?.code ?? 'compile_error'}">The code does not compile: ${errors.length} error${errors.length === 1 ? '' : 's'}. ${marked}; fix ${errors.length === 1 ? 'it' : 'them'} and run again.</p>` +
		`<ul class="pg-diag-list pg-diag-main" aria-label="Compile errors">${errors.map((d) => diagnosticItem(d, false)).join('')}</ul>`
	);
}

function programBody(r: RunResult): string {
	let html = errorAlert(r, 'caution');
	if (r.mode === 'run') {
		if (r.stdout || !r.stderr) html += `<pre class="pg-out">${escapeHtml(r.stdout || '(no output)')}</pre>`;
		if (r.stderr) html += `<pre class="pg-out pg-stderr" aria-label="Standard error">${escapeHtml(r.stderr)}</pre>`;
	} else {
		// A failing test's output is the answer: open, not behind a disclosure.
		html += `<details${r.error ? ' open' : ''}><summary><code>go test -v</code> output</summary><pre class="pg-out">${escapeHtml(r.stdout + r.stderr)}</pre></details>`;
	}
	if (r.truncated) html += '<p class="pg-note">Output was cut at the size limit.</p>';
	return html + gcTraceHtml(r.stderr);
}

/** One group of bars per measure, one bar per benchmark: the variants side by side. */
function benchChart(rows: BenchRow[]): string {
	const column = (value: (r: BenchRow) => number | null, kind: 'ns' | 'count') => columnFormat(rows.map(value), kind);
	const measures: { title: string; value: (r: BenchRow) => number | null; format: (n: number) => string; alloc?: boolean }[] = [
		{ title: 'time/op', value: (r) => r.nsPerOp, format: column((r) => r.nsPerOp, 'ns') },
		{ title: 'B/op', value: (r) => r.bytesPerOp, format: column((r) => r.bytesPerOp, 'count'), alloc: true },
		{ title: 'allocs/op', value: (r) => r.allocsPerOp, format: column((r) => r.allocsPerOp, 'count'), alloc: true },
		...[...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].map((u) => ({
			title: u,
			value: (r: BenchRow) => r.metrics[u] ?? null,
			format: column((r) => r.metrics[u] ?? null, 'count'),
		})),
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

/** The comparison with the run before, or why there is none worth showing. */
function benchComparison(r: RunResult, previous: SectionOptions['previous']): string {
	if (!previous || !r.benchmarks.length) return '';
	const changes = compareBenchmarks(previous.result.benchmarks, r.benchmarks);
	if (!changes.length) return '';
	// The cache answers a request it has seen with the very same runs: nothing was measured again.
	if (JSON.stringify(previous.result.benchmarks) === JSON.stringify(r.benchmarks)) {
		return `<p class="pg-note" data-compare="same-runs">These are the same runs as ${escapeHtml(previous.label)} (the server answered from its cache): change the code, count or benchtime to measure again and compare.</p>`;
	}
	return benchCompareHtml(changes, previous.label);
}

function benchBody(r: RunResult, previous?: SectionOptions['previous']): string {
	const rows = benchRows(r.benchmarks);
	const units = [...new Set(rows.flatMap((row) => Object.keys(row.metrics)))];
	const runs = rows[0]?.runs ?? 0;
	const machine = benchMachine(r.stdout);
	let html = errorAlert(r, 'caution');
	if (rows.length) {
		const th = (s: string) => `<th scope="col">${escapeHtml(s)}</th>`;
		// Numbers are right-aligned, and so are their headings.
		const thNum = (s: string) => `<th scope="col" class="pg-num">${escapeHtml(s)}</th>`;
		// Each column in one unit and with one number of decimals, so its figures line up.
		const ns = columnFormat(
			rows.map((row) => row.nsPerOp),
			'ns',
		);
		const bytes = columnFormat(
			rows.map((row) => row.bytesPerOp),
			'count',
		);
		const allocs = columnFormat(
			rows.map((row) => row.allocsPerOp),
			'count',
		);
		const custom = Object.fromEntries(
			units.map((u) => [
				u,
				columnFormat(
					rows.map((row) => row.metrics[u] ?? null),
					'count',
				),
			]),
		);
		html +=
			`<div class="pg-table-wrap"><table class="pg-bench"><thead><tr>${th('Benchmark')}${thNum('time/op')}${thNum('B/op')}${thNum('allocs/op')}${units.map(thNum).join('')}</tr></thead><tbody>` +
			rows
				.map(
					(row) =>
						`<tr><th scope="row"><code>${escapeHtml(shortBenchName(row.name))}</code></th><td class="pg-num">${escapeHtml(ns(row.nsPerOp))}</td><td class="pg-num">${bytes(row.bytesPerOp)}</td><td class="pg-num">${allocs(row.allocsPerOp)}</td>${units.map((u) => `<td class="pg-num">${custom[u]!(row.metrics[u] ?? null)}</td>`).join('')}</tr>`,
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
	if (!rows.length) return html + gcTraceHtml(r.stderr);
	html += benchComparison(r, previous);
	html += `<p class="pg-note">Medians of ${runs} run${runs === 1 ? '' : 's'} of <code>go test -bench -benchmem</code>${machine ? ` on ${escapeHtml(machine)}` : ''}. Allocations are exact; times depend on the machine and its load, so compare them only with each other.</p>`;
	return html + gcTraceHtml(r.stderr);
}

/** The section a result gets under the code: `<section data-section="{mode}">`. */
export function resultSectionHtml(r: RunResult, options: SectionOptions = {}): string {
	const compile = isCompileFailure(r);
	const title = compile
		? errorLabels[r.error!.code]
		: r.mode === 'test'
			? `Tests: ${r.tests?.passed ?? 0} passed${r.tests?.failed ? `, ${r.tests.failed} failed` : ''}`
			: resultTitle(r);
	const body = compile
		? compileBody(r)
		: r.mode === 'escape'
			? escapeBody(r, options.shown ?? shownOnCode({}))
			: r.mode === 'asm'
				? assemblyBody(r)
				: r.mode === 'bench'
					? benchBody(r, options.previous)
					: programBody(r);
	const head = options.live ? `<div class="pg-section-head"><h4>${escapeHtml(title)}</h4>${liveLine(r)}</div>` : `<h4>${escapeHtml(title)}</h4>`;
	// What Copy takes for benchmarks: go test's own output, which benchstat reads.
	const raw = r.mode === 'bench' && r.stdout ? ` data-raw="${escapeHtml(r.stdout)}"` : '';
	return `<section class="pg-section" data-section="${r.mode}"${compile ? ' data-compile-error' : ''}${raw}>${head}${body}</section>`;
}
