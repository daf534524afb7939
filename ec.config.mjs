// Expressive Code settings that cannot live in astro.config.mjs (plugins are not serialisable).
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { pluginLineNumbers } from '@expressive-code/plugin-line-numbers';
import { pluginDiagnostics } from './src/expressive-code/diagnostics.ts';

export default defineEcConfig({
	// Line numbers only where a message names main.go:N: on the playgrounds' code (Playground.astro
	// turns them on), not on the prose's short examples. Long lines wrap (indented as they began)
	// instead of running past the column, at 1280 px as on a phone.
	plugins: [pluginDiagnostics(), pluginLineNumbers()],
	defaultProps: { showLineNumbers: false, wrap: true },
});
