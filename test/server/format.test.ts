/**
 * Format: POST /fmt (the Go Playground's protocol, its own test cases' answers) and POST
 * /api/format (the site's JSON API), with the real formatter built by the real toolchain and run
 * in the real sandbox. gofmt, goimports adding and removing standard-library imports only (and
 * never scanning for others), txtar bodies with a go.mod, syntax errors at their file, line and
 * column without a path of the server's, the refusals, input made to be slow or deep answered
 * within the limits, and a full queue answered 503.
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../playground-server/src/app.ts';
import { buildFormatter } from '../../playground-server/src/runner/format.ts';
import { createRunners, type Runners } from '../../playground-server/src/runner/index.ts';
import { fixedLimits } from '../../playground-server/src/runner/limits.ts';
import { Scheduler } from '../../playground-server/src/runner/scheduler.ts';
import { requestLimits, type FormatResult } from '@playbook/engine/contract';

let runners: Runners;
let app: FastifyInstance;
let stateDir: string;

beforeAll(async () => {
	// Formatting needs no warm build cache: only the formatter, built here once per source.
	runners = createRunners({ baseUid: 62800, slots: 4, warmInBackground: false });
	const runner = await runners.runner();
	stateDir = runner.cacheDirectory.replace(/\/gocache-[^/]+$/, '');
	await runners.formatterReady();
	app = await buildApp({ runner: runners, logger: false, config: { rateLimitMax: 0, workers: 2, queueSize: 64 } });
	await app.ready();
});
afterAll(async () => {
	await app?.close();
	await runners?.dispose();
});

const form = 'application/x-www-form-urlencoded';

async function fmt(fields: Record<string, string>): Promise<{ status: number; body: unknown; contentType: string }> {
	const res = await app.inject({ method: 'POST', url: '/fmt', headers: { 'content-type': form }, payload: new URLSearchParams(fields).toString() });
	return { status: res.statusCode, body: res.json(), contentType: String(res.headers['content-type']) };
}

async function format(
	payload: unknown,
): Promise<{ status: number; body: FormatResult & { error?: { code: string; message: string } }; headers: Record<string, unknown> }> {
	const res = await app.inject({ method: 'POST', url: '/api/format', payload: payload as Record<string, unknown> });
	return { status: res.statusCode, body: res.json(), headers: res.headers };
}

/** Nothing of the server's or the sandbox's file system in what a client reads. */
function expectNoPath(text: string) {
	expect(text).not.toContain(stateDir);
	expect(text).not.toMatch(/\/tmp\/|\/formatter|\/goroot|\/root\/|gocache|PLAYBOOK_STATE_DIR/);
}

