/** GET /api/versions: the Go releases the playground offers, the default, and which are ready. */
import type { FastifyInstance } from 'fastify';
import { defaultGoRelease, goMinor, type GoRelease } from '../contract/go-versions.ts';

const releaseSchema = {
	type: 'object',
	required: ['version', 'minor', 'toolchain', 'default', 'state', 'warm', 'error'],
	properties: {
		version: { type: 'string', description: 'The exact release ("1.27.3"): a value of options.go.' },
		minor: { type: 'string', description: 'Its minor ("1.27"): also a value of options.go, naming this release.' },
		toolchain: { type: 'string', description: 'The toolchain name results report in goVersion ("go1.27.3").' },
		default: { type: 'boolean' },
		state: {
			type: 'string',
			enum: ['absent', 'fetching', 'ready', 'failed'],
			description:
				'absent: not fetched yet (the first job fetches it, some seconds); fetching; ready; failed (error says why; tried again on a later request).',
		},
		warm: {
			type: ['string', 'null'],
			enum: ['waiting', 'warming', 'done', 'failed', null],
			description: 'The warm-up of its build cache after the fetch; jobs run meanwhile, the first ones slower.',
		},
		error: { type: ['string', 'null'] },
	},
} as const;

const schema = {
	summary: 'Go versions',
	description: 'The Go releases a job may ask for in options.go (the latest patch of each minor), newest first, with the default and whether each is ready.',
	tags: ['playground'],
	response: {
		200: {
			type: 'object',
			required: ['default', 'versions'],
			properties: { default: { type: 'string' }, versions: { type: 'array', items: releaseSchema } },
		},
	},
} as const;

export interface VersionsBody {
	default: GoRelease;
	versions: { version: GoRelease; minor: string; toolchain: string; default: boolean; state: string; warm: string | null; error: string | null }[];
}

export async function versionRoutes(app: FastifyInstance): Promise<void> {
	app.get('/api/versions', { schema, logLevel: 'warn' }, async (): Promise<VersionsBody> => {
		return {
			default: defaultGoRelease,
			versions: app.playground.runner.status().map((s) => ({
				version: s.release,
				minor: goMinor(s.release),
				toolchain: s.toolchain,
				default: s.default,
				state: s.state,
				warm: s.warm,
				error: s.error,
			})),
		};
	});
}
