/**
 * The GC trace view: under a program's raw stderr, the cycles its gctrace lines describe — the
 * heap at the start of each cycle, what was marked live and the goal, as a chart and a table, and
 * the two stop-the-world pauses of each. The page (baked results) and the playground (live ones)
 * both render it from here. Browser-safe.
 */
import { parseGcTrace, type GcCycle } from './gctrace-parse.ts';
import { escapeHtml, formatNumber } from './format.ts';

/** Rows shown before the rest of the table is folded away. */
const shownRows = 12;

const pauseMs = (c: GcCycle) => c.clockMs.sweepTermination + c.clockMs.markTermination;
const ms = (n: number) => (n >= 10 ? formatNumber(Math.round(n)) : n.toFixed(3).replace(/\.?0+$/, '') || '0');

/** Heap per cycle: a bar from 0 to the heap at the start, its live part darker, the goal a tick. */
function heapChart(cycles: GcCycle[]): string {
	const w = 600;
	const h = 110;
	const top = Math.max(1, ...cycles.map((c) => Math.max(c.heapMiB.goal, c.heapMiB.start, c.heapMiB.end)));
	const step = w / cycles.length;
	const bar = Math.max(1, step * 0.7);
	const y = (mib: number) => h - (mib / top) * h;
	const parts = cycles.map((c, i) => {
		const x = i * step + (step - bar) / 2;
		return (
			`<rect class="pg-gc-start" x="${x.toFixed(1)}" y="${y(c.heapMiB.start).toFixed(1)}" width="${bar.toFixed(1)}" height="${(h - y(c.heapMiB.start)).toFixed(1)}"/>` +
			`<rect class="pg-gc-live" x="${x.toFixed(1)}" y="${y(c.heapMiB.live).toFixed(1)}" width="${bar.toFixed(1)}" height="${(h - y(c.heapMiB.live)).toFixed(1)}"/>` +
			`<line class="pg-gc-goal" x1="${(i * step).toFixed(1)}" x2="${((i + 1) * step).toFixed(1)}" y1="${y(c.heapMiB.goal).toFixed(1)}" y2="${y(c.heapMiB.goal).toFixed(1)}"/>`
		);
	});
	return `<svg class="pg-gc-chart" viewBox="0 -4 ${w} ${h + 4}" preserveAspectRatio="none" aria-hidden="true">${parts.join('')}</svg><div class="pg-gc-axis"><span>heap, 0 to ${formatNumber(top)} MiB</span><span>cycles ${cycles[0]!.n}–${cycles.at(-1)!.n}</span></div>`;
}

function pauseChart(cycles: GcCycle[]): string {
	const w = 600;
	const h = 40;
	const top = Math.max(...cycles.map(pauseMs));
	if (top <= 0) return '';
	const step = w / cycles.length;
	const bar = Math.max(1, step * 0.7);
	const rects = cycles
		.map((c, i) => {
			const bh = (pauseMs(c) / top) * h;
			return `<rect class="pg-gc-pause" x="${(i * step + (step - bar) / 2).toFixed(1)}" y="${(h - bh).toFixed(1)}" width="${bar.toFixed(1)}" height="${bh.toFixed(1)}"/>`;
		})
		.join('');
	return `<svg class="pg-gc-chart pg-gc-pauses" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" aria-hidden="true">${rects}</svg><div class="pg-gc-axis"><span>pauses, longest ${ms(top)} ms</span></div>`;
}

function row(c: GcCycle): string {
	const td = (s: string) => `<td class="pg-num">${s}</td>`;
	return (
		`<tr><th scope="row" class="pg-num">${c.n}${c.forced ? ' <span class="pg-gc-forced" title="started by runtime.GC()">forced</span>' : ''}</th>` +
		td(`${c.atSeconds.toFixed(3)} s`) +
		td(`${c.heapMiB.start} → ${c.heapMiB.end} → ${c.heapMiB.live}`) +
		td(String(c.heapMiB.goal)) +
		td(`${ms(c.clockMs.sweepTermination)} + ${ms(c.clockMs.markTermination)}`) +
		td(ms(c.clockMs.mark)) +
		td(`${c.cpuPercent}%`) +
		'</tr>'
	);
}

/** The view for a program's stderr, or '' when it holds no gctrace line. */
export function gcTraceHtml(stderr: string): string {
	const cycles = parseGcTrace(stderr);
	if (cycles.length === 0) return '';
	const pauses = cycles.map(pauseMs);
	const forced = cycles.filter((c) => c.forced).length;
	const peak = Math.max(...cycles.map((c) => c.heapMiB.start));
	const summary =
		`${cycles.length} collection${cycles.length === 1 ? '' : 's'}${forced ? ` (${forced} forced by runtime.GC())` : ''}; ` +
		`the heap peaked at ${formatNumber(peak)} MiB when a cycle started, and the last cycle marked ${formatNumber(cycles.at(-1)!.heapMiB.live)} MiB live. ` +
		`Stop-the-world pauses: ${ms(pauses.reduce((a, b) => a + b, 0))} ms in all, the longest ${ms(Math.max(...pauses))} ms; the GC had used ${cycles.at(-1)!.cpuPercent}% of the CPU time by the last cycle.`;
	const head =
		'<thead><tr><th scope="col" class="pg-num">Cycle</th><th scope="col" class="pg-num">At</th><th scope="col" class="pg-num">Heap MiB</th>' +
		'<th scope="col" class="pg-num">Goal MiB</th><th scope="col" class="pg-num">Pauses ms</th><th scope="col" class="pg-num">Mark ms</th><th scope="col" class="pg-num">GC CPU</th></tr></thead>';
	const table = (rows: GcCycle[]) =>
		`<div class="pg-table-wrap"><table class="pg-bench pg-gc-table">${head}<tbody>${rows.map(row).join('')}</tbody></table></div>`;
	const rest =
		cycles.length > shownRows
			? `<details class="pg-more"><summary>The other ${cycles.length - shownRows} cycles</summary>${table(cycles.slice(shownRows))}</details>`
			: '';
	return (
		`<div class="pg-gctrace" data-gc-cycles="${cycles.length}"><h5>GC trace</h5><p>${escapeHtml(summary)}</p>` +
		`<figure class="pg-gc-figure" aria-hidden="true">${heapChart(cycles)}<p class="pg-gc-legend"><span class="pg-gc-key pg-gc-start"></span>heap at the start <span class="pg-gc-key pg-gc-live"></span>marked live <span class="pg-gc-key pg-gc-goal"></span>goal</p>${pauseChart(cycles)}</figure>` +
		(cycles.length > shownRows ? table(cycles.slice(0, shownRows)) + rest : table(cycles)) +
		'<p class="pg-note">Read from the <code>gctrace</code> lines above. Heap: at the start of the cycle → when marking ended → marked live (the runtime prints "MB" for MiB). Pauses are the two stop-the-world phases, sweep termination + mark termination; marking runs concurrently with the program.</p></div>'
	);
}
