/**
 * The rules of a job request beyond its JSON shape: the total size of the source, text that is
 * not valid Unicode, what a go.mod may say, and the options table's own rules. The server applies
 * them to every request and the site build to every request it makes for a snippet, so a page
 * can never bake a result the live server would refuse.
 *
 * Browser-safe: no Node imports.
 */
import type { RunRequest } from './api.ts';
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

function checkGoMod(source: string): void {
	let block: string | null = null;
	for (const [i, raw] of source.split('\n').entries()) {
		const line = raw.replace(/\/\/.*$/, '').trim();
		if (!line) continue;
		if (block) {
			if (line === ')') block = null;
			continue;
		}
		const word = line.split(/[\s(]/)[0] ?? '';
		if (!(goModDirectives as readonly string[]).includes(word)) {
			throw bad(
				`go.mod:${i + 1}: the "${word}" directive is not allowed. A snippet's go.mod may only use ${goModDirectives.join(', ')} (and only standard-library imports build, as the playground downloads nothing). Remove that line.`,
			);
		}
		if (/\($/.test(line)) block = word;
	}
}

const utf8 = new TextEncoder();

/**
 * Checks what the schema cannot and returns the request as the runner will see it (options
 * normalized, so one job has one cache key). Throws ContractViolation naming the rule.
 */
export function checkRunRequest(request: RunRequest): RunRequest {
	const names = Object.keys(request.files);
	if (!names.some((n) => n.endsWith('.go'))) {
		throw bad('files has no .go file. Send at least one, e.g. main.go (package main) or x_test.go.');
	}
	let total = 0;
	for (const name of names) {
		const source = request.files[name]!;
		const line = malformedLine(source);
		if (line > 0) {
			throw bad(`files[${JSON.stringify(name)}] is not valid Unicode text: line ${line} holds a lone UTF-16 surrogate (an escaped "\\ud800"-style character). Go source must be UTF-8; remove or replace that character.`);
		}
		total += utf8.encode(source).length;
		if (name === 'go.mod') checkGoMod(source);
	}
	if (total > requestLimits.maxSourceBytes) {
		throw new ContractViolation(413, `The files hold ${(total / 1024).toFixed(1)} KiB of source; the limit is ${requestLimits.maxSourceBytes / 1024} KiB in total. Make the snippet smaller.`);
	}
	const options = request.options ?? {};
	const [problem] = optionProblems(request.mode, options);
	if (problem) throw bad(problem);

	const normalized: RunRequest = { mode: request.mode, files: request.files };
	const kept = normalizeOptions(request.mode, options);
	if (Object.keys(kept).length > 0) normalized.options = kept;
	return normalized;
}
