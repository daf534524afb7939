/**
 * What the playground toolbar offers, shared by its markup (Toolbar.astro, rendered at build time)
 * and the island that adopts that markup in the browser. Browser-safe: no Node imports.
 */
import type { Capabilities, Mode, RunOptions } from '@playbook/engine/contract';
import { allowedGodebug, benchmarkCount, benchtimeMs, optionLimits, requestLimits } from '@playbook/engine/contract';
import { benchDefaults } from './request-options.ts';

export { capabilities, type Capabilities } from '@playbook/engine/contract';

export const actionOrder: readonly Mode[] = ['run', 'escape', 'asm', 'test', 'bench'];
export const actionLabels: Record<Mode, string> = { run: 'Run', escape: 'Escape analysis', asm: 'Assembly', test: 'Test', bench: 'Benchmark' };

/** What an unedited snippet offers, as the build read it. */
export function bakedCapabilities(spec: { isMain: boolean; hasTests: boolean; hasBenchmarks: boolean }): Capabilities {
	return { run: spec.isMain, escape: true, asm: true, test: spec.hasTests, bench: spec.hasBenchmarks };
}

/** The action Ctrl/Cmd+Enter starts until the reader picks one: the most telling the code offers. */
export function defaultAction(can: Capabilities): Mode {
	return can.run ? 'run' : can.bench ? 'bench' : can.test ? 'test' : 'escape';
}

/** The shortcut hint on the current action's button; the island writes ⌘ on Apple devices. */
export const shortcutHint = (modifier: string) => `${modifier}+↵`;
export const shortcutTitle = (mode: Mode, modifier: string) => `${actionLabels[mode]} (${modifier}+Enter)`;

/** -count choices, within the server's limit. */
export const countChoices = Array.from({ length: optionLimits.maxCount }, (_, i) => i + 1);

/** -benchtime choices within the server's limit, with the snippet's own setting kept if it is not one of them. */
export function benchtimeChoices(current: string): string[] {
	const times = ['100ms', '200ms', '500ms', '1s', '2s'].filter((t) => (benchtimeMs(t) ?? 0) <= optionLimits.maxBenchtimeMs);
	return times.includes(current) ? times : [current, ...times];
}

/**
 * A lower bound of how long the benchmarks take, in seconds: each top-level benchmark runs about
 * benchtime per count (sub-benchmarks and ramp-up only add to it). null for an iteration count.
 */
export function benchSecondsAtLeast(files: Record<string, string>, count: number, benchtime: string): number | null {
	const ms = benchtimeMs(benchtime);
	if (ms === null || Number.isNaN(ms)) return null;
	const benchmarks = benchmarkCount(files);
	return (benchmarks * count * ms) / 1000;
}

/** What to tell the reader when the benchmarks would outlast the job's time limit; null when they fit. */
export function benchTimeWarning(secondsAtLeast: number | null): string | null {
	const limit = requestLimits.defaultBenchJobMs / 1000;
	if (secondsAtLeast === null || secondsAtLeast < 0.75 * limit) return null;
	const at = `At least ${Math.round(secondsAtLeast)} s of benchmarking`;
	return secondsAtLeast >= limit
		? `${at}: more than the ${limit} s a benchmark job may run, so it would be stopped. Lower count or benchtime.`
		: `${at}, close to the ${limit} s a benchmark job may run.`;
}

/** The benchmark settings a toolbar starts with. */
export function benchSettings(o: RunOptions): { count: number; benchtime: string } {
	return { count: o.count ?? benchDefaults.count, benchtime: o.benchtime ?? benchDefaults.benchtime };
}

/** The settings behind the toolbar's Settings button: options the server takes that a reader rarely changes. */
export type BuildSettings = Pick<RunOptions, 'race' | 'inlining' | 'godebug' | 'bench'>;
export const buildSettingNames = ['race', 'inlining', 'godebug', 'bench'] as const satisfies readonly (keyof BuildSettings)[];

/** The build settings of a snippet's options, neutral ones left out. */
export function buildSettings(o: RunOptions): BuildSettings {
	const s: BuildSettings = {};
	if (o.race) s.race = true;
	if (o.inlining === false) s.inlining = false;
	if (o.godebug?.length) s.godebug = [...o.godebug].sort();
	if (o.bench) s.bench = o.bench;
	return s;
}

/** Each GODEBUG key the server allows, with its allowed values, for one select per key. */
export const godebugChoices: readonly { key: string; values: readonly string[] }[] = (() => {
	const byKey = new Map<string, string[]>();
	for (const setting of allowedGodebug) {
		const [key, value] = setting.split('=') as [string, string];
		byKey.set(key, [...(byKey.get(key) ?? []), value]);
	}
	return [...byKey].map(([key, values]) => ({ key, values }));
})();

/**
 * The build settings as the go command would be given them ("GODEBUG=gctrace=1", "-race",
 * "-gcflags=-l", "-run/-bench=^X$"), for the toolbar to show what the code runs with.
 */
export function buildSettingsSummary(s: BuildSettings): string[] {
	const out: string[] = [];
	if (s.godebug?.length) out.push(`GODEBUG=${s.godebug.join(',')}`);
	if (s.race) out.push('-race');
	if (s.inlining === false) out.push('-gcflags=-l');
	if (s.bench) out.push(`-run/-bench=${s.bench}`);
	return out;
}
