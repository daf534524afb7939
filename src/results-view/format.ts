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

export function formatDuration(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${formatNumber(ms / 1000, 2)} s`;
}

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
