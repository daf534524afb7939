/**
 * Checks a snippet's claims against what the toolchain really said. Every failure names the
 * snippet file and line on disk, what was claimed, and what was measured or reported instead.
 */
import {
	inGoRange,
	median,
	type AsmInstruction,
	type Benchmark,
	type Diagnostic,
	type GoRange,
	type GoRelease,
	type RunResult,
} from '@playbook/engine/contract';
import type { BenchClaim, Comparison, SnippetSpec } from './expectations.ts';
import { claimRanges, hasClaims, originalLine } from './expectations.ts';
import type { SnippetResults, SnippetRuns } from './results.ts';

export interface CheckFailure {
	/** "maps/clear/main_test.go:12" */
	where: string;
	message: string;
}

const compare = (a: number, op: Comparison, b: number) =>
	op === '==' ? a === b : op === '!=' ? a !== b : op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4));

function metricOf(b: Benchmark, metric: string): number | null {
	if (metric === 'ns/op') return b.nsPerOp;
	if (metric === 'B/op') return b.bytesPerOp;
	if (metric === 'allocs/op') return b.allocsPerOp;
	return b.metrics[metric] ?? null;
}

/** Median of a metric over every run (-count) of one benchmark, with the runs for messages. */
function measure(benchmarks: Benchmark[], name: string, metric: string): { value: number; runs: number[] } | string {
	const runs = benchmarks.filter((b) => b.name === name);
	if (runs.length === 0) {
		const names = [...new Set(benchmarks.map((b) => b.name))];
		return `no benchmark named ${name} ran${names.length ? ` (ran: ${names.join(', ')})` : ''}`;
	}
	const values = runs.map((b) => metricOf(b, metric));
	if (values.some((v) => v === null)) {
		const units = Object.keys(runs[0]!.metrics);
		return `${name} reported no ${metric}${units.length ? ` (custom metrics: ${units.join(', ')})` : ''}`;
	}
	return { value: median(values as number[]), runs: values as number[] };
}

function checkBench(claim: BenchClaim, bench: RunResult): string | null {
	const a = measure(bench.benchmarks, claim.benchmark, claim.metric);
	if (typeof a === 'string') return a;
	let rhs = claim.value;
	let rhsText = fmt(claim.value);
	if (claim.relativeTo) {
		const b = measure(bench.benchmarks, claim.relativeTo, claim.metric);
		if (typeof b === 'string') return b;
		rhs = claim.value * b.value;
		rhsText = `${fmt(claim.value)} × ${fmt(b.value)} (${claim.relativeTo}) = ${fmt(rhs)}`;
	}
	if (compare(a.value, claim.op, rhs)) return null;
	const runs = a.runs.length > 1 ? ` (median of ${a.runs.length} runs: ${a.runs.map(fmt).join(', ')})` : '';
	return `measured ${claim.benchmark} ${claim.metric} = ${fmt(a.value)}${runs}, which is not ${claim.op} ${rhsText}`;
}

function describeLine(diags: Diagnostic[]): string {
	return diags.length ? diags.map((d) => JSON.stringify(d.message)).join(', ') : 'nothing';
}

/**
 * Checks the claims on every release the snippet ran on: each release against the claims that
 * hold for it (unqualified claims hold for all). With several releases, each failure names the
 * release it failed on.
 */
export function checkSnippet(spec: SnippetSpec, runs: SnippetRuns): CheckFailure[] {
	const failures: CheckFailure[] = [];
	const fail = (file: string, line: number, message: string) => failures.push({ where: `${spec.id}/${file}:${line}`, message });
	for (const p of spec.problems) fail(p.file, p.line, p.message);
	if (!hasClaims(spec)) {
		const first = Object.keys(spec.files).find((f) => f.endsWith('.go')) ?? '';
		fail(
			first,
			1,
			'this snippet claims nothing, so nothing checks it. Add a `// want` (escape analysis, output or benchmark claim), an `// Output:` block, or a test.',
		);
	}
	// A span no checked release falls in would pass by never being checked.
	const checked = runs.map((r) => r.release);
	for (const range of claimRanges(spec)) {
		if (!checked.some((r) => inGoRange(r, range))) {
			failures.push({
				where: spec.id,
				message: `a claim holds for ${range.text}, and the snippet was checked on none of those releases (${checked.map((r) => `go${r}`).join(', ')})`,
			});
		}
	}
	for (const { release, results } of runs) {
		const label = runs.length > 1 ? ` on go${release}` : '';
		for (const f of checkRelease(spec, results, release)) failures.push({ where: `${f.where}${label}`, message: f.message });
	}
	return failures;
}

