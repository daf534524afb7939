/**
 * The JSON body parser of the API: UTF-8 only (a body with invalid bytes is refused, not silently
 * given U+FFFD), and JSON only (Fastify's default text/plain parser would let a text body reach
 * validation). Fastify's own parser does the parsing and the prototype-poisoning checks.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { RequestError } from '../errors.ts';

async function jsonBody(app: FastifyInstance): Promise<void> {
	const parseJson = app.getDefaultJsonParser('error', 'error');
	app.removeContentTypeParser(['application/json', 'text/plain']);
	app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
		} catch {
			const at = firstInvalidUtf8(body as Buffer);
			done(
				new RequestError(
					400,
					'invalid_request',
					`The body is not valid UTF-8 (the first bad byte is at offset ${at}). Send JSON encoded as UTF-8; Go source is UTF-8 too.`,
				),
				undefined,
			);
			return;
		}
		parseJson(request, text, (err, value) => {
			if (err) {
				// Fastify refuses "__proto__" and "constructor.prototype" keys with the same error as
				// broken JSON; tell the two apart.
				let wellFormed = true;
				try {
					JSON.parse(text);
				} catch {
					wellFormed = false;
				}
				if (wellFormed) {
					done(
						new RequestError(
							400,
							'invalid_json',
							'The JSON contains a "__proto__" or "constructor.prototype" key, which is refused (prototype poisoning). Remove it.',
						),
						undefined,
					);
					return;
				}
			}
			done(err, value);
		});
	});
}

/** Offset of the first byte that makes b invalid UTF-8 (binary search over valid prefixes). */
export function firstInvalidUtf8(b: Buffer): number {
	const validPrefix = (n: number) => {
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, n), { stream: true });
			return true;
		} catch {
			return false;
		}
	};
	let lo = 0;
	let hi = b.length;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (validPrefix(mid)) lo = mid;
		else hi = mid - 1;
	}
	// lo bytes decode, perhaps ending inside a character whose next byte is wrong: report where
	// that character starts.
	for (let start = lo; start > Math.max(0, lo - 4); start--) {
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, start));
			return start;
		} catch {}
	}
	return lo;
}

export default fp(jsonBody, { name: 'playbook-json-body' });
