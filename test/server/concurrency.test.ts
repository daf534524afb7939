/**
 * Many requests at once: every one is answered (a result, or an explicit 429/503), and every
 * answer belongs to its own request. Also: a full queue, isolation between jobs running side by
 * side, and shutdown with jobs running and waiting.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunRequest, RunResult } from '@playbook/engine/contract';
import { leftovers, startServer, type TestServer } from './helpers.ts';

async function post(
	server: TestServer,
	request: RunRequest,
): Promise<{ status: number; retryAfter: string | null; body: RunResult & { error: { code: string } | null } }> {
	const res = await fetch(`${server.url}/api/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
	return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as RunResult & { error: { code: string } | null } };
}

interface Job {
	request: RunRequest;
	/** Whether a 200 answer is this request's own. */
	belongs(r: RunResult): boolean;
}

/** 32 requests of every mode, each with a token of its own in its source and its answer. */
function mixedJobs(): Job[] {
	const tag = `${process.pid}x${Date.now()}`;
	return Array.from({ length: 32 }, (_, i): Job => {
		const id = `T${tag}n${i}`;
		switch (i % 4) {
			case 0:
				return {
					request: { mode: 'run', files: { 'main.go': `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("${id}") }\n` } },
					belongs: (r) => r.stdout === `${id}\n`,
				};
			case 1:
				return {
					request: {
						mode: 'escape',
						files: { 'main.go': `package main\n\nfunc leak${id}() *int {\n\tv${id} := 1\n\treturn &v${id}\n}\n\nfunc main() { _ = leak${id}() }\n` },
					},
					belongs: (r) => r.diagnostics.some((d) => d.message === `moved to heap: v${id}`),
				};
			case 2:
				return {
					request: { mode: 'test', files: { 'x_test.go': `package main\n\nimport "testing"\n\nfunc Test${id}(t *testing.T) {}\n` } },
					belongs: (r) => r.stdout.includes(`--- PASS: Test${id}`) && r.tests?.passed === 1,
				};
			default:
				return {
					request: {
						mode: 'bench',
						files: { 'x_test.go': `package main\n\nimport "testing"\n\nfunc Benchmark${id}(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t}\n}\n` },
						options: { benchtime: '100x' },
					},
					belongs: (r) => r.benchmarks.length === 1 && r.benchmarks[0]!.name === `Benchmark${id}`,
				};
		}
	});
}

describe('32 mixed requests at once', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startServer({ baseUid: 62300, config: { queueSize: 64, benchQueueSize: 4 } });
	});
	afterAll(async () => {
		await server?.close();
	});

	test('each is answered, with its own result or an explicit 429/503, and nothing is left behind', async () => {
		const jobs = mixedJobs();
		const answers = await Promise.all(jobs.map((j) => post(server, j.request)));
		const summary: Record<string, number> = {};
		answers.forEach((a, i) => {
			const job = jobs[i]!;
			const what = `request ${i} (${job.request.mode}): ${a.status} ${JSON.stringify(a.body.error)}`;
			if (a.status === 200) {
				expect(a.body.error, what).toBeNull();
				expect(job.belongs(a.body), `${what} is not its own answer: ${a.body.stdout.slice(0, 200)}`).toBe(true);
			} else {
				expect([429, 503], what).toContain(a.status);
				expect(['rate_limited', 'queue_full'], what).toContain(a.body.error?.code);
				expect(Number(a.retryAfter), what).toBeGreaterThan(0);
			}
			summary[a.status] = (summary[a.status] ?? 0) + 1;
		});
		// Run, escape and test fit the queue; only benchmarks (one at a time, 4 may wait) can be refused.
		expect(answers.filter((a, i) => a.status !== 200 && jobs[i]!.request.mode !== 'bench')).toEqual([]);
		expect(summary['200']).toBeGreaterThanOrEqual(24 + 5);
		expect(await leftovers(server)).toEqual([]);
	});
});

