/**
 * The server's result store: in memory, least recently used first out, bounded by count and by
 * size (lru-cache). A replica's store is its own; replicas that share results need a shared
 * store behind the same ResultStore interface.
 */
import { LRUCache } from 'lru-cache';
import type { RunResult } from '../contract/api.ts';
import type { ResultStore } from './jobs.ts';

export interface MemoryStoreOptions {
	maxEntries: number;
	maxBytes: number;
}

/** Estimated memory a result holds, bytes (strings count two bytes a character). */
function resultBytes(result: RunResult): number {
	return 2 * (result.stdout.length + result.stderr.length) + 200 * (result.diagnostics.length + result.benchmarks.length) + 512;
}

export class MemoryStore implements ResultStore {
	readonly #lru: LRUCache<string, RunResult>;

	constructor(options: MemoryStoreOptions) {
		this.#lru = new LRUCache<string, RunResult>({ max: options.maxEntries, maxSize: options.maxBytes, sizeCalculation: resultBytes });
	}

	async get(key: string): Promise<RunResult | undefined> {
		return this.#lru.get(key);
	}

	/** Keeps a result unless it is larger than the whole store. */
	async set(key: string, result: RunResult): Promise<void> {
		if (resultBytes(result) > this.#lru.maxSize) return;
		this.#lru.set(key, result);
	}

	delete(key: string): void {
		this.#lru.delete(key);
	}

	get size(): number {
		return this.#lru.size;
	}

	get bytes(): number {
		return this.#lru.calculatedSize;
	}
}
