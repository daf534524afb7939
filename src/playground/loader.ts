/**
 * What a docs page runs before the reader touches a playground: it shows the static toolbar the
 * build rendered and loads the playground island (island.ts, ~25 KiB gzip) only when the reader
 * comes near a playground — hovering it, focusing into it, touching it — so a page costs about as
 * much script as Starlight's own until then (`npm run bench:site`). A click on a static button is
 * replayed once the island is there. /play, and a shared link (#play=…), load it at once: the
 * first opens its editor, the second must restore code on arrival.
 *
 * Every byte here is on every docs page: the failure note's words are in the HTML
 * (Loader.astro), and the island's URL comes from src/build/island-entry.ts.
 */
import { url as islandUrl, linkPrefix } from 'virtual:playbook/island';

const tag = 'go-playground';
type Host = HTMLElement & { activate?: (action: string) => Promise<void> };

let island: Promise<unknown> | null = null;
// The island defines the element as it loads, so the element is upgraded once this resolves. A
// failed load is forgotten, so that the next click tries again.
const load = () =>
	(island ??= import(/* @vite-ignore */ islandUrl).catch((e: unknown) => {
		island = null;
		throw e;
	}));

for (const bar of document.querySelectorAll<HTMLElement>('[data-static-toolbar]')) bar.hidden = false;

const near = (e: Event) => {
	// A failure is said when the reader clicks.
	if ((e.target as Element).closest?.(tag)) load().catch(() => {});
};
for (const type of ['pointerover', 'focusin', 'touchstart']) document.addEventListener(type, near, { passive: true, capture: true });

document.addEventListener('click', (e) => {
	const button = (e.target as Element).closest?.<HTMLElement>('[data-static-toolbar] [data-action]');
	const host = button?.closest<Host>(tag);
	if (!button || !host) return;
	const note = host.querySelector<HTMLElement>('[data-load-failed]');
	if (note) note.textContent = '';
	button.setAttribute('aria-busy', 'true');
	load().then(
		// The island has adopted this button and shows its own running state from here.
		() => (button.removeAttribute('aria-busy'), host.activate?.(button.dataset['action'] ?? '')),
		() => {
			// The page loaded but the island did not (network gone, or a new deployment replaced
			// it): say so where the reader clicked.
			button.removeAttribute('aria-busy');
			if (note) note.textContent = note.dataset['loadFailed'] ?? '';
		},
	);
});

// /play, and a page opened from a share link, need the island at once.
if (document.querySelector(`${tag}[data-play]`) || location.hash.startsWith(linkPrefix)) load().catch(() => {});
