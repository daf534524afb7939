/** Checklists: tickable items remembered in the browser, printable, and a plain list without JavaScript. */
import { expect, test } from '@playwright/test';

const page_ = '/checklists/map-hygiene/';

test('ticks are remembered across visits, counted, and cleared', async ({ page }) => {
	await page.goto(page_);
	const boxes = page.locator('.sl-markdown-content li > input[type="checkbox"]');
	const total = await boxes.count();
	expect(total).toBeGreaterThan(5);
	const count = page.locator('[data-checklist-count]');
	await expect(count).toHaveText(`0 of ${total} done`);
	await boxes.nth(0).check();
	await boxes.nth(3).check();
	await expect(count).toHaveText(`2 of ${total} done`);
	await page.reload();
	await expect(boxes.nth(0)).toBeChecked();
	await expect(boxes.nth(1)).not.toBeChecked();
	await expect(boxes.nth(3)).toBeChecked();
	await expect(count).toHaveText(`2 of ${total} done`);
	// Each box is named by its item, for screen readers.
	await expect(boxes.nth(0)).toHaveAttribute('aria-label', /The map is made before the first write/);
	await page.getByRole('button', { name: 'Clear ticks' }).click();
	await expect(count).toHaveText(`0 of ${total} done`);
	await page.reload();
	await expect(boxes.nth(0)).not.toBeChecked();
});

test('printed, the list keeps its ticks and loses the controls and navigation', async ({ page }) => {
	await page.goto(page_);
	await page.locator('.sl-markdown-content li > input[type="checkbox"]').first().check();
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('[data-checklist-tools]')).toBeHidden();
	await expect(page.locator('nav.sidebar, .sidebar')).toBeHidden();
	await expect(page.locator('.sl-markdown-content li > input[type="checkbox"]').first()).toBeChecked();
	await page.screenshot({ path: 'test-results/e2e/screens/checklist-print.png', fullPage: true });
});

test('without JavaScript: a plain list, no controls that would do nothing', async ({ browser }) => {
	const page = await browser.newPage({ javaScriptEnabled: false });
	await page.goto(page_);
	await expect(page.locator('[data-checklist-tools]')).toBeHidden();
	await expect(page.locator('.sl-markdown-content li').first()).toContainText('The map is made before the first write');
	await page.close();
});

test('pages that are not checklists load no checklist script', async ({ page }) => {
	await page.goto('/rules/maps-never-shrink/');
	await expect(page.locator('[data-checklist-tools]')).toHaveCount(0);
});
