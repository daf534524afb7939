/**
 * The one table of job options: for each, the modes that take it, its JSON schema, the rules a
 * schema cannot state, the value that changes nothing, and how a snippet writes it
 * (`//playbook:options key=value`). The request schema, the TypeScript type, the server's
 * validation and normalization, the snippet options parser and the playground toolbar are all
 * derived from it, so an option cannot mean one thing to the server and another to a page.
 *
 * Browser-safe: no Node imports.
 */
import type { Mode } from './api.ts';
import { modes } from './api.ts';
import { defaultGoRelease, goVersionSpellings, offeredGoReleases, resolveGoRelease } from './go-versions.ts';

/** GODEBUG settings a request may ask for; nothing else reaches the program's environment. */
export const allowedGodebug = [
	'gctrace=1',
	'gctrace=2',
	'gcstoptheworld=1',
	'gcstoptheworld=2',
	'madvdontneed=0',
	'madvdontneed=1',
	'scavtrace=1',
	'inittrace=1',
	'schedtrace=1000',
	'checkfinalizers=1',
	'clobberfree=1',
] as const;
export type GodebugSetting = (typeof allowedGodebug)[number];

export const optionLimits = {
	maxCount: 10,
	/** benchtime as a duration, in milliseconds (a whole number of seconds: the pattern below is built from it). */
	maxBenchtimeMs: 2000,
	/** benchtime as an iteration count ("1000x"). */
	maxBenchtimeIterations: 100_000_000,
	maxBenchtimeLength: 16,
	maxBenchRegexpLength: 200,
} as const;

/** Go's duration units as -benchtime reads them, in nanoseconds. */
const unitNs = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9 } as const;
type DurationUnit = keyof typeof unitNs;

/** Go's duration syntax as `testing` reads -benchtime (one number, one unit), or an iteration count: the grammar, without the bounds. */
const benchtimeGrammar = /^(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s)|[0-9]+x)$/;

/** Milliseconds of a -benchtime duration, null for an iteration count ("1000x"), NaN when malformed. */
export function benchtimeMs(value: string): number | null {
	if (!benchtimeGrammar.test(value)) return Number.NaN;
	if (value.endsWith('x')) return null;
	const m = /^([0-9.]+)(.+)$/.exec(value)!;
	return (Number(m[1]) * unitNs[m[2] as DurationUnit]) / 1e6;
}

/**
 * A regexp for the whole numbers from 1 to `max` written without leading zeros: each length below
 * max's, then max's own length digit by digit (the classic range-to-regexp construction).
 */
function wholeUpTo(max: number): string {
	const digits = String(max);
	const parts: string[] = [];
	if (digits.length > 1) parts.push(`[1-9][0-9]{0,${digits.length - 2}}`);
	for (let i = 0; i < digits.length; i++) {
		const d = Number(digits[i]);
		const low = i === 0 ? 1 : 0;
		const rest = digits.length - i - 1;
		if (d > low) parts.push(`${digits.slice(0, i)}[${low}-${d - 1}]${rest > 0 ? `[0-9]{${rest}}` : ''}`);
	}
	parts.push(digits);
	return parts.join('|');
}

/**
 * A regexp for the decimals above 0 and at most `max` (a whole number), in Go's duration syntax
 * ("2", "2.", "2.000", "1.5", ".5", "0002"): below max any fraction, max itself only with zeros
 * after the point, and below 1 a fraction that is not all zeros.
 */
function decimalUpTo(max: number): string {
	const below = max > 1 ? `(?:${wholeUpTo(max - 1)})(?:\\.[0-9]*)?|` : '';
	return `0*(?:${below}${max}(?:\\.0*)?|\\.[0-9]*[1-9][0-9]*)`;
}

/**
 * The -benchtime values a request may use, bounds included, as one regexp built from
 * optionLimits: a duration above 0 and up to maxBenchtimeMs in any of Go's units, or an
 * iteration count from 1x to maxBenchtimeIterations. The schema states it and checkBenchtime
 * applies it, so the document and the server cannot disagree on a value.
 */
export const benchtimePattern = (() => {
	const byMax = new Map<number, DurationUnit[]>();
	for (const unit of Object.keys(unitNs) as DurationUnit[]) {
		const max = (optionLimits.maxBenchtimeMs * 1e6) / unitNs[unit];
		if (!Number.isInteger(max) || max < 1) throw new Error(`optionLimits.maxBenchtimeMs must be a whole number of ${unit}`);
		byMax.set(max, [...(byMax.get(max) ?? []), unit]);
	}
	const durations = [...byMax].map(([max, units]) => `(?:${decimalUpTo(max)})(?:${units.join('|')})`);
	return `^(?:${durations.join('|')}|0*(?:${wholeUpTo(optionLimits.maxBenchtimeIterations)})x)$`;
})();
const benchtimeRe = new RegExp(benchtimePattern, 'u');

