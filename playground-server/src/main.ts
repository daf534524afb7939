/**
 * Starts the playground server: the site from dist/ and the API on one port.
 *   node playground-server/src/main.ts
 * Settings are environment variables (playground-server/README.md lists them all).
 *
 * Start-up order: sandbox present (or unsafe mode chosen) → self-test proves isolation → listen
 * → warm the Go build cache in the background (/healthz says "warming" until done).
 * SIGTERM/SIGINT: stop taking jobs (503), finish running ones for up to PLAYBOOK_SHUTDOWN_GRACE_MS,
 * kill the rest, remove every job directory, exit. A second signal kills the running jobs at once.
 */
import pino from 'pino';
import { buildApp, type ServerState } from './app.ts';
import { configFromEnv, type ServerConfig } from './config.ts';
import { SandboxUnavailableError, createRunners, seccompActive, type Runner, type Runners } from './runner/index.ts';
import { defaultGoRelease } from './contract/go-versions.ts';
import { Scheduler } from './runner/scheduler.ts';
import { selfTest } from './self-test.ts';

function loadConfig(): ServerConfig | Error {
	try {
		return configFromEnv();
	} catch (e) {
		return e as Error;
	}
}
const loaded = loadConfig();
const log = pino({ level: loaded instanceof Error ? 'info' : loaded.logLevel, base: { service: 'playbook-playground' } });

function fail(message: string, extra?: object): never {
	log.fatal(extra ?? {}, message);
	process.exit(1);
}

if (loaded instanceof Error) fail(`bad setting: ${loaded.message}`);
const config = loaded;

// The one concurrency gate: the runners have a sandbox slot for each job the scheduler may run,
// plus one for the warm-ups, which run (one at a time) beside the jobs.
const scheduler = new Scheduler({ workers: config.workers, queueSize: config.queueSize, benchQueueSize: config.benchQueueSize });
let defaultRunner: Runner;
let runner: Runners;
try {
	runner = createRunners({ log: (level, msg) => log[level](msg), config: config.runner, slots: scheduler.maxRunning + 1 });
	// The default release before listening (fetched on the first start: some seconds); the
	// others on their first request.
	defaultRunner = await runner.runner(defaultGoRelease, { warm: false });
} catch (e) {
	if (e instanceof SandboxUnavailableError) fail(e.message);
	fail(`cannot start the runner: ${(e as Error).message}`);
}
if (runner.sandbox === 'unsafe-local') {
	log.warn(
		`UNSAFE LOCAL MODE (PLAYBOOK_UNSAFE_LOCAL=1): Go programs run WITHOUT isolation, with your user's rights, files and network. Listening on ${config.host} only. Never use this on a shared machine or expose it.`,
	);
}

const state: ServerState = {
	phase: 'starting',
	startedAt: Date.now(),
	seccomp: runner.sandbox === 'bwrap' && seccompActive(config.runner.seccomp),
	warm: { done: false, durationMs: null, error: null },
};
if (runner.sandbox === 'bwrap' && !state.seccomp) log.warn(`no seccomp filter for this architecture (${process.arch}): the sandbox relies on namespaces alone`);

if (config.selfTest) {
	const started = performance.now();
	const report = await selfTest(defaultRunner, config.port, state.seccomp);
	if (!report.ok) {
		await runner.dispose();
		fail(report.message, { passed: report.passed, failed: report.failed });
	}
	log.info({ checks: report.passed, ms: Math.round(performance.now() - started) }, report.message);
}

const app = await buildApp({ runner, scheduler, state, loggerInstance: log, config, ownsRunner: true });
try {
	await app.listen({ port: config.port, host: config.host });
} catch (e) {
	await runner.dispose();
	fail(`cannot listen on ${config.host}:${config.port}: ${(e as Error).message}. Set PORT (and HOST) to a free address.`);
}
state.phase = 'running';
log.info(
	{ workers: config.workers, queueSize: config.queueSize, site: config.distDir, cors: config.corsOrigins, rateLimit: config.rateLimitMax },
	'playground server ready',
);

// Warm after listening: the site is served meanwhile, and jobs already run (only slower).
const warmStarted = performance.now();
void runner.warm(defaultGoRelease).then(
	(r) => {
		state.warm = { done: true, durationMs: Math.round(performance.now() - warmStarted), error: r.ok ? null : (r.error?.message ?? 'failed') };
		if (r.ok) log.info({ ms: state.warm.durationMs }, 'Go build cache warm');
		else log.warn({ error: r.error, stderr: r.stderr.slice(0, 2000) }, 'warming the Go build cache failed; jobs still run, each compiling what it needs');
	},
	(e: unknown) => {
		state.warm = { done: true, durationMs: null, error: (e as Error).message };
		log.warn({ err: e }, 'warming the Go build cache failed');
	},
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
	if (stopping) {
		log.warn(`${signal} again: killing running jobs now`);
		await scheduler.drain(0);
		return;
	}
	stopping = true;
	state.phase = 'shutting_down';
	log.info({ signal, running: scheduler.stats() }, 'shutting down: no new jobs, finishing running ones');
	scheduler.close();
	try {
		// Drains the jobs and disposes the runner (the app's onClose hooks).
		await app.close();
	} catch (e) {
		log.error({ err: e }, 'closing the server failed');
		await runner.dispose();
	}
	log.info('stopped; every job directory removed');
	process.exit(0);
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void shutdown(sig));
