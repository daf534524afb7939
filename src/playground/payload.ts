/**
 * What a playground starts from, as one payload type with one reader. Two producers write it: the
 * build renders it into every playground (`<script type="application/json" data-baked>`, from
 * Playground.astro and PlayPage.astro), and a share link carries it in the URL (`#play=…`,
 * share.ts). Both reach the island as JSON it cannot trust — a page from another build, a link
 * edited by hand — so `readPayload` checks every field and names the first one that is wrong,
 * instead of the island failing later on a property that is not there.
 *
 * Browser-safe: the island imports it; the build uses `bakePayload` to refuse its own mistakes.
 */
import type { Mode, RunOptions, RunResult } from '@playbook/engine/contract';
import { fileNamePattern, modes, optionTable, requestLimits, type OptionName } from '@playbook/engine/contract';

export type Files = Record<string, string>;

/** /play: code the reader can start from. */
export interface Template {
	name: string;
	label: string;
	files: Files;
}

/** Every field a payload may carry, and its type; `shapes` says which each producer must write. */
export interface PayloadFields {
	/** The format's version: a payload of another format is refused rather than misread. */
	v: 1;
	/** The snippet ("basics/new-counter"), or "play" for /play. */
	id: string;
	/** The snippet's src ("basics/new-counter/main.go"), which tells two playgrounds of one snippet apart; "" on /play. */
	src: string;
	/** The file shown first: one of `files`. */
	file: string;
	files: Files;
	/** Baked: the snippet's `//playbook:options`. A link: the toolbar's escapeDetail, count and benchtime. */
	options: RunOptions;
	/** The action a link opens on. */
	action: Mode;
	/** What the build recorded, by mode. */
	results: Partial<Record<Mode, RunResult>>;
	hasTests: boolean;
	hasBenchmarks: boolean;
	isMain: boolean;
	/** "file:line" of the lines the snippet's claims are about. */
	claimedLines: string[];
	templates: Template[];
}

const shapes = {
	baked: {
		required: ['v', 'id', 'src', 'file', 'files', 'options', 'results', 'hasTests', 'hasBenchmarks', 'isMain'],
		optional: ['claimedLines', 'templates'],
	},
	// No files: the snippet's own code. No options: an older link, before links kept the settings.
	link: { required: ['v', 'id', 'action'], optional: ['src', 'files', 'options'] },
} as const satisfies Record<string, { required: readonly (keyof PayloadFields)[]; optional: readonly (keyof PayloadFields)[] }>;

export type PayloadKind = keyof typeof shapes;
type Shape<K extends PayloadKind> = (typeof shapes)[K];
export type Payload<K extends PayloadKind> = Pick<PayloadFields, Shape<K>['required'][number]> & Partial<Pick<PayloadFields, Shape<K>['optional'][number]>>;
/** What the build renders into each playground. */
export type BakedPayload = Payload<'baked'>;
/** What a share link carries. */
export type SharedPayload = Payload<'link'>;

export type Parsed<T> = { ok: true; payload: T } | { ok: false; problem: string };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const show = (x: unknown) => (x === undefined ? 'undefined' : JSON.stringify(x).slice(0, 60));

/** The shape of a result the island can render (the server's answers are checked with it too). */
export const isRunResult = (x: unknown): x is RunResult =>
	isObject(x) && modes.includes(x['mode'] as Mode) && typeof x['ok'] === 'boolean' && Array.isArray(x['diagnostics']) && Array.isArray(x['benchmarks']);

function filesProblem(x: unknown): string | null {
	if (!isObject(x)) return `${show(x)} is not an object of file name → Go source`;
	const names = Object.keys(x);
	if (names.length === 0 || names.length > requestLimits.maxFiles) return `holds ${names.length} files; a playground has 1 to ${requestLimits.maxFiles}`;
	const bad = names.find((n) => !fileNamePattern.test(n));
	if (bad !== undefined) return `${show(bad)} is not a file the playground runs (a .go file or go.mod, no folders)`;
	const notText = names.find((n) => typeof x[n] !== 'string');
	return notText === undefined ? null : `${show(notText)} is ${show(x[notText])}, not Go source text`;
}

