/**
 * Reads a snippet's claims from its comments (the syntax is documented in the README, "How to add
 * a snippet") and produces the code a reader sees and runs: the same files without the claims.
 *
 * Line numbers: claims keep the author's line numbers (messages point at the file on disk); the
 * results are produced by running the display files, so every claim also records its display
 * line, and `toOriginal` maps a display line back.
 */
import {
	benchmarkCount,
	compareGoReleases,
	defaultGoRelease,
	errorCodes,
	hasTests,
	isMainPackage,
	parseGoRange,
	parseSnippetOptions,
	releasesIn,
	type ErrorCode,
	type GoRange,
	type GoRelease,
	type RunOptions,
} from '@playbook/engine/contract';
import { lineComments } from './go-comments.ts';

export interface Pattern {
	source: string;
	re: RegExp;
	negate: boolean;
	/** What it is matched against on its line: the compiler's diagnostics, or (`want asm "…"`) the instructions compiled from that line, as "OP args". */
	target: 'compiler' | 'asm';
	/** The Go releases it holds for (`want go1.24+ "…"`); null: every release the snippet is checked on. */
	versions: GoRange | null;
}

interface Located {
	file: string;
	/** 1-based line in the file on disk. */
	line: number;
}

/** A claim that may hold for some Go releases only. */
interface Versioned {
	/** null: every release the snippet is checked on. */
	versions: GoRange | null;
}

export interface LineClaim extends Located {
	/** 1-based line in the display file, where the compiler reports. */
	displayLine: number;
	patterns: Pattern[];
}

export const comparisons = ['==', '!=', '<=', '>=', '<', '>'] as const;
export type Comparison = (typeof comparisons)[number];

export interface BenchClaim extends Located, Versioned {
	benchmark: string;
	/** "ns/op", "B/op", "allocs/op" or a custom unit from b.ReportMetric. */
	metric: string;
	op: Comparison;
	value: number;
	/** When set, the claim is `metric op value * metric(relativeTo)`. */
	relativeTo?: string;
	text: string;
}

export interface OutputClaim extends Located, Versioned {
	stream: 'stdout' | 'stderr' | 'output';
	pattern: Pattern;
}

export interface ExitClaim extends Located, Versioned {
	code: number;
}

export interface ErrorClaim extends Located, Versioned {
	code: ErrorCode;
}

export interface ExactOutput extends Located {
	text: string;
	/** `// Unordered output:`: the same lines in any order. */
	unordered: boolean;
}

export interface ClaimProblem extends Located {
	message: string;
}

export interface SnippetSpec {
	/** Folder path relative to content/snippets, e.g. "maps/clear". */
	id: string;
	/** The files on disk. */
	files: Record<string, string>;
	/** The files as shown and run: claims removed. */
	display: Record<string, string>;
	/** display line (1-based) → line on disk (1-based), per file. */
	toOriginal: Record<string, number[]>;
	/** The options its requests carry (not `go`: which releases it is checked on is `releases`). */
	options: RunOptions;
	/** `//playbook:options go=1.21-1.27`: check it on every release of the span. */
	checkOn: GoRange | null;
	/**
	 * The releases it is checked on, newest first: the default, every release of `checkOn`, and
	 * both ends of every claim's span (so a "changed in Go 1.N" pair of claims is proven on both
	 * sides of the change).
	 */
	releases: GoRelease[];
	lineClaims: LineClaim[];
	benchClaims: BenchClaim[];
	outputClaims: OutputClaim[];
	exitClaim: ExitClaim | null;
	errorClaim: ErrorClaim | null;
	exactOutput: ExactOutput | null;
	isMain: boolean;
	/** A line claim about the assembly (`want asm "…"`): the snippet is compiled to assembly too. */
	hasAsmClaims: boolean;
	/** Test or Example functions. */
	hasTests: boolean;
	hasBenchmarks: boolean;
	problems: ClaimProblem[];
}

/** `go1.24+ `, `go1.21-1.23 `, `go1.22 ` at the start of a claim: the releases it holds for. */
const versionPrefix = /^go(\S+)\s+/;

