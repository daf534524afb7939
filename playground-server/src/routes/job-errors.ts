/** What a request gets when its job could not run: the contract's and the scheduler's refusals as HTTP answers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestError } from '../errors.ts';
import { ContractViolation } from '../contract/index.ts';
import { QueueFullError, SchedulerClosedError } from '../runner/scheduler.ts';

export function jobError(e: unknown): RequestError {
	if (e instanceof ContractViolation) return new RequestError(e.status, e.code, e.message);
	if (e instanceof QueueFullError) {
		return new RequestError(503, 'queue_full', e.message, { 'retry-after': String(e.retryAfterSeconds) });
	}
	if (e instanceof SchedulerClosedError) {
		return new RequestError(503, 'shutting_down', e.message, { 'retry-after': '5' });
	}
	if (e instanceof DOMException && e.name === 'AbortError') {
		// Only the client that went away could have read this.
		return new RequestError(503, 'internal_error', 'The request was canceled before its job finished.');
	}
	throw e;
}

/** Aborted when the client disconnects before its answer is sent. */
export function clientSignal(request: FastifyRequest, reply: FastifyReply): AbortSignal {
	const controller = new AbortController();
	const onClose = () => {
		if (!reply.raw.writableFinished) {
			request.log.info('client went away; canceling its job');
			controller.abort(new DOMException('The client went away', 'AbortError'));
		}
	};
	reply.raw.once('close', onClose);
	return controller.signal;
}
