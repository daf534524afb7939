/**
 * The checker must fail when a claim is wrong: these fixtures are small snippets with wrong
 * claims, checked against the real Go toolchain in the sandbox. If the checker passed them, every
 * green `npm run verify` would mean nothing.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { brokenReferences, loadSnippet, playgroundReferences } from '../../src/snippets/catalog.ts';
import { checkSnippet, type CheckFailure } from '../../src/snippets/check.ts';
import { disposeRunner, snippetResults } from '../../src/snippets/results.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'snippets');

async function check(id: string): Promise<CheckFailure[]> {
	const spec = await loadSnippet(id, fixtures);
	return checkSnippet(spec, await snippetResults(spec));
}

afterAll(disposeRunner);

describe('the snippet checker', () => {
	test('passes a snippet whose claims are all true (escape, example output, exact and relative allocs)', async () => {
		expect(await check('all-good')).toEqual([]);
	});

	test('fails a wrong want, naming file:line, the claim and what the compiler said', async () => {
		const f = await check('wrong-want');
		expect(f).toHaveLength(1);
		expect(f[0]?.where).toBe('wrong-want/main.go:7');
		expect(f[0]?.message).toContain('want "n does not escape"');
		expect(f[0]?.message).toContain('"moved to heap: n"');
	});

	test('checks a claim on the releases its span names: both sides of a change in Go 1.25', async () => {
		const spec = await loadSnippet('versions-good', fixtures);
		expect(spec.releases).toEqual(['1.27.3', '1.25.14', '1.24.13']);
		const runs = await snippetResults(spec);
		expect(runs.map((r) => r.results.escape?.goVersion)).toEqual(['go1.27.3', 'go1.25.14', 'go1.24.13']);
		expect(checkSnippet(spec, runs)).toEqual([]);
	}, 900_000);

	test('fails a version claim on the release it does not hold for, naming that release', async () => {
		const f = await check('versions-wrong');
		expect(f.map((x) => x.where)).toEqual(['versions-wrong/main.go:8 on go1.24.13']);
		expect(f[0]?.message).toMatch(/want "does not escape": the compiler reported "make\(\[\]byte, n\) escapes to heap" on this line/);
	}, 900_000);

	test('checks assembly claims against the instructions compiled from their line, on each release a span names', async () => {
		const spec = await loadSnippet('asm-good', fixtures);
		expect(spec.hasAsmClaims).toBe(true);
		expect(spec.releases).toEqual(['1.27.3', '1.26.11']);
		expect(checkSnippet(spec, await snippetResults(spec))).toEqual([]);
	}, 900_000);

	test('fails an assembly claim that does not hold, naming the line, what it compiles to and where the pattern matches', async () => {
		const f = await check('asm-wrong');
		expect(f.map((x) => x.where)).toEqual(['asm-wrong/main.go:6', 'asm-wrong/main.go:12']);
		// The loop's index is checked by its range: no bounds check on line 6.
		expect(f[0]?.message).toMatch(/^want asm "CALL runtime\\\\\.panicIndex": no instruction compiled from this line matches \(\d+ instructions?\)/);
		// xs[0] on an unknown slice is bounds-checked: the panic call is there.
		expect(f[1]?.message).toMatch(/^want asm !"runtime\\\\\.panic": this line compiles to "CALL runtime\.panic\w+\(SB\)"$/);
	}, 900_000);

	test('fails a missing diagnostic', async () => {
		const f = await check('missing-diagnostic');
		expect(f.map((x) => x.where)).toEqual(['missing-diagnostic/main.go:7']);
		expect(f[0]?.message).toMatch(/want "moved to heap: n": the compiler reported .* on this line/);
	});

	test('fails wrong output: both the // Output: block and a stdout pattern', async () => {
		const f = await check('wrong-output');
		expect(f.map((x) => x.where).sort()).toEqual(['wrong-output/main.go:11', 'wrong-output/main.go:7']);
		const exact = f.find((x) => x.where.endsWith(':7'))!;
		expect(exact.message).toMatch(/got:\n\s+2\n\s+want:\n\s+3/);
	});

	test('fails an allocs/op and a B/op mismatch with the measured values', async () => {
		const f = await check('allocs-mismatch');
		expect(f).toHaveLength(2);
		expect(f[0]?.where).toBe('allocs-mismatch/main_test.go:7');
		expect(f[0]?.message).toMatch(/measured BenchmarkFill allocs\/op = \d+.*, which is not == 0/);
		expect(f[1]?.message).toMatch(/measured BenchmarkFill B\/op = \d+.*, which is not <= 64/);
	});

	test('checks a claim about where the program panicked against the traceback: right line passes, wrong line fails', async () => {
		const f = await check('panic-line');
		expect(f).toHaveLength(1);
		expect(f[0]?.where).toBe('panic-line/main.go:4');
		expect(f[0]?.message).toBe('want "panic": the compiler and the program reported nothing on this line; it matches on line 8');
	});

	test('fails a snippet that claims nothing', async () => {
		const f = await check('no-claims');
		expect(f[0]?.message).toMatch(/claims nothing/);
	});

	test('fails an unexpected compile error, and passes a wanted one', async () => {
		const f = await check('unexpected-error');
		expect(f.map((x) => [x.where, x.message])).toContainEqual(['unexpected-error/main.go:4', 'unexpected compile error: declared and not used: x']);
		expect(await check('compile-fail')).toEqual([]);
	});

	test('fails malformed claims and options, each on its line', async () => {
		const f = await check('bad-syntax');
		const lines = f.map((x) => x.where.split(':')[1]);
		expect(lines).toEqual(expect.arrayContaining(['1', '7', '8', '10']));
	});

	test('fails a page that includes a snippet that does not exist', async () => {
		const refs = await playgroundReferences(join(import.meta.dirname, '..', 'fixtures', 'docs'));
		expect(refs.map((r) => r.src)).toEqual(['all-good/main_test.go', 'does-not/exist.go', 'nofolder.go']);
		const broken = brokenReferences(refs, fixtures);
		expect(broken).toHaveLength(2);
		expect(broken[0]).toMatch(/page\.mdx:7: <Playground src="does-not\/exist.go">: content\/snippets\/does-not\/exist.go does not exist/);
		expect(broken[1]).toMatch(/does not name a \.go file inside a snippet folder/);
	});
});
