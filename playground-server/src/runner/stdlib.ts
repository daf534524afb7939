/**
 * The standard library's export data, prepared once per toolchain, so that escape analysis can run
 * the compiler directly (`compile -importcfg`) instead of `go build`.
 *
 * `go list -export std` (run in the sandbox, against the shared build cache) names each package's
 * compiled archive in the cache. Those entries cannot be referenced where they are: Go trims cache
 * entries unused for days (and only the go command marks them used), the runner empties an
 * oversized cache at start-up, and the build step may write to the cache. So the export data is
 * copied out, once, into a directory of its own under the state directory, owned by the server
 * and bound read-only into the sandbox. Only each archive's first member, `__.PKGDEF` (what the
 * compiler reads when it imports), is kept: about 10 MB for the whole library instead of 170 MB.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildContext } from './build-constraints.ts';
import type { Toolchain } from './toolchain.ts';

/** The compiler binary of a toolchain (what `go tool compile` runs, without the go command's start-up). */
export function compilerPath(toolchain: Toolchain): string {
	return `${toolchain.goRoot}/pkg/tool/${toolchain.goos}_${toolchain.goarch}/compile`;
}

const contextMarker = 'context ';
const packageMarker = 'packagefile ';

/**
 * `go list` arguments: one `packagefile path=archive` line per package with export data, and the
 * build context (on the line of `unsafe`, which has no export data). `-trimpath` because the
 * runner's builds use it, and it is part of a compiled package's identity.
 */
export const stdlibListArgs = [
	'list',
	'-export',
	'-trimpath',
	'-f',
	`{{if .Export}}${packageMarker}{{.ImportPath}}={{.Export}}{{else if eq .ImportPath "unsafe"}}${contextMarker}{{context.GOOS}} {{context.GOARCH}} {{context.Compiler}} {{context.CgoEnabled}} {{join context.ToolTags ","}} {{join context.ReleaseTags ","}}{{end}}`,
	'std',
];

export interface Stdlib {
	/** Host directory of the export-data archives. */
	dir: string;
	/** Import path → archive file name in `dir`. */
	packages: Map<string, string>;
	context: BuildContext;
}

interface Manifest {
	packages: Record<string, string>;
	context: BuildContext;
}

const manifestName = 'manifest.json';
/** ar(1) layout: the global header, then 60-byte member headers. */
const arMagic = '!<arch>\n';
const arHeaderBytes = 60;
const arNameBytes = 16;
const arSizeOffset = 48;
const arSizeBytes = 10;

/**
 * Names the directory of one toolchain's export data: a different Go (another version, or the
 * same version reinstalled) gets its own, never one prepared for another compiler.
 */
export async function stdlibKey(toolchain: Toolchain, compiler: string): Promise<string> {
	const s = await stat(compiler);
	const hash = createHash('sha256')
		.update(JSON.stringify([toolchain.version, toolchain.goRoot, s.size, s.mtimeMs, stdlibListArgs]))
		.digest('hex')
		.slice(0, 24);
	// The release first: the export data of one release is replaced only by the same release's.
	return `${toolchain.version}-${hash}`;
}

/** The export data prepared earlier for this key (by any process), or null. */
export async function loadStdlib(root: string, key: string): Promise<Stdlib | null> {
	const dir = join(root, key);
	try {
		const manifest = JSON.parse(await readFile(join(dir, manifestName), 'utf8')) as Manifest;
		return { dir, packages: new Map(Object.entries(manifest.packages)), context: manifest.context };
	} catch {
		return null;
	}
}

