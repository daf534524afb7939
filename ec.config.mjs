// Expressive Code settings that cannot live in astro.config.mjs (plugins are not serialisable).
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { pluginDiagnostics } from './src/expressive-code/diagnostics.ts';

export default defineEcConfig({
	plugins: [pluginDiagnostics()],
});
