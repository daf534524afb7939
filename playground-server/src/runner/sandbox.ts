/**
 * Runs one command of a job (a build, a program, a test binary) in a bubblewrap sandbox with its
 * limits, and reports how it ended.
 *
 * The layers, outermost first:
 *   sh          joins the job's cgroups (memory, pids) before anything else runs
 *   prlimit     per-process rlimits: CPU time, data segment, processes, file size, no core dumps
 *   setpriv     drops to the slot's unprivileged uid (only when the server runs as root)
 *   bwrap       new user/pid/net/ipc/uts/cgroup namespaces, no network at all (not even loopback
 *               to the server), read-only binds of only what the step needs, a private tmpfs
 * Wall-clock time and output size are enforced here, by killing the whole tree.
 *
 * bubblewrap is used rather than a hand-written namespace setup: it is what Flatpak relies on,
 * and is a Debian package. The unsafe local mode (no bwrap, for development on machines without
 * it) keeps the rlimits and timeouts but has no isolation; the server refuses it unless asked.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { CgroupManager } from './cgroup.ts';

export interface Bind {
	src: string;
	dest: string;
	writable?: boolean;
}

export interface SandboxSpec {
	/** Command and arguments, as seen inside the sandbox. */
	argv: string[];
	binds: Bind[];
	env: Record<string, string>;
	cwd: string;
	/** Bind the system (/usr, /lib…) read-only: needed by the Go toolchain and by race binaries. */
	system: boolean;
	timeoutMs: number;
	cpuSeconds: number;
	memoryBytes: number;
	/** Set RLIMIT_DATA (off for race binaries, whose shadow memory is a huge private mapping). */
	limitData: boolean;
	processes: number;
	fileSizeBytes: number;
	/** Size of the private /tmp. */
	tmpBytes: number;
	outputBytes: number;
	/** Unprivileged uid/gid for this job (used when the server runs as root). */
	uid: number;
	gid: number;
	signal?: AbortSignal | undefined;
}

export interface SandboxOutcome {
	exitCode: number | null;
	/** The signal that ended the process, e.g. "SIGKILL". */
	signal: string | null;
	stdout: string;
	stderr: string;
	durationMs: number;
	/** The wall-clock limit ended it. */
	timedOut: boolean;
	/** Output went past the limit: what was kept is in stdout/stderr, and the job was stopped. */
	outputLimited: boolean;
	/** The job's cgroup memory limit killed something. */
	oomKilled: boolean;
	/** The job's cgroup refused a new process or thread. */
	pidsLimitHit: boolean;
	canceled: boolean;
}

export type SandboxKind = 'bwrap' | 'unsafe-local';

export interface SandboxOptions {
	kind: SandboxKind;
	cgroups: CgroupManager;
}

const systemPaths = ['/usr', '/etc/alternatives'];
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function bwrapAvailable(): boolean {
	return ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'].some((p) => existsSync(p));
}

function bwrapArgs(spec: SandboxSpec): string[] {
	const args = [
		'bwrap',
		'--unshare-all',
		'--unshare-user',
		'--disable-userns',
		'--die-with-parent',
		'--new-session',
		'--uid', '1000',
		'--gid', '1000',
		'--hostname', 'sandbox',
		'--proc', '/proc',
		'--dev', '/dev',
		'--size', String(spec.tmpBytes),
		'--tmpfs', '/tmp',
	];
	if (spec.system) {
		for (const p of systemPaths) if (existsSync(p)) args.push('--ro-bind', p, p);
		// Debian's merged /usr: the loader and libc are reached through these links.
		args.push('--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/sbin', '/sbin');
	} else if (existsSync('/usr/share/zoneinfo')) {
		args.push('--ro-bind', '/usr/share/zoneinfo', '/usr/share/zoneinfo');
	}
	for (const b of spec.binds) args.push(b.writable ? '--bind' : '--ro-bind', b.src, b.dest);
	args.push('--chdir', spec.cwd, '--clearenv');
	for (const [k, v] of Object.entries(spec.env)) args.push('--setenv', k, v);
	args.push('--', ...spec.argv);
	return args;
}

function prlimitArgs(spec: SandboxSpec): string[] {
	const args = [
		'prlimit',
		`--cpu=${spec.cpuSeconds}:${spec.cpuSeconds + 1}`,
		`--fsize=${spec.fileSizeBytes}`,
		'--core=0',
		'--nofile=1024',
	];
	if (spec.limitData) args.push(`--data=${spec.memoryBytes}`);
	// RLIMIT_NPROC counts every process of the uid, so it only means something for a uid of the
	// job's own: the slot uid when we run as root.
	if (asRoot) args.push(`--nproc=${spec.processes}`);
	args.push('--');
	return args;
}