interface OptionDef<T> {
	/** The modes that take the option; a request of another mode that sets it is refused. */
	modes: readonly Mode[];
	/** What it does, as the OpenAPI document and the README say it. */
	description: string;
	/** JSON schema of the value: its shape and every bound a schema can state. */
	schema: Readonly<Record<string, unknown>>;
	/** A rule the schema cannot state; returns what is wrong, or null. */
	check?: (value: T) => string | null;
	/** The value that changes nothing; a request that sends it is the same job as one that does not. */
	neutral?: T;
	/** The one spelling of a value that has several, applied before the neutral value is dropped. */
	normalize?: (value: T) => T;
	/** Reads `key=value` (value undefined for a bare `key`) from `//playbook:options`. */
	parse: (value: string | undefined) => T | { problem: string };
}

const boolean = (name: string) => (value: string | undefined) =>
	value === undefined || value === 'true' ? true : value === 'false' ? false : { problem: `${name}, ${name}=true or ${name}=false` };

function checkBenchtime(value: string): string | null {
	if (value.length <= optionLimits.maxBenchtimeLength && benchtimeRe.test(value)) return null;
	const ms = benchtimeMs(value);
	if (Number.isNaN(ms) || value.length > optionLimits.maxBenchtimeLength) {
		return `"${value}" is not a duration like "200ms" or "1s", nor an iteration count like "1000x" (at most ${optionLimits.maxBenchtimeLength} characters)`;
	}
	if (ms === null) return `"${value}" must be from 1x to ${optionLimits.maxBenchtimeIterations}x iterations`;
	return `"${value}" is ${ms > 0 ? 'longer than' : 'not within'} the limit: use a duration above 0 and up to ${optionLimits.maxBenchtimeMs / 1000}s, e.g. "200ms" or "1s"`;
}

/**
 * The rule "each GODEBUG key once" as JSON schema: for every two allowed settings of one key, the
 * list must not contain both (draft-07 has no minContains, so pairs it is; uniqueItems already
 * refuses the same setting twice).
 */
function godebugKeyOnceSchema(): Record<string, unknown>[] {
	const byKey = new Map<string, GodebugSetting[]>();
	for (const g of allowedGodebug) byKey.set(g.split('=')[0]!, [...(byKey.get(g.split('=')[0]!) ?? []), g]);
	return [...byKey.values()].flatMap((settings) =>
		settings.flatMap((a, i) => settings.slice(i + 1).map((b) => ({ not: { type: 'array', allOf: [{ contains: { const: a } }, { contains: { const: b } }] } }))),
	);
}

function checkGodebug(value: readonly GodebugSetting[]): string | null {
	const keys = value.map((g) => g.split('=')[0]);
	const twice = keys.find((k, i) => keys.indexOf(k) !== i);
	return twice ? `sets ${twice} twice; keep one value` : null;
}

/** Declares an option whose values have type T (the table's types are derived from these). */
const option = <T>(def: OptionDef<T>): OptionDef<T> => def;

