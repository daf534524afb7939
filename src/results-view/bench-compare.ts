/**
 * A benchmark run compared with the one before it, as benchstat compares two files: per
 * benchmark and measure, each side's median ± its confidence interval, and the change with the
 * p-value of the U test, or "~" when the runs cannot tell the two apart at α = 0.05 (the method:
 * contract/stats.ts). Browser-safe.
 */
import { benchAlpha, mannWhitneyP, medianInterval, type Benchmark } from '@playbook/engine/contract';
import { shortBenchName } from './bench-rows.ts';
import { columnFormat, escapeHtml } from './format.ts';

export interface Side {
	median: number;
	/** benchstat's "± x%": the farther bound of the 95% interval from the median; "∞" for too few runs. */
	spread: string;
	n: number;
}

export interface Change {
	name: string;
	measure: 'time/op' | 'B/op' | 'allocs/op';
	before: Side;
	after: Side;
	p: number;
	/** "+12.34%", "-5.00%", "0.00%", "~" (not significant) or "?" (from zero). */
	delta: string;
}

const measures = [
	{ measure: 'time/op', value: (b: Benchmark) => b.nsPerOp },
	{ measure: 'B/op', value: (b: Benchmark) => b.bytesPerOp },
	{ measure: 'allocs/op', value: (b: Benchmark) => b.allocsPerOp },
] as const;

/**
 * `x` with `digits` decimals as Go's fmt writes it: the nearest, and on an exact tie the even one
 * (JavaScript's toFixed takes the larger), so "± 12.5%" reads "12%" here as in benchstat.
 */
export function goFixed(x: number, digits: number): string {
	const scale = 10 ** digits;
	const scaled = Math.abs(x) * scale;
	const floor = Math.floor(scaled);
	if (scaled - floor === 0.5 && (floor + 0.5) / scale === Math.abs(x) && floor % 2 === 0) {
		return `${x < 0 ? '-' : ''}${(floor / scale).toFixed(digits)}`;
	}
	return x.toFixed(digits);
}

function side(xs: number[]): Side {
	const { median, lo, hi } = medianInterval(xs);
	let spread: string;
	if (!Number.isFinite(lo) || !Number.isFinite(hi)) spread = '∞';
	else if (Math.sign(median) !== Math.sign(lo) || Math.sign(median) !== Math.sign(hi)) spread = '?';
	else if (median === 0) spread = '0%';
	else spread = `${goFixed(100 * Math.max(hi / median - 1, 1 - lo / median), 0)}%`;
	return { median, spread, n: xs.length };
}

function delta(before: number, after: number, p: number): string {
	if (p > benchAlpha) return '~';
	if (before === after) return '0.00%';
	if (before === 0) return '?';
	const pct = (after / before - 1) * 100;
	return `${pct >= 0 ? '+' : ''}${goFixed(pct, 2)}%`;
}

/** The changes between the benchmarks both runs have, in the order of the newer run. */
export function compareBenchmarks(before: Benchmark[], after: Benchmark[]): Change[] {
	const runs = (bs: Benchmark[], name: string) => bs.filter((b) => b.name === name);
	const names = [...new Set(after.map((b) => b.name))].filter((n) => before.some((b) => b.name === n));
	const out: Change[] = [];
	for (const name of names) {
		for (const { measure, value } of measures) {
			const xs = runs(before, name)
				.map(value)
				.filter((v): v is number => v !== null);
			const ys = runs(after, name)
				.map(value)
				.filter((v): v is number => v !== null);
			if (!xs.length || !ys.length) continue;
			const p = mannWhitneyP(xs, ys);
			const b = side(xs);
			const a = side(ys);
			out.push({ name, measure, before: b, after: a, p, delta: delta(b.median, a.median, p) });
		}
	}
	return out;
}

/** The smallest sample size at which the U test can find a difference at α (both sides that size). */
export function runsNeeded(): number {
	for (let n = 1; n <= 10; n++) {
		const a = Array.from({ length: n }, (_, i) => i);
		const b = Array.from({ length: n }, (_, i) => n + i);
		if (mannWhitneyP(a, b) <= benchAlpha) return n;
	}
	return 10;
}

/** "p=0.008 n=5" or "p=0.100 n=3+5", as benchstat writes it. */
export function comparisonNote(c: Change): string {
	return `p=${goFixed(c.p, 3)} n=${c.before.n === c.after.n ? c.before.n : `${c.before.n}+${c.after.n}`}`;
}

/** The comparison under the newer run's table; `before`: what the older run was ("the recorded run"). */
export function benchCompareHtml(changes: Change[], before: string): string {
	if (!changes.length) return '';
	const fmt = Object.fromEntries(
		measures.map(({ measure }) => {
			const values = changes.filter((c) => c.measure === measure).flatMap((c) => [c.before.median, c.after.median]);
			return [measure, columnFormat(values, measure === 'time/op' ? 'ns' : 'count')];
		}),
	) as Record<Change['measure'], (v: number | null) => string>;
	const rows = changes
		.map((c) => {
			const tone = c.delta === '~' ? 'same' : c.delta.startsWith('-') ? 'less' : c.delta.startsWith('+') ? 'more' : 'same';
			return (
				`<tr><th scope="row"><code>${escapeHtml(shortBenchName(c.name))}</code></th><td>${c.measure}</td>` +
				`<td class="pg-num">${escapeHtml(fmt[c.measure](c.before.median))} <span class="pg-spread">± ${c.before.spread}</span></td>` +
				`<td class="pg-num">${escapeHtml(fmt[c.measure](c.after.median))} <span class="pg-spread">± ${c.after.spread}</span></td>` +
				`<td class="pg-num pg-delta" data-tone="${tone}">${escapeHtml(c.delta)}</td><td class="pg-pvalue">${comparisonNote(c)}</td></tr>`
			);
		})
		.join('');
	const n = Math.min(...changes.map((c) => Math.min(c.before.n, c.after.n)));
	const need = runsNeeded();
	const power =
		n < need
			? ` With ${n} run${n === 1 ? '' : 's'} on a side no change can be significant (the smallest p is above ${benchAlpha}): set count to ${need} or more to tell a change from noise.`
			: '';
	return (
		`<div class="pg-bench-compare" data-compare><h5>Compared with ${escapeHtml(before)}</h5>` +
		`<div class="pg-table-wrap"><table class="pg-bench"><thead><tr><th scope="col">Benchmark</th><th scope="col">measure</th><th scope="col" class="pg-num">before</th><th scope="col" class="pg-num">now</th><th scope="col" class="pg-num">change</th><th scope="col">test</th></tr></thead><tbody>${rows}</tbody></table></div>` +
		`<p class="pg-note">benchstat's method: medians ± their 95% confidence interval, and the Mann-Whitney U test; <code>~</code> means the runs cannot tell the two apart at α = ${benchAlpha}.${power}</p></div>`
	);
}
