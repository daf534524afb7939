/** What of escape analysis goes on the reader's code and in the list under it. */
import { expect, test } from 'vitest';
import type { Diagnostic } from '@playbook/engine/contract';
import { isFromInlinedLibrary, lineTone, markTone, resultSectionHtml, shownOnCode } from '../../src/results-view/index.ts';
import { runResult } from '../fixtures/run-result.ts';

const source = [
	'package main', // 1
	'',
	'import (', // 3
	'\t"fmt"',
	'\t"strings"',
	')',
	'',
	'func join(b *strings.Builder, k string) {', // 8
	'\tb.WriteString(k)', // 9
	'}',
	'',
	'func main() {', // 12
	'\tx, y, z := 1, "a", 2.5',
	'\tfmt.Println(x, y, z)', // 14
	'\tpanic("boom")', // 15
	'}',
].join('\n');
const files = { 'main.go': source };
const d = (line: number, col: number, kind: Diagnostic['kind'], message: string): Diagnostic => ({ file: 'main.go', line, col, kind, message });

const diagnostics = [
	d(14, 13, 'escapes', 'x escapes to heap'),
	d(9, 15, 'escapes', '"strings: illegal use of non-zero Builder copied by value" escapes to heap'),
	d(14, 16, 'escapes', 'y escapes to heap'),
	d(8, 11, 'leaking-param', 'leaking param: b'),
	d(14, 19, 'escapes', 'z escapes to heap'),
	d(15, 8, 'escapes', '"boom" escapes to heap'),
];

test("a string constant the line does not contain comes from inlined library code; one it contains is the snippet's", () => {
	expect(isFromInlinedLibrary(diagnostics[1]!, files)).toBe(true);
	expect(isFromInlinedLibrary(diagnostics[5]!, files)).toBe(false);
	expect(isFromInlinedLibrary(diagnostics[0]!, files)).toBe(false);
	const shown = shownOnCode(files);
	expect(diagnostics.filter(shown).map((x) => x.line)).toEqual([14, 14, 8, 14, 15]);
	// An author's claim on the line shows it anyway.
	expect(shownOnCode(files, new Set(['main.go:9']))(diagnostics[1]!)).toBe(true);
});

test('leaks have a tone of their own, below allocations and errors', () => {
	expect(markTone('leaking-param')).toBe('leak');
	expect(markTone('moved-to-heap')).toBe('alloc');
	expect(lineTone(['leaking-param'])).toBe('leak');
	expect(lineTone(['leaking-param', 'escapes'])).toBe('alloc');
	expect(lineTone(['escapes', 'error'])).toBe('error');
});

test('the list under the code: by line, three escapes of one line folded, library code apart', () => {
	const html = resultSectionHtml(runResult({ mode: 'escape', diagnostics }), { shown: shownOnCode(files) });
	const main = html.slice(html.indexOf('pg-diag-main'), html.indexOf('</ul>'));
	const lines = [...main.matchAll(/data-line="(\d+)"/g)].map((m) => Number(m[1]));
	expect(lines).toEqual([8, 14, 15]);
	expect(main).toContain('3 values escape to heap: x, y, z');
	expect(html).toContain('The compiler reports 4 heap allocations');
	expect(html).toContain('<summary>1 more from code inlined from the standard library</summary>');
	expect(html).toMatch(/<li data-kind="leaking-param">.*<span class="pg-kind">leaks<\/span>/);
});

test('a place an error message names links to its line, with or without a diagnostic there', () => {
	const html = resultSectionHtml(
		runResult({
			mode: 'run',
			ok: false,
			error: { code: 'memory_limit', message: 'The program used more than 256 MiB of memory and was stopped at main.go:6. Allocate less.' },
		}),
	);
	expect(html).toContain('stopped at <span class="pg-loc" data-file="main.go" data-line="6" data-col="1">main.go:6</span>. Allocate less.');
});
