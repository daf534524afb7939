/**
 * `npm run bench:versions`: what offering a Go release costs, per release, from nothing: the
 * fetch from the Go module proxy, the disk its toolchain takes, the first job on it (which waits
 * for its standard library to build), the same kind of job once warm, and the disk of its build
 * cache after the full warm-up. Every release goes into a new state directory of its own (deleted
 * at the end), one at a time, with the real runners and sandbox.
 *
 *   node playground-server/bench/bench-versions.ts [1.24 1.27 …]   (default: every release)
 *
 * Times are single measurements on this machine (a fetch depends on the network, a cold build on
 * the cores): figures to report, never a pass/fail check.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goReleases, resolveGoRelease, type GoRelease, type RunRequest } from '../src/contract/index.ts';
import { createRunners, fetchToolchain, runnerConfigFromEnv } from '../src/runner/index.ts';

const asked = process.argv.slice(2);
const releases: GoRelease[] = asked.length
	? asked.map((a) => resolveGoRelease(a) ?? (console.error(`not an offered release: ${a}`), process.exit(2)))
	: [...goReleases];

const du = (path: string) => Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]) / 2 ** 20;
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const hello = (release: GoRelease, mode: RunRequest['mode']): RunRequest => ({
	mode,
	files: { 'main.go': 'package main\n\nimport "fmt"\n\nfunc main() {\n\tx := 42\n\tfmt.Println(&x != nil)\n}\n' },
	options: { go: release },
});

const rows: string[][] = [];
for (const release of releases) {
	const state = mkdtempSync(join(tmpdir(), 'bench-versions-'));
	try {
		const config = runnerConfigFromEnv();
		let t = performance.now();
		await fetchToolchain(release, { goBin: config.goBin, stateDir: state, timeoutMs: 600_000 });
		const fetchMs = performance.now() - t;
		const toolchainMiB = du(join(state, 'toolchains'));
		const runners = createRunners({ baseUid: 63500, slots: 3, stateDir: state, warmInBackground: false });
		t = performance.now();
		await runners.ready(hello(release, 'run'));
		const first = await runners.run(hello(release, 'run'));
		const firstMs = performance.now() - t;
		if (!first.ok) throw new Error(`go${release}: the first job failed: ${first.error?.message}`);
		t = performance.now();
		const escape = await runners.run(hello(release, 'escape'));
		const escapeMs = performance.now() - t;
		t = performance.now();
		const warm = await runners.warm(release);
		const warmMs = performance.now() - t;
		if (!warm.ok) throw new Error(`go${release}: the warm-up failed: ${warm.error?.message}`);
		const cacheMiB = du(join(state, `gocache-go${release}`));
		await runners.dispose();
		rows.push([
			`go${release}`,
			seconds(fetchMs),
			toolchainMiB.toFixed(0),
			seconds(firstMs),
			escape.ok ? `${Math.round(escapeMs)} ms` : 'failed',
			seconds(warmMs),
			cacheMiB.toFixed(0),
		]);
		console.error(`done: go${release}`);
	} finally {
		rmSync(state, { recursive: true, force: true });
	}
}

const head = ['release', 'fetch s', 'toolchain MiB', 'first run job s', 'next escape job', 'rest of warm-up s', 'build cache MiB'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log(
	'\nfetch: the go command taking the release from the Go module proxy; first run job: a hello-world run on a fresh release, which waits for its standard library (the first warm-up step); rest of warm-up: the test runner and the race runtime, in the background on a server.',
);
