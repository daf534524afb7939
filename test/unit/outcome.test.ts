import { describe, expect, test } from 'vitest';
import { classifyOutcome, firstUserFrame, runtimeDiagnostic, type OutcomeContext } from '../../playground-server/src/runner/outcome.ts';
import { defaultLimits } from '../../playground-server/src/runner/limits.ts';
import type { SandboxOutcome } from '../../playground-server/src/runner/sandbox.ts';

const ended = (o: Partial<SandboxOutcome>): SandboxOutcome => ({
	exitCode: 0,
	signal: null,
	stdout: '',
	stderr: '',
	durationMs: 10,
	timedOut: false,
	outputLimited: false,
	oomKilled: false,
	pidsLimitHit: false,
	canceled: false,
	...o,
});
const ctx: OutcomeContext = {
	mode: 'run',
	limits: defaultLimits,
	files: new Set(['main.go']),
	timeoutMs: 10_000,
	testsFailed: 0,
	failedTests: [],
	cpuSeconds: 10,
};
const code = (o: Partial<SandboxOutcome>, c: Partial<OutcomeContext> = {}) => classifyOutcome(ended(o), { ...ctx, ...c })?.code ?? null;

const panicTrace = 'panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n\tplay/main.go:7 +0x1d\nexit status 2\n';

describe('program endings', () => {
	test('exit 0 is no error', () => expect(code({})).toBeNull());
	test('a panic names the line of user code it came from', () => {
		const e = classifyOutcome(ended({ exitCode: 2, stderr: panicTrace }), ctx);
		expect(e?.code).toBe('panic');
		expect(e?.message).toContain('index out of range [5] with length 3 at main.go:7');
	});
	test('a fatal error (concurrent map writes) says how to fix it', () => {
		const e = classifyOutcome(
			ended({ exitCode: 2, stderr: 'fatal error: concurrent map writes\n\ngoroutine 5 [running]:\nmain.main.func1()\n\tplay/main.go:9 +0x2c\n' }),
			ctx,
		);
		expect(e?.code).toBe('fatal_error');
		expect(e?.message).toMatch(/at main\.go:9.*mutex/);
	});
	test('os.Exit(3) is exit_nonzero with the status', () => {
		const e = classifyOutcome(ended({ exitCode: 3 }), ctx);
		expect(e).toEqual({ code: 'exit_nonzero', message: 'The program exited with status 3.' });
	});
	test('a data race report wins over the exit status it causes', () => {
		expect(code({ exitCode: 66, stderr: '==================\nWARNING: DATA RACE\nWrite at 0x00c000012345 by goroutine 7:\n' })).toBe('race_detected');
	});
	test('a -bench pattern Go cannot compile names the option to change', () => {
		const stderr = 'testing: invalid regexp for element 0 of -test.bench ("("): error parsing regexp: missing closing ): `(`\n';
		const e = classifyOutcome(ended({ exitCode: 1, stderr }), { ...ctx, mode: 'bench' });
		expect(e?.code).toBe('exit_nonzero');
		expect(e?.message).toBe(
			'The bench option "(" is not a valid Go regexp (error parsing regexp: missing closing ): `(`), so no benchmark ran. Change options.bench, e.g. "." for all or "Map" for names containing Map.',
		);
	});
	test('failed tests are named', () => {
		const e = classifyOutcome(ended({ exitCode: 1, stdout: '--- FAIL: TestA\nFAIL\n' }), { ...ctx, mode: 'test', testsFailed: 1, failedTests: ['TestA'] });
		expect(e?.code).toBe('tests_failed');
		expect(e?.message).toContain('TestA');
	});
});

