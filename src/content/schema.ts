import { z } from 'astro/zod';
import { compareGoVersions, goVersionPattern, kinds, severities, topics } from './taxonomy.ts';

const goVersion = z
	.string()
	.regex(goVersionPattern, { error: 'must be a Go minor version written like "1.24"' });

/**
 * Frontmatter fields the Playbook adds to Starlight's. `kind` is absent on section indexes and
 * other navigation pages; every knowledge page has one, and only pages with a kind are listed in
 * the catalogue and carry search filters.
 */
export const playbookFrontmatter = z
	.object({
		kind: z.enum(kinds).optional(),
		topics: z.array(z.enum(topics)).default([]),
		severity: z.enum(severities).optional(),
		/** The Go versions this page's claims hold for. */
		go: z
			.strictObject({ since: goVersion.optional(), until: goVersion.optional() })
			.refine((g) => !g.since || !g.until || compareGoVersions(g.since, g.until) <= 0, {
				error: '`since` must not be later than `until`',
			})
			.optional(),
	})
	.superRefine((data, ctx) => {
		if (data.kind === 'anti-pattern' && !data.severity) {
			ctx.addIssue({
				code: 'custom',
				path: ['severity'],
				message: `an anti-pattern needs a severity: one of ${severities.map((s) => `"${s}"`).join(', ')}`,
			});
		}
		if (data.severity && data.kind !== 'anti-pattern') {
			ctx.addIssue({
				code: 'custom',
				path: ['severity'],
				message: 'only pages of kind "anti-pattern" have a severity',
			});
		}
		if (data.kind && data.topics.length === 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['topics'],
				message: `a page with a kind needs at least one topic, from: ${topics.join(', ')}`,
			});
		}
	});

export type PlaybookFrontmatter = z.infer<typeof playbookFrontmatter>;
