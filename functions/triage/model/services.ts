/**
 * CircleCI Server services, as their Kubernetes workloads are named, grouped by the role they play
 * in the diagnostic guide. Used to tell CircleCI content from other products' logs and to find the
 * likely root service of a cascade.
 */
export const BACKEND_SERVICES = [
  'contexts-service',
  'postgresql',
  'mongodb',
  'rabbitmq',
  'redis',
  'vault',
  'domain-service',
  'permissions-service',
  'api-service',
  'builds-service',
] as const;

export const DATA_STORES = ['postgresql', 'mongodb', 'rabbitmq', 'redis', 'vault'] as const;

export const EXECUTION_PATH_SERVICES = ['distributor-external', 'distributor-internal', 'execution-gateway'] as const;

export const CIRCLECI_SERVICES: ReadonlySet<string> = new Set([
  ...BACKEND_SERVICES,
  ...EXECUTION_PATH_SERVICES,
  'frontend',
  'kong',
  'distributor-cleaner',
  'distributor-dispatcher',
  'machine-provisioner',
  'machine-provisioner-provisioner',
  'nomad-server',
  'nomad-autoscaler',
  'runner-admin',
  'legacy-notifier',
  'output-processor',
  'dispatcher',
  'scheduler',
  'vm-service',
  'vm-scaler',
  'vm-gc',
  'test-results',
  'slanger',
  'cron-service',
  'orb-service',
  'audit-log-service',
  'webhook-service',
  'federations-service',
  'insights-service',
  'oidc-service',
  'ui-backend',
  'workflows-conductor-event-consumer',
  'workflows-conductor-grpc-handler',
  'circle-legacy-dispatcher',
  'server-troubleshooter',
]);

/**
 * Products a CircleCI Server installation does not run whose lines read like its components'
 * (Consul shares raft, serf, yamux and the RPC pool with Nomad): their errors are not the
 * installation's, so the unrecognised-error pass does not mine them.
 */
export const FOREIGN_SERVICES: ReadonlySet<string> = new Set(['consul']);

/** Hosts and tools outside Kubernetes whose logs operators attach by hand. */
export const HOST_SERVICES: ReadonlySet<string> = new Set(['nomad-client', 'cloud-init', 'host', 'api-client', 'circleci-api', 'container-agent', 'machine-runner']);

/** Canonical names for pods whose workload name differs from the service the guide talks about. */
const ALIASES: Record<string, string> = {
  'postgresql-ha-postgresql': 'postgresql',
  postgres: 'postgresql',
  'circleci-postgres': 'postgresql',
  'mongodb-replicaset': 'mongodb',
  'circleci-mongodb': 'mongodb',
  'circleci-rabbitmq': 'rabbitmq',
  // RabbitMQ names its log after the node: rabbit@<host>.log.
  'rabbit@': 'rabbitmq',
  'redis-master': 'redis',
  'redis-replicas': 'redis',
  'circleci-redis': 'redis',
  'circleci-vault': 'vault',
  'machine-provisioner-provisioner': 'machine-provisioner',
  'distributor-external-api': 'distributor-external',
  'execution-gateway-api': 'execution-gateway',
  'nomad-server-leader': 'nomad-server',
  // Object storage run in the cluster (air-gapped installs); not a CircleCI workload.
  minio: 'minio',
  'circleci-minio': 'minio',
};

/**
 * Workload name from a pod name: strips the ReplicaSet hash and pod suffix of Deployments
 * (`name-7c9d8b6f4-qx2lm`), the ordinal of StatefulSets (`name-0`) and the suffix of DaemonSet
 * and Job pods (`name-x7k2p`).
 */
export function workloadOfPod(pod: string): string {
  const deployment = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(pod);
  if (deployment?.[1]) return deployment[1];
  const statefulSet = /^(.+)-\d+$/.exec(pod);
  if (statefulSet?.[1]) return statefulSet[1];
  const daemonSet = /^(.+)-[a-z0-9]{5}$/.exec(pod);
  if (daemonSet?.[1] && /\d/.test(pod.slice(-5))) return daemonSet[1];
  return pod;
}

export function canonicalService(name: string): string {
  const lower = name.toLowerCase();
  return ALIASES[lower] ?? lower;
}

export function isCircleciService(service: string): boolean {
  return CIRCLECI_SERVICES.has(service);
}

const GENERIC: ReadonlySet<string> = new Set<string>([...DATA_STORES, 'frontend', 'kong', 'scheduler', 'dispatcher', 'api-service']);

/** Services only a CircleCI Server installation runs (PostgreSQL or Redis alone prove nothing). */
export function isCircleciSpecific(service: string): boolean {
  return CIRCLECI_SERVICES.has(service) && !GENERIC.has(service);
}

/** Cluster components whose logs operators attach beside a bundle (`traefik.log`, `kubelet.txt`). */
const CLUSTER_ADD_ONS = ['kube-proxy', 'coredns', 'kubelet', 'aws-node', 'kube-scheduler', 'kube-controller-manager', 'cluster-autoscaler', 'ingress-nginx', 'traefik'];

/** Known service names, longest first, for spotting a service in a file name. */
const NAMES_BY_LENGTH = [...CIRCLECI_SERVICES, ...HOST_SERVICES, ...CLUSTER_ADD_ONS, 'nginx', 'nomad']
  .concat(Object.keys(ALIASES))
  .sort((a, b) => b.length - a.length);

/** Service named in a hand-collected file name (`machine-provisioner-logs.txt`), if any. */
export function serviceFromFileName(fileName: string): string | undefined {
  const base = fileName.toLowerCase().replace(/^.*[\\/]/, '');
  for (const name of NAMES_BY_LENGTH) {
    if (base.includes(name)) return name === 'nomad' ? undefined : canonicalService(name);
  }
  return undefined;
}
