/** Statistics the contract's consumers agree on: a benchmark's value over its runs is the median. */

export function median(xs: readonly number[]): number {
	if (xs.length === 0) return Number.NaN;
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/*
 * Comparing two sets of benchmark runs the way benchstat (golang.org/x/perf/cmd/benchstat) does
 * by default: the median with a distribution-free confidence interval from order statistics, and
 * a two-sided Mann-Whitney U test with the exact distribution of U (ties included) for the small
 * samples a playground takes (-count ≤ 10). Written here rather than run on the server so that a
 * page can compare a live run with the recorded one instantly; test/unit/bench-compare.test.ts
 * checks the figures against benchstat itself.
 */

/** The confidence level of the intervals and the significance level of the test, benchstat's defaults. */
export const benchConfidence = 0.95;
export const benchAlpha = 0.05;

function binomialHalfPmf(n: number): number[] {
	const pmf: number[] = [];
	let c = 1;
	for (let k = 0; k <= n; k++) {
		pmf.push(c / 2 ** n);
		c = (c * (n - k)) / (k + 1);
	}
	return pmf;
}

/**
 * The confidence interval of the median of `xs`: the order statistics around it whose binomial
 * coverage first reaches `confidence`, grown from the lower mode and to the left on a tie (as
 * benchstat does). Infinite bounds when the sample is too small for the level (fewer than 6 at 95%).
 */
export function medianInterval(xs: readonly number[], confidence = benchConfidence): { median: number; lo: number; hi: number } {
	const s = [...xs].sort((a, b) => a - b);
	const n = s.length;
	const pmf = binomialHalfPmf(n);
	const at = (k: number) => (k < 0 || k > n ? 0 : pmf[k]!);
	// [l, r): the intervals between order statistics summed so far (0: below the smallest).
	let l = Math.ceil((n + 1) / 2) - 1;
	let r = l + 1;
	let covered = at(l);
	while (covered < confidence && (at(l - 1) > 0 || at(r) > 0)) {
		if (at(l - 1) >= at(r)) covered += at(--l);
		else covered += at(r++);
	}
	return { median: median(s), lo: l < 1 ? -Infinity : s[l - 1]!, hi: r - 1 >= n ? Infinity : s[r - 1]! };
}

/**
 * The two-sided p-value of the Mann-Whitney U test of `a` against `b`, exact: the distribution of
 * U over every way of splitting the pooled values (midranks for ties) into samples of these sizes.
 * 1 when every value is the same (nothing to tell apart), as benchstat reports it.
 */
export function mannWhitneyP(a: readonly number[], b: readonly number[]): number {
	const n1 = a.length;
	const n2 = b.length;
	if (n1 === 0 || n2 === 0) return 1;
	const pooled = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))].sort((x, y) => x.v - y.v);
	// Tie groups: size and twice the midrank (an integer), and U1 of the observed split.
	const groups: { size: number; rank2: number }[] = [];
	let rankSum2 = 0;
	for (let i = 0; i < pooled.length;) {
		let j = i;
		while (j < pooled.length && pooled[j]!.v === pooled[i]!.v) j++;
		const rank2 = i + 1 + j; // (i+1 + j) / 2, doubled
		groups.push({ size: j - i, rank2 });
		for (let k = i; k < j; k++) if (pooled[k]!.first) rankSum2 += rank2;
		i = j;
	}
	if (groups.length === 1) return 1;
	const u1 = rankSum2 / 2 - (n1 * (n1 + 1)) / 2;
	const u2 = n1 * n2 - u1;
	if (u1 === u2) return 1;
	const uSmall = Math.min(u1, u2);
	// ways[k][s]: ways to put k of the values seen so far into the first sample with doubled rank sum s.
	const maxS = 2 * pooled.length * pooled.length;
	let ways = Array.from({ length: n1 + 1 }, () => new Float64Array(maxS + 1));
	ways[0]![0] = 1;
	for (const g of groups) {
		const next = Array.from({ length: n1 + 1 }, () => new Float64Array(maxS + 1));
		let choose = 1;
		for (let t = 0; t <= Math.min(g.size, n1); t++) {
			for (let k = 0; k + t <= n1; k++) {
				const from = ways[k]!;
				const to = next[k + t]!;
				for (let s = 0; s + t * g.rank2 <= maxS; s++) {
					const w = from[s] ?? 0;
					if (w) to[s + t * g.rank2] = (to[s + t * g.rank2] ?? 0) + w * choose;
				}
			}
			choose = (choose * (g.size - t)) / (t + 1);
		}
		ways = next;
	}
	let total = 0;
	let atMost = 0;
	const offset = n1 * (n1 + 1);
	ways[n1]!.forEach((w, s) => {
		if (!w) return;
		total += w;
		if ((s - offset) / 2 <= uSmall + 1e-9) atMost += w;
	});
	return Math.min(1, (2 * atMost) / total);
}
