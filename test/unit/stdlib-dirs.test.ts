/** The export-data directories of several releases share the state directory; each release cleans up only its own. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { removeOtherStdlibs } from '../../playground-server/src/runner/stdlib.ts';

test("a release removes its own stale copies and the old layout's, never another release's", async () => {
	const root = mkdtempSync(join(tmpdir(), 'stdlib-dirs-'));
	try {
		for (const d of ['go1.27.3-aaa', 'go1.27.3-bbb', 'go1.27.3-aaa.tmp-12-1', 'go1.26.11-ccc', 'go1.21.13-ddd', '0123456789abcdef01234567'])
			mkdirSync(join(root, d));
		await removeOtherStdlibs(root, 'go1.27.3-aaa');
		expect(readdirSync(root).sort()).toEqual(['go1.21.13-ddd', 'go1.26.11-ccc', 'go1.27.3-aaa']);
		await removeOtherStdlibs(join(root, 'missing'), 'go1.27.3-aaa');
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
});