describe("POST /fmt: the Go Playground's protocol", () => {
	/** golang.org/x/playground's own test cases (fmt_test.go) that name files this playground accepts. */
	const playgroundCases: { name: string; body: string; imports?: boolean; want?: string; wantErr?: string }[] = [
		{ name: 'classic', body: ' package main\n    func main( ) {  }\n', want: 'package main\n\nfunc main() {}\n' },
		{ name: 'classic_goimports', body: ' package main\nvar _ = fmt.Printf', imports: true, want: 'package main\n\nimport "fmt"\n\nvar _ = fmt.Printf\n' },
		{ name: 'single_go_with_header', body: '-- prog.go --\n  package main', want: '-- prog.go --\npackage main\n' },
		{
			name: 'multi_go_with_header',
			body: '-- prog.go --\n  package main\n\n\n-- two.go --\n   package main\n  var X = 5',
			want: '-- prog.go --\npackage main\n-- two.go --\npackage main\n\nvar X = 5\n',
		},
		{
			name: 'multi_go_without_header',
			body: '    package main\n\n\n-- two.go --\n   package main\n  var X = 5',
			want: 'package main\n-- two.go --\npackage main\n\nvar X = 5\n',
		},
		{ name: 'single_go.mod_with_header', body: '-- go.mod --\n   module   "foo"   ', want: '-- go.mod --\nmodule foo\n' },
		{ name: 'error_gofmt', body: 'package 123\n', wantErr: "prog.go:1:9: expected 'IDENT', found 123" },
		{ name: 'error_gofmt_with_header', body: '-- one.go --\npackage 123\n', wantErr: "one.go:1:9: expected 'IDENT', found 123" },
		{ name: 'error_goimports', body: 'package 123\n', imports: true, wantErr: "prog.go:1:9: expected 'IDENT', found 123" },
		{ name: 'error_goimports_with_header', body: '-- one.go --\npackage 123\n', imports: true, wantErr: "one.go:1:9: expected 'IDENT', found 123" },
		{ name: 'error_go.mod', body: '-- go.mod --\n123\n', wantErr: 'go.mod:1: unknown directive: 123' },
	];

	test.each(playgroundCases)('$name: the answer play.golang.org gives', async (c) => {
		const res = await fmt({ body: c.body, ...(c.imports ? { imports: 'true' } : {}) });
		expect(res.status).toBe(200);
		expect(res.contentType).toMatch(/^application\/json/);
		expect(res.body).toStrictEqual({ Body: c.want ?? '', Error: c.wantErr ?? '' });
	});

	test('gofmt only leaves imports as they are; imports=true adds and removes standard-library ones', async () => {
		const source = 'package main\n\nimport "os"\n\nfunc main() {\n\tfmt.Println(strings.ToUpper("x"), rand.Intn(3))\n}\n';
		expect((await fmt({ body: source })).body).toStrictEqual({ Body: source, Error: '' });
		expect((await fmt({ body: source, imports: 'false' })).body).toStrictEqual({ Body: source, Error: '' });
		const fixed = await fmt({ body: source, imports: 'true' });
		expect(fixed.body).toStrictEqual({
			Body: 'package main\n\nimport (\n\t"fmt"\n\t"math/rand"\n\t"strings"\n)\n\nfunc main() {\n\tfmt.Println(strings.ToUpper("x"), rand.Intn(3))\n}\n',
			Error: '',
		});
	});

	test('imports=true adds nothing for a package outside the standard library, and does not search for one', async () => {
		const source = 'package main\n\nfunc main() {\n\tfoo.Bar()\n\tyaml.Marshal(nil)\n}\n';
		const started = performance.now();
		const res = await fmt({ body: source, imports: 'true' });
		expect(performance.now() - started).toBeLessThan(3000);
		expect(res.body).toStrictEqual({ Body: source, Error: '' });
	});

	test('goimports reads the sibling files: a name another file declares is not taken for a package', async () => {
		const body =
			'-- main.go --\npackage main\n\nfunc main() { log.Add(1) }\n-- log.go --\npackage main\n\ntype counter int\n\nfunc (c *counter) Add(n int) {}\n\nvar log counter\n';
		const res = await fmt({ body, imports: 'true' });
		expect(res.body).toStrictEqual({ Body: body, Error: '' });
	});

	test('a txtar with a go.mod and two .go files: each formatted, in its order', async () => {
		const body =
			'    package main\nfunc main( ) { fmt.Println(two) }\n-- two.go --\npackage main\nconst two=2\n-- go.mod --\nmodule   play.ground\n\ngo   1.26\n';
		const res = await fmt({ body, imports: 'true' });
		expect(res.body).toStrictEqual({
			Body: 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(two) }\n-- two.go --\npackage main\n\nconst two = 2\n-- go.mod --\nmodule play.ground\n\ngo 1.26\n',
			Error: '',
		});
	});

	test('a syntax error names the file, line and column, and no path of the server', async () => {
		const body = '-- main.go --\npackage main\n\nfunc main() {\n\tx := \n}\n-- b.go --\npackage main\n';
		for (const imports of ['true', 'false']) {
			const res = await fmt({ body, imports });
			expect(res.status).toBe(200);
			const answer = res.body as { Body: string; Error: string };
			expect(answer.Body).toBe('');
			expect(answer.Error).toMatch(/^main\.go:5:1: expected operand, found '}'/);
			expectNoPath(answer.Error);
		}
	});

	test('an empty body is answered with an empty Body, as play.golang.org does', async () => {
		expect((await fmt({ body: '' })).body).toStrictEqual({ Body: '', Error: '' });
		expect((await fmt({ body: '  \n\t\n' })).body).toStrictEqual({ Body: '', Error: '' });
	});

	test("a problem with the body's files is a 200 with the problem in Error", async () => {
		const res = await fmt({ body: '-- dir/one.go --\npackage main\n' });
		expect(res.status).toBe(200);
		expect((res.body as { Error: string }).Error).toMatch(/"dir\/one\.go" is not allowed/);
		const twice = await fmt({ body: '-- a.go --\npackage main\n-- a.go --\npackage main\n' });
		expect((twice.body as { Error: string }).Error).toMatch(/names the file "a\.go" twice/);
	});

	const refusals: { name: string; contentType: string; payload: string; status: number; code: string; says: RegExp }[] = [
		{
			name: 'more than 64 KiB of source in UTF-8',
			contentType: form,
			payload: new URLSearchParams({ body: `package main\n\nvar s = "${'é'.repeat(40_000)}"\n` }).toString(),
			status: 413,
			code: 'payload_too_large',
			says: /78\.\d KiB of source; the limit is 64 KiB/,
		},
		{
			name: 'a form over 256 KiB',
			contentType: form,
			payload: `body=${'x'.repeat(4 * requestLimits.maxSourceBytes)}`,
			status: 413,
			code: 'payload_too_large',
			says: /larger than 256 KiB/,
		},
		{
			name: 'JSON',
			contentType: 'application/json',
			payload: '{"body":"package main"}',
			status: 415,
			code: 'unsupported_media_type',
			says: /POST \/fmt takes a form.*POST \/api\/format/,
		},
		{
			name: 'imports=yes',
			contentType: form,
			payload: 'body=package+main&imports=yes',
			status: 400,
			code: 'invalid_request',
			says: /imports is "yes"; allowed values: true, false/,
		},
		{ name: 'no body field', contentType: form, payload: 'imports=true', status: 400, code: 'invalid_request', says: /form field "body" is missing/ },
	];

	test.each(refusals)('$name → $status $code', async (c) => {
		const res = await app.inject({ method: 'POST', url: '/fmt', headers: { 'content-type': c.contentType }, payload: c.payload });
		const answer = res.json() as { error: { code: string; message: string } };
		expect({ status: res.statusCode, code: answer.error?.code }).toEqual({ status: c.status, code: c.code });
		expect(answer.error.message).toMatch(c.says);
	});
});

