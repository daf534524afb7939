/**
 * Serves the built site (Astro's `dist/`) on the same port as the API, the way Astro's own
 * preview server does: `/rules/` → `rules/index.html`, `/rules` → redirect to `/rules/`, and
 * Astro's `404.html` for every page that does not exist.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export async function registerStaticSite(app: FastifyInstance, distDir: string): Promise<boolean> {
	if (!existsSync(join(distDir, 'index.html'))) {
		app.log.warn({ distDir }, `no built site in ${distDir} (run \`npx astro build\`); serving the API only`);
		return false;
	}
	await app.register(fastifyStatic, {
		root: distDir,
		index: ['index.html'],
		// A directory without its trailing slash redirects, as Astro's trailingSlash default expects.
		redirect: true,
		// Hashed assets never change; pages may.
		setHeaders(reply, path) {
			if (path.includes('/_astro/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
			else reply.header('cache-control', 'public, max-age=0, must-revalidate');
		},
		// Keep the static routes out of the OpenAPI document (it describes the API only), and
		// their requests out of the info-level log.
		schemaHide: true,
		logLevel: 'warn',
	});
	return true;
}

/** Astro's 404 page, read once; null when the site has none. */
export async function loadNotFoundPage(distDir: string): Promise<string | null> {
	try {
		return await readFile(join(distDir, '404.html'), 'utf8');
	} catch {
		return null;
	}
}
