/**
 * Job-wide memory and process caps through Linux cgroups (v1 memory + pids controllers, or a
 * delegated v2 subtree). rlimits alone are per process: a program that forks itself could multiply
 * its memory by its process count, so when the server may create cgroups every job gets one.
 * Where it may not (an unprivileged developer machine), jobs fall back to rlimits only and the
 * server says so at start-up.
 */
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface JobCgroup {
	/** Files a process writes its pid into to join the cgroup. */
	procsFiles: string[];
	/** What the kernel recorded once the job ended. */
	stats(): Promise<{ oomKilled: boolean; pidsLimitHit: boolean; peakMemoryBytes: number | null }>;
	/** Kills whatever is left in the cgroup and removes it. */
	destroy(): Promise<void>;
}

export interface CgroupManager {
	readonly kind: 'v1' | 'v2' | 'none';
	/** Why cgroups are off, when they are. */
	readonly reason?: string;
	/** The runner's own parent cgroups (one per controller); each job's cgroup is a child. */
	readonly parents: string[];
	create(name: string, limits: { memoryBytes: number; processes: number }): Promise<JobCgroup>;
	/** Removes the server's own parent cgroups (at shutdown). */
	close(): Promise<void>;
}

const root = '/sys/fs/cgroup';

async function readNumber(file: string): Promise<number | null> {
	try {
		const n = Number((await readFile(file, 'utf8')).trim());
		return Number.isFinite(n) ? n : null;
	} catch {
		return null;
	}
}

async function eventCount(file: string, key: string): Promise<number> {
	try {
		const m = (await readFile(file, 'utf8')).match(new RegExp(`^${key} (\\d+)$`, 'm'));
		return m ? Number(m[1]) : 0;
	} catch {
		return 0;
	}
}

async function killAndRemove(dirs: string[]): Promise<void> {
	for (let attempt = 0; attempt < 50; attempt++) {
		let left = 0;
		for (const dir of dirs) {
			if (!existsSync(dir)) continue;
			let pids: string[] = [];
			try {
				pids = (await readFile(join(dir, 'cgroup.procs'), 'utf8')).split('\n').filter(Boolean);
			} catch {}
			for (const pid of pids) {
				try {
					process.kill(Number(pid), 'SIGKILL');
				} catch {}
			}
			try {
				await rmdir(dir);
			} catch {
				left++;
			}
		}
		if (left === 0) return;
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Our own cgroup path under a v1 controller, from /proc/self/cgroup. */
function v1SelfPath(controller: string): string | null {
	const lines = readFileSync('/proc/self/cgroup', 'utf8').split('\n');
	for (const line of lines) {
		const [, controllers, path] = line.split(':');
		if (controllers?.split(',').includes(controller)) return path ?? '/';
	}
	return null;
}

function none(reason: string): CgroupManager {
	return {
		kind: 'none',
		reason,
		parents: [],
		async create() {
			return {
				procsFiles: [],
				async stats() {
					return { oomKilled: false, pidsLimitHit: false, peakMemoryBytes: null };
				},
				async destroy() {},
			};
		},
		async close() {},
	};
}

async function tryV1(serverName: string): Promise<CgroupManager | string> {
	const mem = v1SelfPath('memory');
	const pids = v1SelfPath('pids');
	if (mem === null || pids === null) return 'no cgroup v1 memory and pids controllers';
	const memBase = join(root, 'memory', mem, serverName);
	const pidsBase = join(root, 'pids', pids, serverName);
	try {
		await mkdir(memBase, { recursive: true });
		await mkdir(pidsBase, { recursive: true });
	} catch (e) {
		return `cannot create cgroups (${(e as Error).message})`;
	}
	return {
		kind: 'v1',
		parents: [memBase, pidsBase],
		async create(name, limits) {
			const m = join(memBase, name);
			const p = join(pidsBase, name);
			await mkdir(m);
			await mkdir(p);
			await writeFile(join(m, 'memory.limit_in_bytes'), String(limits.memoryBytes));
			// Without swap limits a job could page out instead of being stopped at its limit.
			try {
				await writeFile(join(m, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes));
			} catch {}
			await writeFile(join(p, 'pids.max'), String(limits.processes));
			return {
				procsFiles: [join(m, 'cgroup.procs'), join(p, 'cgroup.procs')],
				async stats() {
					return {
						oomKilled: (await eventCount(join(m, 'memory.oom_control'), 'oom_kill')) > 0,
						pidsLimitHit: (await eventCount(join(p, 'pids.events'), 'max')) > 0,
						peakMemoryBytes: await readNumber(join(m, 'memory.max_usage_in_bytes')),
					};
				},
				destroy: () => killAndRemove([m, p]),
			};
		},
		close: () => killAndRemove([memBase, pidsBase]),
	};
}

async function tryV2(serverName: string, delegated: string | null): Promise<CgroupManager | string> {
	// Only a subtree delegated to us explicitly: creating leaves elsewhere in a v2 hierarchy
	// breaks its "no internal processes" rule for whoever manages it.
	if (!delegated) return 'cgroup v2 needs a delegated subtree named by PLAYBOOK_CGROUP_V2';
	const base = join(delegated, serverName);
	try {
		const controllers = await readFile(join(delegated, 'cgroup.subtree_control'), 'utf8');
		if (!/\bmemory\b/.test(controllers) || !/\bpids\b/.test(controllers)) {
			return `${delegated} does not delegate the memory and pids controllers`;
		}
		await mkdir(base, { recursive: true });
		await writeFile(join(base, 'cgroup.subtree_control'), '+memory +pids');
	} catch (e) {
		return `cannot use ${delegated} (${(e as Error).message})`;
	}
	return {
		kind: 'v2',
		parents: [base],
		async create(name, limits) {
			const dir = join(base, name);
			await mkdir(dir);
			await writeFile(join(dir, 'memory.max'), String(limits.memoryBytes));
			try {
				await writeFile(join(dir, 'memory.swap.max'), '0');
			} catch {}
			await writeFile(join(dir, 'pids.max'), String(limits.processes));
			return {
				procsFiles: [join(dir, 'cgroup.procs')],
				async stats() {
					return {
						oomKilled: (await eventCount(join(dir, 'memory.events'), 'oom_kill')) > 0,
						pidsLimitHit: (await eventCount(join(dir, 'pids.events'), 'max')) > 0,
						peakMemoryBytes: await readNumber(join(dir, 'memory.peak')),
					};
				},
				destroy: () => killAndRemove([dir]),
			};
		},
		close: () => killAndRemove([base]),
	};
}

export interface CgroupSettings {
	enabled: boolean;
	/** A delegated cgroup v2 directory (PLAYBOOK_CGROUP_V2); null: v1 when the machine has it. */
	delegatedV2: string | null;
}

export async function createCgroupManager(serverName: string, settings: CgroupSettings): Promise<CgroupManager> {
	if (process.platform !== 'linux') return none('not Linux');
	if (!settings.enabled) return none('PLAYBOOK_NO_CGROUPS is set');
	const reasons: string[] = [];
	for (const attempt of [(name: string) => tryV2(name, settings.delegatedV2), tryV1]) {
		const m = await attempt(serverName);
		if (typeof m !== 'string') return m;
		reasons.push(m);
	}
	return none(reasons.join('; '));
}
