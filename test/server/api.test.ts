/** The API's answers for each mode and endpoint, against the real toolchain and sandbox. */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../playground-server/src/app.ts';
import type { RunResult } from '@playbook/engine/contract';
import { hello, leftovers, startServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ baseUid: 62200 });
});
afterAll(async () => {
	await server?.close();
});

const program = (body: string, imports = ['fmt']) => `package main\n\nimport (\n${imports.map((i) => `\t"${i}"\n`).join('')})\n\n${body}\n`;
const metric = async (re: RegExp) => {
	const text = (await server.app.inject({ method: 'GET', url: '/metrics' })).body;
	return text.split('\n').filter((l) => re.test(l));
};

describe('run', () => {
	test("a program's output, exit code and Go version; the same request again comes from the cache", async () => {
		const { request, token } = hello('run');
		const first = await server.run(request);
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			ok: true,
			mode: 'run',
			exitCode: 0,
			stdout: `${token}\n`,
			stderr: '',
			cached: false,
			truncated: false,
			error: null,
			goVersion: server.runner.goVersion,
		});
		expect(first.body.durationMs).toBeGreaterThan(0);
		const again = await server.run(request);
		expect(again.body).toEqual({ ...first.body, cached: true });
	});

	test('a compile error names file, line and column, and gives each as a diagnostic', async () => {
		const { body } = await server.run({ mode: 'run', files: { 'main.go': program('func main() {\n\tfmt.Println(undefinedName)\n}') } });
		expect(body.error?.code).toBe('compile_error');
		expect(body.error?.message).toMatch(/^Compile error at main\.go:8:14: undefined: undefinedName\. Fix that line/);
		expect(body.diagnostics).toEqual([{ file: 'main.go', line: 8, col: 14, kind: 'error', message: 'undefined: undefinedName' }]);
	});

	test('a panic names the line it came from', async () => {
		const { body } = await server.run({
			mode: 'run',
			files: { 'main.go': program('func main() {\n\tvar m map[string]int\n\tm["x"] = 1\n\tfmt.Println(m)\n}') },
		});
		expect(body.error?.code).toBe('panic');
		expect(body.error?.message).toMatch(/assignment to entry in nil map at main\.go:9/);
		expect(body.exitCode).toBe(2);
	});

	test('a non-zero exit', async () => {
		const { body } = await server.run({ mode: 'run', files: { 'main.go': program('func main() { fmt.Println("bye"); os.Exit(3) }', ['fmt', 'os']) } });
		expect(body).toMatchObject({ ok: false, exitCode: 3, stdout: 'bye\n', error: { code: 'exit_nonzero' } });
	});

	test('a library package cannot be run, and the answer says what to do instead', async () => {
		const { body } = await server.run({ mode: 'run', files: { 'lib.go': 'package lib\n\nfunc F() int { return 1 }\n' } });
		expect(body.error?.code).toBe('compile_error');
		expect(body.error?.message).toMatch(/package main with a func main/);
	});

	test("a go.mod without a go line builds, at the toolchain's language version (the Go Playground's own pattern)", async () => {
		// range over an int needs go1.22: without the runner's go line the go command would assume go1.16.
		const { body } = await server.run({
			mode: 'run',
			files: { 'go.mod': 'module play.ground\n', 'main.go': program('func main() {\n\tfor i := range 3 {\n\t\tfmt.Print(i)\n\t}\n}') },
		});
		expect(body).toMatchObject({ ok: true, stdout: '012', error: null });
		const quoted = await server.run({
			mode: 'run',
			files: {
				'go.mod': '// mine\nmodule "example.com/x" // a path of its own\n\ngodebug panicnil=1\n',
				'main.go': program('func main() { fmt.Print("ok") }'),
			},
		});
		expect(quoted.body).toMatchObject({ ok: true, stdout: 'ok' });
	});

	test('recursion that never ends: memory_limit, with a runtime-error diagnostic on the recursive call', async () => {
		const { body } = await server.run({
			mode: 'run',
			files: {
				'main.go': program(
					'func down(n int) int {\n\tvar pad [256]byte\n\tpad[n%256] = byte(n)\n\treturn down(n+1) + int(pad[0])\n}\n\nfunc main() {\n\tfmt.Println(down(0))\n}',
				),
			},
		});
		expect(body.error?.code).toBe('memory_limit');
		expect(body.error?.message).toMatch(/[Rr]ecursion/);
		// Under a job cgroup the kernel stops the program before the runtime prints a traceback, so
		// the line is the function's call of itself; with a traceback, the same call one frame out.
		expect(body.diagnostics).toEqual([
			{
				file: 'main.go',
				line: 10,
				col: 2,
				kind: 'runtime-error',
				message: expect.stringMatching(/^(?:out of memory: down calls itself here|fatal error: |runtime: goroutine stack exceeds)/),
			},
		]);
	});

	test('GODEBUG from the allow-list reaches the program (gctrace=1)', async () => {
		const { body } = await server.run({
			mode: 'run',
			files: {
				'main.go': program(
					'var sink []byte\n\nfunc main() {\n\tfor i := 0; i < 100; i++ {\n\t\tsink = make([]byte, 1<<20)\n\t}\n\truntime.GC()\n\tfmt.Println(len(sink))\n}',
					['fmt', 'runtime'],
				),
			},
			options: { godebug: ['gctrace=1'] },
		});
		expect(body.error).toBeNull();
		expect(body.stderr).toMatch(/^gc \d+ @/m);
	});
});

