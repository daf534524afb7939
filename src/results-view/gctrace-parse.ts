/**
 * Reads the lines `GODEBUG=gctrace=1` makes the runtime print on stderr, one per garbage
 * collection, into numbers: the playground shows them as a table and a chart under the raw text.
 * Browser-safe. (Here rather than in the engine: only the result views read it.)
 *
 * The format (src/runtime/mgc.go, gcMarkTermination, the same from Go 1.18 to 1.27):
 *
 *   gc 21 @0.537s 7%: 1.4+0.19+0.002 ms clock, 2.9+0/0.50/0+0.004 ms cpu, 10->10->8 MB,
 *   52 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)
 *
 * cycle number; seconds since the program started; the share of CPU time spent in the GC since
 * then; wall time of sweep termination (stop the world), concurrent mark and mark termination
 * (stop the world); CPU time of sweep termination, mark assists / background mark / idle mark,
 * and mark termination; the heap when the cycle started, when marking ended, and what was
 * marked live; the goal this cycle aimed for; the stacks and globals scanned. "MB" are MiB
 * (the runtime shifts by 20). Go 1.27 may add " (checking for goroutine leaks)" after the
 * percentage, and "(forced)" marks a cycle runtime.GC() started.
 */

export interface GcCycle {
	/** The cycle's number, from 1. */
	n: number;
	/** When it started, in seconds since the program started. */
	atSeconds: number;
	/** The share of the program's CPU time spent in the GC so far, in percent. */
	cpuPercent: number;
	/** Wall-clock time of the three phases, in milliseconds. The two pauses are the first and the last. */
	clockMs: { sweepTermination: number; mark: number; markTermination: number };
	/** CPU time, in milliseconds. */
	cpuMs: { sweepTermination: number; assist: number; background: number; idle: number; markTermination: number };
	/** In MiB, as the runtime prints them: the heap at the start, at the end of marking, and marked live; the goal. */
	heapMiB: { start: number; end: number; live: number; goal: number };
	stacksMiB: number;
	globalsMiB: number;
	procs: number;
	/** Started by runtime.GC() rather than by the pacer. */
	forced: boolean;
}

const num = String.raw`(\d+(?:\.\d+)?)`;
const line = new RegExp(
	String.raw`^gc (\d+) @${num}s (\d+)%(?: \([^)]*\))?: ${num}\+${num}\+${num} ms clock, ${num}\+${num}/${num}/${num}\+${num} ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal, (\d+) MB stacks, (\d+) MB globals, (\d+) P( \(forced\))?$`,
	'gm',
);

/** Every gctrace line of `stderr`, in order; other lines (the program's own output, gctrace=2's extra lines) are skipped. */
export function parseGcTrace(stderr: string): GcCycle[] {
	const cycles: GcCycle[] = [];
	for (const m of stderr.matchAll(line)) {
		const v = m.slice(1, 20).map(Number);
		cycles.push({
			n: v[0]!,
			atSeconds: v[1]!,
			cpuPercent: v[2]!,
			clockMs: { sweepTermination: v[3]!, mark: v[4]!, markTermination: v[5]! },
			cpuMs: { sweepTermination: v[6]!, assist: v[7]!, background: v[8]!, idle: v[9]!, markTermination: v[10]! },
			heapMiB: { start: v[11]!, end: v[12]!, live: v[13]!, goal: v[14]! },
			stacksMiB: v[15]!,
			globalsMiB: v[16]!,
			procs: v[17]!,
			forced: m[19] !== undefined,
		});
	}
	return cycles;
}
