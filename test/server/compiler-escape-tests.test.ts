/**
 * The Go compiler's own escape-analysis tests ($GOROOT/test/escape*.go of the machine's toolchain)
 * run through the runner's escape mode, in the real sandbox, and checked two ways:
 *
 * 1. Against their own `// ERROR "regexp"` comments, with the matching rules of the compiler's
 *    test driver (errorCheck in src/cmd/internal/testdir/testdir_test.go): per source line, every
 *    regexp must match one message printed for that line, which it then consumes; a line with an
 *    expectation and no message fails; a message left over on any line fails.
 * 2. Against the same toolchain's `go tool compile` run directly on the host: the same diagnostics,
 *    in the same order, at the same positions.
 *
 * A file is mapped when its first line is `// errorcheck` with flags the API can express
 * (-m → escapeDetail 1, -m=2 → 2, -l → inlining false, -0 → nothing: it only says the compile
 * must succeed). The others are listed in `notMapped`, with the reason.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunOptions, RunResult } from '@playbook/engine/contract';
import { createRunner, Scheduler, type Runner } from '../../playground-server/src/runner/index.ts';
import { sourceHeader } from '../../playground-server/src/runner/imports.ts';
import { parseCompilerOutput } from '../../playground-server/src/runner/parse/compiler.ts';

const run = promisify(execFile);

/** Files of Go 1.26's test/ directory that the API cannot express, and why. */
const notMapped: Record<string, string> = {
	'escape.go': 'a "run" test (a program whose output is checked), not an errorcheck test',
	'escape3.go': 'a "run" test (a program whose output is checked), not an errorcheck test',
	'escape2n.go': 'compiles with -N (optimizations off), which the API has no option for',
	'escape_alias.go': 'checks -d=escapealias=1 (a compiler debug flag), which the API has no option for',
	'escape_iface_data.go': 'checks -d=escapedebug=1 (a compiler debug flag), which the API has no option for',
	'escape_mutations.go': 'checks -d=escapemutationscalls,zerocopy (compiler debug flags), which the API has no option for',
	'escape_runtime_atomic.go': 'imports internal/runtime/atomic, which only the standard library may import: the playground refuses it, as go build does',
};

const flagOptions: Record<string, RunOptions> = { '-0': {}, '-m': { escapeDetail: 1 }, '-m=2': { escapeDetail: 2 }, '-l': { inlining: false } };

interface Mapped {
	name: string;
	source: string;
	options: RunOptions;
	flags: string[];
}

/** How a test file maps onto the API, or why it does not. */
function mapFile(name: string, source: string): Mapped | string {
	const [action, ...flags] = (/^\/\/ (.*)/.exec(source.split('\n', 1)[0] ?? '')?.[1] ?? '').split(/\s+/);
	if (action !== 'errorcheck') return `a "${action}" test`;
	const unknown = flags.filter((f) => !(f in flagOptions));
	if (unknown.length > 0) return `flags ${unknown.join(' ')}`;
	if (!flags.some((f) => f.startsWith('-m'))) return 'no -m';
	const internal = sourceHeader(source).imports.find((i) => i.path.split('/').includes('internal'));
	if (internal) return `imports ${internal.path}`;
	return { name, source, flags, options: Object.assign({}, ...flags.map((f) => flagOptions[f])) as RunOptions };
}

interface Want {
	line: number;
	re: RegExp;
	source: string;
	auto: boolean;
}

/** testdir's wantedErrors: `// ERROR "re" "re"…` (or ERRORAUTO) with LINE, LINE+n, LINE-n expanded. */
function wantedErrors(name: string, source: string): Want[] {
	const out: Want[] = [];
	source.split('\n').forEach((text, i) => {
		const line = i + 1;
		if (text.includes('////')) return;
		const auto = /\/\/ (?:GC_)?ERRORAUTO (.*)/.exec(text);
		const m = auto ?? /\/\/ (?:GC_)?ERROR (.*)/.exec(text);
		if (!m) return;
		const quoted = [...(m[1] ?? '').matchAll(/"([^"]*)"/g)].map((q) => q[1] ?? '');
		if (quoted.length === 0) throw new Error(`${name}:${line}: invalid errchk line: ${text}`);
		for (const q of quoted) {
			const rx = q.replace(
				/LINE(?:([+-])(\d+))?/g,
				(_, sign: string | undefined, n: string | undefined) => `${name}:${line + (sign === '-' ? -Number(n) : Number(n ?? 0))}`,
			);
			out.push({ line, re: new RegExp(rx), source: rx, auto: auto !== null });
		}
	});
	return out;
}

/** testdir's matchPrefix: "dir/file.go:12:…" begins with "file.go:12" followed by ':' or '['. */
function matchPrefix(message: string, prefix: string): boolean {
	const colon = message.indexOf(':');
	if (colon < 0) return false;
	const s = message.slice(message.lastIndexOf('/', colon) + 1);
	return s.length > prefix.length && s.startsWith(prefix) && (s[prefix.length] === ':' || s[prefix.length] === '[');
}

