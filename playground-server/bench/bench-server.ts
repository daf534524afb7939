/**
 * `npm run bench:server`: what the sandbox server costs compared with the bare Go CLI, on this
 * machine, in one run. Prints a table of medians (and p90) over RUNS runs of each measurement:
 *
 *   escape    bare `go build -gcflags=-m` vs the server, with its result cache off and on
 *   direct    escape analysis, server with its result cache off vs the compiler run directly on
 *             the same files (`go tool compile -m`, and the compile binary itself): a 10-line
 *             package main, the same code as a library package, and three of Go's own escape
 *             tests ($GOROOT/test)
 *   run       bare `go build` + executing the binary vs the server, cache off and on
 *   edited    the same, with a different snippet every time (nothing in Go's build cache either)
 *   sandbox   starting a prebuilt hello world bare vs in the sandbox (bwrap alone, and the full
 *             step: cgroups, rlimits, uid drop, seccomp, bwrap)
 *   throughput  jobs per second at 1, 2, 4 and 8 concurrent clients (distinct snippets)
 *
 * The bare CLI gets a build cache of its own (warmed like the server's). The server is the real one (buildApp + createRunner) on a loopback port, called over HTTP.
 * Goals (issue 3): uncached escape and run ≤ 1.3× the bare CLI; cached ≤ 20 ms; sandbox start
 * ≤ 30 ms. Direct escape analysis: server uncached ≤ 1.3× `go tool compile -m`, and package main
 * no slower than the same code as a library. RUNS (default 20) and CONCURRENCY_JOBS (default 24) are environment variables.
 * Arguments name the sections to run (`npm run bench:server -- direct`: escape, direct, run,
 * sandbox, throughput); without any, all of them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { createRunners, defaultStateDir, Scheduler } from '../src/runner/index.ts';
import { runSandboxed, bwrapPath } from '../src/runner/sandbox.ts';
import type { RunRequest, RunResult } from '../src/contract/index.ts';

const RUNS = Number(process.env.RUNS ?? 20);
const sectionNames = ['escape', 'direct', 'run', 'sandbox', 'throughput'] as const;
const chosen = process.argv.slice(2);
for (const a of chosen) if (!(sectionNames as readonly string[]).includes(a)) throw new Error(`unknown section ${a}; use some of: ${sectionNames.join(', ')}`);
const want = (section: (typeof sectionNames)[number]) => chosen.length === 0 || chosen.includes(section);
const CONCURRENCY_JOBS = Number(process.env.CONCURRENCY_JOBS ?? 24);

const escapeSource = (tag: string) => `package main

import "fmt"

// ${tag}
type point struct{ x, y int }

func newPoint(x, y int) *point {
	p := point{x, y}
	return &p
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func main() {
	fmt.Println(newPoint(1, 2).x, sum([]int{1, 2, 3}))
}
`;
const helloSource = (tag: string) => `package main

import "fmt"

func main() { fmt.Println("hello, ${tag}") }
`;

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function p90(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)]!;
}

/**
 * Times two things in alternation (a, b, b, a, a, b, …), so that a change in the machine's load
 * during the run weighs on both alike.
 */
async function timePair(
	runs: number,
	a: (i: number) => Promise<unknown> | unknown,
	b: (i: number) => Promise<unknown> | unknown,
): Promise<[number[], number[]]> {
	await a(-1);
	await b(-1);
	const ta: number[] = [];
	const tb: number[] = [];
	const one = async (f: typeof a, into: number[], i: number) => {
		const t = performance.now();
		await f(i);
		into.push(performance.now() - t);
	};
	for (let i = 0; i < runs; i++) {
		if (i % 2 === 0) {
			await one(a, ta, i);
			await one(b, tb, i);
		} else {
			await one(b, tb, i);
			await one(a, ta, i);
		}
	}
	return [ta, tb];
}

