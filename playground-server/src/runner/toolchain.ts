/** The Go toolchain the runner drives: where it is, which version, and the environment it gets. */
import { execFile } from 'node:child_process';
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

export async function findToolchain(goBin: string): Promise<Toolchain> {
	let stdout: string;
	try {
		({ stdout } = await exec(goBin, ['env', '-json', 'GOROOT', 'GOVERSION', 'GOOS', 'GOARCH'], { env: { ...process.env, GOTOOLCHAIN: 'local' } }));
	} catch (e) {
		throw new Error(`cannot run the Go toolchain (${goBin}): ${(e as Error).message}. Install Go 1.22 or later, or set PLAYBOOK_GO to the go binary.`, {
			cause: e,
		});
	}
	const env = JSON.parse(stdout) as { GOROOT: string; GOVERSION: string; GOOS: string; GOARCH: string };
	return { goBin: `${env.GOROOT}/bin/go`, goRoot: env.GOROOT, version: env.GOVERSION, goos: env.GOOS, goarch: env.GOARCH };
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
