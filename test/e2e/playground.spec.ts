/**
 * The in-page playground, end to end: Debian's Chromium against the real server (started by
 * playwright.config.ts: the built site and the API on one port), running real Go in the sandbox.
 *
 * Every test saves screenshots of the states it reaches in test-results/e2e/screens/, to look at.
 * No test asserts how long anything takes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { budgetPage, pageJs, pageTotal, root, starlightBaseline } from '../../scripts/page-weight.ts';

const counter = 'basics/new-counter/main.go';
const bench = 'basics/append-prealloc/append_test.go';
const docsPage = '/reading-a-playground/';

const playground = (page: Page, src: string) => page.locator(`go-playground[data-src="${src}"]`);
const shot = (target: Page | Locator, name: string) => target.screenshot({ path: `test-results/e2e/screens/${name}.png` });
const button = (pg: Locator, name: string) => pg.locator('[data-toolbar]').getByRole('button', { name, exact: true });

/**
 * Brings in the island the way a reader does, by pointing at the playground: until then a page
 * has only the loader and the build's static toolbar.
 */
async function ready(pg: Locator) {
	await pg.hover();
	await expect(pg.locator('[data-static-toolbar]')).toHaveCount(0);
}

async function bakedFiles(pg: Locator): Promise<Record<string, string>> {
	return (JSON.parse((await pg.locator('script[data-baked]').textContent()) ?? '{}') as { files: Record<string, string> }).files;
}

/** Replaces the code in the (only) editor of a playground, the way a paste does. */
async function replaceCode(page: Page, pg: Locator, code: string) {
	await pg.locator('.cm-content').click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.insertText(code);
	// The editor draws only the lines in view, and the cursor (in view) is at the end.
	await expect(pg.locator('.cm-content')).toContainText(
		code
			.split('\n')
			.findLast((l) => l.trim())!
			.trim(),
	);
}

/** The code with a new heap allocation in main; returns it and the line the compiler will report. */
function withAllocation(original: string) {
	const code = original.replace('func main() {\n', 'var sink *int\n\nfunc main() {\n\tx := 42\n\tsink = &x\n');
	const line = code.split('\n').indexOf('\tx := 42') + 1;
	return { code, line };
}

