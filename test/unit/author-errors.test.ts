/**
 * Mistakes an author makes in a page stop the build as Astro errors with a hint (what Astro's
 * overlay and its build output show), before any Go runs: a snippet path that names nothing, and
 * snippet options the live server would refuse.
 */
import { join } from 'node:path';
import { AstroError } from 'astro/errors';
import { describe, expect, test } from 'vitest';
import { bakeSnippet, checkPageVersions, type BakedSnippet } from '../../src/snippets/bake.ts';
import { parseSnippet } from '../../src/snippets/expectations.ts';

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

describe("a page's go range against its snippets' releases", () => {
	const baked = (lines: string[]) => {
		const spec = parseSnippet('maps/x', { 'main_test.go': ['package x', '', 'import "testing"', '', ...lines, 'func BenchmarkX(b *testing.B) {}'].join('\n') });
		return { id: spec.id, spec } as unknown as BakedSnippet;
	};
	test('a snippet checked on a release in the range passes', () => {
		expect(() => checkPageVersions(baked(['// want BenchmarkX allocs/op == 0']), { since: '1.24' }, 'content/docs/p.mdx')).not.toThrow();
		expect(() => checkPageVersions(baked(['// want go1.21-1.23 BenchmarkX allocs/op == 0']), { until: '1.23' }, 'p.mdx')).not.toThrow();
	});
	test('a page for releases none of its snippet checks is an author error naming both', () => {
		let e: unknown;
		try {
			checkPageVersions(baked(['// want BenchmarkX allocs/op == 0']), { since: '1.21', until: '1.23' }, 'content/docs/old.mdx');
		} catch (err) {
			e = err;
		}
		expect(e).toBeInstanceOf(AstroError);
		expect((e as AstroError).message).toBe(
			'content/docs/old.mdx: the page applies to Go 1.21 to 1.23, but its snippet content/snippets/maps/x is checked on go1.27.3 only, none of which is in that range.',
		);
		expect((e as AstroError).hint).toMatch(/want go1\.23 …|playbook:options go=1\.21/);
	});
});
