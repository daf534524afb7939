/**
 * Takes a screenshot of a page in Debian's Chromium, for looking at what the site shows a person.
 * Usage: node scripts/screenshot.ts <url> <out.png> [--width=1280] [--height=900] [--dark] [--full]
 *        [--no-js] [--click=<css selector>] [--wait=<ms>] [--element=<css selector>]
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/browser.ts';

const [url, out, ...flags] = process.argv.slice(2);
if (!url || !out) {
	console.error('usage: node scripts/screenshot.ts <url> <out.png> [--width=N] [--height=N] [--dark] [--full] [--no-js] [--click=SEL] [--wait=MS]');
	process.exit(2);
}
const flag = (name: string) =>
	flags
		.find((f) => f === `--${name}` || f.startsWith(`--${name}=`))
		?.split('=')
		.slice(1)
		.join('=');
const has = (name: string) => flags.some((f) => f === `--${name}`);

const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({
	viewport: { width: Number(flag('width') ?? 1280), height: Number(flag('height') ?? 900) },
	colorScheme: has('dark') ? 'dark' : 'light',
	javaScriptEnabled: !has('no-js'),
});
await page.goto(url, { waitUntil: 'networkidle' });
for (const sel of flags.filter((f) => f.startsWith('--click=')).map((f) => f.slice('--click='.length))) {
	await page.click(sel);
}
const wait = flag('wait');
if (wait) await page.waitForTimeout(Number(wait));
const element = flag('element');
if (element) await page.locator(element).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: has('full') });
await browser.close();
console.log(out);
