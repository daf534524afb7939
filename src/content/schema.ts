import { z } from 'astro/zod';
import { compareGoVersions, goVersionPattern, kinds, severities, topics } from './taxonomy.ts';

/**
 * Error messages are written for the person who wrote the frontmatter: Astro prints them as
 * `<field path>: <message>` under the file's name, so each one says what was found and what is
 * allowed, e.g.
 *   kind: "rulez" is not a kind; use one of: rule, anti-pattern, technique, …
 */

/** `"x"` for strings, the JSON (or type) of anything else, for messages. */
export function shown(input: unknown): string {
	if (input === undefined) return 'nothing';
	if (typeof input === 'string') return JSON.stringify(input);
	try {
		return JSON.stringify(input) ?? typeof input;
	} catch {
		return typeof input;
	}
}

const list = (values: readonly string[]) => values.join(', ');

const kind = z.enum(kinds, {
	error: (issue) => `${shown(issue.input)} is not a kind; use one of: ${list(kinds)}`,
});

const topic = z.enum(topics, {
	error: (issue) => `${shown(issue.input)} is not a known topic; use one of: ${list(topics)} (new topics are added in src/content/taxonomy.ts)`,
});

const severity = z.enum(severities, {
	error: (issue) => `${shown(issue.input)} is not a severity; use one of: ${list(severities)}`,
});

const goVersion = z.string({ error: (issue) => `${shown(issue.input)} is not a Go version; write it as a string like "1.24"` }).regex(goVersionPattern, {
	error: (issue) => `${shown(issue.input)} is not a Go version written like "1.24" (major.minor: no patch, no "go" prefix)`,
});

const goRange = z
	.strictObject(
		{ since: goVersion.optional(), until: goVersion.optional() },
		{
			error: (issue) =>
				issue.code === 'unrecognized_keys'
					? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}; the keys are since and until, e.g. { since: "1.24" }`
					: `${shown(issue.input)} is not a Go version range; write { since: "1.24" }, { until: "1.23" } or both`,
		},
	)
	.refine((g) => !g.since || !g.until || compareGoVersions(g.since, g.until) <= 0, {
		error: (issue) => {
			const g = issue.input as { since?: string; until?: string };
			return `since ("${g.since}") must not be later than until ("${g.until}")`;
		},
	});

/**
 * Frontmatter fields the Playbook adds to Starlight's. `kind` is absent on section indexes and
 * other navigation pages; every knowledge page has one, and only pages with a kind are listed in
 * the catalogue and carry search filters.
 */
// Strict: Starlight merges its fields into this object, so an unknown key (most often a misspelt
// one, like `severty:`) fails the build instead of being dropped without a word.
export const playbookFrontmatter = z
	.strictObject(
		{
			kind: kind.optional(),
			topics: z
				.array(topic, {
					error: (issue) => `${shown(issue.input)} is not a list of topics; write e.g. topics: [maps, gc]`,
				})
				.default([]),
			severity: severity.optional(),
			/** The Go versions this page's claims hold for. */
			go: goRange.optional(),
		},
		{
			error: (issue) =>
				issue.code === 'unrecognized_keys'
					? `unknown frontmatter field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: check the spelling. The Playbook's fields are kind, topics, severity and go; the others are Starlight's (title, description, sidebar, template, hero, …)`
					: undefined,
		},
	)
	.superRefine((data, ctx) => {
		if (data.kind === 'anti-pattern' && !data.severity) {
			ctx.addIssue({
				code: 'custom',
				path: ['severity'],
				message: `missing: an anti-pattern needs a severity, one of: ${list(severities)}`,
			});
		}
		if (data.severity && data.kind !== 'anti-pattern') {
			ctx.addIssue({
				code: 'custom',
				path: ['severity'],
				message: `only pages of kind "anti-pattern" have a severity; this page's kind is ${shown(data.kind)}`,
			});
		}
		if (data.kind && data.topics.length === 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['topics'],
				message: `missing: a page with a kind needs at least one topic, from: ${list(topics)}`,
			});
		}
	});

export type PlaybookFrontmatter = z.infer<typeof playbookFrontmatter>;
