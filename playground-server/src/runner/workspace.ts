/**
 * A job's directory: the sources it was sent (src/, read-only to the build), where the build
 * writes (out/), and a private tmp/; owned by the job's slot uid when the server runs as root.
 */
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snippetModule } from './parse/compiler.ts';
import { findImports } from './imports.ts';

export interface WorkspaceOptions {
	files: Record<string, string>;
	/** The language version a go.mod gets when it has no `go` line ("1.27"). */
	language: string;
	/** The go command needs a go.mod; the compiler run directly does not. */
	goMod: boolean;
	/** Give the directories to this uid and gid (root only). */
	owner: { uid: number; gid: number } | null;
}

/**
 * Synchronous on purpose: a handful of tiny calls, each of which would otherwise be a round trip
 * through libuv's thread pool (about 2 ms in all, on the path of every answer, against well under
 * 1 ms of blocking here).
 */
export function createWorkspace(jobDir: string, o: WorkspaceOptions): void {
	const dirs = [jobDir, join(jobDir, 'src'), join(jobDir, 'out'), join(jobDir, 'tmp')];
	mkdirSync(dirs[1]!, { recursive: true });
	mkdirSync(dirs[2]!);
	mkdirSync(dirs[3]!);
	for (const [name, source] of Object.entries(o.files)) {
		writeFileSync(join(jobDir, 'src', name), name === 'go.mod' ? withSnippetModule(source, o.language) : source);
	}
	if (o.goMod && !o.files['go.mod']) writeFileSync(join(jobDir, 'src', 'go.mod'), `module ${snippetModule}\n\ngo ${o.language}\n`);
	if (o.owner) for (const dir of dirs) chownSync(dir, o.owner.uid, o.owner.gid);
}

/** "main.go:3" when a file imports "C" (cgo), which the playground does not allow. */
export function findCgoImport(files: Record<string, string>): string | null {
	for (const [name, source] of Object.entries(files)) {
		if (!name.endsWith('.go')) continue;
		const c = findImports(source).find((i) => i.path === 'C');
		if (c) return `${name}:${c.line}`;
	}
	return null;
}

/**
 * A snippet's own go.mod as the build needs it: its module path replaced by the one the runner
 * gives every snippet (the diagnostics' file names are relative to it, "play/main.go", and a
 * snippet is one package, so the path has no other use), and a `go` line with the toolchain's
 * language version when it has none. Without one, the go command (-mod=mod) would write that line
 * into go.mod itself, which is read-only in the sandbox, and every build of the Go Playground's
 * own "-- go.mod --\nmodule play.ground" pattern would fail; and an older language version
 * would not be what the snippet means. Everything else in the file is kept.
 */
export function withSnippetModule(goMod: string, goVersion: string): string {
	// The first line whose first word is module, path or not, keeping a trailing comment.
	const directive = /^([ \t\r]*)module(?=[ \t\r(/]|$)[^\n]*?([ \t\r]*\/\/[^\n]*)?$/m;
	let out = directive.test(goMod) ? goMod.replace(directive, `$1module ${snippetModule}$2`) : `module ${snippetModule}\n${goMod}`;
	if (!/^[ \t\r]*go(?=[ \t\r/]|$)/m.test(out)) out = `${out}${out.endsWith('\n') ? '' : '\n'}\ngo ${goVersion}\n`;
	return out;
}
