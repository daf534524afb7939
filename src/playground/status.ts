/**
 * The status line above a playground's results: what is running, what went wrong, what a tool did.
 * A message never replaces the results, so a failed run keeps what the page showed.
 */
import { h } from './dom.ts';

export type Tone = 'note' | 'caution' | 'danger';

export class StatusLine {
	readonly el = h('div', { class: 'pg-status not-content', role: 'status' });

	/** A message, with a button when there is something to do about it (Try again). */
	say(tone: Tone, message: string, code?: string, action?: { label: string; run: () => void }): void {
		const p = h('div', { class: tone === 'note' ? 'pg-note' : `pg-alert pg-alert-${tone}`, 'data-failure': code }, h('span', {}, message));
		if (action) p.append(' ', h('button', { type: 'button', class: 'pg-btn', onclick: action.run }, action.label));
		this.show(p);
	}

	show(...nodes: Node[]): void {
		this.el.replaceChildren(...nodes);
	}

	clear(): void {
		this.el.replaceChildren();
	}
}
