import { expect, test } from 'vitest';
import { defaultLimits, limitsFromEnv } from '../../playground-server/src/runner/limits.ts';
import { configFromEnv } from '../../playground-server/src/config.ts';
import { runnerConfigFromEnv } from '../../playground-server/src/runner/config.ts';

test('the default limits are the ones the playground promises', () => {
	expect(defaultLimits).toMatchObject({
		buildTimeoutMs: 20_000,
		runTimeoutMs: 10_000,
		runCpuSeconds: 10,
		benchTimeoutMs: 60_000,
		memoryBytes: 512 * 1024 * 1024,
		processes: 64,
		fileSizeBytes: 16 * 1024 * 1024,
		outputBytes: 1024 * 1024,
	});
});

test('each limit can be set from the environment; a malformed value names its variable', () => {
	expect(limitsFromEnv({ PLAYBOOK_RUN_TIMEOUT_MS: '5000', PLAYBOOK_PROCESSES: '32' })).toMatchObject({
		runTimeoutMs: 5000,
		processes: 32,
		memoryBytes: 512 * 1024 * 1024,
	});
	expect(() => limitsFromEnv({ PLAYBOOK_MEMORY_BYTES: '1GB' })).toThrow(/PLAYBOOK_MEMORY_BYTES=1GB/);
});

test('server settings: defaults, and unsafe local mode forces loopback', () => {
	const c = configFromEnv({});
	expect(c).toMatchObject({ port: 4321, host: '0.0.0.0', unsafeLocal: false, rateLimitMax: 60, queueSize: 64, corsOrigins: [] });
	expect(configFromEnv({ PLAYBOOK_UNSAFE_LOCAL: '1', HOST: '0.0.0.0' }).host).toBe('127.0.0.1');
	expect(configFromEnv({ PLAYBOOK_CORS_ORIGIN: 'https://a.example, http://localhost:3000' }).corsOrigins).toEqual([
		'https://a.example',
		'http://localhost:3000',
	]);
	expect(() => configFromEnv({ PLAYBOOK_CORS_ORIGIN: 'https://a.example/' })).toThrow(/not an origin/);
	expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(/PORT=eighty/);
	expect(c).toMatchObject({ redisUrl: null, redisTtlSeconds: 7 * 24 * 3600 });
	expect(configFromEnv({ PLAYBOOK_REDIS_URL: 'redis://redis:6379/0', PLAYBOOK_REDIS_TTL_SECONDS: '3600' })).toMatchObject({
		redisUrl: 'redis://redis:6379/0',
		redisTtlSeconds: 3600,
	});
	expect(() => configFromEnv({ PLAYBOOK_REDIS_URL: 'redis:6379' })).toThrow(/PLAYBOOK_REDIS_URL=redis:6379 is not a URL/);
});

test('runner settings: one object, defaults, and every malformed value named', () => {
	const c = runnerConfigFromEnv({ PLAYBOOK_STATE_DIR: '/srv/playbook' });
	expect(c).toMatchObject({
		stateDir: '/srv/playbook',
		unsafeLocal: false,
		bwrap: null,
		goBin: 'go',
		gocacheMaxBytes: 4 * 2 ** 30,
		cgroupV2: null,
		cgroups: true,
		seccomp: true,
	});
	expect(c.limits).toEqual(defaultLimits);
	expect(
		runnerConfigFromEnv({
			PLAYBOOK_GOCACHE_MAX_BYTES: '0',
			PLAYBOOK_NO_CGROUPS: '1',
			PLAYBOOK_NO_SECCOMP: '1',
			PLAYBOOK_GO: '/opt/go/bin/go',
		}),
	).toMatchObject({
		gocacheMaxBytes: Number.POSITIVE_INFINITY,
		cgroups: false,
		seccomp: false,
		goBin: '/opt/go/bin/go',
	});
	expect(() => runnerConfigFromEnv({ PLAYBOOK_GOCACHE_MAX_BYTES: '-1' })).toThrow(/PLAYBOOK_GOCACHE_MAX_BYTES=-1 is not a whole number ≥ 0/);
	expect(() => runnerConfigFromEnv({ PLAYBOOK_NO_SECCOMP: 'yes' })).toThrow(/PLAYBOOK_NO_SECCOMP=yes: use 1/);
	expect(() => runnerConfigFromEnv({ PLAYBOOK_GOCACHE_MAX_BYTES: '4G' })).toThrow(/PLAYBOOK_GOCACHE_MAX_BYTES=4G/);
	// The server's settings carry the runner's, validated with them at start-up.
	expect(() => configFromEnv({ PLAYBOOK_GOCACHE_MAX_BYTES: 'many' })).toThrow(/PLAYBOOK_GOCACHE_MAX_BYTES=many/);
	expect(configFromEnv({ PLAYBOOK_NO_CGROUPS: '1' }).runner.cgroups).toBe(false);
});
