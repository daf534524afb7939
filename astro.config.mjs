// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import starlightLinksValidator from 'starlight-links-validator';
import { snippetsIntegration } from './src/snippets/integration.ts';
import { islandEntry } from './src/build/island-entry.ts';

/**
 * The build runs the engine (the workspace package @playbook/engine: its runner and jobs layer)
 * as Node loads it, from its own package, instead of bundling it into page chunks: the runner
 * reads its own files (its fingerprint) and starts sandboxed processes, and one copy must serve
 * every page. Only the browser bundles the engine (its contract). Vite's own `external` settings
 * do not reach a linked workspace package here, so this is a resolver plugin.
 * @returns {import('vite').Plugin}
 */
function engineAsNodeLoadsIt() {
	return {
		name: 'playbook-engine-external',
		enforce: 'pre',
		// The dev server does not bundle: it loads the engine's own files, where they are.
		apply: 'build',
		resolveId(id) {
			if (this.environment.name !== 'client' && id.startsWith('@playbook/engine/')) return { id, external: true };
			return null;
		},
	};
}

/** The knowledge base's sections, in reading order; each is a folder of content/docs/. */
const sections = [
	{ label: 'Golden rules', directory: 'rules' },
	{ label: 'Anti-patterns', directory: 'anti-patterns' },
	{ label: 'Techniques', directory: 'techniques' },
	{ label: 'Checklists', directory: 'checklists' },
	{ label: 'Internals', directory: 'internals' },
	{ label: 'Tools & diagnostics', directory: 'tools' },
	{ label: 'Reference', directory: 'reference' },
];

export default defineConfig({
	site: process.env.SITE_URL ?? 'http://localhost:4321',
	// Pages live in the top-level content/ folder (content/docs/…), as the layout asks: with
	// srcDir './' Starlight's docsLoader reads <srcDir>/content/docs, so the sidebar, last-updated
	// dates and link validation keep working (a plain glob loader would break them).
	srcDir: './',
	vite: {
		plugins: [engineAsNodeLoadsIt(), islandEntry()],
		// .cache/ holds tools, results and the test suites' scratch projects (with config files of
		// their own, which made a running dev server restart): nothing there is the site's source.
		server: { watch: { ignored: ['**/.cache/**', '**/test-results/**'] } },
		// The island and the editor are loaded by URL (src/build/island-entry.ts), so the dev
		// server's dependency scan cannot see their imports: it would find the editor's on first
		// use, optimize them and reload the page under the reader. Listed here, they are ready.
		optimizeDeps: {
			include: [
				'@codemirror/commands',
				'@codemirror/lang-go',
				'@codemirror/language',
				'@codemirror/lint',
				'@codemirror/state',
				'@codemirror/view',
				'@lezer/highlight',
			],
		},
	},
	integrations: [
		starlight({
			title: 'Go Memory Playbook',
			description: 'Go memory-management rules, anti-patterns and checklists. Every snippet runs in the page; every claim is checked by the real Go compiler.',
			lastUpdated: true,
			pagination: true,
			customCss: ['./src/styles/playbook.css'],
			components: {
				PageTitle: './src/components/PageTitle.astro',
			},
			sidebar: [
				{
					label: 'Start here',
					items: [
						{ label: 'Home', link: '/' },
						{ label: 'How to read a playground', link: '/reading-a-playground/' },
						{ label: 'Playground', link: '/play/' },
						{ label: 'Pattern catalogue', link: '/catalogue/' },
					],
				},
				...sections.map(({ label, directory }) => ({ label, items: [{ autogenerate: { directory } }] })),
			],
			plugins: [starlightLinksValidator({ errorOnFallbackPages: false })],
		}),
		snippetsIntegration(),
	],
});
