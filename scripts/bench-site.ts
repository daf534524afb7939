/**
 * `npm run bench:site`: the site's budgets, as figures (no pass/fail).
 *
 *   - production build time: the median of several `astro build` runs (default 3; BUILDS=n), each
 *     into a temporary directory so the site in dist/ is left alone. The caches are as they are
 *     (Astro's, Vite's and the snippet result cache): these are warm builds, the ones a writer
 *     waits for. The snippet integration's own line ("Go work for snippets: …") is shown too.
 *   - pages: HTML pages in the build.
 *   - JavaScript per page, gzip: what a page loads before the reader does anything — its
 *     <script type="module" src> files, <link rel="modulepreload"> files and, transitively, their
 *     static imports — plus inline scripts (they travel inside the HTML). Dynamic imports
 *     reachable from those (loaded later: on idle, or when the reader asks) are listed apart.
 *   - the same for a page of a plain Starlight site (same Astro and Starlight versions, default
 *     config, one docs page), built in a temporary project: the baseline.
 *   - the Pagefind index: total size, and what a first search fetches at least.
 *
 * Usage: node scripts/bench-site.ts [--builds=N] [--page=/path/]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { median } from '@playbook/engine/contract';

const root = fileURLToPath(new URL('../', import.meta.url));
const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const builds = Math.max(1, Number(flag('builds') ?? process.env.BUILDS ?? 3));

// --- helpers -----------------------------------------------------------------------------------

function run(argv: string[], cwd: string): Promise<{ code: number; output: string; ms: number }> {
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

async function files(dir: string): Promise<string[]> {
	const out: string[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...(await files(path)));
		else out.push(path);
	}
	return out;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const gz = (buf: Buffer | string) => gzipSync(buf).length;

interface PageJs {
	/** Module files loaded with the page (static graph), by path under the site root. */
	files: Map<string, { raw: number; gzip: number }>;
	/** Dynamic imports reachable from them, with their own static graphs. */
	lazy: Map<string, { raw: number; gzip: number }>;
	inline: { raw: number; gzip: number; count: number };
}

