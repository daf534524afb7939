/**
 * Runs one command of a job (a build, a program, a test binary) in a bubblewrap sandbox with its
 * limits, and reports how it ended.
 *
 * The layers, outermost first:
 *   bash        sets the per-process rlimits (CPU time, data segment, processes, file size, open
 *               files, no core dumps) with its ulimit builtin and joins the job's cgroups (memory,
 *               pids) before anything else runs
 *   setpriv     drops to the slot's unprivileged uid (only when the server runs as root; a step
 *               with no cgroup to join is spawned as that uid instead)
 *   bwrap       new user/pid/net/ipc/uts/cgroup namespaces, no network at all (not even loopback
 *               to the server), read-only binds of only what the step needs, a private tmpfs
 * Wall-clock time and output size are enforced here, by killing the whole tree.
 *
 * Inside bwrap a seccomp filter (seccomp.ts) denies system calls a playground never needs, the
 * root and /dev are remounted read-only (only the private /tmp is writable), and bwrap reads its
 * own arguments from a pipe, so a program reading /proc/1/cmdline learns nothing about the host.
 *
 * bubblewrap is used rather than a hand-written namespace setup: it is what Flatpak relies on,
 * and is a Debian package. The unsafe local mode (no bwrap, for development on machines without
 * it) keeps the rlimits and timeouts but has no isolation; the server refuses it unless asked.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { CgroupManager } from './cgroup.ts';
import { fixedLimits } from './limits.ts';
import { seccompFilter } from './seccomp.ts';

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
	/**
	 * false: no cgroup of its own; the command is one process of the toolchain (the compiler
	 * reading the snippet), which executes nothing of the snippet, and its rlimits (data, CPU,
	 * processes, file size) bound it. A cgroup's memory accounting slows every page the compiler
	 * touches: 24 → 36 ms for a 10-line file here, most of the sandbox's cost in escape analysis.
	 * Default true: whatever runs the snippet's code, or several processes, gets one. false also
	 * leaves out /proc and /dev, which the compiler does not use.
	 */
	jobCgroup?: boolean;
	/**
	 * A /dev (null, zero, urandom…; read-only) even without a job cgroup: the go command, which
	 * goimports runs once, opens /dev/null for a child's stdin. Implied by jobCgroup.
	 */
	devices?: boolean;
	/** Unprivileged uid/gid for this job (used when the server runs as root). */
	uid: number;
	gid: number;
	signal?: AbortSignal | undefined;
	/** Written to the command's standard input, which is then closed (default: no input at all). */
	stdin?: Buffer;
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
	/** The most memory the job's cgroup held, bytes; null without cgroups. */
	peakMemoryBytes?: number | null;
	canceled: boolean;
}

export type SandboxKind = 'bwrap' | 'unsafe-local';

export interface SandboxOptions {
	kind: SandboxKind;
	cgroups: CgroupManager;
	/** The bwrap binary (bwrapPath()). */
	bwrap: string;
	/** Apply the seccomp filter (where the architecture has one). */
	seccomp: boolean;
}

const systemPaths = ['/usr', '/etc/alternatives'];
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Pids whose parent is `pid` (from /proc; empty where there is no /proc). */
export function childrenOf(pid: number): number[] {
	const out: number[] = [];
	let entries: string[];
	try {
		entries = readdirSync('/proc');
	} catch {
		return out;
	}
	for (const name of entries) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// "pid (comm) state ppid …": comm may hold spaces and parentheses.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === pid) out.push(Number(name));
		} catch {}
	}
	return out;
}

/** The bwrap binary: the one configured when given, else the usual places; null when there is none. */
export function bwrapPath(configured: string | null = null): string | null {
	const candidates = configured ? [configured] : ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'];
	return candidates.find((p) => existsSync(p)) ?? null;
}

/** File descriptors of the sandboxed command that carry bwrap's seccomp filter and arguments. */
const SECCOMP_FD = 3;
const ARGS_FD = 4;

const hasDev = (spec: SandboxSpec) => spec.jobCgroup !== false || spec.devices === true;

