/**
 * A Vite plugin (the build's, Node) that makes the playground island (src/playground/island.ts)
 * and the editor (editor.ts) entries of their own, and gives their importers the URLs:
 * `virtual:playbook/island` (for the loader, with the share link's prefix) and
 * `virtual:playbook/editor` (for the island).
 *
 * Why not `import('./island.ts')`: Vite wraps such an import in its preload helper, which fetches
 * the chunk's own imports beside it. The helper is 0.9 KiB gzip, and once our code uses it, it is a
 * chunk of its own on every page instead of a part of Starlight's search script. Neither import
 * gains from it: each of the two chunks imports nothing (the editor takes its marks ready-made
 * from the island), and the island is fetched when the reader comes near a playground, before a
 * click.
 *
 * The prefix comes along as a constant for the same reason: imported, share-fragment.ts would be a
 * chunk of its own on every page, shared with the island. Rollup cannot be told that the editor
 * always loads after the island (rolldown has no `implicitlyLoadedAfterOneOf`), so what both used
 * would be a shared chunk too: hence the editor's marks interface.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { linkPrefix } from '../playground/share-fragment.ts';

const modules: Record<string, { file: string; exports?: Record<string, string> }> = {
	island: { file: '../playground/island.ts', exports: { linkPrefix } },
	editor: { file: '../playground/editor.ts' },
};
const prefix = '\0virtual:playbook/';

export function islandEntry(): Plugin {
	let root: string | null = null;
	return {
		name: 'playbook-island-entry',
		configResolved(config) {
			// The dev server bundles nothing: it serves each module where it is.
			root = config.command === 'serve' ? config.root : null;
		},
		resolveId: (source) => (source.startsWith('virtual:playbook/') && source.slice(17) in modules ? `\0${source}` : null),
		load(id) {
			const name = id.startsWith(prefix) ? id.slice(prefix.length) : '';
			const entry = modules[name];
			if (!entry) return null;
			const file = fileURLToPath(new URL(entry.file, import.meta.url));
			const url =
				root !== null
					? JSON.stringify(`/${relative(root, file).split('\\').join('/')}`)
					: `import.meta.ROLLUP_FILE_URL_${this.emitFile({ type: 'chunk', id: file, name, preserveSignature: 'strict' })}`;
			const rest = Object.entries(entry.exports ?? {}).map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};\n`);
			return `export const url = ${url};\n${rest.join('')}`;
		},
	};
}