describe('escape', () => {
	const source = program(
		'type point struct{ x, y int }\n\nfunc newPoint() *point {\n\tp := point{1, 2}\n\treturn &p\n}\n\nfunc sum(xs []int) (t int) {\n\tfor _, x := range xs {\n\t\tt += x\n\t}\n\treturn\n}\n\nfunc main() {\n\tfmt.Println(newPoint().x, sum([]int{1, 2}))\n}',
	);

	test("-m: diagnostics classified and on the compiler's lines", async () => {
		const { body } = await server.run({ mode: 'escape', files: { 'main.go': source } });
		expect(body.error).toBeNull();
		const at = (line: number) => body.diagnostics.filter((d) => d.line === line).map((d) => `${d.kind}: ${d.message}`);
		expect(at(10)).toEqual(['moved-to-heap: moved to heap: p']);
		expect(at(14)).toEqual(expect.arrayContaining(['can-inline: can inline sum', 'does-not-escape: xs does not escape']));
		expect(body.diagnostics.some((d) => d.flow)).toBe(false);
	});

	test('-m=2: each allocation carries its escape flow', async () => {
		const { body } = await server.run({ mode: 'escape', files: { 'main.go': source }, options: { escapeDetail: 2 } });
		const p = body.diagnostics.find((d) => d.message === 'moved to heap: p');
		expect(p?.flow?.[0]).toBe('p escapes to heap in newPoint');
		expect(p?.flow).toContain('from return &p (return) at main.go:11:2');
	});

	test('inlining: false turns inlining off (-l)', async () => {
		const { body } = await server.run({ mode: 'escape', files: { 'main.go': source }, options: { inlining: false } });
		expect(body.diagnostics.some((d) => d.kind === 'can-inline' || d.kind === 'inlining-call')).toBe(false);
		expect(body.diagnostics.some((d) => d.kind === 'moved-to-heap')).toBe(true);
	});
});

