/**
 * A hash of the code that produces and parses results: the runner's own sources and the parts of
 * the contract it answers in, by their paths inside the engine (not on this disk, so two clones agree). A
 * store that outlives the process (the build's result files) keys its folder on it, so a changed
 * parser or limit never serves results of the old code, while an edit elsewhere in the engine
 * (the server, a comment in a route) re-runs nothing.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

const engineSrc = fileURLToPath(new URL('..', import.meta.url));
/**
 * What a result depends on: the runner, and the parts of the contract that shape a result or
 * decide which job a request is (its types and the options table with its rules). Not the rest
 * of the contract (Go-source sniffing for the toolbar, statistics, JSON schemas).
 */
const hashed = ['runner', 'contract/api.ts', 'contract/options.ts', 'contract/validate.ts'];

let memo: string | null = null;

export function runnerFingerprint(): string {
	if (memo) return memo;
	const hash = createHash('sha256');
	const walk = (dir: string) => {
		for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const p = join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.name.endsWith('.ts')) hash.update(relative(engineSrc, p)).update('\0').update(readFileSync(p));
		}
	};
	for (const path of hashed) {
		const full = join(engineSrc, path);
		if (path.endsWith('.ts')) hash.update(path).update('\0').update(readFileSync(full));
		else walk(full);
	}
	return (memo = hash.digest('hex').slice(0, 16));
}
