/**
 * What a snippet's files offer, read from the source the way the playground needs it: a program
 * to run, tests, benchmarks. A line-anchored look at the declarations, not a parse: the compiler
 * has the last word (a job that cannot do what the files seemed to offer says so). Everything
 * in the project that asks these questions asks them here.
 *
 * Browser-safe: no Node imports.
 */
import type { Mode } from './api.ts';

const isTestFile = (name: string) => name.endsWith('_test.go');
const goFiles = (files: Readonly<Record<string, string>>) => Object.entries(files).filter(([name]) => name.endsWith('.go'));

const mainFunc = /^func\s+main\s*\(\s*\)/m;
const testFunc = /^func\s+(?:Test|Example)\w*\s*\(/m;
const benchmarkFunc = /^func\s+Benchmark\w*\s*\(/gm;

/** The source declares package main. */
export const declaresPackageMain = (source: string) => /^package\s+main\b/m.test(source);
/** The source declares func main(). */
export const declaresMain = (source: string) => mainFunc.test(source);
/** The source declares Test or Example functions. */
export const declaresTests = (source: string) => testFunc.test(source);
/** How many top-level Benchmark functions the source declares. */
export const countBenchmarks = (source: string) => source.match(benchmarkFunc)?.length ?? 0;

/** A file of package main (not a test file): the package is a program. */
export function isMainPackage(files: Readonly<Record<string, string>>): boolean {
	return goFiles(files).some(([name, source]) => !isTestFile(name) && declaresPackageMain(source));
}

/** A program that can run: package main with a func main. */
export function hasMainFunc(files: Readonly<Record<string, string>>): boolean {
	return goFiles(files).some(([name, source]) => !isTestFile(name) && declaresPackageMain(source) && declaresMain(source));
}

export function hasTestFiles(files: Readonly<Record<string, string>>): boolean {
	return goFiles(files).some(([name]) => isTestFile(name));
}

/** Test or Example functions in test files. */
export function hasTests(files: Readonly<Record<string, string>>): boolean {
	return goFiles(files).some(([name, source]) => isTestFile(name) && declaresTests(source));
}

/** Top-level Benchmark functions in test files. */
export function benchmarkCount(files: Readonly<Record<string, string>>): number {
	return goFiles(files)
		.filter(([name]) => isTestFile(name))
		.reduce((n, [, source]) => n + countBenchmarks(source), 0);
}

/** Which jobs the files offer: escape analysis and assembly always; the others when there is something to run. */
export type Capabilities = Record<Mode, boolean>;

export function capabilities(files: Readonly<Record<string, string>>): Capabilities {
	return { run: hasMainFunc(files), escape: true, asm: true, test: hasTests(files), bench: benchmarkCount(files) > 0 };
}
