/** The Go toolchain the runner drives: where it is, which version, and the environment it gets. */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface Toolchain {
	goBin: string;
	goRoot: string;
	/** e.g. "go1.26.8" */
	version: string;
	/** The target the toolchain builds for by default (the runner never cross-compiles). */
	goos: string;
	goarch: string;
}

function toolchainOf(goEnvJson: string): Toolchain {
	const env = JSON.parse(goEnvJson) as { GOROOT: string; GOVERSION: string; GOOS: string; GOARCH: string };
	return { goBin: `${env.GOROOT}/bin/go`, goRoot: env.GOROOT, version: env.GOVERSION, goos: env.GOOS, goarch: env.GOARCH };
}

/** Where fetched toolchains are kept: a module cache of their own in the state directory. */
export function toolchainsDir(stateDir: string): string {
	return join(stateDir, 'toolchains');
}

/**
 * A Go release as a toolchain, fetched on first use by the machine's go command from the Go
 * module proxy (`GOTOOLCHAIN=go1.24.13`: the module golang.org/toolchain, checked against the
 * checksum database like any module) into the state directory, where the module cache keeps it
 * read-only; later calls find it there in milliseconds. This runs in the server's process,
 * never in a job: jobs get no network. The go command is run from an empty directory, so that no
 * go.mod or go.work around the server chooses for it.
 */
export async function fetchToolchain(release: string, o: { goBin: string; stateDir: string; timeoutMs: number; signal?: AbortSignal }): Promise<Toolchain> {
	const root = toolchainsDir(o.stateDir);
	const cwd = join(root, 'cwd');
	await mkdir(cwd, { recursive: true });
	const env: NodeJS.ProcessEnv = {
		...process.env,
		GOTOOLCHAIN: `go${release}`,
		GOMODCACHE: join(root, 'mod'),
		GOPATH: join(root, 'gopath'),
		GOENV: 'off',
		GOTELEMETRY: 'off',
	};
	for (const name of ['GOROOT', 'GOFLAGS', 'GOWORK', 'GO111MODULE']) delete env[name];
	let stdout: string;
	try {
		({ stdout } = await exec(o.goBin, ['env', '-json', 'GOROOT', 'GOVERSION', 'GOOS', 'GOARCH'], {
			env,
			cwd,
			timeout: o.timeoutMs,
			killSignal: 'SIGKILL',
			...(o.signal ? { signal: o.signal } : {}),
			maxBuffer: 1 << 20,
		}));
	} catch (e) {
		const err = e as Error & { stderr?: string; killed?: boolean };
		const cause = err.killed ? `it took longer than ${Math.round(o.timeoutMs / 1000)} s` : lastLine(err.stderr) || err.message;
		// No server path in a message a user may read.
		throw new ToolchainFetchError(release, cause.replaceAll(o.stateDir, '$PLAYBOOK_STATE_DIR').replace(/[.\s]+$/, ''));
	}
	const toolchain = toolchainOf(stdout);
	if (toolchain.version !== `go${release}`) throw new ToolchainFetchError(release, `the go command gave ${toolchain.version} instead`);
	return toolchain;
}

export class ToolchainFetchError extends Error {
	readonly release: string;
	constructor(release: string, cause: string) {
		super(`Go ${release} could not be fetched from the Go module proxy: ${cause}.`);
		this.release = release;
	}
}

/** The last non-empty line of a command's stderr, where the go command says what went wrong. */
function lastLine(text: string | undefined): string {
	return (text ?? '').trim().split('\n').at(-1)?.trim() ?? '';
}

/** "go1.26.8" → "1.26", the language version written into generated go.mod files. */
export function languageVersion(version: string): string {
	const m = /^go(\d+)\.(\d+)/.exec(version);
	if (!m) throw new Error(`unexpected Go version ${version}`);
	return `${m[1]}.${m[2]}`;
}

/**
 * The environment of `go build` inside the sandbox: standard library only (no proxy, no module
 * downloads), no cgo unless the race detector needs it, no toolchain switching, no user config.
 */
export function buildEnv(toolchain: Toolchain, paths: { cache: string; tmp: string }, cgo: boolean): Record<string, string> {
	return {
		PATH: `${toolchain.goRoot}/bin:/usr/bin:/bin`,
		HOME: paths.tmp,
		TMPDIR: paths.tmp,
		GOROOT: toolchain.goRoot,
		GOCACHE: paths.cache,
		GOPATH: `${paths.tmp}/gopath`,
		GOPROXY: 'off',
		GOSUMDB: 'off',
		GOFLAGS: '-mod=mod',
		GOTOOLCHAIN: 'local',
		GOENV: 'off',
		GOWORK: 'off',
		GOTELEMETRY: 'off',
		CGO_ENABLED: cgo ? '1' : '0',
	};
}