test.describe('playground on a docs page', () => {
	test('loads no playground code until the reader comes near one, and no editor code until Edit', async ({ page }) => {
		const scripts: string[] = [];
		page.on('request', (r) => {
			if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
		});
		await page.goto(docsPage, { waitUntil: 'networkidle' });
		const pg = playground(page, counter);
		// The build's toolbar is there at once; the island is not loaded yet.
		await expect(button(pg, 'Edit')).toBeVisible();
		expect(scripts.filter((s) => /island|editor/.test(s))).toEqual([]);
		await ready(pg);
		expect(scripts.filter((s) => /island/.test(s))).toHaveLength(1);
		expect(scripts.filter((s) => /editor/.test(s))).toEqual([]);
		await button(pg, 'Edit').click();
		await expect(pg.locator('.cm-editor')).toBeVisible();
		expect(scripts.filter((s) => /editor/.test(s))).toHaveLength(1);
	});

	test('a docs page runs at most 0.5 KiB gzip of script more than a plain Starlight page', async () => {
		// Builds a plain Starlight site beside ours (npm run bench:site prints the same figures).
		test.setTimeout(300_000);
		await mkdir(join(root, '.cache'), { recursive: true });
		const dir = await mkdtemp(join(root, '.cache', 'page-weight-'));
		try {
			const ours = await pageJs(join(process.env['PLAYBOOK_DIST_DIR'] ?? join(root, 'dist')), budgetPage);
			const baseline = await starlightBaseline(dir);
			// Starlight's own modules, and no others: the playground adds only its inline loader.
			const unhashed = (js: typeof ours) => [...js.files.keys()].map((f) => f.replace(/\.[\w-]{8}\.js$/, '.js')).sort();
			expect(unhashed(ours)).toEqual(unhashed(baseline));
			expect(pageTotal(ours) - pageTotal(baseline)).toBeLessThanOrEqual(512);
			// The island is there, for later.
			expect([...ours.lazy.keys()].filter((f) => /\/island\.[\w-]+\.js$/.test(f))).toHaveLength(1);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	test('a playground whose script cannot load says so where the reader clicked, and a later click tries again', async ({ page }) => {
		let fail = true;
		await page.route(/island[^/]*\.js$/, (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await button(pg, 'Run').click();
		const note = pg.locator('[data-load-failed]');
		await expect(note).toBeVisible();
		await expect(note).toHaveText(/The playground could not be loaded\. Check your connection and reload the page/);
		await expect(note).toHaveAttribute('role', 'status');
		await expect(button(pg, 'Run')).not.toHaveAttribute('aria-busy');
		await shot(pg, 'island-failed');
		fail = false;
		await button(pg, 'Run').click();
		await expect(pg.locator('.pg-section[data-section="run"][data-live] .pg-out')).toHaveText('1 0\n');
		await expect(note).toBeHidden();
	});

	test('nothing on the page moves when the playground arrives', async ({ page }) => {
		await page.goto(docsPage);
		await playground(page, bench).scrollIntoViewIfNeeded();
		const layout = () =>
			page.$$eval('go-playground [data-toolbar] :is(.pg-btn, select, input)', (els) =>
				els.map((e) => {
					const r = e.getBoundingClientRect();
					return `${e.textContent?.trim() || e.getAttribute('aria-label') || e.getAttribute('type')} ${Math.round(r.x)},${Math.round(r.y + scrollY)} ${Math.round(r.width)}×${Math.round(r.height)}`;
				}),
			);
		const before = await layout();
		expect(before.length).toBeGreaterThan(10);
		await playground(page, counter).dispatchEvent('pointerover');
		await expect(page.locator('[data-static-toolbar]')).toHaveCount(0);
		expect(await layout()).toEqual(before);
	});

	test('a button pressed while the playground arrives still gets its click', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		const box = (await button(pg, 'Run').boundingBox())!;
		// Pointing at the button loads the island; held back until the button is down, it arrives
		// between mousedown and mouseup.
		let release!: () => void;
		const pressed = new Promise<void>((resolve) => (release = resolve));
		await page.route(/island[^/]*\.js$/, async (route) => {
			await pressed;
			await route.continue();
		});
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await expect(button(pg, 'Run')).toBeFocused();
		release();
		await expect(pg.locator('[data-static-toolbar]')).toHaveCount(0);
		await page.mouse.up();
		await expect(pg.locator('.pg-section[data-section="run"][data-live] .pg-out')).toHaveText('1 0\n');
		await expect(button(pg, 'Run')).not.toHaveAttribute('aria-busy');
	});

	test('a click that comes before the playground is replayed when it arrives', async ({ page }) => {
		let release!: () => void;
		const clicked = new Promise<void>((resolve) => (release = resolve));
		await page.route(/island[^/]*\.js$/, async (route) => {
			await clicked;
			await route.continue();
		});
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await button(pg, 'Edit').click();
		await expect(button(pg, 'Edit')).toHaveAttribute('aria-busy', 'true');
		release();
		await expect(pg.locator('.cm-editor')).toBeVisible();
		// The editor is open, so Edit has given way; it is no longer marked busy either.
		await expect(pg.locator('[data-action="edit"]')).toBeHidden();
		await expect(pg.locator('[data-action="edit"]')).not.toHaveAttribute('aria-busy');
	});

	test('runs a snippet and shows its output, marked live, next to the baked results', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await expect(pg.locator('[data-origin]')).toContainText('Recorded when the site was built, with go1.');
		await shot(pg, 'run-0-baked');
		await button(pg, 'Run').click();
		const run = pg.locator('.pg-section[data-section="run"][data-live]');
		await expect(run.locator('.pg-out')).toHaveText('1 0\n');
		await expect(run.locator('.pg-live')).toContainText(/Live go1\.\d+/);
		// The escape analysis recorded at build time is still there, and said to be.
		await expect(pg.locator('.pg-section[data-section="escape"]:not([data-live])')).toBeVisible();
		await expect(pg.locator('[data-origin]')).toContainText('Sections without the Live tag: recorded when the site was built');
		await shot(pg, 'run-1-live');
	});

	test('escape analysis marks "moved to heap" on the right line, with the message on hover and focus', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		const source = (await bakedFiles(pg))['main.go']!;
		const line = source.split('\n').findIndex((l) => l.includes('n := 0')) + 1;
		await button(pg, 'Escape analysis').click();
		await expect(pg.locator('.pg-section[data-section="escape"][data-live]')).toBeVisible();
		const marked = pg.locator(`.ec-line[data-pb-line="${line}"]`);
		await expect(marked.locator('.pb-diag')).toContainText('moved to heap: n');
		await expect(marked.locator('.pb-mark')).toHaveText('n');
		// Hover shows the message; so does keyboard focus.
		await marked.locator('.pb-mark').hover();
		await expect(pg.locator('.pg-tip')).toContainText('moved to heap: n');
		await page.mouse.move(0, 0);
		await expect(pg.locator('.pg-tip')).toBeHidden();
		await marked.locator('.pb-mark').focus();
		await expect(pg.locator('.pg-tip')).toContainText('moved to heap: n');
		await shot(pg, 'escape-1-live-marks');
		// The list under the code leads to the line.
		await expect(pg.locator('.pg-diag-main li[data-kind="moved-to-heap"] .pg-loc')).toHaveText(`main.go:${line}:2`);

		// -m=2: why does it escape?
		await pg.getByLabel('Explain (-m=2)').check();
		await button(pg, 'Escape analysis').click();
		const flow = pg.locator('.pg-section[data-section="escape"][data-live] .pg-diag-main li[data-kind="moved-to-heap"] .pg-flow');
		await expect(flow).toBeVisible();
		await flow.locator('summary').click();
		await expect(flow.locator('ol')).toContainText('flow:');
		await expect(pg.locator('.pg-section[data-section="escape"] details > summary').last()).toContainText('-gcflags=-m=2');
		await shot(pg, 'escape-2-flow');
	});

	test('assembly: each function at its lines, the allocation marked, rows and code lines lit together on hover', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		const source = (await bakedFiles(pg))['main.go']!;
		const line = source.split('\n').findIndex((l) => l.includes('n := 0')) + 1;
		await button(pg, 'Assembly').click();
		const asm = pg.locator('.pg-section[data-section="asm"][data-live]');
		await expect(asm.locator('h4')).toHaveText('Assembly');
		await expect(asm.locator('.pg-asm-fn summary code')).toHaveText(['main.newCounter', 'main.counterValue', 'main.main']);
		// newCounter's n is moved to the heap: its line calls the allocator.
		const alloc = asm.locator('.pg-diag-main li[data-mark="alloc"]').first();
		await expect(alloc.locator('.pg-loc')).toHaveText(`main.go:${line}`);
		await expect(alloc).toContainText(/CALL runtime\.(newobject|mallocgc\w*)\(SB\)/);
		// Pointing at the code line lights its instructions; pointing at an instruction lights its line.
		const rows = asm.locator(`tr[data-line="${line}"]`);
		await pg.locator(`.ec-line[data-pb-line="${line}"]`).first().hover();
		await expect(rows.first()).toHaveClass(/pg-asm-hl/);
		expect(await asm.locator('tr.pg-asm-hl').count()).toBe(await rows.count());
		await rows.last().hover();
		await expect(pg.locator('.ec-line.pg-line-hl')).toHaveCount(1);
		await expect(pg.locator('.ec-line.pg-line-hl')).toHaveAttribute('data-pb-line', String(line));
		await shot(pg, 'asm-1-live');
		// The list's link leads to the line.
		await alloc.locator('.pg-loc').click();
		await expect(pg.locator(`.ec-line[data-pb-line="${line}"]`).first()).toHaveClass(/pg-line-flash/);
	});

	test('GC trace view: the gctrace lines as cycles, recorded and live', async ({ page }) => {
		await page.goto('/rules/lower-allocation-rate/');
		const pg = playground(page, 'alloc/gogc-cycles/main.go');
		const baked = pg.locator('.pg-section[data-section="run"]:not([data-live]) .pg-gctrace');
		await expect(baked.locator('h5')).toHaveText('GC trace');
		const recorded = Number(await baked.getAttribute('data-gc-cycles'));
		expect(recorded).toBeGreaterThan(1);
		// One bar per cycle, and as many rows in the table (some folded away).
		await expect(baked.locator('rect.pg-gc-start')).toHaveCount(recorded);
		await expect(baked.locator('tbody tr')).toHaveCount(recorded);
		await button(pg, 'Run').click();
		const live = pg.locator('.pg-section[data-section="run"][data-live] .pg-gctrace');
		await expect(live).toBeVisible({ timeout: 60_000 });
		const cycles = Number(await live.getAttribute('data-gc-cycles'));
		expect(cycles).toBeGreaterThan(1);
		await expect(live.locator('tbody tr')).toHaveCount(cycles);
		await expect(live.locator('p').first()).toContainText(/^\d+ collections \(\d+ forced by runtime\.GC\(\)\); the heap peaked at/);
		await shot(live, 'gctrace-live');
	});

	test("Settings: the snippet's own shown on the toolbar, changed, run, and carried by Copy, Go Playground and Share", async ({ page, context }) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await context.route('https://go.dev/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Go Playground</title>' }));
		await page.goto('/rules/lower-allocation-rate/');
		const pg = playground(page, 'alloc/gogc-cycles/main.go');
		await ready(pg);
		// The snippet runs with GODEBUG=gctrace=1 (its //playbook:options): the toolbar says so.
		const summary = pg.locator('[data-role="settings-summary"]');
		await expect(summary).toHaveText('GODEBUG=gctrace=1');
		const settings = pg.locator('[data-role="settings"] > summary');
		await settings.click();
		const panel = pg.getByRole('group', { name: 'Build and run settings' });
		await expect(panel).toBeVisible();
		await expect(panel.getByLabel('GODEBUG gctrace')).toHaveValue('1');
		await shot(pg, 'settings-0-open');
		// Escape closes the panel and gives the focus back to its button.
		await page.keyboard.press('Escape');
		await expect(panel).toBeHidden();
		await expect(settings).toBeFocused();

		// gctrace off: the program runs without a trace.
		await settings.click();
		await panel.getByLabel('GODEBUG gctrace').selectOption('');
		await panel.getByLabel('GODEBUG scavtrace').selectOption('1');
		await panel.getByLabel('Race detector (-race)').check();
		await expect(summary).toHaveText('GODEBUG=scavtrace=1 -race');
		await panel.getByLabel('Race detector (-race)').uncheck();
		await expect(summary).toHaveText('GODEBUG=scavtrace=1');
		// A click elsewhere closes it.
		await page.locator('h1').click();
		await expect(panel).toBeHidden();
		await button(pg, 'Run').click();
		const live = pg.locator('.pg-section[data-section="run"][data-live]');
		await expect(live).toBeVisible({ timeout: 60_000 });
		await expect(live.locator('.pg-gctrace')).toHaveCount(0);
		await expect(live).not.toContainText(/gc \d+ @/);

		// Copy and Go Playground write the settings above the code.
		const code = (await bakedFiles(pg))['main.go']!;
		await button(pg, 'Copy').click();
		await expect(pg.locator('.pg-status')).toContainText('with its settings in a //playbook:options line');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`//playbook:options godebug=scavtrace=1\n\n${code}`);
		const popup = page.waitForEvent('popup');
		await pg.getByRole('link', { name: 'Go Playground ↗' }).click();
		await popup;
		await expect(pg.locator('.pg-status')).toContainText('the Go Playground cannot apply them');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^\/\/playbook:options godebug=scavtrace=1\n\n/);

		// A share link keeps them.
		await button(pg, 'Share').click();
		const url = await pg.locator('.pg-share input').inputValue();
		const other = await context.newPage();
		await other.goto(url);
		const restored = playground(other, 'alloc/gogc-cycles/main.go');
		await expect(restored.locator('[data-role="settings-summary"]')).toHaveText('GODEBUG=scavtrace=1');
		// Reset: the snippet's own settings again.
		await button(restored, 'Edit').click();
		await button(restored, 'Reset').click();
		await expect(restored.locator('[data-role="settings-summary"]')).toHaveText('GODEBUG=gctrace=1');
	});

	test('a //playbook:options line typed into the code sets the toolbar; a wrong one is said with its line', async ({ page }) => {
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		const program =
			'package main\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nvar sink []byte\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tsink = make([]byte, 1<<20)\n\t\truntime.GC()\n\t}\n\tfmt.Println(len(sink))\n}\n';
		await replaceCode(page, pg, `//playbook:options godebug=gctrace=1 inlining=false\n\n${program}`);
		const summary = pg.locator('[data-role="settings-summary"]');
		await expect(summary).toHaveText('GODEBUG=gctrace=1 -gcflags=-l');
		await expect(pg.locator('.pg-status')).toContainText('Settings from main.go:1');
		await button(pg, 'Run').click();
		await expect(pg.locator('.pg-section[data-section="run"][data-live] .pg-gctrace')).toBeVisible({ timeout: 60_000 });
		await shot(pg, 'settings-1-typed');

		await replaceCode(page, pg, `//playbook:options gctrace\n\n${program}`);
		await expect(pg.locator('.pg-status')).toContainText('main.go:1: //playbook:options: unknown option gctrace');
		// The settings stay as they were.
		await expect(summary).toHaveText('GODEBUG=gctrace=1 -gcflags=-l');
	});

	test('edited code: a new allocation gets a new marker in the editor', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await button(pg, 'Edit').click();
		await expect(pg.locator('.cm-editor')).toBeVisible();
		// The recorded marks come along into the editor.
		await expect(pg.locator('.cm-lintRange-warning').first()).toBeVisible();
		const { code, line } = withAllocation((await bakedFiles(pg))['main.go']!);
		await replaceCode(page, pg, code);
		// (The marks may already have followed the typing; pressing the button asks again, explicitly.)
		await button(pg, 'Escape analysis').click();
		const live = pg.locator('.pg-section[data-section="escape"][data-live]');
		await expect(live.locator('.pg-diag-main')).toContainText('moved to heap: x');
		await expect(live.locator('.pg-diag-main .pg-loc', { hasText: `main.go:${line}:` })).toBeVisible();
		const cmLine = pg.locator('.cm-content > .cm-line').nth(line - 1);
		await expect(cmLine).toContainText('x := 42');
		await expect(cmLine.locator('.cm-lintRange-warning')).toHaveText('x');
		await expect(pg.locator('.cm-gutter-lint .cm-lint-marker-warning')).not.toHaveCount(0);
		// Hover, and the keyboard route: the list item puts the cursor on the token, which shows the message.
		await cmLine.locator('.cm-lintRange-warning').hover();
		await expect(pg.locator('.cm-tooltip-lint')).toContainText('moved to heap: x');
		await page.mouse.move(0, 0);
		await live.locator('.pg-diag-main .pg-loc', { hasText: `main.go:${line}:` }).press('Enter');
		await expect(pg.locator('.cm-pg-tip')).toContainText('moved to heap: x');
		await shot(pg, 'edit-1-new-marker');

		// Reset: the original code, with what the build recorded.
		await button(pg, 'Reset').click();
		await expect(pg.locator('.cm-editor')).toHaveCount(0);
		await expect(pg.locator('.pg-section[data-section="escape"]:not([data-live])')).toBeVisible();
		await expect(pg.locator('.ec-line[data-pb-line]').first()).toBeVisible();
		await expect(button(pg, 'Edit')).toBeFocused();
	});

	test('escape marks follow typing: a pause in editing brings the new marks without pressing anything', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await button(pg, 'Edit').click();
		await expect(pg.locator('.cm-editor')).toBeVisible();
		const analyses: string[] = [];
		page.on('request', (r) => {
			if (r.url().endsWith('/api/run') && r.postDataJSON().mode === 'escape') analyses.push(r.postDataJSON().files['main.go']);
		});
		const { code, line } = withAllocation((await bakedFiles(pg))['main.go']!);
		await replaceCode(page, pg, code);
		// No button pressed: the mark arrives on the new line, and the escape section is live for this code.
		const cmLine = pg.locator('.cm-content > .cm-line').nth(line - 1);
		await expect(cmLine.locator('.cm-lintRange-warning')).toHaveText('x', { timeout: 15_000 });
		const live = pg.locator('.pg-section[data-section="escape"][data-live]');
		await expect(live).not.toHaveClass(/pg-stale/);
		await expect(live.locator('.pg-diag-main')).toContainText('moved to heap: x');
		await expect(pg.locator('.pg-running')).toHaveCount(0);
		const ms = Number(await pg.getAttribute('data-live-marks-ms'));
		expect(ms).toBeGreaterThan(0);
		console.log(`keystroke pause -> marks: ${ms} ms (250 ms of it the pause)`);
		// Typing in bursts: each pause asks once for the code as it is then, never for code already analysed.
		await pg.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+End');
		await page.keyboard.type('\n// one', { delay: 20 });
		await expect.poll(() => analyses.at(-1) ?? '').toContain('// one');
		const count = analyses.length;
		await page.waitForTimeout(1000);
		expect(analyses.length).toBe(count);
		expect(new Set(analyses).size).toBe(analyses.length);
		await shot(pg, 'live-marks');
	});

	test('broken code: the compile error is shown and marked on its line', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await button(pg, 'Edit').click();
		const original = (await bakedFiles(pg))['main.go']!;
		const code = original.replace('func main() {\n', 'func main() {\n\tundefinedThing()\n');
		const line = code.split('\n').indexOf('\tundefinedThing()') + 1;
		await replaceCode(page, pg, code);
		// Ctrl/Cmd+Enter in the editor runs the current action (Run), once — not a new line.
		const requests: string[] = [];
		page.on('request', (r) => {
			if (r.url().endsWith('/api/run')) requests.push(r.postDataJSON().mode);
		});
		await page.keyboard.press('ControlOrMeta+Enter');
		const run = pg.locator('.pg-section[data-section="run"][data-live]');
		await expect(run.locator('h4')).toHaveText('Compile error');
		// (The marks that follow typing may ask for escape analysis in the background too.)
		expect(requests.filter((m) => m !== 'escape')).toEqual(['run']);
		await expect(pg.locator('.cm-content')).toContainText('undefinedThing()');
		expect(await pg.locator('.cm-content > .cm-line').count()).toBe(code.split('\n').length);
		await expect(run.locator('.pg-alert-danger')).toHaveText('The code does not compile: 1 error. It is marked on its line; fix it and run again.');
		// The error itself is said once, in the list that leads to its line.
		expect(((await run.textContent()) ?? '').split('undefined: undefinedThing').length - 1).toBe(1);
		await expect(run.locator('.pg-loc')).toHaveText(`main.go:${line}:2`);
		await expect(
			pg
				.locator('.cm-content > .cm-line')
				.nth(line - 1)
				.locator('.cm-lintRange-error'),
		).toHaveText('undefinedThing()');
		await expect(pg.locator('.cm-lint-marker-error')).toHaveCount(1);
		await shot(pg, 'compile-error');
		// Fixed: the error mark goes away with the next good build.
		await replaceCode(page, pg, original);
		await button(pg, 'Run').click();
		await expect(pg.locator('.pg-section[data-section="run"][data-live] .pg-out')).toHaveText('1 0\n');
		await expect(pg.locator('.cm-lintRange-error')).toHaveCount(0);
	});

	test('a panic is marked on the line where it happened: recorded, live, and in edited code', async ({ page }) => {
		await page.goto('/checklists/map-hygiene/');
		const pg = playground(page, 'maps/nil-map/main.go');
		const write = '\tr.handlers["ping"] = func() {}';
		const line = (await bakedFiles(pg))['main.go']!.split('\n').findIndex((l) => l.startsWith(write)) + 1;
		expect(line).toBeGreaterThan(0);
		const codeLine = pg.locator(`.ec-line[data-pb-line="${line}"]`);
		// The mark spans the statement, one span per highlighted token.
		const marked = () => codeLine.evaluate((l) => [...l.querySelectorAll('.pb-mark.pb-error')].map((m) => m.textContent).join(''));
		// Recorded at build time, in the HTML.
		expect(await marked()).toBe(write.trim());
		await expect(codeLine.locator('.pb-diag.pb-error')).toContainText('panic: assignment to entry in nil map');
		await expect(codeLine.locator('.pb-diags')).toHaveAttribute('aria-label', new RegExp(`runtime, line ${line}$`, 'i'));
		// Live: the same mark, drawn from the server's answer.
		await ready(pg);
		await button(pg, 'Run').click();
		const run = pg.locator('.pg-section[data-section="run"][data-live]');
		await expect(run.locator('[data-error="panic"]')).toContainText(`assignment to entry in nil map at main.go:${line}`);
		// The place in the message leads to the line.
		await run.locator('[data-error="panic"] .pg-loc').click();
		await expect(codeLine.locator('.pb-mark[tabindex]').first()).toBeFocused();
		await expect.poll(marked).toBe(write.trim());
		await shot(pg, 'panic-marked');
		// Edited code: the mark is in the editor, and goes once the program no longer panics.
		await button(pg, 'Edit').click();
		const fixed = (await bakedFiles(pg))['main.go']!.replace('\tvar r registry\n', '\tr := registry{handlers: map[string]func(){}}\n');
		await replaceCode(page, pg, fixed.replace(write, `${write}\n\tvar again map[int]int\n\tagain[1] = 2`));
		await button(pg, 'Run').click();
		await expect(
			pg
				.locator('.cm-content > .cm-line')
				.nth(line + 1)
				.locator('.cm-lintRange-error'),
		).toHaveText('again[1] = 2');
		await replaceCode(page, pg, fixed);
		await button(pg, 'Run').click();
		await expect(run.locator('.pg-out').first()).toContainText('never printed');
		await expect(pg.locator('.cm-lintRange-error')).toHaveCount(0);
	});

	test('benchmark: table with allocs/op and a chart, within the chosen count and benchtime', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, bench);
		await ready(pg);
		await expect(button(pg, 'Run')).toBeHidden();
		await expect(button(pg, 'Benchmark')).toHaveAttribute('data-current', '');
		await pg.getByLabel('Benchmark count (-count)').selectOption('2');
		await pg.getByLabel('Benchmark time per run (-benchtime)').selectOption('100ms');
		await button(pg, 'Benchmark').click();
		await expect(pg.locator('.pg-running')).toBeVisible();
		await shot(pg, 'bench-0-running');
		const live = pg.locator('.pg-section[data-section="bench"][data-live]');
		await expect(live).toBeVisible({ timeout: 60_000 });
		const table = live.locator('.pg-table-wrap').first();
		await expect(table.locator('thead')).toContainText('allocs/op');
		const prealloc = table.locator('tbody tr', { hasText: 'AppendPrealloc' });
		await expect(prealloc.locator('td').nth(2)).toHaveText('1');
		await expect(prealloc.locator('td').nth(1)).toHaveText('8,192');
		await expect(live.locator('.pg-chart .pg-chart-group')).toHaveCount(3);
		await expect(live.locator('.pg-note').last()).toContainText('Medians of 2 runs');
		await expect(live.locator('.pg-note').last()).toContainText('Allocations are exact');
		// Compared with the recorded run: its 5 runs (count=5) against these 2.
		const compare = live.locator('.pg-bench-compare');
		await expect(compare.locator('h5')).toHaveText('Compared with the recorded run');
		await expect(compare.locator('.pg-pvalue').first()).toHaveText(/^p=\d\.\d{3} n=5\+2$/);
		await shot(pg, 'bench-1-live');
	});

	test('count × benchtime past the benchmark job limit: said before running', async ({ page }) => {
		await page.goto('/techniques/clearing-maps/');
		const pg = playground(page, 'maps/clear-vs-delete/clear_test.go');
		await ready(pg);
		const warning = pg.locator('.pg-opt-warn');
		await expect(warning).toBeHidden();
		await pg.getByLabel('Benchmark count (-count)').selectOption('10');
		await pg.getByLabel('Benchmark time per run (-benchtime)').selectOption('2s');
		// Five benchmarks × 10 × 2 s.
		await expect(warning).toHaveText(
			'At least 100 s of benchmarking: more than the 60 s a benchmark job may run, so it would be stopped. Lower count or benchtime.',
		);
		await shot(pg.locator('[data-toolbar]'), 'bench-time-warning');
		await pg.getByLabel('Benchmark count (-count)').selectOption('1');
		await expect(warning).toBeHidden();
	});

	test('share: the link restores the edited code and the action in a new page', async ({ page, context }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await button(pg, 'Edit').click();
		const code = (await bakedFiles(pg))['main.go']!.replace('func main() {\n', '// shared edit\nfunc main() {\n');
		await replaceCode(page, pg, code);
		await button(pg, 'Escape analysis').click();
		await expect(pg.locator('.pg-section[data-section="escape"][data-live]')).toBeVisible();
		await button(pg, 'Share').click();
		const input = pg.locator('.pg-share input');
		await expect(input).toHaveValue(/#play=/);
		const url = await input.inputValue();
		expect(url.length).toBeLessThan(8000);
		expect(page.url()).toBe(url);
		await shot(pg, 'share-0-link');

		const other = await context.newPage();
		await other.goto(url);
		const restored = playground(other, counter);
		await expect(restored.locator('.cm-content')).toContainText('// shared edit');
		await expect(button(restored, 'Escape analysis')).toHaveAttribute('data-current', '');
		await expect(button(restored, 'Escape analysis')).toBeFocused();
		await expect(restored.locator('.pg-status')).toContainText('Opened from a share link');
		// The other snippets on the page are untouched.
		await expect(playground(other, bench).locator('.cm-editor')).toHaveCount(0);
		await shot(restored, 'share-1-restored');
		await other.keyboard.press('ControlOrMeta+Enter');
		await expect(restored.locator('.pg-section[data-section="escape"][data-live]')).toBeVisible();
		// Reset goes back to the snippet and takes the link out of the address bar, so a reload does too.
		await button(restored, 'Reset').click();
		expect(other.url()).not.toContain('#play=');
		await other.reload();
		await expect(playground(other, counter).locator('.cm-editor')).toHaveCount(0);
	});

	test('the Go version select runs the code on that release, and a share link keeps the choice', async ({ page, context }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await ready(pg);
		const select = pg.getByRole('combobox', { name: 'Go version' });
		await expect(select).toHaveValue('1.27.3');
		await select.selectOption('1.26.11');
		await button(pg, 'Run').click();
		const run = pg.locator('.pg-section[data-section="run"][data-live]');
		await expect(run.locator('.pg-live')).toContainText('Live go1.26.11');
		await expect(run.locator('.pg-out')).toHaveText('1 0\n');
		await shot(pg, 'version-0-go1.26');
		await button(pg, 'Share').click();
		const url = await pg.locator('.pg-share input').inputValue();
		const other = await context.newPage();
		await other.goto(url);
		await expect(playground(other, counter).getByRole('combobox', { name: 'Go version' })).toHaveValue('1.26.11');
	});

	test('keyboard only: tab to Run, run, reach the marks, run again with Ctrl+Enter', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, counter);
		const run = button(pg, 'Run');
		for (let i = 0; i < 150 && !(await run.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
		await expect(run).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(pg.locator('.pg-section[data-section="run"][data-live] .pg-out')).toHaveText('1 0\n');
		// The next control is Escape analysis; Space presses it.
		await page.keyboard.press('Tab');
		await expect(button(pg, 'Escape analysis')).toBeFocused();
		await page.keyboard.press('Space');
		await expect(pg.locator('.pg-section[data-section="escape"][data-live]')).toBeVisible();
		await expect(button(pg, 'Escape analysis')).toHaveAttribute('data-current', '');
		// The marks on the code are in the tab order and show their message.
		const mark = pg.locator('.pb-mark[tabindex="0"]').first();
		for (let i = 0; i < 40 && !(await mark.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
		await expect(mark).toBeFocused();
		await expect(pg.locator('.pg-tip')).toBeVisible();
		await shot(pg, 'keyboard-mark-focus');
		const again = page.waitForRequest((r) => r.url().endsWith('/api/run') && r.postDataJSON().mode === 'escape');
		await page.keyboard.press('ControlOrMeta+Enter');
		await again;
		await expect(pg.locator('.pg-running')).toHaveCount(0);
		await expect(pg.locator('.pg-section[data-section="escape"][data-live]')).toBeVisible();
	});

	test('Copy and Go Playground put the code on the clipboard', async ({ page, context }) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		// No request leaves the machine: go.dev answers from here.
		await context.route('https://go.dev/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Go Playground</title>' }));
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await ready(pg);
		const code = (await bakedFiles(pg))['main.go']!;
		await button(pg, 'Copy').click();
		await expect(pg.locator('.pg-status')).toContainText('Copied main.go');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
		await page.evaluate(() => navigator.clipboard.writeText(''));
		const popup = page.waitForEvent('popup');
		await pg.getByRole('link', { name: 'Go Playground ↗' }).click();
		expect((await popup).url()).toBe('https://go.dev/play/');
		await expect(pg.locator('.pg-status')).toContainText('the code is on your clipboard');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
	});

	test('mobile viewport: usable at 375 px, light and dark', async ({ browser }) => {
		for (const colorScheme of ['light', 'dark'] as const) {
			const page = await browser.newPage({ viewport: { width: 375, height: 812 }, colorScheme });
			await page.goto(docsPage);
			const pg = playground(page, bench);
			await pg.scrollIntoViewIfNeeded();
			// A touch brings the playground in on a phone.
			await pg.locator('[data-toolbar]').dispatchEvent('touchstart');
			await expect(pg.locator('[data-static-toolbar]')).toHaveCount(0);
			await pg.getByLabel('Benchmark count (-count)').selectOption('1');
			await pg.getByLabel('Benchmark time per run (-benchtime)').selectOption('100ms');
			await button(pg, 'Benchmark').click();
			await expect(pg.locator('.pg-section[data-section="bench"][data-live] table').first()).toBeVisible({ timeout: 60_000 });
			// The comparison with the recorded run is there too, the widest table of all.
			await expect(pg.locator('.pg-section[data-section="bench"][data-live] .pg-bench-compare')).toBeVisible();
			// Nothing sticks out of the page sideways: wide tables scroll inside their box.
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow).toBeLessThanOrEqual(0);
			for (const name of ['Benchmark', 'Edit', 'Copy', 'Share']) {
				const box = await button(pg, name).boundingBox();
				expect(box, `${name} is laid out`).not.toBeNull();
				expect(box!.x, `${name} starts inside the screen`).toBeGreaterThanOrEqual(0);
				expect(box!.x + box!.width, `${name} ends inside the screen`).toBeLessThanOrEqual(375);
			}
			await shot(pg, `mobile-${colorScheme}`);
			await page.close();
		}
	});
});

