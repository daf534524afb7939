/**
 * Limits the hostile corpus cannot reach with the default values in reasonable time: the build's
 * time and memory, CPU time as distinct from wall-clock time, and the memory that empty files in
 * /tmp use (a million inodes at the default limit, slow to create and to tear down). Each runner here gets one limit
 * set very low; the answer must name that limit, and nothing of the job may remain.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createRunner, type Limits, type Runner } from '../../playground-server/src/runner/index.ts';
import { jobCgroups, jobDirectories, liveProcesses, asRoot } from './helpers.ts';

const hello = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n';
const runners: Runner[] = [];
let baseUid = 62500;

async function runnerWith(limits: Partial<Limits>): Promise<Runner> {
	const r = await createRunner({ baseUid, slots: 1, limits });
	baseUid += 2;
	runners.push(r);
	return r;
}

async function expectNothingLeft(r: Runner, uid: number) {
	for (let i = 0; i < 50; i++) {
		const left = [...(asRoot ? liveProcesses({ from: uid, to: uid }) : []).map((p) => p.cmd), ...jobCgroups(r), ...jobDirectories(r)];
		if (left.length === 0) return;
		await new Promise((res) => setTimeout(res, 100));
	}
	expect([...(asRoot ? liveProcesses({ from: uid, to: uid }) : []).map((p) => p.cmd), ...jobCgroups(r), ...jobDirectories(r)]).toEqual([]);
}

beforeAll(async () => {
	// The limited runners below share the build cache; fill it with normal limits first.
	const warm = await runnerWith({});
	const result = await warm.warm();
	expect(result.error).toBeNull();
});
afterAll(async () => {
	for (const r of runners) await r.dispose();
});

test('the build time limit stops the compiler and says so', async () => {
	const uid = baseUid;
	const r = await runnerWith({ buildTimeoutMs: 20 });
	const result = await r.run({ mode: 'run', files: { 'main.go': hello } });
	expect(result.error?.code).toBe('timeout');
	expect(result.error?.message).toMatch(/^Compiling took longer than 0\.02 s and was stopped/);
	await expectNothingLeft(r, uid);
});

test('the build memory limit stops the compiler alone (escape analysis) and says so', async () => {
	const uid = baseUid;
	// The compiler runs alone under RLIMIT_DATA, which counts the address space the Go runtime
	// reserves: 64 MiB is below what it needs to start (about 96 MiB), so even hello world stops.
	const r = await runnerWith({ buildMemoryBytes: 64 * 1024 * 1024 });
	const result = await r.run({ mode: 'escape', files: { 'main.go': `package main\n\n// ${Date.now()}\nfunc main() {}\n` } });
	expect(result.error?.code).toBe('memory_limit');
	expect(result.error?.message).toMatch(/^The compiler used more than 64 MiB of memory/);
	await expectNothingLeft(r, uid);
});

test("the build memory limit stops the go command (a program's build, in a cgroup) and says so", async () => {
	const uid = baseUid;
	const r = await runnerWith({ buildMemoryBytes: 16 * 1024 * 1024 });
	const result = await r.run({ mode: 'run', files: { 'main.go': `package main\n\n// ${Date.now()}\nfunc main() {}\n` } });
	expect(result.error?.code).toBe('memory_limit');
	expect(result.error?.message).toMatch(/^The compiler used more than 16 MiB of memory/);
	await expectNothingLeft(r, uid);
});

test('CPU time is limited apart from wall-clock time: goroutines burning two cores hit it first', async () => {
	const uid = baseUid;
	const r = await runnerWith({ runCpuSeconds: 1, runTimeoutMs: 30_000 });
	const burn = 'package main\n\nfunc main() {\n\tfor i := 0; i < 4; i++ {\n\t\tgo func() {\n\t\t\tfor {\n\t\t\t}\n\t\t}()\n\t}\n\tfor {\n\t}\n}\n';
	const result = await r.run({ mode: 'run', files: { 'main.go': burn } });
	expect(result.error?.code).toBe('timeout');
	expect(result.error?.message).toMatch(/more than 1 s of CPU time/);
	expect(result.durationMs).toBeLessThan(30_000);
	await expectNothingLeft(r, uid);
});

test('empty files in /tmp write no bytes, but their inodes are memory: the memory limit stops a flood of them', async () => {
	// Low enough that the flood (and the kernel's teardown of its inodes) stays small and quick.
	const uid = baseUid;
	const r = await runnerWith({ memoryBytes: 64 * 1024 * 1024, runTimeoutMs: 30_000 });
	const flood = `package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	for i := 0; ; i++ {
		f, err := os.Create("/tmp/f" + strconv.Itoa(i))
		if err != nil {
			fmt.Println("stopped at", i, err)
			return
		}
		f.Close()
	}
}
`;
	const result = await r.run({ mode: 'run', files: { 'main.go': flood } });
	expect(result.error?.code, result.stdout + result.stderr.slice(0, 1000)).toBe('memory_limit');
	expect(result.error?.message).toContain('Files the program creates in /tmp live in memory and count too');
	await expectNothingLeft(r, uid);
});

test('the runner does not queue: a job beyond its slots is refused, because the scheduler alone decides how many run', async () => {
	const r = await runnerWith({});
	const job = { mode: 'escape' as const, files: { 'main.go': `package main\n\n// ${Date.now()}\nfunc main() {}\n` } };
	const [first, second] = await Promise.all([r.run(job), r.run(job)]);
	expect(first.error).toBeNull();
	expect(second.error?.code).toBe('internal_error');
	expect(second.error?.message).toMatch(/no free sandbox slot \(all 1 are in use\)/);
	// The slot is back once the first job ended.
	expect((await r.run(job)).error).toBeNull();
});
