/**
 * The HTTP app: the playground API and, when built, the site on the same port.
 * (First cut: health, static site and a direct /api/run; the scheduler, cache, validation and
 * compatibility routes follow.)
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { RunRequest } from '../../src/shared/api.ts';
import type { Runner } from './runner/runner.ts';
import { loadNotFoundPage, registerStaticSite } from './static-site.ts';

export interface AppOptions {
	runner: Runner;
	distDir?: string | null;
	logLevel?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
	const app = Fastify({ logger: { level: options.logLevel ?? 'info' }, bodyLimit: 128 * 1024 });
	const { runner } = options;
	app.get('/healthz', async () => ({ status: 'ok', goVersion: runner.goVersion, sandbox: runner.sandbox, cgroups: runner.cgroups.kind }));
	app.post('/api/run', async (req) => runner.run(req.body as RunRequest));
	const notFound = options.distDir ? await loadNotFoundPage(options.distDir) : null;
	if (options.distDir) await registerStaticSite(app, options.distDir);
	app.setNotFoundHandler((req, reply) => {
		if (notFound && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.code(404).type('text/html; charset=utf-8').send(notFound);
		return reply.code(404).send({ error: { code: 'not_found', message: `There is no ${req.method} ${req.url.split('?')[0]}.` } });
	});
	return app;
}
