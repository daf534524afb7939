/**
 * The fingerprint keys the build's stored results: it must be the same wherever the engine is
 * read from (another working directory, another clone), so that only a change of the code behind
 * a result runs the snippets again.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { runnerFingerprint } from '@playbook/engine/runner';

const module = fileURLToPath(new URL('../../playground-server/src/runner/fingerprint.ts', import.meta.url));

test('the runner fingerprint does not depend on the working directory', () => {
	const here = runnerFingerprint();
	expect(here).toMatch(/^[0-9a-f]{16}$/);
	const elsewhere = execFileSync(
		process.execPath,
		['--input-type=module', '-e', `import { runnerFingerprint } from ${JSON.stringify(module)}; console.log(runnerFingerprint());`],
		{
			cwd: tmpdir(),
			encoding: 'utf8',
		},
	).trim();
	expect(elsewhere).toBe(here);
});
