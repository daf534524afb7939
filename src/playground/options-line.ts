/**
 * Settings written in the code: a `//playbook:options key=value …` line, the way a snippet states
 * its options. Copy and Go Playground put the toolbar's settings above the code in one, and the
 * playground reads one typed or pasted into the editor, so settings travel with the code.
 * Browser-safe.
 */
import { formatSnippetOptions, type RunOptions } from '@playbook/engine/contract';
import type { Files } from './payload.ts';

/** A whole line (a trailing comment is a claim's business, not this). */
const linePattern = /^[ \t]*\/\/playbook:options(?:[ \t]+(.*?))?[ \t]*$/;

export interface OptionsLine {
	file: string;
	/** 1-based. */
	line: number;
	text: string;
}

/** The first `//playbook:options` line of the Go files, or null. */
export function findOptionsLine(files: Files): OptionsLine | null {
	for (const [file, source] of Object.entries(files)) {
		if (!file.endsWith('.go')) continue;
		const lines = source.split('\n');
		for (let i = 0; i < lines.length; i++) {
			const m = linePattern.exec(lines[i]!);
			if (m) return { file, line: i + 1, text: m[1] ?? '' };
		}
	}
	return null;
}

/**
 * The source with `options` in a `//playbook:options` line above it (replacing any it had), or
 * without one when there is nothing to say.
 */
export function withOptionsLine(source: string, options: RunOptions): string {
	const lines = source.split('\n');
	const kept = lines.filter((l) => !linePattern.test(l));
	// A line this wrote goes with the blank line after it.
	const body = kept.length < lines.length ? kept.join('\n').replace(/^\n+/, '') : source;
	const text = formatSnippetOptions(options);
	return text ? `//playbook:options ${text}\n\n${body}` : body;
}