describe('POST /api/format: the JSON API', () => {
	test('formatted files, ok, no errors', async () => {
		const res = await format({ files: { 'main.go': 'package main\nfunc main(){fmt.Println( "hi" )}\n', 'go.mod': 'module  x\n' }, imports: true });
		expect(res.status).toBe(200);
		expect(res.body).toStrictEqual({
			ok: true,
			files: { 'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n', 'go.mod': 'module x\n' },
			errors: [],
		});
		// imports defaults to false: gofmt only.
		const plain = await format({ files: { 'main.go': 'package main\nfunc main(){fmt.Println( "hi" )}\n' } });
		expect(plain.body.files['main.go']).toBe('package main\n\nfunc main() { fmt.Println("hi") }\n');
	});

	test('syntax errors at their file, line and column; the other files still formatted, the broken one as sent', async () => {
		const broken = 'package main\n\nfunc main() {\n\tx := \n}\n';
		const alsoBroken = 'package main\n\nvar = 1\n';
		const res = await format({ files: { 'a.go': broken, 'b.go': 'package  main\n', 'c.go': alsoBroken, 'go.mod': 'module x\nfrobnicate y\n' } });
		expect(res.status).toBe(200);
		expect(res.body.ok).toBe(false);
		expect(res.body.files).toStrictEqual({ 'a.go': broken, 'b.go': 'package main\n', 'c.go': alsoBroken, 'go.mod': 'module x\nfrobnicate y\n' });
		expect(res.body.errors).toStrictEqual([
			{ file: 'a.go', line: 5, column: 1, message: "expected operand, found '}'" },
			{ file: 'c.go', line: 3, column: 5, message: "expected 'IDENT', found '='" },
			{ file: 'go.mod', line: 2, column: 1, message: 'unknown directive: frobnicate' },
		]);
		for (const e of res.body.errors) expectNoPath(e.message);
	});

	test('a go.mod may say anything a go.mod can: it is only read', async () => {
		const res = await format({ files: { 'go.mod': 'module x\nreplace  a => ../a\n' } });
		expect(res.body).toStrictEqual({ ok: true, files: { 'go.mod': 'module x\n\nreplace a => ../a\n' }, errors: [] });
	});

	const refusals: { name: string; payload: unknown; contentType?: string; status: number; code: string; says: RegExp }[] = [
		{
			name: 'no files',
			payload: { imports: true },
			status: 400,
			code: 'invalid_request',
			says: /"files" is missing: a request is a JSON object with files \(and optionally imports\)/,
		},
		{ name: 'empty files', payload: { files: {} }, status: 400, code: 'invalid_request', says: /files is empty/ },
		{
			name: 'a mode',
			payload: { mode: 'run', files: { 'a.go': 'package a' } },
			status: 400,
			code: 'invalid_request',
			says: /Unknown field "mode": a request has only files and imports\./,
		},
		{
			name: 'imports as a string',
			payload: { files: { 'a.go': 'package a' }, imports: 'true' },
			status: 400,
			code: 'invalid_request',
			says: /imports must be a boolean/,
		},
		{
			name: 'a path as a file name',
			payload: { files: { '../a.go': 'package a' } },
			status: 400,
			code: 'invalid_request',
			says: /File name "\.\.\/a\.go" is not allowed/,
		},
		{
			name: 'a lone surrogate',
			payload: { files: { 'a.go': 'package a\n// \ud800\n' } },
			status: 400,
			code: 'invalid_request',
			says: /line 2 holds a lone UTF-16 surrogate/,
		},
		{
			name: 'more than 64 KiB of source',
			payload: { files: { 'a.go': 'é'.repeat(20_000), 'b.go': 'é'.repeat(20_000) } },
			status: 413,
			code: 'payload_too_large',
			says: /78\.\d KiB of source; the limit is 64 KiB/,
		},
		{ name: 'a form', payload: 'files=x', contentType: form, status: 415, code: 'unsupported_media_type', says: /Send the request as JSON/ },
	];

	test.each(refusals)('$name → $status $code', async (c) => {
		const res = await app.inject({
			method: 'POST',
			url: '/api/format',
			headers: { 'content-type': c.contentType ?? 'application/json' },
			payload: typeof c.payload === 'string' ? c.payload : JSON.stringify(c.payload),
		});
		const answer = res.json() as { error: { code: string; message: string } };
		expect({ status: res.statusCode, code: answer.error?.code }).toEqual({ status: c.status, code: c.code });
		expect(answer.error.message).toMatch(c.says);
	});

	test('the OpenAPI document has both routes, with their schemas', async () => {
		const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
			paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
			components: { schemas: Record<string, unknown> };
		};
		expect(Object.keys(doc.paths['/api/format']!['post']!.responses).sort()).toEqual(['200', '400', '413', '415', '429', '503']);
		expect(Object.keys(doc.paths['/fmt']!['post']!.responses).sort()).toEqual(['200', '400', '413', '415', '429', '503']);
		expect(doc.components.schemas).toHaveProperty('FormatRequest');
		expect(doc.components.schemas).toHaveProperty('FormatResult');
	});

	test('format requests are counted in the metrics', async () => {
		const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
		expect(text).toMatch(/^playbook_jobs_total\{mode="format",outcome="ok"\} [1-9]/m);
		expect(text).toMatch(/^playbook_jobs_total\{mode="format",outcome="syntax_error"\} [1-9]/m);
	});
});

