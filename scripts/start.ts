/**
 * `npm start`: builds the site (snippet results come from the result cache, so a rebuild with
 * nothing changed runs no Go), then serves it and the playground API on one port.
 * PORT (default 4321) and HOST (default 0.0.0.0) choose where; LOG_LEVEL (default warn here) how
 * much of the server's JSON log is shown.
 *
 * What a person needs first is where the site is: that is said before anything else, the build's
 * own output (hundreds of lines from the bundler) goes to .cache/build.log and is shown only when
 * the build fails, and the address is said again, in plain words, once the server answers.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';

const port = process.env.PORT ?? '4321';
const url = `http://localhost:${port}/`;
const say = (line: string) => console.log(`[playbook] ${line}`);
const logFile = '.cache/build.log';

say(`Go Memory Playbook: building the site, then serving it at ${url}`);
say(`(build output: ${logFile}; the first build runs every snippet, later ones only what changed)`);
await mkdir('.cache', { recursive: true });
const started = performance.now();
const log = createWriteStream(logFile);
const build = spawn('npx', ['astro', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
build.stdout.pipe(log);
build.stderr.pipe(log);
const status = await new Promise<number>((resolve) => build.on('close', (code) => resolve(code ?? 1)));
await new Promise((resolve) => log.end(resolve));
const output = await readFile(logFile, 'utf8');
if (status !== 0) {
	console.error(output.split('\n').slice(-60).join('\n'));
	say(`the site build failed (the last lines are above; all of it in ${logFile}).`);
	process.exit(status);
}
const pages = /(\d+) page\(s\) built/.exec(output)?.[1];
const goWork = /Go work for snippets: .*/.exec(output)?.[0];
say(`built${pages ? ` ${pages} pages` : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s${goWork ? `; ${goWork}` : ''}`);

const server = spawn(process.execPath, ['playground-server/src/main.ts'], {
	stdio: 'inherit',
	env: { ...process.env, PORT: port, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('close', (code) => process.exit(code ?? 0));

// Say where the site is once the server answers (it runs a sandbox self-test first).
for (let i = 0; i < 600 && server.exitCode === null; i++) {
	try {
		const r = await fetch(`http://127.0.0.1:${port}/healthz`);
		if (r.ok) {
			say(`ready: ${url}  (the playground API is on the same port: POST /api/run; Ctrl+C stops)`);
			break;
		}
	} catch {}
	await new Promise((r) => setTimeout(r, 500));
}
