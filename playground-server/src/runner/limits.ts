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

/**
 * The limits that are not settings: each is a property of the design, named here once rather
 * than written as a number where it is used.
 */
export const fixedLimits = {
	/** Largest file a build may write (object files, the binary): compiled packages land in the shared build cache, which nothing bounds, and a 64 KiB source can describe a huge initialized array. Real packages, race-instrumented test binaries included, stay far below. */
	buildFileBytes: 64 * 1024 * 1024,
	/** Processes and threads of a build step (the go command runs the compiler and linker in parallel). */
	buildProcesses: 1024,
	/** The build step's private /tmp (the go command's work directory lives there). */
	buildTmpBytes: 512 * 1024 * 1024,
	/** The compiler may print this many times what a program may (escape analysis of a large file at -m=2). */
	buildOutputFactor: 4,
	/** CPU seconds per wall second of a build: the go command compiles packages on every core. */
	buildCpuPerWallSecond: 4,
	/** CPU seconds per wall second of benchmarks, which may run goroutines on both cores. */
	benchCpuPerWallSecond: 2,
	/** `-test.timeout` is set this much below the job's wall limit, so the testing package reports the hung test itself. */
	testTimeoutMarginSeconds: 1,
	/** Open files of any sandboxed process. */
	openFiles: 1024,
	/** The first warm-up of a toolchain (the standard library, its export data, the race runtime) on a cold cache. */
	warmTimeoutMs: 10 * 60_000,
	/** Fetching a Go release from the module proxy (about 76 MB; some seconds on a good link). */
	fetchTimeoutMs: 5 * 60_000,
	/** After a failed fetch, requests for that release are answered at once for this long, then it is tried again. */
	fetchRetryMs: 60_000,
	/**
	 * Formatting one request (formatter/): wall time, memory (RLIMIT_DATA) and output. A 64 KiB
	 * file formats in tens of milliseconds and a few MiB; these only stop input made to be slow.
	 */
	formatTimeoutMs: 5_000,
	formatMemoryBytes: 256 * 1024 * 1024,
	formatOutputBytes: 1024 * 1024,
	/** Building the formatter once per source and toolchain (its modules fetched from the Go module proxy on the first build). */
	formatterBuildTimeoutMs: 5 * 60_000,
	/** The first unprivileged uid of a runner's slots (root only), and the group every slot shares with the build cache. */
	firstUid: 61000,
	sharedGid: 61000,
} as const;

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