/** Parses the `go list` output of stdlibListArgs. */
export function parseStdlibList(output: string): { archives: Map<string, string>; context: BuildContext } {
	const archives = new Map<string, string>();
	let context: BuildContext | null = null;
	for (const line of output.split('\n')) {
		if (line.startsWith(packageMarker)) {
			const [path = '', file = ''] = line.slice(packageMarker.length).split(/=(.*)/s);
			if (path && file) archives.set(path, file);
		} else if (line.startsWith(contextMarker)) {
			const [goos = '', goarch = '', compiler = '', cgo = '', tools = '', releases = ''] = line.slice(contextMarker.length).split(' ');
			context = {
				goos,
				goarch,
				compiler,
				cgoEnabled: cgo === 'true',
				toolTags: tools.split(',').filter(Boolean),
				releaseTags: releases.split(',').filter(Boolean),
			};
		}
	}
	if (!context || !archives.has('runtime')) throw new Error(`go list did not list the standard library:\n${output.slice(0, 2000)}`);
	return { archives, context };
}

/** An archive holding only the first member of `archive` when that is __.PKGDEF; else the archive. */
export function exportDataOnly(archive: Buffer): Buffer {
	if (archive.toString('latin1', 0, arMagic.length) !== arMagic) return archive;
	const header = arMagic.length;
	const name = archive.toString('latin1', header, header + arNameBytes).trim();
	const size = Number(archive.toString('latin1', header + arSizeOffset, header + arSizeOffset + arSizeBytes).trim());
	if (name !== '__.PKGDEF' || !Number.isSafeInteger(size)) return archive;
	const end = header + arHeaderBytes + size + (size % 2);
	return end <= archive.length ? archive.subarray(0, end) : archive;
}

let installCounter = 0;

/**
 * Copies the export data `go list` named into root/key, atomically: a temporary directory renamed
 * into place, so a concurrent runner (the site build and a server may share a state directory)
 * either finds the finished directory or none. `hostPath` maps a cache path as the sandbox saw it.
 */
export async function installStdlib(root: string, key: string, listOutput: string, hostPath: (sandboxPath: string) => string): Promise<Stdlib> {
	const { archives, context } = parseStdlibList(listOutput);
	const existing = await loadStdlib(root, key);
	if (existing) return existing;
	const tmp = join(root, `${key}.tmp-${process.pid}-${++installCounter}`);
	await rm(tmp, { recursive: true, force: true });
	await mkdir(tmp, { recursive: true, mode: 0o755 });
	const packages: Record<string, string> = {};
	let n = 0;
	for (const [path, file] of archives) {
		const name = `${++n}.a`;
		await writeFile(join(tmp, name), exportDataOnly(await readFile(hostPath(file))), { mode: 0o644 });
		packages[path] = name;
	}
	await writeFile(join(tmp, manifestName), JSON.stringify({ packages, context } satisfies Manifest), { mode: 0o644 });
	try {
		await rename(tmp, join(root, key));
	} catch {
		// Another runner finished first: its copy is the same.
		await rm(tmp, { recursive: true, force: true });
	}
	const installed = await loadStdlib(root, key);
	if (!installed) throw new Error(`the standard library's export data did not appear in ${join(root, key)}`);
	return installed;
}

/**
 * Removes the export data of other builds of the same release (a reinstalled toolchain) and
 * copies left by interrupted installs, never another release's: several releases' runners share
 * the state directory, each using its own.
 */
export async function removeOtherStdlibs(root: string, keep: string): Promise<void> {
	const release = keep.slice(0, keep.lastIndexOf('-') + 1);
	let names: string[];
	try {
		names = await readdir(root);
	} catch {
		return;
	}
	// Names without a release are from before releases were named (an older layout).
	const stale = (name: string) => name !== keep && (name.startsWith(release) || !/^go\d/.test(name));
	for (const name of names) if (stale(name)) await rm(join(root, name), { recursive: true, force: true });
}

/** An importcfg: the standard library at `dir` (as the compiler will see it), plus `extra`. */
export function importcfg(stdlib: Stdlib, dir: string, extra: Record<string, string> = {}): string {
	let out = '# import config\n';
	for (const [path, name] of stdlib.packages) out += `packagefile ${path}=${dir}/${name}\n`;
	for (const [path, file] of Object.entries(extra)) out += `packagefile ${path}=${file}\n`;
	return out;
}