function checkRelease(spec: SnippetSpec, results: SnippetResults, release: GoRelease): CheckFailure[] {
	const failures: CheckFailure[] = [];
	const at = (file: string, line: number) => `${spec.id}/${file}:${line}`;
	const fail = (file: string, line: number, message: string) => failures.push({ where: at(file, line), message });
	const holds = (c: { versions: GoRange | null }) => c.versions === null || inGoRange(release, c.versions);
	const lineClaims = spec.lineClaims.map((c) => ({ ...c, patterns: c.patterns.filter(holds) })).filter((c) => c.patterns.length > 0);
	const benchClaims = spec.benchClaims.filter(holds);
	const outputClaims = spec.outputClaims.filter(holds);
	const exitClaim = spec.exitClaim && holds(spec.exitClaim) ? spec.exitClaim : null;
	const errorClaim = spec.errorClaim && holds(spec.errorClaim) ? spec.errorClaim : null;

	const escape = results.escape;
	if (!escape) return failures;
	const compileErrors = escape.diagnostics.filter((d) => d.kind === 'error');
	const buildFailed = escape.error !== null;
	// Program output, exit status and error code come from run for main packages, test otherwise.
	const program = spec.isMain ? results.run : results.test;
	// A line claim may be about the compiler (escape analysis, a compile error) or about where the
	// program failed at run time (a panic, a fatal error, a data race on that line).
	const runtime = program?.diagnostics.filter((d) => d.kind === 'runtime-error') ?? [];
	const diagnostics = [...escape.diagnostics, ...runtime];
	const reporter = runtime.length ? 'the compiler and the program' : 'the compiler';

	// Every pattern of every line claim, on its line.
	const instructions = (results.asm?.assembly ?? []).flatMap((f) => f.instructions);
	const asmText = (i: AsmInstruction) => `${i.op} ${i.args}`;
	for (const claim of lineClaims) {
		const onLine = diagnostics.filter((d) => d.file === claim.file && d.line === claim.displayLine);
		for (const p of claim.patterns.filter((p) => p.target === 'asm')) {
			const code = instructions.filter((i) => i.file === claim.file && i.line === claim.displayLine);
			const match = code.find((i) => p.re.test(asmText(i)));
			if (results.asm?.error) {
				fail(claim.file, claim.line, `want asm ${p.negate ? '!' : ''}${JSON.stringify(p.source)}: the assembly listing failed: ${results.asm.error.message}`);
			} else if (!p.negate && !match) {
				const near = [
					...new Set(instructions.filter((i) => i.file === claim.file && p.re.test(asmText(i))).map((i) => `line ${originalLine(spec, i.file, i.line)}`)),
				];
				const shown = code.filter((i) => i.op === 'CALL' || i.mark).map(asmText);
				fail(
					claim.file,
					claim.line,
					`want asm ${JSON.stringify(p.source)}: no instruction compiled from this line matches (${code.length} instruction${code.length === 1 ? '' : 's'}${shown.length ? `; its calls and marked ones: ${shown.join('; ')}` : ''})${near.length ? `; it matches on ${near.join(', ')}` : ''}`,
				);
			} else if (p.negate && match) {
				fail(claim.file, claim.line, `want asm !${JSON.stringify(p.source)}: this line compiles to ${JSON.stringify(asmText(match))}`);
			}
		}
		for (const p of claim.patterns.filter((p) => p.target === 'compiler')) {
			const match = onLine.find((d) => p.re.test(d.message));
			if (!p.negate && !match) {
				const near = diagnostics.filter((d) => d.file === claim.file && p.re.test(d.message)).map((d) => `line ${originalLine(spec, d.file, d.line)}`);
				fail(
					claim.file,
					claim.line,
					`want ${JSON.stringify(p.source)}: ${reporter} reported ${describeLine(onLine)} on this line${near.length ? `; it matches on ${near.join(', ')}` : ''}`,
				);
			}
			if (p.negate && match)
				fail(claim.file, claim.line, `want !${JSON.stringify(p.source)}: ${reporter} reported ${JSON.stringify(match.message)} on this line`);
		}
	}
	// A build that failed must have failed only where the snippet says it does.
	for (const e of compileErrors) {
		const wanted = lineClaims.some((c) => c.file === e.file && c.displayLine === e.line && c.patterns.some((p) => !p.negate && p.re.test(e.message)));
		if (!wanted) fail(e.file, originalLine(spec, e.file, e.line), `unexpected compile error: ${e.message}`);
	}
	if (buildFailed && compileErrors.length === 0) {
		const first = Object.keys(spec.files)[0] ?? '';
		fail(first, 1, `the build failed: ${escape.error?.message}`);
	}
	if (buildFailed) return failures;

	const programName = spec.isMain ? 'the program' : 'the tests';
	if (program) {
		const expectedError = errorClaim?.code ?? null;
		if (program.error && program.error.code !== expectedError) {
			const file = errorClaim?.file ?? Object.keys(spec.files)[0] ?? '';
			const line = errorClaim?.line ?? 1;
			fail(
				file,
				line,
				`${programName} ended with ${program.error.code}: ${program.error.message}${expectedError ? ` (claimed: error ${expectedError})` : ''}\n${(program.stdout + program.stderr).slice(0, 2000)}`,
			);
		}
		if (errorClaim && !program.error) {
			fail(errorClaim.file, errorClaim.line, `want error ${errorClaim.code}: ${programName} ended without an error`);
		}
		if (exitClaim && program.exitCode !== exitClaim.code) {
			fail(exitClaim.file, exitClaim.line, `want exit ${exitClaim.code}: ${programName} exited with ${program.exitCode}`);
		}
		for (const c of outputClaims) {
			const text = c.stream === 'stdout' ? program.stdout : c.stream === 'stderr' ? program.stderr : program.stdout + program.stderr;
			const found = c.pattern.re.test(text);
			if (!c.pattern.negate && !found) {
				fail(c.file, c.line, `want ${c.stream} ${JSON.stringify(c.pattern.source)}: not found in ${c.stream}:\n${indent(text)}`);
			}
			if (c.pattern.negate && found) {
				fail(c.file, c.line, `want !${c.stream} ${JSON.stringify(c.pattern.source)}: found in ${c.stream}:\n${indent(text)}`);
			}
		}
		if (spec.exactOutput && spec.isMain) {
			const sort = (t: string) => (spec.exactOutput?.unordered ? t.split('\n').sort().join('\n') : t);
			const got = sort(normalise(program.stdout));
			const want = sort(normalise(spec.exactOutput.text));
			if (got !== want)
				fail(
					spec.exactOutput.file,
					spec.exactOutput.line,
					`// ${spec.exactOutput.unordered ? 'Unordered output' : 'Output'}: differs.\n  got:\n${indent(got)}\n  want:\n${indent(want)}`,
				);
		}
	} else if (outputClaims.length > 0 || exitClaim || errorClaim || spec.exactOutput) {
		const c = outputClaims[0] ?? exitClaim ?? errorClaim ?? spec.exactOutput!;
		fail(c.file, c.line, 'output claims need a program (package main) or tests to run');
	}

	for (const claim of benchClaims) {
		if (!results.bench) {
			fail(claim.file, claim.line, 'benchmark claims need Benchmark functions in a _test.go file');
			continue;
		}
		if (results.bench.error) {
			fail(claim.file, claim.line, `the benchmarks did not run: ${results.bench.error.message}\n${indent(results.bench.stdout + results.bench.stderr)}`);
			break;
		}
		const problem = checkBench(claim, results.bench);
		if (problem) fail(claim.file, claim.line, `want ${claim.text}: ${problem}`);
	}
	return failures;
}

/** As `go test` compares example output: trimmed, with line endings normalised. */
function normalise(s: string): string {
	return s
		.replace(/\r\n/g, '\n')
		.split('\n')
		.map((l) => l.trimEnd())
		.join('\n')
		.trim();
}

function indent(s: string): string {
	const lines = s.trimEnd().split('\n');
	const shown = lines.slice(0, 30).map((l) => `    ${l}`);
	if (lines.length > 30) shown.push(`    … (${lines.length - 30} more lines)`);
	return shown.join('\n');
}