export const optionTable = {
	go: option<string>({
		modes,
		description: `The Go release that builds and runs the job: ${offeredGoReleases()}, with or without "go". Default ${defaultGoRelease}. The result's goVersion says which one ran.`,
		schema: { type: 'string', enum: [...goVersionSpellings] },
		check: (v) => (resolveGoRelease(v) ? null : `"${v}" is not a Go release this playground offers; use Go ${offeredGoReleases()}`),
		neutral: defaultGoRelease,
		normalize: (v) => resolveGoRelease(v) ?? v,
		parse: (v) => {
			const release = v ? resolveGoRelease(v) : null;
			return release ?? { problem: `go=${v ?? ''} is not a Go release this playground offers; use Go ${offeredGoReleases()}` };
		},
	}),
	benchtime: option<string>({
		modes: ['bench'],
		description: `-benchtime: a duration above 0 and up to ${optionLimits.maxBenchtimeMs / 1000}s ("100ms", "1s") or an iteration count from 1x to ${optionLimits.maxBenchtimeIterations}x. Default 1s.`,
		schema: { type: 'string', maxLength: optionLimits.maxBenchtimeLength, pattern: benchtimePattern },
		check: checkBenchtime,
		parse: (v) => (v ? v : { problem: 'benchtime=<duration or count>, e.g. benchtime=200ms or benchtime=1000x' }),
	}),
	count: option<number>({
		modes: ['bench', 'test'],
		description: `-count: runs of each benchmark or test, 1–${optionLimits.maxCount}.`,
		schema: { type: 'integer', minimum: 1, maximum: optionLimits.maxCount },
		parse: (v) => {
			const n = Number(v);
			return v !== undefined && /^\d+$/.test(v) && n >= 1 && n <= optionLimits.maxCount
				? n
				: { problem: `count is a whole number from 1 to ${optionLimits.maxCount}` };
		},
	}),
	bench: option<string>({
		modes: ['bench', 'test'],
		description: `The -bench regexp (bench; default ".") or the -run regexp (test), at most ${optionLimits.maxBenchRegexpLength} characters.`,
		schema: { type: 'string', minLength: 1, maxLength: optionLimits.maxBenchRegexpLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' },
		parse: (v) => (v ? v : { problem: 'bench=<regexp>' }),
	}),
	escapeDetail: option<1 | 2>({
		modes: ['escape'],
		description: '1 for -m, 2 for -m=2 (each diagnostic carries its escape flow).',
		schema: { type: 'integer', enum: [1, 2] },
		neutral: 1,
		parse: (v) => (v === '1' ? 1 : v === '2' ? 2 : { problem: 'escapeDetail=1 or escapeDetail=2' }),
	}),
	inlining: option<boolean>({
		modes: ['escape', 'asm', 'run', 'bench', 'test'],
		description: 'false compiles with -l (no inlining), which makes escape analysis and assembly easier to read.',
		schema: { type: 'boolean' },
		neutral: true,
		parse: boolean('inlining'),
	}),
	godebug: option<GodebugSetting[]>({
		modes: ['run', 'bench', 'test'],
		description: 'GODEBUG settings for the program, from an allow-list, each key once.',
		schema: {
			type: 'array',
			maxItems: allowedGodebug.length,
			uniqueItems: true,
			items: { type: 'string', enum: [...allowedGodebug] },
			allOf: godebugKeyOnceSchema(),
		},
		check: checkGodebug,
		neutral: [],
		parse: (v) => {
			const settings = (v ?? '').split(',');
			const bad = settings.find((s) => !(allowedGodebug as readonly string[]).includes(s));
			if (bad !== undefined) return { problem: `godebug ${bad || '(empty)'} is not allowed; allowed: ${allowedGodebug.join(', ')}` };
			const list = settings as GodebugSetting[];
			const problem = checkGodebug(list);
			return problem ? { problem: `godebug ${problem}` } : list;
		},
	}),
	race: option<boolean>({
		modes: ['run', 'test'],
		description: 'Build with the race detector (-race); refused (400) by a server whose platform has none (linux/amd64 and arm64 have it).',
		schema: { type: 'boolean' },
		neutral: false,
		parse: boolean('race'),
	}),
} as const;

export type OptionName = keyof typeof optionTable;
export const optionNames = Object.keys(optionTable) as OptionName[];

type ValueOf<D> = D extends OptionDef<infer T> ? T : never;
/** A job's options: every one optional and bounded; each only for the modes the table gives it. */
export type RunOptions = { -readonly [K in OptionName]?: ValueOf<(typeof optionTable)[K]> };

/** Which options each mode takes. */
export const optionsByMode = Object.fromEntries(modes.map((m) => [m, optionNames.filter((n) => optionTable[n].modes.includes(m))])) as unknown as Record<
	Mode,
	readonly OptionName[]
>;

/** The JSON schema of `options`: each option's shape and bounds (which options a mode takes: `optionsByModeSchema`). */
export function optionsSchema(): Record<string, unknown> {
	return {
		type: 'object',
		description: `Optional, each bounded; only those of the request's mode are accepted (${modes.map((m) => `${m}: ${optionsByMode[m].join(', ')}`).join('; ')}). Nothing else reaches the toolchain.`,
		additionalProperties: false,
		properties: Object.fromEntries(
			optionNames.map((n) => [n, { ...optionTable[n].schema, description: `${optionTable[n].modes.join(', ')}: ${optionTable[n].description}` }]),
		),
	};
}

/**
 * "Each option only for the modes that take it", as JSON schema for the request object: for each
 * mode, if the request is of that mode, its options' names are among `optionsByMode[mode]`.
 * (Draft-07 if/then, which Fastify's Ajv and OpenAPI 3.1 read alike.)
 */
export function optionsByModeSchema(): Record<string, unknown>[] {
	return modes.map((m) => ({
		if: { properties: { mode: { const: m } }, required: ['mode'] },
		then: { properties: { options: { type: 'object', propertyNames: { enum: [...optionsByMode[m]] } } } },
	}));
}

/** Why option `name` is refused for `mode`: which modes take it, and what to do. */
export function optionModeProblem(mode: Mode, name: OptionName): string {
	const elsewhere = optionTable[name].modes;
	return `options.${name} does not apply to mode "${mode}" (only to ${elsewhere.join(', ')}). Remove it, or use ${elsewhere.length > 1 ? 'one of those modes' : `mode "${elsewhere[0]}"`}. Mode "${mode}" takes: ${optionsByMode[mode].join(', ')}.`;
}

/**
 * What is wrong with a job's options beyond their shapes: options its mode does not take, and
 * the rules of the table that the schema states but the site build applies without a schema
 * validator. Each problem names the option and what to do.
 */
export function optionProblems(mode: Mode, options: RunOptions): string[] {
	const problems: string[] = [];
	const allowed = optionsByMode[mode];
	for (const name of Object.keys(options) as OptionName[]) {
		const def = optionTable[name];
		if (!def) continue; // the schema refuses unknown names first
		if (!allowed.includes(name)) {
			problems.push(optionModeProblem(mode, name));
			continue;
		}
		const value = options[name];
		const problem = value === undefined ? null : (def.check as ((v: unknown) => string | null) | undefined)?.(value);
		if (problem) problems.push(`options.${name} ${problem}.`);
	}
	return problems;
}

/**
 * The options as the runner sees them: neutral values dropped and lists sorted, so that one job
 * has one cache key however its request spelled it.
 */
export function normalizeOptions(mode: Mode, options: RunOptions): RunOptions {
	const kept: Record<string, unknown> = {};
	for (const name of optionNames) {
		const def = optionTable[name] as OptionDef<unknown>;
		const value = options[name] === undefined || !def.normalize ? options[name] : def.normalize(options[name]);
		if (value === undefined) continue;
		const neutral = def.neutral;
		if (JSON.stringify(value) === JSON.stringify(neutral)) continue;
		kept[name] = Array.isArray(value) ? [...value].sort() : value;
	}
	// One run is what -count means when a test request does not say.
	if (mode === 'test' && kept.count === 1) delete kept.count;
	return kept as RunOptions;
}

/** `//playbook:options key=value …`: every option checked as the server checks a request's. */
export function parseSnippetOptions(text: string): RunOptions | { problem: string } {
	const options: Record<string, unknown> = {};
	for (const token of text.trim().split(/\s+/).filter(Boolean)) {
		const [key = '', value] = token.split(/=(.*)/s);
		if (!(key in optionTable)) return { problem: `unknown option ${key}; options are ${optionNames.join(', ')}` };
		const def = optionTable[key as OptionName] as OptionDef<unknown>;
		const parsed = def.parse(value);
		if (typeof parsed === 'object' && parsed !== null && 'problem' in parsed) return parsed as { problem: string };
		const problem = def.check?.(parsed);
		if (problem) return { problem: `${key} ${problem}` };
		options[key] = parsed;
	}
	return options as RunOptions;
}

/**
 * The `//playbook:options` text of `options`, which parseSnippetOptions reads back to the same
 * options: what Copy puts above copied code so the settings travel with it. A bare name for true;
 * white space in a regexp is written as its code point (\x{20}), since the line's tokens are split at it.
 */
export function formatSnippetOptions(options: RunOptions): string {
	return optionNames
		.filter((n) => options[n] !== undefined)
		.map((n) => {
			const v = options[n];
			if (v === true) return n;
			const text = Array.isArray(v) ? v.join(',') : String(v);
			return `${n}=${text.replace(/\s/gu, (c) => `\\x{${c.codePointAt(0)!.toString(16)}}`)}`;
		})
		.join(' ');
}

/** The options of `options` that `mode` takes (a snippet's options serve all its modes). */
export function optionsForMode(mode: Mode, options: RunOptions): RunOptions {
	return Object.fromEntries(optionsByMode[mode].filter((n) => options[n] !== undefined).map((n) => [n, options[n]])) as RunOptions;
}
