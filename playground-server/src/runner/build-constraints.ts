/**
 * Which of a snippet's files `go build` would compile: the same selection go/build makes
 * (build.go: goodOSArchFile, shouldBuild, parseFileHeader, matchTag; go/build/constraint), so that
 * escape analysis can call the compiler directly and still see the files the go command would.
 *
 * Anything this cannot decide the way go/build does (an unparsable constraint, two //go:build
 * lines) is reported as undecidable, and the caller leaves the build to the go command.
 */

/** The build context of the toolchain, as `go list` prints it (`context.*`). */
export interface BuildContext {
	goos: string;
	goarch: string;
	compiler: string;
	cgoEnabled: boolean;
	toolTags: string[];
	releaseTags: string[];
}

// internal/syslist of Go 1.26: the names a file-name suffix may constrain.
const knownOS = new Set([
	'aix',
	'android',
	'darwin',
	'dragonfly',
	'freebsd',
	'hurd',
	'illumos',
	'ios',
	'js',
	'linux',
	'nacl',
	'netbsd',
	'openbsd',
	'plan9',
	'solaris',
	'wasip1',
	'windows',
	'zos',
]);
const unixOS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']);
const knownArch = new Set([
	'386',
	'amd64',
	'amd64p32',
	'arm',
	'armbe',
	'arm64',
	'arm64be',
	'loong64',
	'mips',
	'mipsle',
	'mips64',
	'mips64le',
	'mips64p32',
	'mips64p32le',
	'ppc',
	'ppc64',
	'ppc64le',
	'riscv',
	'riscv64',
	's390',
	's390x',
	'sparc',
	'sparc64',
	'wasm',
]);

export class UndecidableConstraint extends Error {}

/** build.Context.matchTag. */
export function matchTag(ctx: BuildContext, name: string): boolean {
	if (ctx.cgoEnabled && name === 'cgo') return true;
	if (name === ctx.goos || name === ctx.goarch || name === ctx.compiler) return true;
	if (ctx.goos === 'android' && name === 'linux') return true;
	if (ctx.goos === 'illumos' && name === 'solaris') return true;
	if (ctx.goos === 'ios' && name === 'darwin') return true;
	if (name === 'unix' && unixOS.has(ctx.goos)) return true;
	const tag = name === 'boringcrypto' ? 'goexperiment.boringcrypto' : name;
	return ctx.toolTags.includes(tag) || ctx.releaseTags.includes(tag);
}

/** build.Context.goodOSArchFile: false when a _GOOS / _GOARCH name suffix excludes the file. */
export function goodOSArchFile(ctx: BuildContext, fileName: string): boolean {
	const stem = fileName.split('.', 1)[0] ?? '';
	const i = stem.indexOf('_');
	if (i < 0) return true;
	const parts = stem.slice(i).split('_');
	if (parts.at(-1) === 'test') parts.pop();
	const n = parts.length;
	if (n >= 2 && knownOS.has(parts[n - 2]!) && knownArch.has(parts[n - 1]!)) {
		return matchTag(ctx, parts[n - 1]!) && matchTag(ctx, parts[n - 2]!);
	}
	if (n >= 1 && (knownOS.has(parts[n - 1]!) || knownArch.has(parts[n - 1]!))) return matchTag(ctx, parts[n - 1]!);
	return true;
}

/**
 * build.parseFileHeader: the leading run of // comments and blank lines up to the last blank line
 * before the first non-comment text (where +build lines count), and the //go:build line, which may
 * be anywhere before that text.
 */
