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

/** A line a failing test reported on: `t.Errorf` and friends print `    main_test.go:12: got 1, want 2`. */
export interface TestFailureLine {
	/** The test (or subtest) that printed it. */
	test: string;
	file: string;
	line: number;
	message: string;
}

/**
 * The lines where failing tests reported, from `go test -v` output. A test prints
 * `file.go:N: message` for t.Error, t.Fatal and t.Log alike, so which were failures is read from
 * the line of source: a call of Error, Errorf, Fatal or Fatalf there. A failing test none of whose
 * lines makes such a call (it failed through a helper marked t.Helper, whose caller's line is
 * printed) keeps its last message. The test printing is the one the latest `=== RUN`, `=== CONT`
 * or `=== NAME` line named (Go 1.20+ names it again whenever output switches tests); a message
 * continues on lines indented deeper than its first.
 */
export function testFailureLines(text: string, sources: Readonly<Record<string, string>>): TestFailureLine[] {
	const failed = new Set(parseTestOutput(text).failures);
	const printed: TestFailureLine[] = [];
	let test = '';
	let last: { entry: TestFailureLine; indent: number } | null = null;
	for (const raw of text.split('\n')) {
		const head = /^=== (?:RUN|CONT|NAME|PAUSE)\s+(\S+)/.exec(raw);
		if (head) {
			test = head[1]!;
			last = null;
			continue;
		}
		const m = /^(\s+)([^\s:/]+\.go):(\d+): ?(.*)$/.exec(raw);
		if (m && m[2]! in sources) {
			const entry = { test, file: m[2]!, line: Number(m[3]), message: m[4]! };
			printed.push(entry);
			last = { entry, indent: m[1]!.length };
			continue;
		}
		const more = /^(\s+)(.*)$/.exec(raw);
		if (last && more && more[1]!.length > last.indent && !/^\s*--- /.test(raw)) last.entry.message += `\n${more[2]}`;
		else last = null;
	}
	const failing = (e: TestFailureLine) => /\.(?:Errorf?|Fatalf?)\(/.test(sources[e.file]?.split('\n')[e.line - 1] ?? '');
	return [...failed].flatMap((name) => {
		const own = printed.filter((e) => e.test === name);
		const calls = own.filter(failing);
		return calls.length > 0 ? calls : own.slice(-1);
	});
}
