/**
 * The build's result store: one JSON file per result in a folder, so `npm test` verifies the
 * snippets and then builds the site from the results the verification produced, and a rebuild
 * with nothing changed runs no Go at all. Writes go through a temporary file and a rename, so a
 * build killed mid-write never leaves a half result behind.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../contract/api.ts';
import type { ResultStore } from './jobs.ts';

export class FileStore implements ResultStore {
	readonly dir: string;

	constructor(dir: string) {
		this.dir = dir;
	}

	async get(key: string): Promise<RunResult | undefined> {
		try {
			return JSON.parse(await readFile(join(this.dir, `${key}.json`), 'utf8')) as RunResult;
		} catch {
			return undefined;
		}
	}

	async set(key: string, result: RunResult): Promise<void> {
		await mkdir(this.dir, { recursive: true });
		const file = join(this.dir, `${key}.json`);
		const tmp = `${file}.${process.pid}.tmp`;
		await writeFile(tmp, JSON.stringify(result));
		await rename(tmp, file);
	}
}
