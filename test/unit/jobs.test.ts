/**
 * The jobs layer the server and the build share: validation by the contract, normalization into
 * one cache key, the stores, single flight. The runner here is a stand-in that counts its jobs;
 * the real runner behind this layer is exercised by the server suites and `npm run verify`.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ContractViolation, type RunRequest, type RunResult } from '@playbook/engine/contract';
import { cacheable, FileStore, Jobs, MemoryStore, resultCacheKey, type JobRunner } from '@playbook/engine/jobs';
import { Scheduler } from '@playbook/engine/runner';
import { runResult } from '../fixtures/run-result.ts';

const result = (over: Partial<RunResult> = {}): RunResult => runResult({ stdout: 'hi\n', durationMs: 100, ...over });

/** Answers after `ms` with what it was asked, and remembers every request. */
function countingRunner(ms = 20, answer: (r: RunRequest) => Partial<RunResult> = () => ({})): JobRunner & { seen: RunRequest[] } {
	const seen: RunRequest[] = [];
	return {
		versionOf: (request) => `go${request.options?.go ?? '1.27.3'}`,
		seen,
		run: async (request) => {
			seen.push(request);
			await new Promise((r) => setTimeout(r, ms));
			return result({ mode: request.mode, stdout: JSON.stringify(request.options ?? {}), ...answer(request) });
		},
		vet: async () => result(),
	};
}

const scheduler = () => new Scheduler({ workers: 2, queueSize: 10, benchQueueSize: 10 });
const main = { 'main.go': 'package main\n\nfunc main() {}\n' };

describe('MemoryStore', () => {
	test('least recently used goes first when the count bound is reached', async () => {
		const c = new MemoryStore({ maxEntries: 2, maxBytes: 1e9 });
		await c.set('a', result());
		await c.set('b', result());
		await c.get('a');
		await c.set('c', result());
		expect([await c.get('a'), await c.get('b'), await c.get('c')].map(Boolean)).toEqual([true, false, true]);
	});

	test('the size bound evicts too, and a result larger than the whole store is not kept', async () => {
		const c = new MemoryStore({ maxEntries: 100, maxBytes: 10_000 });
		await c.set('big', result({ stdout: 'x'.repeat(20_000) }));
		expect(await c.get('big')).toBeUndefined();
		for (let i = 0; i < 10; i++) await c.set(String(i), result({ stdout: 'y'.repeat(1000) }));
		expect(c.bytes).toBeLessThanOrEqual(10_000);
		expect(await c.get('9')).toBeDefined();
		expect(await c.get('0')).toBeUndefined();
	});
});

describe('FileStore', () => {
	const dir = mkdtempSync(join(tmpdir(), 'playbook-store-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	test('keeps a result across instances, and nothing half-written', async () => {
		await new FileStore(dir).set('k1', result({ stdout: 'kept' }));
		expect((await new FileStore(dir).get('k1'))?.stdout).toBe('kept');
		expect(await new FileStore(dir).get('absent')).toBeUndefined();
		expect(readdirSync(dir)).toEqual(['k1.json']);
	});
});

describe('cache keys', () => {
	test('timeouts and internal errors are never kept; other failures are', () => {
		expect(cacheable(result({ ok: false, error: { code: 'timeout', message: '' } }))).toBe(false);
		expect(cacheable(result({ ok: false, error: { code: 'internal_error', message: '' } }))).toBe(false);
		expect(cacheable(result({ ok: false, error: { code: 'compile_error', message: '' } }))).toBe(true);
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
});

describe('Jobs', () => {
	test('a request the contract refuses never reaches the runner, and says which rule', async () => {
		const runner = countingRunner();
		const jobs = new Jobs({ runner, scheduler: scheduler(), store: null });
		const refused = jobs.run({ mode: 'bench', files: { 'x_test.go': 'package x' }, options: { benchtime: '10s' } });
		await expect(refused).rejects.toBeInstanceOf(ContractViolation);
		await expect(refused).rejects.toThrow(/options\.benchtime "10s" is longer than the limit/);
		await expect(jobs.run({ mode: 'escape', files: main, options: { race: true } })).rejects.toThrow(/options\.race does not apply to mode "escape"/);
		expect(runner.seen).toEqual([]);
	});

	test('neutral options are dropped: the same job under one key, run once', async () => {
		const runner = countingRunner();
		const store = new MemoryStore({ maxEntries: 10, maxBytes: 1e6 });
		const jobs = new Jobs({ runner, scheduler: scheduler(), store });
		const a = await jobs.run({ mode: 'run', files: main, options: { race: false, inlining: true, godebug: [] } });
		const b = await jobs.run({ mode: 'run', files: main });
		expect(runner.seen).toEqual([{ mode: 'run', files: main }]);
		expect([a.cached, b.cached]).toEqual([false, true]);
	});

	test('identical requests arriving together share one job; the events say so', async () => {
		const runner = countingRunner(50);
		const counts = { hit: 0, miss: 0, shared: 0, finished: 0 };
		const jobs = new Jobs({
			runner,
			scheduler: scheduler(),
			store: new MemoryStore({ maxEntries: 10, maxBytes: 1e6 }),
			events: { hit: () => counts.hit++, miss: () => counts.miss++, shared: () => counts.shared++, finished: () => counts.finished++ },
		});
		const request: RunRequest = { mode: 'test', files: { 'x_test.go': 'package x' }, options: { count: 2 } };
		const answers = await Promise.all([jobs.run(request), jobs.run(request), jobs.run(request)]);
		expect(runner.seen.length).toBe(1);
		expect(new Set(answers.map((a) => a.stdout))).toEqual(new Set(['{"count":2}']));
		await jobs.run(request);
		// Every request missed the store; two of them joined the first one's job.
		expect(counts).toEqual({ hit: 1, miss: 3, shared: 2, finished: 1 });
	});

	test('a result not worth keeping is run again', async () => {
		const runner = countingRunner(5, () => ({ ok: false, error: { code: 'timeout', message: 'slow' } }));
		const jobs = new Jobs({ runner, scheduler: scheduler(), store: new MemoryStore({ maxEntries: 10, maxBytes: 1e6 }) });
		await jobs.run({ mode: 'run', files: main });
		await jobs.run({ mode: 'run', files: main });
		expect(runner.seen.length).toBe(2);
	});

	test('refresh runs the job again despite a stored result, and stores the new one', async () => {
		let n = 0;
		const runner = countingRunner(5, () => ({ stdout: `run ${++n}` }));
		const jobs = new Jobs({ runner, scheduler: scheduler(), store: new MemoryStore({ maxEntries: 10, maxBytes: 1e6 }) });
		expect((await jobs.run({ mode: 'run', files: main })).stdout).toBe('run 1');
		expect((await jobs.run({ mode: 'run', files: main }, undefined, { refresh: true })).stdout).toBe('run 2');
		const stored = await jobs.run({ mode: 'run', files: main });
		expect([stored.stdout, stored.cached]).toEqual(['run 2', true]);
	});

	test('race is refused where the platform has no race detector', async () => {
		const jobs = new Jobs({ runner: countingRunner(), scheduler: scheduler(), store: null, raceSupported: false });
		await expect(jobs.run({ mode: 'run', files: main, options: { race: true } })).rejects.toThrow(/race detector is not available/);
	});
});
