/**
 * `npm run fuzz:api`: fuzzes the playground API from its own OpenAPI document with Schemathesis.
 *
 * Starts the real server (main.ts: the sandbox self-test, bubblewrap, the real toolchain) on a
 * free loopback port with no rate limit, waits until its build cache is warm, and runs Schemathesis
 * against GET /api/openapi.json with the checks that make the document a contract:
 *
 *   not_a_server_error          no 5xx, ever
 *   status_code_conformance     every status is one the document lists for the operation
 *   content_type_conformance    every body has a content type the document lists
 *   response_schema_conformance every body matches the document's schema for its status
 *   positive_data_acceptance    a request valid by the document is accepted (2xx), or gets the
 *                               413 the document states for the one rule no schema can (the
 *                               total size of the source)
 *   negative_data_rejection     a request invalid by the document is refused with 400, 413 or 415
 *
 * Bounded: --max-time (default 150 s of testing, FUZZ_MAX_TIME overrides), a per-request timeout
 * above the job limits, and a hard deadline after which Schemathesis is stopped. Exits non-zero on
 * any failure; Schemathesis prints each failing request as a curl command, and the seed reruns it.
 *
 * Schemathesis comes from PyPI, pinned, into .cache/ (a venv, or `pip install --target` where
 * Debian's python3 has no venv module). Without python3 the run is skipped, saying so (on CI, where
 * CI is set, it fails instead).
 *
 *   node scripts/fuzz-api.ts [--max-time=SECONDS] [--seed=N]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { findPython, pypiTool, runPython, type PythonTool } from './pypi-tool.ts';

const schemathesisVersion = '4.32.5';
const root = resolve(import.meta.dirname, '..');
const cache = join(root, '.cache');
const work = join(cache, 'fuzz-api');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const maxTime = Number(arg('max-time') ?? process.env.FUZZ_MAX_TIME ?? 150);
const seed = arg('seed');
/** Above the longest job a request can start (a benchmark: build 20 s + run 60 s), so a slow answer is not taken for a hang. */
const requestTimeoutS = 100;

const say = (msg: string) => console.log(`[fuzz-api] ${msg}`);
function fail(msg: string): never {
	console.error(`[fuzz-api] error: ${msg}`);
	process.exit(1);
}

// --- Schemathesis ------------------------------------------------------------------------------

const python = findPython(10);
if (!python) {
	// On CI the step would otherwise pass by doing nothing: there, a missing Python is a failure.
	if (process.env.CI) fail('no python3 (3.10 or later) on PATH, and CI must run the API fuzzing. Install python3, python3-pip and python3-venv.');
	say(
		'skipped: no python3 (3.10 or later) on PATH, which Schemathesis needs. Install python3 and python3-pip (Debian: apt-get install python3 python3-pip python3-venv) to run the API fuzzing.',
	);
	process.exit(0);
}

let st: PythonTool;
try {
	st = pypiTool(
		python,
		'schemathesis',
		[`schemathesis==${schemathesisVersion}`],
		(t) => runPython(t, ['-c', `import schemathesis, sys; sys.exit(0 if schemathesis.__version__ == "${schemathesisVersion}" else 1)`]).status === 0,
	);
} catch (e) {
	fail((e as Error).message);
}

// --- the server ---------------------------------------------------------------------------------

async function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const s = createServer();
		s.once('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => res(port));
		});
	});
}