function parseFileHeader(content: string): { header: string; goBuild: string | null } {
	let end = 0;
	let p = 0;
	let ended = false;
	let inSlashStar = false;
	let goBuild: string | null = null;
	lines: while (p < content.length) {
		const nl = content.indexOf('\n', p);
		let line = nl >= 0 ? content.slice(p, nl) : content.slice(p);
		p = nl >= 0 ? nl + 1 : content.length;
		line = line.trim();
		if (line.length === 0 && !ended) {
			end = p;
			continue;
		}
		if (!line.startsWith('//')) ended = true;
		if (!inSlashStar && isGoBuildComment(line)) {
			if (goBuild !== null) throw new UndecidableConstraint('multiple //go:build comments');
			goBuild = line;
		}
		for (;;) {
			if (line.length === 0) continue lines;
			if (inSlashStar) {
				const i = line.indexOf('*/');
				if (i < 0) continue lines;
				inSlashStar = false;
				line = line.slice(i + 2).trim();
				continue;
			}
			if (line.startsWith('//')) continue lines;
			if (line.startsWith('/*')) {
				inSlashStar = true;
				line = line.slice(2).trim();
				continue;
			}
			break lines;
		}
	}
	return { header: content.slice(0, end), goBuild };
}

function isGoBuildComment(line: string): boolean {
	if (!line.startsWith('//go:build')) return false;
	const rest = line.slice('//go:build'.length);
	return rest.length === 0 || rest.trim().length < rest.length;
}

type Eval = (tag: string) => boolean;

/** A //go:build expression (constraint.parseExpr): ||, &&, !, parentheses and tags. */
function evalGoBuild(line: string, match: Eval): boolean {
	const expr = line.trim().slice('//go:build'.length).trim();
	const tokens = expr.match(/\|\||&&|[()!]|[\p{L}\p{N}_.]+|\S/gu) ?? [];
	let i = 0;
	const fail = (why: string): never => {
		throw new UndecidableConstraint(`parsing //go:build line: ${why}`);
	};
	const or = (): boolean => {
		let v = and();
		while (tokens[i] === '||') {
			i++;
			v = and() || v;
		}
		return v;
	};
	const and = (): boolean => {
		let v = not();
		while (tokens[i] === '&&') {
			i++;
			v = not() && v;
		}
		return v;
	};
	const not = (): boolean => {
		if (tokens[i] === '!') {
			i++;
			return !not();
		}
		return atom();
	};
	const atom = (): boolean => {
		const t = tokens[i++];
		if (t === undefined) return fail('unexpected end of expression');
		if (t === '(') {
			const v = or();
			if (tokens[i++] !== ')') fail('missing close paren');
			return v;
		}
		if (!/^[\p{L}\p{N}_.]+$/u.test(t)) fail(`unexpected token ${t}`);
		return match(t);
	};
	if (tokens.length === 0) fail('unexpected end of expression');
	const value = or();
	if (i < tokens.length) fail(`unexpected token ${tokens[i]}`);
	return value;
}

/** A `// +build` line (constraint.parsePlusBuildExpr), or null when it is not one or does not parse (go/build ignores those). */
function evalPlusBuild(line: string, match: Eval): boolean | null {
	const m = /^\/\/\s*\+build(?:\s+(.*))?$/.exec(line);
	if (!m) return null;
	const fields = (m[1] ?? '').split(/\s+/).filter(Boolean);
	if (fields.length === 0) return match('ignore');
	let any = false;
	for (const field of fields) {
		let all = true;
		for (const term of field.split(',')) {
			const negated = term.startsWith('!');
			const tag = negated ? term.slice(1) : term;
			if (!/^[\p{L}\p{N}_.]+$/u.test(tag)) return null;
			all = all && match(tag) !== negated;
		}
		any = any || all;
	}
	return any;
}

/** build.Context.shouldBuild for a file's content. Throws UndecidableConstraint. */
export function shouldBuild(ctx: BuildContext, content: string): boolean {
	const { header, goBuild } = parseFileHeader(content);
	const match: Eval = (tag) => matchTag(ctx, tag);
	if (goBuild !== null) return evalGoBuild(goBuild, match);
	let ok = true;
	for (const raw of header.split('\n')) {
		const line = raw.trim();
		if (!line.startsWith('//') || !line.includes('+build')) continue;
		if (evalPlusBuild(line, match) === false) ok = false;
	}
	return ok;
}

/** Whether go/build would compile this .go file (name suffixes, then its constraints). */
export function includeFile(ctx: BuildContext, fileName: string, content: string): boolean {
	return goodOSArchFile(ctx, fileName) && shouldBuild(ctx, content);
}
