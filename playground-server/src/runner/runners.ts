/**
 * Every Go release the playground offers, each behind a runner of its own: fetched on first use
 * (toolchain.ts), prepared, and warmed in the background, one warm-up at a time across releases.
 * A request for a release not yet present waits for its fetch (one fetch per release, whoever
 * asks) before it takes a place in the scheduler, so a release being fetched never holds up jobs
 * for the ready ones. All runners share one slot pool: the scheduler stays the only gate.
 */
import type { FormatRequest, RunRequest, RunResult } from '../contract/index.ts';
import { defaultGoRelease, goReleases, releaseOfOptions, toolchainName, type GoRelease } from '../contract/go-versions.ts';
import { createCgroupManager } from './cgroup.ts';
import type { RunnerConfig } from './config.ts';
import { fixedLimits, type Limits } from './limits.ts';
import { Runner } from './runner.ts';
import type { SandboxKind } from './sandbox.ts';
import type { SlotPool } from './slots.ts';
import { emptyResult } from './steps/context.ts';
import { fetchToolchain, ToolchainFetchError } from './toolchain.ts';
import { buildFormatter, FormatterUnavailableError, type FormatOutcome } from './format.ts';

export type ReleaseState = 'absent' | 'fetching' | 'ready' | 'failed';
export type WarmState = 'waiting' | 'warming' | 'done' | 'failed';

export interface ReleaseStatus {
	release: GoRelease;
	/** The toolchain's name ("go1.27.3"), as results report it. */
	toolchain: string;
	default: boolean;
	state: ReleaseState;
	/** The warm-up of its build cache and export data (jobs run meanwhile, the first ones slower). */
	warm: WarmState | null;
	/** Why the last fetch or warm-up failed. */
	error: string | null;
}

export interface RunnersOptions {
	config: RunnerConfig;
	sandbox: SandboxKind;
	bwrap: string;
	slots: SlotPool;
	baseUid: number;
	limits: Limits;
	stateDir: string;
	log: (level: 'info' | 'warn', msg: string) => void;
	/** Warm each release once it is fetched (the server); the build warms before its first job. */
	warmInBackground: boolean;
}

interface Entry {
	state: ReleaseState;
	runner: Promise<Runner> | null;
	/** When the last fetch failed: the next request after fixedLimits.fetchRetryMs tries again. */
	failedAt: number;
	error: string | null;
	warm: WarmState | null;
	warmed: Promise<RunResult> | null;
	/** The first warm-up step, which jobs wait for (single flight). */
	stdlib: Promise<RunResult> | null;
}

let cgroupCount = 0;

export class Runners {
	readonly #o: RunnersOptions;
	readonly #entries = new Map<GoRelease, Entry>();
	/** Warm-ups run one after another: each compiles the standard library on every core. */
	#warmChain: Promise<unknown> = Promise.resolve();
	/** Standard-library builds (the first warm-up step, which jobs wait for) run one after another too. */
	#stdlibChain: Promise<unknown> = Promise.resolve();
	/** The formatter binary's build (format.ts), once; a failed one is tried again by the next request. */
	#formatter: Promise<string> | null = null;

	constructor(options: RunnersOptions) {
		this.#o = options;
		for (const release of goReleases)
			this.#entries.set(release, { state: 'absent', runner: null, failedAt: 0, error: null, warm: null, warmed: null, stdlib: null });
	}

	get sandbox(): SandboxKind {
		return this.#o.sandbox;
	}

	/** The release a request runs on (the contract has already refused any other spelling). */
	releaseOf(request: Pick<RunRequest, 'options'>): GoRelease {
		return releaseOfOptions(request.options);
	}

	/** The toolchain a request's job runs on ("go1.27.3"): part of its result's identity. */
	versionOf(request: Pick<RunRequest, 'options'>): string {
		return toolchainName(this.releaseOf(request));
	}