const staticImport = /\bimport\s*(?:[^'"`()]*?\bfrom\s*)?["']([^"']+)["']/g;
const reExport = /\bexport\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["']([^"']+)["']/g;
const dynamicImport = /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g;

/** The JavaScript one HTML page of a build in `site` loads on its own, followed through imports. */
async function pageJs(site: string, urlPath: string): Promise<PageJs> {
	const html = await readFile(join(site, urlPath, 'index.html'), 'utf8');
	const result: PageJs = { files: new Map(), lazy: new Map(), inline: { raw: 0, gzip: 0, count: 0 } };
	const entry: string[] = [];
	for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		const attrs = m[1] ?? '';
		const src = /\bsrc=["']?([^"'\s>]+)/.exec(attrs)?.[1];
		if (/type=["']?application\/(ld\+)?json/.test(attrs)) continue;
		if (src) entry.push(posix.resolve(urlPath, src));
		else if ((m[2] ?? '').trim()) {
			result.inline.raw += Buffer.byteLength(m[2]!);
			result.inline.gzip += gz(m[2]!);
			result.inline.count++;
		}
	}
	for (const m of html.matchAll(/<link\b[^>]*rel=["']?modulepreload["']?[^>]*>/g)) {
		const href = /\bhref=["']?([^"'\s>]+)/.exec(m[0])?.[1];
		if (href) entry.push(posix.resolve(urlPath, href));
	}

	const lazyEntries: string[] = [];
	const walk = async (start: string[], into: Map<string, { raw: number; gzip: number }>, skip: Map<string, unknown>) => {
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

const sum = (m: Map<string, { raw: number; gzip: number }>) =>
	[...m.values()].reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });

/** The URL paths of the build's pages (every index.html), sorted. */
async function htmlPages(site: string): Promise<string[]> {
	return (await files(site))
		.filter((f) => f.endsWith('/index.html') || f === join(site, 'index.html'))
		.map((f) => {
			const dir = relative(site, dirname(f)).split('\\').join('/');
			return dir ? `/${dir}/` : '/';
		})
		.sort();
}

// --- the site ----------------------------------------------------------------------------------

await mkdir(join(root, '.cache'), { recursive: true });
const temp = await mkdtemp(join(root, '.cache', 'bench-site-'));
try {
	const times: number[] = [];
	let goWork = '';
	let site = '';
	for (let i = 0; i < builds; i++) {
		site = join(temp, `dist-${i}`);
		const r = await run([astroBin, 'build', '--outDir', site], root);
		if (r.code !== 0) {
			console.error(r.output);
			throw new Error(`astro build failed (exit ${r.code})`);
		}
		times.push(r.ms);
		goWork = /Go work for snippets:.*$/m.exec(r.output)?.[0] ?? goWork;
		process.stderr.write(`build ${i + 1}/${builds}: ${(r.ms / 1000).toFixed(1)} s\n`);
		if (i < builds - 1) await rm(site, { recursive: true, force: true });
	}

	const pages = await htmlPages(site);
	const perPage = await Promise.all(pages.map(async (p) => ({ path: p, js: await pageJs(site, p) })));
	const allJs = (await files(join(site, '_astro'))).filter((f) => f.endsWith('.js'));
	const allJsSize = { raw: 0, gzip: 0 };
	for (const f of allJs) {
		const b = await readFile(f);
		allJsSize.raw += b.length;
		allJsSize.gzip += gz(b);
	}

	// The Pagefind index.
	const pfDir = join(site, 'pagefind');
	const pfFiles = existsSync(pfDir) ? await files(pfDir) : [];
	const pfSize = async (filter: (rel: string) => boolean) => {
		let n = 0;
		for (const f of pfFiles) if (filter(relative(pfDir, f))) n += (await stat(f)).size;
		return n;
	};
	const pfTotal = await pfSize(() => true);
	const pfIndex = await pfSize((r) => /^(index|fragment|filter)\//.test(r) || r.endsWith('.pf_meta'));
	const pfFirstSearch = await pfSize((r) => ['pagefind.js', 'pagefind-entry.json'].includes(r) || r === 'wasm.en.pagefind' || r.endsWith('.pf_meta'));
	const pfUi = await pfSize((r) => r.startsWith('pagefind-ui.'));

	// --- the baseline: a plain Starlight site ------------------------------------------------------
	const base = join(temp, 'baseline');
	await mkdir(join(base, 'content/docs'), { recursive: true });
	await writeFile(
		join(base, 'package.json'),
		JSON.stringify({ name: 'baseline', private: true, type: 'module', dependencies: { astro: '*', '@astrojs/starlight': '*' } }),
	);
	await writeFile(
		join(base, 'astro.config.mjs'),
		"import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ srcDir: './', vite: { cacheDir: './.vite' }, integrations: [starlight({ title: 'Baseline' })] });\n",
	);
	await writeFile(
		join(base, 'content.config.ts'),
		"import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
	);
	await writeFile(join(base, 'content/docs/index.mdx'), '---\ntitle: Home\n---\n\nHome.\n');
	// The same prose and code blocks as one of ours, without our components (a plain site has none).
	const page = (await readFile(join(root, 'content/docs/tools/escape-analysis-flags.mdx'), 'utf8'))
		.replace(/^import .*$/gm, '')
		.replace(/^<[A-Z][^\n]*\/>$/gm, '');
	await writeFile(join(base, 'content/docs/page.mdx'), page);
	const bb = await run([astroBin, 'build'], base);
	if (bb.code !== 0) {
		console.error(bb.output);
		throw new Error('the baseline Starlight build failed');
	}
	const baseline = await pageJs(join(base, 'dist'), '/page/');

	// --- report ------------------------------------------------------------------------------------
	const line = (label: string, value: string) => console.log(`${label.padEnd(54)} ${value}`);
	console.log('\n━━ site budgets ━━');
	line(
		`build time (median of ${builds} warm builds)`,
		`${(median(times) / 1000).toFixed(1)} s  (runs: ${times.map((t) => (t / 1000).toFixed(1)).join(', ')} s)`,
	);
	if (goWork) line('snippet results during the last build', goWork.replace('Go work for snippets: ', ''));
	line('pages (HTML, incl. 404)', String(pages.length + (existsSync(join(site, '404.html')) ? 1 : 0)));
	line('JavaScript in _astro/ (all pages together)', `${allJs.length} files, ${kb(allJsSize.raw)} raw, ${kb(allJsSize.gzip)} gzip`);

	console.log('\nJavaScript per page, gzip. modules: <script src>/modulepreload files and their static imports;');
	console.log('inline: scripts inside the HTML; lazy: dynamic imports reachable from the modules (Starlight');
	console.log('loads its search UI that way on idle, so that part is fetched without interaction too).');
	console.log(`${'page'.padEnd(44)} ${'files'.padStart(5)} ${'modules'.padStart(10)} ${'inline'.padStart(10)} ${'total'.padStart(10)} ${'lazy'.padStart(10)}`);
	const row = (path: string, js: PageJs) => {
		const s = sum(js.files);
		const l = sum(js.lazy);
		console.log(
			`${path.padEnd(44)} ${String(js.files.size).padStart(5)} ${kb(s.gzip).padStart(10)} ${kb(js.inline.gzip).padStart(10)} ${kb(s.gzip + js.inline.gzip).padStart(10)} ${kb(l.gzip).padStart(10)}`,
		);
		return s.gzip + js.inline.gzip;
	};
	const totals = perPage.map(({ path, js }) => row(path, js));
	console.log('-'.repeat(98));
	const baselineTotal = row('baseline: plain Starlight docs page', baseline);
	console.log();
	line('median page, total gzip (modules + inline)', kb(median(totals)));
	const typical = flag('page') ?? '/tools/escape-analysis-flags/';
	const typicalJs = perPage.find((p) => p.path === typical)?.js;
	if (typicalJs) {
		const t = sum(typicalJs.files).gzip + typicalJs.inline.gzip;
		line(`docs page ${typical}`, `${kb(t)} vs baseline ${kb(baselineTotal)} (${t - baselineTotal >= 0 ? '+' : ''}${kb(t - baselineTotal)})`);
		console.log(`  its modules: ${[...typicalJs.files.keys()].join(', ')}`);
		console.log(`  loaded later (dynamic imports): ${[...typicalJs.lazy.keys()].join(', ') || 'none'}`);
	}
	console.log(`  baseline modules: ${[...baseline.files.keys()].join(', ')}`);

	console.log('\nPagefind:');
	line('  whole pagefind/ directory', `${pfFiles.length} files, ${kb(pfTotal)}`);
	line('  the index (index/, fragment/, filter/, meta)', `${kb(pfIndex)} (already compressed by Pagefind)`);
	line('  fetched by a first search at least', `${kb(pfFirstSearch)} (pagefind.js, entry, wasm, meta), plus index chunks and fragments per term`);
	line('  Pagefind UI files (not fetched: Starlight bundles it)', kb(pfUi));
} finally {
	await rm(temp, { recursive: true, force: true });
}
