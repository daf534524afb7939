/**
 * What the build needs to render a snippet: its display code, its results (from the result cache
 * or the sandbox) and whether its claims hold. Node-only; the browser gets the JSON it produces.
 */
import { AstroError } from 'astro/errors';
import { defaultGoRelease, goMinor, type RunOptions } from '@playbook/engine/contract';
import { compareGoVersions } from '../content/taxonomy.ts';
import { loadSnippet, snippetsRoot, splitSrc } from './catalog.ts';
import { checkSnippet, type CheckFailure } from './check.ts';
import { snippetResults, type SnippetResults, type SnippetRuns } from './results.ts';
import { hasClaims, type SnippetSpec } from './expectations.ts';

export interface BakedSnippet {
	/** "maps/clear" */
	id: string;
	/** The file the page shows first. */
	file: string;
	/** Display files (claims removed), as readers see, edit and run them. */
	files: Record<string, string>;
	options: RunOptions;
	/** Its results on the default Go release (what the page shows and the playground starts from). */
	results: SnippetResults;
	/** Its results on every release it is checked on, newest first (the default among them). */
	runs: SnippetRuns;
	/** How many claims the checker verified (0 when any failed). */
	claims: number;
	failures: CheckFailure[];
	spec: SnippetSpec;
}

export function claimCount(spec: SnippetSpec): number {
	return (
		spec.lineClaims.reduce((n, c) => n + c.patterns.length, 0) +
		spec.benchClaims.length +
		spec.outputClaims.length +
		(spec.exitClaim ? 1 : 0) +
		(spec.errorClaim ? 1 : 0) +
		(spec.exactOutput ? 1 : 0)
	);
}

/** A snippet for a page: author mistakes (a wrong path, options the server refuses) stop the build as AstroErrors with a hint. */
export async function bakeSnippet(src: string, root = snippetsRoot): Promise<BakedSnippet> {
	const { id, file } = splitSrc(src);
	const spec = await loadSnippet(id, root);
	if (!(file in spec.files)) {
		throw new AstroError(
			`<Playground src="${src}">: content/snippets/${id} has no file ${file}.`,
			`That snippet has ${Object.keys(spec.files).join(', ')}; name one of them in src.`,
		);
	}
	const options = spec.problems.filter((p) => p.message.startsWith('//playbook:options'));
	if (options.length > 0) {
		throw new AstroError(
			`content/snippets/${id}: ${options.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; ')}`,
			"The options line takes what a live request may ask for (README: How to add a snippet, Options); the server would refuse this one, so the page's buttons could not run it.",
		);
	}
	const runs = await snippetResults(spec);
	const failures = checkSnippet(spec, runs);
	if (failures.length > 0) {
		console.warn(`[snippets] ${id}: claims that do not hold (the page says so):\n${failures.map((f) => `  ${f.where}: ${f.message}`).join('\n')}`);
	}
	return {
		id,
		file,
		files: spec.display,
		options: spec.options,
		results: runs.find((r) => r.release === defaultGoRelease)!.results,
		runs,
		claims: failures.length === 0 && hasClaims(spec) ? claimCount(spec) : 0,
		failures,
		spec,
	};
}

/**
 * A page's `go` range (the releases its advice applies to) against a snippet it shows: at least
 * one release the snippet is checked on must lie in it, or nothing on the page proves what the
 * page says for those releases. An AstroError names the page, the snippet and what to change.
 */
export function checkPageVersions(baked: BakedSnippet, go: { since?: string | undefined; until?: string | undefined }, page: string): void {
	const inside = (minor: string) => (!go.since || compareGoVersions(minor, go.since) >= 0) && (!go.until || compareGoVersions(minor, go.until) <= 0);
	const releases = baked.spec.releases;
	if (releases.some((r) => inside(goMinor(r)))) return;
	const range = go.since && go.until ? `Go ${go.since} to ${go.until}` : go.since ? `Go ${go.since} and later` : `Go ${go.until} and earlier`;
	throw new AstroError(
		`${page}: the page applies to ${range}, but its snippet content/snippets/${baked.id} is checked on ${releases.map((r) => `go${r}`).join(', ')} only, none of which is in that range.`,
		`Check the snippet on a release of the page's range (a claim such as \`// want go${go.until ?? go.since} …\`, or \`//playbook:options go=${go.since ?? go.until}\`), or correct the page's go range.`,
	);
}
