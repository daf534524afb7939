/** POST /compile: the Go Playground's API, so existing playground clients can point here. */
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { RunResult } from '../contract/index.ts';
import { checkRunRequest, ContractViolation, defaultGoRelease, goMinor, previousGoRelease, requestLimits, toolchainName } from '../contract/index.ts';
import {
	BodyProblem,
	checkBodyFiles,
	playgroundJob,
	problemResponse,
	splitTxtar,
	toPlaygroundResponse,
	type PlaygroundResponse,
} from '../playground-compat.ts';
import { errorRef } from '../contract/schemas.ts';
import { clientSignal, jobError } from './job-errors.ts';
import { playgroundFmtRoute } from './format.ts';

interface CompileForm {
	body: string;
	withVet?: string;
	version?: string;
}

/** The Go Playground's `?backend=`: which Go builds the job. */
const compileQuerystring = {
	type: 'object',
	additionalProperties: false,
	properties: {
		backend: {
			type: 'string',
			enum: ['', 'goprev'],
			description: `The Go Playground's backend: empty for the newest Go here (${defaultGoRelease}), goprev for the minor before it (${previousGoRelease() ?? 'none'}). gotip is not offered: this playground runs released Go only.`,
		},
	},
} as const;

const schema = {
	summary: 'Go Playground compatible compile-and-run',
	description: `Takes the form the Go Playground's /compile takes (body=…, withVet=true) and answers in its shape, so existing playground clients can point here. A body of several files uses the txtar format ("-- go.mod --" lines), as play.golang.org does. What is wrong with the files the body holds (an empty body, a file name, more than ${requestLimits.maxFiles} files, a name twice, a go.mod directive) is answered as play.golang.org answers it: 200, with the problem in Errors. Source over ${requestLimits.maxSourceBytes / 1024} KiB in UTF-8, or a form over ${(4 * requestLimits.maxSourceBytes) / 1024} KiB, is refused with 413.`,
	tags: ['compatibility'],
	consumes: ['application/x-www-form-urlencoded'],
	querystring: compileQuerystring,
	body: {
		type: 'object',
		required: ['body'],
		properties: {
			body: { type: 'string', maxLength: requestLimits.maxSourceBytes, description: 'Go source (prog.go), or txtar with several files.' },
			withVet: { type: 'string', enum: ['true', 'false', ''], description: 'Also run go vet; its report is in VetErrors.' },
			version: { type: 'string', maxLength: 8 },
		},
	},
	response: {
		200: {
			description:
				"The Go Playground's answer: the program's output as Events, or what is wrong (a compile error, or a problem with the files in the body) in Errors.",
			type: 'object',
			required: ['Errors', 'Events', 'Status', 'IsTest', 'TestsFailed'],
			properties: {
				Errors: { type: 'string' },
				Events: {
					type: ['array', 'null'],
					items: {
						type: 'object',
						properties: { Message: { type: 'string' }, Kind: { type: 'string', enum: ['stdout', 'stderr'] }, Delay: { type: 'integer' } },
					},
				},
				Status: { type: 'integer' },
				IsTest: { type: 'boolean' },
				TestsFailed: { type: 'integer' },
				VetErrors: { type: 'string' },
				VetOK: { type: 'boolean' },
			},
		},
		400: { ...errorRef, description: 'The form breaks its schema: no body field, or withVet or version of another form.' },
		413: {
			...errorRef,
			description: `payload_too_large: a form over ${(4 * requestLimits.maxSourceBytes) / 1024} KiB, or more than ${requestLimits.maxSourceBytes / 1024} KiB of source in UTF-8.`,
		},
		415: { ...errorRef, description: 'Not a form (application/x-www-form-urlencoded).' },
		429: { ...errorRef, description: 'Rate limit per client address; see Retry-After.' },
		503: { ...errorRef, description: 'Queue full or shutting down; see Retry-After.' },
	},
} as const;

const versionSchema = {
	summary: 'Go Playground compatible version',
	description: "The Go version /compile uses for a backend, in the Go Playground's shape.",
	tags: ['compatibility'],
	querystring: compileQuerystring,
	response: {
		200: {
			type: 'object',
			required: ['Version', 'Release', 'Name'],
			properties: { Version: { type: 'string' }, Release: { type: 'string' }, Name: { type: 'string' } },
		},
		400: { ...errorRef, description: 'A backend this playground does not offer (gotip), or another query parameter.' },
	},
} as const;

export async function compileRoutes(app: FastifyInstance): Promise<void> {
	app.get('/version', { schema: versionSchema }, async (request) => {
		const { backend } = request.query as { backend?: string };
		const release = backend === 'goprev' ? previousGoRelease()! : defaultGoRelease;
		return { Version: toolchainName(release), Release: `go${goMinor(release)}`, Name: `Go ${goMinor(release)}` };
	});
	// Only these routes take forms (the Go Playground's protocol): the JSON API answers a form with 415.
	app.removeContentTypeParser('application/json');
	await app.register(formbody, { bodyLimit: 4 * requestLimits.maxSourceBytes });
	// The Go Playground's /fmt takes the same forms.
	playgroundFmtRoute(app);
	app.post('/compile', { schema, config: { rateLimit: app.jobRateLimit } }, async (request, reply): Promise<PlaygroundResponse> => {
		const form = request.body as CompileForm;
		let job: ReturnType<typeof playgroundJob>;
		try {
			const files = splitTxtar(form.body);
			checkBodyFiles(files);
			job = playgroundJob(files);
			const { backend } = request.query as { backend?: string };
			if (backend === 'goprev') job.options = { ...job.options, go: previousGoRelease()! };
			// The contract's rules first, so that a refused job answers in Errors before any vet starts.
			checkRunRequest(job);
		} catch (e) {
			if (e instanceof BodyProblem || (e instanceof ContractViolation && e.status === 400)) return problemResponse(e.message);
			throw e instanceof ContractViolation ? jobError(e) : e;
		}
		const signal = clientSignal(request, reply);
		const withVet = form.withVet === 'true';
		let result: RunResult;
		let vet: RunResult | null;
		try {
			[result, vet] = await Promise.all([app.playground.jobs.run(job, signal), withVet ? app.playground.jobs.vet(job, signal) : Promise.resolve(null)]);
		} catch (e) {
			throw jobError(e);
		}
		request.log.info(
			{ mode: job.mode, outcome: result.error?.code ?? 'ok', durationMs: result.durationMs, cached: result.cached, vet: withVet },
			'compile answered',
		);
		return toPlaygroundResponse(result, vet);
	});
}