/**
 * Reads Go-quoted patterns: "…" (with escapes) or `…`, each optionally preceded by `!`; a Go
 * version span before patterns (`go1.21-1.24 "escapes" go1.25+ "does not escape"`) applies to
 * the patterns after it, and so does `asm` (`asm "CALL runtime\.mapclear"`: the patterns after it
 * are about the line's instructions).
 */
function parsePatterns(text: string): Pattern[] | string {
	const patterns: Pattern[] = [];
	let rest = text.trim();
	let versions: GoRange | null = null;
	let target: Pattern['target'] = 'compiler';
	while (rest.length > 0) {
		const asm = /^asm(?:\s+|(?=[!"`]))/.exec(rest);
		if (asm) {
			target = 'asm';
			rest = rest.slice(asm[0].length);
			continue;
		}
		const v = versionPrefix.exec(rest);
		if (v) {
			const range = parseGoRange(v[1]!, `go${v[1]}`);
			if (typeof range === 'string') return range;
			versions = range;
			rest = rest.slice(v[0].length);
			continue;
		}
		let negate = false;
		if (rest.startsWith('!')) {
			negate = true;
			rest = rest.slice(1);
		}
		let source: string;
		if (rest.startsWith('`')) {
			const end = rest.indexOf('`', 1);
			if (end < 0) return 'unterminated `pattern`';
			source = rest.slice(1, end);
			rest = rest.slice(end + 1).trim();
		} else if (rest.startsWith('"')) {
			let end = 1;
			while (end < rest.length && rest[end] !== '"') end += rest[end] === '\\' ? 2 : 1;
			if (end >= rest.length) return 'unterminated "pattern"';
			try {
				source = JSON.parse(rest.slice(0, end + 1)) as string;
			} catch {
				return `cannot read the quoted pattern ${rest.slice(0, end + 1)}`;
			}
			rest = rest.slice(end + 1).trim();
		} else {
			return `expected a quoted regexp ("…" or \`…\`), found ${JSON.stringify(rest.slice(0, 30))}`;
		}
		try {
			patterns.push({ source, re: new RegExp(source, 'm'), negate, versions, target });
		} catch (e) {
			return `invalid regexp ${JSON.stringify(source)}: ${(e as Error).message}`;
		}
	}
	if (patterns.length === 0) return 'a want needs at least one quoted regexp';
	return patterns;
}

const benchClaimRe = /^(Benchmark\S*)\s+(\S+)\s*(==|!=|<=|>=|<|>)\s*([-+0-9.eE]+)\s*(?:\*\s*(Benchmark\S*))?\s*$/;

type FileClaim =
	| { kind: 'bench'; claim: Omit<BenchClaim, 'file' | 'line' | 'versions'> }
	| { kind: 'output'; stream: OutputClaim['stream']; pattern: Pattern }
	| { kind: 'exit'; code: number }
	| { kind: 'error'; code: ErrorCode };

/** A full-line `// want …` claim about the program or its benchmarks. */
function parseFileClaim(body: string): FileClaim | string {
	const stream = /^(!?)(stdout|stderr|output)\s+(.*)$/.exec(body);
	if (stream) {
		const p = parsePatterns(stream[3] ?? '');
		if (typeof p === 'string') return p;
		if (p.length !== 1 || p[0]?.negate) return `want ${stream[1]}${stream[2]} takes one quoted regexp`;
		return { kind: 'output', stream: stream[2] as OutputClaim['stream'], pattern: { ...p[0]!, negate: stream[1] === '!' } };
	}
	const exit = /^exit\s+(\d+)$/.exec(body);
	if (exit) return { kind: 'exit', code: Number(exit[1]) };
	const error = /^error\s+(\S+)$/.exec(body);
	if (error) {
		const code = error[1] as ErrorCode;
		if (!errorCodes.includes(code)) return `unknown error code ${error[1]}; one of: ${errorCodes.join(', ')}`;
		return { kind: 'error', code };
	}
	const bench = benchClaimRe.exec(body);
	if (bench) {
		const [, benchmark = '', metric = '', op = '==', value = '', relativeTo] = bench;
		if (metric === 'ns/op' && !relativeTo) {
			return 'ns/op depends on the machine: compare it with another benchmark of the same run, e.g. "ns/op < 0.5 * BenchmarkOther"';
		}
		const claim: Omit<BenchClaim, 'file' | 'line' | 'versions'> = { benchmark, metric, op: op as Comparison, value: Number(value), text: body };
		if (relativeTo) claim.relativeTo = relativeTo;
		return { kind: 'bench', claim };
	}
	if (/^Benchmark/.test(body)) {
		return `cannot read the benchmark claim; write "BenchmarkName metric op value", e.g. "BenchmarkX allocs/op == 0" or "BenchmarkX ns/op < 0.5 * BenchmarkY"`;
	}
	return `unknown claim "${body}"; a full-line want is one of: stdout "re", !stdout "re" (likewise stderr, output), exit N, error <code>, BenchmarkName metric op value`;
}

export function parseSnippet(id: string, files: Record<string, string>): SnippetSpec {
	const spec: SnippetSpec = {
		id,
		files,
		display: {},
		toOriginal: {},
		options: {},
		checkOn: null,
		releases: [],
		lineClaims: [],
		benchClaims: [],
		outputClaims: [],
		exitClaim: null,
		errorClaim: null,
		exactOutput: null,
		isMain: false,
		hasAsmClaims: false,
		hasTests: false,
		hasBenchmarks: false,
		problems: [],
	};
	spec.isMain = isMainPackage(files);
	spec.hasTests = hasTests(files);
	spec.hasBenchmarks = benchmarkCount(files) > 0;
	for (const [file, source] of Object.entries(files)) {
		if (!file.endsWith('.go')) {
			spec.display[file] = source;
			continue;
		}
		const isTest = file.endsWith('_test.go');

		const lines = source.split('\n');
		const drop = new Set<number>();
		const stripAt = new Map<number, number>();
		const pendingLineClaims: { line: number; patterns: Pattern[] }[] = [];
		const problem = (line: number, message: string) => spec.problems.push({ file, line: line + 1, message });

		for (const c of lineComments(source)) {
			const options = /^playbook:options(?:\s+(.*))?$/.exec(c.text);
			if (options && !c.trailing) {
				// go=… names the releases to check the snippet on (a span), not a request's option.
				const tokens = (options[1] ?? '').trim().split(/\s+/).filter(Boolean);
				const go = tokens.find((t) => t.startsWith('go='));
				if (go) {
					const range = parseGoRange(go.slice(3).replace(/^go/, ''), go);
					if (typeof range === 'string') problem(c.line, `//playbook:options: ${range}`);
					else spec.checkOn = range;
				}
				const parsed = parseSnippetOptions(tokens.filter((t) => t !== go).join(' '));
				if ('problem' in parsed) problem(c.line, `//playbook:options: ${parsed.problem}`);
				else Object.assign(spec.options, parsed);
				drop.add(c.line);
				continue;
			}
			const want = /^\s*want\s+(.*?)\s*$/.exec(c.text);
			if (!want) continue;
			const body = want[1] ?? '';
			if (c.trailing) {
				const patterns = parsePatterns(body);
				if (typeof patterns === 'string') problem(c.line, `want: ${patterns}`);
				else pendingLineClaims.push({ line: c.line, patterns });
				stripAt.set(c.line, c.start);
				continue;
			}
			drop.add(c.line);
			let versions: GoRange | null = null;
			let claimBody = body;
			const v = versionPrefix.exec(body);
			if (v) {
				const range = parseGoRange(v[1]!, `go${v[1]}`);
				if (typeof range === 'string') {
					problem(c.line, `want: ${range}`);
					continue;
				}
				versions = range;
				claimBody = body.slice(v[0].length);
			}
			if (/^!?["`]/.test(claimBody)) {
				problem(c.line, 'a want with a regexp goes at the end of the line of code the compiler reports on, not on a line of its own');
				continue;
			}
			const claim = parseFileClaim(claimBody);
			const at = { file, line: c.line + 1, versions };
			if (typeof claim === 'string') problem(c.line, `want: ${claim}`);
			else if (claim.kind === 'bench') spec.benchClaims.push({ ...at, ...claim.claim });
			else if (claim.kind === 'output') spec.outputClaims.push({ ...at, stream: claim.stream, pattern: { ...claim.pattern, versions } });
			else if (claim.kind === 'exit') spec.exitClaim = { ...at, code: claim.code };
			else spec.errorClaim = { ...at, code: claim.code };
		}

		// `// Output:` at the end of main is compared with the program's stdout, as `go test`
		// compares it for examples (which go test checks itself).
		if (!isTest) {
			const start = lines.findIndex((l) => /^\s*\/\/ (?:Output|Unordered output):\s*$/.test(l));
			if (start >= 0) {
				const unordered = /Unordered/.test(lines[start] ?? '');
				const body: string[] = [];
				for (let i = start + 1; i < lines.length && /^\s*\/\//.test(lines[i] ?? ''); i++) {
					body.push((lines[i] ?? '').replace(/^\s*\/\/ ?/, ''));
				}
				spec.exactOutput = { file, line: start + 1, text: body.join('\n'), unordered };
			}
		}

		const display: string[] = [];
		const map: number[] = [0];
		lines.forEach((text, i) => {
			if (drop.has(i)) return;
			// Removing a claims line at the top must not leave the file starting with a blank line.
			if (display.length === 0 && text.trim() === '' && drop.size > 0) return;
			const cut = stripAt.get(i);
			display.push(cut === undefined ? text : text.slice(0, cut).trimEnd());
			map.push(i + 1);
		});
		// Two blank lines in a row where a dropped claims block stood read as a mistake.
		for (let i = display.length - 1; i > 0; i--) {
			if (display[i] === '' && display[i - 1] === '') {
				display.splice(i, 1);
				map.splice(i + 1, 1);
			}
		}
		spec.display[file] = display.join('\n');
		spec.toOriginal[file] = map;
		for (const claim of pendingLineClaims) {
			spec.lineClaims.push({ file, line: claim.line + 1, displayLine: map.indexOf(claim.line + 1), patterns: claim.patterns });
		}
	}
	spec.hasAsmClaims = spec.lineClaims.some((c) => c.patterns.some((p) => p.target === 'asm'));
	spec.releases = checkedReleases(spec);
	return spec;
}

/** Every span a snippet's claims name. */
export function claimRanges(spec: SnippetSpec): GoRange[] {
	const ranges: (GoRange | null)[] = [
		...spec.lineClaims.flatMap((c) => c.patterns.map((p) => p.versions)),
		...spec.benchClaims.map((c) => c.versions),
		...spec.outputClaims.map((c) => c.versions),
		spec.exitClaim?.versions ?? null,
		spec.errorClaim?.versions ?? null,
	];
	return ranges.filter((r): r is GoRange => r !== null);
}

function checkedReleases(spec: SnippetSpec): GoRelease[] {
	const set = new Set<GoRelease>([defaultGoRelease, ...(spec.checkOn ? releasesIn(spec.checkOn) : [])]);
	for (const r of claimRanges(spec)) {
		set.add(r.from);
		set.add(r.to);
	}
	return [...set].sort((a, b) => compareGoReleases(b, a));
}

/** Whether a snippet claims anything that the checker can verify. */
export function hasClaims(spec: SnippetSpec): boolean {
	return (
		spec.lineClaims.length > 0 ||
		spec.benchClaims.length > 0 ||
		spec.outputClaims.length > 0 ||
		spec.exitClaim !== null ||
		spec.errorClaim !== null ||
		spec.exactOutput !== null ||
		spec.hasTests
	);
}

/** The line on disk of a display line, for messages that point authors at their file. */
export function originalLine(spec: SnippetSpec, file: string, displayLine: number): number {
	return spec.toOriginal[file]?.[displayLine] ?? displayLine;
}
