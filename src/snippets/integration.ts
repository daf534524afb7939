/**
 * Astro integration: reports the Go work the build did for its snippets, and stops the build's
 * runner. With PLAYBOOK_EXPECT_NO_GO_WORK=1 (set by `npm test`, whose verify step has already
 * produced every result) a build that had to run Go fails: that is the proof that a rebuild with
 * nothing changed does no Go work.
 */
import type { AstroIntegration } from 'astro';
import { disposeRunner, snippetStats } from './results.ts';

export function snippetsIntegration(): AstroIntegration {
	return {
		name: 'playbook-snippets',
		hooks: {
			'astro:build:done': async ({ logger }) => {
				await disposeRunner();
				const s = snippetStats();
				const modes = Object.entries(s.byMode)
					.map(([m, n]) => `${n} ${m}`)
					.join(', ');
				logger.info(
					`Go work for snippets: ${s.runs} run${s.runs === 1 ? '' : 's'}${modes ? ` (${modes})` : ''}, ${(s.goMs / 1000).toFixed(1)} s of job time; ${s.cacheHits} result${s.cacheHits === 1 ? '' : 's'} from the cache`,
				);
				if (process.env.PLAYBOOK_EXPECT_NO_GO_WORK === '1' && s.runs > 0) {
					throw new Error(`expected a build with no Go work (every result cached by the verify step), but it ran Go ${s.runs} times`);
				}
			},
		},
	};
}
