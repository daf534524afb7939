/**
 * End-to-end tests of the site foundation, in Debian's Chromium, against the production build
 * (`astro build`) served by the real server (playwright.config.ts starts playground-server).
 *
 * They rely only on pages the foundation owns: the home page, the seven section index pages,
 * the pattern catalogue and one knowledge page, "Reading escape analysis output"
 * (content/docs/tools/escape-analysis-flags.mdx, kind: tool, topics: [escape-analysis]). Other
 * knowledge pages may come and go; the assertions hold whatever else the catalogue lists.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';

const sections = [
	{ group: 'Golden rules', link: 'About golden rules', path: '/rules/', title: 'Golden rules' },
	{ group: 'Anti-patterns', link: 'About anti-patterns', path: '/anti-patterns/', title: 'Anti-patterns' },
	{ group: 'Techniques', link: 'About techniques', path: '/techniques/', title: 'Techniques' },
	{ group: 'Checklists', link: 'About checklists', path: '/checklists/', title: 'Checklists' },
	{ group: 'Internals', link: 'About internals', path: '/internals/', title: 'Internals' },
	{ group: 'Tools & diagnostics', link: 'About tools', path: '/tools/', title: 'Tools & diagnostics' },
	{ group: 'Reference', link: 'About the reference', path: '/reference/', title: 'Reference' },
] as const;

const toolPage = { path: '/tools/escape-analysis-flags/', title: 'Reading escape analysis output' };

/** Fails the test on any uncaught exception or console error the page reports. */
function collectErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
	});
	return errors;
}

