/**
 * The HTTP app: the playground API and, when built, the site, on one port. buildApp() does not
 * listen, so tests drive it with app.inject() or listen on port 0; main.ts starts it for real.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { requestLimits } from '../../src/shared/api.ts';
import type { ServerConfig } from './config.ts';
import { RequestError, fromFastifyError, validationError, type SchemaError } from './errors.ts';
import { Jobs, type JobRunner } from './jobs.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { ResultCache } from './result-cache.ts';
import { compileRoutes } from './routes/compile.ts';
import { healthRoutes } from './routes/health.ts';
import type { RouteRateLimit } from './routes/route-options.ts';
import { runRoutes } from './routes/run.ts';
import { Scheduler } from './runner/scheduler.ts';
import type { SandboxKind } from './runner/sandbox.ts';
import { requestErrorSchema, runRequestSchema, runResultSchema } from './schemas.ts';
import { loadNotFoundPage, registerStaticSite } from './static-site.ts';

/** What the app needs of the runner (the real Runner, or anything shaped like it). */
export interface AppRunner extends JobRunner {
	readonly sandbox: SandboxKind;
	readonly cgroups: { readonly kind: 'v1' | 'v2' | 'none' };
}

export interface ServerState {
	phase: 'starting' | 'running' | 'shutting_down';
	startedAt: number;
	seccomp: boolean;
	warm: { done: boolean; durationMs: number | null; error: string | null };
}

export interface Playground {
	runner: AppRunner;
	scheduler: Scheduler;
	jobs: Jobs;
	cache: ResultCache | null;
	metrics: Metrics;
	state: ServerState;
	config: AppConfig;
}

declare module 'fastify' {
	interface FastifyInstance {
		playground: Playground;
	}
}

