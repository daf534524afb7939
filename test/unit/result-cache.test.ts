import { expect, test } from 'vitest';
import type { RunResult } from '../../src/shared/api.ts';
import { ResultCache } from '../../playground-server/src/result-cache.ts';
import { cacheable, resultCacheKey } from '../../playground-server/src/runner/cache-key.ts';

const result = (over: Partial<RunResult> = {}): RunResult => ({
	ok: true, mode: 'run', goVersion: 'go1.26.8', exitCode: 0, stdout: 'hi\n', stderr: '', durationMs: 100, cached: false, truncated: false, diagnostics: [], benchmarks: [], tests: null, error: null, ...over,
});

test('least recently used goes first when the count bound is reached', () => {
	const c = new ResultCache({ maxEntries: 2, maxBytes: 1e9 });
	c.set('a', result());
	c.set('b', result());
	c.get('a');
	c.set('c', result());
	expect([c.get('a'), c.get('b'), c.get('c')].map(Boolean)).toEqual([true, false, true]);
});

test('the size bound evicts too, and a result larger than the whole cache is not kept', () => {
	const c = new ResultCache({ maxEntries: 100, maxBytes: 10_000 });
	c.set('big', result({ stdout: 'x'.repeat(20_000) }));
	expect(c.get('big')).toBeUndefined();
	for (let i = 0; i < 10; i++) c.set(String(i), result({ stdout: 'y'.repeat(1000) }));
	expect(c.bytes).toBeLessThanOrEqual(10_000);
	expect(c.get('9')).toBeDefined();
	expect(c.get('0')).toBeUndefined();
});

test('timeouts and internal errors are never cached; other failures are', () => {
	expect(cacheable(result({ ok: false, error: { code: 'timeout', message: '' } }))).toBe(false);
	expect(cacheable(result({ ok: false, error: { code: 'internal_error', message: '' } }))).toBe(false);
	expect(cacheable(result({ ok: false, error: { code: 'compile_error', message: '' } }))).toBe(true);
	const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6 });
	c.set('t', result({ ok: false, error: { code: 'timeout', message: '' } }));
	expect(c.size).toBe(0);
});

test('the key covers mode, options, Go version and files, in any key order', () => {
	const base = { mode: 'bench' as const, files: { 'a_test.go': 'x', 'b.go': 'y' }, options: { count: 2, benchtime: '1s' } };
	const k = resultCacheKey(base, 'go1.26.8');
	expect(resultCacheKey({ mode: 'bench', options: { benchtime: '1s', count: 2 }, files: { 'b.go': 'y', 'a_test.go': 'x' } }, 'go1.26.8')).toBe(k);
	expect(resultCacheKey({ ...base, mode: 'test' }, 'go1.26.8')).not.toBe(k);
	expect(resultCacheKey({ ...base, options: { count: 3, benchtime: '1s' } }, 'go1.26.8')).not.toBe(k);
	expect(resultCacheKey(base, 'go1.27.0')).not.toBe(k);
	expect(resultCacheKey({ ...base, files: { 'a_test.go': 'x', 'b.go': 'y ' } }, 'go1.26.8')).not.toBe(k);
	expect(k).toMatch(/^[0-9a-f]{64}$/);
});
