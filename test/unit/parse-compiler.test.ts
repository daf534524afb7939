import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { classifyMessage, parseCompilerOutput } from '../../playground-server/src/runner/parse/compiler.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const files = new Set(['main.go', 'main_test.go']);

describe('escape analysis, -m', () => {
	const { diagnostics, other } = parseCompilerOutput(fixture('escape-m1.txt'), files);

	test('every diagnostic line becomes one diagnostic, and the package banner none', () => {
		const lines = fixture('escape-m1.txt')
			.split('\n')
			.filter((l) => l.startsWith('play/'));
		expect(diagnostics).toHaveLength(lines.length);
		expect(other).toEqual([]);
	});

	test("positions and kinds are the compiler's", () => {
		const at = (line: number, col: number) => diagnostics.filter((d) => d.line === line && d.col === col).map((d) => [d.kind, d.message]);
		expect(at(8, 2)).toEqual([['moved-to-heap', 'moved to heap: p']]);
		expect(at(12, 10)).toEqual([['does-not-escape', 'xs does not escape']]);
		expect(at(20, 11)).toEqual([['leaking-param', 'leaking param: s to result ~r0 level=0']]);
		expect(at(26, 13)).toEqual([['escapes', 'make([]byte, 10) escapes to heap']]);
		expect(at(7, 6)).toEqual([['can-inline', 'can inline newPoint']]);
		expect(at(25, 15)).toEqual([['inlining-call', 'inlining call to newPoint']]);
		expect(diagnostics.every((d) => d.file === 'main.go')).toBe(true);
	});

	test('without -m=2 there is no flow', () => {
		expect(diagnostics.some((d) => d.flow)).toBe(false);
	});
});

describe('escape analysis, -m=2', () => {
	const { diagnostics } = parseCompilerOutput(fixture('escape-m2.txt'), files);

	test('the explanation block is attached to the diagnostic at its position, in order', () => {
		const p = diagnostics.find((d) => d.message === 'moved to heap: p');
		expect(p?.flow).toEqual([
			'p escapes to heap in newPoint',
			'flow: ~r0 ← &p:',
			'from &p (address-of) at main.go:9:9',
			'from return &p (return) at main.go:9:2',
		]);
	});

	test('a leaking parameter keeps its flow', () => {
		const s = diagnostics.find((d) => d.kind === 'leaking-param');
		expect(s?.line).toBe(20);
		expect(s?.flow?.[0]).toBe('parameter s leaks to ~r0 for keep with derefs=0');
		expect(s?.flow).toContain('from return s (return) at main.go:20:32');
	});

	test('flow lines never become diagnostics of their own', () => {
		expect(diagnostics.some((d) => /^(?:flow|from) /.test(d.message))).toBe(false);
	});

	test('the "cannot inline" explanations of -m=2 are kept as other', () => {
		const c = diagnostics.find((d) => d.message.startsWith('cannot inline main'));
		expect(c?.kind).toBe('other');
	});
});

describe('compile errors', () => {
	const { diagnostics } = parseCompilerOutput(fixture('compile-error.txt'), files);

	test('each error is a diagnostic of kind error with its file, line and column', () => {
		expect(diagnostics.map((d) => [d.line, d.col, d.kind])).toEqual([
			[6, 2, 'error'],
			[7, 14, 'error'],
			[8, 6, 'error'],
			[8, 17, 'error'],
		]);
		expect(diagnostics[1]?.message).toBe('undefined: y');
	});

	test('diagnostics about files outside the snippet are dropped', () => {
		const out = parseCompilerOutput('/usr/local/go/src/fmt/print.go:10:2: moved to heap: x\n./main.go:1:1: boom\n', new Set(['main.go']));
		expect(out.diagnostics.map((d) => d.file)).toEqual(['main.go']);
	});

	test('lines of the go command itself are kept as other', () => {
		const out = parseCompilerOutput('go: finding module for package github.com/x/y\nmain.go:3:8: no required module provides package github.com/x/y\n', files);
		expect(out.other).toEqual(['go: finding module for package github.com/x/y']);
		expect(out.diagnostics[0]?.kind).toBe('error');
	});
});

test('classifyMessage tells analysis from errors', () => {
	expect(classifyMessage('leaking param content: xs')).toBe('leaking-param-content');
	expect(classifyMessage('leaking closure reference: x')).toBe('leaking-param');
	expect(classifyMessage('devirtualizing w.Write to *bytes.Buffer')).toBe('devirtualized');
	expect(classifyMessage('undefined: x')).toBeNull();
});
