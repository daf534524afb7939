import { expect, test } from 'vitest';
import { findImports } from '../../playground-server/src/runner/imports.ts';
import { findCgoImport, withSnippetModule } from '../../playground-server/src/runner/workspace.ts';

test('every form of import declaration', () => {
	const src = 'package main\n\nimport "fmt"\nimport str "strings"\nimport (\n\t"os"\n\t_ "embed"\n\t. "math"\n)\nimport ("io"; "C")\nimport `bytes`\n';
	expect(findImports(src)).toEqual([
		{ path: 'fmt', line: 3 },
		{ path: 'strings', line: 4 },
		{ path: 'os', line: 6 },
		{ path: 'embed', line: 7 },
		{ path: 'math', line: 8 },
		{ path: 'io', line: 10 },
		{ path: 'C', line: 10 },
		{ path: 'bytes', line: 11 },
	]);
});

test('imports in comments and strings are not imports; line numbers survive block comments', () => {
	const src = 'package main\n/*\nimport "C"\n*/\n// import "C"\nimport "fmt"\nvar s = "import \\"C\\""\nvar r = `\nimport "C"\n`\n';
	expect(findImports(src)).toEqual([{ path: 'fmt', line: 6 }]);
});

test('cgo is found in whichever file and form it hides', () => {
	expect(findCgoImport({ 'main.go': 'package main\nimport "fmt"\n', 'c.go': 'package main\n\n// #include <stdio.h>\nimport ("unsafe"; "C")\n' })).toBe(
		'c.go:4',
	);
	expect(findCgoImport({ 'main.go': 'package main\nimport (\n\t"fmt"\n)\n' })).toBeNull();
	expect(findCgoImport({ 'go.mod': 'import "C"' })).toBeNull();
});

test("a snippet's go.mod keeps everything but its module path, and gets a go line when it has none", () => {
	expect(withSnippetModule('module example.com/x // mine\n\ngo 1.24\n', '1.26')).toBe('module play // mine\n\ngo 1.24\n');
	expect(withSnippetModule('go 1.25\n', '1.26')).toBe('module play\ngo 1.25\n');
	// The Go Playground's own multi-file pattern: no go line.
	expect(withSnippetModule('module play.ground', '1.26')).toBe('module play\n\ngo 1.26\n');
	expect(withSnippetModule('module "quoted path"\n', '1.26')).toBe('module play\n\ngo 1.26\n');
	expect(withSnippetModule('', '1.26')).toBe('module play\n\ngo 1.26\n');
	expect(withSnippetModule('  module\n// go 1.20 is a comment, not a directive\ngodebug panicnil=1\n', '1.26')).toBe(
		'  module play\n// go 1.20 is a comment, not a directive\ngodebug panicnil=1\n\ngo 1.26\n',
	);
	expect(withSnippetModule('module x\ngo\t1.22 // old\n', '1.26')).toBe('module play\ngo\t1.22 // old\n');
});
