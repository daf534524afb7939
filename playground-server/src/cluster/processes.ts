/**
 * The processes a local cluster starts (redis-server, server replicas, nginx), each tracked so
 * that every one of them is ended with the cluster, on success and failure alike, and even when
 * the process that started them exits first.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { createServer } from 'node:net';

export interface Started {
	readonly name: string;
	readonly child: ChildProcess;
	/** Everything it printed, stdout and stderr, as lines. */
	readonly lines: string[];
	/** Resolves with the exit code (or the signal's name) when it has exited. */
	readonly exited: Promise<number | string>;
	readonly running: boolean;
	/** Resolves with the first printed line that matches, rejects if it exits first. */
	waitForLine(match: RegExp | ((line: string) => boolean), what?: string): Promise<string>;
	/** SIGTERM, then SIGKILL after graceMs; resolves when it has exited. */
	stop(graceMs?: number): Promise<void>;
	/** SIGKILL at once; resolves when it has exited. */
	kill(): Promise<void>;
}

const live = new Set<Started>();
process.once('exit', () => {
	for (const p of live) p.child.kill('SIGKILL');
});

export function startProcess(name: string, command: string, args: string[], options: SpawnOptions = {}): Started {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
	const lines: string[] = [];
	const waiters: { test: (line: string) => boolean; resolve: (l: string) => void }[] = [];
	let running = true;
	let buffered = '';
	const onData = (chunk: Buffer) => {
		buffered += chunk.toString();
		let nl: number;
		while ((nl = buffered.indexOf('\n')) >= 0) {
			const line = buffered.slice(0, nl);
			buffered = buffered.slice(nl + 1);
			lines.push(line);
			for (const w of [...waiters]) {
				if (w.test(line)) {
					waiters.splice(waiters.indexOf(w), 1);
					w.resolve(line);
				}
			}
		}
	};
	child.stdout?.on('data', onData);
	child.stderr?.on('data', onData);
	const exited = new Promise<number | string>((resolve) => {
		child.on('exit', (code, signal) => {
			running = false;
			live.delete(started);
			resolve(code ?? signal ?? 'unknown');
		});
		child.on('error', (e) => {
			lines.push(`spawn failed: ${e.message}`);
			running = false;
			live.delete(started);
			resolve('spawn-error');
		});
	});
	const started: Started = {
		name,
		child,
		lines,
		exited,
		get running() {
			return running;
		},
		waitForLine(match, what = String(match)) {
			const test = typeof match === 'function' ? match : (l: string) => match.test(l);
			const seen = lines.find(test);
			if (seen !== undefined) return Promise.resolve(seen);
			return new Promise((resolve, reject) => {
				waiters.push({ test, resolve });
				void exited.then((code) => reject(new Error(`${name} exited (${code}) before printing ${what}:\n${lines.slice(-40).join('\n')}`)));
			});
		},
		async stop(graceMs = 15_000) {
			if (!running) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		},
		async kill() {
			if (!running) return;
			child.kill('SIGKILL');
			await exited;
		},
	};
	live.add(started);
	return started;
}

/** A TCP port free on loopback now (the kernel's choice). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** The path of an executable on `path` (a PATH value) or in the sbin folders (Debian's nginx), or null. */
export async function which(name: string, path: string): Promise<string | null> {
	const dirs = [...path.split(':'), '/usr/sbin', '/sbin', '/usr/local/sbin'].filter(Boolean);
	for (const d of dirs) {
		try {
			await access(`${d}/${name}`, constants.X_OK);
			return `${d}/${name}`;
		} catch {}
	}
	return null;
}
