/**
 * The Redis the replicas share, as `app.redis` (null when PLAYBOOK_REDIS_URL is unset: every
 * replica on its own, as before). Registered before the plugins that use it (the result store in
 * `playground`, the rate limit); closed with the app.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { RedisConnection } from '../redis-connection.ts';

declare module 'fastify' {
	interface FastifyInstance {
		redis: RedisConnection | null;
	}
}

async function redis(app: FastifyInstance, o: { url: string | null }): Promise<void> {
	if (!o.url) {
		app.decorate('redis', null);
		return;
	}
	const connection = new RedisConnection(o.url, { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m) });
	app.decorate('redis', connection);
	app.addHook('onClose', async () => connection.close());
}

export default fp(redis, { name: 'playbook-redis' });
