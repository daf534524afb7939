interface ImportMetaEnv {
	/** The playground API's base URL (build time); empty: the site's own origin. */
	readonly PUBLIC_PLAYGROUND_API?: string;
}
