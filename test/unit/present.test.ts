import { describe, expect, test } from 'vitest';
import type { Diagnostic, RunResult } from '@playbook/engine/contract';
import { codeDiagnostics, placeDiagnostics, resultSectionHtml } from '../../src/results-view/index.ts';
import { runResult } from '../fixtures/run-result.ts';

const result = (r: Partial<RunResult>): RunResult => runResult({ durationMs: 10, ...r });

const runtime = (line: number, col: number): Diagnostic => ({ file: 'main.go', line, col, kind: 'runtime-error', message: 'panic: boom' });

describe('a runtime failure on the code', () => {
	test('marks the whole statement, without its trailing comment', () => {
		const source = 'package main\n\nfunc main() {\n\tm["a"] = 1 // boom\n}\n';
		const [p] = placeDiagnostics(source, 'main.go', [runtime(4, 2)]);
		// Tabs are shown as 4 spaces; the statement is the 10 characters after them.
		expect(p).toMatchObject({ line: 4, column: 4, length: 'm["a"] = 1'.length, kind: 'runtime-error' });
	});
	test('a "//" inside a string is code, not a comment', () => {
		const source = 'package main\n\nfunc main() {\n\tget("http://x") // boom\n}\n';
		const [p] = placeDiagnostics(source, 'main.go', [runtime(4, 2)]);
		expect(p?.length).toBe('get("http://x")'.length);
	});
	test("goes on the code with the compiler's diagnostics, from the run or the tests", () => {
		const escape = result({ mode: 'escape', diagnostics: [{ file: 'main.go', line: 3, col: 2, kind: 'escapes', message: 'x escapes to heap' }] });
		const run = result({ ok: false, diagnostics: [runtime(4, 2)], error: { code: 'panic', message: 'The program panicked: boom at main.go:4.' } });
		expect(codeDiagnostics({ escape, run }).map((d) => d.kind)).toEqual(['escapes', 'runtime-error']);
	});
	test('the message\'s "at main.go:4" links to the line', () => {
		const run = result({
			ok: false,
			exitCode: 2,
			diagnostics: [runtime(4, 2)],
			error: { code: 'panic', message: 'The program panicked: boom at main.go:4. The stack trace below shows the calls that led there.' },
		});
		expect(resultSectionHtml(run)).toContain('boom at <span class="pg-loc" data-file="main.go" data-line="4" data-col="2">main.go:4</span>.');
	});
});

describe('a benchmark result with no rows', () => {
	test('no benchmark ran: says what a benchmark is, instead of medians of 0 runs', () => {
		const html = resultSectionHtml(result({ mode: 'bench', stdout: 'PASS\n' }));
		expect(html).toContain('No benchmark ran.');
		expect(html).not.toContain('Medians of 0 runs');
	});
	test('a failed run shows what go test printed', () => {
		const html = resultSectionHtml(
			result({
				mode: 'bench',
				ok: false,
				exitCode: 2,
				stderr: 'panic: boom\n\ngoroutine 7 [running]:\n',
				error: { code: 'panic', message: 'The program panicked: boom.' },
			}),
		);
		expect(html).toContain('data-error="panic"');
		expect(html).toContain('<details open><summary><code>go test -bench</code> output</summary><pre class="pg-out">panic: boom');
		expect(html).not.toContain('No benchmark ran');
	});
});
