// @ts-check
/**
 * The linter: the recommended rules of ESLint, typescript-eslint and eslint-plugin-astro, and the
 * project's boundaries, which are configuration here rather than comments:
 *   - the engine (playground-server/) never imports the site (src/, content/, scripts/);
 *   - browser code (src/playground/, src/results-view/) imports no Node module and none of the
 *     engine's Node-only entry points (runner, jobs) nor the build's snippet folder;
 *   - the site reaches the engine through its package entry points, never by a relative path.
 * Formatting is Prettier's (eslint-config-prettier turns off the rules it owns).
 */
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import { importX } from 'eslint-plugin-import-x';

const browserFolders = ['src/playground/**', 'src/results-view/**'];
const nodeOnlyForBrowser = {
	patterns: [
		{ group: ['node:*'], message: 'Browser code: no Node modules.' },
		{
			group: ['@playbook/engine/runner', '@playbook/engine/jobs'],
			message: "Browser code: the engine's runner and jobs layer are Node-only; use @playbook/engine/contract.",
		},
		{ group: ['**/snippets/*'], message: "Browser code: src/snippets/ is the build's (Node-only)." },
		{ group: ['**/playground-server/**'], message: 'Import the engine by its entry point, @playbook/engine/contract.' },
	],
	paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util'].map((name) => ({ name, message: 'Browser code: no Node modules.' })),
};

export default defineConfig(
	{ ignores: ['dist/', '.astro/', '.cache/', '.tools/', 'node_modules/', 'test-results/', 'playwright-report/', 'content/snippets/**'] },
	js.configs.recommended,
	tseslint.configs.recommended,
	astro.configs.recommended,
	{
		plugins: { 'import-x': importX },
		languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'no-empty': ['error', { allowEmptyCatch: true }],
		},
	},
	{
		files: ['playground-server/**'],
		rules: {
			'import-x/no-restricted-paths': [
				'error',
				{
					zones: [
						{
							target: './playground-server',
							from: ['./src', './content', './scripts', './test'],
							message: 'The engine never imports the site: the site depends on the engine, not the reverse.',
						},
					],
				},
			],
		},
	},
	{
		files: ['src/**', 'scripts/**', 'astro.config.mjs', 'ec.config.mjs', 'content.config.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/playground-server/**'], message: 'Import the engine by its entry points: @playbook/engine/contract, /runner or /jobs.' }] },
			],
		},
	},
	{ files: browserFolders, rules: { 'no-restricted-imports': ['error', nodeOnlyForBrowser] } },
	prettier,
);
