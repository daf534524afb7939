/**
 * Two replicas (the real main.ts, each a process of its own) sharing a real redis-server, behind a
 * real nginx, all on loopback with free ports (playground-server/src/cluster/). What replicas
 * promise: a result built by one is served by the other; the same new code asked of both at once
 * is built once; the rate limit is counted across them; a burst through the balancer is answered
 * in full; Redis going away degrades to per-replica service and comes back; a replica killed
 * mid-burst costs no request. Nothing is mocked, and nothing is judged by how long it took.
 *
 * Skipped, saying so, only on a machine without redis-server or nginx (the bootstrap installs
 * both for `npm test` as root).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { missingBinaries, startCluster, type Cluster } from '../../playground-server/src/cluster/index.ts';
import { defaultStateDir } from '../../playground-server/src/runner/index.ts';
import type { RunRequest, RunResult } from '@playbook/engine/contract';

const missing = await missingBinaries({ redis: true, nginx: true }, process.env.PATH ?? '');
if (missing.length > 0) {
	console.warn(
		`[replicas.test.ts] skipped: ${missing.join(' and ')} not installed (apt-get install -y redis-server nginx; the bootstrap installs them for npm test as root)`,
	);
}

/** Jobs per client address per minute: small enough that one test can reach it across replicas. */
const rateLimit = 30;

let addresses = 0;
/**
 * A client address of its own for each request (documentation ranges, sent only as the
 * X-Forwarded-For header the replicas trust), so that only the rate-limit test meets the limit.
 */
function nextClient(): string {
	const n = addresses++;
	return `${n % 2 === 0 ? '198.51.100' : '203.0.113'}.${(Math.floor(n / 2) % 254) + 1}`;
}

interface Answer {
	status: number;
	retryAfter: string | null;
	body: RunResult & { error: { code: string; message: string } | null };
}

async function post(base: string, request: RunRequest, client = nextClient()): Promise<Answer> {
	const res = await fetch(`${base}/api/run`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
		body: JSON.stringify(request),
	});
	const text = await res.text();
	let body: Answer['body'];
	try {
		body = JSON.parse(text) as Answer['body'];
	} catch {
		// nginx's own error pages are HTML.
		body = { error: { code: `http_${res.status}`, message: text.slice(0, 200) } } as Answer['body'];
	}
	return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

let tokens = 0;
/** A program of a mode that answers with a token of its own (never in any store before). */
function program(mode: 'run' | 'escape' | 'test' | 'bench' = 'run', extra = ''): { request: RunRequest; token: string } {
	// Closed by a letter, so that no token is the start of another (…x4z is not in …x40z).
	const token = `t${process.pid}x${Date.now()}x${++tokens}z`;
	switch (mode) {
		case 'run':
			return {
				token,
				request: {
					mode,
					files: { 'main.go': `package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\t${extra}\n\t_ = time.Now\n\tfmt.Println("${token}")\n}\n` },
				},
			};
		case 'escape':
			return {
				token,
				request: { mode, files: { 'main.go': `package main\n\nfunc f() *int {\n\t${token} := 1\n\treturn &${token}\n}\n\nfunc main() { _ = f() }\n` } },
			};
		case 'test':
			return {
				token,
				request: {
					mode,
					files: { 'x_test.go': `package x\n\nimport "testing"\n\nfunc TestToken(t *testing.T) { t.Log("${token}") }\n`, 'go.mod': 'module x\n' },
				},
			};
		case 'bench':
			return {
				token,
				request: {
					mode,
					files: {
						'x_test.go': `package x\n\nimport (\n\t"fmt"\n\t"testing"\n)\n\nfunc BenchmarkToken(b *testing.B) {\n\tfmt.Println("${token}")\n\tfor b.Loop() {\n\t}\n}\n`,
						'go.mod': 'module x\n',
					},
					options: { benchtime: '1x' },
				},
			};
	}
}

/** Whether an answer is its own request's: the token, wherever the mode puts it. */
function carries(a: Answer, token: string): boolean {
	return JSON.stringify(a.body).includes(token);
}

