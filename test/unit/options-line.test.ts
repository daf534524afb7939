/** Settings written in the code: Copy writes a `//playbook:options` line, the playground reads it back. */
import { expect, test } from 'vitest';
import { formatSnippetOptions, parseSnippetOptions, type RunOptions } from '../../playground-server/src/contract/index.ts';
import { findOptionsLine, withOptionsLine } from '../../src/playground/options-line.ts';
import { buildSettings, buildSettingsSummary, godebugChoices } from '../../src/playground/toolbar.ts';

const program = 'package main\n\nfunc main() {}\n';

test('every option the toolbar can set reads back to the same options', () => {
	const cases: RunOptions[] = [
		{ race: true, godebug: ['gctrace=1', 'madvdontneed=0'], inlining: false, bench: '^BenchmarkMap/small$' },
		{ escapeDetail: 2, go: '1.24.13' },
		{ count: 5, benchtime: '1s', bench: 'Get|Put' },
	];
	for (const options of cases) expect(parseSnippetOptions(formatSnippetOptions(options))).toEqual(options);
	expect(formatSnippetOptions({ race: true, godebug: ['gctrace=1'] })).toBe('godebug=gctrace=1 race');
	// White space would split the token: Go's regexp syntax names it by code point instead.
	expect(formatSnippetOptions({ bench: 'Get Put' })).toBe('bench=Get\\x{20}Put');
	expect(parseSnippetOptions(formatSnippetOptions({ bench: 'a\u00a0b c' }))).toEqual({ bench: 'a\\x{a0}b\\x{20}c' });
});

test('Copy puts the settings above the code, once, replacing a line the code had', () => {
	const once = withOptionsLine(program, { godebug: ['gctrace=1'] });
	expect(once).toBe(`//playbook:options godebug=gctrace=1\n\n${program}`);
	expect(withOptionsLine(once, { race: true })).toBe(`//playbook:options race\n\n${program}`);
	expect(withOptionsLine(once, {})).toBe(program);
	expect(withOptionsLine(program, {})).toBe(program);
});

test('the playground finds a whole-line //playbook:options, not a trailing one or a look-alike', () => {
	expect(findOptionsLine({ 'main.go': `package main\n\n//playbook:options race  \nfunc main() {}\n` })).toEqual({ file: 'main.go', line: 3, text: 'race' });
	expect(findOptionsLine({ 'main.go': 'package main\n\nfunc main() {} //playbook:options race\n' })).toBeNull();
	expect(findOptionsLine({ 'main.go': '//playbook:optionsrace\npackage main\n' })).toBeNull();
	expect(findOptionsLine({ 'go.mod': '//playbook:options race\n', 'x.go': 'package main\n' })).toBeNull();
	expect(findOptionsLine({ 'main.go': '//playbook:options\npackage main\n' })).toEqual({ file: 'main.go', line: 1, text: '' });
});

test('the toolbar shows the settings a snippet runs with as the go command is given them', () => {
	expect(buildSettings({ godebug: ['scavtrace=1', 'gctrace=1'], escapeDetail: 2, count: 3 })).toEqual({ godebug: ['gctrace=1', 'scavtrace=1'] });
	expect(buildSettingsSummary(buildSettings({ race: false, inlining: true }))).toEqual([]);
	expect(buildSettingsSummary({ godebug: ['gctrace=1'], race: true, inlining: false, bench: 'X' })).toEqual([
		'GODEBUG=gctrace=1',
		'-race',
		'-gcflags=-l',
		'-run/-bench=X',
	]);
	// One select per GODEBUG key, every allowed value on it.
	expect(godebugChoices.find((c) => c.key === 'gctrace')?.values).toEqual(['1', '2']);
	expect(godebugChoices.flatMap((c) => c.values.map((v) => `${c.key}=${v}`))).toHaveLength(11);
});
