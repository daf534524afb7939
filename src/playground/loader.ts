/**
 * What a docs page runs before the reader touches a playground: it shows the static toolbar the
 * build rendered and loads the playground island (island.ts, ~14 KiB gzip) only when the reader
 * comes near a playground — hovering it, focusing into it, touching it — so a page costs no more
 * script than Starlight's own until then. A click on a static button is replayed once the island
 * is there. A shared link (#play=…) loads it at once, since it must restore code on arrival.
 */
import { urlSharesSomething } from './share-fragment.ts';

const tag = 'go-playground';
type Host = HTMLElement & { activate?: (action: string) => Promise<void> | void };

let island: Promise<unknown> | null = null;
const load = () => (island ??= import('./island.ts'));

for (const bar of document.querySelectorAll<HTMLElement>('[data-static-toolbar]')) bar.hidden = false;

const near = (e: Event) => {
	if (e.target instanceof Element && e.target.closest(tag)) void load();
};
for (const type of ['pointerover', 'focusin', 'touchstart'] as const) {
	document.addEventListener(type, near, { passive: true, capture: true });
}

document.addEventListener('click', (e) => {
	const button = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-static-toolbar] [data-action]') : null;
	const host = button?.closest<Host>(tag);
	if (!button || !host) return;
	const action = button.dataset['action'] ?? '';
	button.setAttribute('aria-busy', 'true');
	load()
		.then(() => customElements.whenDefined(tag))
		.then(() => {
			// The island has adopted this button and shows its own running state from here.
			button.removeAttribute('aria-busy');
			return host.activate?.(action);
		})
		.catch(() => {
			// The page loaded but the playground's own script did not (network gone, or a new
			// deployment replaced it): say so where the reader clicked.
			island = null;
			button.removeAttribute('aria-busy');
			const note = document.createElement('p');
			note.className = 'pg-note';
			note.setAttribute('role', 'status');
			note.textContent = 'The playground could not be loaded. Check your connection and reload the page; the results recorded at build time are below.';
			button.closest('[data-toolbar]')?.after(note);
		});
});

if (urlSharesSomething()) void load();
