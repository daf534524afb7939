/**
 * A real server for the integration suites: the real runner (bubblewrap, cgroups, the Go
 * toolchain) behind the real app, with its own range of sandbox uids so that a test can tell its
 * own jobs' processes from everyone else's. Nothing here is mocked.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from '../../playground-server/src/app.ts';
import { createRunners, type Limits, type Runner, type Runners } from '../../playground-server/src/runner/index.ts';
import { defaultGoRelease, type RunRequest, type RunResult } from '@playbook/engine/contract';

export interface TestServer {
	app: FastifyInstance;
	/** Every Go release's runner: what the app runs jobs on. */
	runners: Runners;
	/** The default release's runner (its job directories, cgroups and uids). */
	runner: Runner;
	/** The sandbox uids this server's jobs run as (when the tests run as root). */
	uids: { from: number; to: number };
	/** http://127.0.0.1:<port> when listening. */
	url: string;
	port: number;
	run(request: RunRequest): Promise<{ status: number; body: RunResult }>;
	close(): Promise<void>;
}

export const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export interface TestServerOptions {
	/** First sandbox uid; give every suite running at the same time its own range. */
	baseUid: number;
	workers?: number;
	limits?: Partial<Limits>;
	config?: Partial<AppConfig>;
	listen?: boolean;
}

export async function startServer(o: TestServerOptions): Promise<TestServer> {
	const workers = o.workers ?? 2;
	const slots = workers + 2;
	const runners = createRunners({ baseUid: o.baseUid, slots, limits: o.limits ?? {}, warmInBackground: false });
	const runner = await runners.runner(defaultGoRelease);
	// A fresh machine's first job would otherwise compile the standard library inside a test.
	const warm = await runners.warm(defaultGoRelease);
	if (!warm.ok) throw new Error(`warming the Go build cache failed: ${warm.error?.message}\n${warm.stderr}`);
	const app = await buildApp({ runner: runners, logger: false, config: { rateLimitMax: 0, workers, queueSize: 64, ...o.config } });
	let url = '';
	let port = 0;
	if (o.listen !== false) {
		url = await app.listen({ port: 0, host: '127.0.0.1' });
		port = Number(new URL(url).port);
	} else {
		await app.ready();
	}
	return {
		app,
		runners,
		runner,
		uids: { from: o.baseUid, to: o.baseUid + slots - 1 },
		url,
		port,
		async run(request) {
			const res = await app.inject({ method: 'POST', url: '/api/run', payload: request });
			return { status: res.statusCode, body: res.json() as RunResult };
		},
		async close() {
			await app.close();
			await runners.dispose();
		},
	};
}

export interface ProcessInfo {
	pid: number;
	uid: number;
	state: string;
	cmd: string;
}

/** Live processes (zombies excluded: they hold nothing but a pid) of the given uid range. */
export function liveProcesses(uids: { from: number; to: number }): ProcessInfo[] {
	const out: ProcessInfo[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		let status: string;
		try {
			status = readFileSync(`/proc/${name}/status`, 'utf8');
		} catch {
			continue;
		}
		const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
		const state = /^State:\s+(\S)/m.exec(status)?.[1] ?? '?';
		if (uid < uids.from || uid > uids.to || state === 'Z') continue;
		let cmd = '';
		try {
			cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
		} catch {}
		out.push({ pid: Number(name), uid, state, cmd });
	}
	return out;
}

/** Job cgroups still present under the runner's own parent cgroups. */
export function jobCgroups(runner: Runner): string[] {
	return runner.cgroups.parents.flatMap((parent) => {
		if (!existsSync(parent)) return [];
		return readdirSync(parent, { withFileTypes: true })
			.filter((d) => d.isDirectory())
			.map((d) => join(parent, d.name));
	});
}

/** Job directories still on disk. */
export function jobDirectories(runner: Runner): string[] {
	const dir = runner.jobsDirectory;
	return existsSync(dir) ? readdirSync(dir) : [];
}

/**
 * Waits (briefly: the kernel may still be tearing a sandbox down when the answer is sent) until
 * the server's jobs have left nothing behind, and says what is left if they have not.
 */
export async function leftovers(server: TestServer): Promise<string[]> {
	let left: string[] = [];
	for (let i = 0; i < 50; i++) {
		left = [
			...(asRoot ? liveProcesses(server.uids).map((p) => `process ${p.pid} (uid ${p.uid}, ${p.state}): ${p.cmd}`) : []),
			...jobCgroups(server.runner).map((c) => `cgroup ${c}`),
			...jobDirectories(server.runner).map((d) => `job directory ${d}`),
			...(server.runner.activeJobs > 0 ? [`${server.runner.activeJobs} active jobs`] : []),
		];
		if (left.length === 0) return left;
		await new Promise((r) => setTimeout(r, 100));
	}
	return left;
}

let token = 0;
/** A program that prints a token of its own (never answered from the cache). */
export function hello(tag = 'hello'): { request: RunRequest; token: string } {
	const t = `${tag}-${process.pid}-${Date.now()}-${++token}`;
	return { token: t, request: { mode: 'run', files: { 'main.go': `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(${JSON.stringify(t)}) }\n` } } };
}