mkdirSync(work, { recursive: true });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const serverLog = join(work, 'server.log');
const logStream = createWriteStream(serverLog);
const server = spawn(process.execPath, [join(root, 'playground-server/src/main.ts')], {
	cwd: root,
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		PLAYBOOK_RATE_LIMIT: '0',
		PLAYBOOK_DIST_DIR: 'none',
		LOG_LEVEL: 'info',
	},
	stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.pipe(logStream);
server.stderr.pipe(logStream);
let serverExited: number | null = null;
server.on('exit', (code) => {
	serverExited = code ?? 1;
});
const stopServer = async () => {
	if (serverExited !== null) return;
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
};

say(`starting the server on ${base} (its log: ${serverLog})`);
const startedAt = performance.now();
// Start-up runs the sandbox self-test and then warms the build cache: minutes on a cold cache.
for (;;) {
	if (serverExited !== null) fail(`the server exited with status ${serverExited} while starting:\n${readFileSync(serverLog, 'utf8').slice(-3000)}`);
	if (performance.now() - startedAt > 600_000) {
		await stopServer();
		fail('the server was not ready (warm build cache) within 10 minutes.');
	}
	const health = await fetch(`${base}/healthz`).then(
		(r) => r.json() as Promise<{ status?: string }>,
		() => null,
	);
	if (health?.status === 'ok') break;
	await new Promise((r) => setTimeout(r, 1000));
}
say(`server ready in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);

// Schemathesis asks for every Go release the document offers. A release's first job fetches it
// and builds its standard library (seconds when an earlier step, npm run verify, already did in
// this state directory; a minute or more each on a cold one): done here, one at a time, so that
// the fuzzing measures the API, not the first fetch of seven toolchains at once.
const versions = (await (await fetch(`${base}/api/versions`)).json()) as { versions: { version: string }[] };
for (const { version } of versions.versions) {
	const t0 = performance.now();
	const res = await fetch(`${base}/api/run`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ mode: 'escape', files: { 'main.go': 'package main\n\nfunc main() {}\n' }, options: { go: version } }),
		signal: AbortSignal.timeout(600_000),
	}).catch((e: unknown) => e as Error);
	const body = res instanceof Error ? null : ((await res.json()) as { ok?: boolean; error?: { message?: string } | null });
	if (!body?.ok) {
		await stopServer();
		fail(`Go ${version} is not usable: ${res instanceof Error ? res.message : (body?.error?.message ?? 'no answer')}`);
	}
	say(`Go ${version} ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// --- the run ------------------------------------------------------------------------------------

const config = join(work, 'schemathesis.toml');
writeFileSync(
	config,
	`# Written by scripts/fuzz-api.ts on every run.
# A request valid by the document may still hold more than 64 KiB of UTF-8 source in all its
# files together: no JSON schema keyword sums over properties, so the document states that rule
# in words and with its 413 response, and that 413 is accepted here (and only that one).
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "413"]

[checks.negative_data_rejection]
expected-statuses = ["400", "413", "415"]
`,
);

const checks = [
	'not_a_server_error',
	'status_code_conformance',
	'content_type_conformance',
	'response_schema_conformance',
	'positive_data_acceptance',
	'negative_data_rejection',
];
const stArgs = [
	'-m',
	'schemathesis.cli',
	'--config-file',
	config,
	'--no-color',
	'run',
	`${base}/api/openapi.json`,
	'--checks',
	checks.join(','),
	'--phases',
	'examples,coverage,fuzzing',
	'--max-time',
	String(maxTime),
	'--request-timeout',
	String(requestTimeoutS),
	// One worker: with two, Hypothesis parses lambda sources in threads at once, and CPython 3.11
	// (Debian's, and this machine's 3.11.7) can fail that with "SystemError: AST constructor
	// recursion depth mismatch", an error of the tool's own that fails the run with no finding.
	'--workers',
	'1',
	'--suppress-health-check',
	'too_slow,data_too_large,filter_too_much',
	'--generation-database',
	'none',
	'--report',
	'junit',
	'--report-junit-path',
	join(work, 'junit.xml'),
	...(seed ? ['--seed', seed] : []),
];
say(`schemathesis ${schemathesisVersion}: ${checks.join(', ')}; at most ${maxTime} s`);
const runStarted = performance.now();
// Plain output for logs: `npm test` sets FORCE_COLOR, which would make Schemathesis draw live progress bars into a pipe.
const stEnv: Record<string, string | undefined> = { ...process.env, ...st.env, NO_COLOR: '1' };
delete stEnv['FORCE_COLOR'];
const child = spawn(st.argv[0]!, [...st.argv.slice(1), ...stArgs], { cwd: work, env: stEnv, stdio: 'inherit' });
// A hard deadline over Schemathesis' own budget: a hang anywhere fails the run instead of blocking CI.
const deadline = setTimeout(
	() => {
		console.error(`[fuzz-api] error: Schemathesis did not finish within ${maxTime + 120} s; stopping it.`);
		child.kill('SIGKILL');
	},
	(maxTime + 120) * 1000,
);
const code = await new Promise<number>((r) => child.on('exit', (c, signal) => r(c ?? (signal ? 1 : 0))));
clearTimeout(deadline);
const runSeconds = (performance.now() - runStarted) / 1000;
await stopServer();
logStream.end();

// --- what the server saw ------------------------------------------------------------------------

const statuses = new Map<number, number>();
let serverErrors = 0;
for (const line of readFileSync(serverLog, 'utf8').split('\n')) {
	if (!line.startsWith('{')) continue;
	let entry: { level?: number; msg?: string; res?: { statusCode?: number } };
	try {
		entry = JSON.parse(line);
	} catch {
		continue;
	}
	if (entry.msg === 'request completed' && entry.res?.statusCode) statuses.set(entry.res.statusCode, (statuses.get(entry.res.statusCode) ?? 0) + 1);
	if ((entry.level ?? 0) >= 50) serverErrors++;
}
const total = [...statuses.values()].reduce((a, b) => a + b, 0);
const byStatus = [...statuses]
	.sort(([a], [b]) => a - b)
	.map(([s, n]) => `${s}: ${n}`)
	.join(', ');
say(`${total} requests answered in ${runSeconds.toFixed(0)} s (${byStatus}); server errors logged: ${serverErrors}`);
if (serverErrors > 0) fail(`the server logged ${serverErrors} errors; see ${serverLog}`);
if (code !== 0)
	fail(`Schemathesis exited with status ${code}: each failure is above with a curl command that reproduces it (and the seed, --seed=N, reruns the whole run).`);
say('no failures');
