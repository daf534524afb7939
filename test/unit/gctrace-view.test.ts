/** The GC trace view: gctrace lines read into cycles (real lines from Go 1.27.3 and 1.21.13), and the table and chart under a program's stderr. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseGcTrace } from '../../src/results-view/gctrace-parse.ts';
import { gcTraceHtml } from '../../src/results-view/gctrace.ts';
import { resultSectionHtml } from '../../src/results-view/sections.ts';
import { runResult } from '../fixtures/run-result.ts';

const trace = readFileSync(new URL('fixtures/gctrace.txt', import.meta.url), 'utf8');

test('every gctrace line, Go 1.21 to 1.27, forced cycles and the leak check included; other lines skipped', () => {
	const cycles = parseGcTrace(trace);
	expect(cycles.map((c) => `${c.n}${c.forced ? 'f' : ''}`)).toEqual(['1', '2', '19f', '1f', '1']);
	expect(cycles[0]).toEqual({
		n: 1,
		atSeconds: 0,
		cpuPercent: 33,
		clockMs: { sweepTermination: 0.63, mark: 0.24, markTermination: 0.008 },
		cpuMs: { sweepTermination: 1.2, assist: 0.088, background: 0.13, idle: 0, markTermination: 0.016 },
		heapMiB: { start: 3, end: 4, live: 0, goal: 4 },
		stacksMiB: 0,
		globalsMiB: 0,
		procs: 2,
		forced: false,
	});
	expect(cycles[2]).toMatchObject({ atSeconds: 0.052, heapMiB: { start: 3, end: 3, live: 0, goal: 7 } });
	expect(parseGcTrace('done\nscan: total 23+17+15=55 objs, 5+4=9 spans\n')).toEqual([]);
});

test('the view: a summary, the heap and pause charts, one row per cycle; nothing without gctrace lines', () => {
	expect(gcTraceHtml('hello\n')).toBe('');
	const html = gcTraceHtml(trace);
	expect(html).toContain('data-gc-cycles="5"');
	expect(html).toContain('5 collections (2 forced by runtime.GC()); the heap peaked at 3 MiB when a cycle started');
	expect(html).toMatch(/Stop-the-world pauses: [\d.]+ ms in all, the longest 0\.962 ms/);
	expect(html.match(/<rect class="pg-gc-start"/g)).toHaveLength(5);
	expect(html.match(/<tbody><tr>/g)).toHaveLength(1);
	expect(html).toContain('<td class="pg-num">3 → 4 → 0</td><td class="pg-num">4</td><td class="pg-num">0.63 + 0.008</td>');
});

test('long traces show the first cycles and fold the others away', () => {
	const line = (n: number) =>
		`gc ${n} @0.${String(n).padStart(3, '0')}s 5%: 0.05+0.8+0.003 ms clock, 0.1+0.4/0.2/0+0.006 ms cpu, 3->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P`;
	const html = gcTraceHtml(Array.from({ length: 30 }, (_, i) => line(i + 1)).join('\n'));
	expect(html).toContain('<summary>The other 18 cycles</summary>');
	expect(html.match(/<tr><th scope="row"/g)).toHaveLength(30);
});

test('a run whose stderr has a trace shows the view under the raw text', () => {
	const html = resultSectionHtml(runResult({ mode: 'run', stdout: 'done\n', stderr: trace }));
	expect(html.indexOf('pg-stderr')).toBeLessThan(html.indexOf('pg-gctrace'));
	expect(html).toContain('<h5>GC trace</h5>');
});
