/**
 * One server replica as production runs it: `node playground-server/src/main.ts`, a process of
 * its own (self-test, listen, warm), on a loopback port.
 */
import { fileURLToPath } from 'node:url';
import { startProcess, type Started } from './processes.ts';

const mainTs = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface Replica {
	name: string;
	port: number;
	url: string;
	process: Started;
	/** The pino log lines it printed, parsed. */
	logs(): Record<string, unknown>[];
	/** Resolves when /healthz says the build cache is warm (status "ok"). */
	warm(): Promise<void>;
}

export async function startReplica(o: { name: string; port: number; env: NodeJS.ProcessEnv }): Promise<Replica> {
	const p = startProcess(o.name, process.execPath, [mainTs], {
		// LOG_LEVEL info at least: start-up is read from the "Server listening" line.
		env: { PLAYBOOK_DIST_DIR: 'none', ...o.env, LOG_LEVEL: 'info', PORT: String(o.port), HOST: '127.0.0.1' },
	});
	await p.waitForLine(/Server listening at/);
	const url = `http://127.0.0.1:${o.port}`;
	return {
		name: o.name,
		port: o.port,
		url,
		process: p,
		logs: () =>
			p.lines.flatMap((l) => {
				try {
					return [JSON.parse(l) as Record<string, unknown>];
				} catch {
					return [];
				}
			}),
		warm: () => p.waitForLine(/Go build cache warm|warming the Go build cache failed/).then(() => undefined),
	};
}
