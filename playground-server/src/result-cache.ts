/**
 * Results by their key (resultCacheKey: mode, options, Go version, files), least recently used
 * first out, bounded by count and by size. In memory: a replica's cache is its own (the README
 * says how a shared store would replace it when the server runs on several machines).
 */
import type { RunResult } from '../../src/shared/api.ts';

export interface ResultCacheOptions {
	maxEntries: number;
	maxBytes: number;
}

/** Results worth keeping: a timeout depends on the machine's load, an internal error on the server. */
export function cacheable(result: RunResult): boolean {
	return result.error?.code !== 'timeout' && result.error?.code !== 'internal_error';
}

export class ResultCache {
	readonly #entries = new Map<string, { result: RunResult; bytes: number }>();
	readonly #options: ResultCacheOptions;
	#bytes = 0;

	constructor(options: ResultCacheOptions) {
		this.#options = options;
	}

	get(key: string): RunResult | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		// Map keeps insertion order: re-inserting makes this the most recently used.
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		return entry.result;
	}

	set(key: string, result: RunResult): void {
		if (!cacheable(result) || this.#options.maxEntries === 0) return;
		const bytes = 2 * (result.stdout.length + result.stderr.length) + 200 * (result.diagnostics.length + result.benchmarks.length) + 512;
		if (bytes > this.#options.maxBytes) return;
		this.delete(key);
		this.#entries.set(key, { result, bytes });
		this.#bytes += bytes;
		for (const [oldest, entry] of this.#entries) {
			if (this.#entries.size <= this.#options.maxEntries && this.#bytes <= this.#options.maxBytes) break;
			this.#entries.delete(oldest);
			this.#bytes -= entry.bytes;
		}
	}

	delete(key: string): void {
		const entry = this.#entries.get(key);
		if (!entry) return;
		this.#entries.delete(key);
		this.#bytes -= entry.bytes;
	}

	get size(): number {
		return this.#entries.size;
	}

	/** Estimated memory held, bytes (strings count two bytes a character). */
	get bytes(): number {
		return this.#bytes;
	}
}