function bwrapArgs(spec: SandboxSpec, withSeccomp: boolean): string[] {
	const args = [
		'--unshare-all',
		'--unshare-user',
		'--disable-userns',
		'--die-with-parent',
		'--new-session',
		// The program is the namespace's pid 1 instead of a child of bwrap's reaper: when it ends,
		// the kernel kills and reaps everything else in the namespace at once. With bwrap's own
		// reaper, that reaper outlives bwrap for a moment and is left to the host's init to reap,
		// which leaves zombies under the job's uid on hosts whose init reaps late (or never, when
		// the server itself is pid 1 of a container).
		'--as-pid-1',
		'--uid',
		'1000',
		'--gid',
		'1000',
		'--hostname',
		'sandbox',
		// The compiler run alone needs neither (checked by the compiler-suite and limits tests);
		// each mount is time on every escape-analysis request.
		...(spec.jobCgroup === false ? [] : ['--proc', '/proc']),
		...(hasDev(spec) ? ['--dev', '/dev'] : []),
		'--size',
		String(spec.tmpBytes),
		'--tmpfs',
		'/tmp',
	];
	if (spec.system) {
		for (const p of systemPaths) if (existsSync(p)) args.push('--ro-bind', p, p);
		// Debian's merged /usr: the loader and libc are reached through these links.
		args.push('--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/sbin', '/sbin');
	} else if (existsSync('/usr/share/zoneinfo')) {
		args.push('--ro-bind', '/usr/share/zoneinfo', '/usr/share/zoneinfo');
	}
	for (const b of spec.binds) args.push(b.writable ? '--bind' : '--ro-bind', b.src, b.dest);
	// bwrap's root and /dev are tmpfs mounts of their own, writable and unbounded unless remounted:
	// a program could otherwise fill memory through /x or /dev/shm/x. Only /tmp (sized) and the
	// binds marked writable stay writable.
	if (hasDev(spec)) args.push('--remount-ro', '/dev');
	args.push('--remount-ro', '/');
	if (withSeccomp) args.push('--seccomp', String(SECCOMP_FD));
	args.push('--chdir', spec.cwd, '--clearenv');
	for (const [k, v] of Object.entries(spec.env)) args.push('--setenv', k, v);
	return args;
}

/** The compiled filter, built once; null where the architecture has no table. */
let filterBytes: Buffer | null | undefined;
function filter(enabled: boolean): Buffer | null {
	if (!enabled) return null;
	if (filterBytes === undefined) filterBytes = seccompFilter();
	return filterBytes;
}

/** Whether the sandbox applies a seccomp filter on this machine, when it is enabled. */
export function seccompActive(enabled = true): boolean {
	return filter(enabled) !== null;
}

/**
 * The rlimits as bash `ulimit` builtins, which every job's first link runs anyway: prlimit(1)
 * would be one more exec of a dynamically linked program on every step (about 2 ms of a 30 ms
 * escape analysis on a busy machine). bash counts -f and -d in KiB. A limit the server's own
 * hard limit does not allow stops the job (exit 125) instead of running it unbounded.
 */
function ulimitScript(spec: SandboxSpec, cgroupsActive: boolean): string {
	const set = (flags: string, value: number) => `ulimit ${flags} ${value} || exit 125;`;
	const kib = (bytes: number) => Math.floor(bytes / 1024);
	const lines = [
		set('-S -t', spec.cpuSeconds),
		set('-H -t', spec.cpuSeconds + 1),
		set('-f', kib(spec.fileSizeBytes)),
		set('-c', 0),
		set('-n', fixedLimits.openFiles),
	];
	// Below the job's cgroup cap, which also counts page cache and kernel memory: a program that
	// allocates without bound should meet the Go runtime's own "out of memory" (with a stack trace
	// that says where) before the kernel's silent kill.
	if (spec.limitData)
		lines.push(set('-d', kib(cgroupsActive ? spec.memoryBytes - Math.min(64 * 1024 * 1024, Math.floor(spec.memoryBytes / 8)) : spec.memoryBytes)));
	// RLIMIT_NPROC counts every process of the uid, so it only means something for a uid of the
	// job's own: the slot uid when we run as root. With a pids cgroup it is only a backstop, set
	// above the cgroup's cap so that the cgroup (which records that it refused) acts first.
	if (asRoot) lines.push(set('-u', cgroupsActive ? spec.processes * 2 : spec.processes));
	return lines.join(' ');
}

/**
 * The first link of every sandbox, after the rlimits: joins the cgroups named in PLAYBOOK_CG, then
 * closes every file descriptor the server itself inherited (beyond stdio and the two bwrap reads),
 * so that nothing the server's own parent left open reaches a job, then executes the rest of the
 * command line. bash, because dash can neither close descriptors above 9 nor count -f in KiB.
 */
const joinCgroups = 'umask 002; for f in $PLAYBOOK_CG; do echo $$ > "$f" || exit 125; done; unset PLAYBOOK_CG;';
const closeInherited = `if [ -d /proc/self/fd ]; then for fd in /proc/self/fd/*; do fd=\${fd##*/}; case $fd in 0|1|2|${SECCOMP_FD}|${ARGS_FD}) ;; *) eval "exec $fd>&-" 2>/dev/null ;; esac; done; fi;`;
const bash = '/bin/bash';

let jobCounter = 0;

const noCgroup = { procsFiles: [], stats: async () => ({ oomKilled: false, pidsLimitHit: false, peakMemoryBytes: null }), destroy: async () => {} };