function optionsProblem(x: unknown): string | null {
	if (!isObject(x)) return `${show(x)} is not an object of options`;
	for (const [name, value] of Object.entries(x)) {
		const def = optionTable[name as OptionName] as { parse(v: string): unknown; check?: (v: unknown) => string | null; description: string } | undefined;
		if (!def) return `${show(name)} is not an option; options are ${Object.keys(optionTable).join(', ')}`;
		// Read back as a snippet writes it (`//playbook:options`), the value must come out the same:
		// that checks its type and bounds with the table's own rules.
		const parsed = def.parse(Array.isArray(value) ? value.join(',') : String(value));
		if (isObject(parsed) || JSON.stringify(parsed) !== JSON.stringify(value)) return `${name} is ${show(value)}; ${def.description}`;
		const problem = def.check?.(parsed);
		if (problem) return `${name} ${problem}`;
	}
	return null;
}

type Check = (x: unknown) => string | null;
/** A check that says what the field must be: `id: "" is not a snippet name`. */
const must =
	(ok: (x: unknown) => boolean, what: string): Check =>
	(x) =>
		ok(x) ? null : `${show(x)} is not ${what}`;
const isString = (x: unknown) => typeof x === 'string';
const isMode = (x: unknown) => modes.includes(x as Mode);
const boolean = must((x) => typeof x === 'boolean', 'true or false');

const checks: { [F in keyof PayloadFields]: Check } = {
	v: must((x) => x === 1, '1: it comes from another version of the site'),
	id: must((x) => isString(x) && x !== '', 'a snippet name'),
	src: must(isString, 'a string'),
	file: must(isString, 'a file name'),
	files: filesProblem,
	options: optionsProblem,
	action: must(isMode, `an action: ${modes.join(', ')}`),
	results: (x) => {
		if (!isObject(x)) return `${show(x)} is not an object of results by action`;
		const bad = Object.keys(x).find((m) => !isRunResult(x[m]) || x[m].mode !== m);
		return bad === undefined ? null : `${show(bad)} holds no result of that action (${modes.join(', ')})`;
	},
	hasTests: boolean,
	hasBenchmarks: boolean,
	isMain: boolean,
	claimedLines: must((x) => Array.isArray(x) && x.every((l) => isString(l) && /:\d+$/.test(l)), 'a list of "file:line"'),
	templates: (x) =>
		Array.isArray(x) && x.length > 0 && x.every((t) => isObject(t) && isString(t['name']) && isString(t['label']) && !filesProblem(t['files']))
			? null
			: 'must be a list of templates, each with a name, a label and files',
};

/**
 * Reads a payload of the given kind from its JSON text (or parsed JSON): the payload, or the first
 * problem as "field: what is wrong with it". Fields it does not know are left alone.
 */
export function readPayload<K extends PayloadKind>(kind: K, data: unknown): Parsed<Payload<K>> {
	const fail = (problem: string): Parsed<Payload<K>> => ({ ok: false, problem });
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			return fail('the data is not JSON');
		}
	}
	if (!isObject(data)) return fail(`the data is ${show(data)}, not a JSON object`);
	const { required, optional } = shapes[kind];
	for (const f of required) if (data[f] === undefined) return fail(`${f}: missing`);
	for (const f of [...required, ...optional] as (keyof PayloadFields)[]) {
		const problem = data[f] === undefined ? null : checks[f](data[f]);
		if (problem) return fail(`${f}: ${problem}`);
	}
	const { file, files } = data as Partial<PayloadFields>;
	if (file !== undefined && files && !Object.hasOwn(files, file)) return fail(`file: ${show(file)} is not one of files (${Object.keys(files).join(', ')})`);
	return { ok: true, payload: data as Payload<K> };
}

/** The build's side: the payload as the JSON of a `<script>` (`<` escaped so it cannot end it); throws naming the field the build got wrong. */
export function bakePayload(payload: BakedPayload): string {
	const read = readPayload('baked', payload);
	if (!read.ok) throw new Error(`The playground payload for ${show(payload.src || payload.id)} is wrong: ${read.problem}`);
	return JSON.stringify(payload).replace(/</g, '\\u003c');
}
