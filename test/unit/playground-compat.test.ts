import { expect, test } from 'vitest';
import type { RunResult } from '@playbook/engine/contract';
import { joinTxtar, playgroundJob, readTxtar, splitTxtar, toPlaygroundResponse } from '../../playground-server/src/playground-compat.ts';
import { runResult } from '../fixtures/run-result.ts';

const result = (over: Partial<RunResult>): RunResult => runResult(over);

test('a plain body is prog.go; txtar sections are files', () => {
	expect(splitTxtar('package main\n')).toEqual({ 'prog.go': 'package main\n' });
	expect(splitTxtar('package main\nfunc main() {}\n-- go.mod --\nmodule x\n-- util.go --\npackage main\n')).toEqual({
		'prog.go': 'package main\nfunc main() {}',
		'go.mod': 'module x',
		'util.go': 'package main\n',
	});
	expect(splitTxtar('-- a.go --\npackage main\n')).toEqual({ 'a.go': 'package main\n' });
	expect(() => splitTxtar('-- a.go --\nx\n-- a.go --\ny')).toThrow(/twice/);
});

test("/fmt's bodies: whether prog.go came without a header, and the files written back as play.golang.org writes them", () => {
	expect(readTxtar('package main\n-- a.go --\npackage main\n')).toEqual({ files: { 'prog.go': 'package main', 'a.go': 'package main\n' }, implicitProg: true });
	expect(readTxtar('-- prog.go --\npackage main\n').implicitProg).toBe(false);
	expect(readTxtar(' \n-- a.go --\nx').implicitProg).toBe(false);
	expect(joinTxtar({ 'prog.go': 'package main\n', 'a.go': 'package main', 'go.mod': '' }, true)).toBe('package main\n-- a.go --\npackage main\n-- go.mod --\n');
	expect(joinTxtar({ 'prog.go': 'package main\n' }, false)).toBe('-- prog.go --\npackage main\n');
});

test('package main without main but with tests runs as a test, like play.golang.org', () => {
	const t = playgroundJob({ 'prog.go': 'package main\n\nimport "testing"\n\nfunc TestA(t *testing.T) {}\n' });
	expect(t.mode).toBe('test');
	expect(Object.keys(t.files)).toEqual(['prog_test.go']);
	expect(playgroundJob({ 'prog.go': 'package main\n\nfunc main() {}\n\nfunc TestA() {}\n' }).mode).toBe('run');
	expect(playgroundJob({ 'prog.go': 'package main\n', 'x_test.go': 'package main\n' }).mode).toBe('test');
});

test('a run answers with events and the exit status', () => {
	expect(toPlaygroundResponse(result({ stdout: 'hi\n', stderr: 'warn\n', exitCode: 0 }), null)).toEqual({
		Errors: '',
		Events: [
			{ Message: 'hi\n', Kind: 'stdout', Delay: 0 },
			{ Message: 'warn\n', Kind: 'stderr', Delay: 0 },
		],
		Status: 0,
		IsTest: false,
		TestsFailed: 0,
	});
});

test('a compile error answers in Errors, without the package banner, and no events', () => {
	const r = toPlaygroundResponse(
		result({ ok: false, exitCode: 1, stderr: '# play\n./prog.go:3:2: undefined: x\n', error: { code: 'compile_error', message: '…' } }),
		null,
	);
	expect(r).toMatchObject({ Errors: './prog.go:3:2: undefined: x\n', Events: null, Status: 0 });
});

test("a timeout says so in the Playground's words, then ours; vet results are reported", () => {
	const vet = result({ ok: false, stderr: '# play\nprog.go:3:2: fmt.Printf format %d has arg "x" of wrong type string\n' });
	const r = toPlaygroundResponse(result({ ok: false, exitCode: null, stdout: 'partial', error: { code: 'timeout', message: 'ran longer than 10 s' } }), vet);
	expect(r.Errors).toBe('timeout running program\nran longer than 10 s');
	expect(r.Events).toEqual([{ Message: 'partial', Kind: 'stdout', Delay: 0 }]);
	expect(r.VetErrors).toBe('prog.go:3:2: fmt.Printf format %d has arg "x" of wrong type string\n');
	expect(toPlaygroundResponse(result({}), result({})).VetOK).toBe(true);
});

test('tests: IsTest and TestsFailed', () => {
	const r = toPlaygroundResponse(
		result({ mode: 'test', ok: false, exitCode: 1, tests: { passed: 1, failed: 2 }, error: { code: 'tests_failed', message: '' } }),
		null,
	);
	expect(r).toMatchObject({ IsTest: true, TestsFailed: 2, Status: 1, Errors: '' });
});
