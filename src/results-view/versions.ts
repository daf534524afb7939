/**
 * One snippet's results on several Go releases, side by side: where escape analysis, the assembly's
 * allocating and checking instructions, the outcome,
 * the output, the tests or the allocations differ, with each difference marked. The page renders
 * the comparison recorded at build time; the playground's Compare versions renders live results
 * with the same function. Browser-safe.
 */
import type { Diagnostic, Mode, RunResult } from '@playbook/engine/contract';
import { benchRows, shortBenchName } from './bench-rows.ts';
import { shownOnCode } from './diagnostics.ts';
import { escapeHtml, formatNs, formatNumber } from './format.ts';
import { errorLabels, isCompileFailure } from './sections.ts';

export interface VersionRun {
	/** The toolchain, as results report it ("go1.27.3"). */
	goVersion: string;
	results: Partial<Record<Mode, RunResult>>;
}

export interface VersionsOptions {
	/** Which diagnostics count (those shown on the code); default: shownOnCode({}). */
	shown?: (d: Diagnostic) => boolean;
	/** Live results (Compare versions) rather than recorded ones. */
	live?: boolean;
}

/** A row of the comparison: a label and one cell per release, each already escaped HTML. */
interface Row {
	label: string;
	cells: string[];
	/** Per cell: whether it differs from the first (newest) release's. */
	differs: boolean[];
}

function row(label: string, values: string[], show: (v: string) => string = escapeHtml, same: (a: string, b: string) => boolean = (a, b) => a === b): Row {
	return { label, cells: values.map(show), differs: values.map((v) => !same(v, values[0]!)) };
}

/** A cell that differs from the first column's: inline values are marked, a block of output is tinted. */
function differing(cell: string, first: string): string {
	const said = `<span class="sr-only"> (differs from ${escapeHtml(first)})</span>`;
	return cell.startsWith('<pre') ? `<td class="pg-vdiff">${cell}${said}</td>` : `<td class="pg-vdiff"><mark>${cell}</mark>${said}</td>`;
}

