/**
 * "The contract is true": the OpenAPI document the server serves states every rule the server
 * enforces. Requests are generated from the options table's own values and past its bounds, and
 * each is judged three ways: by the document's RunRequest schema under JSON Schema 2020-12 (what
 * OpenAPI 3.1 means), by the same schema under Fastify's validator (Ajv, draft-07, the app's own
 * options), and by the contract's checks (checkRunRequest, what the server and the site build
 * apply after validation). The three must agree, both ways: valid by the document ⇒ accepted
 * (or 413 for the source size, the one rule no schema can state, which the document describes);
 * refused by the contract ⇒ invalid by the document. Refusals reach the real app too.
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ajvOptions, buildApp, type AppRunner } from '../../playground-server/src/app.ts';
import {
	allowedGodebug,
	benchtimePattern,
	checkRunRequest,
	ContractViolation,
	firstBadGoModLine,
	goModPattern,
	modes,
	optionLimits,
	optionNames,
	requestLimits,
	type RunRequest,
} from '@playbook/engine/contract';

/** Only the document is asked of this app: a job reaching the runner fails the test. */
const noRunner: AppRunner = {
	versionOf: () => 'go0.0.0',
	status: () => [],
	sandbox: 'unsafe-local',
	run: () => Promise.reject(new Error('a request reached the runner; it should have been refused')),
	vet: () => Promise.reject(new Error('a request reached the runner; it should have been refused')),
};

let app: FastifyInstance;
let document: {
	components: { schemas: Record<string, Record<string, unknown>> };
	paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
};
let byDocument: (x: unknown) => boolean;
let byFastify: (x: unknown) => boolean;

beforeAll(async () => {
	app = await buildApp({ runner: noRunner, logger: false, config: { rateLimitMax: 0 } });
	const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
	document = res.json();
	const served = document.components.schemas['RunRequest']!;
	// The schema exactly as served: no $id, so that nothing but the document's own text is used.
	const { $id: _, ...schema } = served;
	byDocument = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
	byFastify = new Ajv({ ...ajvOptions, strict: true }).compile(schema);
});
afterAll(async () => {
	await app?.close();
});

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
	const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => next() < p);
	return { next, pick, some };
}

const goModLines = [
	'module play.ground',
	'module example.com/x // mine',
	'go 1.26',
	'go\t1.22',
	'toolchain go1.26.0',
	'godebug panicnil=1',
	'require example.com/y v1.0.0',
	'require (',
	'godebug (',
	')',
	') // end',
	') x',
	'\texample.com/z v1.2.3 // indirect',
	'replace a => /etc',
	'exclude a v1.0.0',
	'retract v1.0.0',
	'tool golang.org/x/tools',
	'',
	'   ',
	'// a comment',
	'gox 1',
	'go(x',
	'require x (',
	'require ()',
	'require (x v1)',
	'\fgo 1.2',
	'go//c',
	'module',
	'  go 1.2 \r',
];
const benchtimes = [
	'1s',
	'2s',
	'2.s',
	'2.000s',
	'2.0000001s',
	'02s',
	'1.999s',
	'.5s',
	'0s',
	'0.0ms',
	'.0s',
	'2000ms',
	'2000.0ms',
	'2000.001ms',
	'1999.999ms',
	'2000000us',
	'2000000µs',
	'2000000μs',
	'2000001us',
	'2000000000ns',
	'2000000001ns',
	'100ms',
	'1x',
	'0x',
	'100000000x',
	'100000001x',
	'0000100000000x',
	'5000x',
	'3s',
	'fast',
	'1s -test.run=.',
	'1 s',
	'',
	'x',
	'0.000000000001ns',
	'00000000000002s',
	'000000000000002s',
	'1h',
	'1e3ms',
];
const godebugPool = [...allowedGodebug, 'madvdontneed=2', 'gctrace=1,cpu.all=off'];
const goodNames = ['main.go', 'x_test.go', 'util.go', 'go.mod', 'A-b.c.go'];
const badNames = ['sub/a.go', '.hidden.go', 'a.c', '..', 'main.go\n'];

