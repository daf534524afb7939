/**
 * The server as `npm start` runs it: node playground-server/src/main.ts, a process of its own.
 * Start-up (self-test, listen, warm), a job over HTTP, SIGTERM, and the refusals: no bubblewrap,
 * and the unsafe local mode bound to loopback only.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { startProcess } from '../../playground-server/src/cluster/processes.ts';
import { defaultStateDir } from '../../playground-server/src/runner/index.ts';

const main = fileURLToPath(new URL('../../playground-server/src/main.ts', import.meta.url));

type Log = Record<string, unknown>;

/** A line the server printed: its JSON log entry, or the text as `msg`. */
function entry(line: string): Log {
	try {
		return JSON.parse(line) as Log;
	} catch {
		return { msg: line };
	}
}

/** The server in a process of its own (ended with the test run, whatever happens). */
function start(env: Record<string, string>) {
	const p = startProcess('server', process.execPath, [main], {
		env: {
			PATH: process.env.PATH ?? '/usr/bin:/bin',
			HOME: process.env.HOME ?? '/root',
			PORT: '0',
			HOST: '127.0.0.1',
			PLAYBOOK_DIST_DIR: 'none',
			// The state (toolchains, build caches) the other suites warmed.
			PLAYBOOK_STATE_DIR: defaultStateDir(),
			LOG_LEVEL: 'info',
			...env,
		},
	});
	return {
		child: p.child,
		get logs(): Log[] {
			return p.lines.map(entry);
		},
		exited: p.exited,
		/** Resolves with the first log entry whose msg matches. */
		waitFor: async (re: RegExp): Promise<Log> => entry(await p.waitForLine((l) => re.test(String(entry(l)['msg'])), `a log line matching ${re}`)),
	};
}

test('starts (self-test, listen, warm), runs a job, and on SIGTERM stops cleanly, removing its job directories', async () => {
	const s = start({});
	try {
		const selfTest = await s.waitFor(/self-test passed/);
		expect(selfTest['checks']).toEqual(expect.arrayContaining(['no outside network', 'read-only root', 'unprivileged', 'seccomp filter']));
		const listening = await s.waitFor(/Server listening at/);
		const url = /http:\/\/127\.0\.0\.1:\d+/.exec(String(listening['msg']))![0];
		await s.waitFor(/Go build cache warm/);
		expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok', sandbox: 'bwrap', seccomp: true });
		const token = `main-${Date.now()}`;
		const res = await fetch(`${url}/api/run`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-request-id': 'lifecycle-1' },
			body: JSON.stringify({ mode: 'run', files: { 'main.go': `package main\n\nfunc main() { println("${token}") }\n` } }),
		});
		expect((await res.json()) as object).toMatchObject({ ok: true, stderr: `${token}\n` });
		// Structured logs, with the request id.
		const answered = await s.waitFor(/job answered/);
		expect(answered).toMatchObject({ reqId: 'lifecycle-1', mode: 'run', outcome: 'ok' });

		s.child.kill('SIGTERM');
		expect(await s.exited).toBe(0);
		await s.waitFor(/every job directory removed/);
		const mine = readdirSync(join(defaultStateDir(), 'jobs')).filter((d) => d.startsWith(`${s.child.pid}-`));
		expect(mine).toEqual([]);
	} finally {
		s.child.kill('SIGKILL');
	}
});

test('refuses to start without bubblewrap, saying how to install it or what the unsafe mode means', async () => {
	const s = start({ PLAYBOOK_BWRAP: '/nonexistent/bwrap' });
	expect(await s.exited).toBe(1);
	const fatal = s.logs.find((l) => l['level'] === 60);
	expect(String(fatal?.['msg'])).toMatch(/bubblewrap \(bwrap\) was not found.*apt-get install -y bubblewrap.*PLAYBOOK_UNSAFE_LOCAL=1/);
});

test('the unsafe local mode warns loudly and listens on loopback only, whatever HOST says', async () => {
	const s = start({ PLAYBOOK_UNSAFE_LOCAL: '1', HOST: '0.0.0.0' });
	try {
		const warning = await s.waitFor(/UNSAFE LOCAL MODE/);
		expect(warning['level']).toBe(40);
		const listening = await s.waitFor(/Server listening at/);
		expect(String(listening['msg'])).toMatch(/^Server listening at http:\/\/127\.0\.0\.1:\d+$/);
		expect(s.logs.filter((l) => /Server listening at/.test(String(l['msg'])))).toHaveLength(1);
		const health = (await (await fetch(`${/http:\/\/[^ ]+/.exec(String(listening['msg']))![0]}/healthz`)).json()) as { sandbox: string };
		expect(health.sandbox).toBe('unsafe-local');
	} finally {
		s.child.kill('SIGTERM');
		await s.exited;
	}
});

test('a bad setting stops the server at once, naming the variable', async () => {
	const s = start({ PLAYBOOK_QUEUE_SIZE: 'lots' });
	expect(await s.exited).toBe(1);
	expect(s.logs.map((l) => String(l['msg'])).join('\n')).toMatch(/PLAYBOOK_QUEUE_SIZE=lots is not a whole number/);
});