describe('input made to be slow or deep is answered within the limits', () => {
	const within = async (files: Record<string, string>) => {
		const started = performance.now();
		const res = await format({ files });
		const ms = performance.now() - started;
		expect(res.status).toBe(200);
		expect(ms).toBeLessThan(fixedLimits.formatTimeoutMs + 3000);
		return res.body;
	};
	const limitProblem = (message: RegExp) => ({ ok: false, errors: [{ file: '', line: 0, column: 0, message: expect.stringMatching(message) }] });

	test('32 000 nested parentheses (64 KiB): formatted', async () => {
		const answer = await within({ 'main.go': `package main\n\nvar x = ${'('.repeat(32_000)}1${')'.repeat(32_000)}\n` });
		// gofmt strips all but one pair.
		expect(answer).toStrictEqual({ ok: true, files: { 'main.go': 'package main\n\nvar x = (1)\n' }, errors: [] });
	});

	test('200 000 nested parentheses do not fit in a request: 413 before anything runs', async () => {
		const res = await format({ files: { 'main.go': `package main\n\nvar x = ${'('.repeat(200_000)}1${')'.repeat(200_000)}\n` } });
		expect(res.status).toBe(413);
	});

	test('20 000 nested blocks: the memory limit stops the printer, and says so', async () => {
		const source = `package main\n\nfunc main() ${'{'.repeat(20_000)}${'}'.repeat(20_000)}\n`;
		const answer = await within({ 'main.go': source });
		expect(answer).toMatchObject(limitProblem(/needed more than 256 MiB of memory or too deep a stack/));
		expect(answer.files).toStrictEqual({ 'main.go': source });
		// The Go Playground's shape says it in Error.
		const res = await fmt({ body: source });
		expect(res.body).toStrictEqual({ Body: '', Error: expect.stringMatching(/^Formatting needed more than 256 MiB/) });
	});

	test("a sum of 30 000 terms (gofmt's printer is quadratic in it): the time limit stops it, and says so", async () => {
		const answer = await within({ 'main.go': `package main\n\nvar x = ${Array.from({ length: 30_000 }, () => '1').join('+')}\n` });
		expect(answer).toMatchObject(limitProblem(/took longer than 5 s, the limit/));
	});

	test('unclosed nesting is a syntax error; a 60 KiB string literal and a 12 000-element composite literal format', async () => {
		const unclosed = await within({ 'main.go': `package main\n\nfunc main() ${'{['.repeat(10_500)}` });
		expect(unclosed.errors).toStrictEqual([{ file: 'main.go', line: 3, column: 15, message: "expected operand, found '{'" }]);
		expect((await within({ 'a.go': `package main\n\nvar s = "${'x'.repeat(60_000)}"\n` })).ok).toBe(true);
		const elements = Array.from({ length: 12_000 }, (_, i) => String(i % 10)).join(',');
		expect((await within({ 'a.go': `package main\n\nvar s = []int{${elements}}\n` })).ok).toBe(true);
	});

	test('the server goes on answering after all of them', async () => {
		expect((await format({ files: { 'main.go': 'package  main\n' } })).body).toStrictEqual({ ok: true, files: { 'main.go': 'package main\n' }, errors: [] });
	});
});

