import { describe, expect, test } from 'vitest';
import { parseSnippetOptions as parseOptions } from '@playbook/engine/contract';
import { hasClaims, parseSnippet } from '../../src/snippets/expectations.ts';
import { lineComments } from '../../src/snippets/go-comments.ts';

describe('lineComments', () => {
	test('skips // inside strings, raw strings, runes and block comments', () => {
		const src = [
			'x := "http://a" // real',
			's := `raw // not',
			'still raw // not` // real2',
			"r := '/' // real3",
			'/* block // not */ y := 1 // real4',
			'// whole line',
		].join('\n');
		expect(lineComments(src).map((c) => [c.line, c.text.trim(), c.trailing])).toEqual([
			[0, 'real', true],
			[2, 'real2', true],
			[3, 'real3', true],
			[4, 'real4', true],
			[5, 'whole line', false],
		]);
	});
});

describe('parseSnippet', () => {
	const source = [
		'//playbook:options benchtime=100ms count=3 godebug=gctrace=1',
		'',
		'package main',
		'',
		'func f() *int {',
		'\tn := 0 // want "moved to heap: n" !"escapes"',
		'\treturn &n',
		'}',
		'',
		'// want BenchmarkA allocs/op == 0',
		'// want BenchmarkA ns/op < 0.5 * BenchmarkB',
		'// want stdout `^1$`',
		'// want exit 0',
		'func main() {',
		'\tprintln(*f())',
		'\t// Output:',
		'\t// 1',
		'}',
	].join('\n');
	const spec = parseSnippet('t/x', { 'main.go': source });

	test('reads options, line claims with negations, and file claims', () => {
		expect(spec.problems).toEqual([]);
		expect(spec.options).toEqual({ benchtime: '100ms', count: 3, godebug: ['gctrace=1'] });
		expect(spec.lineClaims).toHaveLength(1);
		expect(spec.lineClaims[0]?.patterns.map((p) => [p.source, p.negate])).toEqual([
			['moved to heap: n', false],
			['escapes', true],
		]);
		expect(spec.benchClaims.map((c) => [c.benchmark, c.metric, c.op, c.value, c.relativeTo])).toEqual([
			['BenchmarkA', 'allocs/op', '==', 0, undefined],
			['BenchmarkA', 'ns/op', '<', 0.5, 'BenchmarkB'],
		]);
		expect(spec.outputClaims[0]?.pattern.source).toBe('^1$');
		expect(spec.exitClaim?.code).toBe(0);
		expect(spec.exactOutput?.text).toBe('1');
		expect(spec.isMain).toBe(true);
		expect(hasClaims(spec)).toBe(true);
	});

	test('the display code has no claims, and line numbers map back to the file on disk', () => {
		const display = spec.display['main.go']!;
		expect(display).not.toMatch(/want|playbook:/);
		expect(display.startsWith('package main')).toBe(true);
		const lines = display.split('\n');
		const at = lines.indexOf('\tn := 0') + 1;
		expect(at).toBeGreaterThan(0);
		expect(spec.lineClaims[0]?.displayLine).toBe(at);
		expect(spec.toOriginal['main.go']?.[at]).toBe(6);
		expect(lines.indexOf('func main() {') + 1).toBe(spec.toOriginal['main.go']!.indexOf(14));
	});

	test('reports malformed claims with their line', () => {
		const bad = parseSnippet('t/bad', {
			'main.go': ['package main', '// want BenchmarkX ns/op < 100', '// want "x"', 'func main() {} // want nope', '//playbook:options count=11'].join('\n'),
		});
		expect(bad.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
		expect(bad.problems[0]?.message).toMatch(/compare it with another benchmark/);
		expect(bad.problems[1]?.message).toMatch(/end of the line of code/);
		expect(bad.problems[2]?.message).toMatch(/quoted regexp/);
		expect(bad.problems[3]?.message).toMatch(/count is a whole number from 1 to 10/);
	});

	test('reads negated output claims and unordered output blocks', () => {
		const s = parseSnippet('t/neg', {
			'main.go': ['package main', '', '// want !stdout "recovered"', 'func main() {', '\t// Unordered output:', '\t// b', '\t// a', '}'].join('\n'),
		});
		expect(s.problems).toEqual([]);
		expect(s.outputClaims.map((c) => [c.stream, c.pattern.source, c.pattern.negate])).toEqual([['stdout', 'recovered', true]]);
		expect(s.exactOutput).toMatchObject({ text: 'b\na', unordered: true });
	});

	test('a snippet without claims has none', () => {
		expect(hasClaims(parseSnippet('t/none', { 'main.go': 'package main\n\nfunc main() {}\n' }))).toBe(false);
	});
});

describe('parseOptions', () => {
	test('accepts the documented options and rejects others', () => {
		expect(parseOptions('race escapeDetail=2 inlining=false bench=Map')).toEqual({ race: true, escapeDetail: 2, inlining: false, bench: 'Map' });
		expect(parseOptions('benchtime=5000x')).toEqual({ benchtime: '5000x' });
		expect(parseOptions('godebug=gctrace=1,madvdontneed=1')).toEqual({ godebug: ['gctrace=1', 'madvdontneed=1'] });
		expect(parseOptions('godebug=asyncpreemptoff=1')).toEqual({ problem: expect.stringMatching(/not allowed/) });
		expect(parseOptions('turbo')).toEqual({ problem: expect.stringMatching(/unknown option turbo/) });
		expect(parseOptions('benchtime=forever')).toEqual({ problem: expect.stringMatching(/benchtime/) });
	});
	test("the server's own rules: a snippet cannot ask for what a live request would be refused", () => {
		expect(parseOptions('benchtime=10s')).toEqual({ problem: expect.stringMatching(/benchtime "10s" is longer than the limit/) });
		expect(parseOptions('count=11')).toEqual({ problem: expect.stringMatching(/count is a whole number from 1 to 10/) });
		expect(parseOptions('godebug=gctrace=1,gctrace=2')).toEqual({ problem: expect.stringMatching(/sets gctrace twice/) });
		// Go's own duration units, as -benchtime reads them: the server takes them, so snippets do too.
		expect(parseOptions('benchtime=5μs')).toEqual({ benchtime: '5μs' });
		expect(parseOptions('benchtime=.5s')).toEqual({ benchtime: '.5s' });
	});
});

describe('claims for some Go versions', () => {
	const snippet = (lines: string[]) => parseSnippet('v', { 'main_test.go': ['package main', '', 'import "testing"', '', ...lines].join('\n') });

	test('a span before a claim, or between patterns; the snippet is checked on the default and both ends of every span', () => {
		const s = snippet([
			'// want go1.21-1.23 BenchmarkGrow allocs/op == 3',
			'// want go1.24+ BenchmarkGrow allocs/op == 5',
			'// want go1.22 stdout "x"',
			'func BenchmarkGrow(b *testing.B) {',
			'\ts := make([]byte, 3) // want go1.21-1.24 "escapes to heap" go1.25+ "does not escape" !"leak"',
			'\t_ = s',
			'}',
		]);
		expect(s.problems).toEqual([]);
		expect(s.benchClaims.map((c) => [c.versions?.from, c.versions?.to, c.value])).toEqual([
			['1.21.13', '1.23.12', 3],
			['1.24.13', '1.27.3', 5],
		]);
		expect(s.outputClaims[0]?.versions).toMatchObject({ from: '1.22.12', to: '1.22.12', text: 'go1.22' });
		expect(s.lineClaims[0]?.patterns.map((p) => [p.source, p.versions?.text ?? null])).toEqual([
			['escapes to heap', 'go1.21-1.24'],
			['does not escape', 'go1.25+'],
			['leak', 'go1.25+'],
		]);
		expect(s.releases).toEqual(['1.27.3', '1.25.14', '1.24.13', '1.23.12', '1.22.12', '1.21.13']);
		// The claims are gone from what the reader sees.
		expect(s.display['main_test.go']).not.toMatch(/want|go1\.2/);
	});

	test('a snippet without spans is checked on the default alone; go= in the options adds a whole span', () => {
		expect(snippet(['// want BenchmarkX allocs/op == 0', 'func BenchmarkX(b *testing.B) {}']).releases).toEqual(['1.27.3']);
		const s = snippet(['//playbook:options go=1.24-1.26 count=2', '// want BenchmarkX allocs/op == 0', 'func BenchmarkX(b *testing.B) {}']);
		expect(s.problems).toEqual([]);
		expect(s.releases).toEqual(['1.27.3', '1.26.11', '1.25.14', '1.24.13']);
		// go= is the checker's; the requests carry only the real options.
		expect(s.options).toEqual({ count: 2 });
	});

	test('a span naming a release not offered, running backwards, or malformed is an error at its line', () => {
		const s = snippet([
			'// want go1.20+ BenchmarkX allocs/op == 0',
			'// want go1.25-1.23 BenchmarkX allocs/op == 0',
			'func BenchmarkX(b *testing.B) {',
			'\tx := 1 // want go1.x "moved"',
			'}',
			'//playbook:options go=1.19-1.27',
		]);
		expect(s.problems.map((p) => [p.line, p.message])).toEqual([
			[5, expect.stringMatching(/^want: go1\.20\+: Go 1\.20 is not offered; the playground has 1\.21 to 1\.27/)],
			[6, 'want: go1.25-1.23: the span runs backwards; write the older minor first'],
			[8, expect.stringMatching(/^want: go1\.x: write a Go minor \("go1\.22"\), a minor and later \("go1\.24\+"\), or a span/)],
			[10, expect.stringMatching(/^\/\/playbook:options: go=1\.19-1\.27: Go 1\.19 is not offered/)],
		]);
	});
});
