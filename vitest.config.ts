import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		// Integration suites build and run Go in the real sandbox: generous, never timing-based.
		testTimeout: 120_000,
		hookTimeout: 600_000,
		pool: 'forks',
		// Two cores: more parallel files only make the Go builds queue behind each other.
		maxWorkers: 2,
	},
});
