/**
 * Mistakes an author makes in a page stop the build as Astro errors with a hint (what Astro's
 * overlay and its build output show), before any Go runs: a snippet path that names nothing, and
 * snippet options the live server would refuse.
 */
import { join } from 'node:path';
import { AstroError } from 'astro/errors';
import { describe, expect, test } from 'vitest';
import { bakeSnippet } from '../../src/snippets/bake.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'snippets');

async function authorError(src: string): Promise<AstroError> {
	const e = await bakeSnippet(src, fixtures).then(
		() => null,
		(err: unknown) => err,
	);
	expect(e).toBeInstanceOf(AstroError);
	return e as AstroError;
}

describe('author errors', () => {
	test('a src that is not a .go file in a folder', async () => {
		const e = await authorError('main.go');
		expect(e.message).toBe('<Playground src="main.go"> does not name a .go file inside a snippet folder.');
		expect(e.hint).toMatch(/relative to content\/snippets\//);
	});

	test('a snippet folder that does not exist', async () => {
		const e = await authorError('maps/no-such-snippet/main.go');
		expect(e.message).toBe('There is no snippet folder content/snippets/maps/no-such-snippet.');
		expect(e.hint).toMatch(/README: How to add a snippet/);
	});

	test('a file the snippet does not have', async () => {
		const e = await authorError('all-good/other.go');
		expect(e.message).toContain('content/snippets/all-good has no file other.go');
		expect(e.hint).toMatch(/^That snippet has .*\.go; name one of them in src\.$/);
	});

	test('options the live server would refuse, named with their file and line', async () => {
		const e = await authorError('bad-options/bench_test.go');
		expect(e.message).toContain('bench_test.go:1: //playbook:options: benchtime "10s" is longer than the limit');
		expect(e.hint).toMatch(/the server would refuse this one/);
	});
});
