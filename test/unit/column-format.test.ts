/** Benchmark tables write each column in one unit and with one number of decimals. */
import { expect, test } from 'vitest';
import { columnFormat } from '../../src/results-view/format.ts';
import { resultSectionHtml } from '../../src/results-view/sections.ts';
import { runResult } from '../fixtures/run-result.ts';

test('times: the unit of the smallest value, the decimals of the one that needs most, the same for all', () => {
	const f = columnFormat([1234.5, 987.6, 45.2, null], 'ns');
	expect([1234.5, 987.6, 45.2, null].map(f)).toEqual(['1,234.5 ns', '987.6 ns', '45.2 ns', '—']);
	const g = columnFormat([25_300_000, 4_100_000], 'ns');
	expect([25_300_000, 4_100_000].map(g)).toEqual(['25.3 ms', '4.1 ms']);
	// Seven digits in the smallest's unit would be too many: one unit up.
	const h = columnFormat([2_500_000_000, 950], 'ns');
	expect([2_500_000_000, 950].map(h)).toEqual(['2,500,000.00 µs', '0.95 µs']);
});

test('counts: whole numbers stay whole; a fractional median gives the column its decimals', () => {
	expect([74456, 36992].map(columnFormat([74456, 36992], 'count'))).toEqual(['74,456', '36,992']);
	expect([0.5, 12, 3].map(columnFormat([0.5, 12, 3], 'count'))).toEqual(['0.5', '12.0', '3.0']);
	expect([0, 0].map(columnFormat([0, 0], 'count'))).toEqual(['0', '0']);
});

test('the benchmark table uses them', () => {
	const b = (name: string, ns: number, bytes: number) => ({ name, procs: 2, iterations: 1000, nsPerOp: ns, bytesPerOp: bytes, allocsPerOp: 1, metrics: {} });
	const html = resultSectionHtml(runResult({ mode: 'bench', benchmarks: [b('BenchmarkA', 1500, 64), b('BenchmarkB', 95, 1024)] }));
	const cells = [...html.matchAll(/<td class="pg-num">([^<]*)<\/td>/g)].map((m) => m[1]);
	expect(cells).toEqual(['1,500 ns', '64', '1', '95 ns', '1,024', '1']);
});
