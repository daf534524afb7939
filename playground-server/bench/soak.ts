/**
 * `npm run soak [-- --minutes=10 --concurrency=2,8,32]`: sustained mixed load (run, escape, test,
 * bench; half new code, half repeated) against one replica, then against two replicas sharing a
 * Redis behind nginx — the cluster of src/cluster/, started as test/server/replicas.test.ts starts
 * it. Not a test: it measures and prints, per topology and concurrency, throughput, p50/p99
 * latency and answers by status; the replicas' RSS over time; and what is left when it stops
 * (processes of the sandbox uids, job directories, job cgroups).
 *
 * --minutes is per topology, split evenly between the concurrencies. Loopback only, bounded in
 * time, rate limit off. PLAYBOOK_STATE_DIR is honoured (the replicas share it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../src/cluster/index.ts';
import { defaultStateDir } from '../src/runner/index.ts';
import type { RunRequest } from '../src/contract/index.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const minutes = Number(arg('minutes') ?? 10);
const levels = (arg('concurrency') ?? '2,8,32').split(',').map(Number);
if (!(minutes > 0) || levels.some((l) => !(l >= 1))) throw new Error('usage: soak.ts [--minutes=N] [--concurrency=a,b,c]');
const stateDir = defaultStateDir();

let serial = 0;
const repeated: RunRequest[] = [];
/** A request of a mode chosen by weight (run 50 %, escape 30 %, test 15 %, bench 5 %), new code or not. */
function nextRequest(): { request: RunRequest; fresh: boolean } {
	if (repeated.length >= 20 && serial % 2 === 1) {
		serial++;
		return { request: repeated[serial % repeated.length]!, fresh: false };
	}
	const t = `s${process.pid}x${++serial}`;
	const r = serial % 20;
	const request: RunRequest =
		r < 10
			? {
					mode: 'run',
					files: {
						'main.go': `package main\n\nimport "fmt"\n\nfunc main() {\n\ts := make([]int, 0, 8)\n\tfor i := range 1000 {\n\t\ts = append(s, i)\n\t}\n\tfmt.Println("${t}", len(s))\n}\n`,
					},
				}
			: r < 16
				? { mode: 'escape', files: { 'main.go': `package main\n\nfunc f() *int {\n\t${t} := 1\n\treturn &${t}\n}\n\nfunc main() { _ = f() }\n` } }
				: r < 19
					? { mode: 'test', files: { 'x_test.go': `package x\n\nimport "testing"\n\nfunc TestT(t *testing.T) { t.Log("${t}") }\n`, 'go.mod': 'module x\n' } }
					: {
							mode: 'bench',
							files: {
								'x_test.go': `package x\n\nimport "testing"\n\nvar sink []byte\n\nfunc BenchmarkS${t}(b *testing.B) {\n\tfor b.Loop() {\n\t\tsink = make([]byte, 64)\n\t}\n}\n`,
								'go.mod': 'module x\n',
							},
							options: { benchtime: '100x' },
						};
	if (repeated.length < 20) repeated.push(request);
	return { request, fresh: true };
}

interface Sample {
	ms: number;
	status: number;
	cached: boolean;
}

