/**
 * Every refusal in the API's own shape, `{error:{code,message}}`, with a message that says what
 * to change: schema failures, Fastify's own errors (parsing, size, media type), the contract's
 * and the scheduler's refusals, unknown paths (404) and known paths asked with the wrong method
 * (405 with Allow). Pages that do not exist get the site's 404 page.
 */
import type { FastifyError, FastifyInstance, HTTPMethods } from 'fastify';
import fp from 'fastify-plugin';
import { requestLimits } from '../contract/index.ts';
import { RequestError, fromFastifyError, isFormRoute, queryError, shapeOf, validationError, type SchemaError } from '../errors.ts';

export interface ErrorHandlerOptions {
	/** The site's 404 page for unknown pages (not for API paths); null: JSON everywhere. */
	notFoundPage: string | null;
}

/** Paths that belong to the API: they answer in JSON, never with the site's 404 page. */
const apiPaths = ['/compile', '/fmt', '/version', '/healthz', '/metrics'];
const isApiPath = (path: string) => path.startsWith('/api/') || apiPaths.includes(path);
const methods: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

async function errorHandler(app: FastifyInstance, options: ErrorHandlerOptions): Promise<void> {
	app.setErrorHandler((err: FastifyError | RequestError, request, reply) => {
		let e: RequestError | null = err instanceof RequestError ? err : null;
		const compile = isFormRoute(request.url);
		if (!e && 'validation' in err && err.validation && (err as { validationContext?: string }).validationContext === 'querystring') {
			e = queryError(err.validation as SchemaError[]);
		}
		if (!e && 'validation' in err && err.validation && request.headers['content-type'] === undefined && (request.body === undefined || request.body === null)) {
			e = new RequestError(
				415,
				'unsupported_media_type',
				`The request has no body and no Content-Type. ${compile ? 'Send a form (application/x-www-form-urlencoded) with the field body=<Go source>.' : `Send a JSON object with Content-Type: application/json, e.g. ${shapeOf(request.url).example}.`}`,
			);
		}
		if (!e && 'validation' in err && err.validation)
			e = validationError(err.validation as SchemaError[], compile ? 'form field ' : '', request.body, shapeOf(request.url));
		if (!e) e = fromFastifyError(err as FastifyError, compile ? 4 * requestLimits.maxSourceBytes : requestLimits.maxBodyBytes, request.url);
		if (!e && err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
			e = new RequestError(err.statusCode, 'invalid_request', err.message);
		}
		if (!e) {
			request.log.error({ err }, 'request failed');
			e = new RequestError(500, 'internal_error', `The server failed on this request (id ${request.id}). Try again; if it keeps failing, report the id.`);
		}
		app.playground.metrics.rejected.inc({ reason: e.code });
		if (e.statusCode >= 500) request.log.warn({ code: e.code }, e.message);
		else request.log.info({ code: e.code }, e.message);
		return reply.code(e.statusCode).headers(e.headers).send(e.body());
	});

	app.setNotFoundHandler((request, reply) => {
		const path = request.url.split('?')[0] ?? '';
		const allowed = methods.filter((method) => app.hasRoute({ method, url: path }));
		if (allowed.length > 0) {
			const e = new RequestError(405, 'method_not_allowed', `${path} does not take ${request.method}; use ${allowed.join(' or ')}.`, {
				allow: allowed.join(', '),
			});
			return reply.code(405).headers(e.headers).send(e.body());
		}
		if (options.notFoundPage && !isApiPath(path) && (request.method === 'GET' || request.method === 'HEAD')) {
			return reply.code(404).type('text/html; charset=utf-8').send(options.notFoundPage);
		}
		const e = new RequestError(
			404,
			'not_found',
			`There is no ${request.method} ${path}. The API is POST /api/run, POST /api/format, POST /compile, POST /fmt, GET /healthz, GET /metrics and GET /api/openapi.json.`,
		);
		return reply.code(404).send(e.body());
	});
}

export default fp(errorHandler, { name: 'playbook-error-handler', dependencies: ['playbook-playground'] });
