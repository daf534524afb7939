/**
 * `npm run dev` (astro dev) is how an author writes a page: it must render a page with snippets,
 * loading the engine from its workspace package as the dev server loads source (the production
 * build keeps the engine out of its bundles; the dev server must not be told to, or it cannot
 * load it at all). Snippet results come from the results store that `npm run verify` fills; on a
 * machine where it is empty the page's snippets run here first.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { expect, test } from 'vitest';
import { chromiumLaunchOptions } from '../browser.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** The environment an author's shell has: without what Vitest sets (Astro behaves differently under it). */
function authorEnvironment(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TEST' && key !== 'NODE_ENV'));
}

test('the dev server renders a page with its snippets and their verified claims', async () => {
	const port = await freePort();
	const child = spawn(process.execPath, [astroBin, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
		cwd: root,
		env: { ...authorEnvironment(), NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (c: Buffer) => (output += c.toString()));
	child.stderr.on('data', (c: Buffer) => (output += c.toString()));
	try {
		// The dev server answers before its content layer has synced (404 at first): ask again.
		let status = 0;
		let body = '';
		for (let i = 0; i < 180 && child.exitCode === null && (status === 0 || status === 404); i++) {
			try {
				const res = await fetch(`http://127.0.0.1:${port}/techniques/clearing-maps/`);
				status = res.status;
				body = await res.text();
			} catch {}
			if (status === 0 || status === 404) await new Promise((r) => setTimeout(r, 500));
		}
		expect(status, output).toBe(200);
		expect(body).toMatch(/claims verified with go1\.\d+/);

		// The playground comes to life as it does on the built site: the loader finds the island
		// where the dev server serves it (src/build/island-entry.ts), and Edit opens the editor.
		const browser = await chromium.launch(chromiumLaunchOptions());
		try {
			const page = await browser.newPage();
			const errors: string[] = [];
			page.on('pageerror', (e) => errors.push(e.message));
			await page.goto(`http://127.0.0.1:${port}/techniques/clearing-maps/`);
			const pg = page.locator('go-playground').first();
			// The dev server may still reload the page once while it optimizes dependencies it
			// meets for the first time: point at the playground again until the island has come.
			const adopted = () => page.evaluate(() => document.querySelectorAll('[data-static-toolbar]').length === 0).catch(() => false);
			for (let i = 0; i < 60 && !(await adopted()); i++) {
				await page.mouse.move(0, 0);
				await pg.hover({ timeout: 5_000 }).catch(() => {}); // the page may be reloading
				await page.waitForTimeout(1000);
			}
			expect(await adopted()).toBe(true);
			await pg.locator('[data-action="edit"]').click();
			await pg.locator('.cm-editor').waitFor({ timeout: 60_000 });
			expect(errors).toEqual([]);
		} finally {
			await browser.close();
		}
		expect(output).not.toMatch(/\[ERROR\]/);
	} finally {
		child.kill('SIGTERM');
	}
});
