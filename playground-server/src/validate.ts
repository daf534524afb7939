/**
 * The checks a JSON schema cannot express: the total size of the source, text that is not valid
 * Unicode, benchtime's upper bound, which options belong to which mode, and what a snippet's
 * go.mod may say. Runs after schema validation, so the shapes are right.
 */
import type { Mode, RunOptions, RunRequest } from '../../src/shared/api.ts';
import { benchtimeMs, requestLimits } from '../../src/shared/api.ts';
import { RequestError } from './errors.ts';

/** Which options each mode uses; any other option in a request of that mode is refused. */
export const optionsByMode: Record<Mode, readonly (keyof RunOptions)[]> = {
	run: ['godebug', 'race', 'inlining'],
	escape: ['escapeDetail', 'inlining'],
	bench: ['benchtime', 'count', 'bench', 'godebug', 'inlining'],
	test: ['count', 'bench', 'godebug', 'race', 'inlining'],
};

const bad = (message: string) => new RequestError(400, 'invalid_request', message);

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
const goModDirectives = new Set(['module', 'go', 'toolchain', 'godebug', 'require']);

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
		if (!goModDirectives.has(word)) {
			throw bad(
				`go.mod:${i + 1}: the "${word}" directive is not allowed. A snippet's go.mod may only use module, go, toolchain, godebug and require (and only standard-library imports build, as the playground downloads nothing). Remove that line.`,
			);
		}
		if (/\($/.test(line)) block = word;
	}
}

/** Validates what the schema cannot and returns the request as the runner will see it. */
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
		total += Buffer.byteLength(source, 'utf8');
		if (name === 'go.mod') checkGoMod(source);
	}
	if (total > requestLimits.maxSourceBytes) {
		throw new RequestError(
			413,
			'payload_too_large',
			`The files hold ${(total / 1024).toFixed(1)} KiB of source; the limit is ${requestLimits.maxSourceBytes / 1024} KiB in total. Make the snippet smaller.`,
		);
	}

	const options = request.options ?? {};
	const allowed = optionsByMode[request.mode];
	for (const key of Object.keys(options) as (keyof RunOptions)[]) {
		if (!allowed.includes(key)) {
			const modesWith = (Object.keys(optionsByMode) as Mode[]).filter((m) => optionsByMode[m].includes(key));
			throw bad(`options.${key} does not apply to mode "${request.mode}" (only to ${modesWith.join(', ')}). Remove it, or use ${modesWith.length > 1 ? 'one of those modes' : `mode "${modesWith[0]}"`}. Mode "${request.mode}" takes: ${allowed.join(', ')}.`);
		}
	}
	if (options.benchtime !== undefined) {
		const ms = benchtimeMs(options.benchtime);
		if (ms === null) {
			const n = Number(options.benchtime.slice(0, -1));
			if (!(n >= 1 && n <= requestLimits.maxBenchtimeIterations)) {
				throw bad(`options.benchtime "${options.benchtime}" must be from 1x to ${requestLimits.maxBenchtimeIterations}x iterations.`);
			}
		} else if (!(ms > 0 && ms <= requestLimits.maxBenchtimeMs)) {
			throw bad(`options.benchtime "${options.benchtime}" is ${ms > 0 ? 'longer than' : 'not within'} the limit: use a duration above 0 and up to ${requestLimits.maxBenchtimeMs / 1000}s, e.g. "200ms" or "1s".`);
		}
	}
	if (options.godebug) {
		const keys = options.godebug.map((g) => g.split('=')[0]);
		const twice = keys.find((k, i) => keys.indexOf(k) !== i);
		if (twice) throw bad(`options.godebug sets ${twice} twice; keep one value.`);
	}
	if (options.race === true && process.arch !== 'x64' && process.arch !== 'arm64') {
		throw bad('options.race: the race detector is not available on this server\'s platform. Remove the option.');
	}

	const normalized: RunRequest = { mode: request.mode, files: request.files };
	// Options that change nothing are dropped, so that the same job has one cache key.
	const kept: RunOptions = { ...options };
	if (kept.godebug?.length === 0) delete kept.godebug;
	if (kept.race === false) delete kept.race;
	if (kept.inlining === true) delete kept.inlining;
	if (kept.escapeDetail === 1) delete kept.escapeDetail;
	if (kept.count === 1 && request.mode === 'test') delete kept.count;
	if (kept.godebug) kept.godebug = [...kept.godebug].sort();
	if (Object.keys(kept).length > 0) normalized.options = kept;
	return normalized;
}