/** timePair for any number of things: each run takes them in a rotated order. */
async function timeAll(runs: number, fs: ((i: number) => Promise<unknown> | unknown)[]): Promise<number[][]> {
	for (const f of fs) await f(-1);
	const out: number[][] = fs.map(() => []);
	for (let i = 0; i < runs; i++) {
		for (let k = 0; k < fs.length; k++) {
			const j = (i + k) % fs.length;
			const t = performance.now();
			await fs[j]!(i);
			out[j]!.push(performance.now() - t);
		}
	}
	return out;
}

async function time(runs: number, f: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
	await f(-1); // warm-up, not counted
	const out: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		await f(i);
		out.push(performance.now() - t);
	}
	return out;
}

// ---- bare CLI ---------------------------------------------------------------------------------
const goBin = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim() + '/bin/go';
const bareDir = mkdtempSync(join(tmpdir(), 'bench-bare-'));
writeFileSync(join(bareDir, 'go.mod'), 'module play\n\ngo 1.22\n');
// A build cache of the bare CLI's own, as warm as the server's (the standard library built once).
const bareCache = join(defaultStateDir(), 'bench-gocache');
const bareEnv = { ...process.env, GOCACHE: bareCache, GOFLAGS: '-mod=mod', GOPROXY: 'off', CGO_ENABLED: '0', GOTOOLCHAIN: 'local' };
function bare(args: string[]) {
	const r = spawnSync(goBin, args, { cwd: bareDir, env: bareEnv, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`go ${args.join(' ')}: ${r.stderr}`);
	return r;
}
function bareExec(path: string) {
	const r = spawnSync(path, [], { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${path}: ${r.stderr}`);
}

// ---- server -----------------------------------------------------------------------------------
// Both apps share one scheduler, the one concurrency gate, as one server would.
const scheduler = new Scheduler({ workers: availableParallelism(), queueSize: 256 });
const runners = createRunners({ baseUid: 63000, slots: scheduler.maxRunning, warmInBackground: false });
const runner = await runners.runner();
process.stderr.write('warming the build caches (once: about a minute when cold)…\n');
bare(['build', '-trimpath', 'std']);
const warm = await runners.warm();
if (!warm.ok) throw new Error(`warm-up failed: ${warm.error?.message}`);
const servers = {
	cached: await buildApp({ runner: runners, scheduler, logger: false, config: { rateLimitMax: 0, workers: availableParallelism(), queueSize: 256 } }),
	uncached: await buildApp({
		runner: runners,
		scheduler,
		logger: false,
		config: { rateLimitMax: 0, workers: availableParallelism(), queueSize: 256, cacheEntries: 0 },
	}),
};
const urls = {
	cached: await servers.cached.listen({ port: 0, host: '127.0.0.1' }),
	uncached: await servers.uncached.listen({ port: 0, host: '127.0.0.1' }),
};
async function call(which: 'cached' | 'uncached', request: RunRequest): Promise<RunResult> {
	const res = await fetch(`${urls[which]}/api/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
	const body = (await res.json()) as RunResult;
	if (!res.ok || !body.ok) throw new Error(`server answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
	return body;
}

interface Row {
	what: string;
	ms: number[];
	/** The row this one is compared with (ratio column). */
	vs?: string;
	goal?: string;
}
const rows: Row[] = [];
const add = (what: string, ms: number[], vs?: string, goal?: string) => rows.push({ what, ms, ...(vs ? { vs } : {}), ...(goal ? { goal } : {}) });

process.stderr.write(`measuring (${RUNS} runs each)…\n`);

const escapeSame: RunRequest = { mode: 'escape', files: { 'main.go': escapeSource('same') } };
const tag = `${process.pid}-${Date.now()}`;
if (want('escape')) {
	// escape, same snippet
	{
		const [b, srv] = await timePair(
			RUNS,
			() => {
				writeFileSync(join(bareDir, 'main.go'), escapeSource('same'));
				return bare(['build', '-trimpath', '-gcflags=-m', '-o', '/dev/null', '.']);
			},
			() => call('uncached', escapeSame),
		);
		add('escape: bare go build -gcflags=-m (same snippet)', b);
		add('escape: server, result cache off (same snippet)', srv, 'escape: bare go build -gcflags=-m (same snippet)', '≤ 1.3×');
	}
	add('escape: server, cached', await time(RUNS, () => call('cached', escapeSame)), undefined, '≤ 20 ms');

	// escape, edited every time
	{
		const [b, srv] = await timePair(
			RUNS,
			(i) => {
				writeFileSync(join(bareDir, 'main.go'), escapeSource(`bare ${tag} ${i}`));
				return bare(['build', '-trimpath', '-gcflags=-m', '-o', '/dev/null', '.']);
			},
			(i) => call('cached', { mode: 'escape', files: { 'main.go': escapeSource(`server ${tag} ${i}`) } }),
		);
		add('escape: bare, edited snippet each time', b);
		add('escape: server, edited snippet each time', srv, 'escape: bare, edited snippet each time', '≤ 1.3×');
	}
}

const directServer: Record<string, number[]> = {};
const directDir = mkdtempSync(join(tmpdir(), 'bench-direct-'));
if (want('direct')) {
	// escape analysis, server against the compiler run directly
	const tenLines = (pkg: string, entry: string) => `package ${pkg}

import "fmt"

func newPair(x, y int) *[2]int {
	p := [2]int{x, y}
	return &p
}

func ${entry}() { fmt.Println(newPair(1, 2)) }
`;
	// Go's own escape tests come from the machine's Go (a toolchain from the module proxy has no
	// test/ folder); the compilers compared are the server's release on both sides.
	const testRoot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim();
	const compileBin = execFileSync(goBin, ['env', 'GOTOOLDIR'], { encoding: 'utf8' }).trim() + '/compile';
	const stdImportcfg = join(directDir, 'importcfg');
	writeFileSync(stdImportcfg, bare(['list', '-export', '-trimpath', '-f', '{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}', 'std']).stdout);
	const lang = `-lang=${runner.goVersion.replace(/^(go\d+\.\d+).*/, '$1')}`;
	interface DirectCase {
		what: string;
		file: string;
		source: string;
		/** -p as go build gives it. */
		pkg: string;
		inlining: boolean;
	}
	const goTest = (file: string): DirectCase => ({
		what: `Go's test/${file}`,
		file,
		source: readFileSync(join(testRoot, 'test', file), 'utf8'),
		pkg: 'play',
		inlining: !/^\/\/ errorcheck.* -l\b/.test(readFileSync(join(testRoot, 'test', file), 'utf8')),
	});
	const directCases: DirectCase[] = [
		{ what: '10-line package main', file: 'main.go', source: tenLines('main', 'main'), pkg: 'main', inlining: true },
		{ what: 'same code as a library', file: 'pair.go', source: tenLines('pair', 'Show'), pkg: 'play', inlining: true },
		goTest('escape2.go'),
		goTest('escape_closure.go'),
		goTest('escape_param.go'),
	];
	for (const c of directCases) {
		writeFileSync(join(directDir, c.file), c.source);
		const flags = ['-p', c.pkg, lang, '-importcfg', stdImportcfg, '-o', join(directDir, 'out.a'), '-pack', '-m', ...(c.inlining ? [] : ['-l']), c.file];
		const compile = (argv: string[]) => () => {
			const r = spawnSync(argv[0]!, argv.slice(1), { cwd: directDir, env: bareEnv, encoding: 'utf8' });
			if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}${r.stdout}`);
		};
		const request: RunRequest = { mode: 'escape', files: { [c.file]: c.source }, options: c.inlining ? {} : { inlining: false } };
		const [tool = [], bin = [], srv = []] = await timeAll(RUNS, [
			compile([goBin, 'tool', 'compile', ...flags]),
			compile([compileBin, ...flags]),
			() => call('uncached', request),
		]);
		const base = `escape direct, ${c.what}: bare go tool compile -m`;
		add(base, tool);
		add(`escape direct, ${c.what}: bare compile binary -m`, bin, base, 'info');
		add(`escape direct, ${c.what}: server, result cache off`, srv, base, '≤ 1.3×');
		directServer[c.what] = srv;
	}
}

const bareBin = join(bareDir, 'prog');
if (want('run')) {
	// run, same snippet. The bare binary is removed first: otherwise go build finds it up to date
	// and skips the link, which the server (a fresh directory per job) never can.
	const helloSame: RunRequest = { mode: 'run', files: { 'main.go': helloSource('same') } };
	{
		const [b, srv] = await timePair(
			RUNS,
			() => {
				writeFileSync(join(bareDir, 'main.go'), helloSource('same'));
				rmSync(bareBin, { force: true });
				bare(['build', '-trimpath', '-o', bareBin, '.']);
				bareExec(bareBin);
			},
			() => call('uncached', helloSame),
		);
		add('run: bare go build + run hello (same snippet)', b);
		add('run: server, result cache off (same snippet)', srv, 'run: bare go build + run hello (same snippet)', '≤ 1.3×');
	}
	add('run: server, cached', await time(RUNS, () => call('cached', helloSame)), undefined, '≤ 20 ms');

	// run, edited every time
	{
		const [b, srv] = await timePair(
			RUNS,
			(i) => {
				writeFileSync(join(bareDir, 'main.go'), helloSource(`bare ${tag} ${i}`));
				bare(['build', '-trimpath', '-o', bareBin, '.']);
				bareExec(bareBin);
			},
			(i) => call('cached', { mode: 'run', files: { 'main.go': helloSource(`server ${tag} ${i}`) } }),
		);
		add('run: bare, edited snippet each time', b);
		add('run: server, edited snippet each time', srv, 'run: bare, edited snippet each time', '≤ 1.3×');
	}
}

let binDir: string | null = null;
if (want('sandbox')) {
	// sandbox start
	writeFileSync(join(bareDir, 'main.go'), helloSource('sandbox'));
	bare(['build', '-trimpath', '-o', bareBin, '.']);
	binDir = mkdtempSync(join(tmpdir(), 'bench-bin-'));
	const sandboxBin = join(binDir, 'prog');
	copyFileSync(bareBin, sandboxBin);
	chmodSync(binDir, 0o755);
	chmodSync(sandboxBin, 0o755);
	if (process.getuid?.() === 0) chownSync(sandboxBin, 0, 0);
	add('sandbox: bare hello binary', await time(RUNS, () => bareExec(sandboxBin)));

	const bwrap = bwrapPath() ?? 'bwrap';
	add(
		'sandbox: bwrap alone + hello (no uid drop, cgroup, rlimits, seccomp)',
		await time(RUNS, () => {
			const r = spawnSync(bwrap, [
				'--unshare-all',
				'--die-with-parent',
				'--as-pid-1',
				'--proc',
				'/proc',
				'--dev',
				'/dev',
				'--tmpfs',
				'/tmp',
				'--ro-bind',
				sandboxBin,
				'/prog',
				'--remount-ro',
				'/',
				'--',
				'/prog',
			]);
			if (r.status !== 0) throw new Error(`bwrap: ${r.stderr}`);
		}),
	);
	add(
		'sandbox: full sandbox step + hello',
		await time(RUNS, async () => {
			const o = await runSandboxed(
				{
					argv: ['/prog'],
					binds: [{ src: sandboxBin, dest: '/prog' }],
					env: { HOME: '/tmp' },
					cwd: '/tmp',
					system: false,
					timeoutMs: 10_000,
					cpuSeconds: 10,
					memoryBytes: 512 << 20,
					limitData: true,
					processes: 64,
					fileSizeBytes: 16 << 20,
					tmpBytes: 16 << 20,
					outputBytes: 1 << 20,
					uid: 63000 + availableParallelism(),
					gid: 61000,
				},
				{ kind: runner.sandbox, cgroups: runner.cgroups, bwrap, seccomp: true },
			);
			if (o.exitCode !== 0) throw new Error(`sandbox: ${o.stderr}`);
		}),
		'sandbox: bare hello binary',
		'≤ +30 ms',
	);
}

const throughput: { clients: number; jobsPerSecond: number; medianMs: number }[] = [];
if (want('throughput')) {
	// throughput
	for (const clients of [1, 2, 4, 8]) {
		let next = 0;
		const latencies: number[] = [];
		const t = performance.now();
		await Promise.all(
			Array.from({ length: clients }, async () => {
				while (next < CONCURRENCY_JOBS) {
					const i = next++;
					const s = performance.now();
					await call('cached', { mode: 'run', files: { 'main.go': helloSource(`tp ${tag} ${clients} ${i}`) } });
					latencies.push(performance.now() - s);
				}
			}),
		);
		throughput.push({ clients, jobsPerSecond: CONCURRENCY_JOBS / ((performance.now() - t) / 1000), medianMs: median(latencies) });
	}
}

// ---- report -----------------------------------------------------------------------------------
const byName = new Map(rows.map((r) => [r.what, r]));
const fmt = (n: number) => n.toFixed(1).padStart(8);
const width = Math.max(...rows.map((r) => r.what.length)) + 2;
console.log(`\nGo Memory Playbook sandbox server benchmark — ${new Date().toISOString()}`);
console.log(
	`${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, ${runner.goVersion}, sandbox ${runner.sandbox}, cgroups ${runner.cgroups.kind}, ${RUNS} runs each (median, p90 in ms)\n`,
);
console.log(`${'measurement'.padEnd(width)} ${'median'.padStart(8)} ${'p90'.padStart(8)}   compared with the bare CLI / goal`);
for (const r of rows) {
	let note = '';
	if (r.vs) {
		const base = median(byName.get(r.vs)!.ms);
		if (r.goal?.startsWith('≤ +')) note = `+${(median(r.ms) - base).toFixed(1)} ms (goal ${r.goal})`;
		else if (r.goal === 'info') note = `${(median(r.ms) / base).toFixed(2)}×`;
		else note = `${(median(r.ms) / base).toFixed(2)}× (goal ${r.goal})`;
	} else if (r.goal) {
		note = `goal ${r.goal}`;
	}
	console.log(`${r.what.padEnd(width)} ${fmt(median(r.ms))} ${fmt(p90(r.ms))}   ${note}`);
}
if (want('direct')) {
	const main = median(directServer['10-line package main']!);
	const library = median(directServer['same code as a library']!);
	console.log(
		`\nescape direct, server: package main ${main.toFixed(1)} ms vs the same code as a library ${library.toFixed(1)} ms: ${(main / library).toFixed(2)}× (goal: no slower)`,
	);
}
if (want('throughput')) {
	console.log(`\nthroughput, run mode, ${CONCURRENCY_JOBS} distinct hello-world jobs, ${availableParallelism()} workers:`);
	console.log(`${'clients'.padStart(8)} ${'jobs/s'.padStart(8)} ${'median latency ms'.padStart(18)}`);
}
for (const t of throughput) console.log(`${String(t.clients).padStart(8)} ${t.jobsPerSecond.toFixed(2).padStart(8)} ${t.medianMs.toFixed(0).padStart(18)}`);

await servers.cached.close();
await servers.uncached.close();
await runner.dispose();
rmSync(bareDir, { recursive: true, force: true });
if (binDir) rmSync(binDir, { recursive: true, force: true });
rmSync(directDir, { recursive: true, force: true });
