/**
 * The frontmatter schema on its own: what it accepts, and that every rejection names the field,
 * the value found and the allowed values. test/build/schema-errors.test.ts proves the same
 * messages stop a real `astro build`, naming the file.
 */
import { describe, expect, test } from 'vitest';
import { playbookFrontmatter } from '../../src/content/schema.ts';
import { compareGoVersions, goVersionPattern, kinds, severities, topics } from '../../src/content/taxonomy.ts';
import { goRangeLabel } from '../../src/content/go-range.ts';

/** The issues of a failed parse as "path: message" lines; fails the test when the parse succeeds. */
function issues(data: unknown): string[] {
	const r = playbookFrontmatter.safeParse(data);
	if (r.success) throw new Error(`expected ${JSON.stringify(data)} to be rejected, got ${JSON.stringify(r.data)}`);
	return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('playbookFrontmatter accepts', () => {
	test('a navigation page with no Playbook fields (topics default to [])', () => {
		expect(playbookFrontmatter.parse({})).toEqual({ topics: [] });
	});

	test('every kind, with a topic', () => {
		for (const kind of kinds.filter((k) => k !== 'anti-pattern')) {
			expect(playbookFrontmatter.parse({ kind, topics: ['maps'] }).kind).toBe(kind);
		}
	});

	test('an anti-pattern with each severity', () => {
		for (const severity of severities) {
			expect(playbookFrontmatter.parse({ kind: 'anti-pattern', topics: ['gc'], severity }).severity).toBe(severity);
		}
	});

	test('every topic', () => {
		expect(playbookFrontmatter.parse({ kind: 'rule', topics: [...topics] }).topics).toEqual([...topics]);
	});

	test('Go ranges: since, until, both, equal ends; minor versions compare as numbers', () => {
		for (const go of [{ since: '1.24' }, { until: '1.23' }, { since: '1.9', until: '1.24' }, { since: '1.22', until: '1.22' }]) {
			expect(playbookFrontmatter.parse({ kind: 'internals', topics: ['maps'], go }).go).toEqual(go);
		}
	});
});

describe('playbookFrontmatter rejects, naming the field, the value and what is allowed', () => {
	test('a misspelt field, instead of dropping it', () => {
		const [issue, ...rest] = issues({ kind: 'anti-pattern', severty: 'high', topics: ['maps'] });
		expect(issue).toMatch(/^: unknown frontmatter field "severty": check the spelling/);
		expect(rest).toEqual(['severity: missing: an anti-pattern needs a severity, one of: low, medium, high, critical']);
	});

	test('an unknown kind', () => {
		expect(issues({ kind: 'rulez', topics: ['maps'] })).toEqual([`kind: "rulez" is not a kind; use one of: ${kinds.join(', ')}`]);
	});

	test('an unknown topic, by its position in the list', () => {
		const [issue, ...rest] = issues({ kind: 'rule', topics: ['maps', 'mapz'] });
		expect(rest).toEqual([]);
		expect(issue).toMatch(/^topics\.1: "mapz" is not a known topic; use one of: maps, slices, strings, escape-analysis, /);
		for (const t of topics) expect(issue).toContain(t);
	});

	test('topics written as a string instead of a list', () => {
		expect(issues({ kind: 'rule', topics: 'maps' })).toEqual(['topics: "maps" is not a list of topics; write e.g. topics: [maps, gc]']);
	});

	test('a page with a kind and no topic', () => {
		expect(issues({ kind: 'rule' })).toEqual([`topics: missing: a page with a kind needs at least one topic, from: ${topics.join(', ')}`]);
	});

	test('an anti-pattern without a severity', () => {
		expect(issues({ kind: 'anti-pattern', topics: ['maps'] })).toEqual([
			'severity: missing: an anti-pattern needs a severity, one of: low, medium, high, critical',
		]);
	});

	test('an unknown severity', () => {
		expect(issues({ kind: 'anti-pattern', topics: ['maps'], severity: 'huge' })).toEqual([
			'severity: "huge" is not a severity; use one of: low, medium, high, critical',
		]);
	});

	test('a severity on a page that is not an anti-pattern', () => {
		expect(issues({ kind: 'rule', topics: ['maps'], severity: 'high' })).toEqual([
			`severity: only pages of kind "anti-pattern" have a severity; this page's kind is "rule"`,
		]);
	});

	test.each([
		['1.24.0', 'a patch version'],
		['go1.24', 'a go prefix'],
		['1.024', 'a leading zero'],
		['2.0', 'another major version'],
		['', 'an empty string'],
	])('a malformed Go version: %j (%s)', (since) => {
		expect(issues({ kind: 'rule', topics: ['gc'], go: { since } })).toEqual([
			`go.since: ${JSON.stringify(since)} is not a Go version written like "1.24" (major.minor: no patch, no "go" prefix)`,
		]);
	});

	test('a Go version written as a YAML number (1.20 would silently become 1.2)', () => {
		expect(issues({ kind: 'rule', topics: ['gc'], go: { until: 1.2 } })).toEqual(['go.until: 1.2 is not a Go version; write it as a string like "1.24"']);
	});

	test('go written as a plain version instead of a range', () => {
		expect(issues({ kind: 'rule', topics: ['gc'], go: '1.24' })).toEqual([
			'go: "1.24" is not a Go version range; write { since: "1.24" }, { until: "1.23" } or both',
		]);
	});

	test('a misspelt key in the Go range', () => {
		expect(issues({ kind: 'rule', topics: ['gc'], go: { sinse: '1.24' } })).toEqual([
			'go: unknown key "sinse"; the keys are since and until, e.g. { since: "1.24" }',
		]);
	});

	test('a range that ends before it starts (compared as versions: 1.9 < 1.24)', () => {
		expect(issues({ kind: 'rule', topics: ['gc'], go: { since: '1.24', until: '1.9' } })).toEqual(['go: since ("1.24") must not be later than until ("1.9")']);
	});

	test('several mistakes at once are all reported', () => {
		expect(issues({ kind: 'rulez', topics: ['mapz'], go: { since: '1.24.1' } }).map((i) => i.split(':')[0])).toEqual(['kind', 'topics.0', 'go.since']);
	});
});

describe('taxonomy helpers', () => {
	test('goVersionPattern takes go.mod-style minor versions only', () => {
		expect(['1.0', '1.9', '1.24', '1.100'].filter((v) => goVersionPattern.test(v))).toHaveLength(4);
		expect(['1', '1.', '1.24.0', 'go1.24', ' 1.24', '1.24 ', '01.24'].filter((v) => goVersionPattern.test(v))).toEqual([]);
	});

	test('compareGoVersions orders numerically, not as strings', () => {
		expect(compareGoVersions('1.9', '1.24')).toBeLessThan(0);
		expect(compareGoVersions('1.24', '1.24')).toBe(0);
		expect(compareGoVersions('1.26', '1.3')).toBeGreaterThan(0);
	});

	test('goRangeLabel writes ranges the same way everywhere', () => {
		expect(goRangeLabel({ since: '1.24' })).toBe('Go 1.24+');
		expect(goRangeLabel({ until: '1.23' })).toBe('Go ≤ 1.23');
		expect(goRangeLabel({ since: '1.21', until: '1.23' })).toBe('Go 1.21–1.23');
		expect(goRangeLabel({})).toBe('all Go versions');
	});

	test('the vocabularies have no duplicates', () => {
		for (const vocabulary of [kinds, topics, severities]) expect(new Set(vocabulary).size).toBe(vocabulary.length);
	});
});
