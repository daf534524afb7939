/**
 * Requests that must not run: each gets the right status and a JSON error whose message says what
 * to change. None of them reaches the toolchain, so these need no Go build (but the server is
 * the real one).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requestLimits } from '@playbook/engine/contract';
import { startServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ baseUid: 62100, listen: false });
});
afterAll(async () => {
	await server?.close();
});

const main = 'package main\n\nfunc main() {}\n';
const ok = { mode: 'run', files: { 'main.go': main } };
const json = 'application/json';

interface Bad {
	name: string;
	url?: string;
	method?: 'POST' | 'GET' | 'PUT';
	/** The Allow header a 405 must carry. */
	allow?: string;
	contentType?: string | null;
	body?: string | Buffer | null;
	status: number;
	code: string;
	/** The message must say this (a regexp): what is wrong and what to do. */
	says: RegExp;
}

const body = (x: unknown) => JSON.stringify(x);
const utf8Prefix = '{"mode":"run","files":{"main.go":"package main // ';
const withFiles = (files: Record<string, unknown>) => body({ mode: 'run', files });
const withOptions = (mode: string, options: unknown) => body({ mode, files: { 'main_test.go': 'package main\n' }, options });

const cases: Bad[] = [
	{ name: 'invalid JSON', body: '{"mode": "run", "files": {', status: 400, code: 'invalid_json', says: /not valid JSON.*Send a JSON object/ },
	{ name: 'trailing garbage after the JSON', body: `${body(ok)} x`, status: 400, code: 'invalid_json', says: /not valid JSON/ },
	{ name: 'an empty body with the JSON content type', body: '', status: 400, code: 'invalid_json', says: /body is empty/ },
	{ name: 'no body and no content type', body: null, contentType: null, status: 415, code: 'unsupported_media_type', says: /Content-Type: application\/json/ },
	{ name: 'text/plain', contentType: 'text/plain', body: main, status: 415, code: 'unsupported_media_type', says: /application\/json/ },
	{
		name: 'a form sent to the JSON API',
		contentType: 'application/x-www-form-urlencoded',
		body: 'mode=run',
		status: 415,
		code: 'unsupported_media_type',
		says: /application\/json/,
	},
	{
		name: 'a body larger than the limit',
		body: withFiles({ 'main.go': 'x'.repeat(requestLimits.maxBodyBytes) }),
		status: 413,
		code: 'payload_too_large',
		says: /larger than 128 KiB.*64 KiB/,
	},
	{
		name: 'more than 64 KiB of source in a body under the limit',
		body: withFiles({ 'a.go': 'x'.repeat(40_000), 'b.go': 'y'.repeat(40_000) }),
		status: 413,
		code: 'payload_too_large',
		says: /78\.1 KiB of source; the limit is 64 KiB/,
	},
	{
		name: 'one file over 64 KiB',
		body: withFiles({ 'main.go': `// ${'x'.repeat(70_000)}` }),
		status: 400,
		code: 'invalid_request',
		says: /files\["main\.go"\] is too large.*64 KiB/,
	},
	{
		name: 'bytes that are not UTF-8',
		body: Buffer.concat([Buffer.from(utf8Prefix), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]),
		status: 400,
		code: 'invalid_request',
		says: new RegExp(`not valid UTF-8 \\(the first bad byte is at offset ${utf8Prefix.length}\\)`),
	},
	{
		name: 'a lone surrogate escaped in JSON',
		body: '{"mode":"run","files":{"main.go":"package main\\n// \\ud800\\n"}}',
		status: 400,
		code: 'invalid_request',
		says: /line 2 holds a lone UTF-16 surrogate/,
	},
	{ name: 'an array instead of an object', body: '[1,2]', status: 400, code: 'invalid_request', says: /request body must be an object, not an array/ },
	{ name: 'JSON null', body: 'null', status: 400, code: 'invalid_request', says: /must be an object, not null/ },
	{ name: 'a __proto__ key', body: '{"mode":"run","files":{"main.go":"x"},"__proto__":{"polluted":1}}', status: 400, code: 'invalid_json', says: /__proto__/ },
	{ name: 'mode and files missing', body: '{}', status: 400, code: 'invalid_request', says: /"mode" and "files" are missing/ },
	{ name: 'files missing', body: body({ mode: 'run' }), status: 400, code: 'invalid_request', says: /"files" is missing/ },
	{
		name: 'an unknown mode',
		body: body({ ...ok, mode: 'compile' }),
		status: 400,
		code: 'invalid_request',
		says: /mode "compile" is not a mode\. Use one of: run, escape, asm, bench, test/,
	},
	{ name: 'mode of the wrong type', body: body({ ...ok, mode: 1 }), status: 400, code: 'invalid_request', says: /mode must be a string, not a number/ },
	{
		name: 'an unknown top-level field',
		body: body({ ...ok, env: { GOFLAGS: '-toolexec=/bin/sh' } }),
		status: 400,
		code: 'invalid_request',
		says: /Unknown field "env".*only mode, files and options/,
	},
	{
		name: 'two unknown fields, one a misspelling',
		body: body({ ...ok, extra: 1, Options: {} }),
		status: 400,
		code: 'invalid_request',
		says: /^Unknown fields "extra" and "Options" \(did you mean "options"\?\): a request has only mode, files and options\.$/,
	},
	{
		name: 'two unknown options',
		body: withOptions('test', { verbose: true, Race: true }),
		status: 400,
		code: 'invalid_request',
		says: /^Unknown options "verbose" and "Race" \(did you mean "race"\?\)\. The options are go, benchtime, count/,
	},
	{
		name: 'files as an array',
		body: body({ mode: 'run', files: [main] }),
		status: 400,
		code: 'invalid_request',
		says: /files must be an object, not an array/,
	},
	{ name: 'no files', body: withFiles({}), status: 400, code: 'invalid_request', says: /files is empty/ },
	{ name: 'only a go.mod', body: withFiles({ 'go.mod': 'module x\n' }), status: 400, code: 'invalid_request', says: /no \.go file/ },
	{
		name: 'a file that is not a string',
		body: withFiles({ 'main.go': 42 }),
		status: 400,
		code: 'invalid_request',
		says: /files\["main\.go"\] must be a string, not a number/,
	},
	{
		name: '21 files',
		body: withFiles(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}.go`, 'package main\n']))),
		status: 400,
		code: 'invalid_request',
		says: /more than 20 files/,
	},
	{
		name: 'a path in a file name',
		body: withFiles({ 'sub/main.go': main }),
		status: 400,
		code: 'invalid_request',
		says: /File name "sub\/main\.go" is not allowed.*no directories/,
	},
	{
		name: 'a parent directory in a file name',
		body: withFiles({ '../main.go': main }),
		status: 400,
		code: 'invalid_request',
		says: /"\.\.\/main\.go" is not allowed/,
	},
	{ name: 'the name ".."', body: withFiles({ '..': main }), status: 400, code: 'invalid_request', says: /"\.\." is not allowed/ },
	{ name: 'an absolute path', body: withFiles({ '/etc/passwd.go': main }), status: 400, code: 'invalid_request', says: /not allowed/ },
	{ name: 'a hidden file', body: withFiles({ '.main.go': main }), status: 400, code: 'invalid_request', says: /"\.main\.go" is not allowed/ },
	{
		name: 'a file that is not Go',
		body: withFiles({ 'main.c': 'int main(){}' }),
		status: 400,
		code: 'invalid_request',
		says: /"main\.c" is not allowed.*ending in \.go/,
	},
	{ name: 'a NUL in a file name', body: withFiles({ 'ma\u0000in.go': main }), status: 400, code: 'invalid_request', says: /not allowed/ },
	{
		name: 'a go.mod with replace',
		body: withFiles({ 'main.go': main, 'go.mod': 'module x\n\ngo 1.26\n\nreplace example.com/y => /etc\n' }),
		status: 400,
		code: 'invalid_request',
		says: /go\.mod:5: the "replace" directive is not allowed/,
	},
	{
		name: 'a go.mod directive after a block',
		body: withFiles({ 'main.go': main, 'go.mod': 'require (\n)\nexclude example.com/y v1.0.0\n' }),
		status: 400,
		code: 'invalid_request',
		says: /go\.mod:3: the "exclude" directive is not allowed/,
	},
	{
		name: 'an unknown option',
		body: withOptions('test', { verbose: true }),
		status: 400,
		code: 'invalid_request',
		says: /Unknown option "verbose"\. The options are go, benchtime, count/,
	},
	{
		name: 'a toolexec option',
		body: withOptions('test', { toolexec: '/bin/sh -c id' }),
		status: 400,
		code: 'invalid_request',
		says: /Unknown option "toolexec".*nothing else/,
	},
	{ name: 'a gcflags option', body: withOptions('escape', { gcflags: '-m -S' }), status: 400, code: 'invalid_request', says: /Unknown option "gcflags"/ },
	{
		name: 'options that are not an object',
		body: body({ ...ok, options: '-race' }),
		status: 400,
		code: 'invalid_request',
		says: /options must be an object, not a string/,
	},
	{
		name: 'benchtime above 2s',
		body: withOptions('bench', { benchtime: '3s' }),
		status: 400,
		code: 'invalid_request',
		says: /benchtime "3s" is longer than the limit.*2s/,
	},
	{
		name: 'benchtime that is no duration',
		body: withOptions('bench', { benchtime: 'fast' }),
		status: 400,
		code: 'invalid_request',
		says: /benchtime "fast" is not a duration like "200ms" or "1s"/,
	},
	{
		name: 'benchtime a hair over 2s',
		body: withOptions('bench', { benchtime: '2.001s' }),
		status: 400,
		code: 'invalid_request',
		says: /benchtime "2\.001s" is longer than the limit/,
	},
	{
		name: 'benchtime of zero',
		body: withOptions('bench', { benchtime: '0.0ms' }),
		status: 400,
		code: 'invalid_request',
		says: /benchtime "0\.0ms" is not within the limit: use a duration above 0/,
	},
	{
		name: 'benchtime that smuggles a flag',
		body: withOptions('bench', { benchtime: '1s -test.run=.' }),
		status: 400,
		code: 'invalid_request',
		says: /benchtime/,
	},
	{
		name: 'too many benchmark iterations',
		body: withOptions('bench', { benchtime: '1000000000x' }),
		status: 400,
		code: 'invalid_request',
		says: /from 1x to 100000000x/,
	},
	{
		name: 'count 11',
		body: withOptions('bench', { count: 11 }),
		status: 400,
		code: 'invalid_request',
		says: /options\.count is 11; it must be a whole number from 1 to 10/,
	},
	{ name: 'count 0', body: withOptions('bench', { count: 0 }), status: 400, code: 'invalid_request', says: /options\.count is 0/ },
	{
		name: 'a fractional count',
		body: withOptions('bench', { count: 2.5 }),
		status: 400,
		code: 'invalid_request',
		says: /options\.count must be an integer, not a number \(2\.5\)/,
	},
	{
		name: 'count as a string',
		body: withOptions('bench', { count: '5' }),
		status: 400,
		code: 'invalid_request',
		says: /options\.count must be an integer, not a string/,
	},
	{
		name: 'escapeDetail 3',
		body: withOptions('escape', { escapeDetail: 3 }),
		status: 400,
		code: 'invalid_request',
		says: /options\.escapeDetail is 3; allowed values: 1, 2/,
	},
	{
		name: 'a GODEBUG setting off the allow-list',
		body: withOptions('test', { godebug: ['madvdontneed=2'] }),
		status: 400,
		code: 'invalid_request',
		says: /options\.godebug\[0\] "madvdontneed=2" is not an allowed GODEBUG setting\. Allowed: gctrace=1/,
	},
	{
		name: 'two GODEBUG settings smuggled in one',
		body: withOptions('test', { godebug: ['gctrace=1,cpu.all=off'] }),
		status: 400,
		code: 'invalid_request',
		says: /not an allowed GODEBUG setting/,
	},
	{
		name: 'godebug as a string',
		body: withOptions('test', { godebug: 'gctrace=1' }),
		status: 400,
		code: 'invalid_request',
		says: /options\.godebug must be an array, not a string/,
	},
	{
		name: 'the same GODEBUG key twice',
		body: withOptions('test', { godebug: ['gctrace=1', 'gctrace=2'] }),
		status: 400,
		code: 'invalid_request',
		says: /sets gctrace twice/,
	},
	{ name: 'race as a string', body: withOptions('test', { race: 'yes' }), status: 400, code: 'invalid_request', says: /options\.race must be a boolean/ },
	{
		name: 'an option of another mode',
		body: withOptions('escape', { benchtime: '1s' }),
		status: 400,
		code: 'invalid_request',
		says: /options\.benchtime does not apply to mode "escape" \(only to bench\)/,
	},
	{
		name: 'race for escape analysis',
		body: withOptions('escape', { race: true }),
		status: 400,
		code: 'invalid_request',
		says: /options\.race does not apply to mode "escape"/,
	},
	{
		name: 'a bench regexp that is too long',
		body: withOptions('bench', { bench: 'x'.repeat(201) }),
		status: 400,
		code: 'invalid_request',
		says: /options\.bench is longer than 200 characters/,
	},
	{ name: 'a bench regexp with a newline', body: withOptions('bench', { bench: 'A\n-test.v' }), status: 400, code: 'invalid_request', says: /one line/ },
	{
		name: 'GET on the run endpoint',
		method: 'GET',
		body: null,
		contentType: null,
		status: 405,
		code: 'method_not_allowed',
		says: /^\/api\/run does not take GET; use POST\.$/,
		allow: 'POST',
	},
	{
		name: 'PUT on /compile',
		method: 'PUT',
		url: '/compile',
		body: null,
		contentType: null,
		status: 405,
		code: 'method_not_allowed',
		says: /^\/compile does not take PUT; use POST\.$/,
		allow: 'POST',
	},
	{
		name: 'POST on /healthz',
		url: '/healthz',
		body: body(ok),
		status: 405,
		code: 'method_not_allowed',
		says: /^\/healthz does not take POST; use GET or HEAD\.$/,
		allow: 'GET, HEAD',
	},
	{
		name: 'a form larger than /compile takes',
		url: '/compile',
		contentType: 'application/x-www-form-urlencoded',
		body: `body=${'x'.repeat(4 * requestLimits.maxSourceBytes)}`,
		status: 413,
		code: 'payload_too_large',
		says: /larger than 256 KiB/,
	},
	{
		name: 'an endpoint that does not exist',
		url: '/api/exec',
		body: body(ok),
		status: 404,
		code: 'not_found',
		says: /There is no POST \/api\/exec.*POST \/api\/run/,
	},
	{
		name: '/compile without the body field',
		url: '/compile',
		contentType: 'application/x-www-form-urlencoded',
		body: 'withVet=true',
		status: 400,
		code: 'invalid_request',
		says: /form field "body" is missing/,
	},
	{ name: '/compile with JSON', url: '/compile', body: body({ body: main }), status: 415, code: 'unsupported_media_type', says: /takes a form/ },
];

/**
 * /compile answers what is wrong with the files in its body the Go Playground's way: 200, the
 * problem in Errors (play.golang.org's clients show Errors). None of these runs a job either.
 */
const compileProblems: { name: string; body: string; says: RegExp }[] = [
	{ name: 'an empty body', body: '', says: /^The body is empty\. Send a Go program/ },
	{ name: 'a body of blanks', body: ' \n\t', says: /^The body is empty/ },
	{ name: 'a file in a directory', body: `${main}-- sub/x.go --\npackage sub\n`, says: /"sub\/x\.go" is not allowed/ },
	{ name: 'a file named twice', body: '-- a.go --\npackage main\n-- a.go --\npackage main\n', says: /names the file "a\.go" twice/ },
	{
		name: '21 files',
		body: Array.from({ length: 21 }, (_, i) => `-- f${i}.go --\npackage main\n`).join(''),
		says: /holds 21 files; a snippet may have at most 20/,
	},
	{ name: 'only a go.mod', body: '-- go.mod --\nmodule x\n', says: /no \.go file/ },
	{ name: 'a go.mod with replace', body: `${main}-- go.mod --\nmodule x\nreplace a => /etc\n`, says: /go\.mod:2: the "replace" directive is not allowed/ },
];

describe('each bad request gets its status and a JSON error saying what to change', () => {
	test.each(cases)('$name → $status $code', async (c) => {
		const headers: Record<string, string> = {};
		const contentType = c.contentType === undefined ? json : c.contentType;
		if (contentType !== null) headers['content-type'] = contentType;
		const res = await server.app.inject({
			method: c.method ?? 'POST',
			url: c.url ?? '/api/run',
			headers,
			...(c.body === null || c.body === undefined ? {} : { payload: c.body }),
		});
		expect(res.headers['content-type']).toMatch(/^application\/json/);
		const answer = res.json() as { error: { code: string; message: string } };
		expect({ status: res.statusCode, code: answer.error?.code }).toEqual({ status: c.status, code: c.code });
		expect(answer.error.message).toMatch(c.says);
		expect(Object.keys(answer)).toEqual(['error']);
		if (c.allow) expect(res.headers['allow']).toBe(c.allow);
	});

	test.each(compileProblems)('/compile with $name → 200, the problem in Errors', async (c) => {
		const res = await server.app.inject({
			method: 'POST',
			url: '/compile',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			payload: `body=${encodeURIComponent(c.body)}&withVet=true`,
		});
		expect(res.statusCode).toBe(200);
		const answer = res.json() as { Errors: string; Events: unknown; Status: number };
		expect(answer).toMatchObject({ Events: null, Status: 0, IsTest: false, TestsFailed: 0 });
		expect(answer.Errors).toMatch(c.says);
	});

	test('there are at least 30 of them', () => {
		expect(cases.length).toBeGreaterThanOrEqual(30);
	});

	test('none of them started a job', async () => {
		const metrics = await server.app.inject({ method: 'GET', url: '/metrics' });
		expect(metrics.body).not.toMatch(/^playbook_jobs_total\{/m);
		expect(server.runner.activeJobs).toBe(0);
	});

	test('every problem in one request is named, not only the first', async () => {
		const res = await server.app.inject({
			method: 'POST',
			url: '/api/run',
			payload: { mode: 'run', files: { 'a/b.go': main }, options: { count: 11, verbose: 1 } },
		});
		const { message } = (res.json() as { error: { message: string } }).error;
		expect(message).toMatch(/"a\/b\.go" is not allowed/);
		expect(message).toMatch(/Unknown option "verbose"/);
		expect(message).toMatch(/options\.count is 11/);
	});
});
