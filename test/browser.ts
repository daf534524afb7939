import type { LaunchOptions } from '@playwright/test';

/**
 * Launch options for Debian's Chromium. Playwright's own browser download cannot work on these
 * machines, so tests and scripts always point at the system binary; the networking flags stop
 * Chromium from calling home on a machine without internet access.
 */
export function chromiumLaunchOptions(): LaunchOptions {
	return {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			'--disable-sync',
			'--disable-quic',
		],
	};
}
