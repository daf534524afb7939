/**
 * Talks to the playground server: POST {base}/api/run and {base}/api/format, and turns every way
 * that can go wrong into something a reader can act on. The base URL is a build-time setting (PUBLIC_PLAYGROUND_API);
 * empty means the site's own origin, which is how `npm start` serves both.
 */
import type { FormatRequest, FormatResult, RequestErrorBody, RunRequest, RunResult } from '@playbook/engine/contract';
import { isRunResult } from './payload.ts';

export const apiBase: string = (import.meta.env.PUBLIC_PLAYGROUND_API ?? '').replace(/\/+$/, '');

export type Outcome =
	| { kind: 'result'; result: RunResult }
	/** The server answered but did not run the job (4xx/5xx), or could not be reached. */
	| { kind: 'failure'; code: FailureCode; message: string; retryAfter?: number };

type Failure = Extract<Outcome, { kind: 'failure' }>;

export type FailureCode = 'offline' | 'canceled' | 'rate_limited' | 'queue_full' | 'shutting_down' | 'too_large' | 'invalid_request' | 'server_error';

const canceled: Failure = { kind: 'failure', code: 'canceled', message: 'Canceled. Nothing on the page was changed.' };

const host = () => (apiBase ? new URL(apiBase, location.href).host : location.host);

/** Seconds from a Retry-After header (seconds or an HTTP date), or from the body. */
function retryAfter(res: Response, body: unknown): number | undefined {
	const h = res.headers.get('retry-after');
	let s = h === null ? NaN : /^\d+$/.test(h.trim()) ? Number(h) : (Date.parse(h) - Date.now()) / 1000;
	if (!Number.isFinite(s) && body && typeof body === 'object' && 'retryAfter' in body) s = Number(body.retryAfter);
	return Number.isFinite(s) ? Math.max(1, Math.ceil(s)) : undefined;
}

/** Longer than any job the server lets run (a benchmark lane of 60 s plus its build and queue). */
const answerWithinMs = 150_000;

export async function runRemote(request: RunRequest, cancel: AbortSignal): Promise<Outcome> {
	const answer = await post('/api/run', request, isRunResult, cancel);
	return 'failure' in answer ? answer.failure : { kind: 'result', result: answer.body };
}

const isFormatResult = (x: unknown): x is FormatResult =>
	x !== null &&
	typeof x === 'object' &&
	typeof (x as FormatResult).ok === 'boolean' &&
	typeof (x as FormatResult).files === 'object' &&
	Array.isArray((x as FormatResult).errors);

/** Format (gofmt, and goimports with `imports`): the formatted files, or where they do not parse. */
export async function formatRemote(request: FormatRequest, cancel: AbortSignal): Promise<{ result: FormatResult } | { failure: Failure }> {
	const answer = await post('/api/format', request, isFormatResult, cancel);
	return 'failure' in answer ? answer : { result: answer.body };
}

/** A request's body as `accept` recognizes it, or what went wrong, said for the reader. */
async function post<T>(path: string, request: unknown, accept: (x: unknown) => x is T, cancel: AbortSignal): Promise<{ body: T } | { failure: Failure }> {
	const fail = (f: Omit<Failure, 'kind'>): { failure: Failure } => ({ failure: { kind: 'failure', ...f } });
	const signal = AbortSignal.any([cancel, AbortSignal.timeout(answerWithinMs)]);
	const stopped = (): { failure: Failure } =>
		cancel.aborted
			? { failure: canceled }
			: fail({
					code: 'offline',
					message: `The playground did not answer within ${answerWithinMs / 1000} s. The results shown were recorded when the site was built.`,
				});
	let res: Response;
	try {
		res = await fetch(`${apiBase}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(request),
			signal,
		});
	} catch {
		if (signal.aborted) return stopped();
		return fail({
			code: 'offline',
			message: `The live playground is offline: ${host()} did not answer. The results shown were recorded when the site was built.`,
		});
	}
	let body: unknown = null;
	try {
		body = await res.json();
	} catch {
		if (signal.aborted) return stopped();
	}
	if (res.ok && accept(body)) return { body };

	const err = (body as Partial<RequestErrorBody> | null)?.error;
	const said = err && typeof err === 'object' && typeof err.message === 'string' ? err.message : '';
	const code = err && typeof err === 'object' ? err.code : undefined;
	const wait = retryAfter(res, body);
	if (res.status === 429 || code === 'rate_limited') {
		return fail({
			code: 'rate_limited',
			message: `Too many runs from your address for now${wait ? `; try again in ${wait} s` : ''}.`,
			...(wait ? { retryAfter: wait } : {}),
		});
	}
	if (code === 'queue_full' || (res.status === 503 && code !== 'shutting_down')) {
		return fail({ code: 'queue_full', message: `The playground is busy: every worker is taken and the queue is full.`, retryAfter: wait ?? 5 });
	}
	if (code === 'shutting_down') {
		return fail({ code: 'shutting_down', message: 'The playground server is restarting.', retryAfter: wait ?? 5 });
	}
	if (res.status === 413 || code === 'payload_too_large') {
		return fail({ code: 'too_large', message: said || 'The code is larger than the playground accepts (64 KiB of source).' });
	}
	if (res.status >= 400 && res.status < 500) {
		return fail({
			code: 'invalid_request',
			message: said ? `The playground refused the request: ${said}` : `The playground refused the request (HTTP ${res.status}).`,
		});
	}
	// A 5xx, a proxy's HTML error page, or JSON that is not a result: never show it raw.
	return fail({
		code: 'server_error',
		message: `The playground server failed (HTTP ${res.status}${code ? `, ${code}` : ''}). The results shown were recorded when the site was built; try again in a moment.`,
	});
}
