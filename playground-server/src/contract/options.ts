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
	/** benchtime as a duration, in milliseconds. */
	maxBenchtimeMs: 2000,
	/** benchtime as an iteration count ("1000x"). */
	maxBenchtimeIterations: 100_000_000,
	maxBenchRegexpLength: 200,
} as const;

const durationUnits = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000 } as const;

/** Go's duration syntax as `testing` reads -benchtime (one number, one unit), or an iteration count. */
export const benchtimePattern = '^(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ns|us|µs|μs|ms|s)|[0-9]+x)$';
const benchtimeRe = new RegExp(benchtimePattern);

/** Milliseconds of a -benchtime duration, null for an iteration count ("1000x"), NaN when malformed. */
export function benchtimeMs(value: string): number | null {
	if (!benchtimeRe.test(value)) return Number.NaN;
	if (value.endsWith('x')) return null;
	const m = /^([0-9.]+)(.+)$/.exec(value)!;
	return Number(m[1]) * durationUnits[m[2] as keyof typeof durationUnits];
}

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
	/** Reads `key=value` (value undefined for a bare `key`) from `//playbook:options`. */
	parse: (value: string | undefined) => T | { problem: string };
}

const boolean = (name: string) => (value: string | undefined) =>
	value === undefined || value === 'true' ? true : value === 'false' ? false : { problem: `${name}, ${name}=true or ${name}=false` };

function checkBenchtime(value: string): string | null {
	const ms = benchtimeMs(value);
	if (Number.isNaN(ms)) return `"${value}" is not a duration like 200ms or an iteration count like 1000x`;
	if (ms === null) {
		const n = Number(value.slice(0, -1));
		return n >= 1 && n <= optionLimits.maxBenchtimeIterations ? null : `"${value}" must be from 1x to ${optionLimits.maxBenchtimeIterations}x iterations`;
	}
	return ms > 0 && ms <= optionLimits.maxBenchtimeMs
		? null
		: `"${value}" is ${ms > 0 ? 'longer than' : 'not within'} the limit: use a duration above 0 and up to ${optionLimits.maxBenchtimeMs / 1000}s, e.g. "200ms" or "1s"`;
}

function checkGodebug(value: readonly GodebugSetting[]): string | null {
	const keys = value.map((g) => g.split('=')[0]);
	const twice = keys.find((k, i) => keys.indexOf(k) !== i);
	return twice ? `sets ${twice} twice; keep one value` : null;
}

/** Declares an option whose values have type T (the table's types are derived from these). */
const option = <T>(def: OptionDef<T>): OptionDef<T> => def;

export const optionTable = {
	benchtime: option<string>({
		modes: ['bench'],
		description: `-benchtime: a duration above 0 and up to ${optionLimits.maxBenchtimeMs / 1000}s ("100ms", "1s") or an iteration count from 1x to ${optionLimits.maxBenchtimeIterations}x. Default 1s.`,
		schema: { type: 'string', maxLength: 16, pattern: benchtimePattern },
		check: checkBenchtime,
		parse: (v) => (v ? v : { problem: 'benchtime=<duration or count>, e.g. benchtime=200ms or benchtime=1000x' }),
	}),
	count: option<number>({
		modes: ['bench', 'test'],
		description: `-count: runs of each benchmark or test, 1–${optionLimits.maxCount}.`,
		schema: { type: 'integer', minimum: 1, maximum: optionLimits.maxCount },
		parse: (v) => {
			const n = Number(v);
			return v !== undefined && /^\d+$/.test(v) && n >= 1 && n <= optionLimits.maxCount ? n : { problem: `count is a whole number from 1 to ${optionLimits.maxCount}` };
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
		modes: ['escape', 'run', 'bench', 'test'],
		description: 'false compiles with -l (no inlining), which makes escape analysis easier to read.',
		schema: { type: 'boolean' },
		neutral: true,
		parse: boolean('inlining'),
	}),
	godebug: option<GodebugSetting[]>({
		modes: ['run', 'bench', 'test'],
		description: 'GODEBUG settings for the program, from an allow-list, each key once.',
		schema: { type: 'array', maxItems: allowedGodebug.length, uniqueItems: true, items: { type: 'string', enum: [...allowedGodebug] } },
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
		description: 'Build with the race detector (-race).',
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
export const optionsByMode = Object.fromEntries(modes.map((m) => [m, optionNames.filter((n) => optionTable[n].modes.includes(m))])) as unknown as Record<Mode, readonly OptionName[]>;

/** The JSON schema of `options` (the shapes; `optionProblems` adds what a schema cannot state). */
export function optionsSchema(): Record<string, unknown> {
	return {
		type: 'object',
		description: 'Optional, each bounded; only those of the request\'s mode are accepted. Nothing else reaches the toolchain.',
		additionalProperties: false,
		properties: Object.fromEntries(
			optionNames.map((n) => [n, { ...optionTable[n].schema, description: `${optionTable[n].modes.join(', ')}: ${optionTable[n].description}` }]),
		),
	};
}

/**
 * What is wrong with a job's options beyond their shapes: options its mode does not take, and
 * the rules of the table a schema cannot state. Each problem names the option and what to do.
 */
export function optionProblems(mode: Mode, options: RunOptions): string[] {
	const problems: string[] = [];
	const allowed = optionsByMode[mode];
	for (const name of Object.keys(options) as OptionName[]) {
		const def = optionTable[name];
		if (!def) continue; // the schema refuses unknown names first
		if (!allowed.includes(name)) {
			const elsewhere = def.modes;
			problems.push(
				`options.${name} does not apply to mode "${mode}" (only to ${elsewhere.join(', ')}). Remove it, or use ${elsewhere.length > 1 ? 'one of those modes' : `mode "${elsewhere[0]}"`}. Mode "${mode}" takes: ${allowed.join(', ')}.`,
			);
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
		const value = options[name];
		if (value === undefined) continue;
		const neutral = optionTable[name].neutral;
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

/** The options of `options` that `mode` takes (a snippet's options serve all its modes). */
export function optionsForMode(mode: Mode, options: RunOptions): RunOptions {
	return Object.fromEntries(optionsByMode[mode].filter((n) => options[n] !== undefined).map((n) => [n, options[n]])) as RunOptions;
}