	/**
	 * The request's release fetched, prepared, and its standard library compiled (the first
	 * warm-up step: about a minute the first time, then at once): the jobs layer waits for this
	 * outside the scheduler, so that the first job on a fresh release is not a cold build racing
	 * the build time limit, and a release being fetched holds up no job of another.
	 */
	async ready(request: Pick<RunRequest, 'options'>): Promise<Runner> {
		const release = this.releaseOf(request);
		const runner = await this.runner(release);
		await this.#stdlib(release, runner);
		return runner;
	}

	/** ready() for a release, answering how its standard-library step went (the site build's check). */
	async readyResult(release: GoRelease): Promise<RunResult> {
		let runner: Runner;
		try {
			runner = await this.runner(release);
		} catch (e) {
			return this.#unavailable(release, e, 'escape', performance.now());
		}
		return this.#stdlib(release, runner);
	}

	#stdlib(release: GoRelease, runner: Runner): Promise<RunResult> {
		const entry = this.#entries.get(release)!;
		if (!entry.stdlib) {
			// One standard-library build at a time: several at once would share the cores and each
			// take as long as all of them.
			const built = this.#stdlibChain.catch(() => {}).then(() => runner.warmStdlib());
			this.#stdlibChain = built;
			entry.stdlib = built.then((r) => {
				// A failure is tried again by the next job rather than remembered.
				if (!r.ok) entry.stdlib = null;
				return r;
			});
		}
		return entry.stdlib;
	}

	/**
	 * The release's runner, fetched and prepared (not necessarily warm). Rejects with
	 * ToolchainFetchError when the fetch fails; a later call tries again after a while.
	 * `warm: false`: the caller warms it itself, later (the server, after its self-test).
	 */
	runner(release: GoRelease = defaultGoRelease, o: { warm?: boolean } = {}): Promise<Runner> {
		const entry = this.#entries.get(release)!;
		if (entry.state === 'failed' && performance.now() - entry.failedAt < fixedLimits.fetchRetryMs) {
			return Promise.reject(new ToolchainFetchError(release, entry.error ?? 'unknown'));
		}
		if (entry.runner && entry.state !== 'failed') return entry.runner;
		entry.state = 'fetching';
		entry.error = null;
		entry.runner = this.#start(release).then(
			(runner) => {
				entry.state = 'ready';
				if (this.#o.warmInBackground && o.warm !== false) void this.warm(release);
				return runner;
			},
			(e: unknown) => {
				entry.state = 'failed';
				entry.failedAt = performance.now();
				entry.error = e instanceof ToolchainFetchError ? e.message : `Go ${release} could not be prepared: ${(e as Error).message}`;
				this.#o.log('warn', entry.error);
				throw e instanceof ToolchainFetchError ? e : new ToolchainFetchError(release, (e as Error).message);
			},
		);
		return entry.runner;
	}

	async #start(release: GoRelease): Promise<Runner> {
		const { config, stateDir } = this.#o;
		const started = performance.now();
		const toolchain = await fetchToolchain(release, { goBin: config.goBin, stateDir, timeoutMs: fixedLimits.fetchTimeoutMs });
		// One parent cgroup per runner: each is closed on its own.
		const cgroups = await createCgroupManager(`playbook-${process.pid}-${++cgroupCount}`, { enabled: config.cgroups, delegatedV2: config.cgroupV2 });
		const runner = new Runner({
			toolchain,
			stateDir,
			limits: this.#o.limits,
			sandbox: this.#o.sandbox,
			cgroups,
			bwrap: this.#o.bwrap,
			seccomp: config.seccomp,
			slots: this.#o.slots,
			baseUid: this.#o.baseUid,
			maxCacheBytes: config.gocacheMaxBytes,
		});
		await runner.prepare();
		if (runner.cacheCheck?.emptied) {
			this.#o.log(
				'warn',
				`the Go build cache of ${toolchain.version} held ${Math.round(runner.cacheCheck.bytes / 2 ** 20)} MiB, more than PLAYBOOK_GOCACHE_MAX_BYTES: emptied it`,
			);
		}
		this.#o.log('info', `${toolchain.version} ready in ${Math.round(performance.now() - started)} ms (cgroups ${cgroups.kind})`);
		return runner;
	}

	/** Warms a release's build cache and export data, once; later calls get the same result. */
	warm(release: GoRelease = defaultGoRelease): Promise<RunResult> {
		const entry = this.#entries.get(release)!;
		if (entry.warmed && entry.warm !== 'failed') return entry.warmed;
		entry.warm = 'waiting';
		const warmed = this.#warmChain
			.catch(() => {})
			.then(async () => {
				const started = performance.now();
				let runner: Runner;
				try {
					runner = await this.runner(release);
				} catch (e) {
					entry.warm = 'failed';
					return this.#unavailable(release, e, 'test', started);
				}
				entry.warm = 'warming';
				const std = await this.#stdlib(release, runner);
				const result = std.ok ? await runner.warmTests() : std;
				entry.warm = result.ok ? 'done' : 'failed';
				if (!result.ok) entry.error = `warming ${runner.goVersion} failed: ${result.error?.message ?? ''}`;
				this.#o.log(result.ok ? 'info' : 'warn', result.ok ? `${runner.goVersion} warm in ${Math.round(performance.now() - started)} ms` : entry.error!);
				// The formatter too, so that the first Format does not wait for its build (its failure is logged, and the next request tries again).
				if (release === defaultGoRelease) await this.formatterReady().catch(() => {});
				return result;
			});
		this.#warmChain = warmed;
		entry.warmed = warmed;
		return warmed;
	}

	async run(request: RunRequest, signal?: AbortSignal): Promise<RunResult> {
		const release = this.releaseOf(request);
		try {
			return await (await this.runner(release)).run(request, signal);
		} catch (e) {
			return this.#unavailable(release, e, request.mode, performance.now());
		}
	}

	async vet(request: Pick<RunRequest, 'mode' | 'files' | 'options'>, signal?: AbortSignal): Promise<RunResult> {
		const release = this.releaseOf(request);
		try {
			return await (await this.runner(release)).vet(request, signal);
		} catch (e) {
			return this.#unavailable(release, e, request.mode, performance.now());
		}
	}

	/**
	 * The formatter binary, built with the default release's toolchain on first use (seconds; the
	 * first build on a machine also fetches its modules). Callers wait for it outside the
	 * scheduler, as jobs wait for a toolchain. Rejects with FormatterUnavailableError.
	 */
	formatterReady(): Promise<string> {
		if (!this.#formatter) {
			const built = this.runner(defaultGoRelease).then(
				(runner) => buildFormatter({ toolchain: runner.toolchain, stateDir: this.#o.stateDir }),
				(e: unknown) => {
					throw new FormatterUnavailableError(`Formatting is not available yet: ${(e as Error).message} Try again in a minute.`);
				},
			);
			this.#formatter = built;
			built.catch((e: unknown) => {
				if (this.#formatter === built) this.#formatter = null;
				this.#o.log('warn', (e as Error).message);
			});
		}
		return this.#formatter;
	}

	/** Formats a request's files with the formatter, on the default release's runner (format.ts). */
	async format(request: FormatRequest, signal?: AbortSignal): Promise<FormatOutcome> {
		const formatter = await this.formatterReady();
		return (await this.runner(defaultGoRelease)).format(request, formatter, signal);
	}

	#unavailable(release: GoRelease, e: unknown, mode: RunRequest['mode'], started: number): RunResult {
		if (!(e instanceof ToolchainFetchError)) throw e;
		return emptyResult(mode, toolchainName(release), started, {
			error: { code: 'toolchain_unavailable', message: `${e.message} Try again in a minute, or choose another Go version.` },
		});
	}

	status(): ReleaseStatus[] {
		return goReleases.map((release) => {
			const e = this.#entries.get(release)!;
			return { release, toolchain: toolchainName(release), default: release === defaultGoRelease, state: e.state, warm: e.warm, error: e.error };
		});
	}

	async dispose(): Promise<void> {
		for (const entry of this.#entries.values()) {
			const runner = await entry.runner?.catch(() => null);
			await runner?.dispose();
		}
	}
}
