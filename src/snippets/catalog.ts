/** Where snippets live on disk, and which pages show which snippet. */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AstroError } from 'astro/errors';
import { parseSnippet, type SnippetSpec } from './expectations.ts';

export const snippetsRoot = join(process.cwd(), 'content', 'snippets');
export const docsRoot = join(process.cwd(), 'content', 'docs');

/** Every snippet folder (a folder holding .go files), as ids like "maps/clear". */
export async function listSnippets(root = snippetsRoot): Promise<string[]> {
	const ids: string[] = [];
	const walk = async (dir: string) => {
		const entries = await readdir(dir, { withFileTypes: true });
		if (dir !== root && entries.some((e) => e.isFile() && e.name.endsWith('.go'))) {
			ids.push(relative(root, dir).split(sep).join('/'));
		}
		for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) await walk(join(dir, e.name));
	};
	await walk(root);
	return ids.sort();
}

/** Reads and parses one snippet folder: its .go files and go.mod, if any. */
export async function loadSnippet(id: string, root = snippetsRoot): Promise<SnippetSpec> {
	const dir = join(root, ...id.split('/'));
	if (!existsSync(dir)) {
		throw new AstroError(
			`There is no snippet folder content/snippets/${id}.`,
			'A snippet is a folder under content/snippets/<topic>/<name>/ holding one Go package; check the path in <Playground src>, or create the folder (README: How to add a snippet).',
		);
	}
	const files: Record<string, string> = {};
	for (const name of (await readdir(dir)).sort()) {
		if (name.endsWith('.go') || name === 'go.mod') files[name] = await readFile(join(dir, name), 'utf8');
	}
	if (!Object.keys(files).some((f) => f.endsWith('.go'))) {
		throw new AstroError(
			`content/snippets/${id} holds no .go file.`,
			"Put the snippet's Go files (main.go for a program, *_test.go for tests and benchmarks) in that folder.",
		);
	}
	return parseSnippet(id, files);
}

/** "maps/clear/main_test.go" → { id: "maps/clear", file: "main_test.go" }. */
export function splitSrc(src: string): { id: string; file: string } {
	const i = src.lastIndexOf('/');
	if (i <= 0 || !src.endsWith('.go')) {
		throw new AstroError(
			`<Playground src="${src}"> does not name a .go file inside a snippet folder.`,
			'Give the path of a Go file relative to content/snippets/, e.g. <Playground src="maps/clear-nan/main.go" />.',
		);
	}
	return { id: src.slice(0, i), file: src.slice(i + 1) };
}

export interface PageReference {
	page: string;
	line: number;
	src: string;
}

/** Every `<Playground src="…">` in the pages, with where it stands. */
export async function playgroundReferences(root = docsRoot): Promise<PageReference[]> {
	const refs: PageReference[] = [];
	const walk = async (dir: string) => {
		for (const e of await readdir(dir, { withFileTypes: true })) {
			const p = join(dir, e.name);
			if (e.isDirectory()) await walk(p);
			else if (/\.mdx?$/.test(e.name)) {
				const text = await readFile(p, 'utf8');
				text.split('\n').forEach((line, i) => {
					for (const m of line.matchAll(/<Playground\b[^>]*\bsrc=["']([^"']+)["']/g)) {
						refs.push({ page: relative(process.cwd(), p), line: i + 1, src: m[1] ?? '' });
					}
				});
			}
		}
	};
	await walk(root);
	return refs;
}

/** References whose snippet file does not exist, each with a message saying where and what. */
export function brokenReferences(refs: PageReference[], root = snippetsRoot): string[] {
	const broken: string[] = [];
	for (const ref of refs) {
		const at = `${ref.page}:${ref.line}`;
		try {
			const { id, file } = splitSrc(ref.src);
			if (!existsSync(join(root, id, file))) broken.push(`${at}: <Playground src="${ref.src}">: content/snippets/${ref.src} does not exist`);
		} catch (e) {
			// The error names the src itself.
			broken.push(`${at}: ${(e as Error).message}`);
		}
	}
	return broken;
}
