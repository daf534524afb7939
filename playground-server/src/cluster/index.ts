/**
 * A local cluster on loopback: a redis-server, N server replicas sharing it, and nginx in front,
 * on free ports — the deployment of the README in miniature. One home for starting and stopping
 * it, used by test/server/replicas.test.ts and bench/soak.ts.
 *
 * Every replica is `node playground-server/src/main.ts` with PLAYBOOK_REDIS_URL pointing at the
 * cluster's Redis and PLAYBOOK_TRUST_PROXY=1 (nginx forwards the client's address). The replicas
 * share one state directory (toolchains and build cache), as pods on one node with a shared volume
 * would; each replica's jobs keep directories of their own in it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, which } from './processes.ts';
import { startNginx, type LocalNginx } from './nginx.ts';
import { startRedis, type LocalRedis } from './redis-server.ts';
import { startReplica, type Replica } from './replica.ts';

export { freePort, startProcess, which, type Started } from './processes.ts';
export type { LocalNginx, LocalRedis, Replica };

export interface ClusterOptions {
	replicas: number;
	/** Start redis-server and point the replicas at it. */
	redis: boolean;
	/** Start nginx in front of the replicas. */
	nginx: boolean;
	/** The replicas' environment: PATH, HOME, PLAYBOOK_STATE_DIR and any other setting. */
	env: NodeJS.ProcessEnv;
	/** Wait until every replica's build cache is warm. */
	warm?: boolean;
}

export interface Cluster {
	redis: LocalRedis | null;
	replicas: Replica[];
	nginx: LocalNginx | null;
	/** Where clients should send requests: nginx, or the only replica. */
	url: string;
	/** A directory of the cluster's own (nginx's config and logs). */
	dir: string;
	/** Starts replica i again (after it was killed), on its port. */
	restartReplica(i: number): Promise<Replica>;
	/** Ends every process, whatever state it is in; safe to call twice. */
	stop(): Promise<void>;
}

/** What a machine lacks to run a cluster: the binaries not found, by name. */
export async function missingBinaries(o: Pick<ClusterOptions, 'redis' | 'nginx'>, path: string): Promise<string[]> {
	const needed = [...(o.redis ? ['redis-server'] : []), ...(o.nginx ? ['nginx'] : [])];
	const found = await Promise.all(needed.map((n) => which(n, path)));
	return needed.filter((_, i) => !found[i]);
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
	const path = o.env.PATH ?? '/usr/bin:/bin';
	const dir = await mkdtemp(join(tmpdir(), 'playbook-cluster-'));
	const cluster: Cluster = {
		redis: null,
		replicas: [],
		nginx: null,
		url: '',
		dir,
		restartReplica: async (i) => {
			const old = cluster.replicas[i]!;
			await old.process.kill();
			cluster.replicas[i] = await startReplica({ name: old.name, port: old.port, env: replicaEnv });
			return cluster.replicas[i];
		},
		stop: async () => {
			await Promise.all([cluster.nginx?.stop(), ...cluster.replicas.map((r) => r.process.stop())]);
			await cluster.redis?.stop();
			await rm(dir, { recursive: true, force: true });
		},
	};
	let replicaEnv: NodeJS.ProcessEnv = o.env;
	try {
		if (o.redis) {
			const binary = await which('redis-server', path);
			if (!binary) throw new Error('redis-server not found (apt-get install -y redis-server)');
			cluster.redis = await startRedis({ binary, port: await freePort() });
			replicaEnv = { ...replicaEnv, PLAYBOOK_REDIS_URL: cluster.redis.url };
		}
		if (o.nginx) replicaEnv = { ...replicaEnv, PLAYBOOK_TRUST_PROXY: '1' };
		const ports = await Promise.all(Array.from({ length: o.replicas }, () => freePort()));
		// One at a time: each runs its self-test and fetches nothing the other is fetching.
		for (const [i, port] of ports.entries())
			cluster.replicas.push(await startReplica({ name: `replica-${String.fromCharCode(65 + i)}`, port, env: replicaEnv }));
		if (o.warm !== false) await Promise.all(cluster.replicas.map((r) => r.warm()));
		if (o.nginx) {
			const binary = await which('nginx', path);
			if (!binary) throw new Error('nginx not found (apt-get install -y nginx)');
			cluster.nginx = await startNginx({ binary, dir: join(dir, 'nginx'), port: await freePort(), upstreams: ports });
		}
		cluster.url = cluster.nginx?.url ?? cluster.replicas[0]!.url;
		return cluster;
	} catch (e) {
		await cluster.stop();
		throw e;
	}
}
