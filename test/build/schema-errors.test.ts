/**
 * A page with invalid frontmatter must stop `astro build` with a message that names the file, the
 * field and the allowed values. Each case builds a throw-away project in a temporary directory
 * under .cache/ (inside the repository, so that it resolves the repository's node_modules the
 * ordinary way; a symlinked node_modules confuses Astro's bundler) with the site's real content config (content.config.ts + src/content/), Starlight's docsLoader
 * and srcDir './' as in astro.config.mjs, and one page; a valid page must build, so a failure is
 * the schema's doing and not the fixture's. (The site's other integrations are left out: they do
 * not take part in validating frontmatter.)
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { kinds, severities, topics } from '../../src/content/taxonomy.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');
const made: string[] = [];

afterAll(async () => {
	await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Builds a fixture project holding `content/docs/<page>` and returns the exit code and all output. */
async function build(page: string, frontmatter: string): Promise<{ code: number; output: string; dir: string }> {
	await mkdir(join(root, '.cache'), { recursive: true });
	const dir = await mkdtemp(join(root, '.cache', 'schema-fixture-'));
	made.push(dir);
	await cp(join(root, 'src/content'), join(dir, 'src/content'), { recursive: true });
	await cp(join(root, 'content.config.ts'), join(dir, 'content.config.ts'));
	// Astro bundles the packages a project depends on that build on Astro (Starlight imports
	// astro:content); without them listed, Node would be asked to load Starlight as is and fail.
	const dependencies = { astro: '*', '@astrojs/starlight': '*' };
	await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'schema-fixture', private: true, type: 'module', dependencies }));
	await writeFile(
		join(dir, 'astro.config.mjs'),
		[
			"import { defineConfig } from 'astro/config';",
			"import starlight from '@astrojs/starlight';",
			// Vite would otherwise keep its cache in the repository's node_modules/.vite.
			"export default defineConfig({ srcDir: './', vite: { cacheDir: './.vite' }, integrations: [starlight({ title: 'Schema fixture', pagefind: false })] });",
		].join('\n'),
	);
	await mkdir(join(dir, 'content/docs', dirname(page)), { recursive: true });
	await writeFile(join(dir, 'content/docs/index.mdx'), '---\ntitle: Home\n---\n\nHome.\n');
	await writeFile(join(dir, 'content/docs', page), `---\n${frontmatter.trim()}\n---\n\nBody.\n`);

	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [astroBin, 'build'], {
			cwd: dir,
			env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (c: Buffer) => (output += c.toString()));
		child.stderr.on('data', (c: Buffer) => (output += c.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, output, dir }));
	});
}

const quoted = (values: readonly string[]) => values.join(', ');

describe('astro build with the Playbook content schema', () => {
	test('a valid knowledge page builds (the fixture itself is sound)', async () => {
		const { code, output, dir } = await build(
			'anti-patterns/good.mdx',
			'title: Good\nkind: anti-pattern\ntopics: [maps, gc]\nseverity: high\ngo: { since: "1.24" }',
		);
		expect(code, output).toBe(0);
		expect(await readFile(join(dir, 'dist/anti-patterns/good/index.html'), 'utf8')).toContain('Good');
	});

	test('a bad kind fails, naming the file, the field and the kinds', async () => {
		const { code, output } = await build('rules/bad-kind.mdx', 'title: Bad kind\nkind: rulez\ntopics: [maps]');
		expect(code).not.toBe(0);
		expect(output).toContain('content/docs/rules/bad-kind.mdx');
		expect(output).toContain(`kind: "rulez" is not a kind; use one of: ${quoted(kinds)}`);
	});

	test('an unknown topic fails, naming the file, the entry and the topics', async () => {
		const { code, output } = await build('rules/bad-topic.mdx', 'title: Bad topic\nkind: rule\ntopics: [maps, hashmaps]');
		expect(code).not.toBe(0);
		expect(output).toContain('content/docs/rules/bad-topic.mdx');
		expect(output).toContain(`topics.1: "hashmaps" is not a known topic; use one of: ${quoted(topics)}`);
	});

	test('an anti-pattern without a severity fails, naming the file, the field and the severities', async () => {
		const { code, output } = await build('anti-patterns/no-severity.mdx', 'title: No severity\nkind: anti-pattern\ntopics: [maps]');
		expect(code).not.toBe(0);
		expect(output).toContain('content/docs/anti-patterns/no-severity.mdx');
		expect(output).toContain(`severity: missing: an anti-pattern needs a severity, one of: ${quoted(severities)}`);
	});

	test('a misspelt field fails, naming the file and the field', async () => {
		const { code, output } = await build('rules/misspelt.mdx', 'title: Misspelt\nkind: rule\ntopics: [maps]\ntopcs: [gc]');
		expect(code).not.toBe(0);
		expect(output).toContain('content/docs/rules/misspelt.mdx');
		expect(output).toContain('unknown frontmatter field "topcs": check the spelling');
	});

	test('a malformed Go version fails, naming the file, the field and the form', async () => {
		const { code, output } = await build('internals/bad-go.mdx', 'title: Bad Go\nkind: internals\ntopics: [maps]\ngo: { since: "go1.24" }');
		expect(code).not.toBe(0);
		expect(output).toContain('content/docs/internals/bad-go.mdx');
		expect(output).toContain('go.since: "go1.24" is not a Go version written like "1.24"');
	});
});
