import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/browser.ts';

const port = Number(process.env.E2E_PORT ?? 4399);

export default defineConfig({
	testDir: 'test/e2e',
	outputDir: 'test-results/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 20_000 },
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: chromiumLaunchOptions(),
		screenshot: 'only-on-failure',
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	// The production build served by the real server (site + playground API on one port).
	webServer: {
		command: 'node playground-server/src/main.ts',
		// The suites send more jobs than a reader would in a minute: no per-client rate limit here
		// (the server's own tests cover it).
		env: { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PLAYBOOK_RATE_LIMIT: '0' },
		url: `http://127.0.0.1:${port}/healthz`,
		timeout: 600_000,
		reuseExistingServer: false,
	},
});
