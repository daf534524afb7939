/**
 * Errors for requests that are not run (4xx/5xx), always answered as
 * `{ "error": { "code", "message" } }` with a message that says what to change.
 */
import type { FastifyError } from 'fastify';
import type { Mode, OptionName, RequestErrorBody, RequestErrorCode } from './contract/index.ts';
import {
	defaultGoRelease,
	offeredGoReleases,
	previousGoRelease,
	allowedGodebug,
	goModProblem,
	modes,
	noGoFileProblem,
	optionLimits,
	optionModeProblem,
	optionNames,
	optionTable,
	requestLimits,
} from './contract/index.ts';

export class RequestError extends Error {
	readonly statusCode: number;
	readonly code: RequestErrorCode;
	readonly headers: Record<string, string>;
	constructor(statusCode: number, code: RequestErrorCode, message: string, headers: Record<string, string> = {}) {
		super(message);
		this.statusCode = statusCode;
		this.code = code;
		this.headers = headers;
	}

	body(): RequestErrorBody {
		return { error: { code: this.code, message: this.message } };
	}
}

/** The parts of an Ajv error the messages use. */
export interface SchemaError {
	keyword: string;
	instancePath: string;
	params: Record<string, unknown>;
	message?: string | undefined;
	/** Set on errors about a property name (propertyNames). */
	propertyName?: string;
	data?: unknown;
}

/** "/options/count" → "options.count", "/files/a~1b.go" → `files["a/b.go"]`. */
function fieldPath(instancePath: string, root: string): string {
	const parts = instancePath
		.split('/')
		.slice(1)
		.map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
	let out = root;
	for (const [i, p] of parts.entries()) {
		if (parts[i - 1] === 'files') out += `[${JSON.stringify(p)}]`;
		else if (/^\d+$/.test(p)) out += `[${p}]`;
		else out += out && !out.endsWith(' ') ? `.${p}` : p;
	}
	return out.trim() === root.trim() || !out ? root || 'The request body' : out;
}

