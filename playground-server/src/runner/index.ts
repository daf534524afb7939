/**
 * `@playbook/engine/runner`: the one way the project runs Go code. createRunner() makes the runner
 * both the server and the site build use, from the environment:
 *   PLAYBOOK_STATE_DIR      build cache and job directories (default: <tmpdir>/go-memory-playbook-<uid>)
 *   PLAYBOOK_UNSAFE_LOCAL=1 run without bubblewrap (development only; no isolation)
 *   PLAYBOOK_BWRAP          the bwrap binary (default: /usr/bin/bwrap, /bin/bwrap, /usr/local/bin/bwrap)
 *   PLAYBOOK_GO             the go binary (default: go on PATH)
 *   PLAYBOOK_SLOTS          jobs at once (default: one per core, plus one for benchmarks)
 *   PLAYBOOK_GOCACHE_MAX_BYTES  empty the shared Go build cache at start-up when larger (default 4 GiB; 0: never)
 *   PLAYBOOK_*              limits, see limits.ts
 */
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createCgroupManager } from './cgroup.ts';
import { limitsFromEnv, type Limits } from './limits.ts';
import { Runner } from './runner.ts';
import { bwrapAvailable, type SandboxKind } from './sandbox.ts';
import { findToolchain } from './toolchain.ts';

export { Runner } from './runner.ts';
export type { Limits } from './limits.ts';
export { defaultLimits } from './limits.ts';
export { runnerFingerprint } from './fingerprint.ts';
export { findToolchain, type Toolchain } from './toolchain.ts';
export { seccompActive } from './sandbox.ts';
export { Scheduler, QueueFullError, SchedulerClosedError, laneOf, type Lane, type SchedulerOptions, type SchedulerStats } from './scheduler.ts';

let runnerCount = 0;

export class SandboxUnavailableError extends Error {}

export interface CreateRunnerOptions {
	/** Allow running without bubblewrap. The caller must then listen on loopback only. */
	allowUnsafe?: boolean;
	slots?: number;
	/** First unprivileged uid of this runner's slots; give concurrent runners distinct ranges. */
	baseUid?: number;
	log?: (level: 'info' | 'warn', msg: string) => void;
	/** Overrides of the limits (which otherwise come from the environment, see limits.ts). */
	limits?: Partial<Limits>;
	/** Overrides PLAYBOOK_STATE_DIR. */
	stateDir?: string;
}

function cacheLimit(): number {
	const raw = process.env.PLAYBOOK_GOCACHE_MAX_BYTES;
	if (raw === undefined || raw === '') return 4 * 2 ** 30;
	const n = Number(raw);
	if (!Number.isSafeInteger(n) || n < 0) throw new Error(`PLAYBOOK_GOCACHE_MAX_BYTES=${raw} is not a whole number of bytes`);
	return n === 0 ? Number.POSITIVE_INFINITY : n;
}

export function defaultStateDir(): string {
	const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
	return process.env.PLAYBOOK_STATE_DIR ?? join(tmpdir(), `go-memory-playbook-${uid}`);
}

export async function createRunner(options: CreateRunnerOptions = {}): Promise<Runner> {
	const log = options.log ?? (() => {});
	const unsafeRequested = process.env.PLAYBOOK_UNSAFE_LOCAL === '1' || options.allowUnsafe === true;
	let sandbox: SandboxKind;
	if (process.platform === 'linux' && bwrapAvailable() && process.env.PLAYBOOK_UNSAFE_LOCAL !== '1') {
		sandbox = 'bwrap';
	} else if (unsafeRequested) {
		sandbox = 'unsafe-local';
		log('warn', 'UNSAFE LOCAL MODE: programs run WITHOUT a sandbox (no bubblewrap). They can read your files and use your network. Never expose this server beyond loopback.');
	} else {
		throw new SandboxUnavailableError(
			'bubblewrap (bwrap) was not found, and the playground will not run untrusted Go code without it. Install it (Debian/Ubuntu: sudo apt-get install -y bubblewrap), or for local development only set PLAYBOOK_UNSAFE_LOCAL=1 (no isolation; loopback only).',
		);
	}
	const toolchain = await findToolchain();
	// One parent cgroup per runner: a process may hold several (tests do), each closed on its own.
	const cgroups = await createCgroupManager(`playbook-${process.pid}-${++runnerCount}`);
	if (cgroups.kind === 'none') {
		log('warn', `cgroups unavailable (${cgroups.reason}): memory and process limits are per process (rlimits), not per job.`);
	}
	const slots = options.slots ?? Number(process.env.PLAYBOOK_SLOTS ?? availableParallelism() + 1);
	const stateDir = options.stateDir ?? defaultStateDir();
	const runner = new Runner({
		toolchain,
		stateDir,
		limits: { ...limitsFromEnv(), ...options.limits },
		sandbox,
		cgroups,
		slots,
		baseUid: options.baseUid ?? 61000,
		maxCacheBytes: cacheLimit(),
	});
	await runner.prepare();
	if (runner.cacheCheck?.emptied) {
		log('warn', `the Go build cache held ${Math.round(runner.cacheCheck.bytes / 2 ** 20)} MiB, more than PLAYBOOK_GOCACHE_MAX_BYTES: emptied it; warming rebuilds the standard library`);
	}
	log('info', `runner ready: ${toolchain.version}, sandbox ${sandbox}, cgroups ${cgroups.kind}, ${slots} slots, state in ${stateDir}`);
	return runner;
}
