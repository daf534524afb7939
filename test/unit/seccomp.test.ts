import { expect, test } from 'vitest';
import { deniedSyscalls, seccompFilter } from '../../playground-server/src/runner/seccomp.ts';

/** Runs the classic-BPF filter on one system call (only the instructions the filter uses). */
function verdict(filter: Buffer, arch: number, nr: number): number {
	const data = [nr, arch];
	let pc = 0;
	let a = 0;
	for (;;) {
		const code = filter.readUInt16LE(pc * 8);
		const jt = filter.readUInt8(pc * 8 + 2);
		const jf = filter.readUInt8(pc * 8 + 3);
		const k = filter.readUInt32LE(pc * 8 + 4);
		if (code === 0x20) a = data[k / 4]!;
		else if (code === 0x15) pc += a === k ? jt : jf;
		else if (code === 0x35) pc += a >= k ? jt : jf;
		else if (code === 0x06) return k;
		else throw new Error(`unexpected opcode ${code}`);
		pc++;
	}
}

const ALLOW = 0x7fff0000;
const EPERM = 0x00050001;
const ENOSYS = 0x00050026;
const X86_64 = 0xc000003e;

test('x86-64: ptrace, mount, unshare, bpf and io_uring are denied with EPERM; read, write, clone, mmap are allowed', () => {
	const f = seccompFilter('x64')!;
	for (const nr of [101, 165, 272, 321, 425]) expect(verdict(f, X86_64, nr)).toBe(EPERM);
	for (const nr of [0, 1, 56, 9, 231]) expect(verdict(f, X86_64, nr)).toBe(ALLOW);
});

test('another ABI (x32 numbers, or a 32-bit arch value) cannot get round the filter', () => {
	const f = seccompFilter('x64')!;
	expect(verdict(f, X86_64, 0x40000000 + 101)).toBe(ENOSYS);
	expect(verdict(f, 0x40000003, 26)).toBe(ENOSYS);
});

test('arm64 has its own numbers; unknown architectures get no filter', () => {
	const f = seccompFilter('arm64')!;
	expect(verdict(f, 0xc00000b7, 117)).toBe(EPERM); // ptrace
	expect(verdict(f, 0xc00000b7, 63)).toBe(ALLOW); // read
	expect(seccompFilter('s390x')).toBeNull();
	expect(deniedSyscalls('x64')).toContain('keyctl');
});
