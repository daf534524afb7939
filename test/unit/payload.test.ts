/**
 * The playground payload: what the build renders into each playground and what a share link
 * carries, read by one function. A payload from another build or a link edited by hand must give
 * a message naming the field, never a playground that fails later.
 */
import { describe, expect, test } from 'vitest';
import type { RunResult } from '@playbook/engine/contract';
import { bakePayload, readPayload, type BakedPayload, type SharedPayload } from '../../src/playground/payload.ts';
import { templates } from '../../src/playground/templates.ts';
import { runResult } from '../fixtures/run-result.ts';

const result = (mode: RunResult['mode']): RunResult => runResult({ mode, goVersion: 'go1.26.0' });

const baked: BakedPayload = {
	v: 1,
	src: 'basics/new-counter/main.go',
	id: 'basics/new-counter',
	file: 'main.go',
	files: { 'main.go': 'package main\n\nfunc main() {}\n' },
	options: { inlining: false, benchtime: '100ms', godebug: ['gctrace=1'] },
	results: { escape: result('escape'), run: result('run') },
	hasTests: false,
	hasBenchmarks: false,
	isMain: true,
	claimedLines: ['main.go:3'],
};

const link: SharedPayload = {
	v: 1,
	id: 'basics/new-counter',
	src: 'basics/new-counter/main.go',
	action: 'escape',
	options: { escapeDetail: 2, count: 3, benchtime: '200ms' },
};

/** The problem a payload is refused with; fails the test when it is accepted. */
function problem(kind: 'baked' | 'link', data: unknown): string {
	const read = readPayload(kind, data);
	if (read.ok) throw new Error(`expected ${JSON.stringify(data)} to be refused`);
	return read.problem;
}

describe('readPayload accepts', () => {
	test('what Playground.astro renders, as JSON text or parsed', () => {
		expect(readPayload('baked', baked)).toEqual({ ok: true, payload: baked });
		expect(readPayload('baked', JSON.stringify(baked))).toEqual({ ok: true, payload: baked });
	});

	test('what PlayPage.astro renders: no results, the templates', () => {
		const play: BakedPayload = {
			v: 1,
			src: '',
			id: 'play',
			file: 'main.go',
			files: templates[0]!.files,
			options: {},
			results: {},
			hasTests: false,
			hasBenchmarks: false,
			isMain: true,
			templates,
		};
		expect(readPayload('baked', play).ok).toBe(true);
	});

	test('a share link, with and without code, and one from before links kept the settings', () => {
		expect(readPayload('link', link)).toEqual({ ok: true, payload: link });
		expect(readPayload('link', { ...link, files: { 'main.go': 'package main', 'x_test.go': 'package main' } }).ok).toBe(true);
		expect(readPayload('link', { v: 1, id: 'play', action: 'run' }).ok).toBe(true);
	});

	test('fields it does not know, which a later build may add', () => {
		expect(readPayload('link', { ...link, theme: 'dark' }).ok).toBe(true);
	});
});

