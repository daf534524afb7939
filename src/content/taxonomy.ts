/**
 * The closed vocabularies of the knowledge base. One place: the content schema validates against
 * these lists, the page badges and the catalogue label them, and the Pagefind filters use them.
 */

export const kinds = ['rule', 'anti-pattern', 'technique', 'checklist', 'internals', 'tool', 'reference'] as const;
export type Kind = (typeof kinds)[number];

export const kindLabels: Record<Kind, string> = {
	rule: 'Golden rule',
	'anti-pattern': 'Anti-pattern',
	technique: 'Technique',
	checklist: 'Checklist',
	internals: 'Internals',
	tool: 'Tool',
	reference: 'Reference',
};

export const topics = [
	'maps',
	'slices',
	'strings',
	'escape-analysis',
	'gc',
	'allocator',
	'sync-pool',
	'sync-map',
	'interfaces',
	'unsafe',
	'goroutines',
	'concurrency',
	'profiling',
	'benchmarks',
	'runtime-metrics',
	'json',
	'generics',
	'weak-pointers',
] as const;
export type Topic = (typeof topics)[number];

export const severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

/** Go versions are written as they are in go.mod: "1.24", never "1.24.0" or "go1.24". */
export const goVersionPattern = /^1\.(0|[1-9]\d*)$/;

/** Compares "1.9" and "1.24" numerically, as Go versions, not as strings. */
export function compareGoVersions(a: string, b: string): number {
	const minor = (v: string) => Number(v.split('.')[1]);
	return minor(a) - minor(b);
}
