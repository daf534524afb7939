/**
 * The two products one island serves, told apart by configuration rather than by branches: a
 * snippet on a docs page, whose code the build ran and recorded, and /play, a full-page playground
 * whose code is the reader's from the start.
 */
import { codeKey } from './code-view.ts';
import type { BakedPayload, Files, SharedPayload } from './payload.ts';

export interface Variant {
	/**
	 * Whether the code with this key is the code the build recorded: then the build's reading of
	 * it holds (its actions, the lines its claims point at), and a share link needs no code.
	 */
	recorded(key: string): boolean;
	/** The files as sent to the server. */
	requestFiles(files: Files): Files;
	/** The editor is the page: open from the start and after a share link, kept open by Reset. */
	editorAlwaysOpen: boolean;
	/** Ctrl/Cmd+Enter runs from anywhere on the page, not only from inside the playground. */
	pageShortcut: boolean;
	/** Whether a share link is for this playground. */
	opens(link: SharedPayload): boolean;
	/** Where the reader's code is kept in the browser between visits (localStorage), or null. */
	draftKey: string | null;
}

/** A snippet: its src tells it from another playground of the same snippet on the page. */
function snippet(p: BakedPayload): Variant {
	const built = codeKey(p.files);
	return {
		recorded: (key) => key === built,
		requestFiles: (files) => ({ ...files }),
		editorAlwaysOpen: false,
		pageShortcut: false,
		opens: (link) => link.id === p.id && (!link.src || link.src === p.src),
		// A snippet's code is the page's; an edit is for the moment (Share keeps one).
		draftKey: null,
	};
}

/** /play: one file, whose name follows its content, since the reader starts it from nothing. */
function play(p: BakedPayload): Variant {
	return {
		recorded: () => false,
		requestFiles(files) {
			const entries = Object.entries(files);
			if (entries.length !== 1) return { ...files };
			// `go test` only runs tests and benchmarks in a _test.go file.
			const code = entries[0]![1];
			const isTest = /^func (?:Test|Benchmark|Example|Fuzz)\w*\(/m.test(code) && !/^func main\(\)/m.test(code);
			return { [isTest ? 'play_test.go' : 'main.go']: code };
		},
		editorAlwaysOpen: true,
		pageShortcut: true,
		opens: (link) => link.id === p.id,
		// /play's code is the reader's own: a reload brings it back.
		draftKey: `playbook:draft:${p.id}`,
	};
}

export const variants = { snippet, play } as const;