function metricSum(text: string, name: string): number {
	let sum = 0;
	for (const line of text.split('\n')) {
		const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`).exec(line);
		if (m) sum += Number(m[1]);
	}
	return sum;
}

async function health(base: string): Promise<{ status: string; redis: string }> {
	return (await (await fetch(`${base}/healthz`)).json()) as { status: string; redis: string };
}

/** Polls until check() holds, for a generous while (an outcome, not a timing, is tested). */
async function eventually(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
	const until = Date.now() + ms;
	while (!(await check().catch(() => false))) {
		if (Date.now() > until) throw new Error(`not within ${ms / 1000} s: ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe.skipIf(missing.length > 0)('two replicas sharing Redis, behind nginx', () => {
	let cluster: Cluster;
	const replica = (i: number) => cluster.replicas[i]!;
	const metricsOf = async (i: number) => (await fetch(`${replica(i).url}/metrics`)).text();
	const sumOverReplicas = async (name: string) => {
		let sum = 0;
		for (let i = 0; i < cluster.replicas.length; i++) sum += metricSum(await metricsOf(i), name);
		return sum;
	};

	beforeAll(async () => {
		cluster = await startCluster({
			replicas: 2,
			redis: true,
			nginx: true,
			env: {
				PATH: process.env.PATH ?? '/usr/bin:/bin',
				HOME: process.env.HOME ?? '/root',
				// The state (toolchains, build caches) the other suites warmed.
				PLAYBOOK_STATE_DIR: defaultStateDir(),
				PLAYBOOK_RATE_LIMIT: String(rateLimit),
			},
		});
	});

	afterAll(async () => {
		await cluster?.stop();
	});

	test('both replicas report the shared Redis up', async () => {
		for (const r of cluster.replicas) expect(await health(r.url)).toMatchObject({ status: 'ok', redis: 'up' });
		expect(metricSum(await metricsOf(0), 'playbook_redis_up')).toBe(1);
	});

	test('a result built by replica A is served by replica B from the shared cache', async () => {
		const { request, token } = program('run');
		const a = await post(replica(0).url, request);
		expect(a).toMatchObject({ status: 200, body: { ok: true, cached: false, stdout: `${token}\n` } });
		const b = await post(replica(1).url, request);
		expect(b).toMatchObject({ status: 200, body: { ok: true, cached: true, stdout: `${token}\n` } });
	});

	test('the same new code asked of both replicas at once is built once', async () => {
		// The program runs a while, so that both requests are there while it is being built.
		const { request, token } = program('run', 'time.Sleep(time.Second)');
		const before = await sumOverReplicas('playbook_jobs_total');
		const [a, b] = await Promise.all([post(replica(0).url, request), post(replica(1).url, request)]);
		for (const r of [a, b]) expect(r).toMatchObject({ status: 200, body: { ok: true, stdout: `${token}\n` } });
		expect(await sumOverReplicas('playbook_jobs_total')).toBe(before + 1);
		// One built it; the other waited for its lock (or, had it come later, found the result).
		expect([a.body.cached, b.body.cached].sort()).toEqual([false, true]);
	});

	test('the rate limit is counted across the replicas', async () => {
		const { request } = program('run');
		const client = '192.0.2.7';
		const answers: Answer[] = [];
		// One client, twice the limit, alternating between the replicas.
		for (let i = 0; i < 2 * rateLimit; i++) answers.push(await post(replica(i % 2).url, request, client));
		const ok = answers.filter((a) => a.status === 200);
		const limited = answers.filter((a) => a.status === 429);
		expect(ok).toHaveLength(rateLimit);
		expect(limited).toHaveLength(rateLimit);
		for (const a of limited) {
			expect(a.body.error?.code).toBe('rate_limited');
			expect(Number(a.retryAfter)).toBeGreaterThan(0);
		}
	});

	test('64 concurrent mixed jobs through nginx: each answered with its own result, or shed with Retry-After', { timeout: 600_000 }, async () => {
		const modes = [
			...Array<'run'>(44).fill('run'),
			...Array<'escape'>(10).fill('escape'),
			...Array<'test'>(6).fill('test'),
			...Array<'bench'>(4).fill('bench'),
		];
		const jobs = modes.map((m) => program(m));
		const answers = await Promise.all(jobs.map((j) => post(cluster.url, j.request)));
		const byStatus: Record<number, number> = {};
		for (const [i, a] of answers.entries()) {
			byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
			expect([200, 429, 503], `request ${i} (${modes[i]}): ${a.status} ${JSON.stringify(a.body.error)}`).toContain(a.status);
			if (a.status === 200) {
				expect(carries(a, jobs[i]!.token), `answer ${i} carries its own token`).toBe(true);
				// And no other request's.
				const others = jobs.filter((_, k) => k !== i && carries(a, jobs[k]!.token));
				expect(others).toEqual([]);
				expect(a.body.error, `request ${i} (${modes[i]})`).toBeNull();
			} else {
				expect(Number(a.retryAfter)).toBeGreaterThan(0);
			}
		}
		console.log(`[replicas] 64 through nginx: ${JSON.stringify(byStatus)}`);
		expect(byStatus[200]).toBeGreaterThan(0);
		// Both replicas took part.
		for (let i = 0; i < 2; i++) expect(metricSum(await metricsOf(i), 'playbook_jobs_total')).toBeGreaterThan(0);
	});

	test('Redis killed: the replicas keep answering on their own and say so; Redis back: shared again', { timeout: 300_000 }, async () => {
		const known = program('run');
		expect((await post(cluster.url, known.request)).status).toBe(200);
		await cluster.redis!.kill();
		for (const r of cluster.replicas) await eventually(`${r.name} reports redis down`, async () => (await health(r.url)).redis === 'down');
		for (const r of cluster.replicas) expect(await health(r.url)).toMatchObject({ status: 'ok', redis: 'down' });
		expect(metricSum(await metricsOf(0), 'playbook_redis_up')).toBe(0);
		expect(await post(cluster.url, known.request)).toMatchObject({ status: 200, body: { ok: true, stdout: `${known.token}\n` } });

		// New code is built where it lands; every request is answered.
		const fresh = Array.from({ length: 6 }, () => program('run'));
		const answers = await Promise.all(fresh.map((p) => post(cluster.url, p.request)));
		for (const [i, a] of answers.entries()) expect(a, `fresh ${i}`).toMatchObject({ status: 200, body: { ok: true, stdout: `${fresh[i]!.token}\n` } });
		// Directly to each replica too: each builds for itself.
		for (const r of cluster.replicas) {
			const p = program('run');
			expect(await post(r.url, p.request)).toMatchObject({ status: 200, body: { ok: true, stdout: `${p.token}\n` } });
		}
		expect(await sumOverReplicas('playbook_redis_errors_total')).toBeGreaterThan(0);

		await cluster.redis!.restart();
		for (const r of cluster.replicas) await eventually(`${r.name} reconnects`, async () => (await health(r.url)).redis === 'up');
		expect(metricSum(await metricsOf(1), 'playbook_redis_up')).toBe(1);
		const { request, token } = program('run');
		expect(await post(replica(0).url, request)).toMatchObject({ status: 200, body: { cached: false, stdout: `${token}\n` } });
		expect(await post(replica(1).url, request)).toMatchObject({ status: 200, body: { cached: true, stdout: `${token}\n` } });
	});

	test('a replica SIGKILLed during a burst: every request answered by the survivor, which keeps serving', { timeout: 300_000 }, async () => {
		const jobs = Array.from({ length: 24 }, () => program('run'));
		let answered = 0;
		const pending = jobs.map((j) =>
			post(cluster.url, j.request).then((a) => {
				answered++;
				return a;
			}),
		);
		// Kill replica A once the burst is under way (some answers out, others still running).
		await eventually('the first answers of the burst', async () => answered >= 2);
		await replica(0).process.kill();
		const answers = await Promise.all(pending);
		const byStatus: Record<number, number> = {};
		for (const [i, a] of answers.entries()) {
			byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
			if (a.status === 200) expect(a.body.stdout, `request ${i}`).toBe(`${jobs[i]!.token}\n`);
			// Anything else must be an error a client retries (nginx's own, with the retries spent).
			else expect([502, 503, 504], `request ${i}: ${a.status} ${JSON.stringify(a.body.error)}`).toContain(a.status);
		}
		console.log(`[replicas] burst with replica A killed: ${JSON.stringify(byStatus)}`);
		expect(byStatus[200]).toBeGreaterThan(0);

		expect(await health(replica(1).url)).toMatchObject({ status: 'ok', redis: 'up' });
		for (let i = 0; i < 5; i++) {
			const p = program('run');
			expect(await post(cluster.url, p.request)).toMatchObject({ status: 200, body: { ok: true, stdout: `${p.token}\n` } });
		}
	});
});
