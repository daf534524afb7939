import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseTestOutput, testFailureLines } from '../../playground-server/src/runner/parse/tests.ts';

test('test -v: tests, subtests and examples are counted by verdict, failures named', () => {
	const out = parseTestOutput(readFileSync(new URL('fixtures/test-v.txt', import.meta.url), 'utf8'));
	// TestSum, TestSub/ok, Example_sum pass; TestSub and TestSub/fails fail; TestSub/skips skips.
	expect(out).toEqual({ passed: 3, failed: 2, skipped: 1, failures: ['TestSub', 'TestSub/fails'] });
});

test('output a test prints that merely resembles a verdict, not at a line start, is not counted', () => {
	expect(parseTestOutput('    main_test.go:3: saw "--- PASS: X" in the log\nPASS\n')).toEqual({ passed: 0, failed: 0, skipped: 0, failures: [] });
});

test("a failing test's t.Errorf and t.Fatal lines, with their tests and whole messages; logs and passing tests are not failures", () => {
	// Real `go test -v` output of test-v-failures_test.go.txt (Go 1.27.3).
	const source = readFileSync(new URL('fixtures/test-v-failures_test.go.txt', import.meta.url), 'utf8');
	const out = readFileSync(new URL('fixtures/test-v-failures.txt', import.meta.url), 'utf8');
	expect(testFailureLines(out, { 'x_test.go': source })).toEqual([
		{ test: 'TestA', file: 'x_test.go', line: 8, message: 'got 2,\nwant 3' },
		// TestC fails because TestC/sub did; its own lines are its subtests'.
		{ test: 'TestC/sub', file: 'x_test.go', line: 16, message: 'sub failed' },
	]);
});

test('a test that failed through a helper keeps its last message; files that are not the snippet are ignored', () => {
	const source =
		'package x\n\nimport "testing"\n\nfunc check(t *testing.T, ok bool) {\n\tt.Helper()\n\tif !ok {\n\t\tt.Error("not ok")\n\t}\n}\n\nfunc TestH(t *testing.T) {\n\tt.Log("start")\n\tcheck(t, false)\n}\n';
	const out = '=== RUN   TestH\n    h_test.go:13: start\n    h_test.go:14: not ok\n    other.go:3: not ours\n--- FAIL: TestH (0.00s)\nFAIL\n';
	expect(testFailureLines(out, { 'h_test.go': source })).toEqual([{ test: 'TestH', file: 'h_test.go', line: 14, message: 'not ok' }]);
});
