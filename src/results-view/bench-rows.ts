/** Benchmark results as a table shows them: one row per benchmark, medians over its runs. Browser-safe. */
import { median, type Benchmark } from '@playbook/engine/contract';

export interface BenchRow {
	name: string;
	runs: number;
	nsPerOp: number;
	bytesPerOp: number | null;
	allocsPerOp: number | null;
	metrics: Record<string, number>;
}

/** One row per benchmark, medians over its runs (-count), in the order they ran. */
export function benchRows(benchmarks: Benchmark[]): BenchRow[] {
	const byName = new Map<string, Benchmark[]>();
	for (const b of benchmarks) byName.set(b.name, [...(byName.get(b.name) ?? []), b]);
	return [...byName].map(([name, runs]) => {
		const med = (f: (b: Benchmark) => number | null) => {
			const xs = runs.map(f).filter((x): x is number => x !== null);
			return xs.length ? median(xs) : null;
		};
		const units = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
		return {
			name,
			runs: runs.length,
			nsPerOp: med((b) => b.nsPerOp) ?? 0,
			bytesPerOp: med((b) => b.bytesPerOp),
			allocsPerOp: med((b) => b.allocsPerOp),
			metrics: Object.fromEntries(units.map((u) => [u, med((b) => b.metrics[u] ?? null) ?? 0])),
		};
	});
}

/** "BenchmarkClear/n=1000" → "Clear/n=1000": the prefix adds nothing in a table. */
export function shortBenchName(name: string): string {
	return name.replace(/^Benchmark/, '');
}

/** The goos/goarch/cpu lines `go test -bench` prints, e.g. "linux/amd64, AMD EPYC 7B13". */
export function benchMachine(stdout: string): string | null {
	const get = (k: string) => new RegExp(`^${k}: (.+)$`, 'm').exec(stdout)?.[1]?.trim();
	const goos = get('goos');
	const goarch = get('goarch');
	const cpu = get('cpu');
	if (!goos && !cpu) return null;
	return [goos && goarch ? `${goos}/${goarch}` : goos, cpu].filter(Boolean).join(', ');
}
