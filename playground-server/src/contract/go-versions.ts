/**
 * The Go releases the playground offers: the one list of them. Each is the latest patch of its
 * minor (on the Go module proxy, 2026-12-01), newest first; the newest is the default. go1.27.4
 * is on the proxy too, but go1.27.3 is the newest release approved for this project.
 *
 * A request names one by its minor ("1.24": that minor's release here) or exactly ("1.24.13"),
 * with or without "go". Other patch releases are not offered: each toolchain is fetched, warmed
 * and cached once, and one per minor keeps that bounded.
 *
 * Browser-safe: no Node imports.
 */
export const goReleases = ['1.27.3', '1.26.11', '1.25.14', '1.24.13', '1.23.12', '1.22.12', '1.21.13'] as const;
export type GoRelease = (typeof goReleases)[number];

export const defaultGoRelease: GoRelease = goReleases[0];

/** "1.27.3" → "1.27". */
export function goMinor(release: string): string {
	return release.split('.').slice(0, 2).join('.');
}

/** Every spelling a request may use for a release: "1.24", "1.24.13", "go1.24", "go1.24.13". */
export const goVersionSpellings: readonly string[] = goReleases.flatMap((r) => [goMinor(r), r, `go${goMinor(r)}`, `go${r}`]);

/** The release a spelling names, or null when it names none of those offered. */
export function resolveGoRelease(spelling: string): GoRelease | null {
	const bare = spelling.startsWith('go') ? spelling.slice(2) : spelling;
	return goReleases.find((r) => r === bare || goMinor(r) === bare) ?? null;
}

/** The release a job's options run on: options.go, or the default (the contract refuses any other spelling first). */
export function releaseOfOptions(options: { go?: string | undefined } | undefined): GoRelease {
	return resolveGoRelease(options?.go ?? defaultGoRelease) ?? defaultGoRelease;
}

/** The release of the minor before this one's (the Go Playground's "goprev"), or null for the oldest. */
export function previousGoRelease(release: GoRelease = defaultGoRelease): GoRelease | null {
	return goReleases[goReleases.indexOf(release) + 1] ?? null;
}

/** The toolchain name the go command uses ("go1.27.3"), as results report it. */
export function toolchainName(release: GoRelease): string {
	return `go${release}`;
}

/** "Go 1.21 to 1.27 (1.21.13, …, 1.27.3)": what a refusal lists. */
export function offeredGoReleases(): string {
	const oldest = goReleases[goReleases.length - 1]!;
	return `${goMinor(oldest)} to ${goMinor(defaultGoRelease)}, as a minor ("1.24") or exactly (${[...goReleases].reverse().join(', ')})`;
}

/** The offered release of a minor ("1.24" → "1.24.13"), or null. */
export function releaseOfMinor(minor: string): GoRelease | null {
	return goReleases.find((r) => goMinor(r) === minor) ?? null;
}

/** Oldest first: a < b when a is the older release. */
export function compareGoReleases(a: GoRelease, b: GoRelease): number {
	return goReleases.indexOf(b) - goReleases.indexOf(a);
}

/** A span of offered releases, both ends included, as a snippet or a claim names it. */
export interface GoRange {
	from: GoRelease;
	to: GoRelease;
	/** As written: "go1.24+", "go1.21-1.23", "go1.22". */
	text: string;
}

/**
 * Reads "1.22", "1.24+" (1.24 to the newest) or "1.21-1.23" (both included), minors only; the
 * offered releases of those minors. A string says what is wrong.
 */
export function parseGoRange(spec: string, text = spec): GoRange | string {
	const m = /^(\d+\.\d+)(?:(\+)|-(?:go)?(\d+\.\d+))?$/.exec(spec);
	if (!m) return `${text}: write a Go minor ("go1.22"), a minor and later ("go1.24+"), or a span ("go1.21-1.23")`;
	const from = releaseOfMinor(m[1]!);
	const to = m[2] ? defaultGoRelease : m[3] ? releaseOfMinor(m[3]) : from;
	const unknown = [m[1], m[3]].find((minor, i) => minor !== undefined && (i === 0 ? !from : !to));
	if (unknown !== undefined || !from || !to) return `${text}: Go ${unknown ?? m[1]} is not offered; the playground has ${offeredGoReleases()}`;
	if (compareGoReleases(from, to) > 0) return `${text}: the span runs backwards; write the older minor first`;
	return { from, to, text };
}

/** Whether a release lies in a range. */
export function inGoRange(release: GoRelease, range: GoRange): boolean {
	return compareGoReleases(range.from, release) <= 0 && compareGoReleases(release, range.to) <= 0;
}

/** Every offered release in a range, newest first. */
export function releasesIn(range: GoRange): GoRelease[] {
	return goReleases.filter((r) => inGoRange(r, range));
}
