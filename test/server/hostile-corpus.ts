/**
 * The hostile corpus: every folder of hostile/ is a program that attacks the sandbox, with
 * expect.json saying how its answer must look. After each one, the suite checks that the server
 * is healthy, that the next request succeeds, and that nothing of the job is left: no process of
 * its uids, no cgroup, no job directory.
 *
 * expect.json:
 *   what         what the program tries, and what must happen
 *   mode, options the request
 *   error        the expected error code (null: the program ends normally), or a list of them
 *   message      regexps the error message must match
 *   stdout, stderr, stdoutNot   regexps (multi-line) the output must / must not match
 *   truncated    expected truncated flag; outputBytes: stdout+stderr must be exactly this long
 *   repeat       run it this many times (each must pass)
 * Placeholders ({{SERVER_PORT}}, {{SERVER_PID}}, …) are filled in with this server's values, in
 * the sources as they are and in the expectations as escaped regexps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ErrorCode, Mode, RunOptions } from '@playbook/engine/contract';
import { defaultStateDir } from '../../playground-server/src/runner/index.ts';
import { hello, leftovers, startServer, type TestServer } from './helpers.ts';

interface Expectation {
	what: string;
	mode: Mode;
	options?: RunOptions;
	error: ErrorCode | null | (ErrorCode | null)[];
	message?: string[];
	stdout?: string[];
	stderr?: string[];
	stdoutNot?: string[];
	truncated?: boolean;
	outputBytes?: number;
	repeat?: number;
}

interface Case {
	name: string;
	files: Record<string, string>;
	expect: Expectation;
}

const corpusDir = fileURLToPath(new URL('hostile/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function loadCorpus(): Case[] {
	return readdirSync(corpusDir, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => {
			const dir = join(corpusDir, d.name);
			const files: Record<string, string> = {};
			for (const f of readdirSync(dir)) if (f.endsWith('.go') || f === 'go.mod') files[f] = readFileSync(join(dir, f), 'utf8');
			return { name: d.name, files, expect: JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as Expectation };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function placeholders(server: TestServer): Record<string, string> {
	const addrs = Object.values(networkInterfaces())
		.flat()
		.filter((a) => a && !a.internal)
		.map((a) => a!.address);
	return {
		SERVER_PORT: String(server.port),
		SERVER_PID: String(process.pid),
		REPO_PACKAGE_JSON: join(repoRoot, 'package.json'),
		STATE_DIR: defaultStateDir(),
		JOBS_DIR: server.runner.jobsDirectory,
		GOCACHE: join(defaultStateDir(), 'gocache'),
		HOST_ADDRS: addrs.join(' '),
	};
}

function fill(text: string, values: Record<string, string>, escape: boolean): string {
	return text.replace(/\{\{([A-Z_]+)\}\}/g, (m, k: string) => {
		const v = values[k];
		if (v === undefined) throw new Error(`unknown placeholder ${m}`);
		return escape ? escapeRegExp(v) : v;
	});
}

/**
 * Registers the suite for every case whose index modulo `parts` is `part`: the corpus is split
 * over two test files so that vitest runs the halves side by side, each with a server (and uid
 * range) of its own.
 */
export function hostileSuite(part: number, parts: number, baseUid: number): void {
	const cases = loadCorpus().filter((_, i) => i % parts === part);
	let server: TestServer;

	beforeAll(async () => {
		server = await startServer({
			baseUid,
			// Shorter than the defaults (10 s, 60 s) to keep the suite quick; the other limits are
			// the defaults. test/unit/limits-config.test.ts checks the defaults themselves.
			limits: { runTimeoutMs: 4000, runCpuSeconds: 4, benchTimeoutMs: 8000 },
			// Every run must really run: no answers from the result cache.
			config: { cacheEntries: 0 },
		});
	});
	afterAll(async () => {
		await server?.close();
	});

	describe.each(cases)('$name', (c) => {
		test(c.expect.what, async () => {
			const values = placeholders(server);
			const files = Object.fromEntries(Object.entries(c.files).map(([n, s]) => [n, fill(s, values, false)]));
			const e = c.expect;
			for (let round = 0; round < (e.repeat ?? 1); round++) {
				const { status, body } = await server.run({ mode: e.mode, files, ...(e.options ? { options: e.options } : {}) });
				const context = `${c.name}: ${JSON.stringify({ error: body.error, exitCode: body.exitCode, stdout: body.stdout?.slice(0, 1500), stderr: body.stderr?.slice(0, 1500) })}`;
				expect(status, context).toBe(200);
				const allowed = Array.isArray(e.error) ? e.error : [e.error];
				expect(allowed, context).toContain(body.error?.code ?? null);
				expect(body.ok, context).toBe(body.error === null);
				for (const re of e.message ?? []) expect(body.error?.message, context).toMatch(new RegExp(fill(re, values, true)));
				for (const re of e.stdout ?? []) expect(body.stdout, context).toMatch(new RegExp(fill(re, values, true), 'm'));
				for (const re of e.stderr ?? []) expect(body.stderr, context).toMatch(new RegExp(fill(re, values, true), 'm'));
				for (const re of e.stdoutNot ?? []) expect(body.stdout, context).not.toMatch(new RegExp(fill(re, values, true), 'm'));
				if (e.truncated !== undefined) expect(body.truncated, context).toBe(e.truncated);
				if (e.outputBytes !== undefined) expect(Buffer.byteLength(body.stdout + body.stderr), context).toBe(e.outputBytes);
			}

			// Nothing of the job outlives it …
			expect(await leftovers(server), `${c.name} left something behind`).toEqual([]);
			// … the server is healthy …
			const health = await server.app.inject({ method: 'GET', url: '/healthz' });
			expect(health.statusCode).toBe(200);
			expect(health.json()).toMatchObject({ status: 'ok' });
			// … and the next request succeeds.
			const next = hello(`after-${c.name}`);
			const after = await server.run(next.request);
			expect(after.body.error).toBeNull();
			expect(after.body.stdout).toBe(`${next.token}\n`);
		});
	});
}