export async function runSandboxed(spec: SandboxSpec, options: SandboxOptions): Promise<SandboxOutcome> {
	const cgroup =
		spec.jobCgroup === false
			? noCgroup
			: await options.cgroups.create(`job-${process.pid}-${++jobCounter}`, {
					memoryBytes: spec.memoryBytes,
					processes: spec.processes,
				});
	try {
		return await execute(spec, options, cgroup.procsFiles).then(async (outcome) => {
			const stats = await cgroup.stats();
			return { ...outcome, oomKilled: stats.oomKilled, pidsLimitHit: stats.pidsLimitHit, peakMemoryBytes: stats.peakMemoryBytes };
		});
	} finally {
		await cgroup.destroy();
	}
}

function execute(spec: SandboxSpec, options: SandboxOptions, procsFiles: string[]): Promise<Omit<SandboxOutcome, 'oomKilled' | 'pidsLimitHit'>> {
	let command: string[];
	const input = spec.stdin === undefined ? 'ignore' : 'pipe';
	let stdio: StdioOptions = [input, 'pipe', 'pipe'];
	let bwrapArgv: string[] | null = null;
	let seccomp: Buffer | null = null;
	const spawnAsJob = asRoot && options.kind === 'bwrap' && procsFiles.length === 0;
	if (options.kind === 'bwrap') {
		// The uid drop: by the spawn itself when there is no cgroup to join (the first link must
		// be root to join one), which saves setpriv's exec (about a millisecond of a 30 ms compile);
		// libuv clears the supplementary groups and the new uid loses every capability.
		const drop = asRoot && !spawnAsJob ? ['setpriv', `--reuid=${spec.uid}`, `--regid=${spec.gid}`, '--clear-groups', '--inh-caps=-all', '--'] : [];
		seccomp = filter(options.seccomp);
		bwrapArgv = bwrapArgs(spec, seccomp !== null);
		command = [...drop, options.bwrap, '--args', String(ARGS_FD), '--', ...spec.argv];
		stdio = [input, 'pipe', 'pipe', seccomp ? 'pipe' : 'ignore', 'pipe'];
	} else {
		command = ['env', '-i', ...Object.entries(spec.env).map(([k, v]) => `${k}=${v}`), ...spec.argv];
	}

	const started = performance.now();
	return new Promise((resolve) => {
		const script = `${ulimitScript(spec, procsFiles.length > 0)} ${joinCgroups} ${closeInherited} exec "$@"`;
		const child = spawn(bash, ['-c', script, 'sandbox', ...command], {
			// The sandbox tools get a minimal environment: nothing of the server's reaches the job.
			env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', PLAYBOOK_CG: procsFiles.join(' ') },
			cwd: options.kind === 'bwrap' ? '/' : spec.cwd,
			stdio,
			detached: true,
			...(spawnAsJob ? { uid: spec.uid, gid: spec.gid } : {}),
		});
		// bwrap reads both to end of file: NUL-terminated options (the command itself must stay on
		// its command line, which is all /proc/1/cmdline shows inside), and the filter's instructions.
		const feed = (fd: number, data: Buffer) => {
			const pipe = child.stdio[fd] as NodeJS.WritableStream | null | undefined;
			pipe?.on('error', () => {});
			pipe?.end(data);
		};
		if (bwrapArgv) feed(ARGS_FD, Buffer.from(bwrapArgv.map((a) => `${a}\0`).join('')));
		if (seccomp) feed(SECCOMP_FD, seccomp);
		// A command that exits without reading all of it closes the pipe: that is its answer, not an error.
		if (spec.stdin !== undefined) feed(0, spec.stdin);

		const out: Buffer[] = [];
		const err: Buffer[] = [];
		let kept = 0;
		let outputLimited = false;
		let timedOut = false;
		let canceled = false;
		let settled = false;

		let exited = false;
		let killing = false;
		const killTree = () => {
			const pid = child.pid;
			if (pid === undefined || exited || killing) return;
			killing = true;
			if (options.kind === 'bwrap') {
				// The sandbox's pid 1 first: the kernel then kills everything in its namespace, and
				// bwrap, its parent, reaps it and exits. Killing bwrap first would orphan pid 1 to
				// the host's init, to be reaped whenever that gets round to it.
				for (const inner of childrenOf(pid)) {
					try {
						process.kill(inner, 'SIGKILL');
					} catch {}
				}
			}
			// Then the whole process group (bash/setpriv/bwrap), in case it is still there:
			// at once without bwrap, after a moment with it.
			const group = () => {
				if (exited) return;
				try {
					process.kill(-pid, 'SIGKILL');
				} catch {}
			};
			if (options.kind === 'bwrap') setTimeout(group, 250).unref();
			else group();
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
		child.stdout?.on('data', take(out));
		child.stderr?.on('data', take(err));

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
			// Anything of the job still alive in its process group (possible only when it escaped
			// bwrap's tree, i.e. in the unsafe local mode) goes now; the job's cgroup is emptied
			// after this.
			if (child.pid !== undefined) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {}
			}
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
			exited = true;
			setTimeout(() => {
				child.stdout?.destroy();
				child.stderr?.destroy();
				finish(code, signal);
			}, 500).unref();
		});
	});
}