describe('readPayload refuses, naming the field', () => {
	test('what is not a JSON object', () => {
		expect(problem('link', '{"v":1,')).toBe('the data is not JSON');
		expect(problem('link', '[1]')).toBe('the data is [1], not a JSON object');
		expect(problem('baked', null)).toBe('the data is null, not a JSON object');
	});

	test('a payload of another format', () => {
		expect(problem('link', { ...link, v: 2 })).toBe('v: 2 is not 1: it comes from another version of the site');
		const { v: _, ...old } = baked;
		expect(problem('baked', old)).toBe('v: missing');
	});

	test('a missing required field, per producer', () => {
		const { results: _, ...noResults } = baked;
		expect(problem('baked', noResults)).toBe('results: missing');
		const { action: __, ...noAction } = link;
		expect(problem('link', noAction)).toBe('action: missing');
	});

	test('an action that is not one', () => {
		expect(problem('link', { ...link, action: 'runn' })).toBe('action: "runn" is not an action: run, escape, asm, bench, test');
	});

	test('files that are not file name → Go source', () => {
		expect(problem('link', { ...link, files: 'package main' })).toBe('files: "package main" is not an object of file name → Go source');
		expect(problem('link', { ...link, files: {} })).toBe('files: holds 0 files; a playground has 1 to 20');
		expect(problem('link', { ...link, files: { '../etc/passwd': 'x' } })).toBe(
			'files: "../etc/passwd" is not a file the playground runs (a .go file or go.mod, no folders)',
		);
		expect(problem('link', { ...link, files: { 'main.go': 42 } })).toBe('files: "main.go" is 42, not Go source text');
	});

	test('options the server would refuse, with what the option takes', () => {
		expect(problem('link', { ...link, options: { count: 50 } })).toBe('options: count is 50; -count: runs of each benchmark or test, 1–10.');
		expect(problem('link', { ...link, options: { escapeDetail: '2' } })).toMatch(/^options: escapeDetail is "2"; 1 for -m, 2 for -m=2/);
		expect(problem('link', { ...link, options: { benchtime: '5s' } })).toMatch(/^options: benchtime "5s" is longer than the limit/);
		expect(problem('link', { ...link, options: { godebug: ['gctrace=1', 'gctrace=2'] } })).toMatch(
			/^options: godebug is \["gctrace=1","gctrace=2"\]; GODEBUG settings for the program, from an allow-list, each key once\.$/,
		);
		expect(problem('link', { ...link, options: { godebug: ['http2debug=1'] } })).toMatch(/^options: godebug is \["http2debug=1"\]; GODEBUG settings/);
		expect(problem('link', { ...link, options: { nocache: true } })).toMatch(/^options: "nocache" is not an option; options are go, benchtime, count, bench, /);
		expect(problem('baked', { ...baked, options: [] })).toBe('options: [] is not an object of options');
	});

	test('results that are not results of their action', () => {
		expect(problem('baked', { ...baked, results: { escape: result('run') } })).toBe(
			'results: "escape" holds no result of that action (run, escape, asm, bench, test)',
		);
		expect(problem('baked', { ...baked, results: { explain: result('escape') } })).toBe(
			'results: "explain" holds no result of that action (run, escape, asm, bench, test)',
		);
		expect(problem('baked', { ...baked, results: { run: { ok: true } } })).toBe(
			'results: "run" holds no result of that action (run, escape, asm, bench, test)',
		);
	});

	test('a first file that is not one of the files', () => {
		expect(problem('baked', { ...baked, file: 'other.go' })).toBe('file: "other.go" is not one of files (main.go)');
	});

	test('flags, claimed lines and templates of the wrong shape', () => {
		expect(problem('baked', { ...baked, isMain: 'yes' })).toBe('isMain: "yes" is not true or false');
		expect(problem('baked', { ...baked, claimedLines: ['main.go'] })).toBe('claimedLines: ["main.go"] is not a list of "file:line"');
		expect(problem('baked', { ...baked, templates: [{ name: 'x', label: 'X', files: { 'a b.go': '' } }] })).toBe(
			'templates: must be a list of templates, each with a name, a label and files',
		);
		expect(problem('link', { ...link, id: '' })).toBe('id: "" is not a snippet name');
	});
});

describe('bakePayload, the build side', () => {
	test('writes JSON a <script> cannot be ended by', () => {
		const text = bakePayload({ ...baked, files: { 'main.go': 'package main // </script>' } });
		expect(text).not.toContain('</script>');
		expect(readPayload('baked', text).ok).toBe(true);
	});

	test('stops the build on a payload the island would refuse, naming the playground and the field', () => {
		expect(() => bakePayload({ ...baked, file: 'nope.go' })).toThrow(
			'The playground payload for "basics/new-counter/main.go" is wrong: file: "nope.go" is not one of files (main.go)',
		);
	});
});
