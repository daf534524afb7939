import { describe, expect, test } from 'vitest';
import { QueueFullError, Scheduler, SchedulerClosedError, laneOf } from '../../playground-server/src/runner/scheduler.ts';

/** A task that runs until the test finishes it, and records that it ran and whether it was aborted. */
function gate() {
	let finish!: (v: string) => void;
	const g = {
		started: false,
		aborted: false,
		done: new Promise<string>((r) => (finish = r)),
		finish: (v = 'done') => finish(v),
		task: (signal: AbortSignal) => {
			g.started = true;
			signal.addEventListener('abort', () => {
				g.aborted = true;
				finish('killed');
			});
			return g.done;
		},
	};
	return g;
}
const tick = () => new Promise((r) => setImmediate(r));

test('modes map to lanes: benchmarks alone, everything else in the pool', () => {
	expect(['run', 'escape', 'test', 'bench'].map((m) => laneOf(m as 'run'))).toEqual(['pool', 'pool', 'pool', 'bench']);
});

describe('pool lane', () => {
	test('runs `workers` jobs at once and starts the next as one finishes', async () => {
		const s = new Scheduler({ workers: 2, queueSize: 10 });
		const g = [gate(), gate(), gate()];
		const results = g.map((x) => s.submit('pool', x.task));
		await tick();
		expect(g.map((x) => x.started)).toEqual([true, true, false]);
		expect(s.stats().pool).toMatchObject({ running: 2, queued: 1 });
		g[0]!.finish('a');
		await tick();
		expect(g[2]!.started).toBe(true);
		g[1]!.finish('b');
		g[2]!.finish('c');
		expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
	});

	test('a full queue refuses at once, with a retry estimate', async () => {
		const s = new Scheduler({ workers: 1, queueSize: 1 });
		const g = [gate(), gate()];
		void s.submit('pool', g[0]!.task);
		void s.submit('pool', g[1]!.task);
		const refused = s.submit('pool', gate().task);
		await expect(refused).rejects.toBeInstanceOf(QueueFullError);
		const e = (await refused.catch((x: unknown) => x)) as QueueFullError;
		expect(e.retryAfterSeconds).toBeGreaterThanOrEqual(1);
		expect(e.message).toMatch(/busy/);
	});

	test('a queued job whose caller gives up leaves the queue and never runs', async () => {
		const s = new Scheduler({ workers: 1, queueSize: 5 });
		const first = gate();
		void s.submit('pool', first.task);
		const queued = gate();
		const controller = new AbortController();
		const p = s.submit('pool', queued.task, controller.signal);
		controller.abort(new Error('client left'));
		await expect(p).rejects.toThrow('client left');
		expect(s.stats().pool.queued).toBe(0);
		first.finish();
		await tick();
		expect(queued.started).toBe(false);
	});

	test('a running job whose caller gives up is aborted', async () => {
		const s = new Scheduler({ workers: 1, queueSize: 5 });
		const g = gate();
		const controller = new AbortController();
		const p = s.submit('pool', g.task, controller.signal);
		await tick();
		controller.abort();
		expect(await p).toBe('killed');
		expect(g.aborted).toBe(true);
	});
});

describe('bench lane', () => {
	test('one benchmark at a time, and the pool gives up a worker meanwhile', async () => {
		const s = new Scheduler({ workers: 2, queueSize: 10 });
		const b1 = gate();
		const b2 = gate();
		void s.submit('bench', b1.task);
		void s.submit('bench', b2.task);
		const p = [gate(), gate()];
		for (const x of p) void s.submit('pool', x.task);
		await tick();
		expect([b1.started, b2.started]).toEqual([true, false]);
		expect(p.map((x) => x.started)).toEqual([true, false]);
		b1.finish();
		await tick();
		expect(b2.started).toBe(true);
		b2.finish();
		await tick();
		expect(p[1]!.started).toBe(true);
	});

	test('its queue is bounded on its own', async () => {
		const s = new Scheduler({ workers: 4, queueSize: 100, benchQueueSize: 1 });
		void s.submit('bench', gate().task);
		void s.submit('bench', gate().task);
		await expect(s.submit('bench', gate().task)).rejects.toBeInstanceOf(QueueFullError);
		await expect(s.submit('pool', async () => 'still open')).resolves.toBe('still open');
	});
});

describe('shutdown', () => {
	test('close refuses new jobs and drops queued ones; running ones finish', async () => {
		const s = new Scheduler({ workers: 1, queueSize: 5 });
		const running = gate();
		const r = s.submit('pool', running.task);
		const queued = s.submit('pool', gate().task);
		s.close();
		await expect(queued).rejects.toBeInstanceOf(SchedulerClosedError);
		await expect(s.submit('pool', gate().task)).rejects.toBeInstanceOf(SchedulerClosedError);
		running.finish('finished');
		expect(await r).toBe('finished');
	});

	test('drain kills what is still running after the grace period, and waits for it', async () => {
		const s = new Scheduler({ workers: 2, queueSize: 5 });
		const g = gate();
		const r = s.submit('pool', g.task);
		await tick();
		await s.drain(10);
		expect(g.aborted).toBe(true);
		expect(await r).toBe('killed');
		expect(s.stats().pool.running).toBe(0);
	});
});

describe('benchAlone (the snippet checker)', () => {
	test('a benchmark waits for running pool jobs, and no pool job starts while it waits or runs', async () => {
		const s = new Scheduler({ workers: 2, queueSize: 10, benchAlone: true });
		const compile = gate();
		const bench = gate();
		const later = gate();
		void s.submit('pool', compile.task);
		await tick();
		void s.submit('bench', bench.task);
		void s.submit('pool', later.task);
		await tick();
		expect([compile.started, bench.started, later.started]).toEqual([true, false, false]);
		compile.finish();
		await tick();
		await tick();
		expect([bench.started, later.started]).toEqual([true, false]);
		bench.finish();
		await tick();
		await tick();
		expect(later.started).toBe(true);
		later.finish();
	});
});