describe('limits', () => {
	test('the wall clock', () => expect(code({ exitCode: null, signal: 'SIGKILL', timedOut: true })).toBe('timeout'));
	test('the CPU-time limit (SIGXCPU, reported by bwrap as 128+24)', () => {
		expect(code({ exitCode: 152 })).toBe('timeout');
		expect(classifyOutcome(ended({ exitCode: 152 }), ctx)?.message).toContain('CPU time');
	});
	test("a test binary's own timeout panic is a timeout, not a panic", () => {
		expect(code({ exitCode: 2, stderr: 'panic: test timed out after 9s\n\trunning tests:\n' }, { mode: 'test' })).toBe('timeout');
	});
	test("memory: the cgroup's kill, or the runtime's own report", () => {
		expect(code({ exitCode: 137, oomKilled: true })).toBe('memory_limit');
		expect(code({ exitCode: 2, stderr: 'fatal error: runtime: out of memory\n\nruntime stack:\n' })).toBe('memory_limit');
		// Files in the private /tmp are memory too: the message says so, as no file limit was hit.
		expect(classifyOutcome(ended({ exitCode: 137, oomKilled: true }), ctx)?.message).toContain(
			'Files the program creates in /tmp live in memory and count too',
		);
	});
	test('memory comes before output: an out-of-memory crash floods stderr with goroutines', () => {
		expect(code({ exitCode: null, outputLimited: true, stderr: 'fatal error: runtime: out of memory\n' + 'goroutine 1 [chan receive]:\n'.repeat(100) })).toBe(
			'memory_limit',
		);
	});
	test('a stack overflow is reported as memory, with a hint about recursion', () => {
		const e = classifyOutcome(
			ended({ exitCode: 2, stderr: 'runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n\nruntime.morestack()\n' }),
			ctx,
		);
		expect(e?.code).toBe('memory_limit');
		expect(e?.message).toMatch(/recursion/);
	});
	test('output', () => {
		const e = classifyOutcome(ended({ exitCode: null, outputLimited: true, stdout: 'x'.repeat(100) }), ctx);
		expect(e?.code).toBe('output_limit');
		expect(e?.message).toContain('1 MiB');
	});
	test("processes: the cgroup's record, or the runtime failing to start a thread", () => {
		expect(code({ exitCode: 2, pidsLimitHit: true, stderr: 'fatal error: all goroutines are asleep - deadlock!\n' })).toBe('process_limit');
		expect(code({ exitCode: 2, stderr: 'runtime: failed to create new OS thread (have 60 already; errno=11)\nfatal error: newosproc\n' })).toBe(
			'process_limit',
		);
	});
	test('file size', () => {
		expect(code({ exitCode: 2, stderr: 'panic: write /tmp/big: file too large\n' })).toBe('file_size_limit');
		expect(code({ exitCode: 2, stderr: 'panic: write /tmp/f12: no space left on device\n' })).toBe('file_size_limit');
	});
	test("a job the server canceled is not blamed on the program's CPU time", () => {
		expect(code({ exitCode: null, signal: 'SIGKILL', canceled: true })).toBe('exit_nonzero');
	});
});

test('firstUserFrame skips runtime frames and files outside the snippet', () => {
	const trace =
		'goroutine 1 [running]:\nruntime.throw()\n\t/usr/local/go/src/runtime/panic.go:1229 +0x48\nmain.f()\n\tplay/util.go:4 +0x1\nmain.main()\n\tplay/main.go:9\n';
	expect(firstUserFrame(trace, new Set(['main.go']))).toBe('main.go:9');
	expect(firstUserFrame(trace, new Set(['main.go', 'util.go']))).toBe('util.go:4');
});