function sample(r: ReturnType<typeof random>): Record<string, unknown> {
	const files: Record<string, unknown> = {};
	// Mostly what a client would send, sometimes past a rule: both sides of each rule get tried.
	const lax = r.next() < 0.3;
	for (const name of [...r.some(goodNames, 0.4), ...r.some(badNames, lax ? 0.2 : 0)]) {
		files[name] = name === 'go.mod' ? r.some(goModLines, 0.3).join('\n') : r.next() < 0.03 ? 'x'.repeat(40_000) : 'package main\n';
	}
	if (r.next() < 0.5) files['main.go'] = 'package main\n\nfunc main() {}\n';
	if (r.next() < 0.02) files['big.go'] = `// ${'é'.repeat(33_000)}`;
	const options: Record<string, unknown> = {};
	const values: Record<string, readonly unknown[]> = {
		benchtime: benchtimes,
		count: lax ? [0, optionLimits.maxCount + 1, 2.5, '5'] : [1, 5, optionLimits.maxCount],
		bench: ['.', 'Map', 'A\nB', 'x'.repeat(optionLimits.maxBenchRegexpLength + 1), ''],
		escapeDetail: lax ? [3, '1'] : [1, 2],
		inlining: lax ? ['no'] : [true, false],
		godebug: [[], ...Array.from({ length: 6 }, () => r.some(lax ? godebugPool : allowedGodebug, 0.2)), ...(lax ? ['gctrace=1'] : [])],
		race: [true, false],
		go: lax ? ['1.20', '1.24.6', '1.x', 'go1.27; rm -rf /', '', 1.27] : ['1.27', '1.21.13', 'go1.24', 'go1.26.11'],
		verbose: [true],
	};
	for (const name of r.some([...optionNames, ...(lax ? ['verbose'] : [])], 0.2)) options[name] = r.pick(values[name]!);
	const request: Record<string, unknown> = { mode: r.pick([...modes, ...modes, ...(lax ? ['compile'] : [])]), files };
	if (r.next() < 0.8) request.options = options;
	return request;
}

type Verdict = 'ok' | 400 | 413;
function byContract(request: unknown): Verdict {
	try {
		checkRunRequest(request as RunRequest);
		return 'ok';
	} catch (e) {
		if (e instanceof ContractViolation) return e.status;
		throw e;
	}
}
const sourceBytes = (files: Record<string, string>) => Object.values(files).reduce((n, s) => n + Buffer.byteLength(s), 0);

