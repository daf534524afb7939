/**
 * Starts the playground server: the site from dist/ and the API on one port.
 *   node playground-server/src/main.ts
 * Settings are environment variables (see playground-server/README.md).
 */
import { buildApp } from './app.ts';
import { configFromEnv } from './config.ts';
import { createRunner } from './runner/index.ts';

const config = configFromEnv();
const runner = await createRunner({ log: (level, msg) => console.error(`[${level}] ${msg}`) });
const app = await buildApp({ runner, distDir: config.distDir, logLevel: config.logLevel });
await app.listen({ port: config.port, host: config.host });
void runner.warm();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.once(sig, () => {
		void app.close().then(() => runner.dispose()).then(() => process.exit(0));
	});
}