describe('a runtime failure as a diagnostic on the code', () => {
	const source = 'package main\n\nfunc main() {\n\tvar m map[string]int\n\tm["a"] = 1 // boom\n}\n';
	const stderr = 'panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n\tplay/main.go:5 +0x2e\nexit status 2\n';
	test('a panic: on the innermost line of user code, from its first statement', () => {
		const error = classifyOutcome(ended({ exitCode: 2, stderr }), ctx);
		expect(runtimeDiagnostic(stderr, error, { 'main.go': source })).toEqual({
			file: 'main.go',
			line: 5,
			col: 2,
			kind: 'runtime-error',
			message: 'panic: assignment to entry in nil map',
		});
	});
	test('a fatal error and a race say what the runtime saw', () => {
		const fatal = 'fatal error: concurrent map writes\n\ngoroutine 5 [running]:\nmain.main.func1()\n\tplay/main.go:4 +0x2c\n';
		expect(runtimeDiagnostic(fatal, { code: 'fatal_error', message: '' }, { 'main.go': source })?.message).toBe('fatal error: concurrent map writes');
		const race = '==================\nWARNING: DATA RACE\nWrite at 0x00c000012345 by goroutine 7:\n  main.main.func1()\n      play/main.go:5 +0x44\n';
		expect(runtimeDiagnostic(race, { code: 'race_detected', message: '' }, { 'main.go': source })).toMatchObject({
			line: 5,
			message: expect.stringContaining('data race'),
		});
	});
	describe('recursion that never ends (memory_limit)', () => {
		const recursive =
			'package main\n\nfunc down(n int) int {\n\tvar pad [256]byte\n\tpad[n%256] = byte(n)\n\treturn down(n+1) + int(pad[0])\n}\n\nfunc main() {\n\tprintln(down(0))\n}\n';
		test("with the runtime's traceback (rlimits): on the recursive call, not the function's stack check", () => {
			// Real Go 1.26 output under RLIMIT_DATA, cut after the first frames.
			const trace =
				'fatal error: out of memory allocating heap arena metadata\n\nruntime stack:\nruntime.throw({0x4cc9c9?, 0x20000000?})\n\truntime/panic.go:1229 +0x48 fp=0x7ffe561ce6d0 sp=0x7ffe561ce6a0 pc=0x479508\nruntime.newstack()\n\truntime/stack.go:1216 +0x4c9 fp=0x7ffe561ceb98 sp=0x7ffe561cea68 pc=0x461069\n\ngoroutine 1 gp=0x1b80772f41e0 m=0 mp=0x583f20 [copystack]:\nmain.down(0xf4893?)\n\tplay/main.go:3 +0x11c fp=0x1b80873f0528 sp=0x1b80873f0520 pc=0x49e25c\nmain.down(...)\n\tplay/main.go:6\nmain.down(0x0?)\n\tplay/main.go:6 +0xda fp=0x1b80873f0740\n';
			const error = classifyOutcome(ended({ exitCode: 2, stderr: trace }), ctx);
			expect(error?.code).toBe('memory_limit');
			expect(runtimeDiagnostic(trace, error, { 'main.go': recursive })).toEqual({
				file: 'main.go',
				line: 6,
				col: 2,
				kind: 'runtime-error',
				message: 'fatal error: out of memory allocating heap arena metadata',
			});
			const exceeded =
				'runtime: goroutine stack exceeds 1000000000-byte limit\nruntime: sp=0xc020160398 stack=[0xc020160000, 0xc040160000]\nfatal error: stack overflow\n\ngoroutine 1 [running]:\nmain.down(0x0?)\n\tplay/main.go:6 +0x1\n';
			expect(runtimeDiagnostic(exceeded, { code: 'memory_limit', message: '' }, { 'main.go': recursive })).toMatchObject({
				line: 6,
				message: 'runtime: goroutine stack exceeds 1000000000-byte limit',
			});
		});
		test("killed by the job cgroup with no output: on the function's call of itself, said to be the likely cause", () => {
			const error = { code: 'memory_limit' as const, message: '' };
			expect(runtimeDiagnostic('', error, { 'go.mod': 'module x\n', 'main.go': recursive })).toEqual({
				file: 'main.go',
				line: 6,
				col: 2,
				kind: 'runtime-error',
				message: expect.stringMatching(/^out of memory: down calls itself here, and recursion that never ends/),
			});
			// One-line functions and methods count; a call of another function of the same prefix does not.
			expect(runtimeDiagnostic('', error, { 'a.go': 'package main\n\ntype t struct{}\n\nfunc (x t) walk() { x.walk() }\n' })).toMatchObject({
				line: 5,
				col: 1,
			});
			expect(
				runtimeDiagnostic('', error, { 'a.go': 'package main\n\nfunc grow() {\n\tgrowMore()\n}\n\nfunc growMore() { _ = make([]byte, 1<<40) }\n' }),
			).toBeNull();
			// A program that only allocates gets no line: nothing says where.
			expect(runtimeDiagnostic('', error, { 'main.go': source })).toBeNull();
		});
	});
	test('nothing when the failure has no line in the snippet, or is not a runtime failure', () => {
		expect(
			runtimeDiagnostic(
				'panic: boom\n\ngoroutine 1 [running]:\nfmt.Println()\n\t/usr/local/go/src/fmt/print.go:1 +0x1\n',
				{ code: 'panic', message: '' },
				{ 'main.go': source },
			),
		).toBeNull();
		expect(runtimeDiagnostic(stderr, { code: 'timeout', message: '' }, { 'main.go': source })).toBeNull();
		expect(runtimeDiagnostic(stderr, null, { 'main.go': source })).toBeNull();
	});
});

describe('the runtime crashing in its own code', () => {
	// Seen under the memory limit with Go 1.26: a fault in the garbage collector instead of
	// "out of memory", then a dump of every goroutine that fills the output.
	const dump =
		'SIGSEGV: segmentation violation\nPC=0x42985d m=3 sigcode=1 addr=0x0\n\ngoroutine 0 gp=0x1613c32a12c0 m=3 mp=0x1613c32cf008 [idle]:\nruntime.(*spanQueue).tryDrain(0x1000?, 0x33393e02?, 0xc32e5bc0?)\n\truntime/mgcmark_greenteagc.go:520 +0x5d\n';
	test('near the memory limit it is the memory limit, not the output the dump caused', () => {
		const e = classifyOutcome(ended({ exitCode: 137, stderr: dump, outputLimited: true, peakMemoryBytes: 500 * 1024 * 1024 }), ctx);
		expect(e?.code).toBe('memory_limit');
		expect(e?.message).toContain('The Go runtime crashed inside its own code (SIGSEGV in runtime.(*spanQueue).tryDrain) with the program holding');
	});
	test("far from it, a fatal error named as the runtime's crash", () => {
		const e = classifyOutcome(ended({ exitCode: 2, stderr: dump, peakMemoryBytes: 10 * 1024 * 1024 }), ctx);
		expect(e?.code).toBe('fatal_error');
		expect(e?.message).toContain('SIGSEGV in runtime.(*spanQueue).tryDrain');
	});
	test('a nil dereference in the program stays a panic', () => {
		const nil =
			'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4905c4]\n\ngoroutine 1 [running]:\nmain.main()\n\tplay/main.go:5 +0x4\n';
		expect(code({ exitCode: 2, stderr: nil })).toBe('panic');
	});
});
