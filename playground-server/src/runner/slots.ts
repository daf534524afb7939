/**
 * The sandbox slots of every runner of a process: each running job holds one, and with it a uid
 * of its own (base uid + slot) that no other running job has, whichever Go release it runs on.
 * Not a gate: the scheduler decides how many jobs run and the pool is sized for it, so a job that
 * finds no slot is a caller's bug, refused rather than queued.
 */
export class SlotPool {
	readonly size: number;
	readonly #free: number[];

	constructor(size: number) {
		if (!Number.isSafeInteger(size) || size < 1) throw new Error(`a runner needs at least one slot (got ${size})`);
		this.size = size;
		this.#free = Array.from({ length: size }, (_, i) => size - 1 - i);
	}

	/** A free slot, or null when every one is taken. */
	take(): number | null {
		return this.#free.pop() ?? null;
	}

	give(slot: number): void {
		this.#free.push(slot);
	}

	get inUse(): number {
		return this.size - this.#free.length;
	}
}