test('without JavaScript: the recorded results, and no dead controls', async ({ browser }) => {
	const page = await browser.newPage({ javaScriptEnabled: false });
	await page.goto(docsPage);
	const pg = playground(page, counter);
	await expect(pg.locator('[data-origin]')).toContainText('Recorded when the site was built');
	await expect(pg.locator('.ec-line[data-pb-line] .pb-diag').first()).toContainText('moved to heap: n');
	await expect(pg.locator('.pg-section[data-section="run"] .pg-out')).toHaveText('1 0\n');
	await expect(playground(page, bench).locator('.pg-section[data-section="bench"] thead')).toContainText('allocs/op');
	// (The code blocks' own copy buttons are Expressive Code's.)
	await expect(page.locator('go-playground .pg-btn:visible, go-playground select:visible, go-playground .pg-status:visible')).toHaveCount(0);
	await expect(pg.locator('[data-toolbar]')).toBeHidden();
	await shot(pg, 'no-js');
	await page.close();
});

test.describe('failures', () => {
	test('the server stopped: the offline message, and the baked result kept', async ({ browser }) => {
		// A server of its own, so that stopping it leaves the suite's server running.
		const port = 4300 + Math.floor(Math.random() * 90);
		const server: ChildProcess = spawn(process.execPath, ['playground-server/src/main.ts'], {
			// It runs no program before it is stopped, so the sandbox self-test would only slow it down.
			env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PLAYBOOK_SELF_TEST: '0' },
			stdio: 'ignore',
		});
		try {
			const base = `http://127.0.0.1:${port}`;
			await expect.poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status, { timeout: 120_000 }).toBe(200);
			const page = await browser.newPage();
			await page.goto(`${base}${docsPage}`);
			const pg = playground(page, counter);
			// The reader was reading the page when the server went away (the site and the API are
			// one server here; a site served elsewhere keeps loading the island).
			await ready(pg);
			await expect(button(pg, 'Run')).toBeVisible();
			server.kill('SIGTERM');
			await once(server, 'exit');
			await button(pg, 'Run').click();
			const failure = pg.locator('[data-failure="offline"]');
			await expect(failure).toContainText('The live playground is offline');
			await expect(failure.getByRole('button', { name: 'Try again' })).toBeVisible();
			await expect(pg.locator('.pg-section[data-section="run"]:not([data-live]) .pg-out')).toHaveText('1 0\n');
			await expect(pg.locator('.pg-section[data-section="escape"]:not([data-live])')).toBeVisible();
			await expect(pg.locator('.ec-line[data-pb-line]').first()).toBeVisible();
			await shot(pg, 'offline');
			await page.close();
		} finally {
			if (server.exitCode === null) server.kill('SIGKILL');
		}
	});

	test('a program that never ends: the timeout message, after a running state with Cancel', async ({ page }) => {
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		await replaceCode(page, pg, 'package main\n\nfunc main() {\n\tfor {\n\t}\n}\n');
		await button(pg, 'Run').click();
		await expect(pg.locator('.pg-running')).toContainText('Running the program');
		await expect(pg.locator('.pg-running').getByRole('button', { name: 'Cancel' })).toBeVisible();
		await shot(pg, 'timeout-0-running');
		const run = pg.locator('.pg-section[data-section="run"][data-live]');
		await expect(run.locator('[data-error="timeout"]')).toContainText('Timed out', { timeout: 60_000 });
		await shot(pg, 'timeout-1-message');
	});

	test('cancel stops waiting and keeps what was shown', async ({ page }) => {
		await page.goto(docsPage);
		const pg = playground(page, bench);
		await button(pg, 'Benchmark').click();
		await pg.locator('.pg-running').getByRole('button', { name: 'Cancel' }).click();
		await expect(pg.locator('.pg-status')).toContainText('Canceled');
		await expect(pg.locator('.pg-section[data-section="bench"]:not([data-live]) table')).toBeVisible();
		await expect(button(pg, 'Benchmark')).toBeFocused();
	});

	test('queue full: waits as Retry-After says and tries again; rate limited: says when to retry', async ({ page }) => {
		// The real server answers 503/429 only under load; here the first answer is replaced.
		let first = true;
		await page.route('**/api/run', async (route) => {
			if (!first) return route.continue();
			first = false;
			await route.fulfill({
				status: 503,
				headers: { 'retry-after': '2', 'content-type': 'application/json' },
				body: JSON.stringify({ error: { code: 'queue_full', message: 'The queue is full.' } }),
			});
		});
		await page.goto(docsPage);
		const pg = playground(page, counter);
		await button(pg, 'Run').click();
		await expect(pg.locator('.pg-running')).toContainText('The playground is busy');
		await expect(pg.locator('.pg-running')).toContainText('Trying again in');
		await shot(pg, 'queue-full-retrying');
		await expect(pg.locator('.pg-section[data-section="run"][data-live] .pg-out')).toHaveText('1 0\n');

		await page.unroute('**/api/run');
		await page.route('**/api/run', (route) =>
			route.fulfill({
				status: 429,
				headers: { 'retry-after': '42', 'content-type': 'application/json' },
				body: JSON.stringify({ error: { code: 'rate_limited', message: 'Rate limit exceeded.' } }),
			}),
		);
		await button(pg, 'Run').click();
		await expect(pg.locator('[data-failure="rate_limited"]')).toContainText('try again in 42 s');
		await page.route('**/api/run', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html>Bad gateway</html>' }));
		await button(pg, 'Run').click();
		await expect(pg.locator('[data-failure="server_error"]')).toContainText('The playground server failed (HTTP 502)');
		await expect(pg.locator('.pg-section[data-section="run"] .pg-out')).toHaveText('1 0\n');
		await shot(pg, 'server-error');
	});
});

