/**
 * Go versions end to end: the list, a job on a release other than the default (fetched from the
 * module proxy on first use, then run in the sandbox on that toolchain), the Go Playground's
 * goprev backend, refusals that name the supported versions, and a release whose fetch fails
 * while the others keep serving.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultGoRelease, goReleases, previousGoRelease, type RunResult } from '@playbook/engine/contract';
import { createRunners, runnerConfigFromEnv } from '../../playground-server/src/runner/index.ts';
import { startServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ baseUid: 62700 });
}, 600_000);
afterAll(async () => {
	await server?.close();
});

const printsVersion = 'package main\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nfunc main() { fmt.Println(runtime.Version()) }\n';

test('GET /api/versions: every release, newest first, the default ready', async () => {
	const res = await server.app.inject('/api/versions');
	expect(res.statusCode).toBe(200);
	const body = res.json() as { default: string; versions: { version: string; minor: string; toolchain: string; default: boolean; state: string }[] };
	expect(body.default).toBe(defaultGoRelease);
	expect(body.versions.map((v) => v.version)).toEqual([...goReleases]);
	expect(body.versions[0]).toMatchObject({ version: '1.27.3', minor: '1.27', toolchain: 'go1.27.3', default: true, state: 'ready' });
	expect(body.versions.filter((v) => v.default)).toHaveLength(1);
});

test('the default release runs a job when options.go is absent, and the program sees that toolchain', async () => {
	const { status, body } = await server.run({ mode: 'run', files: { 'main.go': printsVersion } });
	expect(status).toBe(200);
	expect(body).toMatchObject({ ok: true, goVersion: 'go1.27.3', stdout: 'go1.27.3\n' });
});

test('options.go "1.26" runs on go1.26.11, fetched on first use; the result and the program both say so', async () => {
	const { status, body } = await server.run({ mode: 'run', files: { 'main.go': printsVersion }, options: { go: '1.26' } });
	expect(status).toBe(200);
	expect(body.error).toBeNull();
	expect(body).toMatchObject({ ok: true, goVersion: 'go1.26.11', stdout: 'go1.26.11\n' });
	// The same request spelled exactly is the same job: it comes from the result cache.
	const again = await server.run({ mode: 'run', files: { 'main.go': printsVersion }, options: { go: 'go1.26.11' } });
	expect(again.body).toMatchObject({ cached: true, goVersion: 'go1.26.11' });
	const versions = (await server.app.inject('/api/versions')).json() as { versions: { version: string; state: string }[] };
	expect(versions.versions.find((v) => v.version === '1.26.11')?.state).toBe('ready');
}, 600_000);

test('escape analysis on another release uses that compiler', async () => {
	const source = 'package main\n\nfunc main() {\n\tx := new(int)\n\tprintln(x)\n}\n';
	const { body } = await server.run({ mode: 'escape', files: { 'main.go': source }, options: { go: '1.26' } });
	expect(body).toMatchObject({ ok: true, goVersion: 'go1.26.11' });
	expect(body.diagnostics.map((d) => `${d.line}: ${d.message}`)).toContain('4: new(int) does not escape');
}, 600_000);

test("the assembly listing is that release's code: Go 1.27 calls a size-specialised malloc where 1.26 calls newobject", async () => {
	const source = 'package main\n\ntype point struct{ x, y int }\n\nvar sink *point\n\nfunc main() {\n\tsink = &point{1, 2}\n}\n';
	const allocs = async (go: string) => {
		const { body } = await server.run({ mode: 'asm', files: { 'main.go': source }, options: { go } });
		expect(body).toMatchObject({ ok: true, goVersion: go === '1.26' ? 'go1.26.11' : 'go1.27.3' });
		return body.assembly.flatMap((f) => f.instructions.filter((i) => i.mark === 'alloc').map((i) => `${i.line} ${i.args}`));
	};
	expect(await allocs('1.26')).toEqual(['8 runtime.newobject(SB)']);
	expect(await allocs('1.27')).toEqual([expect.stringMatching(/^8 runtime\.mallocgcSmallNoScanSC\d+\(SB\)$/)]);
}, 600_000);

describe('the Go Playground protocol', () => {
	test('/compile?backend=goprev runs on the previous minor; without a backend on the newest', async () => {
		const form = (backend: string) =>
			server.app.inject({
				method: 'POST',
				url: `/compile${backend}`,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				payload: new URLSearchParams({ body: printsVersion }).toString(),
			});
		const prev = await form('?backend=goprev');
		expect(prev.statusCode).toBe(200);
		expect(prev.json()).toMatchObject({ Errors: '', Events: [{ Message: `go${previousGoRelease()}\n`, Kind: 'stdout' }] });
		const newest = await form('');
		expect(newest.json()).toMatchObject({ Events: [{ Message: `go${defaultGoRelease}\n` }] });
		const tip = await form('?backend=gotip');
		expect(tip.statusCode).toBe(400);
		expect(tip.json().error.message).toMatch(/^backend=gotip is not offered: leave it out for Go 1\.27\.3, or use backend=goprev for Go 1\.26\.11\./);
		const unknown = await server.app.inject('/version?backend=goprev&lang=go');
		expect([unknown.statusCode, unknown.json().error.message]).toEqual([400, 'Unknown query parameter "lang": this route takes only backend.']);
	}, 600_000);

	test('/version answers per backend', async () => {
		expect((await server.app.inject('/version')).json()).toEqual({ Version: 'go1.27.3', Release: 'go1.27', Name: 'Go 1.27' });
		expect((await server.app.inject('/version?backend=goprev')).json()).toEqual({ Version: 'go1.26.11', Release: 'go1.26', Name: 'Go 1.26' });
	});
});

describe('bad versions', () => {
	for (const go of ['1.x', 'go1.27; rm -rf /', '1.20', '1.24.6', '1.28', '']) {
		test(`options.go ${JSON.stringify(go)}: 400 naming the versions offered`, async () => {
			const { status, body } = await server.run({ mode: 'run', files: { 'main.go': printsVersion }, options: { go } });
			expect(status).toBe(400);
			const message = (body as unknown as { error: { code: string; message: string } }).error;
			expect(message.code).toBe('invalid_request');
			expect(message.message).toContain(`options.go ${JSON.stringify(go)} is not a Go release this playground offers`);
			expect(message.message).toMatch(/1\.21 to 1\.27.*1\.21\.13.*1\.27\.3/);
		});
	}
	test('options.go of another type: 400', async () => {
		const { status } = await server.run({ mode: 'run', files: { 'main.go': printsVersion }, options: { go: 1.27 as unknown as string } });
		expect(status).toBe(400);
	});
});

test('a release whose fetch fails answers toolchain_unavailable naming it and the cause; the others keep running', async () => {
	// The go command the fetch runs, failing for one release only (fault injection: the real
	// fetch is what the tests above exercise).
	const dir = mkdtempSync(join(tmpdir(), 'playbook-fetch-fail-'));
	const real = runnerConfigFromEnv().goBin;
	const goBin = join(dir, 'go');
	writeFileSync(
		goBin,
		`#!/bin/sh\nif [ "$GOTOOLCHAIN" = go1.22.12 ]; then echo "go: download go1.22.12: golang.org/toolchain@v0.0.1-go1.22.12.linux-amd64: simulated outage" >&2; exit 1; fi\nexec ${real} "$@"\n`,
	);
	chmodSync(goBin, 0o755);
	const runners = createRunners({ baseUid: 62720, slots: 2, warmInBackground: false, config: { ...runnerConfigFromEnv(), goBin } });
	try {
		const failed: RunResult = await runners.run({ mode: 'run', files: { 'main.go': printsVersion }, options: { go: '1.22' } });
		expect(failed).toMatchObject({ ok: false, goVersion: 'go1.22.12', error: { code: 'toolchain_unavailable' } });
		expect(failed.error?.message).toBe(
			'Go 1.22.12 could not be fetched from the Go module proxy: go: download go1.22.12: golang.org/toolchain@v0.0.1-go1.22.12.linux-amd64: simulated outage. Try again in a minute, or choose another Go version.',
		);
		expect(runners.status().find((s) => s.release === '1.22.12')).toMatchObject({ state: 'failed', error: expect.stringMatching(/simulated outage/) });
		// Asked again at once, it is not fetched again: the same answer, immediately.
		const again = await runners.run({ mode: 'escape', files: { 'main.go': printsVersion }, options: { go: '1.22.12' } });
		expect(again.error?.code).toBe('toolchain_unavailable');
		// The default release, already fetched in this state directory, still works.
		const ok = await runners.run({ mode: 'escape', files: { 'main.go': printsVersion } });
		expect(ok).toMatchObject({ ok: true, goVersion: 'go1.27.3' });
	} finally {
		await runners.dispose();
		rmSync(dir, { recursive: true, force: true });
	}
}, 600_000);
