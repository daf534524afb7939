/**
 * The playground compares benchmark runs with benchstat's method (contract/stats.ts); this checks
 * its figures against benchstat itself (golang.org/x/perf/cmd/benchstat, fetched from the Go module
 * proxy on first use) on samples with and without ties, of equal and unequal sizes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Benchmark } from '../../playground-server/src/contract/index.ts';
import { medianInterval } from '../../playground-server/src/contract/index.ts';
import { benchCompareHtml, compareBenchmarks, goFixed, runsNeeded } from '../../src/results-view/bench-compare.ts';

const benchstat = 'golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da';
let dir = '';

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'benchstat-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

const bench = (name: string, ns: number, bytes: number, allocs: number): Benchmark => ({
	name,
	procs: 2,
	iterations: 1000,
	nsPerOp: ns,
	bytesPerOp: bytes,
	allocsPerOp: allocs,
	metrics: {},
});

/** `go test -bench -benchmem` output of the runs. */
const output = (runs: Benchmark[]) =>
	'goos: linux\ngoarch: amd64\npkg: x\n' +
	runs.map((b) => `${b.name}-2\t1000\t${b.nsPerOp} ns/op\t${b.bytesPerOp} B/op\t${b.allocsPerOp} allocs/op\n`).join('') +
	'PASS\n';

/** benchstat's CSV rows: per measure, per benchmark, [before CI, after CI, vs base, P]. */
async function runBenchstat(before: Benchmark[], after: Benchmark[]) {
	await writeFile(join(dir, 'old.txt'), output(before));
	await writeFile(join(dir, 'new.txt'), output(after));
	const { stdout } = await promisify(execFile)('go', ['run', benchstat, '-format', 'csv', 'old.txt', 'new.txt'], {
		cwd: dir,
		env: { ...process.env, GOFLAGS: '-mod=mod' },
	});
	const rows: Record<string, { ciBefore: string; ciAfter: string; delta: string; p: string }> = {};
	let measure = '';
	for (const line of stdout.split('\n')) {
		const cells = line.split(',');
		if (cells[0] === '' && cells[2] === 'CI') measure = { 'sec/op': 'time/op', 'B/op': 'B/op', 'allocs/op': 'allocs/op' }[cells[1]!] ?? cells[1]!;
		else if (cells.length === 7 && /^Benchmark|^[A-Z]/.test(cells[0]!) && cells[0] !== 'geomean')
			rows[`${cells[0]!.replace(/-2$/, '')} ${measure}`] = { ciBefore: cells[2]!, ciAfter: cells[4]!, delta: cells[5]!, p: cells[6]! };
	}
	return rows;
}

const runs = (name: string, ns: number[], bytes: number[] | number, allocs: number[] | number) =>
	ns.map((t, i) => bench(name, t, Array.isArray(bytes) ? bytes[i]! : bytes, Array.isArray(allocs) ? allocs[i]! : allocs));

test('the same medians, intervals, changes and p-values as benchstat', { timeout: 300_000 }, async () => {
	const cases: [Benchmark[], Benchmark[]][] = [
		// Six runs a side, a clear change, allocations gone.
		[runs('BenchmarkA', [100, 110, 105, 102, 108, 101], 16, 1), runs('BenchmarkA', [90, 95, 92, 91, 99, 90], 0, 0)],
		// Three runs a side: never significant; ties across the samples.
		[runs('BenchmarkB', [100, 101, 102], [16, 16, 32], 1), runs('BenchmarkB', [99, 101, 103], [16, 32, 32], 1)],
		// Unequal sizes, overlapping times, several benchmarks.
		[
			[...runs('BenchmarkC/n=10', [50, 52, 51, 49, 53], 8, 1), ...runs('BenchmarkD', [7, 7, 8, 7, 9, 7, 8], 0, 0)],
			[...runs('BenchmarkC/n=10', [48, 47, 52, 46, 45, 44, 50, 49, 46, 45], 8, 1), ...runs('BenchmarkD', [7, 8, 8, 9, 9, 9, 8, 7], 0, 0)],
		],
		// Ten a side with ties in the middle.
		[
			runs('BenchmarkE', [10, 11, 11, 12, 12, 12, 13, 14, 15, 16], 64, 2),
			runs('BenchmarkE', [12, 12, 13, 13, 13, 14, 15, 15, 16, 17], [64, 64, 64, 64, 64, 64, 64, 64, 64, 128], 2),
		],
	];
	for (const [before, after] of cases) {
		const theirs = await runBenchstat(before, after);
		const ours = compareBenchmarks(before, after);
		expect(ours.length).toBe(Object.keys(theirs).length);
		for (const c of ours) {
			const t = theirs[`${c.name.replace(/^Benchmark/, '')} ${c.measure}`];
			expect(t, `${c.name} ${c.measure}`).toBeDefined();
			const n = c.before.n === c.after.n ? `${c.before.n}` : `${c.before.n}+${c.after.n}`;
			expect({ name: c.name, measure: c.measure, ci: [c.before.spread, c.after.spread], delta: c.delta, p: `p=${goFixed(c.p, 3)} n=${n}` }).toEqual({
				name: c.name,
				measure: c.measure,
				ci: [t!.ciBefore, t!.ciAfter],
				delta: t!.delta,
				p: t!.p,
			});
		}
	}
});

test('the median interval needs six runs at 95%, and the U test four a side at α = 0.05', () => {
	expect(medianInterval([1, 2, 3, 4, 5]).lo).toBe(-Infinity);
	expect(medianInterval([1, 2, 3, 4, 5, 6])).toEqual({ median: 3.5, lo: 1, hi: 6 });
	expect(runsNeeded()).toBe(4);
	expect([goFixed(12.5, 0), goFixed(13.5, 0), goFixed(-0.125, 2), goFixed(2.675, 2)]).toEqual(['12', '14', '-0.12', '2.67']);
});

test('the comparison says when the runs are too few to tell a change from noise', () => {
	const html = benchCompareHtml(compareBenchmarks(runs('BenchmarkB', [100, 101, 102], 16, 1), runs('BenchmarkB', [50, 51, 52], 16, 1)), 'the recorded run');
	expect(html).toContain('Compared with the recorded run');
	expect(html).toContain('With 3 runs on a side no change can be significant');
	expect(html).toContain('set count to 4 or more');
	expect(compareBenchmarks(runs('BenchmarkX', [1], 0, 0), runs('BenchmarkY', [1], 0, 0))).toEqual([]);
});
