/**
 * The playground island: the `<go-playground>` element, which takes over each playground that
 * Playground.astro (a snippet) or PlayPage.astro (/play, `data-play`) rendered. It reads the
 * payload the build left in the element and hands it to a Playground (playground.ts) with the
 * variant for its page; the parts are in playground.ts.
 *
 * What the build baked stays on the page until a live result replaces it. A payload the island
 * cannot read (a page from another build) leaves the page as it would be without JavaScript, and
 * says why, rather than a toolbar whose buttons do nothing.
 */
import { h } from './dom.ts';
import { readPayload } from './payload.ts';
import { Playground } from './playground.ts';
import { variants } from './variants.ts';

class GoPlayground extends HTMLElement {
	#playground: Playground | null = null;
	#started = false;

	connectedCallback() {
		if (this.#started) return;
		const data = this.querySelector('script[data-baked]');
		if (!data?.textContent) return;
		this.#started = true;
		const read = readPayload('baked', data.textContent);
		if (!read.ok) return this.#cannotStart(read.problem);
		const variant = variants[this.hasAttribute('data-play') ? 'play' : 'snippet'](read.payload);
		this.#playground = new Playground(this, read.payload, variant);
	}

	/** A click on a static toolbar button that came before the island (loader.ts replays it). */
	async activate(action: string) {
		await this.#playground?.activate(action);
	}

	#cannotStart(problem: string) {
		const toolbar = this.querySelector<HTMLElement>('[data-toolbar]');
		if (toolbar) toolbar.hidden = true;
		const note = h(
			'p',
			{ class: 'pg-alert pg-alert-caution not-content', role: 'status' },
			`This playground cannot run: its data is not what this version of the site reads (${problem}). Reload the page; the results recorded when the site was built are below.`,
		);
		(toolbar ?? this.firstElementChild)?.after(note);
	}
}

if (!customElements.get('go-playground')) customElements.define('go-playground', GoPlayground);
