/**
 * Diagnostics on the lines of the site's own code blocks (Expressive Code), for code the reader
 * has not edited: the same markup the build's plugin (src/expressive-code/diagnostics.ts) renders —
 * a `.pb-mark` around the token, `.pb-line-*` on the line and a `.pb-diags` list under it — so live
 * marks look exactly like the baked ones. Marks are focusable and show their message in a tooltip
 * on hover and on keyboard focus.
 */
import type { PlacedDiagnostic } from '../results-view/index.ts';
import { diagnosticsSource, kindLabels, lineTone, markTone } from '../results-view/index.ts';

const lineCell = (line: Element) => line.querySelector(':scope > .code') ?? line;

/** Removes every mark, line class and message list from a code block. */
export function clearMarks(block: Element): void {
	for (const ul of block.querySelectorAll('.pb-diags')) ul.remove();
	for (const mark of block.querySelectorAll('.pb-mark')) mark.replaceWith(...mark.childNodes);
	for (const line of block.querySelectorAll('.ec-line[data-pb-line]')) {
		line.classList.remove('pb-line-alloc', 'pb-line-leak', 'pb-line-error');
		line.removeAttribute('data-pb-line');
		line.normalize();
	}
}

/** Wraps characters [from, to) of the line's text (messages excluded) in mark spans. */
function wrap(cell: Element, from: number, to: number, make: () => HTMLElement): HTMLElement | null {
	const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, {
		acceptNode: (n) => (n.parentElement?.closest('.pb-diags') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
	});
	const parts: [Text, number, number][] = [];
	let pos = 0;
	for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
		const len = n.data.length;
		const a = Math.max(from, pos);
		const b = Math.min(to, pos + len);
		if (a < b) parts.push([n, a - pos, b - pos]);
		pos += len;
		if (pos >= to) break;
	}
	let first: HTMLElement | null = null;
	for (const [node, a, b] of parts) {
		const middle = node.splitText(a);
		middle.splitText(b - a);
		const span = make();
		middle.replaceWith(span);
		span.append(middle);
		first ??= span;
	}
	return first;
}

/** Draws diagnostics (placed on the displayed, tab-expanded lines) on a code block. */
export function drawMarks(block: Element, placed: PlacedDiagnostic[]): void {
	clearMarks(block);
	const lines = block.querySelectorAll('.ec-line');
	const byLine = new Map<number, PlacedDiagnostic[]>();
	for (const d of placed) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
	for (const [n, here] of byLine) {
		const line = lines[n - 1];
		if (!line) continue;
		const cell = lineCell(line);
		for (const d of here) {
			const mark = wrap(cell, d.column, d.column + d.length, () => {
				const s = document.createElement('span');
				s.className = `pb-mark pb-${markTone(d.kind)}`;
				return s;
			});
			if (mark) {
				mark.tabIndex = 0;
				mark.dataset['tip'] = tipText(d);
			}
		}
		line.classList.add(`pb-line-${lineTone(here.map((d) => d.kind))}`);
		line.setAttribute('data-pb-line', String(n));
		const ul = document.createElement('ul');
		ul.className = 'pb-diags';
		ul.setAttribute('aria-label', `${diagnosticsSource(here)}, line ${n}`);
		for (const d of here) {
			const li = document.createElement('li');
			li.className = `pb-diag pb-${markTone(d.kind)}`;
			const kind = document.createElement('span');
			kind.className = 'pb-kind';
			kind.textContent = kindLabels[d.kind];
			const msg = document.createElement('span');
			msg.className = 'pb-msg';
			msg.textContent = d.message;
			li.append(kind, msg);
			ul.append(li);
		}
		cell.append(ul);
	}
}

/** A diagnostic's tooltip: its kind, its message, and the compiler's explanation (-m=2). */
export function tipText(d: PlacedDiagnostic): string {
	return `${kindLabels[d.kind]}: ${d.message}${d.flow?.length ? `\n${d.flow.join('\n')}` : ''}`;
}

/**
 * Baked marks from the build: focusable, with their line's messages as the tooltip. (The build
 * does not say which mark belongs to which message; a line rarely has more than one.)
 */
export function enhanceBakedMarks(block: Element, placed: PlacedDiagnostic[]): void {
	for (const line of block.querySelectorAll('.ec-line[data-pb-line]')) {
		const n = Number(line.getAttribute('data-pb-line'));
		const here = placed.filter((d) => d.line === n);
		const text = here.length ? here.map(tipText).join('\n') : [...line.querySelectorAll('.pb-diag')].map((li) => li.textContent).join('\n');
		for (const mark of line.querySelectorAll<HTMLElement>('.pb-mark')) {
			mark.tabIndex = 0;
			mark.dataset['tip'] = text;
		}
	}
}

/** One tooltip per playground, for the marks in its code blocks: hover and keyboard focus. */
export function installTooltip(host: HTMLElement): void {
	const tip = document.createElement('div');
	tip.className = 'pg-tip';
	tip.setAttribute('role', 'tooltip');
	tip.id = `${host.id || 'pg'}-tip`;
	tip.hidden = true;
	host.append(tip);
	let current: HTMLElement | null = null;
	const show = (mark: HTMLElement) => {
		current = mark;
		tip.textContent = mark.dataset['tip'] ?? '';
		tip.hidden = false;
		mark.setAttribute('aria-describedby', tip.id);
		const m = mark.getBoundingClientRect();
		const h = host.getBoundingClientRect();
		const left = Math.max(0, Math.min(m.left - h.left, h.width - tip.offsetWidth));
		tip.style.left = `${left}px`;
		// Above the token, so the messages under the line stay readable; below when there is no room.
		const above = m.top - tip.offsetHeight - 6 > 0;
		tip.style.top = `${above ? m.top - h.top - tip.offsetHeight - 6 : m.bottom - h.top + 6}px`;
	};
	const hide = () => {
		current?.removeAttribute('aria-describedby');
		current = null;
		tip.hidden = true;
	};
	const markOf = (e: Event) => (e.target instanceof Element ? e.target.closest<HTMLElement>('.pb-mark[data-tip]') : null);
	host.addEventListener('mouseover', (e) => {
		const m = markOf(e);
		if (m && m !== current) show(m);
	});
	host.addEventListener('mouseout', (e) => {
		if (markOf(e) && !(e.relatedTarget instanceof Node && current?.contains(e.relatedTarget))) hide();
	});
	host.addEventListener('focusin', (e) => {
		const m = markOf(e);
		if (m) show(m);
	});
	host.addEventListener('focusout', (e) => {
		if (markOf(e)) hide();
	});
	host.addEventListener('keydown', (e) => {
		if (e.key === 'Escape' && current) hide();
	});
}
