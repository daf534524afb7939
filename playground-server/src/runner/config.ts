/**
 * The runner's settings, read from the environment in one place and checked there: a malformed
 * value stops the program that reads it, naming the variable, instead of being ignored where it
 * is used. The runner's modules take what they need from this object; none reads the environment.
 *
 *   PLAYBOOK_STATE_DIR          build cache, export data and job directories (default: <tmpdir>/go-memory-playbook-<uid>)
 *   PLAYBOOK_UNSAFE_LOCAL=1     run without bubblewrap (development only; no isolation; loopback only)
 *   PLAYBOOK_BWRAP              the bwrap binary (default: /usr/bin/bwrap, /bin/bwrap, /usr/local/bin/bwrap)
 *   PLAYBOOK_GO                 the go binary (default: go on PATH)
 *   PLAYBOOK_GOCACHE_MAX_BYTES  empty the shared Go build cache at start-up when larger (default 4 GiB; 0: never)
 *   PLAYBOOK_CGROUP_V2          a delegated cgroup v2 directory with the memory and pids controllers
 *   PLAYBOOK_NO_CGROUPS=1       rlimits only
 *   PLAYBOOK_NO_SECCOMP=1       no seccomp filter (debugging only)
 *   PLAYBOOK_*                  the limits (limits.ts)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limitsFromEnv, type Limits } from './limits.ts';

export interface RunnerConfig {
	stateDir: string;
	/** Run without bubblewrap; whoever serves the results must then listen on loopback only. */
	unsafeLocal: boolean;
	/** The bwrap binary when given; null: the usual places. */
	bwrap: string | null;
	goBin: string;
	/** A larger shared build cache is emptied at start-up; Infinity: never. */
	gocacheMaxBytes: number;
	/** A delegated cgroup v2 directory; null: cgroup v1 when the machine has it. */
	cgroupV2: string | null;
	cgroups: boolean;
	seccomp: boolean;
	limits: Limits;
}

const defaultGocacheMaxBytes = 4 * 2 ** 30;

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
	const raw = env[name];
	if (raw === undefined || raw === '' || raw === '0') return false;
	if (raw === '1') return true;
	throw new Error(`${name}=${raw}: use 1 (on) or 0 (off)`);
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, min: number): number | null {
	const raw = env[name];
	if (raw === undefined || raw === '') return null;
	const n = Number(raw);
	if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name}=${raw} is not a whole number ≥ ${min}`);
	return n;
}

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
	const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
	return env.PLAYBOOK_STATE_DIR || join(tmpdir(), `go-memory-playbook-${uid}`);
}

export function runnerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RunnerConfig {
	const gocache = wholeNumber(env, 'PLAYBOOK_GOCACHE_MAX_BYTES', 0);
	return {
		stateDir: defaultStateDir(env),
		unsafeLocal: flag(env, 'PLAYBOOK_UNSAFE_LOCAL'),
		bwrap: env.PLAYBOOK_BWRAP || null,
		goBin: env.PLAYBOOK_GO || 'go',
		gocacheMaxBytes: gocache === null ? defaultGocacheMaxBytes : gocache === 0 ? Number.POSITIVE_INFINITY : gocache,
		cgroupV2: env.PLAYBOOK_CGROUP_V2 || null,
		cgroups: !flag(env, 'PLAYBOOK_NO_CGROUPS'),
		seccomp: !flag(env, 'PLAYBOOK_NO_SECCOMP'),
		limits: limitsFromEnv(env),
	};
}
