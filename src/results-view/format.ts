/** Numbers, durations and text as the result views write them. Browser-safe. */

export function formatNumber(n: number | null, digits = 3): string {
	if (n === null) return '—';
	if (Number.isInteger(n)) return n.toLocaleString('en-US');
	return Number(n.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatNs(ns: number): string {
	if (ns >= 1e9) return `${formatNumber(ns / 1e9)} s`;
	if (ns >= 1e6) return `${formatNumber(ns / 1e6)} ms`;
	if (ns >= 1e3) return `${formatNumber(ns / 1e3)} µs`;
	return `${formatNumber(ns)} ns`;
}

/**
 * One way to write every number of a table column: one unit and one number of decimals, so the
 * figures line up and compare at a glance. Times take the unit of the column's smallest value
 * (a larger one when the largest would need seven digits or more and the smallest keeps two
 * significant digits); the decimals are as many as
 * the value that needs the most has at three significant digits, at most two.
 */
export function columnFormat(values: readonly (number | null)[], kind: 'ns' | 'count'): (n: number | null) => string {
	const present = values.filter((v): v is number => v !== null);
	const units: [string, number][] =
		kind === 'count'
			? [['', 1]]
			: [
					[' ns', 1],
					[' µs', 1e3],
					[' ms', 1e6],
					[' s', 1e9],
				];
	const nonzero = present.filter((v) => v !== 0).map(Math.abs);
	const min = nonzero.length ? Math.min(...nonzero) : 0;
	const max = nonzero.length ? Math.max(...nonzero) : 0;
	let u = 0;
	// Up while the smallest reaches the next unit, or the largest needs seven digits and the
	// smallest keeps two significant ones.
	while (u + 1 < units.length && (min >= units[u + 1]![1] || (max / units[u]![1] >= 1e6 && min / units[u + 1]![1] >= 0.1))) u++;
	const [unit, scale] = units[u]!;
	const decimalsOf = (v: number) => (String(Number((v / scale).toPrecision(3))).split('.')[1] ?? '').length;
	const decimals = Math.min(2, Math.max(0, ...present.map(decimalsOf)));
	return (n) => (n === null ? '—' : `${(n / scale).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}${unit}`);
}

export function formatDuration(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${formatNumber(ms / 1000, 2)} s`;
}

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
