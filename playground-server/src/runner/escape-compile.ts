/**
 * Escape analysis without the go command: the compile steps `go build -gcflags=-m` (or
 * `go test -c`) would run, and nothing else — no linking, no go command start-up, no module
 * loading. `go build -x` shows what it runs for a snippet:
 *
 *   compile -o $WORK/b001/_pkg_.a -trimpath "$DIR=>play;…" -p main -lang=go1.26 -complete …
 *           -m -nolocalimports -importcfg $WORK/b001/importcfg -pack ./main.go
 *
 * and `go test -c` compiles the package with its internal _test.go files as `-p play`, then an
 * external test package (`package x_test`) as `-p play_test`, whose importcfg names the first
 * archive as `play`. The plan below reproduces that, with two deliberate differences: no
 * `-complete`, so a function declared without a body (implemented in assembly or linknamed) is
 * accepted as the compiler itself accepts it (`go build` passes `-complete` only because it knows
 * there are no .s files; the compiler's own escape tests declare such functions), and no link.
 *
 * The plan is only made when it can be faithful. Whatever needs the go command — `//go:embed`
 * (it needs an embedcfg the go command writes), `//go:debug` (validated by the go command), a
 * go.mod with more than `module` and `go`, files of several packages, a constraint go/build
 * would reject, an import of the snippet's own module — returns `fallback`, and the runner uses
 * `go build` / `go test -c` as before.
 */
import type { Diagnostic, RunError } from '../contract/index.ts';
import { includeFile, UndecidableConstraint, type BuildContext } from './build-constraints.ts';
import { sourceHeader } from './imports.ts';
import { snippetModule } from './parse/compiler.ts';

export interface CompileUnit {
	/** `-p`: the package path the go command would give it. */
	packagePath: string;
	files: string[];
	/** The archive `-pack -o` writes, a file name in the job's out directory. */
	archive: string;
	/** Packages of this snippet the unit imports (the external test imports the package). */
	imports: Record<string, string>;
}

export type EscapePlan =
	| { kind: 'compile'; lang: string; units: CompileUnit[] }
	| { kind: 'refuse'; error: RunError; diagnostics: Diagnostic[] }
	| { kind: 'fallback'; reason: string };

export interface PlanInput {
	files: Record<string, string>;
	/** Import paths the standard library provides. */
	stdPackages: ReadonlySet<string>;
	context: BuildContext;
	/** The toolchain's version, e.g. "go1.26.8". */
	goVersion: string;
}

interface GoFile {
	name: string;
	source: string;
	packageName: string;
	test: boolean;
}

const fallback = (reason: string): EscapePlan => ({ kind: 'fallback', reason });

/** "1.22" → [1, 22, 0]; null for a form this module does not vouch for (rc, beta, garbage). */
function parseGoVersion(v: string): [number, number, number] | null {
	const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v);
	return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/**
 * `-lang` from go.mod the way the go command derives it, or null when go.mod holds anything the
 * go command would act on or check beyond `module` and `go`. Without a `go` line, the go
 * command (with -mod=mod) writes the toolchain's own version into go.mod first.
 */
export function languageFlag(goMod: string | undefined, goVersion: string): string | null {
	const toolchain = parseGoVersion(goVersion.replace(/^go/, ''));
	if (!toolchain) return null;
	let version = toolchain;
	for (const raw of (goMod ?? '').split('\n')) {
		const line = raw.replace(/\/\/.*$/, '').trim();
		if (line === '' || /^module\s/.test(line)) continue;
		const go = /^go\s+(\S+)$/.exec(line);
		if (!go) return null;
		const v = parseGoVersion(go[1]!);
		// A go.mod newer than the toolchain is an error the go command words itself.
		if (!v || v[0] !== 1 || v[1] > toolchain[1] || (v[1] === toolchain[1] && v[2] > toolchain[2])) return null;
		version = v;
	}
	return `go${version[0]}.${version[1]}`;
}

/** go/build's rule for internal/: the standard library's internal packages are its own. */
function isInternal(path: string): boolean {
	return path.split('/').includes('internal');
}

/** module.CheckImportPath, roughly: anything it might refuse goes to the go command. */
function plainImportPath(path: string): boolean {
	return /^[A-Za-z0-9_.~+-]+(?:\/[A-Za-z0-9_.~+-]+)*$/.test(path) && !path.split('/').some((e) => e === '.' || e === '..' || e.startsWith('.'));
}

export function notInStdError(at: string, path: string): RunError {
	return {
		code: 'import_not_allowed',
		message: `${at}"${path}" is not in the standard library. The playground has no network and downloads no modules, so only standard-library imports work; copy the code you need into the snippet.`,
	};
}

export function internalImportError(at: string, path: string): RunError {
	return {
		code: 'import_not_allowed',
		message: `${at}use of internal package ${path} not allowed: packages under an internal/ directory of the standard library can be imported by the standard library only. Import the exported package that offers it, or copy the code you need into the snippet.`,
	};
}