describe('the served document states every rule of a run request', () => {
	test('the document carries the rules as schema keywords (propertyNames, per-mode if/then, the bounded patterns)', () => {
		const schema = document.components.schemas['RunRequest'] as {
			properties: { files: Record<string, unknown>; options: { properties: Record<string, Record<string, unknown>> } };
			allOf: unknown[];
		};
		expect(schema.properties.files['propertyNames']).toEqual({ type: 'string', pattern: expect.any(String) });
		expect(schema.properties.files['not']).toBeDefined();
		expect((schema.properties.files['properties'] as Record<string, { pattern: string }>)['go.mod']!.pattern).toBe(goModPattern);
		expect(schema.properties.options.properties['benchtime']!['pattern']).toBe(benchtimePattern);
		expect(schema.allOf).toHaveLength(modes.length);
		expect(document.paths['/api/run']!['post']!.responses['413']!.description).toMatch(/64 KiB/);
	});

	test("document (2020-12), Fastify's validator (draft-07) and the contract agree on 4000 generated requests, both ways", () => {
		const counts = { valid: 0, invalid: 0, contract400: 0, size413: 0 };
		for (let seed = 1; seed <= 4000; seed++) {
			const request = sample(random(seed));
			const doc = byDocument(request);
			const at = `seed ${seed}: ${JSON.stringify(request).slice(0, 300)}`;
			expect(byFastify(request), at).toBe(doc);
			if (!doc) {
				counts.invalid++;
				continue;
			}
			counts.valid++;
			const verdict = byContract(request);
			if (verdict === 413) {
				counts.size413++;
				expect(sourceBytes((request as unknown as RunRequest).files), at).toBeGreaterThan(requestLimits.maxSourceBytes);
			} else {
				expect(verdict, at).toBe('ok');
			}
		}
		// The other way: everything the contract refuses for a rule (not a size), the document refuses.
		for (let seed = 1; seed <= 4000; seed++) {
			const request = sample(random(seed));
			// checkRunRequest runs after validation, on requests of the right shape: mode, files of strings.
			const shaped = modes.includes(request.mode as never) && Object.values(request.files as object).every((s) => typeof s === 'string');
			let verdict: Verdict;
			try {
				verdict = byContract(request);
			} catch {
				continue; // a value of the wrong type, which only the schema refuses (the server never calls the checks with one)
			}
			if (!shaped || verdict !== 400) continue;
			counts.contract400++;
			expect(byDocument(request), `seed ${seed}: ${JSON.stringify(request).slice(0, 300)}`).toBe(false);
		}
		// Enough of each for the agreement to mean something.
		expect(counts.valid).toBeGreaterThan(300);
		expect(counts.invalid).toBeGreaterThan(300);
		expect(counts.contract400).toBeGreaterThan(300);
		expect(counts.size413).toBeGreaterThan(0);
	});

	test('each rule on its own: a request that breaks only it is invalid by the document and refused by the contract; its near miss passes both', () => {
		const run = (files: Record<string, string>, mode = 'run', options?: object) => ({
			mode,
			files: { 'main.go': 'package main\n', ...files },
			...(options ? { options } : {}),
		});
		const pairs: [string, object, object][] = [
			['option of another mode', run({}, 'escape', { race: true }), run({}, 'run', { race: true })],
			['the same GODEBUG key twice', run({}, 'run', { godebug: ['gctrace=1', 'gctrace=2'] }), run({}, 'run', { godebug: ['gctrace=1', 'madvdontneed=1'] })],
			[
				'benchtime over 2s',
				run({ 'x_test.go': 'package main\n' }, 'bench', { benchtime: '2.001s' }),
				run({ 'x_test.go': 'package main\n' }, 'bench', { benchtime: '2.000s' }),
			],
			['benchtime over 1e8x', run({}, 'bench', { benchtime: '100000001x' }), run({}, 'bench', { benchtime: '100000000x' })],
			['benchtime zero', run({}, 'bench', { benchtime: '0.000ms' }), run({}, 'bench', { benchtime: '0.001ms' })],
			['a replace directive', run({ 'go.mod': 'module x\nreplace a => /etc\n' }), run({ 'go.mod': 'module x\nrequire (\n\treplace a\n)\n' })],
			['a directive after a block closed', run({ 'go.mod': 'require (\n)\nexclude a v1\n' }), run({ 'go.mod': 'require (\n)\ngo 1.26\n' })],
			['no .go file', { mode: 'run', files: { 'go.mod': 'module x\n' } }, { mode: 'run', files: { 'go.mod': 'module x\n', 'a.go': 'package a\n' } }],
		];
		for (const [rule, bad, good] of pairs) {
			expect([rule, byDocument(bad), byFastify(bad), byContract(bad)]).toEqual([rule, false, false, 400]);
			expect([rule, byDocument(good), byFastify(good), byContract(good)]).toEqual([rule, true, true, 'ok']);
		}
	});

	test('the server refuses what the document refuses, with a status the document lists for /api/run', async () => {
		const listed = Object.keys(document.paths['/api/run']!['post']!.responses).map(Number);
		let sent = 0;
		for (let seed = 1; seed <= 1500 && sent < 150; seed++) {
			const request = sample(random(seed));
			if (byDocument(request)) continue;
			sent++;
			const res = await app.inject({ method: 'POST', url: '/api/run', payload: request });
			expect(listed, `seed ${seed}`).toContain(res.statusCode);
			expect([400, 413], `seed ${seed}: ${res.body.slice(0, 300)}`).toContain(res.statusCode);
		}
		expect(sent).toBe(150);
	});
});

