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
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { median } from '@playbook/engine/contract';
import { astroBin, budgetPage, gz, pageJs, pageTotal, root, run, starlightBaseline, sum, type PageJs } from './page-weight.ts';

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const builds = Math.max(1, Number(flag('builds') ?? process.env.BUILDS ?? 3));

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
	const typical = flag('page') ?? budgetPage;
	const baseline = await starlightBaseline(join(temp, 'baseline'), typical);

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
	const typicalJs = perPage.find((p) => p.path === typical)?.js;
	if (typicalJs) {
		const t = pageTotal(typicalJs);
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