/** testdir's errorCheck on "file:line:col: message" lines; returns the failures. */
function errorCheck(name: string, source: string, output: string[]): { failures: string[]; met: number } {
	let out = [...output];
	const failures: string[] = [];
	let met = 0;
	for (const want of wantedErrors(name, source)) {
		const prefix = want.auto ? '<autogenerated>' : `${name}:${want.line}`;
		const isMine = (m: string) => (want.auto ? m.startsWith(prefix) : matchPrefix(m, prefix));
		const mine = out.filter(isMine);
		out = out.filter((m) => !isMine(m));
		if (mine.length === 0) {
			failures.push(`${name}:${want.line}: missing error ${JSON.stringify(want.source)}`);
			continue;
		}
		let matched = false;
		for (const m of mine) {
			// Without "file:line: ", so that a regexp cannot match the file name instead of the message.
			const text = m.includes(' ') ? m.slice(m.indexOf(' ') + 1) : m;
			if (want.re.test(text)) matched = true;
			else out.push(m);
		}
		if (matched) met++;
		else failures.push(`${name}:${want.line}: no match for ${JSON.stringify(want.source)} in:\n\t${mine.join('\n\t')}`);
	}
	for (const m of out) if (matchPrefix(m, name)) failures.push(`unmatched: ${m}`);
	return { failures, met };
}

const asLines = (r: Pick<RunResult, 'diagnostics'>) => r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`);

// The machine's own Go carries the test/ folder (toolchains from the module proxy have none).
const goRoot = (await run('go', ['env', 'GOROOT'], { env: { ...process.env, GOTOOLCHAIN: 'local' } })).stdout.trim();
const testDir = join(goRoot, 'test');
const files = readdirSync(testDir)
	.filter((n) => /^escape.*\.go$/.test(n))
	.sort();
const mapped: Mapped[] = [];
const unmapped: Record<string, string> = {};
for (const name of files) {
	const m = mapFile(name, readFileSync(join(testDir, name), 'utf8'));
	if (typeof m === 'string') unmapped[name] = m;
	else mapped.push(m);
}

let runner: Runner;
// The files are compiled together, through the scheduler as the server would (the runner does not queue).
const scheduler = new Scheduler({ workers: 2, queueSize: 1000 });
const results = new Map<string, RunResult>();
const direct = new Map<string, string>();
let scratch = '';
let totalMet = 0;

beforeAll(async () => {
	runner = await createRunner({ baseUid: 62600, slots: scheduler.maxRunning });
	const warm = await runner.warm();
	if (!warm.ok) throw new Error(`warming the Go build cache failed: ${warm.error?.message}`);
	// The runner's toolchain run directly (the machine's Go may be another release: the test
	// files are the machine's, the compiler the server's), with an importcfg from the whole
	// archives in the build cache the runner warmed (the runner copies only their export data):
	// the direct compile shares nothing else with the runner.
	const go = runner.toolchain.goBin;
	const env = {
		...process.env,
		GOROOT: runner.toolchain.goRoot,
		GOCACHE: runner.cacheDirectory,
		CGO_ENABLED: '0',
		GOFLAGS: '',
		GOENV: 'off',
		GOTOOLCHAIN: 'local',
		GOPROXY: 'off',
	};
	const list = await run(go, ['list', '-export', '-trimpath', '-f', '{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}', 'std'], {
		env,
		maxBuffer: 1 << 24,
	});
	scratch = mkdtempSync(join(tmpdir(), 'escape-direct-'));
	writeFileSync(join(scratch, 'importcfg'), list.stdout);
	await Promise.all(
		mapped.map(async (f) => {
			results.set(f.name, await scheduler.run(runner, { mode: 'escape', files: { [f.name]: f.source }, options: f.options }));
			const pkg = sourceHeader(f.source).packageName === 'main' ? 'main' : 'play';
			const dir = mkdtempSync(join(scratch, 'f-'));
			writeFileSync(join(dir, f.name), f.source);
			const flags = f.flags.filter((x) => x !== '-0');
			const out = await run(
				go,
				[
					'tool',
					'compile',
					'-p',
					pkg,
					`-lang=go${runner.goVersion.replace(/^go(\d+\.\d+).*/, '$1')}`,
					'-importcfg',
					join(scratch, 'importcfg'),
					'-o',
					join(dir, 'out.a'),
					'-pack',
					...flags,
					f.name,
				],
				{ cwd: dir, env, maxBuffer: 1 << 24 },
			);
			// Without -trimpath the compiler prints the file's absolute path.
			direct.set(f.name, (out.stdout + out.stderr).replaceAll(`${dir}/`, ''));
		}),
	);
}, 600_000);

afterAll(async () => {
	await runner?.dispose();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
	const skipped = Object.entries(unmapped).map(([n, why]) => `\n  ${n}: ${notMapped[n] ?? why}`);
	console.log(`compiler escape tests (${testDir}): ${mapped.length} files mapped, ${totalMet} // ERROR expectations met; not mapped:${skipped.join('')}`);
});

test('the runner compiles directly (not through the go build fallback), and the files that cannot be mapped are the documented ones', () => {
	expect(runner.directEscape).toBe(true);
	expect(Object.keys(unmapped).sort()).toEqual(Object.keys(notMapped).sort());
	expect(mapped.length).toBeGreaterThanOrEqual(20);
});

describe.each(mapped.map((f) => [f.name, f] as const))('%s', (name, f) => {
	test('meets every // ERROR expectation, with nothing left over', () => {
		const r = results.get(name)!;
		expect(r.error, JSON.stringify(r.error)).toBeNull();
		const { failures, met } = errorCheck(name, f.source, asLines(r));
		expect(failures).toEqual([]);
		expect(met).toBe(wantedErrors(name, f.source).length);
		totalMet += met;
	});

	test('answers what go tool compile prints, at the same positions', () => {
		const expected = parseCompilerOutput(direct.get(name)!, new Set([name]), false).diagnostics;
		const got = results.get(name)!.diagnostics;
		expect(got.map((d) => `${d.line}:${d.col} ${d.kind} ${d.message}`)).toEqual(expected.map((d) => `${d.line}:${d.col} ${d.kind} ${d.message}`));
	});
});
