/**
 * Format: the formatter (playground-server/formatter/, a small Go program on the ecosystem's own
 * golang.org/x/tools/imports, go/format and golang.org/x/mod/modfile), built once per source and
 * toolchain into the state directory, and run in the sandbox like a job's command, since it parses
 * whatever a client sent: no network, none of the server's files, its own uid, and limits on time,
 * memory and output.
 *
 * goimports must only ever add standard-library packages, and must not scan anything to find them:
 * it knows the standard library from a table compiled into it, and for a name it does not know
 * (`foo.Bar`) it scans GOROOT/src and GOPATH/src. So the sandbox holds a GOROOT of one file, the go
 * command (goimports runs `go env` once), GO111MODULE=off (no module cache, no go.mod lookup) and
 * an empty GOPATH: there is nothing to scan, and no network to reach.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { access, chmod, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FormatRequest } from '../contract/index.ts';
import { fixedLimits } from './limits.ts';
import { runtimeOutOfMemory } from './outcome.ts';
import { runSandboxed, type Bind } from './sandbox.ts';
import type { RunnerParts } from './steps/context.ts';
import { toolchainsDir, type Toolchain } from './toolchain.ts';

const exec = promisify(execFile);

/** The formatter's sources, which its build and its cache key read. */
export const formatterSourceDir = fileURLToPath(new URL('../../formatter/', import.meta.url));
const formatterSources = ['main.go', 'go.mod', 'go.sum'];

/** One error of a file at its position (1-based; 0 when it has none). */
export interface FormatPosition {
	line: number;
	column: number;
	message: string;
}

export interface FormattedFile {
	name: string;
	/** Formatted, or as sent when it could not be. */
	data: string;
	/** What kept it from being formatted, in the Go Playground's words ("prog.go:1:9: expected …"); "" when formatted. */
	error: string;
	problems: FormatPosition[];
}

export interface FormatOutcome {
	/** Each file of the request, in its order; empty when a limit stopped the formatter. */
	files: FormattedFile[];
	/** The limit the formatter hit (the input's doing), said for the client; null when it finished. */
	limit: string | null;
	durationMs: number;
}

/** The formatter could not be built: nothing a client sent is at fault, and a later request tries again. */
export class FormatterUnavailableError extends Error {
	override name = 'FormatterUnavailableError';
}

/** A hash of what the formatter binary is built from: its sources and the toolchain's version. */
export async function formatterKey(toolchain: Pick<Toolchain, 'version'>): Promise<string> {
	const hash = createHash('sha256').update(toolchain.version).update('\0');
	for (const name of formatterSources)
		hash
			.update(name)
			.update('\0')
			.update(await readFile(join(formatterSourceDir, name)));
	return hash.digest('hex').slice(0, 16);
}

/**
 * The formatter binary for this toolchain, built on first use into
 * $PLAYBOOK_STATE_DIR/formatter/ and found there afterwards (its name holds formatterKey, so a
 * changed source or toolchain builds anew). It is built on the host, like a toolchain is fetched:
 * its modules come from the Go module proxy, checked against go.sum, into the module cache the
 * toolchains share. -trimpath: no path of this machine inside it. CGO_ENABLED=0: a static binary,
 * which needs nothing of the system inside the sandbox. Several processes may build at once: each
 * writes a file of its own and renames it into place.
 */
