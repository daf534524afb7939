/**
 * What JavaScript a page of a built site loads, and the same for a page of a plain Starlight site
 * built beside it: the measure behind the page-weight budget (a docs page within 0.5 KiB gzip of
 * Starlight's own), reported by `npm run bench:site` and checked by the e2e suite.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');

export const gz = (buf: Buffer | string) => gzipSync(buf).length;

export interface Size {
	raw: number;
	gzip: number;
}

export interface PageJs {
	/** Module files loaded with the page (static graph), by path under the site root. */
	files: Map<string, Size>;
	/** Dynamic imports reachable from them and from inline scripts, with their own static graphs. */
	lazy: Map<string, Size>;
	/** Scripts inside the HTML (each compressed on its own: an upper bound of what they add). */
	inline: Size & { count: number };
}

export const sum = (m: Map<string, Size>): Size => [...m.values()].reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });

/** Modules and inline scripts together, gzip: what the page runs before the reader does anything. */
export const pageTotal = (js: PageJs) => sum(js.files).gzip + js.inline.gzip;

export function run(argv: string[], cwd: string): Promise<{ code: number; output: string; ms: number }> {
	const started = performance.now();
	return new Promise((resolve) => {
		const child = spawn(process.execPath, argv, {
			cwd,
			env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (c: Buffer) => (output += c.toString()));
		child.stderr.on('data', (c: Buffer) => (output += c.toString()));
		child.on('close', (code) => resolve({ code: code ?? 1, output, ms: performance.now() - started }));
	});
}

const staticImport = /\bimport\s*(?:[^'"`()]*?\bfrom\s*)?["']([^"']+)["']/g;
const reExport = /\bexport\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["']([^"']+)["']/g;
const dynamicImport = /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g;

/** The JavaScript one HTML page of a build in `site` loads on its own, followed through imports. */
export async function pageJs(site: string, urlPath: string): Promise<PageJs> {
	const html = await readFile(join(site, urlPath, 'index.html'), 'utf8');
	const result: PageJs = { files: new Map(), lazy: new Map(), inline: { raw: 0, gzip: 0, count: 0 } };
	const entry: string[] = [];
	const lazyEntries: string[] = [];
	for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		const attrs = m[1] ?? '';
		const src = /\bsrc=["']?([^"'\s>]+)/.exec(attrs)?.[1];
		if (/type=["']?application\/(ld\+)?json/.test(attrs)) continue;
		if (src) entry.push(posix.resolve(urlPath, src));
		else if ((m[2] ?? '').trim()) {
			result.inline.raw += Buffer.byteLength(m[2]!);
			result.inline.gzip += gz(m[2]!);
			result.inline.count++;
			// An inline script (Astro inlines one that imports nothing) can still load modules later.
			for (const d of m[2]!.matchAll(dynamicImport)) if (d[1]!.startsWith('/')) lazyEntries.push(d[1]!);
		}
	}
	for (const m of html.matchAll(/<link\b[^>]*rel=["']?modulepreload["']?[^>]*>/g)) {
		const href = /\bhref=["']?([^"'\s>]+)/.exec(m[0])?.[1];
		if (href) entry.push(posix.resolve(urlPath, href));
	}

	const walk = async (start: string[], into: Map<string, Size>, skip: Map<string, unknown>) => {
		const queue = [...start];
		while (queue.length) {
			const path = queue.shift()!;
			if (into.has(path) || skip.has(path) || /^https?:/.test(path)) continue;
			const file = join(site, path);
			if (!existsSync(file)) continue;
			const code = await readFile(file);
			into.set(path, { raw: code.length, gzip: gz(code) });
			const text = code.toString();
			for (const re of [staticImport, reExport]) {
				for (const m of text.matchAll(re)) if (m[1]!.startsWith('.') || m[1]!.startsWith('/')) queue.push(posix.resolve(posix.dirname(path), m[1]!));
			}
			for (const m of text.matchAll(dynamicImport)) {
				if (m[1]!.startsWith('.') || m[1]!.startsWith('/')) lazyEntries.push(posix.resolve(posix.dirname(path), m[1]!));
			}
		}
	};
	await walk(entry, result.files, new Map());
	await walk(lazyEntries, result.lazy, result.files);
	return result;
}

/** The page the budget is about: prose, code blocks and playgrounds, as most docs pages are. */
export const budgetPage = '/tools/escape-analysis-flags/';

/**
 * Builds a plain Starlight site (the same Astro and Starlight, default config) in `dir`, with one
 * page of ours without our components, and returns what that page loads: the baseline.
 */
export async function starlightBaseline(dir: string, page = budgetPage): Promise<PageJs> {
	await mkdir(join(dir, 'content/docs'), { recursive: true });
	await writeFile(
		join(dir, 'package.json'),
		JSON.stringify({ name: 'baseline', private: true, type: 'module', dependencies: { astro: '*', '@astrojs/starlight': '*' } }),
	);
	await writeFile(
		join(dir, 'astro.config.mjs'),
		"import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ srcDir: './', vite: { cacheDir: './.vite' }, integrations: [starlight({ title: 'Baseline' })] });\n",
	);
	await writeFile(
		join(dir, 'content.config.ts'),
		"import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
	);
	await writeFile(join(dir, 'content/docs/index.mdx'), '---\ntitle: Home\n---\n\nHome.\n');
	// The same prose and code blocks as ours, without our components (a plain site has none).
	const text = (await readFile(join(root, 'content/docs', `${page.replace(/^\/|\/$/g, '')}.mdx`), 'utf8'))
		.replace(/^import .*$/gm, '')
		.replace(/^<[A-Z][^\n]*\/>$/gm, '');
	await writeFile(join(dir, 'content/docs/page.mdx'), text);
	const built = await run([astroBin, 'build'], dir);
	if (built.code !== 0) throw new Error(`the baseline Starlight build failed:\n${built.output}`);
	return pageJs(join(dir, 'dist'), '/page/');
}
