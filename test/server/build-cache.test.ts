/** The shared Go build cache's size bound, checked when a runner starts. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { defaultGoRelease } from '@playbook/engine/contract';
import { createRunner } from '../../playground-server/src/runner/index.ts';

const dirs: string[] = [];
afterEach(() => {
	delete process.env.PLAYBOOK_GOCACHE_MAX_BYTES;
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The default release's build cache (one per release) in a new state directory. */
const cacheOf = (state: string) => join(state, `gocache-go${defaultGoRelease}`);

function stateWithCache(bytes: number): string {
	const state = mkdtempSync(join(tmpdir(), 'playbook-state-'));
	dirs.push(state);
	mkdirSync(join(cacheOf(state), 'ab'), { recursive: true });
	writeFileSync(join(cacheOf(state), 'ab', 'entry-d'), Buffer.alloc(bytes));
	return state;
}

test('a cache over the limit is emptied at start-up', async () => {
	process.env.PLAYBOOK_GOCACHE_MAX_BYTES = '1000';
	const state = stateWithCache(5000);
	const messages: string[] = [];
	const runner = await createRunner({ stateDir: state, baseUid: 62400, slots: 1, log: (_l, m) => messages.push(m) });
	try {
		expect(runner.cacheCheck).toEqual({ bytes: 5000, emptied: true });
		expect(readdirSync(cacheOf(state))).toEqual([]);
		expect(messages.join('\n')).toMatch(/emptied it/);
	} finally {
		await runner.dispose();
	}
});

test('a cache under the limit, or with the limit off, is kept', async () => {
	process.env.PLAYBOOK_GOCACHE_MAX_BYTES = '10000';
	const state = stateWithCache(5000);
	let runner = await createRunner({ stateDir: state, baseUid: 62400, slots: 1 });
	expect(runner.cacheCheck).toEqual({ bytes: 5000, emptied: false });
	await runner.dispose();
	process.env.PLAYBOOK_GOCACHE_MAX_BYTES = '0';
	runner = await createRunner({ stateDir: state, baseUid: 62400, slots: 1 });
	expect(runner.cacheCheck).toBeNull();
	expect(readdirSync(join(cacheOf(state), 'ab'))).toEqual(['entry-d']);
	await runner.dispose();
});
