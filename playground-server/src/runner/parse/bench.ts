/** Parses the result lines of `go test -bench` (with -benchmem and custom b.ReportMetric units). */
import type { Benchmark } from '../../contract/index.ts';

const resultLine = /^(Benchmark\S*?)(?:-(\d+))?\s+(\d+)((?:\s+[-+0-9.eE]+\s+\S+)+)\s*$/;

export function parseBenchOutput(text: string): Benchmark[] {
	const out: Benchmark[] = [];
	for (const raw of text.split('\n')) {
		const m = resultLine.exec(raw.trim());
		if (!m) continue;
		const [, name = '', procs, iterations = '0', rest = ''] = m;
		const fields = rest.trim().split(/\s+/);
		const b: Benchmark = {
			name,
			procs: procs ? Number(procs) : 1,
			iterations: Number(iterations),
			nsPerOp: Number.NaN,
			bytesPerOp: null,
			allocsPerOp: null,
			metrics: {},
		};
		for (let i = 0; i + 1 < fields.length; i += 2) {
			const value = Number(fields[i]);
			const unit = fields[i + 1] ?? '';
			if (!Number.isFinite(value)) continue;
			if (unit === 'ns/op') b.nsPerOp = value;
			else if (unit === 'B/op') b.bytesPerOp = value;
			else if (unit === 'allocs/op') b.allocsPerOp = value;
			else b.metrics[unit] = value;
		}
		if (Number.isNaN(b.nsPerOp)) continue;
		out.push(b);
	}
	return out;
}
