/**
 * Results by their key (resultCacheKey: mode, options, Go version, files), least recently used
 * first out, bounded by count and by size (lru-cache). In memory: a replica's cache is its own
 * (the README says how a shared store would replace it when the server runs on several machines).
 */
import { LRUCache } from 'lru-cache';
import type { RunResult } from '../../src/shared/api.ts';
import { cacheable } from './runner/cache-key.ts';

export interface ResultCacheOptions {
	maxEntries: number;
	maxBytes: number;
}

/** Estimated memory a result holds, bytes (strings count two bytes a character). */
function resultBytes(result: RunResult): number {
	return 2 * (result.stdout.length + result.stderr.length) + 200 * (result.diagnostics.length + result.benchmarks.length) + 512;
}

export class ResultCache {
	readonly #lru: LRUCache<string, RunResult> | null;

	constructor(options: ResultCacheOptions) {
		this.#lru =
			options.maxEntries > 0
				? new LRUCache<string, RunResult>({ max: options.maxEntries, maxSize: options.maxBytes, sizeCalculation: resultBytes })
				: null;
	}

	get(key: string): RunResult | undefined {
		return this.#lru?.get(key);
	}

	/** Keeps a result unless it is not worth keeping (see cacheable) or larger than the whole cache. */
	set(key: string, result: RunResult): void {
		if (!this.#lru || !cacheable(result)) return;
		if (resultBytes(result) > this.#lru.maxSize) return;
		this.#lru.set(key, result);
	}

	delete(key: string): void {
		this.#lru?.delete(key);
	}

	get size(): number {
		return this.#lru?.size ?? 0;
	}

	get bytes(): number {
		return this.#lru?.calculatedSize ?? 0;
	}
}