describe('asm', () => {
	const source = program(
		'type point struct{ x, y int }\n\nvar sink *point\n\nfunc newPoint(x, y int) *point {\n\treturn &point{x, y}\n}\n\nfunc main() {\n\tm := map[int]int{1: 2}\n\tclear(m)\n\tsink = newPoint(1, 2)\n\txs := []int{1, 2, 3}\n\tfmt.Println(xs[len(m)])\n}',
	);
	// Lines: 12 newPoint's return, 17 clear(m), 18 sink = newPoint(1, 2), 20 xs[len(m)].
	const marks = (body: RunResult, fn: string) =>
		body.assembly
			.find((f) => f.name === fn)
			?.instructions.filter((i) => i.mark)
			.map((i) => `${i.line} ${i.mark} ${i.op} ${i.args}`) ?? [];

	test("the package's functions, each instruction on its snippet line, the ones that matter to memory marked", async () => {
		const { status, body } = await server.run({ mode: 'asm', files: { 'main.go': source } });
		expect(status).toBe(200);
		expect(body).toMatchObject({ ok: true, mode: 'asm', error: null, diagnostics: [] });
		expect(body.assembly.map((f) => f.name)).toEqual(['main.newPoint', 'main.main']);
		// Pseudo-instructions (liveness maps) and the symbols' bytes are not instructions.
		expect(body.assembly.flatMap((f) => f.instructions.map((i) => i.op))).not.toContain('PCDATA');
		expect(marks(body, 'main.newPoint')).toEqual([expect.stringMatching(/^12 alloc CALL runtime\.(newobject|mallocgc\w*)\(SB\)$/)]);
		const main = marks(body, 'main.main');
		expect(main).toContain('17 clear CALL runtime.mapclear(SB)');
		// newPoint inlined into main: its allocation and the store's write barrier are on the call's line.
		expect(main).toEqual(
			expect.arrayContaining([expect.stringMatching(/^18 alloc CALL runtime\.(newobject|mallocgc\w*)\(SB\)$/), expect.stringMatching(/^18 write-barrier /)]),
		);
		expect(main).toEqual(expect.arrayContaining([expect.stringMatching(/^20 panic CALL runtime\.panic\w*\(SB\)$/)]));
		// Code inlined from fmt is on the line that calls it, not in fmt's files.
		expect(body.assembly.flatMap((f) => f.instructions).every((i) => i.file === 'main.go' || i.file === '')).toBe(true);
	});

	test('inlining: false keeps newPoint a call: its allocation stays in newPoint', async () => {
		const { body } = await server.run({ mode: 'asm', files: { 'main.go': source }, options: { inlining: false } });
		expect(marks(body, 'main.main').filter((m) => / alloc /.test(m) && m.startsWith('18 '))).toEqual([]);
		expect(
			body.assembly.find((f) => f.name === 'main.main')?.instructions.some((i) => i.line === 18 && i.op === 'CALL' && i.args === 'main.newPoint(SB)'),
		).toBe(true);
	});

	test('a library package with tests: its functions and the test functions', async () => {
		const { body } = await server.run({
			mode: 'asm',
			files: {
				'a.go': 'package a\n\nfunc At(s []int, i int) int { return s[i] }\n',
				'a_test.go': 'package a\n\nimport "testing"\n\nfunc TestAt(t *testing.T) {\n\tif At([]int{7}, 0) != 7 {\n\t\tt.Fatal("no")\n\t}\n}\n',
			},
		});
		expect(body.error).toBeNull();
		expect(body.assembly.map((f) => f.name)).toEqual(expect.arrayContaining(['play.At', 'play.TestAt']));
		expect(marks(body, 'play.At')).toEqual([expect.stringMatching(/^3 panic CALL runtime\.panic\w*\(SB\)$/)]);
	});

	test('a compile error is the answer, with no listing', async () => {
		const { body } = await server.run({ mode: 'asm', files: { 'main.go': 'package main\n\nfunc main() {\n\tx := 1\n}\n' } });
		expect(body).toMatchObject({ ok: false, mode: 'asm', assembly: [], error: { code: 'compile_error' } });
		expect(body.diagnostics).toEqual([expect.objectContaining({ file: 'main.go', line: 4, kind: 'error', message: 'declared and not used: x' })]);
	});

	test('options of other modes are refused for asm, naming the ones it takes', async () => {
		const res = await server.app.inject({
			method: 'POST',
			url: '/api/run',
			payload: { mode: 'asm', files: { 'main.go': source }, options: { escapeDetail: 2 } },
		});
		expect(res.statusCode).toBe(400);
		expect(res.json().error.message).toMatch(/options\.escapeDetail does not apply to mode "asm".*Mode "asm" takes: go, inlining/s);
	});
});

