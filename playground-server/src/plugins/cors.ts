/** Cross-origin calls from the site's own origins only (when the API is on another origin). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';

async function apiCors(app: FastifyInstance, options: { origins: string[] }): Promise<void> {
	if (options.origins.length === 0) return;
	await app.register(cors, {
		origin: options.origins,
		methods: ['GET', 'POST'],
		allowedHeaders: ['content-type', 'x-request-id'],
		exposedHeaders: ['retry-after', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
		maxAge: 600,
	});
}

export default fp(apiCors, { name: 'playbook-cors' });
