/**
 * What escape mode (the compiler run directly) and the go command's modes answer for the cases the
 * old `go build` path got wrong: each named for what it is, with its position, and no sandbox
 * path (/job/…, the state directory) anywhere in the answer. Real toolchain, real sandbox.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunRequest, RunResult } from '@playbook/engine/contract';
import { createRunner, defaultStateDir, type Runner } from '../../playground-server/src/runner/index.ts';

let runner: Runner;

beforeAll(async () => {
	runner = await createRunner({ baseUid: 62650, slots: 3 });
	const warm = await runner.warm();
	if (!warm.ok) throw new Error(`warming the Go build cache failed: ${warm.error?.message}`);
});
afterAll(async () => {
	await runner?.dispose();
});

async function run(request: RunRequest): Promise<RunResult> {
	const result = await runner.run(request);
	const everything = JSON.stringify(result);
	expect(everything).not.toMatch(/\/job\//);
	expect(everything).not.toContain(defaultStateDir());
	return result;
}

const internalImport = 'package main\n\nimport (\n\t"fmt"\n\t"internal/runtime/atomic"\n)\n\nfunc main() { fmt.Println(atomic.Load(new(uint32))) }\n';
const excluded = '//go:build ignore\n\npackage main\n\nfunc main() {}\n';

describe('escape mode', () => {
	test('runs the compiler directly once warm', () => {
		expect(runner.directEscape).toBe(true);
	});

	test('a function declared without a body compiles, as the compiler accepts it', async () => {
		const r = await run({ mode: 'escape', files: { 'ext.go': 'package ext\n\nfunc ext(p *int)\n\nfunc use() {\n\tx := 1\n\text(&x)\n}\n' } });
		expect(r.error).toBeNull();
		expect(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual(['5:6 can inline use', '3:10 leaking param: p', '6:2 moved to heap: x']);
	});

	test('an internal package of the standard library is refused for what it is, on its line', async () => {
		const r = await run({ mode: 'escape', files: { 'main.go': internalImport } });
		expect(r.error?.code).toBe('import_not_allowed');
		expect(r.error?.message).toMatch(/^main\.go:5: use of internal package internal\/runtime\/atomic not allowed/);
		expect(r.diagnostics).toEqual([
			{ file: 'main.go', line: 5, col: 2, kind: 'error', message: 'use of internal package internal/runtime/atomic not allowed' },
		]);
	});

	test('a module import still says it is not in the standard library', async () => {
		const r = await run({ mode: 'escape', files: { 'main.go': 'package main\n\nimport "github.com/google/uuid"\n\nfunc main() { _ = uuid.New() }\n' } });
		expect(r.error?.code).toBe('import_not_allowed');
		expect(r.error?.message).toMatch(/"github\.com\/google\/uuid" is not in the standard library/);
	});

	test('files excluded by build constraints', async () => {
		const r = await run({ mode: 'escape', files: { 'main.go': excluded } });
		expect(r.error?.code).toBe('compile_error');
		expect(r.error?.message).toMatch(/^build constraints exclude all Go files \(main\.go\)/);
	});

	test('a multi-line compile error keeps its have/want lines', async () => {
		const r = await run({ mode: 'escape', files: { 'main.go': 'package main\n\nfunc f(x int) {}\n\nfunc main() { f() }\n' } });
		expect(r.error?.code).toBe('compile_error');
		expect(r.diagnostics).toEqual([
			{ file: 'main.go', line: 5, col: 15, kind: 'error', message: 'not enough arguments in call to f\n\thave ()\n\twant (int)' },
		]);
	});

	test('package main without func main is analysed (nothing is linked)', async () => {
		const r = await run({ mode: 'escape', files: { 'main.go': 'package main\n\nfunc f() *int {\n\tx := 1\n\treturn &x\n}\n' } });
		expect(r.error).toBeNull();
		expect(r.diagnostics.map((d) => d.message)).toContain('moved to heap: x');
	});

	test('internal and external tests compile as go test -c compiles them', async () => {
		const r = await run({
			mode: 'escape',
			files: {
				'lib.go': 'package lib\n\nfunc Keep(p *int) *int { return p }\n',
				'lib_test.go': 'package lib\n\nimport "testing"\n\nfunc TestKeep(t *testing.T) {\n\tx := 1\n\t_ = Keep(&x)\n}\n',
				'x_test.go':
					'package lib_test\n\nimport (\n\t"testing"\n\n\t"play"\n)\n\nvar sink *int\n\nfunc TestOut(t *testing.T) {\n\ty := 2\n\tsink = lib.Keep(&y)\n}\n',
			},
		});
		expect(r.error).toBeNull();
		const at = (file: string) => r.diagnostics.filter((d) => d.file === file).map((d) => d.message);
		expect(at('lib.go')).toContain('leaking param: p to result ~r0 level=0');
		expect(at('lib_test.go')).toContain('inlining call to Keep');
		expect(at('x_test.go')).toEqual(expect.arrayContaining(['inlining call to lib.Keep', 'moved to heap: y']));
	});

	test('//go:embed goes through go build, which writes the embed configuration', async () => {
		const r = await run({
			mode: 'escape',
			files: { 'main.go': 'package main\n\nimport _ "embed"\n\n//go:embed main.go\nvar self string\n\nfunc main() { println(len(self)) }\n' },
		});
		expect(r.error).toBeNull();
		expect(r.diagnostics.map((d) => d.message)).toContain('can inline main');
	});
});

describe("the go command's modes", () => {
	test('run: a package main without func main is a link error, named', async () => {
		const r = await run({ mode: 'run', files: { 'main.go': 'package main\n\nfunc f() {}\n' } });
		expect(r.error?.code).toBe('compile_error');
		expect(r.error?.message).toMatch(/^function main is undeclared in the main package/);
	});

	test('run: an internal package import, named, on its line', async () => {
		const r = await run({ mode: 'run', files: { 'main.go': internalImport } });
		expect(r.error?.code).toBe('import_not_allowed');
		expect(r.error?.message).toMatch(/^main\.go:5: use of internal package internal\/runtime\/atomic not allowed/);
	});

	test('run: files excluded by build constraints, without the sandbox path', async () => {
		const r = await run({ mode: 'run', files: { 'main.go': excluded } });
		expect(r.error?.message).toMatch(/^build constraints exclude all Go files \(main\.go\)/);
	});

	test('run: a go.mod the go command cannot parse, with the line at fault (the message continues on it)', async () => {
		const r = await run({ mode: 'run', files: { 'go.mod': 'module play\n\ngo 1.2.3.4.5\n', 'main.go': 'package main\n\nfunc main() {}\n' } });
		expect(r.error?.code).toBe('compile_error');
		expect(r.error?.message).toBe("The build failed: go: errors parsing go.mod: go.mod:3: invalid go version '1.2.3.4.5': must match format 1.23.0");
	});
});