describe('bench and test', () => {
	const benchmarks = `package main

import "testing"

var sink []byte

func BenchmarkAlloc(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = make([]byte, 64)
	}
	b.ReportMetric(42, "widgets/op")
}

func BenchmarkNone(b *testing.B) {
	for i := 0; i < b.N; i++ {
	}
}
`;

	// Enough iterations that the testing package's own allocations vanish from B/op.
	test('benchmarks with allocations, custom metrics, -count and -bench', async () => {
		const { body } = await server.run({ mode: 'bench', files: { 'main_test.go': benchmarks }, options: { benchtime: '100000x', count: 2, bench: 'Alloc' } });
		const context = JSON.stringify({ error: body.error, stdout: body.stdout, stderr: body.stderr.slice(0, 2000) });
		expect(body.error, context).toBeNull();
		expect(body.benchmarks, context).toHaveLength(2);
		for (const b of body.benchmarks) {
			expect(b, context).toMatchObject({ name: 'BenchmarkAlloc', iterations: 100000, bytesPerOp: 64, allocsPerOp: 1, metrics: { 'widgets/op': 42 } });
			expect(b.nsPerOp).toBeGreaterThan(0);
		}
	});

	test('tests: counts, and failures named in the error', async () => {
		const tests = 'package main\n\nimport "testing"\n\nfunc TestGood(t *testing.T) {}\n\nfunc TestBad(t *testing.T) { t.Fatal("wrong") }\n';
		const { body } = await server.run({ mode: 'test', files: { 'main_test.go': tests } });
		expect(body.tests).toEqual({ passed: 1, failed: 1 });
		expect(body.error?.code).toBe('tests_failed');
		expect(body.error?.message).toMatch(/TestBad/);
		expect(body.stdout).toMatch(/main_test\.go:7: wrong/);
		// The t.Fatal line is marked like a panic, from its first statement.
		expect(body.diagnostics).toEqual([{ file: 'main_test.go', line: 7, col: 1, kind: 'runtime-error', message: 'TestBad: wrong' }]);
	});

	test('the race detector (race: true)', async () => {
		const racy =
			'package main\n\nimport (\n\t"sync"\n\t"testing"\n)\n\nfunc TestRace(t *testing.T) {\n\tn := 0\n\tvar wg sync.WaitGroup\n\tfor i := 0; i < 2; i++ {\n\t\twg.Add(1)\n\t\tgo func() { n++; wg.Done() }()\n\t}\n\twg.Wait()\n}\n';
		const { body } = await server.run({ mode: 'test', files: { 'main_test.go': racy }, options: { race: true } });
		expect(body.error?.code).toBe('race_detected');
		expect(body.stderr).toMatch(/WARNING: DATA RACE/);
		expect(body.error?.message).toMatch(/main_test\.go:13/);
	});

	test('bench without a _test.go file says where benchmarks live', async () => {
		const { body } = await server.run({ mode: 'bench', files: { 'main.go': program('func main() {}') } });
		expect(body.error?.code).toBe('compile_error');
		expect(body.error?.message).toMatch(/_test\.go/);
	});
});

describe('Go Playground compatibility: POST /compile', () => {
	const compile = async (form: Record<string, string>) => {
		const res = await server.app.inject({
			method: 'POST',
			url: '/compile',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			payload: new URLSearchParams(form).toString(),
		});
		return { status: res.statusCode, body: res.json() as Record<string, unknown> };
	};

	test("a program's output as events", async () => {
		const { token, request } = hello('compile');
		const { status, body } = await compile({ version: '2', body: request.files['main.go']!, withVet: 'true' });
		expect(status).toBe(200);
		expect(body).toEqual({ Errors: '', Events: [{ Message: `${token}\n`, Kind: 'stdout', Delay: 0 }], Status: 0, IsTest: false, TestsFailed: 0, VetOK: true });
	});

	test('compile errors in Errors; vet findings in VetErrors', async () => {
		const bad = await compile({ body: 'package main\n\nfunc main() {\n\tx := 1\n}\n' });
		expect(bad.body).toMatchObject({ Errors: './prog.go:4:2: declared and not used: x\n', Events: null });
		const vet = await compile({ body: program('func main() {\n\tfmt.Printf("%d\\n", "seven")\n}'), withVet: 'true' });
		expect(vet.body['VetErrors']).toMatch(/prog\.go:8:\d+: fmt\.Printf format %d has arg "seven" of wrong type string/);
	});

	test("the Go Playground's multi-file pattern: a go.mod section with only a module line", async () => {
		const res = await compile({ body: `${program('func main() {\n\tfor i := range 2 {\n\t\tfmt.Print(i)\n\t}\n}')}-- go.mod --\nmodule play.ground\n` });
		expect(res.body).toMatchObject({ Errors: '', Events: [{ Message: '01', Kind: 'stdout', Delay: 0 }], Status: 0 });
	});

	test('a package main with tests and no main runs its tests; txtar bodies hold several files', async () => {
		const body =
			'package main\n\nimport "testing"\n\nfunc TestA(t *testing.T) { t.Log(helper()) }\n-- helper.go --\npackage main\n\nfunc helper() string { return "from helper.go" }\n';
		const res = await compile({ body });
		expect(res.body).toMatchObject({ IsTest: true, TestsFailed: 0, Status: 0, Errors: '' });
		expect(JSON.stringify(res.body['Events'])).toMatch(/from helper\.go/);
	});
});