/** True when the document is wider than the viewport (the reader would have to scroll sideways). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test.describe('home page', () => {
	test('tells a newcomer what the Playbook is, how to use the playground and where to start', async ({ page }) => {
		const errors = collectErrors(page);
		await page.goto('/');
		await expect(page).toHaveTitle(/Go Memory Playbook/);
		await expect(page.getByRole('heading', { level: 1, name: 'Go Memory Playbook' })).toBeVisible();
		const main = page.locator('main');
		// What it is.
		await expect(main).toContainText('Every snippet runs in the page');
		const card = (title: string) => main.locator('article.card', { has: page.locator('.title', { hasText: title }) });
		await expect(card('What this is')).toContainText('knowledge base of how Go spends memory');
		// How to use the playground.
		const run = card('Run every example');
		await expect(run).toContainText('Run');
		await expect(run).toContainText('Escape analysis');
		await expect(run).toContainText('Benchmark');
		// Where to start.
		await expect(card('Where to start')).toContainText('golden rules');
		// Every section that has pages; the reference has none yet, and the home page promises
		// nothing that does not exist.
		for (const { path } of sections.filter((x) => x.path !== '/reference/')) await expect(main.locator(`a[href="${path}"]`).first()).toBeVisible();
		await expect(main.locator('a[href="/reference/"]')).toHaveCount(0);
		await main.getByRole('link', { name: 'Start with the golden rules' }).click();
		await expect(page).toHaveURL('/rules/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Golden rules');
		expect(errors).toEqual([]);
	});
});

test.describe('sidebar', () => {
	test('leads to the index page of each of the seven sections', async ({ page }) => {
		const errors = collectErrors(page);
		await page.goto('/catalogue/');
		const sidebar = page.getByRole('navigation', { name: 'Main' });
		for (const section of sections) {
			const group = sidebar.locator('details', { has: page.locator('summary', { hasText: section.group }) });
			const link = group.getByRole('link', { name: section.link, exact: true });
			await link.click();
			await expect(page).toHaveURL(section.path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.title);
			// The index page says what the section is for, and the sidebar marks where the reader is.
			expect((await page.locator('.sl-markdown-content').innerText()).length).toBeGreaterThan(150);
			await expect(sidebar.getByRole('link', { name: section.link, exact: true })).toHaveAttribute('aria-current', 'page');
		}
		expect(errors).toEqual([]);
	});
});

test('each section index lists its pages, the same ones as the sidebar, or says there are none yet', async ({ page }) => {
	for (const section of sections) {
		await page.goto(section.path);
		const sidebar = page.getByRole('navigation', { name: 'Main' });
		const group = sidebar.locator('details', { has: page.locator('summary', { hasText: section.group }) });
		// The sidebar's pages of the section, without its own "About …" link.
		const inSidebar = (await group.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).filter((h) => h !== section.path);
		const listed = page.getByRole('list', { name: 'Pages in this section' });
		if (inSidebar.length === 0) {
			await expect(page.locator('.section-pages-empty')).toContainText('No pages in this section yet');
			continue;
		}
		const hrefs = await listed.locator('li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		expect(hrefs.sort(), section.path).toEqual([...inSidebar].sort());
		// Each entry says what the page is about.
		for (const p of await listed.locator('li > p').allInnerTexts()) expect(p.length).toBeGreaterThan(30);
	}
});

test.describe('search', () => {
	test('finds a page by a term and a kind or topic filter in the search modal', async ({ page }) => {
		const errors = collectErrors(page);
		await page.goto('/tools/');
		await page.getByRole('button', { name: 'Search' }).click();
		const search = page.locator('#starlight__search');
		await search.getByRole('searchbox').or(search.locator('input.pagefind-ui__search-input')).fill('inlining');
		await expect(search.locator('.pagefind-ui__result').first()).toBeVisible();

		// The filters are there, labelled as the reader sees them on the page badges.
		await search.locator('summary', { hasText: 'Kind' }).click();
		await search.getByLabel(/^Tool/).check();
		const results = search.locator('.pagefind-ui__result');
		await expect(results.first()).toBeVisible();
		await expect(search.locator('.pagefind-ui__result-link', { hasText: toolPage.title })).toHaveAttribute('href', toolPage.path);
		// Pagefind applies a filter asynchronously: wait until no result of another kind is left.
		await expect(results.filter({ hasNotText: 'Kind: Tool' })).toHaveCount(0);

		await search.locator('summary', { hasText: 'Topic' }).click();
		await search.getByLabel(/^escape-analysis/).check();
		await expect(search.locator('.pagefind-ui__result-link', { hasText: toolPage.title })).toBeVisible();

		// Following the result leads to the page.
		await search.locator('.pagefind-ui__result-link', { hasText: toolPage.title }).click();
		await expect(page).toHaveURL(toolPage.path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(toolPage.title);
		expect(errors).toEqual([]);
	});

	test('the Pagefind index holds the kind and topic filters and applies them', async ({ page }) => {
		await page.goto('/');
		const found = await page.evaluate(async () => {
			const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
			await pagefind.init();
			const urls = async (term: string, filters: Record<string, string>) => {
				const search = await pagefind.search(term, { filters });
				const data = await Promise.all(search.results.map((r: { data: () => Promise<unknown> }) => r.data()));
				return (data as { url: string; filters: Record<string, string[]> }[]).map((d) => ({ url: d.url, filters: d.filters }));
			};
			return {
				filters: (await pagefind.filters()) as Record<string, Record<string, number>>,
				tool: await urls('inlining', { kind: 'Tool' }),
				toolAndTopic: await urls('inlining', { kind: 'Tool', topic: 'escape-analysis' }),
				antiPatterns: await urls('inlining', { kind: 'Anti-pattern' }),
			};
		});
		expect(Object.keys(found.filters)).toEqual(expect.arrayContaining(['kind', 'topic']));
		expect(found.filters.kind?.Tool).toBeGreaterThanOrEqual(1);
		expect(found.filters.topic?.['escape-analysis']).toBeGreaterThanOrEqual(1);
		expect(found.tool.map((r) => r.url)).toContain(toolPage.path);
		for (const r of found.tool) expect(r.filters.kind).toEqual(['Tool']);
		expect(found.toolAndTopic.map((r) => r.url)).toContain(toolPage.path);
		for (const r of found.toolAndTopic) expect(r.filters.topic).toContain('escape-analysis');
		expect(found.antiPatterns.map((r) => r.url)).not.toContain(toolPage.path);
	});
});

test('search indexes code and prose, not the playground chrome or the compiler output on the page', async ({ page }) => {
	await page.goto('/');
	const excerpts = await page.evaluate(async () => {
		const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
		await pagefind.init();
		const all: { url: string; excerpt: string; content: string }[] = [];
		for (const term of ['leak', 'escapes', 'benchmark', 'moved']) {
			const search = await pagefind.search(term);
			all.push(
				...((await Promise.all(search.results.map((r: { data: () => Promise<unknown> }) => r.data()))) as { url: string; excerpt: string; content: string }[]),
			);
		}
		return all;
	});
	expect(excerpts.length).toBeGreaterThan(5);
	for (const r of excerpts) {
		// Toolbar labels run together, or a result listing ("designs.go:13:7 LEAKS leaking param: c"):
		// the compiler output a page quotes in its prose ("./main.go:10:2: moved to heap") stays.
		expect(r.content, r.url).not.toMatch(/Ctrl\+↵|Escape analysisTest|1\.27\.3 \(newest\)|claims verified with/);
		expect(r.content, r.url).not.toMatch(/\.go:\d+:\d+\s*(?:heap|escapes|leaks?|note|error)\b/i);
	}
	// The code itself is searchable: a snippet's own identifiers find their page.
	const code = await page.evaluate(async () => {
		const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
		const search = await pagefind.search('newCounter');
		return Promise.all(search.results.map((r: { data: () => Promise<{ url: string }> }) => r.data().then((d) => d.url)));
	});
	expect(code).toContain('/reading-a-playground/');
});

test.describe('pattern catalogue', () => {
	/** Each row's kind, topics and whether it is shown. */
	const rows = (page: Page) =>
		page.locator('[data-catalogue] tbody tr').evaluateAll((trs) =>
			trs.map((tr) => ({
				kind: (tr as HTMLElement).dataset.kind ?? '',
				topics: ((tr as HTMLElement).dataset.topics ?? '').split(' '),
				title: tr.querySelector('a')?.textContent ?? '',
				shown: !(tr as HTMLElement).hidden && (tr as HTMLElement).offsetParent !== null,
			})),
		);

	test('kind and topic filters narrow the rows and the URL keeps them', async ({ page }) => {
		const errors = collectErrors(page);
		await page.goto('/catalogue/');
		const kind = page.getByLabel('Kind');
		const topic = page.getByLabel('Topic');
		await expect(kind).toBeVisible();
		const all = await rows(page);
		expect(all.length).toBeGreaterThanOrEqual(1);
		expect(all.every((r) => r.shown)).toBe(true);
		expect(all.map((r) => r.title)).toContain(toolPage.title);

		await kind.selectOption('tool');
		await expect(page).toHaveURL(/\?kind=tool$/);
		let now = await rows(page);
		expect(now.filter((r) => r.shown).map((r) => r.title)).toContain(toolPage.title);
		for (const r of now) expect(r.shown).toBe(r.kind === 'tool');
		const shown = now.filter((r) => r.shown).length;
		await expect(page.locator('[data-count]')).toHaveText(`${shown} of ${all.length} ${all.length === 1 ? 'page' : 'pages'}`);

		await topic.selectOption('escape-analysis');
		await expect(page).toHaveURL(/\?kind=tool&topic=escape-analysis$/);
		now = await rows(page);
		for (const r of now) expect(r.shown).toBe(r.kind === 'tool' && r.topics.includes('escape-analysis'));

		// A reload (or a shared link) shows the same filtered view.
		await page.reload();
		await expect(kind).toHaveValue('tool');
		await expect(topic).toHaveValue('escape-analysis');
		expect(await rows(page)).toEqual(now);

		// Clearing a filter takes it out of the URL and brings the rows back.
		await kind.selectOption('');
		await topic.selectOption('');
		await expect(page).toHaveURL(/\/catalogue\/$/);
		expect((await rows(page)).every((r) => r.shown)).toBe(true);
		expect(errors).toEqual([]);
	});

	test('a topic badge on a page opens the catalogue filtered by that topic', async ({ page }) => {
		await page.goto(toolPage.path);
		await page
			.locator('.page-meta')
			.getByRole('link', { name: /escape-analysis/ })
			.click();
		await expect(page).toHaveURL('/catalogue/?topic=escape-analysis');
		await expect(page.getByLabel('Topic')).toHaveValue('escape-analysis');
		for (const r of await rows(page)) expect(r.shown).toBe(r.topics.includes('escape-analysis'));
	});

	test('without JavaScript it is a readable plain list, with no dead filter controls', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/catalogue/?kind=rule');
		await expect(page.locator('[data-filters]')).toBeHidden();
		await expect(page.getByRole('table')).toBeVisible();
		await expect(page.getByRole('columnheader')).toHaveText(['Page', 'Kind', 'Topics', 'Severity', 'Go']);
		const all = await rows(page);
		expect(all.length).toBeGreaterThanOrEqual(1);
		expect(all.every((r) => r.shown)).toBe(true);
		await expect(page.getByRole('table').getByRole('link', { name: toolPage.title })).toHaveAttribute('href', toolPage.path);
		await context.close();
	});
});

