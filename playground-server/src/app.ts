/**
 * The HTTP app: the playground API and, when built, the site, on one port, composed of plugins
 * in the order they depend on each other. buildApp() does not listen, so tests drive it with
 * app.inject() or listen on port 0; main.ts starts it for real.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { requestLimits } from './contract/index.ts';
import type { ServerConfig } from './config.ts';
import apiCors from './plugins/cors.ts';
import errorHandler from './plugins/error-handler.ts';
import jsonBody from './plugins/json-body.ts';
import openapi from './plugins/openapi.ts';
import playground, { type AppRunner, type ServerState } from './plugins/playground.ts';
import jobRateLimit from './plugins/rate-limit.ts';
import redis from './plugins/redis.ts';
import { loadNotFoundPage, registerStaticSite } from './plugins/static-site.ts';
import { compileRoutes } from './routes/compile.ts';
import { formatRoutes } from './routes/format.ts';
import { healthRoutes } from './routes/health.ts';
import { versionRoutes } from './routes/versions.ts';
import { runRoutes } from './routes/run.ts';
import { Scheduler } from './runner/scheduler.ts';

export type { AppRunner, Playground, ServerState } from './plugins/playground.ts';

export type AppConfig = Pick<
	ServerConfig,
	| 'distDir'
	| 'corsOrigins'
	| 'rateLimitMax'
	| 'rateLimitWindowMs'
	| 'workers'
	| 'queueSize'
	| 'benchQueueSize'
	| 'cacheEntries'
	| 'cacheBytes'
	| 'trustProxy'
	| 'shutdownGraceMs'
	| 'redisUrl'
	| 'redisTtlSeconds'
>;

export const defaultAppConfig: AppConfig = {
	distDir: null,
	corsOrigins: [],
	rateLimitMax: 60,
	rateLimitWindowMs: 60_000,
	workers: 2,
	queueSize: 64,
	benchQueueSize: 8,
	cacheEntries: 1000,
	cacheBytes: 64 * 1024 * 1024,
	trustProxy: false,
	shutdownGraceMs: 10_000,
	redisUrl: null,
	redisTtlSeconds: 7 * 24 * 3600,
};

export interface AppOptions {
	runner: AppRunner;
	config?: Partial<AppConfig>;
	/** Fastify's logger option (false in tests), or a pino instance through loggerInstance. */
	logger?: FastifyServerOptions['logger'];
	loggerInstance?: FastifyServerOptions['loggerInstance'];
	/** A scheduler to share (the default is one of the app's own, from config). */
	scheduler?: Scheduler;
	/** Start-up state (main.ts updates it while the build cache warms); default: ready. */
	state?: ServerState;
	/** Dispose the runner when the app closes (main.ts); tests that share a runner leave it. */
	ownsRunner?: boolean;
}

/**
 * The options of Fastify's request validator (Ajv, draft-07): no coercion, no defaults, nothing
 * removed, so that what the OpenAPI document says is valid is exactly what is accepted; every
 * error, for messages that name every problem. Exported for the test that checks the document
 * against this validator.
 */
export const ajvOptions = { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true, verbose: true } as const;

/** Request ids from a proxy's X-Request-Id when it looks like one, otherwise new. */
function requestId(raw: { headers: Record<string, string | string[] | undefined> }): string {
	const given = raw.headers['x-request-id'];
	return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
	const config: AppConfig = { ...defaultAppConfig, ...options.config };
	const app = Fastify({
		...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? { level: 'info' } }),
		bodyLimit: requestLimits.maxBodyBytes,
		trustProxy: config.trustProxy,
		genReqId: requestId,
		requestIdHeader: false,
		// While closing, requests still get answers of the API's own shape (jobs: 503 shutting_down).
		return503OnClosing: false,
		forceCloseConnections: 'idle',
		ajv: { customOptions: { ...ajvOptions } },
	});
	app.addHook('onSend', async (request, reply) => {
		reply.header('x-request-id', request.id);
	});

	await app.register(redis, { url: config.redisUrl });
	await app.register(playground, {
		runner: options.runner,
		scheduler: options.scheduler ?? new Scheduler({ workers: config.workers, queueSize: config.queueSize, benchQueueSize: config.benchQueueSize }),
		cacheEntries: config.cacheEntries,
		cacheBytes: config.cacheBytes,
		redisTtlSeconds: config.redisTtlSeconds,
		state: options.state ?? { phase: 'running', startedAt: Date.now(), seccomp: false, warm: { done: true, durationMs: null, error: null } },
		shutdownGraceMs: config.shutdownGraceMs,
		ownsRunner: options.ownsRunner ?? false,
	});
	await app.register(jsonBody);
	await app.register(errorHandler, { notFoundPage: config.distDir ? await loadNotFoundPage(config.distDir) : null });
	await app.register(apiCors, { origins: config.corsOrigins });
	await app.register(openapi);
	await app.register(jobRateLimit, { max: config.rateLimitMax, windowMs: config.rateLimitWindowMs, redis: app.redis });
	await app.register(runRoutes);
	await app.register(compileRoutes);
	await app.register(formatRoutes);
	await app.register(versionRoutes);
	await app.register(healthRoutes);
	if (config.distDir) await registerStaticSite(app, config.distDir);
	return app;
}
