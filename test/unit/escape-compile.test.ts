/**
 * The plan of a direct escape-analysis compile: which files go/build would compile, -lang from
 * go.mod, the package paths go build / go test -c use, and what is refused or left to the go
 * command. The build context is the machine's toolchain's own.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { goodOSArchFile, shouldBuild, UndecidableConstraint, type BuildContext } from '../../playground-server/src/runner/build-constraints.ts';
import { languageFlag, planEscapeCompile } from '../../playground-server/src/runner/escape-compile.ts';
import { exportDataOnly } from '../../playground-server/src/runner/stdlib.ts';

const [goos = '', goarch = '', compiler = '', tools = '', releases = '', version = ''] = execFileSync(
	'go',
	['list', '-f', '{{context.GOOS}} {{context.GOARCH}} {{context.Compiler}} {{join context.ToolTags ","}} {{join context.ReleaseTags ","}}', 'unsafe'],
	{ encoding: 'utf8', env: { ...process.env, GOFLAGS: '', GOENV: 'off' } },
)
	.trim()
	.split(' ')
	.concat(execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim());
const ctx: BuildContext = { goos, goarch, compiler, cgoEnabled: false, toolTags: tools.split(','), releaseTags: releases.split(',') };
const minor = Number(/^go1\.(\d+)/.exec(version)?.[1]);
const std = new Set(['fmt', 'testing', 'sync/atomic', 'internal/runtime/atomic', 'embed']);
const plan = (files: Record<string, string>) => planEscapeCompile({ files, stdPackages: std, context: ctx, goVersion: version });
const other = goos === 'windows' ? 'linux' : 'windows';

describe('file selection, as go/build makes it', () => {
	test('_GOOS / _GOARCH suffixes, only after a first underscore', () => {
		expect(goodOSArchFile(ctx, `x_${goos}.go`)).toBe(true);
		expect(goodOSArchFile(ctx, `x_${other}.go`)).toBe(false);
		expect(goodOSArchFile(ctx, `x_${goos}_${goarch}_test.go`)).toBe(true);
		expect(goodOSArchFile(ctx, `x_${goos}_s390x.go`)).toBe(goarch === 's390x');
		expect(goodOSArchFile(ctx, `${other}.go`)).toBe(true);
		expect(goodOSArchFile(ctx, 'x_test.go')).toBe(true);
	});

	test("//go:build lines in the header, with the toolchain's tags", () => {
		expect(shouldBuild(ctx, '//go:build ignore\n\npackage main\n')).toBe(false);
		expect(shouldBuild(ctx, `//go:build ${goos} && (${goarch} || ppc64)\n\npackage main\n`)).toBe(true);
		expect(shouldBuild(ctx, `//go:build go1.${minor} && !go1.${minor + 1}\n\npackage main\n`)).toBe(true);
		expect(shouldBuild(ctx, '//go:build unix && gc && !cgo\n\npackage main\n')).toBe(goos !== 'windows');
		expect(shouldBuild(ctx, `// Copyright\n\n//go:build ${ctx.toolTags[0]}\n\npackage main\n`)).toBe(true);
		// After the package clause, or inside a block comment, it is not a constraint.
		expect(shouldBuild(ctx, 'package main\n\n//go:build ignore\n')).toBe(true);
		expect(shouldBuild(ctx, '/*\n//go:build ignore\n*/\n\npackage main\n')).toBe(true);
	});

	test('// +build lines count only without //go:build, and only before the blank line ahead of the package clause', () => {
		expect(shouldBuild(ctx, `// +build ${other}\n\npackage main\n`)).toBe(false);
		expect(shouldBuild(ctx, `// +build ${other} ${goos},!cgo\n\npackage main\n`)).toBe(true);
		expect(shouldBuild(ctx, `// +build ${other}\npackage main\n`)).toBe(true);
		expect(shouldBuild(ctx, `//go:build ${goos}\n// +build ${other}\n\npackage main\n`)).toBe(true);
	});

	test('what go/build would refuse is left to the go command', () => {
		expect(() => shouldBuild(ctx, '//go:build linux &&\n\npackage main\n')).toThrow(UndecidableConstraint);
		expect(() => shouldBuild(ctx, '//go:build linux\n//go:build amd64\n\npackage main\n')).toThrow(UndecidableConstraint);
	});
});

