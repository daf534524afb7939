/**
 * A seccomp filter for everything that runs in the sandbox (the Go toolchain and user programs),
 * handed to bubblewrap as a compiled classic-BPF program (`bwrap --seccomp FD`).
 *
 * Namespaces already hide the host; this shrinks the kernel surface a hostile program can reach.
 * It denies, with EPERM, system calls no Go program in a playground needs and that matter for
 * escapes or for denial of service: ptrace (a program could stop the sandbox's own init and hang
 * the job until the wall clock ends it), cross-process memory access, keyrings, BPF, perf events,
 * userfaultfd and io_uring (common kernel-exploit entry points), mounts and namespace changes,
 * module loading, kexec, reboot, clock and swap changes. Everything else is allowed: this is a
 * deny list on top of the namespace isolation, not a replacement for it (see the README for when
 * to use gVisor instead).
 *
 * Syscalls from another ABI on the same machine (x32, or 32-bit x86 via int 0x80) are denied as a
 * whole, so the filter cannot be side-stepped by numbering.
 *
 * Written here rather than with libseccomp: it has no maintained Node binding, and a C helper
 * would need a compiler on every machine that installs the server. A deny list of fixed syscall
 * numbers is a few dozen classic-BPF instructions; test/unit/seccomp.test.ts runs the program
 * through an interpreter for denied and allowed calls, on each architecture.
 */
import { arch } from 'node:process';

const SECCOMP_RET_ALLOW = 0x7fff0000;
const SECCOMP_RET_ERRNO = 0x00050000;
const EPERM = 1;
const ENOSYS = 38;

// struct sock_filter opcodes
const BPF_LD_W_ABS = 0x20;
const BPF_JEQ_K = 0x15;
const BPF_JGE_K = 0x35;
const BPF_RET_K = 0x06;

// offsets in struct seccomp_data
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;

interface ArchTable {
	auditArch: number;
	/** Numbers at or above this belong to another ABI (x32 on x86-64). */
	foreignAbiFloor?: number;
	denied: Record<string, number>;
}

/** Calls added since Linux 5.1 have one number on every architecture. */
const unified = {
	io_uring_setup: 425,
	io_uring_enter: 426,
	io_uring_register: 427,
	open_tree: 428,
	move_mount: 429,
	fsopen: 430,
	fsconfig: 431,
	fsmount: 432,
	fspick: 433,
	mount_setattr: 442,
};

const tables: Partial<Record<NodeJS.Architecture, ArchTable>> = {
	x64: {
		auditArch: 0xc000003e,
		foreignAbiFloor: 0x40000000,
		denied: {
			...unified,
			ptrace: 101,
			process_vm_readv: 310,
			process_vm_writev: 311,
			kcmp: 312,
			add_key: 248,
			request_key: 249,
			keyctl: 250,
			bpf: 321,
			perf_event_open: 298,
			userfaultfd: 323,
			mount: 165,
			umount2: 166,
			pivot_root: 155,
			chroot: 161,
			unshare: 272,
			setns: 308,
			open_by_handle_at: 304,
			name_to_handle_at: 303,
			init_module: 175,
			finit_module: 313,
			delete_module: 176,
			kexec_load: 246,
			kexec_file_load: 320,
			reboot: 169,
			swapon: 167,
			swapoff: 168,
			acct: 163,
			syslog: 103,
			quotactl: 179,
			vhangup: 153,
			settimeofday: 164,
			clock_settime: 227,
			clock_adjtime: 305,
			adjtimex: 159,
			iopl: 172,
			ioperm: 173,
			lookup_dcookie: 212,
		},
	},
	arm64: {
		auditArch: 0xc00000b7,
		denied: {
			...unified,
			ptrace: 117,
			process_vm_readv: 270,
			process_vm_writev: 271,
			kcmp: 272,
			add_key: 217,
			request_key: 218,
			keyctl: 219,
			bpf: 280,
			perf_event_open: 241,
			userfaultfd: 282,
			mount: 40,
			umount2: 39,
			pivot_root: 41,
			chroot: 51,
			unshare: 97,
			setns: 268,
			open_by_handle_at: 265,
			name_to_handle_at: 264,
			init_module: 105,
			finit_module: 273,
			delete_module: 106,
			kexec_load: 104,
			kexec_file_load: 294,
			reboot: 142,
			swapon: 224,
			swapoff: 225,
			acct: 89,
			syslog: 116,
			quotactl: 60,
			vhangup: 58,
			settimeofday: 170,
			clock_settime: 112,
			clock_adjtime: 266,
			adjtimex: 171,
			lookup_dcookie: 18,
		},
	},
};

function instruction(code: number, jt: number, jf: number, k: number): Buffer {
	const b = Buffer.alloc(8);
	b.writeUInt16LE(code, 0);
	b.writeUInt8(jt, 2);
	b.writeUInt8(jf, 3);
	b.writeUInt32LE(k >>> 0, 4);
	return b;
}

/** The denied system calls' names on this machine, or null when no filter exists for it. */
export function deniedSyscalls(machine: NodeJS.Architecture = arch): string[] | null {
	const t = tables[machine];
	return t ? Object.keys(t.denied) : null;
}

/**
 * The compiled filter for this machine's architecture (little-endian struct sock_filter array),
 * or null on an architecture without a table, where the sandbox runs without one.
 */
export function seccompFilter(machine: NodeJS.Architecture = arch): Buffer | null {
	const t = tables[machine];
	if (!t) return null;
	const deny = SECCOMP_RET_ERRNO | EPERM;
	const prog: Buffer[] = [
		instruction(BPF_LD_W_ABS, 0, 0, OFFSET_ARCH),
		// Another architecture's calling convention: refuse everything.
		instruction(BPF_JEQ_K, 1, 0, t.auditArch),
		instruction(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | ENOSYS),
		instruction(BPF_LD_W_ABS, 0, 0, OFFSET_NR),
	];
	if (t.foreignAbiFloor !== undefined) {
		prog.push(instruction(BPF_JGE_K, 0, 1, t.foreignAbiFloor), instruction(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | ENOSYS));
	}
	for (const nr of Object.values(t.denied)) {
		prog.push(instruction(BPF_JEQ_K, 0, 1, nr), instruction(BPF_RET_K, 0, 0, deny));
	}
	prog.push(instruction(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW));
	return Buffer.concat(prog);
}