describe('a full queue', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startServer({ baseUid: 62310, workers: 1, config: { queueSize: 1, cacheEntries: 0 } });
	});
	afterAll(async () => {
		await server?.close();
	});

	test('refuses with 503 queue_full and Retry-After, and still finishes what it accepted', async () => {
		const nap = (i: number): RunRequest => ({
			mode: 'run',
			files: { 'main.go': `package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\ttime.Sleep(300 * time.Millisecond)\n\tfmt.Println(${i})\n}\n` },
		});
		const answers = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => post(server, nap(i))));
		const refused = answers.filter((a) => a.status === 503);
		const done = answers.filter((a) => a.status === 200);
		expect(refused.length).toBeGreaterThan(0);
		for (const r of refused) {
			expect(r.body.error?.code).toBe('queue_full');
			expect(r.body.error?.message).toMatch(/busy.*Try again in about \d+ s/);
			expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
		}
		expect(done.length).toBeGreaterThanOrEqual(2);
		for (const d of done) expect(d.body.error).toBeNull();
		expect(await leftovers(server)).toEqual([]);
	});
});

describe('jobs side by side', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startServer({ baseUid: 62320, config: { cacheEntries: 0 } });
	});
	afterAll(async () => {
		await server?.close();
	});

	test("a running job's files and processes are invisible to another running at the same time", async () => {
		const secret = `secret-${Date.now()}`;
		const writer: RunRequest = {
			mode: 'run',
			files: {
				'main.go': `package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"time"\n)\n\nfunc main() {\n\tos.WriteFile("/tmp/${secret}", []byte("${secret}"), 0o644)\n\tfmt.Println("written")\n\ttime.Sleep(1500 * time.Millisecond)\n}\n`,
			},
		};
		const reader: RunRequest = {
			mode: 'run',
			files: {
				'main.go': `package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"time"\n)\n\nfunc main() {\n\ttime.Sleep(500 * time.Millisecond)\n\ttmp, _ := os.ReadDir("/tmp")\n\tprocs, _ := os.ReadDir("/proc")\n\tn := 0\n\tfor _, p := range procs {\n\t\tif p.Name()[0] >= '0' && p.Name()[0] <= '9' {\n\t\t\tn++\n\t\t}\n\t}\n\tfmt.Println("tmp", len(tmp), "processes", n)\n}\n`,
			},
		};
		const [w, r] = await Promise.all([post(server, writer), post(server, reader)]);
		expect(w.body.stdout).toBe('written\n');
		expect(r.body.stdout).toBe('tmp 0 processes 1\n');
	});
});

describe('shutdown', () => {
	test('stops taking jobs, kills running ones after the grace period, refuses queued ones, and removes every job directory', async () => {
		const server = await startServer({ baseUid: 62330, workers: 1, config: { shutdownGraceMs: 300, cacheEntries: 0 } });
		const sleeper = (i: number): RunRequest => ({
			mode: 'run',
			files: { 'main.go': `package main\n\nimport "time"\n\nfunc main() {\n\ttime.Sleep(time.Hour) // ${i}\n}\n` },
		});
		const running = post(server, sleeper(1));
		const queued = post(server, sleeper(2));
		while (server.app.playground.scheduler.stats().pool.queued === 0) await new Promise((r) => setTimeout(r, 20));

		server.app.playground.scheduler.close();
		const health = await server.app.inject({ method: 'GET', url: '/healthz' });
		expect(health.statusCode).toBe(503);
		expect(health.json()).toMatchObject({ status: 'shutting_down' });
		const late = await server.app.inject({ method: 'POST', url: '/api/run', payload: sleeper(3) });
		expect(late.statusCode).toBe(503);
		expect(late.json()).toMatchObject({ error: { code: 'shutting_down' } });
		expect(late.headers['retry-after']).toBe('5');

		await server.app.close();
		const [r, q] = await Promise.all([running, queued]);
		expect([r.status, r.body.error?.code]).toEqual([503, 'shutting_down']);
		expect([q.status, q.body.error?.code]).toEqual([503, 'shutting_down']);
		expect(await leftovers(server)).toEqual([]);
		await server.runner.dispose();
	});
});
