/** The assembly section (baked and live) and the assembly rows of the side-by-side view. */
import { expect, test } from 'vitest';
import type { AsmFunction, AsmInstruction } from '@playbook/engine/contract';
import { resultSectionHtml } from '../../src/results-view/sections.ts';
import { versionsSectionHtml } from '../../src/results-view/versions.ts';
import { runResult } from '../fixtures/run-result.ts';

const ins = (line: number, op: string, args: string, mark: AsmInstruction['mark'] = null, file = 'main.go'): AsmInstruction => ({
	file,
	line,
	pc: line * 4,
	op,
	args,
	mark,
});
const fn = (name: string, instructions: AsmInstruction[]): AsmFunction => ({ name, instructions });

const listing = [
	fn('main.newPoint', [ins(8, 'MOVL', '$16, AX'), ins(8, 'CALL', 'runtime.mallocgcSmallNoScanSC2(SB)', 'alloc'), ins(8, 'RET', '')]),
	fn('main.main', [ins(15, 'CALL', 'runtime.mapclear(SB)', 'clear'), ins(20, 'CALL', 'runtime.panicBounds(SB)', 'panic'), ins(0, 'NOP', '', null, '')]),
];

test('the summary counts what matters, lists it with links to its lines, and shows every instruction at its line', () => {
	const html = resultSectionHtml(runResult({ mode: 'asm', goVersion: 'go1.27.3', assembly: listing }));
	expect(html).toContain('<h4>Assembly</h4>');
	expect(html).toContain('2 functions of this package, compiled for go1.27.3');
	expect(html).toContain('1 call into the allocator, 1 call that clears memory, 1 panic call (bounds or nil checks).');
	expect(html).toMatch(
		/<li data-mark="alloc"><span class="pg-loc" data-file="main.go" data-line="8" data-col="0">main.go:8<\/span> <span class="pg-kind">allocates<\/span> <code>CALL runtime.mallocgcSmallNoScanSC2\(SB\)<\/code> <span class="pg-note">in main.newPoint<\/span><\/li>/,
	);
	// The line is written once per run of instructions from it; every row carries it for the hover.
	const rows = html.match(/<tr[^>]*>.*?<\/tr>/g) ?? [];
	expect(rows).toHaveLength(6);
	expect(rows.filter((r) => r.includes('class="pg-loc"'))).toHaveLength(3);
	expect(rows.filter((r) => r.includes('data-line="8"'))).toHaveLength(3);
	// An instruction with no position is shown but links nowhere.
	expect(rows[5]).toContain('<span class="pg-asm-from">—</span>');
	expect(rows[5]).not.toContain('data-line');
	// Short listings are open.
	expect(html.match(/<details class="pg-asm-fn" open>/g)).toHaveLength(2);
});

test('a long listing is closed function by function; text from the compiler is escaped', () => {
	const long = fn(
		'main.(*T).Get',
		Array.from({ length: 81 }, () => ins(3, 'MOVQ', '<b>x</b>')),
	);
	const html = resultSectionHtml(runResult({ mode: 'asm', assembly: [long] }));
	expect(html).toContain('<details class="pg-asm-fn"><summary><code>main.(*T).Get</code>');
	expect(html).not.toContain('<b>');
	expect(html).toContain('no call into the allocator, no clearing, no write barrier, no panic check.');
});

test('across Go versions: the marked instructions of the lines where they differ', () => {
	const run = (goVersion: string, call: string) => ({
		goVersion,
		results: {
			asm: runResult({ mode: 'asm', goVersion, assembly: [fn('main.main', [ins(8, 'CALL', call, 'alloc'), ins(9, 'CALL', 'runtime.mapclear(SB)', 'clear')])] }),
		},
	});
	const html = versionsSectionHtml([run('go1.27.3', 'runtime.mallocgcSmallNoScanSC2(SB)'), run('go1.26.11', 'runtime.newobject(SB)')]);
	expect(html).toContain('Assembly: calls into the allocator, clears, write barriers and panic checks, on the lines where they differ');
	expect(html).toContain('<code>main.go:8</code>');
	expect(html).not.toContain('<code>main.go:9</code>');
	expect(html).toMatch(/<td class="pg-vdiff"><mark><code>CALL runtime.newobject\(SB\)<\/code><\/mark>/);
	const same = versionsSectionHtml([run('go1.27.3', 'runtime.newobject(SB)'), run('go1.26.11', 'runtime.newobject(SB)')]);
	expect(same).toContain('the same marked instructions in the assembly.');
});
