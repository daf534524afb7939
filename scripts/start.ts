/**
 * `npm start`: builds the site (snippet results come from the result cache, so a rebuild with
 * nothing changed runs no Go), then serves it and the playground API on one port.
 * PORT (default 4321) and HOST (default 0.0.0.0) choose where.
 */
import { spawnSync, spawn } from 'node:child_process';

const build = spawnSync('npx', ['astro', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
	console.error('[playbook] the site build failed; see the messages above.');
	process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, ['playground-server/src/main.ts'], {
	stdio: 'inherit',
	env: { ...process.env, PORT: process.env.PORT ?? '4321' },
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('close', (code) => process.exit(code ?? 0));
