/**
 * The Go Playground's /compile protocol, mapped onto this server's jobs: the request's body is one
 * program (prog.go) or a txtar archive of several files; the answer is the Playground's
 * `{Errors, Events, Status, IsTest, TestsFailed, VetErrors, VetOK}`.
 */
import { declaresMain, declaresTests, fileNamePattern, hasTestFiles, requestLimits, type RunRequest, type RunResult } from './contract/index.ts';

/**
 * Something wrong with the files a /compile body holds (a name, a count, a duplicate, a go.mod
 * directive, nothing at all). play.golang.org answers these with HTTP 200 and the problem in
 * `Errors`, and its clients show `Errors`; so does this server (only sizes stay 413).
 */
export class BodyProblem extends Error {
	override name = 'BodyProblem';
}

export interface PlaygroundEvent {
	Message: string;
	Kind: 'stdout' | 'stderr';
	Delay: number;
}

export interface PlaygroundResponse {
	Errors: string;
	Events: PlaygroundEvent[] | null;
	Status: number;
	IsTest: boolean;
	TestsFailed: number;
	VetErrors?: string;
	VetOK?: boolean;
}

/** Splits a txtar body ("-- name --" lines) into files; text before the first header is prog.go. */
export function splitTxtar(body: string): Record<string, string> {
	return readTxtar(body).files;
}

/**
 * splitTxtar, and whether prog.go was the text before the first header (`implicitProg`), which
 * the Go Playground's /fmt answers without a header again (joinTxtar).
 */
export function readTxtar(body: string): { files: Record<string, string>; implicitProg: boolean } {
	const files: Record<string, string> = {};
	let implicitProg = false;
	const headerLine = /^-- (.+?) --\r?$/;
	let name = 'prog.go';
	/** Whether a header has been read: the text before the first one is prog.go without one. */
	let header = false;
	let lines: string[] = [];
	const flush = () => {
		const text = lines.join('\n');
		if (name !== 'prog.go' || text.trim() !== '') {
			if (Object.hasOwn(files, name)) throw new BodyProblem(`The body names the file "${name}" twice. Give each file one "-- ${name} --" section.`);
			files[name] = text;
			if (!header) implicitProg = true;
		}
	};
	for (const line of body.split('\n')) {
		const m = headerLine.exec(line);
		if (m) {
			flush();
			name = m[1]!.trim();
			header = true;
			lines = [];
		} else {
			lines.push(line);
		}
	}
	flush();
	return { files, implicitProg };
}

/**
 * Files as a txtar body, as the Go Playground writes one (golang.org/x/tools/txtar's Format): each
 * file after its "-- name --" line, ending in a newline; a prog.go that came without a header
 * (readTxtar's implicitProg) first and without one.
 */
export function joinTxtar(files: Record<string, string>, implicitProg: boolean): string {
	const line = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
	return Object.entries(files)
		.map(([name, text], i) => (i === 0 && implicitProg && name === 'prog.go' ? line(text) : `-- ${name} --\n${line(text)}`))
		.join('');
}

/** The files of a body as a snippet may have them: throws BodyProblem saying what to change. */
export function checkBodyFiles(files: Record<string, string>): void {
	const names = Object.keys(files);
	if (names.length === 0)
		throw new BodyProblem(
			'The body is empty. Send a Go program (package main with func main) in the form field body, or several files in the txtar format ("-- name.go --" lines).',
		);
	if (names.length > requestLimits.maxFiles)
		throw new BodyProblem(`The body holds ${names.length} files; a snippet may have at most ${requestLimits.maxFiles}.`);
	for (const n of names) {
		if (!fileNamePattern.test(n)) {
			throw new BodyProblem(
				`File name ${JSON.stringify(n)} is not allowed: use a plain name ending in .go (no directories, no "..") or go.mod. Every file of a snippet is one package in one directory.`,
			);
		}
	}
}

/** A body problem in the Go Playground's answer shape. */
export function problemResponse(message: string): PlaygroundResponse {
	return { Errors: `${message}\n`, Events: null, Status: 0, IsTest: false, TestsFailed: 0 };
}

/**
 * The job a Playground request means: a test when a file is a _test.go file, or when package main
 * has no main function but has Test or Example functions (what play.golang.org does; the file is
 * then renamed so that `go test` sees it).
 */
export function playgroundJob(files: Record<string, string>): RunRequest {
	const names = Object.keys(files);
	if (hasTestFiles(files)) return { mode: 'test', files };
	const goFiles = names.filter((n) => n.endsWith('.go'));
	if (!goFiles.some((n) => declaresMain(files[n]!)) && goFiles.some((n) => declaresTests(files[n]!))) {
		const renamed: Record<string, string> = {};
		for (const n of names) renamed[n.endsWith('.go') ? n.replace(/\.go$/, '_test.go') : n] = files[n]!;
		return { mode: 'test', files: renamed };
	}
	return { mode: 'run', files };
}

/** Compiler output without the go command's "# package" banners, as the Playground shows it. */
function withoutBanner(text: string): string {
	return text
		.split('\n')
		.filter((l) => !l.startsWith('# '))
		.join('\n')
		.replace(/^\s+|\s+$/g, '')
		.concat('\n');
}

const limitCodes = new Set(['timeout', 'memory_limit', 'output_limit', 'process_limit', 'file_size_limit', 'internal_error']);

export function toPlaygroundResponse(result: RunResult, vet: RunResult | null): PlaygroundResponse {
	const code = result.error?.code;
	const isTest = result.mode === 'test';
	const out: PlaygroundResponse = { Errors: '', Events: null, Status: 0, IsTest: isTest, TestsFailed: result.tests?.failed ?? 0 };
	if (vet) {
		if (vet.ok) out.VetOK = true;
		else out.VetErrors = withoutBanner(vet.stderr || vet.error?.message || '');
	}
	if (code === 'compile_error' || code === 'import_not_allowed') {
		out.Errors = result.stderr.trim() ? withoutBanner(result.stderr) : `${result.error!.message}\n`;
		if (code === 'import_not_allowed') out.Errors = `${result.error!.message}\n${out.Errors}`;
		return out;
	}
	const events: PlaygroundEvent[] = [];
	if (result.stdout) events.push({ Message: result.stdout, Kind: 'stdout', Delay: 0 });
	if (result.stderr) events.push({ Message: result.stderr, Kind: 'stderr', Delay: 0 });
	out.Events = events;
	out.Status = result.exitCode ?? (result.ok ? 0 : 1);
	if (code && limitCodes.has(code)) {
		// The Playground's own wording first (clients look for it), then what to do.
		out.Errors = code === 'timeout' ? `timeout running program\n${result.error!.message}` : result.error!.message;
	}
	return out;
}
