import { createHash } from 'node:crypto';
import type { RunRequest, RunResult } from '../contract/api.ts';

/**
 * The identity of a result: sha256 of (mode, options, Go version, files). Keys are sorted so that
 * the same request always hashes the same, whatever order its JSON came in.
 */
export function resultCacheKey(request: RunRequest, goVersion: string): string {
	const sorted = (o: object) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
	const canonical = JSON.stringify({
		mode: request.mode,
		options: sorted(request.options ?? {}),
		goVersion,
		files: sorted(request.files),
	});
	return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Whether a result may be reused for the same key. A timeout depends on the machine's load, an
 * internal error on the server and a toolchain that could not be fetched on the network, not on
 * the code: all are worth trying again.
 */
export function cacheable(result: RunResult): boolean {
	const code = result.error?.code;
	return code !== 'timeout' && code !== 'internal_error' && code !== 'toolchain_unavailable';
}
