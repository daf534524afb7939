/** The one list of Go releases, and how a request names one. */
import { expect, test } from 'vitest';
import {
	defaultGoRelease,
	goReleases,
	goVersionSpellings,
	normalizeOptions,
	offeredGoReleases,
	optionProblems,
	parseSnippetOptions,
	previousGoRelease,
	resolveGoRelease,
} from '@playbook/engine/contract';

test('the latest patch of every minor from 1.21 to 1.27, newest first, the newest the default', () => {
	expect(goReleases.map((r) => r.split('.').slice(0, 2).join('.'))).toEqual(['1.27', '1.26', '1.25', '1.24', '1.23', '1.22', '1.21']);
	expect(defaultGoRelease).toBe('1.27.3');
	expect(previousGoRelease()).toBe('1.26.11');
	expect(previousGoRelease('1.21.13')).toBeNull();
});

test('a release is named by its minor or exactly, with or without "go"; nothing else names one', () => {
	expect(resolveGoRelease('1.24')).toBe('1.24.13');
	expect(resolveGoRelease('go1.24')).toBe('1.24.13');
	expect(resolveGoRelease('1.24.13')).toBe('1.24.13');
	expect(resolveGoRelease('go1.27.3')).toBe('1.27.3');
	for (const bad of ['1.24.6', '1.20', '1.28', '1.x', 'go1.27; rm -rf /', '', ' 1.27', '1.27.4', 'gotip']) expect(resolveGoRelease(bad)).toBeNull();
	expect(goVersionSpellings).toHaveLength(4 * goReleases.length);
});

test('options.go: one spelling per release in the cache key, the default dropped as neutral', () => {
	expect(normalizeOptions('run', { go: '1.26' })).toEqual({ go: '1.26.11' });
	expect(normalizeOptions('escape', { go: 'go1.26.11' })).toEqual({ go: '1.26.11' });
	expect(normalizeOptions('run', { go: '1.27' })).toEqual({});
	expect(normalizeOptions('bench', { go: 'go1.27.3', count: 2 })).toEqual({ count: 2 });
});

test('an unsupported version is refused naming the ones offered', () => {
	const [problem] = optionProblems('run', { go: '1.20' });
	expect(problem).toBe(`options.go "1.20" is not a Go release this playground offers; use Go ${offeredGoReleases()}.`);
	expect(problem).toMatch(/1\.21 to 1\.27, as a minor \("1\.24"\) or exactly \(1\.21\.13, 1\.22\.12, .*, 1\.27\.3\)/);
	expect(parseSnippetOptions('go=1.22')).toEqual({ go: '1.22.12' });
	expect(parseSnippetOptions('go=1.20')).toEqual({ problem: expect.stringMatching(/^go=1\.20 is not a Go release this playground offers/) });
});
