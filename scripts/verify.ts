/**
 * `npm run verify [-- <filter>…]`: compiles and runs every snippet under content/snippets in the
 * sandbox and checks every claim against what the toolchain said; also checks that every
 * <Playground src="…"> in the pages names an existing snippet file. Exits non-zero on any failure.
 * A filter keeps the snippets whose id contains it (e.g. `npm run verify -- maps/clear`).
 */
import { brokenReferences, listSnippets, loadSnippet, playgroundReferences } from '../src/snippets/catalog.ts';
import { checkSnippet } from '../src/snippets/check.ts';
import { defaultGoRelease } from '@playbook/engine/contract';
import { disposeRunner, snippetResults, snippetStats } from '../src/snippets/results.ts';

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const started = performance.now();
let passed = 0;
let failed = 0;

for (const problem of brokenReferences(await playgroundReferences())) {
	failed++;
	console.log(`FAIL ${problem}`);
}

const ids = (await listSnippets()).filter((id) => filters.length === 0 || filters.some((f) => id.includes(f)));
console.log(`verifying ${ids.length} snippet${ids.length === 1 ? '' : 's'} with go${defaultGoRelease}, and each on the other releases its claims name`);
// Snippets are checked concurrently; results.ts keeps ordinary jobs to two at a time and runs
// each benchmark alone.
await Promise.all(
	ids.map(async (id) => {
		try {
			const spec = await loadSnippet(id);
			let failures = checkSnippet(spec, await snippetResults(spec));
			let again = '';
			if (failures.length > 0) {
				// A claim about time is measured on a machine that may have been busy, then and now,
				// and a stored result keeps that moment: run the snippet afresh once before failing it.
				// A claim that is wrong fails both times.
				failures = checkSnippet(spec, await snippetResults(spec, { refresh: true }));
				again = ' (on a second, fresh run)';
			}
			const on = spec.releases.length > 1 ? ` (${spec.releases.map((r) => `go${r}`).join(', ')})` : '';
			if (failures.length === 0) {
				passed++;
				console.log(`ok   ${id}${on}${again}`);
			} else {
				failed++;
				console.log(`FAIL ${id}\n${failures.map((f) => `  ${f.where}: ${f.message}`).join('\n')}`);
			}
		} catch (e) {
			failed++;
			console.log(`FAIL ${id}: ${(e as Error).message}`);
		}
	}),
);
await disposeRunner();
const s = snippetStats();
console.log(
	`\nGo work: ${s.runs} runs (${
		Object.entries(s.byMode)
			.map(([m, n]) => `${n} ${m}`)
			.join(', ') || 'none'
	}), ${s.cacheHits} cached, ${(s.goMs / 1000).toFixed(1)} s of job time; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`snippets: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
