/**
 * The rules of a job request beyond its JSON types: the total size of the source and text that
 * is not valid Unicode (which no JSON schema can state), and the rules the request schema states
 * (a .go file, what a go.mod may say, the options table's) applied without a schema validator.
 * The server applies them to every request and the site build to every request it makes for a
 * snippet, so a page can never bake a result the live server would refuse. The patterns the
 * schema states are built here and in options.ts, and the checks use those same patterns.
 *
 * Browser-safe: no Node imports.
 */
import type { FormatRequest, RunRequest } from './api.ts';
import { requestLimits } from './api.ts';
import { normalizeOptions, optionProblems } from './options.ts';

/** A request that breaks a rule of the contract; `status` is the HTTP status the server answers with. */
export class ContractViolation extends Error {
	readonly status: 400 | 413;
	readonly code: 'invalid_request' | 'payload_too_large';
	constructor(status: 400 | 413, message: string) {
		super(message);
		this.name = 'ContractViolation';
		this.status = status;
		this.code = status === 413 ? 'payload_too_large' : 'invalid_request';
	}
}

const bad = (message: string) => new ContractViolation(400, message);

/** Line (1-based) of the first lone surrogate in s, or 0. */
function malformedLine(s: string): number {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff) {
			const next = s.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				i++;
				continue;
			}
		} else if (!(c >= 0xdc00 && c <= 0xdfff)) continue;
		return s.slice(0, i).split('\n').length;
	}
	return 0;
}

/** go.mod directives a snippet may use. replace could point the build at files outside the job. */
export const goModDirectives = ['module', 'go', 'toolchain', 'godebug', 'require'] as const;

/**
 * The lines of a go.mod, as regexp sources, in Go's own terms (modfile's lexer: lines end at \n;
 * space, tab and \r are blanks; // starts a comment). Each line has exactly one way to match, so
 * the whole-file pattern below runs in linear time even when it fails.
 */
const W = '[ \\t\\r]';
const comment = '//[^\\n]*';
const word = `(?:${goModDirectives.join('|')})`;
const goModLine = {
	/** Blank, or only a comment. */
	blank: `${W}*(?:${comment})?`,
	/** An allowed directive that does not open a block: nothing, a comment, or blanks then anything but "(". */
	directive: `${W}*${word}(?:${comment}|${W}+(?:[^ \\t\\r\\n(][^\\n]*)?)?`,
	/**
	 * An allowed directive that opens a block: "require (" at the end of its line, as Go reads a
	 * block (a "(" inside a line is no block to Go, and "require x (" is refused here).
	 */
	open: `${W}*${word}${W}*\\(${W}*(?:${comment})?`,
	/** The line that closes a block: ")", perhaps with blanks and a comment. */
	close: `${W}*\\)${W}*(?:${comment})?`,
	/** Any line inside a block but the one that closes it (the complement of close, spelled out). */
	inner: `${W}*(?:[^ \\t\\r\\n)][^\\n]*|\\)${W}*(?:[^ \\t\\r\\n/][^\\n]*|/(?:[^/\\n][^\\n]*)?))?`,
} as const;

/**
 * What a go.mod may say, as one regexp: outside blocks, blank lines, comments and the allowed
 * directives; inside a block (until its ")" line or the end of the file), anything, as Go reads
 * those lines as the block directive's own (a require line, a godebug setting), never as a
 * directive of their own. The request
 * schema states it as the pattern of files["go.mod"], and checkRunRequest applies it.
 */
export const goModPattern = (() => {
	const top = `(?:${goModLine.blank}|${goModLine.directive})`;
	const block = `${goModLine.open}(?:\\n${goModLine.inner})*`;
	return `^(?:${top}\\n|${block}\\n${goModLine.close}\\n)*(?:${top}|${block}(?:\\n${goModLine.close})?)$`;
})();
const goModRe = new RegExp(goModPattern, 'u');
const lineRe = Object.fromEntries(Object.entries(goModLine).map(([k, v]) => [k, new RegExp(`^(?:${v})$`, 'u')])) as Record<keyof typeof goModLine, RegExp>;

/**
 * The first line (1-based) of a go.mod that breaks the rule, read line by line as Go reads blocks;
 * null when there is none. The same rule as goModPattern, kept apart to say where (a unit test
 * checks that the two agree).
 */