test('-lang from go.mod, as the go command derives it', () => {
	expect(languageFlag(undefined, version)).toBe(`go1.${minor}`);
	expect(languageFlag('module example.com/x\n\ngo 1.21\n', version)).toBe('go1.21');
	expect(languageFlag('module x // comment\ngo 1.22.3\n', version)).toBe('go1.22');
	// Newer than the toolchain, or more than module and go: the go command's to answer.
	expect(languageFlag(`module x\ngo 1.${minor + 1}\n`, version)).toBeNull();
	expect(languageFlag(`module x\ngo 1.${minor}\ntoolchain ${version}\n`, version)).toBeNull();
	expect(languageFlag('module x\ngo 1.22\nrequire example.com/y v1.0.0\n', version)).toBeNull();
});

describe('the plan', () => {
	test('package main alone compiles as main; with tests as the importable play, then the external test importing it', () => {
		expect(plan({ 'main.go': 'package main\n\nfunc main() {}\n' })).toEqual({
			kind: 'compile',
			lang: `go1.${minor}`,
			units: [{ packagePath: 'main', files: ['main.go'], archive: 'pkg.a', imports: {} }],
		});
		const withTests = plan({
			'main.go': 'package main\n\nfunc main() {}\n',
			'main_test.go': 'package main\n\nimport "testing"\n\nfunc TestA(t *testing.T) {}\n',
			'x_test.go': 'package main_test\n\nimport (\n\t"testing"\n\t"play"\n)\n\nfunc TestB(t *testing.T) {}\n',
		});
		expect(withTests).toMatchObject({
			kind: 'compile',
			units: [
				{ packagePath: 'play', files: ['main.go', 'main_test.go'], archive: 'pkg.a' },
				{ packagePath: 'play_test', files: ['x_test.go'], imports: { play: 'pkg.a' } },
			],
		});
		expect(plan({ 'lib.go': 'package lib\n', 'doc.go': 'package documentation\n' })).toMatchObject({ units: [{ packagePath: 'play', files: ['lib.go'] }] });
	});

	test('files excluded by constraints are not compiled; when none is left, the answer says so', () => {
		expect(plan({ 'a.go': 'package p\n', [`b_${other}.go`]: 'package p\n' })).toMatchObject({ units: [{ files: ['a.go'] }] });
		const none = plan({ 'main.go': '//go:build ignore\n\npackage main\n' });
		expect(none).toMatchObject({ kind: 'refuse', error: { code: 'compile_error' } });
		expect(none.kind === 'refuse' && none.error.message).toMatch(/^build constraints exclude all Go files \(main\.go\)/);
	});

	test('imports: outside the standard library, and internal packages of it, are refused with their position', () => {
		const internal = plan({ 'main.go': 'package main\n\nimport (\n\t"fmt"\n\t"internal/runtime/atomic"\n)\n' });
		expect(internal).toMatchObject({
			kind: 'refuse',
			error: { code: 'import_not_allowed' },
			diagnostics: [{ file: 'main.go', line: 5, col: 2, kind: 'error', message: 'use of internal package internal/runtime/atomic not allowed' }],
		});
		expect(internal.kind === 'refuse' && internal.error.message).toMatch(/^main\.go:5: use of internal package internal\/runtime\/atomic not allowed/);
		const module = plan({ 'main.go': 'package main\n\nimport "github.com/x/y"\n' });
		expect(module.kind === 'refuse' && module.error.message).toMatch(/^main\.go:3: "github\.com\/x\/y" is not in the standard library/);
	});

	test('what needs the go command falls back to it', () => {
		expect(plan({ 'main.go': 'package main\n\nimport _ "embed"\n\n//go:embed main.go\nvar s string\n' }).kind).toBe('fallback');
		expect(plan({ 'main.go': 'package main\n\n//go:debug panicnil=1\n' }).kind).toBe('fallback');
		expect(plan({ 'a.go': 'package a\n', 'b.go': 'package b\n' }).kind).toBe('fallback');
		expect(plan({ 'main.go': 'package main\n\nimport "play"\n' }).kind).toBe('fallback');
		expect(plan({ 'main.go': 'package main\n', 'go.mod': 'module x\n\ngo 1.22\n\ngodebug panicnil=1\n' }).kind).toBe('fallback');
	});
});

test('only the export data of an archive is kept', () => {
	const member = (name: string, data: string) =>
		`${name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'644'.padEnd(8)}${String(data.length).padEnd(10)}\`\n${data}${data.length % 2 ? '\n' : ''}`;
	const archive = Buffer.from(`!<arch>\n${member('__.PKGDEF', 'go object\nexport')}${member('_go_.o', 'code')}`, 'latin1');
	expect(exportDataOnly(archive).toString('latin1')).toBe(`!<arch>\n${member('__.PKGDEF', 'go object\nexport')}`);
	const notArchive = Buffer.from('plain');
	expect(exportDataOnly(notArchive)).toBe(notArchive);
});