describe('the patterns built from the table encode its bounds exactly', () => {
	/** Whether a -benchtime value is within the bounds, in exact decimal arithmetic. */
	function withinBounds(value: string): boolean {
		const count = /^([0-9]+)x$/.exec(value);
		if (count) return BigInt(count[1]!) >= 1n && BigInt(count[1]!) <= BigInt(optionLimits.maxBenchtimeIterations);
		const d = /^([0-9]*)(?:\.([0-9]*))?(ns|us|µs|μs|ms|s)$/.exec(value);
		if (!d || (d[1] === '' && !d[2])) return false;
		const frac = d[2] ?? '';
		const scaled = BigInt(`${d[1] || '0'}${frac}`); // the value × 10^frac.length, in its unit
		const ns = { ns: 1n, us: 1000n, µs: 1000n, μs: 1000n, ms: 1_000_000n, s: 1_000_000_000n }[d[3] as 'ns'];
		const limit = BigInt(optionLimits.maxBenchtimeMs) * 1_000_000n * 10n ** BigInt(frac.length);
		return scaled > 0n && scaled * ns <= limit;
	}

	test('benchtime: the pattern accepts exactly the values above 0 and within 2s or 1e8x (20 000 generated values)', () => {
		const re = new RegExp(benchtimePattern, 'u');
		const r = random(7);
		const digits = () => Array.from({ length: Math.floor(r.next() * 11) }, () => r.pick(['0', '0', '1', '2', '9', String(Math.floor(r.next() * 10))])).join('');
		for (let i = 0; i < 20_000; i++) {
			const number = r.next() < 0.6 ? digits() : `${digits()}.${digits()}`;
			const value = `${number}${r.pick(['ns', 'us', 'µs', 'μs', 'ms', 's', 'x', 'h', ''])}`;
			expect([value, re.test(value)]).toEqual([value, withinBounds(value)]);
		}
		for (const edge of ['2s', '2.0s', '2000ms', '2000000us', '2000000000ns', '100000000x', '1x', '.1ns', '0.1ns'])
			expect([edge, re.test(edge)]).toEqual([edge, true]);
		for (const edge of ['2.1s', '2000000001ns', '100000001x', '0x', '0s', '.0s', '0.s', 's', '.s', 'x', '1', '1s\n'])
			expect([edge, re.test(edge)]).toEqual([edge, false]);
	});

	test('go.mod: the pattern and the line-by-line reading agree (20 000 generated files), and the pattern stays linear', () => {
		const re = new RegExp(goModPattern, 'u');
		const r = random(11);
		let bad = 0;
		for (let i = 0; i < 20_000; i++) {
			const source = Array.from({ length: Math.floor(r.next() * 8) }, () => r.pick(goModLines)).join(r.next() < 0.9 ? '\n' : '\r\n');
			const ok = re.test(source);
			if (!ok) bad++;
			expect([source, ok]).toEqual([source, firstBadGoModLine(source) === null]);
		}
		expect(bad).toBeGreaterThan(1000);
		// Many blocks and a failure at the end: a backtracking blow-up would not end within the test's time.
		expect(re.test(`${'require (\n'.repeat(4000)})\n)\nreplace x => y\n${'go 1\n'.repeat(4000)}x`)).toBe(false);
		expect(re.test(`${'go 1 // c\n'.repeat(20_000)}require (\n${'\tx v1\n'.repeat(20_000)})\nx`)).toBe(false);
	});
});
