import { requestLimits } from '../contract/index.ts';

/** Resource limits of one job. Every value can be overridden by an environment variable. */
export interface Limits {
	/** Wall-clock limit of a build (compile + link), ms. */
	buildTimeoutMs: number;
	/** Wall-clock limit of running a program or tests, ms. */
	runTimeoutMs: number;
	/** CPU-time limit of the program, seconds (RLIMIT_CPU, per process). */
	runCpuSeconds: number;
	/** Wall-clock limit of running benchmarks, ms. */
	benchTimeoutMs: number;
	/** Memory of the whole job (cgroup) and of each process (RLIMIT_DATA), bytes. */
	memoryBytes: number;
	/** Memory of the compiler and linker, bytes: large constants can make them grow. */
	buildMemoryBytes: number;
	/** Processes and threads of the program. */
	processes: number;
	/** Size of any one file the program writes, and of its private /tmp, bytes. */
	fileSizeBytes: number;
	/** stdout + stderr kept, bytes; the program is stopped past it. */
	outputBytes: number;
}

export const defaultLimits: Limits = {
	buildTimeoutMs: 20_000,
	runTimeoutMs: 10_000,
	runCpuSeconds: 10,
	benchTimeoutMs: requestLimits.defaultBenchJobMs,
	memoryBytes: 512 * 1024 * 1024,
	buildMemoryBytes: 2048 * 1024 * 1024,
	processes: 64,
	fileSizeBytes: 16 * 1024 * 1024,
	outputBytes: 1024 * 1024,
};

const envNames: Record<keyof Limits, string> = {
	buildTimeoutMs: 'PLAYBOOK_BUILD_TIMEOUT_MS',
	runTimeoutMs: 'PLAYBOOK_RUN_TIMEOUT_MS',
	runCpuSeconds: 'PLAYBOOK_RUN_CPU_SECONDS',
	benchTimeoutMs: 'PLAYBOOK_BENCH_TIMEOUT_MS',
	memoryBytes: 'PLAYBOOK_MEMORY_BYTES',
	buildMemoryBytes: 'PLAYBOOK_BUILD_MEMORY_BYTES',
	processes: 'PLAYBOOK_PROCESSES',
	fileSizeBytes: 'PLAYBOOK_FILE_SIZE_BYTES',
	outputBytes: 'PLAYBOOK_OUTPUT_BYTES',
};

/** Limits from the environment, falling back to the defaults; a malformed value is an error. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
	const limits = { ...defaultLimits };
	for (const key of Object.keys(envNames) as (keyof Limits)[]) {
		const raw = env[envNames[key]];
		if (raw === undefined || raw === '') continue;
		const value = Number(raw);
		if (!Number.isSafeInteger(value) || value <= 0) {
			throw new Error(`${envNames[key]}=${raw} is not a positive whole number`);
		}
		limits[key] = value;
	}
	return limits;
}

export function formatBytes(n: number): string {
	if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
	if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
	return `${n} bytes`;
}