test.describe('theme', () => {
	test('the theme select switches between dark and light and remembers the choice', async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto('/tools/');
		const html = page.locator('html');
		const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		const brightness = (rgb: string) => {
			const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
			return (r + g + b) / 3;
		};
		await expect(html).toHaveAttribute('data-theme', 'light');
		// The header's select (the mobile menu has a second one).
		const select = page.getByRole('banner').getByLabel('Select theme');

		await select.selectOption('dark');
		await expect(html).toHaveAttribute('data-theme', 'dark');
		expect(brightness(await background())).toBeLessThan(80);

		await select.selectOption('light');
		await expect(html).toHaveAttribute('data-theme', 'light');
		expect(brightness(await background())).toBeGreaterThan(200);

		await select.selectOption('dark');
		await page.reload();
		await expect(html).toHaveAttribute('data-theme', 'dark');
		await expect(select).toHaveValue('dark');
	});
});

test.describe('mobile, 375 px wide', () => {
	test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

	test('the menu opens and leads to a section', async ({ page }) => {
		await page.goto(toolPage.path);
		const menu = page.getByRole('button', { name: 'Menu' });
		const sidebarLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About golden rules' });
		await expect(menu).toBeVisible();
		await expect(sidebarLink).toBeHidden();
		await menu.click();
		await expect(sidebarLink).toBeVisible();
		await sidebarLink.click();
		await expect(page).toHaveURL('/rules/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Golden rules');
	});

	for (const path of ['/', '/play/']) {
		test(`the menu and the theme switch are there on ${path} too`, async ({ page }) => {
			await page.goto(path);
			const menu = page.getByRole('button', { name: 'Menu' });
			await expect(menu).toBeVisible();
			await menu.click();
			await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About golden rules' })).toBeVisible();
			const theme = page.locator('#starlight__sidebar starlight-theme-select select');
			await expect(theme).toBeVisible();
			await theme.selectOption('dark');
			await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		});
	}

	for (const path of ['/', '/catalogue/', '/rules/', toolPage.path]) {
		test(`no sideways scrolling on ${path}`, async ({ page }) => {
			await page.goto(path);
			expect(await scrollsSideways(page)).toBe(false);
		});
	}

	test('the catalogue fits the screen: rows are cards, nothing scrolls inside the table', async ({ page }) => {
		await page.goto('/catalogue/');
		const table = page.getByRole('table');
		expect(await table.evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
		const row = page.locator('[data-catalogue] tbody tr', { hasText: toolPage.title });
		const box = await row.boundingBox();
		expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
		// Each card labels its own cells, since the column headers are not shown.
		await expect(row.locator('td[data-label="Kind"]')).toHaveText('Tool');
		expect(await row.locator('td[data-label="Kind"]').evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Kind"');
	});
});

test.describe('docs pages', () => {
	test('heading anchor links point at their heading, and following one brings it into view', async ({ page }) => {
		await page.goto(toolPage.path);
		const heading = page.getByRole('heading', { level: 2, name: 'What the messages mean' });
		await expect(heading).toHaveAttribute('id', 'what-the-messages-mean');
		const anchor = page.locator('a.sl-anchor-link[href="#what-the-messages-mean"]');
		await expect(anchor).toHaveCount(1);
		await anchor.click();
		await expect(page).toHaveURL(`${toolPage.path}#what-the-messages-mean`);
		await expect(heading).toBeInViewport();

		// Opening a link with a fragment lands on the heading, clear of the sticky header.
		await page.goto(`${toolPage.path}#inlining-changes-the-answer`);
		const target = page.getByRole('heading', { level: 2, name: 'Inlining changes the answer' });
		await expect(target).toBeInViewport();
		const headerBottom = await page.locator('header.header').evaluate((h) => h.getBoundingClientRect().bottom);
		const headingTop = await target.evaluate((h) => h.getBoundingClientRect().top);
		expect(headingTop).toBeGreaterThanOrEqual(headerBottom);

		// The table of contents links to the same anchors.
		await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'An example' }).click();
		await expect(page).toHaveURL(`${toolPage.path}#an-example`);
	});

	test('a docs page shows when it was last updated, from the git history of its file', async ({ page }) => {
		const committed = execFileSync('git', ['log', '-1', '--format=%ct', '--', 'content/docs/rules/index.mdx'], { encoding: 'utf8' }).trim();
		expect(committed, 'content/docs/rules/index.mdx has no git history').toMatch(/^\d+$/);
		await page.goto('/rules/');
		const time = page.locator('footer').getByText('Last updated:').locator('time');
		await expect(time).toHaveAttribute('datetime', new Date(Number(committed) * 1000).toISOString());
		await expect(time).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
	});

	test('the knowledge page shows its kind and topics, linked to the catalogue', async ({ page }) => {
		await page.goto(toolPage.path);
		const meta = page.getByRole('list', { name: 'About this page' });
		await expect(meta.getByRole('link', { name: /Kind: Tool/ })).toHaveAttribute('href', '/catalogue/?kind=tool');
		await expect(meta.getByRole('link', { name: /Topic: escape-analysis/ })).toHaveAttribute('href', '/catalogue/?topic=escape-analysis');
	});
});

/**
 * Every page's code fits its column: a long line wraps (Expressive Code's wrap, indented as it
 * began) instead of running past the column, at desktop and at phone width. The pages are the
 * sidebar's, so a new page is covered as soon as it exists.
 */
test.describe('code fits its column on every page', () => {
	for (const width of [1280, 375]) {
		test(`at ${width} px`, async ({ page }) => {
			test.setTimeout(180_000);
			await page.setViewportSize({ width, height: 900 });
			await page.goto('/');
			const paths = await page
				.locator('#starlight__sidebar a[href^="/"]')
				.evaluateAll((links) => [...new Set(links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))]);
			expect(paths.length).toBeGreaterThan(40);
			const overflowing: string[] = [];
			for (const path of paths) {
				await page.goto(path);
				const wide = await page
					.locator('.expressive-code pre')
					.evaluateAll((pres) => pres.filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => (p.textContent ?? '').trim().slice(0, 60)));
				overflowing.push(...wide.map((t) => `${path}: ${t}`));
			}
			expect(overflowing).toEqual([]);
		});
	}
});
