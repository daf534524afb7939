import { getCollection, type CollectionEntry } from 'astro:content';
import { kinds, type Kind } from './taxonomy.ts';

export type KnowledgePage = CollectionEntry<'docs'> & { data: { kind: Kind } };

/** Every knowledge page (a page with a kind), in section order, then by sidebar order and title. */
export async function knowledgePages(): Promise<KnowledgePage[]> {
	const entries = await getCollection('docs', (e) => e.data.kind !== undefined && !e.data.draft);
	return (entries as KnowledgePage[]).sort(
		(a, b) =>
			kinds.indexOf(a.data.kind) - kinds.indexOf(b.data.kind) ||
			(a.data.sidebar.order ?? Infinity) - (b.data.sidebar.order ?? Infinity) ||
			a.data.title.localeCompare(b.data.title),
	);
}

/** The URL Starlight gives an entry (ids are slugs; the site uses trailing slashes). */
export function pageHref(entry: CollectionEntry<'docs'>): string {
	return `/${entry.id}/`;
}