describe('operations', () => {
	test('/healthz reports the toolchain, sandbox and queue', async () => {
		const res = await server.app.inject({ method: 'GET', url: '/healthz' });
		expect(res.statusCode).toBe(200);
		expect(res.json()).toMatchObject({
			status: 'ok',
			goVersion: server.runner.goVersion,
			sandbox: 'bwrap',
			queue: { pool: { running: 0, queued: 0, capacity: 2, queueSize: 64 }, bench: { capacity: 1 } },
		});
	});

	test('/metrics counts jobs by mode and outcome, cache hits and misses, and the queue', async () => {
		const lines = await metric(/^playbook_(jobs_total|result_cache_(hits|misses)_total|queue_depth|job_duration_seconds_count)\{/);
		expect(lines.join('\n')).toMatch(/^playbook_jobs_total\{mode="run",outcome="ok"\} [1-9]/m);
		expect(lines.join('\n')).toMatch(/^playbook_jobs_total\{mode="run",outcome="compile_error"\} [1-9]/m);
		expect(lines.join('\n')).toMatch(/^playbook_result_cache_hits_total\{mode="run"\} [1-9]/m);
		expect(lines.join('\n')).toMatch(/^playbook_queue_depth\{lane="bench"\} 0/m);
		expect(lines.join('\n')).toMatch(/^playbook_job_duration_seconds_count\{mode="escape"\} [1-9]/m);
	});

	test('the OpenAPI document describes the API from the same schemas', async () => {
		const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
			openapi: string;
			paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
			components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
		};
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/run', '/compile', '/healthz', '/metrics']));
		expect(Object.keys(doc.paths['/api/run']!['post']!.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415', '429', '503']));
		expect(Object.keys(doc.components.schemas['RunRequest']!.properties!)).toEqual(['mode', 'files', 'options']);
		expect(doc.components.schemas['RunResult']!.properties).toHaveProperty('diagnostics');
	});

	test("every answer carries a request id; a proxy's well-formed one is kept", async () => {
		const own = await server.app.inject({ method: 'GET', url: '/healthz' });
		expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
		const given = await server.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'edge-42' } });
		expect(given.headers['x-request-id']).toBe('edge-42');
		const junk = await server.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'a b\nc' } });
		expect(junk.headers['x-request-id']).not.toBe('a b\nc');
	});

	test('identical requests at the same time share one job', async () => {
		const { request, token } = hello('shared');
		const before = await metric(/^playbook_shared_jobs_total\{mode="run"\}/);
		const answers = await Promise.all([server.run(request), server.run(request), server.run(request)]);
		for (const a of answers) expect(a.body.stdout).toBe(`${token}\n`);
		const after = await metric(/^playbook_shared_jobs_total\{mode="run"\}/);
		const count = (l: string[]) => Number(l[0]?.split(' ')[1] ?? 0);
		expect(count(after) - count(before)).toBe(2);
	});

	test('a client that disconnects cancels its job, which leaves nothing behind', async () => {
		const sleeper = {
			mode: 'run' as const,
			files: { 'main.go': program(`func main() {\n\tfmt.Println("${Date.now()}")\n\ttime.Sleep(time.Hour)\n}`, ['fmt', 'time']) },
		};
		const controller = new AbortController();
		const pending = fetch(`${server.url}/api/run`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(sleeper),
			signal: controller.signal,
		}).catch((e: unknown) => e);
		while (server.app.playground.scheduler.stats().pool.running === 0) await new Promise((r) => setTimeout(r, 20));
		controller.abort();
		expect(await pending).toBeInstanceOf(Error);
		expect(await leftovers(server)).toEqual([]);
		// Canceled, not run to its time limit: no timeout was ever recorded.
		expect(await metric(/^playbook_jobs_total\{mode="run",outcome="timeout"\}/)).toEqual([]);
	});
});

