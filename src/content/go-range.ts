import type { PlaybookFrontmatter } from './schema.ts';

/** "Go 1.24+", "Go ≤ 1.23", "Go 1.21–1.23": how a page's version range is written everywhere. */
export function goRangeLabel(go: NonNullable<PlaybookFrontmatter['go']>): string {
	if (go.since && go.until) return `Go ${go.since}–${go.until}`;
	if (go.since) return `Go ${go.since}+`;
	if (go.until) return `Go ≤ ${go.until}`;
	return 'all Go versions';
}
