/**
 * HTML of an assembly result: what the compiler emitted for each of the package's functions,
 * every instruction at the snippet line it came from, and the ones that matter to memory (calls
 * that allocate or clear, write barriers, panic checks) marked and listed first. Browser-safe.
 */
import type { AsmFunction, AsmInstruction, AsmMark, RunResult } from '@playbook/engine/contract';
import { escapeHtml } from './format.ts';

export const asmMarkLabels: Record<AsmMark, string> = {
	alloc: 'allocates',
	clear: 'clears',
	'write-barrier': 'write barrier',
	panic: 'panic check',
};

const loc = (i: AsmInstruction, isSnippet: boolean) =>
	isSnippet
		? `<span class="pg-loc" data-file="${escapeHtml(i.file)}" data-line="${i.line}" data-col="0">${escapeHtml(i.file)}:${i.line}</span>`
		: `<span class="pg-asm-from">${i.file ? `${escapeHtml(i.file)}:${i.line}` : '—'}</span>`;

/** One function: its instructions, the source position written once for each run of one line. */
function functionTable(f: AsmFunction, snippetFiles: ReadonlySet<string>, open: boolean): string {
	let previous = '';
	const rows = f.instructions
		.map((i) => {
			const at = `${i.file}:${i.line}`;
			const isSnippet = snippetFiles.has(i.file);
			const where = at === previous ? '' : loc(i, isSnippet);
			previous = at;
			const mark = i.mark ? ` <span class="pg-asm-mark">${escapeHtml(asmMarkLabels[i.mark])}</span>` : '';
			return `<tr${i.mark ? ` data-mark="${i.mark}"` : ''}${isSnippet ? ` data-file="${escapeHtml(i.file)}" data-line="${i.line}"` : ''}><td class="pg-asm-where">${where}</td><td class="pg-asm-op">${escapeHtml(i.op)}</td><td class="pg-asm-args">${escapeHtml(i.args)}${mark}</td></tr>`;
		})
		.join('');
	return `<details class="pg-asm-fn"${open ? ' open' : ''}><summary><code>${escapeHtml(f.name)}</code> <span class="pg-note">${f.instructions.length} instructions</span></summary><div class="pg-table-wrap"><table class="pg-asm"><tbody>${rows}</tbody></table></div></details>`;
}

export function assemblyBody(r: RunResult): string {
	const files = new Set(r.assembly.flatMap((f) => f.instructions.map((i) => i.file)).filter((f) => /\.go$/.test(f) && !f.includes('/')));
	const marked = r.assembly.flatMap((f) => f.instructions.filter((i) => i.mark).map((i) => ({ f, i })));
	const count = (m: AsmMark) => marked.filter(({ i }) => i.mark === m).length;
	const parts = (['alloc', 'clear', 'write-barrier', 'panic'] as const)
		.map((m) => [m, count(m)] as const)
		.filter(([, n]) => n > 0)
		.map(
			([m, n]) =>
				`${n} ${m === 'alloc' ? `call${n === 1 ? '' : 's'} into the allocator` : m === 'clear' ? `call${n === 1 ? '' : 's'} that clear${n === 1 ? 's' : ''} memory` : m === 'write-barrier' ? `write-barrier instruction${n === 1 ? '' : 's'}` : `panic call${n === 1 ? '' : 's'} (bounds or nil checks)`}`,
		);
	const summary = r.assembly.length
		? `<p>${r.assembly.length} function${r.assembly.length === 1 ? '' : 's'} of this package, compiled for ${escapeHtml(r.goVersion)} (<code>-gcflags=-S</code>): ${parts.length ? `${parts.join(', ')}.` : 'no call into the allocator, no clearing, no write barrier, no panic check.'}</p>`
		: '<p>The compiler emitted no code for this package’s own functions (everything was inlined away or is constant).</p>';
	const list = marked.length
		? `<ul class="pg-diag-list pg-diag-main" aria-label="Instructions that matter to memory">${marked
				.map(
					({ f, i }) =>
						`<li data-mark="${i.mark}">${loc(i, files.has(i.file))} <span class="pg-kind">${escapeHtml(asmMarkLabels[i.mark!])}</span> <code>${escapeHtml(`${i.op} ${i.args}`)}</code> <span class="pg-note">in ${escapeHtml(f.name)}</span></li>`,
				)
				.join('')}</ul>`
		: '';
	// A short listing is read whole; a long one is opened function by function, the list above
	// leading to what matters.
	const open = r.assembly.reduce((n, f) => n + f.instructions.length, 0) <= 80;
	return summary + list + r.assembly.map((f) => functionTable(f, files, open)).join('');
}
