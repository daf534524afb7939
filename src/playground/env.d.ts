interface ImportMetaEnv {
	/** The playground API's base URL (build time); empty: the site's own origin. */
	readonly PUBLIC_PLAYGROUND_API?: string;
}

/** The island's URL and the share link's prefix, for the loader (src/build/island-entry.ts). */
declare module 'virtual:playbook/island' {
	export const url: string;
	export const linkPrefix: string;
}

/** The editor's URL, for the island (src/build/island-entry.ts). */
declare module 'virtual:playbook/editor' {
	export const url: string;
}