export function constraintsExcludeError(files: string[], ctx: Pick<BuildContext, 'goos' | 'goarch'>): RunError {
	return {
		code: 'compile_error',
		message: `build constraints exclude all Go files (${files.join(', ')}): the playground builds for ${ctx.goos}/${ctx.goarch} with cgo off, and a //go:build line or a _GOOS/_GOARCH file-name suffix leaves nothing to compile. Change the constraint, or remove it.`,
	};
}

/** The Go files go/build would compile, each with its package, or why only the go command can say. */
function selectFiles(input: PlanInput): GoFile[] | string {
	const selected: GoFile[] = [];
	for (const name of Object.keys(input.files)
		.filter((n) => n.endsWith('.go'))
		.sort()) {
		const source = input.files[name]!;
		if (/^\s*\/\/go:(?:embed|debug)\b/m.test(source)) return `${name} has a //go:embed or //go:debug directive`;
		try {
			if (!includeFile(input.context, name, source)) continue;
		} catch (e) {
			if (e instanceof UndecidableConstraint) return `${name}: ${e.message}`;
			throw e;
		}
		const { packageName } = sourceHeader(source);
		if (!packageName) return `${name} does not start with a package clause`;
		// go/build skips these (the go command's convention for documentation-only files).
		if (packageName === 'documentation') continue;
		selected.push({ name, source, packageName, test: name.endsWith('_test.go') });
	}
	return selected;
}

/** The first import the playground refuses, as go build would word it, or a reason to fall back. */
function checkImports(files: GoFile[], input: PlanInput, xtest: ReadonlySet<string>): { error: RunError; diagnostic: Diagnostic } | string | null {
	for (const f of files) {
		for (const imp of sourceHeader(f.source).imports) {
			const at = `${f.name}:${imp.line}: `;
			const diagnostic = (message: string): Diagnostic => ({ file: f.name, line: imp.line, col: imp.col, kind: 'error', message });
			if (imp.path === 'unsafe' || imp.path === 'C') continue;
			if (imp.path === snippetModule && xtest.has(f.name)) continue;
			if (imp.path === snippetModule || imp.path.startsWith(`${snippetModule}/`) || !plainImportPath(imp.path)) return `${f.name} imports "${imp.path}"`;
			if (imp.path.startsWith('vendor/') || imp.path.includes('/vendor/')) return `${f.name} imports a vendored path`;
			if (input.stdPackages.has(imp.path)) {
				if (isInternal(imp.path)) {
					return { error: internalImportError(at, imp.path), diagnostic: diagnostic(`use of internal package ${imp.path} not allowed`) };
				}
				continue;
			}
			return { error: notInStdError(at, imp.path), diagnostic: diagnostic(`package ${imp.path} is not in the standard library`) };
		}
	}
	return null;
}

export function planEscapeCompile(input: PlanInput): EscapePlan {
	const lang = languageFlag(input.files['go.mod'], input.goVersion);
	if (!lang) return fallback('go.mod holds more than module and go lines');
	const selected = selectFiles(input);
	if (typeof selected === 'string') return fallback(selected);
	if (selected.length === 0) {
		const goFiles = Object.keys(input.files)
			.filter((n) => n.endsWith('.go'))
			.sort();
		return { kind: 'refuse', error: constraintsExcludeError(goFiles, input.context), diagnostics: [] };
	}

	// go/build's package rule: a _test.go file of package `<name>_test` is the external test.
	let name = '';
	const pkg: GoFile[] = [];
	const xtest: GoFile[] = [];
	for (const f of selected) {
		let p = f.packageName;
		const isXTest = f.test && p.endsWith('_test') && p !== name;
		if (isXTest) p = p.slice(0, -'_test'.length);
		if (name === '') name = p;
		else if (p !== name) return fallback('files of more than one package');
		(isXTest ? xtest : pkg).push(f);
	}
	if (pkg.length === 0) return fallback('only an external test package');

	const refused = checkImports(selected, input, new Set(xtest.map((f) => f.name)));
	if (typeof refused === 'string') return fallback(refused);
	if (refused) return { kind: 'refuse', error: refused.error, diagnostics: [refused.diagnostic] };

	const tests = selected.some((f) => f.test);
	const units: CompileUnit[] = [
		{
			// `go test` compiles even package main as an importable package.
			packagePath: name === 'main' && !tests ? 'main' : snippetModule,
			files: pkg.map((f) => f.name),
			archive: 'pkg.a',
			imports: {},
		},
	];
	if (xtest.length > 0) {
		units.push({ packagePath: `${snippetModule}_test`, files: xtest.map((f) => f.name), archive: 'xtest.a', imports: { [snippetModule]: 'pkg.a' } });
	}
	return { kind: 'compile', lang, units };
}
