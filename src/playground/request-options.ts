/**
 * The options a snippet's request of each mode carries: the snippet's own (`//playbook:options`),
 * those its mode takes, and the site's benchmark defaults where the snippet says nothing. The
 * build records results with them and the in-page playground sends them, so a reader's first
 * click on an unedited snippet is the job the page shows. Browser-safe.
 */
import { optionsForMode, type Mode, type RunOptions } from '@playbook/engine/contract';

/** Benchmark settings when a snippet's options say nothing: short, and medians over a few runs. */
export const benchDefaults = { benchtime: '200ms', count: 3 } as const;

export function snippetRequestOptions(mode: Mode, options: RunOptions): RunOptions {
	const own = optionsForMode(mode, options);
	return mode === 'bench' ? { ...benchDefaults, ...own } : own;
}