describe('bounded like a job', () => {
	test('a full queue answers 503 with Retry-After', async () => {
		const scheduler = new Scheduler({ workers: 1, queueSize: 0 });
		const small = await buildApp({ runner: runners, scheduler, logger: false, config: { rateLimitMax: 0 } });
		try {
			const payload = { files: { 'main.go': 'package main\n\nfunc main() {}\n' } };
			const answers = await Promise.all([1, 2, 3].map(() => small.inject({ method: 'POST', url: '/api/format', payload })));
			const statuses = answers.map((a) => a.statusCode).sort();
			expect(statuses[0]).toBe(200);
			const refused = answers.find((a) => a.statusCode === 503);
			expect(refused).toBeDefined();
			expect(refused!.json()).toMatchObject({ error: { code: 'queue_full' } });
			expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		} finally {
			await small.close();
		}
	});
});

describe('timings', () => {
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
	const tenLines = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfor i := range 3 {\n\t\tfmt.Println(i)\n\t}\n}\n';
	const large = (() => {
		const funcs: string[] = [];
		let size = 0;
		for (let i = 0; size < requestLimits.maxSourceBytes - 200; i++) {
			const f = `func f${i}(xs []int) int {\n\tsum := 0\n\tfor _, x := range xs {\n\t\tif x%2==0 { sum += x }\n\t}\n\treturn sum\n}\n\n`;
			if (size + f.length > requestLimits.maxSourceBytes - 200) break;
			funcs.push(f);
			size += f.length;
		}
		return `package main\n\n${funcs.join('')}`;
	})();

	test.each([
		{ name: '10 lines', source: tenLines, imports: false },
		{ name: '10 lines, imports', source: tenLines, imports: true },
		{ name: '64 KiB', source: large, imports: false },
		{ name: '64 KiB, imports', source: large, imports: true },
	])('format latency, $name', async (c) => {
		const times: number[] = [];
		for (let i = 0; i < 10; i++) {
			const started = performance.now();
			const res = await format({ files: { 'main.go': c.source }, imports: c.imports });
			times.push(performance.now() - started);
			expect(res.body.ok).toBe(true);
		}
		console.log(`format ${c.name} (${c.source.length} bytes): median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
		// Not a benchmark: only "fast enough for a button", far inside the time limit.
		expect(median(times)).toBeLessThan(1000);
	});
});

test("the formatter's earlier builds for this release are removed; other releases' and builds in progress are kept", async () => {
	const { toolchain } = await runners.runner();
	const dir = join(stateDir, 'formatter');
	const earlier = join(dir, `formatter-${toolchain.version}-0123456789abcdef`);
	const otherRelease = join(dir, 'formatter-go1.21.13-0123456789abcdef');
	const inProgress = join(dir, `formatter-${toolchain.version}-fedcba9876543210.0d9c.tmp`);
	for (const f of [earlier, otherRelease, inProgress]) await writeFile(f, '');
	try {
		const binary = await buildFormatter({ toolchain, stateDir });
		expect(binary).toBe(await runners.formatterReady());
		expect(existsSync(binary)).toBe(true);
		expect(existsSync(earlier)).toBe(false);
		expect(existsSync(otherRelease)).toBe(true);
		expect(existsSync(inProgress)).toBe(true);
	} finally {
		for (const f of [earlier, otherRelease, inProgress]) await rm(f, { force: true });
	}
});
