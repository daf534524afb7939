import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseBenchOutput } from '../../playground-server/src/runner/parse/bench.ts';

const bench = readFileSync(new URL('fixtures/bench.txt', import.meta.url), 'utf8');

test('every result line of every -count run is a benchmark, header and summary lines are not', () => {
	const out = parseBenchOutput(bench);
	expect(out.map((b) => b.name)).toEqual([
		'BenchmarkSum',
		'BenchmarkSum',
		'BenchmarkAlloc/n=8',
		'BenchmarkAlloc/n=8',
		'BenchmarkAlloc/n=1024',
		'BenchmarkAlloc/n=1024',
	]);
});

test('the GOMAXPROCS suffix becomes procs; -benchmem columns become numbers', () => {
	const [sum] = parseBenchOutput(bench);
	expect(sum).toMatchObject({ name: 'BenchmarkSum', procs: 2, iterations: 1000, nsPerOp: 28.8, bytesPerOp: 0, allocsPerOp: 0, metrics: {} });
});

test('custom metrics are kept by unit, whatever their position', () => {
	const big = parseBenchOutput(bench).find((b) => b.name === 'BenchmarkAlloc/n=1024');
	expect(big?.metrics).toEqual({ 'KiB/op-custom': 1, 'retained-MiB': 3 });
	expect(big?.bytesPerOp).toBe(1048);
	expect(big?.allocsPerOp).toBe(2);
});

test('without -benchmem the allocation columns are null; without a suffix procs is 1', () => {
	const [b] = parseBenchOutput('BenchmarkX 	 500000	      2400 ns/op\n');
	expect(b).toMatchObject({ name: 'BenchmarkX', procs: 1, iterations: 500000, nsPerOp: 2400, bytesPerOp: null, allocsPerOp: null });
});

test('a name with a dash in a sub-benchmark keeps it; only the last -N is procs', () => {
	const [b] = parseBenchOutput('BenchmarkMap/size-100-8   	 100	 12.5 ns/op\n');
	expect(b?.name).toBe('BenchmarkMap/size-100');
	expect(b?.procs).toBe(8);
});

test('lines that only look like benchmarks are ignored', () => {
	expect(parseBenchOutput('BenchmarkX\n--- FAIL: BenchmarkX\nBenchmarkY 10 fast\n')).toEqual([]);
});
