import { join } from 'node:path';
import { writeTarGz, type TarEntry } from '../fixtures/tar-gz-writer.js';
import { tempDir } from '../triage/helpers.js';

/** Support bundles that state an installation: versions, pods, and extra files. */
export const TOP = 'support-bundle-2026-12-01T09_30_00';
export const NS = 'circleci-server';

export interface PodSpec {
  name: string;
  image: string;
  env?: Array<{ name: string; value: string }>;
}

function pod(p: PodSpec, chart: string) {
  return {
    metadata: { name: p.name, namespace: NS, labels: { 'helm.sh/chart': chart } },
    spec: { containers: [{ name: p.name.replace(/-[a-z0-9]+-[a-z0-9]{5}$|-\d+$/, ''), image: p.image, ...(p.env ? { env: p.env } : {}) }] },
    status: { containerStatuses: [] },
  };
}

/** A small bundle: server-version output, cluster version, the namespace's pod list, and extra files. */
export async function bundle(options: { server: string; kubernetes?: string; pods: PodSpec[]; files?: Record<string, string> }): Promise<string> {
  const dir = tempDir('installation');
  const entries: TarEntry[] = [
    { name: `${TOP}/version.yaml`, type: 'file', content: Buffer.from('apiVersion: troubleshoot.sh/v1beta2\nkind: SupportBundleVersion\nspec:\n  versionNumber: v0.133.0\n') },
    { name: `${TOP}/cluster-info/cluster_version.json`, type: 'file', content: Buffer.from(JSON.stringify({ info: { gitVersion: options.kubernetes ?? 'v1.33.4-eks-1' }, string: options.kubernetes ?? 'v1.33.4-eks-1' }, null, 2)) },
    { name: `${TOP}/server-version/${NS}/frontend-7c9d8b6f4-qx2lm/frontend-stdout.txt`, type: 'file', content: Buffer.from(JSON.stringify({ version: options.server })) },
    { name: `${TOP}/cluster-resources/pods/${NS}.json`, type: 'file', content: Buffer.from(JSON.stringify({ kind: 'PodList', items: options.pods.map((p) => pod(p, `circleci-server-${options.server}`)) }, null, 2)) },
    ...Object.entries(options.files ?? {}).map(([name, text]) => ({ name: `${TOP}/${name}`, type: 'file' as const, content: Buffer.from(text) })),
  ];
  const file = join(dir, `${TOP}.tar.gz`);
  await writeTarGz(entries, file);
  return file;
}

export const CORE: PodSpec[] = [
  { name: 'frontend-7c9d8b6f4-qx2lm', image: 'cciserver/frontend:1.0.0' },
  { name: 'contexts-service-5d8f9c7b5-a1b2c', image: 'cciserver/contexts-service:1.0.0' },
  { name: 'api-service-6f7d8c9b4-d3e4f', image: 'cciserver/api-service:1.0.0' },
];
export const NOMAD_SERVER: PodSpec = { name: 'nomad-server-0', image: 'cciserver/nomad:1.11.3' };
export const VAULT: PodSpec = { name: 'vault-0', image: 'cciserver/vault:1.15.0' };
export const mongo = (tag: string): PodSpec => ({ name: 'mongodb-0', image: `docker.io/bitnami/mongodb:${tag}` });