export type AppConfig = Pick<
	ServerConfig,
	'distDir' | 'corsOrigins' | 'rateLimitMax' | 'rateLimitWindowMs' | 'workers' | 'queueSize' | 'benchQueueSize' | 'cacheEntries' | 'cacheBytes' | 'trustProxy' | 'shutdownGraceMs'
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
}

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
		ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true, verbose: true } },
	});

	const scheduler = options.scheduler ?? new Scheduler({ workers: config.workers, queueSize: config.queueSize, benchQueueSize: config.benchQueueSize });
	const cache = config.cacheEntries > 0 ? new ResultCache({ maxEntries: config.cacheEntries, maxBytes: config.cacheBytes }) : null;
	const metrics = createMetrics(scheduler, cache);
	const state: ServerState = options.state ?? { phase: 'running', startedAt: Date.now(), seccomp: false, warm: { done: true, durationMs: null, error: null } };
	app.decorate('playground', {
		runner: options.runner,
		scheduler,
		jobs: new Jobs({ runner: options.runner, scheduler, cache, metrics }),
		cache,
		metrics,
		state,
		config,
	} satisfies Playground);

	app.addHook('onSend', async (request, reply) => {
		reply.header('x-request-id', request.id);
	});

	// JSON must be UTF-8: a body with invalid bytes is refused, not silently given U+FFFD. And
	// only JSON: Fastify's default text/plain parser would let a text body reach validation.
	const parseJson = app.getDefaultJsonParser('error', 'error');
	app.removeContentTypeParser(['application/json', 'text/plain']);
	app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
		} catch {
			const at = firstInvalidUtf8(body as Buffer);
			done(new RequestError(400, 'invalid_request', `The body is not valid UTF-8 (the first bad byte is at offset ${at}). Send JSON encoded as UTF-8; Go source is UTF-8 too.`), undefined);
			return;
		}
		parseJson(request, text, (err, value) => {
			if (err) {
				// Fastify refuses "__proto__" and "constructor.prototype" keys with the same error as
				// broken JSON; tell the two apart.
				let wellFormed = true;
				try {
					JSON.parse(text);
				} catch {
					wellFormed = false;
				}
				if (wellFormed) {
					done(new RequestError(400, 'invalid_json', 'The JSON contains a "__proto__" or "constructor.prototype" key, which is refused (prototype poisoning). Remove it.'), undefined);
					return;
				}
			}
			done(err, value);
		});
	});

	app.setErrorHandler((err: FastifyError | RequestError, request, reply) => {
		let e: RequestError | null = err instanceof RequestError ? err : null;
		if (!e && 'validation' in err && err.validation && request.headers['content-type'] === undefined && (request.body === undefined || request.body === null)) {
			e = new RequestError(415, 'unsupported_media_type', `The request has no body and no Content-Type. ${request.url.startsWith('/compile') ? 'Send a form (application/x-www-form-urlencoded) with the field body=<Go source>.' : 'Send a JSON object with Content-Type: application/json, e.g. {"mode":"run","files":{"main.go":"package main\\n…"}}.'}`);
		}
		if (!e && 'validation' in err && err.validation) e = validationError(err.validation as SchemaError[], request.url === '/compile' ? 'form field ' : '');
		if (!e) e = fromFastifyError(err as FastifyError, requestLimits.maxBodyBytes, request.url);
		if (!e && err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
			e = new RequestError(err.statusCode, 'invalid_request', err.message);
		}
		if (!e) {
			request.log.error({ err }, 'request failed');
			e = new RequestError(500, 'internal_error', `The server failed on this request (id ${request.id}). Try again; if it keeps failing, report the id.`);
		}
		metrics.rejected.inc({ reason: e.code });
		if (e.statusCode >= 500) request.log.warn({ code: e.code }, e.message);
		else request.log.info({ code: e.code }, e.message);
		return reply.code(e.statusCode).headers(e.headers).send(e.body());
	});

	if (config.corsOrigins.length > 0) {
		await app.register(cors, {
			origin: config.corsOrigins,
			methods: ['GET', 'POST'],
			allowedHeaders: ['content-type', 'x-request-id'],
			exposedHeaders: ['retry-after', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
			maxAge: 600,
		});
	}

	await app.register(swagger, {
		openapi: {
			openapi: '3.0.3',
			info: {
				title: 'Go Memory Playbook playground API',
				version: '1.0.0',
				description:
					'Runs Go snippets in a sandbox: program output, escape analysis mapped to source lines, benchmarks with allocations, tests. Every outcome of the program is a 200 with a RunResult; requests that are not run get 4xx/5xx with {error:{code,message}}.',
			},
			tags: [
				{ name: 'playground', description: 'The playground API' },
				{ name: 'compatibility', description: 'The Go Playground\'s protocol' },
				{ name: 'operations', description: 'Health and metrics' },
			],
		},
		refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
	});
	app.addSchema(runRequestSchema);
	app.addSchema(runResultSchema);
	app.addSchema(requestErrorSchema);

	const limited: RouteRateLimit = {};
	if (config.rateLimitMax > 0) {
		await app.register(rateLimit, { global: false });
		limited.rateLimit = {
			max: config.rateLimitMax,
			timeWindow: config.rateLimitWindowMs,
			errorResponseBuilder: (_request, context) =>
				new RequestError(
					429,
					'rate_limited',
					`Too many jobs from your address: at most ${context.max} per ${Math.round(config.rateLimitWindowMs / 1000)} s. Try again in ${context.after} (see Retry-After).`,
				),
		};
	}
	await app.register(runRoutes, limited);
	await app.register(compileRoutes, limited);
	await app.register(healthRoutes);
	app.get('/api/openapi.json', { schema: { hide: true }, logLevel: 'warn' }, async () => app.swagger());

	const notFoundPage = config.distDir ? await loadNotFoundPage(config.distDir) : null;
	if (config.distDir) await registerStaticSite(app, config.distDir);
	app.setNotFoundHandler((request, reply) => {
		const path = request.url.split('?')[0] ?? '';
		const api = path.startsWith('/api/') || ['/compile', '/healthz', '/metrics'].includes(path);
		if (notFoundPage && !api && (request.method === 'GET' || request.method === 'HEAD')) {
			return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage);
		}
		const hint = path === '/api/run' || path === '/compile' ? ` Use POST ${path}.` : ' The API is POST /api/run, POST /compile, GET /healthz, GET /metrics and GET /api/openapi.json.';
		const e = new RequestError(404, 'not_found', `There is no ${request.method} ${path}.${hint}`);
		return reply.code(404).send(e.body());
	});

	app.addHook('preClose', async () => {
		// Stop taking jobs, let running ones finish (killing what outlives the grace period).
		state.phase = 'shutting_down';
		await scheduler.drain(config.shutdownGraceMs);
	});
	return app;
}

/** Offset of the first byte that makes b invalid UTF-8 (binary search over valid prefixes). */
function firstInvalidUtf8(b: Buffer): number {
	const validPrefix = (n: number) => {
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, n), { stream: true });
			return true;
		} catch {
			return false;
		}
	};
	let lo = 0;
	let hi = b.length;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (validPrefix(mid)) lo = mid;
		else hi = mid - 1;
	}
	// lo bytes decode, perhaps ending inside a character whose next byte is wrong: report where
	// that character starts.
	for (let start = lo; start > Math.max(0, lo - 4); start--) {
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, start));
			return start;
		} catch {}
	}
	return lo;
}
