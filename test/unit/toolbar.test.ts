import { describe, expect, test } from 'vitest';
import { benchSecondsAtLeast, benchTimeWarning } from '../../src/playground/toolbar.ts';

describe('how long benchmarks take, before they run', () => {
	const files = { 'x_test.go': 'package x\n\nimport "testing"\n\nfunc BenchmarkA(b *testing.B) {}\n\nfunc BenchmarkB(b *testing.B) {}\n' };
	test('at least benchtime × count per top-level benchmark', () => {
		expect(benchSecondsAtLeast(files, 10, '2s')).toBe(40);
		expect(benchSecondsAtLeast(files, 3, '200ms')).toBeCloseTo(1.2);
		expect(benchSecondsAtLeast(files, 3, '1000x')).toBeNull();
		expect(benchSecondsAtLeast({ 'main.go': 'package main\n\nfunc BenchmarkA() {}\n' }, 3, '1s')).toBe(0);
	});
	test('warns near the job limit, and says what to change past it', () => {
		expect(benchTimeWarning(1.2)).toBeNull();
		expect(benchTimeWarning(null)).toBeNull();
		expect(benchTimeWarning(48)).toBe('At least 48 s of benchmarking, close to the 60 s a benchmark job may run.');
		expect(benchTimeWarning(80)).toBe(
			'At least 80 s of benchmarking: more than the 60 s a benchmark job may run, so it would be stopped. Lower count or benchtime.',
		);
	});
});