export function firstBadGoModLine(source: string): number | null {
	let inBlock = false;
	for (const [i, line] of source.split('\n').entries()) {
		if (inBlock) {
			if (lineRe.close.test(line)) inBlock = false;
		} else if (lineRe.open.test(line)) {
			inBlock = true;
		} else if (!lineRe.blank.test(line) && !lineRe.directive.test(line)) {
			return i + 1;
		}
	}
	return null;
}

/** What is wrong with a go.mod, naming the line and what to do; null when it may be used. */
export function goModProblem(source: string): string | null {
	if (goModRe.test(source)) return null;
	const n = firstBadGoModLine(source);
	if (n === null)
		return `go.mod does not have the form a snippet's go.mod may take: only ${goModDirectives.join(', ')} directives, comments, and blocks written "require (" … ")".`;
	const line = source.split('\n')[n - 1] ?? '';
	const first = /^[ \t\r]*([^ \t\r(/]*)/.exec(line)?.[1] ?? '';
	const what =
		first && !(goModDirectives as readonly string[]).includes(first)
			? `the "${first.slice(0, 40)}" directive is not allowed`
			: `${JSON.stringify(line.trim().slice(0, 60))} is not a directive line`;
	return `go.mod:${n}: ${what}. A snippet's go.mod may only use ${goModDirectives.join(', ')}, each starting its line, and blocks written "require (" … ")" (only standard-library imports build, as the playground downloads nothing). Remove or fix that line.`;
}

/** The answer to a request without a .go file (the schema states the rule too). */
export const noGoFileProblem = 'files has no .go file. Send at least one, e.g. main.go (package main) or x_test.go.';

const utf8 = new TextEncoder();

function tooMuchSource(total: number): ContractViolation {
	return new ContractViolation(
		413,
		`The files hold ${(total / 1024).toFixed(1)} KiB of source; the limit is ${requestLimits.maxSourceBytes / 1024} KiB in total. Make the snippet smaller.`,
	);
}

/** A lone surrogate in a file, as the answer that names the file and line; null when there is none. */
function unicodeProblem(name: string, source: string): ContractViolation | null {
	const line = malformedLine(source);
	if (line === 0) return null;
	return bad(
		`files[${JSON.stringify(name)}] is not valid Unicode text: line ${line} holds a lone UTF-16 surrogate (an escaped "\\ud800"-style character). Go source must be UTF-8; remove or replace that character.`,
	);
}

/**
 * What a format request must be beyond its schema: Unicode text, and the total size of a snippet.
 * Nothing is run, so a go.mod may say anything (the formatter only reads it) and no .go file is
 * needed. Throws ContractViolation.
 */
export function checkFormatRequest(request: FormatRequest): void {
	let total = 0;
	for (const [name, source] of Object.entries(request.files)) {
		const problem = unicodeProblem(name, source);
		if (problem) throw problem;
		total += utf8.encode(source).length;
	}
	if (total > requestLimits.maxSourceBytes) throw tooMuchSource(total);
}

/**
 * Checks what the schema cannot and returns the request as the runner will see it (options
 * normalized, so one job has one cache key). Throws ContractViolation naming the rule.
 */
export function checkRunRequest(request: RunRequest): RunRequest {
	const names = Object.keys(request.files);
	if (!names.some((n) => n.endsWith('.go'))) throw bad(noGoFileProblem);
	let total = 0;
	for (const name of names) {
		const source = request.files[name]!;
		const unicode = unicodeProblem(name, source);
		if (unicode) throw unicode;
		total += utf8.encode(source).length;
		const goMod = name === 'go.mod' ? goModProblem(source) : null;
		if (goMod) throw bad(goMod);
	}
	if (total > requestLimits.maxSourceBytes) throw tooMuchSource(total);
	const options = request.options ?? {};
	const [problem] = optionProblems(request.mode, options);
	if (problem) throw bad(problem);

	const normalized: RunRequest = { mode: request.mode, files: request.files };
	const kept = normalizeOptions(request.mode, options);
	if (Object.keys(kept).length > 0) normalized.options = kept;
	return normalized;
}