test.describe('/play', () => {
	test('a full-page playground: templates, benchmark, share', async ({ page, context }) => {
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		await expect(pg.locator('.cm-content')).toContainText('Hello, Go memory!');
		await page.keyboard.press('ControlOrMeta+Enter');
		await expect(pg.locator('.pg-section[data-section="run"][data-live] .pg-out')).toHaveText('Hello, Go memory! 3\n');
		await button(pg, 'Escape analysis').click();
		await expect(pg.locator('.pg-section[data-section="escape"][data-live]')).toContainText('moved to heap: p');
		await expect(pg.locator('.cm-lintRange-warning')).not.toHaveCount(0);
		await shot(page, 'play-0-hello');

		await pg.getByLabel('Start from a template').selectOption('bench');
		await expect(pg.locator('.cm-content')).toContainText('BenchmarkPrealloc');
		await expect(button(pg, 'Run')).toBeHidden();
		await pg.getByLabel('Benchmark count (-count)').selectOption('1');
		await pg.getByLabel('Benchmark time per run (-benchtime)').selectOption('100ms');
		await button(pg, 'Benchmark').click();
		const live = pg.locator('.pg-section[data-section="bench"][data-live]');
		await expect(live.locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
		await shot(page, 'play-1-bench');

		await button(pg, 'Share').click();
		const url = await pg.locator('.pg-share input').inputValue();
		const other = await context.newPage();
		await other.goto(url);
		const restored = other.locator('go-playground[data-play]');
		await expect(restored.locator('.cm-content')).toContainText('BenchmarkPrealloc');
		await expect(button(restored, 'Benchmark')).toHaveAttribute('data-current', '');
	});

	test('a benchmark run again is compared with the run before, as benchstat does; Copy gives go test output', async ({ page, context }) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		await pg.getByLabel('Start from a template').selectOption('bench');
		await pg.getByLabel('Benchmark count (-count)').selectOption('1');
		await pg.getByLabel('Benchmark time per run (-benchtime)').selectOption('100ms');
		await button(pg, 'Benchmark').click();
		const live = pg.locator('.pg-section[data-section="bench"][data-live]');
		await expect(live.locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
		await expect(live.locator('[data-compare]')).toHaveCount(0);
		// Copy: the raw go test -bench output, which benchstat reads.
		await live.getByRole('button', { name: 'Copy', exact: true }).click();
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied).toMatch(/^goos: linux$/m);
		expect(copied).toMatch(/^BenchmarkPrealloc\S*\s+\d+\s+[\d.]+ ns\/op\s+\d+ B\/op\s+\d+ allocs\/op$/m);

		// Measured again (another benchtime, so not the cached runs): compared with the run before.
		await pg.getByLabel('Benchmark time per run (-benchtime)').selectOption('200ms');
		await button(pg, 'Benchmark').click();
		const compare = pg.locator('.pg-section[data-section="bench"][data-live] .pg-bench-compare');
		await expect(compare).toBeVisible({ timeout: 60_000 });
		await expect(compare.locator('h5')).toHaveText(/^Compared with the run at /);
		// Two benchmarks × time, B/op and allocs/op; one run a side can never be significant.
		await expect(compare.locator('tbody tr')).toHaveCount(6);
		await expect(compare.locator('.pg-delta')).toHaveText(['~', '~', '~', '~', '~', '~']);
		await expect(compare.locator('.pg-pvalue').first()).toHaveText(/^p=\d\.\d{3} n=1$/);
		await expect(compare).toContainText('set count to 4 or more');
		await shot(pg, 'bench-compare');
		// Any other section copies the text it shows.
		await button(pg, 'Escape analysis').click();
		const escape = pg.locator('.pg-section[data-section="escape"][data-live]');
		await expect(escape).toBeVisible({ timeout: 60_000 });
		await escape.getByRole('button', { name: 'Copy', exact: true }).click();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Escape analysis/);
	});

	test('Format: gofmt with the missing standard-library import added; code that does not parse is said at its line', async ({ page }) => {
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		await replaceCode(page, pg, 'package main\nimport "fmt"\nfunc main(){\nx:=rand.Intn(3)\nfmt.Println(x>=0)\n}\n');
		await button(pg, 'Format').click();
		await expect(pg.locator('.pg-status')).toContainText('Formatted with gofmt');
		await expect(pg.locator('.cm-content')).toContainText('"math/rand"');
		await expect(pg.locator('.cm-content')).toContainText('x := rand.Intn(3)');
		await shot(pg, 'format-0-done');
		await button(pg, 'Format').click();
		await expect(pg.locator('.pg-status')).toContainText('Already formatted');
		// The formatted code runs.
		await button(pg, 'Run').click();
		await expect(pg.locator('.pg-section[data-section="run"][data-live] .pg-out')).toHaveText('true\n', { timeout: 60_000 });

		await replaceCode(page, pg, 'package main\n\nfunc main() {\n\tx := \n}\n');
		await button(pg, 'Format').click();
		await expect(pg.locator('.pg-status')).toContainText(/Not formatted: main\.go:5:1: expected operand/);
		await expect(pg.locator('.cm-content')).toContainText('x :=');
		await shot(pg, 'format-1-error');
	});

	test('code with a test gets a Test action, run as a test file', async ({ page }) => {
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		await expect(button(pg, 'Test')).toBeHidden();
		await replaceCode(page, pg, 'package main\n\nimport "testing"\n\nfunc TestSum(t *testing.T) {\n\tif 1+1 != 2 {\n\t\tt.Fatal("math")\n\t}\n}\n');
		await expect(button(pg, 'Test')).toBeVisible();
		await expect(button(pg, 'Run')).toBeHidden();
		await button(pg, 'Test').click();
		await expect(pg.locator('.pg-section[data-section="test"][data-live] h4')).toHaveText('Tests: 1 passed');
		await shot(pg, 'play-2-test');
	});

	test('Compare versions: the code on every Go release, side by side, with what differs marked', async ({ page }) => {
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		await replaceCode(page, pg, 'package main\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nfunc main() {\n\tfmt.Println(runtime.Version())\n}\n');
		await button(pg, 'Compare versions').click();
		await expect(pg.locator('.pg-running')).toContainText('Comparing run on 7 Go versions');
		const versions = pg.locator('.pg-section[data-section="versions"][data-live]');
		await expect(versions).toBeVisible({ timeout: 80_000 });
		await expect(versions.locator('.pg-note').first()).toContainText('Ran live on go1.27.3, go1.26.11, go1.25.14, go1.24.13, go1.23.12, go1.22.12, go1.21.13.');
		const output = versions.locator('table', { has: page.locator('caption', { hasText: 'Program output' }) });
		await expect(output.locator('thead th')).toHaveCount(8);
		// Each older release printed its own version: six cells differ from the newest.
		await expect(output.locator('td.pg-vdiff')).toHaveCount(6);
		await expect(output.locator('td:not(.pg-vdiff)')).toHaveCount(1);
		await expect(output.locator('td').first()).toContainText('go1.27.3');
		await expect(output.locator('td').last()).toContainText('go1.21.13');
		await shot(pg, 'compare-0-outputs');
	});

	test('the code is kept in the browser: a reload brings it back, Reset forgets it', async ({ page }) => {
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		await replaceCode(page, pg, 'package main\n\nfunc main() {\n\tprintln("kept across a reload")\n}\n');
		await page.reload();
		await expect(page.locator('go-playground[data-play] .cm-content')).toContainText('kept across a reload');
		await page.locator('go-playground[data-play] [data-role="reset"]').click();
		await expect(page.locator('go-playground[data-play] .cm-content')).not.toContainText('kept across a reload');
		await page.reload();
		await expect(page.locator('go-playground[data-play] .cm-content')).not.toContainText('kept across a reload');
	});

	test('Ctrl+Enter runs what fits the code: the action follows the code when it changes kind', async ({ page }) => {
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		await button(pg, 'Escape analysis').click();
		await expect(button(pg, 'Escape analysis')).toHaveAttribute('data-current', '');
		await replaceCode(page, pg, 'package main\n\nimport "testing"\n\nfunc BenchmarkNew(b *testing.B) {\n\tfor b.Loop() {\n\t\t_ = new(int)\n\t}\n}\n');
		await expect(button(pg, 'Benchmark')).toHaveAttribute('data-current', '');
		// Chosen again on code of the same kind, the choice stays.
		await button(pg, 'Escape analysis').click();
		await pg.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+End');
		await page.keyboard.type('\n// same kind of code\n');
		await expect(pg.locator('.cm-content')).toContainText('same kind of code');
		await expect(button(pg, 'Escape analysis')).toHaveAttribute('data-current', '');
	});

	test('code too large for a link: Share says so instead of making a broken link', async ({ page }) => {
		await page.goto('/play/');
		const pg = page.locator('go-playground[data-play]');
		await expect(pg.locator('.cm-editor')).toBeVisible();
		// Random data barely compresses: 30 KB of it cannot fit in 8,000 characters.
		const noise = Array.from(
			{ length: 400 },
			() => `// ${Array.from({ length: 72 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('')}`,
		).join('\n');
		await replaceCode(page, pg, `package main\n\n${noise}\nfunc main() {}\n`);
		await button(pg, 'Share').click();
		await expect(pg.locator('.pg-status')).toContainText('This code is too large for a link');
		expect(page.url()).not.toContain('#play=');
	});

	test('is linked from the sidebar and the home page', async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('.hero a[href="/play/"]')).toBeVisible();
		await page.goto(docsPage);
		await expect(page.locator('nav[aria-label="Main"] a[href="/play/"]')).toHaveText('Playground');
	});
});