export async function buildFormatter(o: { toolchain: Toolchain; stateDir: string; timeoutMs?: number }): Promise<string> {
	const dir = join(o.stateDir, 'formatter');
	const binary = join(dir, `formatter-${o.toolchain.version}-${await formatterKey(o.toolchain)}`);
	try {
		await access(binary);
		await removeEarlierBuilds(binary, o.toolchain.version);
		return binary;
	} catch {}
	await mkdir(dir, { recursive: true });
	// The sandbox runs it as a slot's uid.
	await chmod(dir, 0o755);
	const tmp = `${binary}.${randomUUID()}.tmp`;
	const toolchains = toolchainsDir(o.stateDir);
	const env: NodeJS.ProcessEnv = {
		...process.env,
		GOTOOLCHAIN: 'local',
		GOMODCACHE: join(toolchains, 'mod'),
		GOPATH: join(toolchains, 'gopath'),
		GOCACHE: join(dir, 'gocache'),
		GOFLAGS: '-mod=readonly',
		GOWORK: 'off',
		GOENV: 'off',
		GOTELEMETRY: 'off',
		CGO_ENABLED: '0',
	};
	for (const name of ['GOROOT', 'GO111MODULE']) delete env[name];
	const timeoutMs = o.timeoutMs ?? fixedLimits.formatterBuildTimeoutMs;
	try {
		await exec(o.toolchain.goBin, ['build', '-trimpath', '-buildvcs=false', '-o', tmp, '.'], {
			cwd: formatterSourceDir,
			env,
			timeout: timeoutMs,
			killSignal: 'SIGKILL',
			maxBuffer: 4 << 20,
		});
		await chmod(tmp, 0o755);
		await rename(tmp, binary);
	} catch (e) {
		await rm(tmp, { force: true });
		const err = e as Error & { stderr?: string; killed?: boolean };
		const cause = err.killed
			? `it took longer than ${Math.round(timeoutMs / 1000)} s`
			: (err.stderr?.trim().split('\n').slice(-3).join(' ') ?? '') || err.message;
		// No server path in a message a client may read.
		throw new FormatterUnavailableError(
			`Formatting is not available yet: the formatter could not be built with ${o.toolchain.version} (${cause.replaceAll(o.stateDir, '$PLAYBOOK_STATE_DIR').replaceAll(formatterSourceDir, 'formatter/')}). Try again in a minute.`,
		);
	}
	await removeEarlierBuilds(binary, o.toolchain.version);
	return binary;
}

/**
 * Removes this toolchain's formatter binaries built from earlier sources: they are never used
 * again. Other toolchains' are theirs, and a .tmp may be another process's build in progress.
 * Best effort: the binary in use works whatever happens here.
 */
async function removeEarlierBuilds(binary: string, version: string): Promise<void> {
	const dir = dirname(binary);
	const names = await readdir(dir).catch(() => []);
	const earlier = names.filter((f) => f.startsWith(`formatter-${version}-`) && !f.endsWith('.tmp') && join(dir, f) !== binary);
	await Promise.all(earlier.map((f) => rm(join(dir, f), { force: true }).catch(() => {})));
}

/** The formatter's answer on stdout. */
interface FormatterAnswer {
	files: { name: string; data: string; error?: string; problems?: FormatPosition[] }[];
}

/**
 * Formats a request's files in the sandbox as the slot's uid. Limits hit are an outcome
 * (`limit`); a canceled request rejects with the signal's reason; anything else the formatter
 * could not do (it could not start, or answered nothing readable) is the server's failure and
 * rejects with an Error.
 */
