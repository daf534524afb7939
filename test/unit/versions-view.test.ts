/** The side-by-side view of one snippet on several Go releases (recorded on the page, live in Compare versions). */
import { expect, test } from 'vitest';
import type { Benchmark, Diagnostic } from '@playbook/engine/contract';
import { versionsSectionHtml, type VersionRun } from '../../src/results-view/versions.ts';
import { runResult } from '../fixtures/run-result.ts';

const diag = (line: number, message: string, kind: Diagnostic['kind'] = 'escapes'): Diagnostic =>
	({ file: 'main.go', line, col: 2, kind, message, severity: 'info', related: [] }) as unknown as Diagnostic;
const bench = (name: string, allocs: number, bytes: number, ns: number): Benchmark =>
	({ name, procs: 2, iterations: 1000, nsPerOp: ns, bytesPerOp: bytes, allocsPerOp: allocs, metrics: {} }) as unknown as Benchmark;

function on(goVersion: string, o: { escape?: Diagnostic[]; stdout?: string; benches?: Benchmark[] }): VersionRun {
	return {
		goVersion,
		results: {
			escape: runResult({ mode: 'escape', goVersion, diagnostics: o.escape ?? [] }),
			run: runResult({ mode: 'run', goVersion, stdout: o.stdout ?? 'same\n' }),
			...(o.benches ? { bench: runResult({ mode: 'bench', goVersion, benchmarks: o.benches }) } : {}),
		},
	};
}

test('one release: nothing to compare', () => {
	expect(versionsSectionHtml([on('go1.27.3', {})])).toBe('');
});

test('only the lines, outputs and allocations that differ are listed, each difference marked; times are never marked', () => {
	const html = versionsSectionHtml([
		on('go1.27.3', {
			escape: [diag(7, 'make([]byte, n) does not escape', 'does-not-escape' as Diagnostic['kind']), diag(9, 'moved to heap: x', 'moved-to-heap')],
			stdout: '0 1 2\n',
			benches: [bench('BenchmarkGrow', 5, 520, 100), bench('BenchmarkSame', 1, 8, 10)],
		}),
		on('go1.23.12', {
			escape: [diag(7, 'make([]byte, n) escapes to heap'), diag(9, 'moved to heap: x', 'moved-to-heap')],
			stdout: '3 3 3\n',
			benches: [bench('BenchmarkGrow', 3, 480, 120), bench('BenchmarkSame', 1, 8, 11)],
		}),
	]);
	expect(html).toContain('Recorded when the site was built, on go1.27.3, go1.23.12.');
	// Line 7 differs (listed), line 9 does not (not listed).
	expect(html).toContain('<code>main.go:7</code>');
	expect(html).not.toContain('<code>main.go:9</code>');
	expect(html).toMatch(/<td class="pg-vdiff"><mark>make\(\[\]byte, n\) escapes to heap<\/mark>/);
	expect(html).toMatch(/<td class="pg-vdiff"><pre class="pg-out">3 3 3/);
	expect(html).toMatch(/Grow<\/code> allocs\/op<\/th><td>5<\/td><td class="pg-vdiff"><mark>3<\/mark>/);
	expect(html).toMatch(/Same<\/code> allocs\/op<\/th><td>1<\/td><td>1<\/td>/);
	expect(html).toMatch(/Grow<\/code> time\/op<\/th><td>100 ns<\/td><td>120 ns<\/td>/);
});

test('what is the same everywhere is said in one sentence; the benchmark table stays, folded', () => {
	const same = { escape: [diag(3, 'x escapes to heap')], stdout: 'hi\n', benches: [bench('BenchmarkA', 2, 16, 50)] };
	const html = versionsSectionHtml([on('go1.27.3', same), on('go1.26.11', same)]);
	expect(html).toContain('On every one: the same outcome (run: ok, bench: ok), the same escape analysis, the same output and the same allocations.');
	expect(html).not.toContain('<mark>');
	expect(html).toContain('<details class="pg-more"><summary>Benchmarks on each release</summary>');
});

test('a release where the snippet does not compile shows as its outcome', () => {
	const broken = on('go1.21.13', {});
	broken.results = {
		escape: runResult({ mode: 'escape', ok: false, goVersion: 'go1.21.13', error: { code: 'compile_error', message: 'range over int requires go1.22' } }),
	};
	const html = versionsSectionHtml([on('go1.27.3', {}), broken], { live: true });
	expect(html).toContain('Ran live on go1.27.3, go1.21.13.');
	expect(html).toMatch(/Outcome<\/th><td>run: ok<\/td><td class="pg-vdiff"><mark>Compile error<\/mark>/);
});
