/**
 * Figures for the in-page playground, measured in Debian's Chromium against the real server:
 *
 *   - JavaScript a docs page loads before any interaction, and what clicking Edit adds (the
 *     editor must not load before): bytes on the wire from this server, and gzip-compressed size
 *     (what a host that compresses sends);
 *   - time from a click to the result on the page, measured in the page (performance.now() from
 *     the click to the live result in the DOM), for uncached code (a fresh comment makes every
 *     request new to the server's result cache) and for the same code again (cached).
 *
 * Usage: npm run bench:playground [-- --runs=5 --page=/reading-a-playground/ --url=http://host:port]
 * Without --url it starts `node playground-server/src/main.ts` on a free port (needs a built
 * site: `npx astro build`). Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/browser.ts';

const arg = (name: string) =>
	process.argv
		.find((a) => a.startsWith(`--${name}=`))
		?.split('=')
		.slice(1)
		.join('=');
const runs = Number(arg('runs') ?? 5);
const docsPage = arg('page') ?? '/reading-a-playground/';
const snippet = arg('snippet') ?? 'basics/new-counter/main.go';

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

let base = arg('url');
let stop = async () => {};
if (!base) {
	if (!existsSync('dist/index.html')) {
		console.error('No built site in dist/: run `npx astro build` first.');
		process.exit(2);
	}
	const port = await freePort();
	const server = spawn(process.execPath, ['playground-server/src/main.ts'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PLAYBOOK_RATE_LIMIT: '0' },
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	stop = async () => {
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
	};
	base = `http://127.0.0.1:${port}`;
	for (let i = 0; ; i++) {
		const ok = await fetch(`${base}/healthz`).then(
			(r) => r.ok,
			() => false,
		);
		if (ok) break;
		if (i > 600) throw new Error('the server did not start within 2 minutes');
		await new Promise((r) => setTimeout(r, 200));
	}
}

interface Script {
	url: string;
	wire: number;
	raw: number;
	gzip: number;
}

/** Records every script the page loads: bytes on the wire (CDP), and its body's raw and gzip size. */
async function recordScripts(page: Page): Promise<Script[]> {
	const scripts: Script[] = [];
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	const pending = new Map<string, string>();
	cdp.on('Network.responseReceived', (e) => {
		if (e.type === 'Script') pending.set(e.requestId, e.response.url);
	});
	cdp.on('Network.loadingFinished', (e) => {
		const url = pending.get(e.requestId);
		if (!url) return;
		pending.delete(e.requestId);
		void cdp.send('Network.getResponseBody', { requestId: e.requestId }).then((b) => {
			const body = b.base64Encoded ? Buffer.from(b.body, 'base64') : Buffer.from(b.body);
			scripts.push({ url: new URL(url).pathname, wire: e.encodedDataLength, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
		});
	});
	return scripts;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const sum = (xs: Script[], k: keyof Omit<Script, 'url'>) => xs.reduce((n, s) => n + s[k], 0);
const inline = (page: Page) =>
	page.evaluate(() =>
		[...document.querySelectorAll('script:not([src])')]
			.filter((s) => !s.getAttribute('type') || s.getAttribute('type') === 'module')
			.reduce((n, s) => n + new TextEncoder().encode(s.textContent ?? '').length, 0),
	);

function table(title: string, scripts: Script[]) {
	console.log(`\n${title}`);
	for (const s of scripts.sort((a, b) => b.gzip - a.gzip)) {
		console.log(`  ${s.url.padEnd(72)} ${kb(s.raw).padStart(10)} raw ${kb(s.gzip).padStart(10)} gzip ${kb(s.wire).padStart(10)} on the wire`);
	}
	console.log(
		`  ${'total'.padEnd(72)} ${kb(sum(scripts, 'raw')).padStart(10)} raw ${kb(sum(scripts, 'gzip')).padStart(10)} gzip ${kb(sum(scripts, 'wire')).padStart(10)} on the wire`,
	);
}

/** Clicks an action in the page and resolves with the ms until its live section replaced the old one. */
function clickToResult(page: Page, mode: string): Promise<{ ms: number; cached: boolean }> {
	return page.evaluate(
		({ src, mode }) =>
			new Promise<{ ms: number; cached: boolean }>((resolve, reject) => {
				const pg = document.querySelector(`go-playground[data-src="${src}"]`)!;
				const before = pg.querySelector(`.pg-section[data-section="${mode}"]`);
				const button = pg.querySelector<HTMLButtonElement>(`[data-toolbar] [data-action="${mode}"]`)!;
				let t0 = 0;
				const obs = new MutationObserver(() => {
					const now = pg.querySelector<HTMLElement>(`.pg-section[data-section="${mode}"][data-live]`);
					const failed = pg.querySelector('[data-failure]');
					if (now && now !== before) {
						const ms = performance.now() - t0;
						obs.disconnect();
						resolve({ ms, cached: /cached result/.test(now.querySelector('.pg-live')?.textContent ?? '') });
					} else if (failed) {
						obs.disconnect();
						reject(new Error(failed.textContent ?? 'failed'));
					}
				});
				obs.observe(pg, { childList: true, subtree: true });
				t0 = performance.now();
				button.click();
			}),
		{ src: snippet, mode },
	);
}

const stats = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const med = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
	return `median ${med.toFixed(0)} ms (min ${s[0]!.toFixed(0)}, max ${s.at(-1)!.toFixed(0)}, n=${s.length})`;
};

const browser = await chromium.launch(chromiumLaunchOptions());
try {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	const scripts = await recordScripts(page);
	await page.goto(`${base}${docsPage}`, { waitUntil: 'networkidle' });
	await page.waitForTimeout(300);
	const before = [...scripts];
	const inlineBytes = await inline(page);
	const islands = await page.locator('go-playground').count();
	console.log(`Playground figures — ${base}${docsPage} (${islands} playgrounds on the page), Chromium ${browser.version()}`);
	table('JavaScript before any interaction (external files):', before);
	console.log(`  plus ${kb(inlineBytes)} of inline scripts in the HTML (Starlight's theme and components, the playground loader)`);
	const playgroundBefore = before.filter((s) => /island|editor/.test(s.url));
	console.log(`  playground code before the reader comes near one: ${playgroundBefore.length === 0 ? 'none' : playgroundBefore.map((s) => s.url).join(', ')}`);

	const pg = page.locator(`go-playground[data-src="${snippet}"]`);
	await pg.locator('[data-toolbar]').getByRole('button', { name: 'Edit', exact: true }).click();
	await pg.locator('.cm-editor').waitFor();
	await page.waitForLoadState('networkidle');
	table('JavaScript added by pointing at a playground and clicking Edit:', scripts.slice(before.length));

	// Click to result. Each uncached sample is new code for the server: a fresh comment at the end.
	for (const mode of ['run', 'escape'] as const) {
		const uncached: number[] = [];
		const cached: number[] = [];
		let cachedFlags = 0;
		for (let i = 0; i < runs; i++) {
			await pg.locator('.cm-content').click();
			await page.keyboard.press('ControlOrMeta+End');
			await page.keyboard.insertText(`\n// ${mode} sample ${Date.now()} ${i}`);
			await page.waitForTimeout(300); // the island reads edits after 250 ms of quiet
			const first = await clickToResult(page, mode);
			uncached.push(first.ms);
			const again = await clickToResult(page, mode);
			cached.push(again.ms);
			if (again.cached) cachedFlags++;
		}
		console.log(`\nClick → ${mode} result on the page:`);
		console.log(`  uncached (new code):  ${stats(uncached)}`);
		console.log(`  same code again:      ${stats(cached)}; the server said "cached" for ${cachedFlags} of ${runs}`);
	}
} finally {
	await browser.close();
	await stop();
}