function table(caption: string, head: string, runs: VersionRun[], rows: Row[]): string {
	const th = runs.map((r) => `<th scope="col">${escapeHtml(r.goVersion)}</th>`).join('');
	const body = rows
		.map(
			(r) => `<tr><th scope="row">${r.label}</th>${r.cells.map((c, i) => (r.differs[i] ? differing(c, runs[0]!.goVersion) : `<td>${c}</td>`)).join('')}</tr>`,
		)
		.join('');
	return `<div class="pg-table-wrap"><table class="pg-vtable"><caption>${caption}</caption><thead><tr><th scope="col">${head}</th>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** How each run ended, in a word. */
function outcome(r: RunResult | undefined): string {
	if (!r) return '—';
	if (!r.error) return 'ok';
	return r.error.code === 'exit_nonzero' && r.exitCode !== null ? `exit status ${r.exitCode}` : errorLabels[r.error.code];
}

/** file:line → the diagnostics on it, one text per run. */
function escapeRows(runs: VersionRun[], shown: (d: Diagnostic) => boolean): Row[] {
	const byLine = runs.map((run) => {
		const m = new Map<string, string[]>();
		for (const d of run.results.escape?.diagnostics ?? []) {
			if (!shown(d)) continue;
			const key = `${d.file}:${d.line}`;
			m.set(key, [...(m.get(key) ?? []), d.message]);
		}
		return m;
	});
	const keys = [...new Set(byLine.flatMap((m) => [...m.keys()]))].sort((a, b) => {
		const [fa, la] = a.split(':');
		const [fb, lb] = b.split(':');
		return fa === fb ? Number(la) - Number(lb) : fa! < fb! ? -1 : 1;
	});
	return keys
		.map((key) =>
			row(
				`<code>${escapeHtml(key)}</code>`,
				byLine.map((m) => (m.get(key) ?? []).join('\n')),
			),
		)
		.filter((r) => r.differs.some(Boolean))
		.map((r) => ({ ...r, cells: r.cells.map((c) => (c ? c.split('\n').join('<br>') : '<span class="pg-none">nothing</span>')) }));
}

/** file:line → the instructions compiled from it that matter to memory, one text per run (only lines where they differ). */
function asmRows(runs: VersionRun[]): Row[] {
	const byLine = runs.map((run) => {
		const m = new Map<string, string[]>();
		for (const i of (run.results.asm?.assembly ?? []).flatMap((f) => f.instructions)) {
			if (!i.mark) continue;
			const key = `${i.file}:${i.line}`;
			m.set(key, [...(m.get(key) ?? []), `${i.op} ${i.args}`]);
		}
		return m;
	});
	const keys = [...new Set(byLine.flatMap((m) => [...m.keys()]))].sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]) || (a < b ? -1 : 1));
	return keys
		.map((key) =>
			row(
				`<code>${escapeHtml(key)}</code>`,
				byLine.map((m) => (m.get(key) ?? []).join('\n')),
			),
		)
		.filter((r) => r.differs.some(Boolean))
		.map((r) => ({
			...r,
			cells: r.cells.map((c) =>
				c
					? c
							.split('\n')
							.map((t) => `<code>${t}</code>`)
							.join('<br>')
					: '<span class="pg-none">nothing</span>',
			),
		}));
}

function benchTable(runs: VersionRun[]): string {
	const perRun = runs.map((r) => new Map(benchRows(r.results.bench?.benchmarks ?? []).map((b) => [b.name, b])));
	const names = [...new Set(perRun.flatMap((m) => [...m.keys()]))];
	if (names.length === 0) return '';
	const rows: Row[] = [];
	for (const name of names) {
		const get = (f: (b: NonNullable<ReturnType<(typeof perRun)[number]['get']>>) => string) => perRun.map((m) => (m.has(name) ? f(m.get(name)!) : '—'));
		const bench = `<code>${escapeHtml(shortBenchName(name))}</code>`;
		rows.push(
			row(
				`${bench} allocs/op`,
				get((b) => formatNumber(b.allocsPerOp)),
			),
		);
		rows.push(
			row(
				`${bench} B/op`,
				get((b) => formatNumber(b.bytesPerOp)),
			),
		);
		// Times are measured at different moments on a shared machine: shown, never marked.
		rows.push({
			...row(
				`${bench} time/op`,
				get((b) => formatNs(b.nsPerOp)),
			),
			differs: runs.map(() => false),
		});
	}
	return table('Benchmarks (medians)', 'Benchmark', runs, rows);
}

/**
 * The comparison section, or '' for fewer than two runs. Only what differs is listed line by line;
 * what is the same on every release is said in one sentence.
 */
export function versionsSectionHtml(runs: VersionRun[], options: VersionsOptions = {}): string {
	if (runs.length < 2) return '';
	const shown = options.shown ?? shownOnCode({});
	const names = runs.map((r) => r.goVersion);
	const parts: string[] = [];
	const same: string[] = [];

	const modes = (['escape', 'asm', 'run', 'test', 'bench'] as const).filter((m) => runs.some((r) => r.results[m]));
	const ends = runs.map((r) => {
		const compile = r.results.escape && isCompileFailure(r.results.escape) ? r.results.escape : undefined;
		return compile
			? errorLabels[compile.error!.code]
			: modes
					.filter((m) => m !== 'escape' && m !== 'asm')
					.map((m) => `${m}: ${outcome(r.results[m])}`)
					.join(', ') || 'compiles';
	});
	const endRow = row('Outcome', ends);
	if (endRow.differs.some(Boolean)) parts.push(table('How each run ended', '', runs, [endRow]));
	else same.push(`the same outcome (${escapeHtml(ends[0]!)})`);

	const escape = escapeRows(runs, shown);
	if (escape.length) parts.push(table('Escape analysis, on the lines where it differs', 'Line', runs, escape));
	else if (modes.includes('escape')) same.push('the same escape analysis');

	if (modes.includes('asm')) {
		const asm = asmRows(runs);
		if (asm.length)
			parts.push(table('Assembly: calls into the allocator, clears, write barriers and panic checks, on the lines where they differ', 'Line', runs, asm));
		else same.push('the same marked instructions in the assembly');
	}

	if (modes.includes('run')) {
		const out = row(
			'stdout',
			runs.map((r) => r.results.run?.stdout ?? ''),
			(v) => `<pre class="pg-out">${escapeHtml(v) || '<span class="pg-none">nothing</span>'}</pre>`,
		);
		if (out.differs.some(Boolean)) parts.push(table('Program output', '', runs, [out]));
		else same.push('the same output');
	}
	if (modes.includes('test')) {
		const tests = row(
			'passed / failed',
			runs.map((r) => (r.results.test?.tests ? `${r.results.test.tests.passed} / ${r.results.test.tests.failed}` : '—')),
		);
		if (tests.differs.some(Boolean)) parts.push(table('Tests', '', runs, [tests]));
		else same.push('the same test results');
	}
	const bench = modes.includes('bench') ? benchTable(runs) : '';
	const benchDiffers = bench.includes('pg-vdiff');
	if (bench && benchDiffers) parts.push(bench);
	else if (bench) same.push('the same allocations');

	const intro = options.live ? `Ran live on ${names.map(escapeHtml).join(', ')}.` : `Recorded when the site was built, on ${names.map(escapeHtml).join(', ')}.`;
	const sameText = same.length ? ` On every one: ${same.join(', ').replace(/, ([^,]*)$/, ' and $1')}.` : '';
	const marked = parts.length ? ' Values that differ from the first column are <mark>marked</mark>.' : '';
	// The benchmark table stays available when allocations agree: the times still say something.
	const quiet = bench && !benchDiffers ? `<details class="pg-more"><summary>Benchmarks on each release</summary>${bench}</details>` : '';
	return `<section class="pg-section pg-versions" data-section="versions"><h4>Across Go versions</h4><p class="pg-note">${intro}${sameText}${marked}</p>${parts.join('')}${quiet}</section>`;
}
