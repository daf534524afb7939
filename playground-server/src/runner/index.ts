/**
 * `@playbook/engine/runner`: the one way the project runs Go code. createRunners() makes the
 * runners of every Go release the playground offers (runners.ts), which the server and the site
 * build use, from one validated configuration (config.ts, read from the environment unless the
 * caller gives one); createRunner() is one release's runner alone (tests, benchmarks).
 */
import { defaultGoRelease, type GoRelease } from '../contract/go-versions.ts';
import { runnerConfigFromEnv, type RunnerConfig } from './config.ts';
import { fixedLimits, type Limits } from './limits.ts';
import type { Runner } from './runner.ts';
import { Runners } from './runners.ts';
import { bwrapPath, type SandboxKind } from './sandbox.ts';
import { SlotPool } from './slots.ts';

export { Runner } from './runner.ts';
export { Runners, type ReleaseStatus, type ReleaseState, type WarmState } from './runners.ts';
export { SlotPool } from './slots.ts';
export type { Limits } from './limits.ts';
export { defaultLimits } from './limits.ts';
export { runnerFingerprint } from './fingerprint.ts';
export { fetchToolchain, ToolchainFetchError, type Toolchain } from './toolchain.ts';
export { FormatterUnavailableError, type FormatOutcome, type FormattedFile, type FormatPosition } from './format.ts';
export { defaultStateDir, runnerConfigFromEnv, type RunnerConfig } from './config.ts';
export { seccompActive } from './sandbox.ts';
export { Scheduler, QueueFullError, SchedulerClosedError, laneOf, type Lane, type SchedulerOptions, type SchedulerStats } from './scheduler.ts';

export class SandboxUnavailableError extends Error {}

export interface CreateRunnersOptions {
	/** Allow running without bubblewrap. The caller must then listen on loopback only. */
	allowUnsafe?: boolean;
	/**
	 * How many jobs may be running at once: the scheduler's maxRunning, plus one when warm-ups
	 * run beside the scheduler's jobs. Each gets a uid of its own; the runners do not queue.
	 */
	slots: number;
	/** First unprivileged uid of the slots; give runners of processes running at once distinct ranges. */
	baseUid?: number;
	log?: (level: 'info' | 'warn', msg: string) => void;
	/** Overrides of the configured limits. */
	limits?: Partial<Limits>;
	/** Overrides the configured state directory. */
	stateDir?: string;
	/** The runners' settings; default: runnerConfigFromEnv(). */
	config?: RunnerConfig;
	/** Warm each release in the background once fetched (default true). */
	warmInBackground?: boolean;
}

function sandboxOf(config: RunnerConfig, allowUnsafe: boolean, log: (level: 'info' | 'warn', msg: string) => void): { sandbox: SandboxKind; bwrap: string } {
	const bwrap = config.unsafeLocal ? null : bwrapPath(config.bwrap);
	if (process.platform === 'linux' && bwrap) return { sandbox: 'bwrap', bwrap };
	if (config.unsafeLocal || allowUnsafe) {
		log(
			'warn',
			'UNSAFE LOCAL MODE: programs run WITHOUT a sandbox (no bubblewrap). They can read your files and use your network. Never expose this server beyond loopback.',
		);
		return { sandbox: 'unsafe-local', bwrap: 'bwrap' };
	}
	throw new SandboxUnavailableError(
		`bubblewrap (bwrap) was not found${config.bwrap ? ` at PLAYBOOK_BWRAP=${config.bwrap}` : ''}, and the playground will not run untrusted Go code without it. Install it (Debian/Ubuntu: sudo apt-get install -y bubblewrap), or for local development only set PLAYBOOK_UNSAFE_LOCAL=1 (no isolation; loopback only).`,
	);
}

/** The runners of every offered Go release; none is fetched until it is asked for. */
export function createRunners(options: CreateRunnersOptions): Runners {
	const log = options.log ?? (() => {});
	const config = options.config ?? runnerConfigFromEnv();
	const { sandbox, bwrap } = sandboxOf(config, options.allowUnsafe === true, log);
	const stateDir = options.stateDir ?? config.stateDir;
	log('info', `runners: sandbox ${sandbox}, ${options.slots} slots, state in ${stateDir}`);
	return new Runners({
		config,
		sandbox,
		bwrap,
		slots: new SlotPool(options.slots),
		baseUid: options.baseUid ?? fixedLimits.firstUid,
		limits: { ...config.limits, ...options.limits },
		stateDir,
		log,
		warmInBackground: options.warmInBackground ?? true,
	});
}

/** One release's runner alone (default: the newest), fetched and prepared, not warmed. */
export async function createRunner(options: CreateRunnersOptions & { release?: GoRelease }): Promise<Runner> {
	const runners = createRunners({ ...options, warmInBackground: false });
	return runners.runner(options.release ?? defaultGoRelease);
}