/** Joins the cgroups named in PLAYBOOK_CG, then executes the rest of the command line. */
const joinCgroupsScript = 'umask 002; for f in $PLAYBOOK_CG; do echo $$ > "$f" || exit 125; done; exec "$@"';

let jobCounter = 0;

export async function runSandboxed(spec: SandboxSpec, options: SandboxOptions): Promise<SandboxOutcome> {
	const cgroup = await options.cgroups.create(`job-${process.pid}-${++jobCounter}`, {
		memoryBytes: spec.memoryBytes,
		processes: spec.processes,
	});
	try {
		return await execute(spec, options, cgroup.procsFiles).then(async (outcome) => {
			const stats = await cgroup.stats();
			return { ...outcome, oomKilled: stats.oomKilled, pidsLimitHit: stats.pidsLimitHit };
		});
	} finally {
		await cgroup.destroy();
	}
}

function execute(
	spec: SandboxSpec,
	options: SandboxOptions,
	procsFiles: string[],
): Promise<Omit<SandboxOutcome, 'oomKilled' | 'pidsLimitHit'>> {
	let command: string[];
	if (options.kind === 'bwrap') {
		const drop = asRoot
			? ['setpriv', `--reuid=${spec.uid}`, `--regid=${spec.gid}`, '--clear-groups', '--inh-caps=-all', '--']
			: [];
		command = [...prlimitArgs(spec), ...drop, ...bwrapArgs(spec)];
	} else {
		command = [...prlimitArgs(spec), 'env', '-i', ...Object.entries(spec.env).map(([k, v]) => `${k}=${v}`), ...spec.argv];
	}

	const started = performance.now();
	return new Promise((resolve) => {
		const child = spawn('/bin/sh', ['-c', joinCgroupsScript, 'sh', ...command], {
			// The sandbox tools get a minimal environment: nothing of the server's reaches the job.
			env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', PLAYBOOK_CG: procsFiles.join(' ') },
			cwd: options.kind === 'bwrap' ? '/' : spec.cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});

		const out: Buffer[] = [];
		const err: Buffer[] = [];
		let kept = 0;
		let outputLimited = false;
		let timedOut = false;
		let canceled = false;
		let settled = false;

		const killTree = () => {
			if (child.pid === undefined) return;
			try {
				// The whole process group: sh/prlimit/setpriv/bwrap. bwrap's pid-namespace init
				// dies with it (--die-with-parent), and the kernel then kills everything inside.
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		};
		const take = (sink: Buffer[]) => (chunk: Buffer) => {
			if (outputLimited) return;
			const room = spec.outputBytes - kept;
			if (chunk.length > room) {
				sink.push(chunk.subarray(0, room));
				kept = spec.outputBytes;
				outputLimited = true;
				killTree();
				return;
			}
			sink.push(chunk);
			kept += chunk.length;
		};
		child.stdout.on('data', take(out));
		child.stderr.on('data', take(err));

		const timer = setTimeout(() => {
			timedOut = true;
			killTree();
		}, spec.timeoutMs);
		const onAbort = () => {
			canceled = true;
			killTree();
		};
		spec.signal?.addEventListener('abort', onAbort, { once: true });
		if (spec.signal?.aborted) onAbort();

		const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			spec.signal?.removeEventListener('abort', onAbort);
			killTree();
			const decoder = (bufs: Buffer[]) => new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(bufs));
			resolve({
				exitCode,
				signal,
				stdout: decoder(out),
				stderr: decoder(err),
				durationMs: performance.now() - started,
				timedOut,
				outputLimited,
				canceled,
			});
		};
		child.on('error', (e) => {
			err.push(Buffer.from(`sandbox: cannot start: ${e.message}\n`));
			finish(null, null);
		});
		// 'close' waits for the pipes too. A grandchild that escaped the tree (possible only in the
		// unsafe local mode) could hold them open for ever, so 'exit' starts a short grace period.
		child.on('close', finish);
		child.on('exit', (code, signal) => {
			setTimeout(() => {
				child.stdout.destroy();
				child.stderr.destroy();
				finish(code, signal);
			}, 500).unref();
		});
	});
}
