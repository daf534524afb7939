/** Parses `-test.v` output of a test binary: which tests, examples and benchmarks passed or failed. */

export interface TestCounts {
	passed: number;
	failed: number;
	skipped: number;
	/** Names of failed tests, in order. */
	failures: string[];
}

export function parseTestOutput(text: string): TestCounts {
	const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, failures: [] };
	for (const line of text.split('\n')) {
		// Subtests are indented; count them like top-level tests: each is one verdict a reader sees.
		const m = /^\s*--- (PASS|FAIL|SKIP): (\S+)/.exec(line);
		if (!m) continue;
		if (m[1] === 'PASS') counts.passed++;
		else if (m[1] === 'SKIP') counts.skipped++;
		else {
			counts.failed++;
			counts.failures.push(m[2] ?? '');
		}
	}
	return counts;
}
