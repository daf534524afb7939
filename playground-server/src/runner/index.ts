/**
 * `@playbook/engine/runner`: the one way the project runs Go code. createRunner() makes the runner
 * both the server and the site build use, from one validated configuration (config.ts, read from
 * the environment unless the caller gives one).
 */
import { createCgroupManager } from './cgroup.ts';
import { runnerConfigFromEnv, type RunnerConfig } from './config.ts';
import { fixedLimits, type Limits } from './limits.ts';
import { Runner } from './runner.ts';
import { bwrapPath, type SandboxKind } from './sandbox.ts';
import { findToolchain } from './toolchain.ts';

export { Runner } from './runner.ts';
export type { Limits } from './limits.ts';
export { defaultLimits } from './limits.ts';
export { runnerFingerprint } from './fingerprint.ts';
export { findToolchain, type Toolchain } from './toolchain.ts';
export { defaultStateDir, runnerConfigFromEnv, type RunnerConfig } from './config.ts';
export { seccompActive } from './sandbox.ts';
export { Scheduler, QueueFullError, SchedulerClosedError, laneOf, type Lane, type SchedulerOptions, type SchedulerStats } from './scheduler.ts';

let runnerCount = 0;

export class SandboxUnavailableError extends Error {}

export interface CreateRunnerOptions {
	/** Allow running without bubblewrap. The caller must then listen on loopback only. */
	allowUnsafe?: boolean;
	/**
	 * How many jobs may be running at once: the scheduler's maxRunning, plus one when warm()
	 * runs beside the scheduler's jobs. Each gets a uid of its own; the runner does not queue.
	 */
	slots: number;
	/** First unprivileged uid of this runner's slots; give concurrent runners distinct ranges. */
	baseUid?: number;
	log?: (level: 'info' | 'warn', msg: string) => void;
	/** Overrides of the configured limits. */
	limits?: Partial<Limits>;
	/** Overrides the configured state directory. */
	stateDir?: string;
	/** The runner's settings; default: runnerConfigFromEnv(). */
	config?: RunnerConfig;
}

export async function createRunner(options: CreateRunnerOptions): Promise<Runner> {
	const log = options.log ?? (() => {});
	const config = options.config ?? runnerConfigFromEnv();
	const bwrap = config.unsafeLocal ? null : bwrapPath(config.bwrap);
	let sandbox: SandboxKind;
	if (process.platform === 'linux' && bwrap) {
		sandbox = 'bwrap';
	} else if (config.unsafeLocal || options.allowUnsafe === true) {
		sandbox = 'unsafe-local';
		log(
			'warn',
			'UNSAFE LOCAL MODE: programs run WITHOUT a sandbox (no bubblewrap). They can read your files and use your network. Never expose this server beyond loopback.',
		);
	} else {
		throw new SandboxUnavailableError(
			`bubblewrap (bwrap) was not found${config.bwrap ? ` at PLAYBOOK_BWRAP=${config.bwrap}` : ''}, and the playground will not run untrusted Go code without it. Install it (Debian/Ubuntu: sudo apt-get install -y bubblewrap), or for local development only set PLAYBOOK_UNSAFE_LOCAL=1 (no isolation; loopback only).`,
		);
	}
	const toolchain = await findToolchain(config.goBin);
	// One parent cgroup per runner: a process may hold several (tests do), each closed on its own.
	const cgroups = await createCgroupManager(`playbook-${process.pid}-${++runnerCount}`, { enabled: config.cgroups, delegatedV2: config.cgroupV2 });
	if (cgroups.kind === 'none') {
		log('warn', `cgroups unavailable (${cgroups.reason}): memory and process limits are per process (rlimits), not per job.`);
	}
	const { slots } = options;
	const stateDir = options.stateDir ?? config.stateDir;
	const runner = new Runner({
		toolchain,
		stateDir,
		limits: { ...config.limits, ...options.limits },
		sandbox,
		cgroups,
		bwrap: bwrap ?? 'bwrap',
		seccomp: config.seccomp,
		slots,
		baseUid: options.baseUid ?? fixedLimits.firstUid,
		maxCacheBytes: config.gocacheMaxBytes,
	});
	await runner.prepare();
	if (runner.cacheCheck?.emptied) {
		log(
			'warn',
			`the Go build cache held ${Math.round(runner.cacheCheck.bytes / 2 ** 20)} MiB, more than PLAYBOOK_GOCACHE_MAX_BYTES: emptied it; warming rebuilds the standard library`,
		);
	}
	log('info', `runner ready: ${toolchain.version}, sandbox ${sandbox}, cgroups ${cgroups.kind}, ${slots} slots, state in ${stateDir}`);
	return runner;
}
