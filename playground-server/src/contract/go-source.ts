/**
 * What a snippet's files offer, read from the source the way the playground needs it: a program
 * to run, tests, benchmarks. A line-anchored look at the declarations, not a parse: the compiler
 * has the last word (a job that cannot do what the files seemed to offer says so).
 *
 * Browser-safe: no Node imports.
 */
import type { Mode } from './api.ts';

const isTestFile = (name: string) => name.endsWith('_test.go');
const goFiles = (files: Readonly<Record<string, string>>) => Object.entries(files).filter(([name]) => name.endsWith('.go'));

const benchmarkFunc = /^func Benchmark\w*\(/gm;

/** A file of package main (not a test file): the package is a program. */
export function isMainPackage(files: Readonly<Record<string, string>>): boolean {
	return goFiles(files).some(([name, source]) => !isTestFile(name) && /^package main\b/m.test(source));
}

/** A program that can run: package main with a func main. */
export function hasMainFunc(files: Readonly<Record<string, string>>): boolean {
	return goFiles(files).some(([name, source]) => !isTestFile(name) && /^package main\b/m.test(source) && /^func main\(\)/m.test(source));
}

export function hasTestFiles(files: Readonly<Record<string, string>>): boolean {
	return goFiles(files).some(([name]) => isTestFile(name));
}

/** Test or Example functions in test files. */
export function hasTests(files: Readonly<Record<string, string>>): boolean {
	return goFiles(files).some(([name, source]) => isTestFile(name) && /^func (?:Test|Example)\w*\(/m.test(source));
}

/** Top-level Benchmark functions in test files. */
export function benchmarkCount(files: Readonly<Record<string, string>>): number {
	return goFiles(files)
		.filter(([name]) => isTestFile(name))
		.reduce((n, [, source]) => n + (source.match(benchmarkFunc)?.length ?? 0), 0);
}

/** Which jobs the files offer: escape analysis always; the others when there is something to run. */
export type Capabilities = Record<Mode, boolean>;

export function capabilities(files: Readonly<Record<string, string>>): Capabilities {
	return { run: hasMainFunc(files), escape: true, test: hasTests(files), bench: benchmarkCount(files) > 0 };
}