const show = (v: unknown): string => {
	if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
	const s = JSON.stringify(v);
	return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

const example = '{"mode":"run","files":{"main.go":"package main\\n\\nfunc main() {}\\n"}}';

/** What a JSON request of a route is, for the sentences about its fields as a whole. */
export interface RequestShape {
	fields: readonly string[];
	/** "mode and files (and optionally options)" */
	has: string;
	example: string;
}

export const runShape: RequestShape = { fields: ['mode', 'files', 'options'], has: 'mode and files (and optionally options)', example };
export const formatShape: RequestShape = {
	fields: ['files', 'imports'],
	has: 'files (and optionally imports)',
	example: '{"files":{"main.go":"package main\\n\\nfunc main() {}\\n"},"imports":true}',
};

/** The shape of the JSON request a path takes. */
export function shapeOf(url: string): RequestShape {
	return url.startsWith('/api/format') ? formatShape : runShape;
}

/** The routes of the Go Playground's protocol, which take forms. */
export function isFormRoute(url: string): boolean {
	return /^\/(?:compile|fmt)(?:[?/#]|$)/.test(url);
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
const quotedList = (names: readonly string[]) => {
	const q = names.map((n) => show(n));
	return q.length > 1 ? `${q.slice(0, -1).join(', ')} and ${q.at(-1)}` : (q[0] ?? '');
};

/** A known name that differs only in case, as a hint; '' when there is none. */
const didYouMean = (names: readonly string[], known: readonly string[]) => {
	const hints = names.flatMap((n) => known.filter((k) => k !== n && k.toLowerCase() === n.toLowerCase()));
	return hints.length > 0 ? ` (did you mean ${quotedList(hints)}?)` : '';
};

const isOption = (name: string): name is OptionName => (optionNames as readonly string[]).includes(name);

/** Fields the schema does not know, all of one object in one sentence. */
export function unknownFields(at: string, names: readonly string[], shape: RequestShape = runShape): string {
	const plural = names.length > 1 ? 's' : '';
	if (at.endsWith('options')) {
		return `Unknown option${plural} ${quotedList(names)}${didYouMean(names, optionNames)}. The options are ${optionNames.join(', ')}; nothing else (no flags, no environment) reaches the toolchain.`;
	}
	if (at === 'The request body')
		return `Unknown field${plural} ${quotedList(names)}${didYouMean(names, shape.fields)}: a request has only ${shape.fields.slice(0, -1).join(', ')} and ${shape.fields.at(-1)}.`;
	return `Unknown field${plural} ${quotedList(names)} in ${at}.`;
}

/**
 * One schema error as a sentence that names the field, what is allowed, and what was sent; null
 * for an error another one already says (the if/then wrapper of the per-mode options rule).
 * `body` is the request, for the rules that depend on another field (the mode).
 */
export function describeSchemaError(e: SchemaError, root = '', body?: unknown, shape: RequestShape = runShape): string | null {
	const at = fieldPath(e.instancePath, root);
	const p = e.params;
	// Which options a mode takes: the schema checks option names per mode (propertyNames).
	if (e.propertyName !== undefined && at === 'options') {
		const mode = (body as { mode?: unknown } | null | undefined)?.mode;
		// An unknown name gets its own sentence (additionalProperties); this one is about modes.
		if (!isOption(e.propertyName) || !(modes as readonly unknown[]).includes(mode)) return null;
		return optionModeProblem(mode as Mode, e.propertyName);
	}
	switch (e.keyword) {
		case 'if':
			return null;
		case 'not':
			if (at === 'files') return noGoFileProblem;
			if (at === 'options.godebug' && Array.isArray(e.data))
				return `options.godebug ${optionTable.godebug.check?.(e.data as never) ?? 'sets one key twice; keep one value'}.`;
			return `${at} ${show(e.data)} is not allowed.`;
		case 'required': {
			const missing = String(p['missingProperty']);
			if (at === 'The request body' || at === root) {
				if (root) return `The form field "${missing}" is missing.`;
				return `"${missing}" ${missing.includes('" and "') ? 'are' : 'is'} missing: a request is a JSON object with ${shape.has}, e.g. ${shape.example}`;
			}
			return `${at}.${missing} is missing.`;
		}
		case 'additionalProperties':
			return unknownFields(at, [String(p['additionalProperty'])], shape);
		case 'type': {
			const expected = String(p['type']);
			if (e.instancePath === '' && e.data === undefined)
				return `The body is empty. Send a JSON object with Content-Type: application/json, e.g. ${shape.example}`;
			return `${at} must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}, not ${typeName(e.data)}${e.data !== undefined && typeof e.data !== 'object' ? ` (${show(e.data)})` : ''}.`;
		}
		case 'enum': {
			const allowed = (p['allowedValues'] as unknown[]).map((v) => String(v));
			if (at === 'mode') return `mode ${show(e.data)} is not a mode. Use one of: ${modes.join(', ')}.`;
			if (at === 'options.go')
				return `options.go ${show(e.data)} is not a Go release this playground offers. Use Go ${offeredGoReleases()}; GET /api/versions lists them.`;
			if (at.startsWith('options.godebug')) return `${at} ${show(e.data)} is not an allowed GODEBUG setting. Allowed: ${allowedGodebug.join(', ')}.`;
			return `${at} is ${show(e.data)}; allowed values: ${allowed.join(', ')}.`;
		}
		case 'minimum':
		case 'maximum':
		case 'exclusiveMinimum':
		case 'exclusiveMaximum':
			if (at === 'options.count') return `options.count is ${show(e.data)}; it must be a whole number from 1 to ${optionLimits.maxCount}.`;
			return `${at} is ${show(e.data)}; it must be ${e.keyword.replace('exclusive', '').toLowerCase() === 'minimum' ? 'at least' : 'at most'} ${String(p['limit'])}.`;
		case 'multipleOf':
			return `${at} is ${show(e.data)}; it must be a whole number.`;
		case 'maxProperties':
			if (at === 'files') return `files has more than ${requestLimits.maxFiles} files; a snippet may have at most ${requestLimits.maxFiles}.`;
			return `${at} has too many entries (at most ${String(p['limit'])}).`;
		case 'minProperties':
			if (at === 'files') return 'files is empty. Send at least one Go file, e.g. {"main.go": "package main\\n…"}.';
			return `${at} is empty.`;
		case 'propertyNames':
		case 'pattern': {
			if (e.propertyName !== undefined || at === 'files') {
				const name = e.propertyName ?? String(p['propertyName'] ?? '');
				return `File name ${show(name)} is not allowed. Use a plain file name ending in .go (letters, digits, "_", "-", "."; starting with a letter or digit; no directories, no "..") or go.mod.`;
			}
			if (at === 'options.benchtime') return `options.benchtime ${optionTable.benchtime.check?.(String(e.data)) ?? 'does not have the expected form'}.`;
			if (at === 'files["go.mod"]') return goModProblem(String(e.data)) ?? 'go.mod does not have the expected form.';
			if (at === 'options.bench') return `options.bench must be a regular expression on one line, without control characters.`;
			return `${at} ${show(e.data)} does not have the expected form.`;
		}
		case 'maxLength':
			if (at.startsWith('files[')) return `${at} is too large; all files together may hold at most ${requestLimits.maxSourceBytes / 1024} KiB of source.`;
			return `${at} is longer than ${String(p['limit'])} characters.`;
		case 'minLength':
			return `${at} is empty.`;
		case 'maxItems':
			return `${at} has more than ${String(p['limit'])} entries.`;
		case 'uniqueItems':
			return `${at} lists the same setting twice.`;
		default:
			return `${at}: ${e.message ?? 'invalid'}.`;
	}
}

/** A Fastify validation failure as a 400 naming every problem (up to five); `body` is what was sent. */
export function validationError(errors: SchemaError[], root = '', body?: unknown, shape: RequestShape = runShape): RequestError {
	// Ajv reports a bad property name twice (the pattern, then propertyNames); one is enough.
	let relevant = errors.filter((e) => !(e.keyword === 'propertyNames' && errors.some((x) => x.propertyName !== undefined)));
	// Both mode and files missing: one sentence, not two.
	const missingAtRoot = relevant.filter((e) => e.keyword === 'required' && e.instancePath === '');
	if (missingAtRoot.length > 1 && !root) {
		relevant = relevant.filter((e) => !missingAtRoot.includes(e));
		relevant.unshift({ ...missingAtRoot[0]!, params: { missingProperty: missingAtRoot.map((e) => String(e.params['missingProperty'])).join('" and "') } });
	}
	// Unknown fields of one object: one sentence that lists them all.
	const unknown = new Map<string, string[]>();
	for (const e of relevant)
		if (e.keyword === 'additionalProperties') unknown.set(e.instancePath, [...(unknown.get(e.instancePath) ?? []), String(e.params['additionalProperty'])]);
	const messages = [
		...new Set(
			relevant.flatMap((e) => {
				if (e.keyword !== 'additionalProperties') {
					const message = describeSchemaError(e, root, body, shape);
					return message === null ? [] : [message];
				}
				const names = unknown.get(e.instancePath);
				if (!names || names[0] !== String(e.params['additionalProperty'])) return [];
				return [unknownFields(fieldPath(e.instancePath, root), names, shape)];
			}),
		),
	];
	const shown = messages.slice(0, 5).join(' ');
	const more = messages.length > 5 ? ` (and ${messages.length - 5} more problems)` : '';
	return new RequestError(400, 'invalid_request', `${shown}${more}`);
}

/** Fastify's own errors (body parsing, media type, size) in the API's shape. */
export function fromFastifyError(err: FastifyError, bodyLimit: number, url = ''): RequestError | null {
	const form = isFormRoute(url);
	const { example: shapeExample } = shapeOf(url);
	const formPath = url.startsWith('/fmt') ? '/fmt' : '/compile';
	switch (err.code) {
		case 'FST_ERR_CTP_INVALID_JSON_BODY':
		case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
			return new RequestError(
				400,
				'invalid_json',
				`The body is not valid JSON (${err.message.replace(/^Body is not valid JSON but content-type is set to 'application\/json'/, 'parse error')}). Send a JSON object like ${shapeExample}`,
			);
		case 'FST_ERR_CTP_EMPTY_JSON_BODY':
			return new RequestError(400, 'invalid_json', `The body is empty. Send a JSON object like ${shapeExample}`);
		case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
		case 'FST_ERR_CTP_INVALID_TYPE':
			return new RequestError(
				415,
				'unsupported_media_type',
				form
					? `POST ${formPath} takes a form, as the Go Playground does: Content-Type: application/x-www-form-urlencoded with body=<Go source> (the JSON API is POST ${formPath === '/fmt' ? '/api/format' : '/api/run'}).`
					: 'Send the request as JSON, with the header Content-Type: application/json (POST /compile and POST /fmt take a form, application/x-www-form-urlencoded, as the Go Playground does).',
			);
		case 'FST_ERR_CTP_BODY_TOO_LARGE':
			return new RequestError(
				413,
				'payload_too_large',
				`The request body is larger than ${bodyLimit / 1024} KiB. A snippet may hold at most ${requestLimits.maxSourceBytes / 1024} KiB of source in at most ${requestLimits.maxFiles} files.`,
			);
		case 'FST_ERR_CTP_INVALID_CHARSET':
			return new RequestError(415, 'unsupported_media_type', 'Send the body as UTF-8 (charset=utf-8).');
		default:
			break;
	}
	return null;
}

/**
 * A query string the Go Playground routes refuse (their only parameter is backend): one sentence
 * that names the parameter and what it may be.
 */
export function queryError(errors: SchemaError[]): RequestError {
	const messages = errors.map((e) => {
		if (e.keyword === 'additionalProperties') return `Unknown query parameter ${show(String(e.params['additionalProperty']))}: this route takes only backend.`;
		if (e.instancePath === '/backend') {
			return `backend=${String(e.data)} is not offered: leave it out for Go ${defaultGoRelease}, or use backend=goprev for Go ${previousGoRelease() ?? defaultGoRelease}. This playground runs released Go only (no gotip).`;
		}
		return `The query parameter ${fieldPath(e.instancePath, '')} ${e.message ?? 'is invalid'}.`;
	});
	return new RequestError(400, 'invalid_request', [...new Set(messages)].join(' '));
}