async function drive(url: string, concurrency: number, ms: number): Promise<Sample[]> {
	const samples: Sample[] = [];
	const until = Date.now() + ms;
	const client = async () => {
		while (Date.now() < until) {
			const { request } = nextRequest();
			const started = performance.now();
			let status: number;
			let cached = false;
			try {
				const res = await fetch(`${url}/api/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
				status = res.status;
				const body = (await res.json().catch(() => ({}))) as { cached?: boolean };
				cached = body.cached === true;
				// A shed request waits as it is told before the client sends another.
				if (status === 503 || status === 429) await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
			} catch {
				status = -1;
			}
			samples.push({ ms: performance.now() - started, status, cached });
		}
	};
	await Promise.all(Array.from({ length: concurrency }, client));
	return samples;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

function report(label: string, concurrency: number, ms: number, samples: Sample[]): string {
	const ok = samples.filter((s) => s.status === 200);
	const sorted = ok.map((s) => s.ms).sort((a, b) => a - b);
	const byStatus: Record<string, number> = {};
	for (const s of samples) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
	const built = ok.filter((s) => !s.cached).length;
	return `| ${label} | ${concurrency} | ${samples.length} | ${((ok.length * 1000) / ms).toFixed(2)} | ${((built * 1000) / ms).toFixed(2)} | ${pct(sorted, 50).toFixed(0)} | ${pct(sorted, 99).toFixed(0)} | ${JSON.stringify(byStatus)} |`;
}

function rssMiB(pid: number | undefined): number {
	if (!pid) return NaN;
	try {
		const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

/** Processes of the sandbox uids (61000 and the slots after it; main.ts's default range). */
function sandboxProcesses(): string[] {
	const out: string[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const status = readFileSync(`/proc/${name}/status`, 'utf8');
			const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
			if (uid >= 61000 && uid < 61100 && !/^State:\s+Z/m.test(status)) out.push(`${name} (uid ${uid})`);
		} catch {}
	}
	return out;
}

function jobCgroups(pids: number[]): string[] {
	const found: string[] = [];
	const walk = (dir: string, depth: number) => {
		if (depth > 4 || !existsSync(dir)) return;
		for (const d of readdirSync(dir, { withFileTypes: true })) {
			if (!d.isDirectory()) continue;
			const path = join(dir, d.name);
			if (pids.some((p) => d.name.startsWith(`playbook-${p}-`)))
				found.push(
					...readdirSync(path, { withFileTypes: true })
						.filter((e) => e.isDirectory())
						.map((e) => join(path, e.name)),
				);
			else walk(path, depth + 1);
		}
	};
	for (const c of ['memory', 'pids']) walk(`/sys/fs/cgroup/${c}`, 0);
	return found;
}

function jobDirectories(pids: number[]): string[] {
	const jobs = join(stateDir, 'jobs');
	if (!existsSync(jobs)) return [];
	return readdirSync(jobs)
		.filter((d) => pids.some((p) => d.startsWith(`${p}-`)))
		.flatMap((d) => readdirSync(join(jobs, d)).map((j) => `${d}/${j}`));
}

const env = {
	PATH: process.env.PATH ?? '/usr/bin:/bin',
	HOME: process.env.HOME ?? '/root',
	PLAYBOOK_STATE_DIR: stateDir,
	PLAYBOOK_RATE_LIMIT: '0',
};
const topologies = [
	{ label: '1 replica', replicas: 1, redis: false, nginx: false },
	{ label: '2 replicas + Redis + nginx', replicas: 2, redis: true, nginx: true },
];
const rows: string[] = [];
const rssLines: string[] = [];
const leftoverLines: string[] = [];
console.log(`soak: ${minutes} min per topology, concurrency ${levels.join(', ')}, state ${stateDir}`);
for (const t of topologies) {
	let cluster: Cluster | null = null;
	try {
		cluster = await startCluster({ replicas: t.replicas, redis: t.redis, nginx: t.nginx, env });
		const pids = cluster.replicas.map((r) => r.process.child.pid!);
		const rss: number[][] = pids.map(() => []);
		const sampler = setInterval(() => pids.forEach((p, i) => rss[i]!.push(rssMiB(p))), 5000);
		for (const c of levels) {
			const ms = (minutes * 60_000) / levels.length;
			const samples = await drive(cluster.url, c, ms);
			rows.push(report(t.label, c, ms, samples));
			console.log(rows.at(-1));
		}
		clearInterval(sampler);
		for (const [i, series] of rss.entries()) {
			const step = Math.max(1, Math.ceil(series.length / 12));
			rssLines.push(
				`${t.label}, ${cluster.replicas[i]!.name}: RSS MiB every ${5 * step} s: ${series
					.filter((_, k) => k % step === 0)
					.map((v) => v.toFixed(0))
					.join(' ')} (max ${Math.max(...series).toFixed(0)})`,
			);
		}
		await cluster.stop();
		cluster = null;
		// The kernel may still be tearing the last sandboxes down.
		await new Promise((r) => setTimeout(r, 2000));
		const left = [
			...sandboxProcesses().map((p) => `process ${p}`),
			...jobDirectories(pids).map((d) => `job directory ${d}`),
			...jobCgroups(pids).map((c) => `cgroup ${c}`),
		];
		leftoverLines.push(`${t.label}: ${left.length === 0 ? 'nothing left (no sandbox process, job directory or job cgroup)' : left.join(', ')}`);
	} finally {
		await cluster?.stop();
	}
}
console.log(
	`\n| topology | clients | requests | answers/s | built/s | p50 ms | p99 ms | by status |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}`,
);
console.log(`\n${rssLines.join('\n')}\n\nleft over:\n${leftoverLines.join('\n')}`);
// fetch's keep-alive sockets to the stopped servers would hold the process a while longer.
process.exit(0);
