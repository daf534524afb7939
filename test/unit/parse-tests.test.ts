import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseTestOutput } from '../../playground-server/src/runner/parse/tests.ts';

test('test -v: tests, subtests and examples are counted by verdict, failures named', () => {
	const out = parseTestOutput(readFileSync(new URL('fixtures/test-v.txt', import.meta.url), 'utf8'));
	// TestSum, TestSub/ok, Example_sum pass; TestSub and TestSub/fails fail; TestSub/skips skips.
	expect(out).toEqual({ passed: 3, failed: 2, skipped: 1, failures: ['TestSub', 'TestSub/fails'] });
});

test('output a test prints that merely resembles a verdict, not at a line start, is not counted', () => {
	expect(parseTestOutput('    main_test.go:3: saw "--- PASS: X" in the log\nPASS\n')).toEqual({ passed: 0, failed: 0, skipped: 0, failures: [] });
});