describe('site, CORS and rate limit (separate apps)', () => {
	let dist: string;
	beforeAll(() => {
		dist = mkdtempSync(join(tmpdir(), 'playbook-dist-'));
		mkdirSync(join(dist, 'rules'));
		writeFileSync(join(dist, 'index.html'), '<h1>home</h1>');
		writeFileSync(join(dist, 'rules', 'index.html'), '<h1>rules</h1>');
		writeFileSync(join(dist, '404.html'), '<h1>not here</h1>');
	});
	afterAll(() => rmSync(dist, { recursive: true, force: true }));

	test("the built site and the API on one port, with Astro's directory pages and 404 page", async () => {
		const app = await buildApp({ runner: server.runners, logger: false, config: { distDir: dist } });
		try {
			expect((await app.inject('/')).body).toBe('<h1>home</h1>');
			expect((await app.inject('/rules/')).body).toBe('<h1>rules</h1>');
			const redirect = await app.inject('/rules');
			expect([redirect.statusCode, redirect.headers.location]).toEqual([301, '/rules/']);
			const missing = await app.inject('/no/such/page/');
			expect([missing.statusCode, missing.body]).toEqual([404, '<h1>not here</h1>']);
			expect((await app.inject('/healthz')).statusCode).toBe(200);
			const apiMissing = await app.inject('/api/nothing');
			expect(apiMissing.json()).toMatchObject({ error: { code: 'not_found' } });
		} finally {
			await app.close();
		}
	});

	test('CORS: the configured site origin may call the API; others get no CORS headers', async () => {
		const app = await buildApp({ runner: server.runners, logger: false, config: { corsOrigins: ['https://playbook.example'] } });
		try {
			const pre = await app.inject({
				method: 'OPTIONS',
				url: '/api/run',
				headers: { origin: 'https://playbook.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
			});
			expect(pre.statusCode).toBe(204);
			expect(pre.headers['access-control-allow-origin']).toBe('https://playbook.example');
			const other = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example' } });
			expect(other.headers['access-control-allow-origin']).toBeUndefined();
		} finally {
			await app.close();
		}
	});

	test('rate limit per client address: 429 with Retry-After and a JSON error', async () => {
		const app = await buildApp({ runner: server.runners, logger: false, config: { rateLimitMax: 2, rateLimitWindowMs: 60_000 } });
		try {
			const send = (ip: string) => app.inject({ method: 'POST', url: '/api/run', remoteAddress: ip, payload: {} });
			expect((await send('10.0.0.1')).statusCode).toBe(400);
			expect((await send('10.0.0.1')).statusCode).toBe(400);
			const limited = await send('10.0.0.1');
			expect(limited.statusCode).toBe(429);
			expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
			expect(limited.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/at most 2 per 60 s.*Retry-After/) } });
			expect((await send('10.0.0.2')).statusCode).toBe(400);
			expect((await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
		} finally {
			await app.close();
		}
	});
});

test('results are RunResults in every field', async () => {
	const { body } = await server.run(hello('shape').request);
	const keys: (keyof RunResult)[] = [
		'ok',
		'mode',
		'goVersion',
		'exitCode',
		'stdout',
		'stderr',
		'durationMs',
		'cached',
		'truncated',
		'diagnostics',
		'benchmarks',
		'tests',
		'assembly',
		'error',
	];
	expect(Object.keys(body).sort()).toEqual([...keys].sort());
});
