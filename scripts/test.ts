/**
 * `npm test`: the whole suite, in the order a failure is cheapest to find. Each step's own output
 * is shown; the last line sums up every step ("N passed, N failed"), which is what CI reads.
 *
 *   1. gofmt and go vet over content/snippets; Prettier (formatting) and ESLint (rules and the
 *      project's import boundaries) over the TypeScript, Astro and config files
 *   2. astro check (TypeScript strict, content schema)
 *   3. verify: every snippet compiled and run in the sandbox, every claim checked; run alone, so
 *      that benchmark ratios are not measured while other suites load the machine
 *   4. vitest: unit, server integration, hostile corpus, checker fixtures
 *   5. fuzz-api: Schemathesis against the real server from its own OpenAPI document, two minutes
 *      of it (scripts/fuzz-api.ts; skipped, saying so, on a machine without python3)
 *   6. astro build (the production site; snippet results come from the cache step 3 filled)
 *   7. playwright: end-to-end in Debian's Chromium against the real server
 *
 * `npm test -- --only=vitest,e2e` runs some steps; `--skip=build` skips some.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';

interface Step {
	name: string;
	argv: string[];
	cwd?: string;
	/** Reads how many tests passed and failed, when the tool reports them. */
	counts?: (output?: string) => Promise<{ passed: number; failed: number }>;
	env?: Record<string, string>;
	/** Keep a copy of the step's stdout for `counts` (it is still shown as it comes). */
	capture?: boolean;
}

const steps: Step[] = [
	{
		name: 'gofmt',
		// The default release's gofmt (GOTOOLCHAIN, set by the bootstrap), not the machine's.
		argv: [
			'sh',
			'-c',
			'out=$("$(go env GOROOT)/bin/gofmt" -l .); if [ -n "$out" ]; then echo "not gofmt-ed (run go fmt ./... on them):"; echo "$out"; exit 1; fi',
		],
		cwd: 'content/snippets',
	},
	{ name: 'go-vet', argv: ['go', 'vet', './...'], cwd: 'content/snippets' },
	{ name: 'prettier', argv: ['npx', 'prettier', '--check', '--log-level=warn', '.'] },
	{ name: 'eslint', argv: ['npx', 'eslint', '--max-warnings=0', '.'] },
	{ name: 'astro-check', argv: ['npx', 'astro', 'check'] },
	{
		name: 'verify',
		argv: ['node', 'scripts/verify.ts'],
		capture: true,
		counts: async (output = '') => {
			const m = /^snippets: (\d+) passed, (\d+) failed$/m.exec(output);
			if (!m) throw new Error('verify printed no summary');
			return { passed: Number(m[1]), failed: Number(m[2]) };
		},
	},
	{
		name: 'vitest',
		argv: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
		counts: async () => {
			const r = JSON.parse(await readFile('test-results/vitest.json', 'utf8')) as { numPassedTests: number; numFailedTests: number };
			return { passed: r.numPassedTests, failed: r.numFailedTests };
		},
	},
	{
		name: 'fuzz-api',
		argv: ['node', 'scripts/fuzz-api.ts', '--max-time=120'],
		capture: true,
		// One check that passes or fails as a whole; a skip (no python3) counts as neither.
		counts: async (output = '') =>
			/^\[fuzz-api\] skipped:/m.test(output)
				? { passed: 0, failed: 0 }
				: /^\[fuzz-api\] no failures$/m.test(output)
					? { passed: 1, failed: 0 }
					: { passed: 0, failed: 1 },
	},
	// The verify step produced every snippet result, so this build must not run Go at all.
	{ name: 'build', argv: ['npx', 'astro', 'build'], env: { PLAYBOOK_EXPECT_NO_GO_WORK: '1' } },
	{
		name: 'e2e',
		argv: ['npx', 'playwright', 'test'],
		counts: async () => {
			const r = JSON.parse(await readFile('test-results/e2e.json', 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
			return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
		},
	},
];

const arg = (name: string) =>
	process.argv
		.find((a) => a.startsWith(`--${name}=`))
		?.split('=')[1]
		?.split(',');
const only = arg('only');
const skip = arg('skip') ?? [];
const selected = steps.filter((s) => (!only || only.includes(s.name)) && !skip.includes(s.name));

function run(step: Step): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(step.argv[0]!, step.argv.slice(1), {
			cwd: step.cwd,
			stdio: ['inherit', step.capture ? 'pipe' : 'inherit', 'inherit'],
			env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...step.env },
		});
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			output += chunk.toString();
		});
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
		child.on('error', () => resolve({ code: 127, output }));
	});
}

await rm('test-results', { recursive: true, force: true });
await mkdir('test-results', { recursive: true });
let passed = 0;
let failed = 0;
const report: string[] = [];
const started = performance.now();
for (const step of selected) {
	console.log(`\n━━ ${step.name} ━━`);
	const t = performance.now();
	const { code, output } = await run(step);
	const secs = ((performance.now() - t) / 1000).toFixed(1);
	let counts = code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
	if (step.counts) {
		try {
			counts = await step.counts(output);
			// A runner that crashed before reporting still fails its step.
			if (code !== 0 && counts.failed === 0) counts.failed = 1;
		} catch {}
	}
	passed += counts.passed;
	failed += counts.failed;
	report.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${step.name.padEnd(12)} ${secs.padStart(6)} s  ${counts.passed} passed, ${counts.failed} failed`);
	// A broken build makes the browser tests meaningless; stop at the first failing step.
	if (code !== 0) break;
}
console.log(`\n━━ summary (${((performance.now() - started) / 1000).toFixed(0)} s) ━━\n${report.join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && report.length === selected.length ? 0 : 1);