export async function runFormatter(parts: RunnerParts, binary: string, request: FormatRequest, uid: number, signal?: AbortSignal): Promise<FormatOutcome> {
	const started = performance.now();
	const imports = request.imports === true;
	const bwrap = parts.sandbox === 'bwrap';
	const binds: Bind[] = [];
	let argv: string[];
	let goRoot: string;
	let tmp: string;
	if (bwrap) {
		binds.push({ src: binary, dest: '/formatter' });
		// goimports runs `go env`: the go command is all of GOROOT it gets (see the top).
		if (imports) binds.push({ src: parts.toolchain.goBin, dest: '/goroot/bin/go' });
		argv = ['/formatter'];
		goRoot = '/goroot';
		tmp = '/tmp';
	} else {
		argv = [binary];
		goRoot = parts.toolchain.goRoot;
		tmp = tmpdir();
	}
	const outcome = await runSandboxed(
		{
			argv,
			binds,
			env: {
				PATH: `${goRoot}/bin`,
				HOME: tmp,
				TMPDIR: tmp,
				GOROOT: goRoot,
				GOPATH: `${tmp}/gopath`,
				GO111MODULE: 'off',
				GOFLAGS: '',
				GOTOOLCHAIN: 'local',
				GOPROXY: 'off',
				GOENV: 'off',
				GOTELEMETRY: 'off',
				GOWORK: 'off',
			},
			cwd: tmp,
			system: false,
			timeoutMs: fixedLimits.formatTimeoutMs,
			cpuSeconds: Math.ceil(fixedLimits.formatTimeoutMs / 1000),
			memoryBytes: fixedLimits.formatMemoryBytes,
			limitData: true,
			// The formatter (and `go env` once with imports): our own code on hostile input,
			// bounded by its rlimits like the compiler in escape analysis, without a cgroup's cost
			// (see SandboxSpec.jobCgroup). /dev only for `go env`.
			jobCgroup: false,
			devices: imports,
			processes: 64,
			fileSizeBytes: 2 * requestBytes(request),
			tmpBytes: 4 * requestBytes(request),
			outputBytes: fixedLimits.formatOutputBytes,
			uid,
			gid: parts.gid,
			signal,
			stdin: Buffer.from(JSON.stringify({ files: Object.entries(request.files).map(([name, data]) => ({ name, data })), imports })),
		},
		parts.sandboxOptions,
	);
	const durationMs = Math.round(performance.now() - started);
	if (outcome.canceled) throw signal?.reason ?? new DOMException('The request was canceled', 'AbortError');
	const limit = limitHit(outcome);
	if (limit) return { files: [], limit, durationMs };
	let answer: FormatterAnswer;
	try {
		if (outcome.exitCode !== 0) throw new Error(`exit ${outcome.exitCode ?? outcome.signal}`);
		answer = JSON.parse(outcome.stdout) as FormatterAnswer;
	} catch (e) {
		throw new Error(`the formatter failed (${(e as Error).message}): ${outcome.stderr.trim().split('\n').slice(0, 3).join(' ').slice(0, 500)}`, { cause: e });
	}
	return {
		files: answer.files.map((f) => ({ name: f.name, data: f.data, error: f.error ?? '', problems: f.problems ?? [] })),
		limit: null,
		durationMs,
	};
}

/** Room for the files on the private /tmp (goimports reads a file's siblings there), and more than any small request needs. */
function requestBytes(request: FormatRequest): number {
	let n = 0;
	for (const data of Object.values(request.files)) n += Buffer.byteLength(data);
	return Math.max(1 << 20, n);
}

const seconds = (ms: number) => `${ms / 1000} s`;
const mib = (bytes: number) => `${bytes / 2 ** 20} MiB`;

/** Which limit, if any, stopped the formatter, in a sentence for the client; null when none did. */
function limitHit(o: {
	timedOut: boolean;
	outputLimited: boolean;
	exitCode: number | null;
	signal: string | null;
	stderr: string;
	stdout: string;
}): string | null {
	if (o.timedOut) {
		return `Formatting took longer than ${seconds(fixedLimits.formatTimeoutMs)}, the limit, and was stopped. gofmt needs milliseconds for real code: make the source smaller or less deeply nested.`;
	}
	if (o.outputLimited) return `The formatted source was larger than ${mib(fixedLimits.formatOutputBytes)}, the limit. Make the source smaller.`;
	if (o.exitCode === 0) return null;
	// The Go runtime's own words when it runs out of memory or stack; under RLIMIT_DATA it may also
	// die by SIGSEGV before it can print anything (see steps/escape.ts).
	const runtime = runtimeOutOfMemory.exec(o.stderr) ?? /fatal error: stack overflow|goroutine stack exceeds/.exec(o.stderr);
	if (runtime || ((o.exitCode === 139 || o.signal === 'SIGSEGV') && o.stdout === '')) {
		return `Formatting needed more than ${mib(fixedLimits.formatMemoryBytes)} of memory or too deep a stack, the limits, and was stopped${runtime ? ` (${runtime[0]})` : ''}. Make the source smaller or less deeply nested.`;
	}
	// Any other crash of the Go libraries is one the input caused: say what it was, for a report.
	const crash = /^(?:panic: .*|fatal error: .*)$/m.exec(o.stderr);
	if (crash)
		return `The formatter failed on this source (${crash[0].slice(0, 200)}). Check the syntax near what you last changed; if the source is valid Go, report it.`;
	return null;
}
