import { DATA_STORES, EXECUTION_PATH_SERVICES } from './services.js';
import type { IssueType } from './issue-types.js';

/**
 * The issue type a service's problems belong to, for findings that no rule typed (unrecognised
 * error lines): it decides which essential logs the report asks for. Keys are canonical service
 * names (model/services.ts); a trailing `*` matches a prefix.
 */
export const SERVICE_ISSUE_TYPES: Readonly<Record<string, IssueType>> = {
  'nomad-client': 'nomad-client',
  'nomad-server': 'nomad-server',
  'nomad-autoscaler': 'nomad-autoscaler',
  ...Object.fromEntries(DATA_STORES.map((s) => [s, 'data-store' as const])),
  'contexts-service': 'data-store',
  'machine-provisioner': 'machine-executor',
  'vm-service': 'machine-executor',
  'vm-scaler': 'machine-executor',
  'vm-gc': 'machine-executor',
  'machine-runner': 'runner',
  'container-agent': 'runner',
  'runner-admin': 'runner',
  'kube-proxy': 'cluster-networking',
  coredns: 'cluster-networking',
  'aws-node': 'cluster-networking',
  // The Kubernetes rules file pod and node events under cluster networking; the kubelet's own errors follow.
  kubelet: 'cluster-networking',
  minio: 'data-store',
  // Vault's agents and unsealers fail with Vault.
  'vault-*': 'data-store',
  // cloud-init logs come from Nomad client instances booting (apt locks, agent start).
  'cloud-init': 'nomad-client',
  'kube-scheduler': 'cluster-networking',
  'kube-controller-manager': 'cluster-networking',
  // The rest of the control plane and the node's storage and load-balancer controllers.
  'kube-apiserver': 'cluster-networking',
  etcd: 'cluster-networking',
  'ebs-csi-*': 'cluster-networking',
  'aws-ebs-csi-*': 'cluster-networking',
  'aws-load-balancer-controller': 'cluster-networking',
  'calico-*': 'cluster-networking',
  // A Docker daemon's own log, attached by hand: the daemon Docker executor jobs run on.
  docker: 'docker-executor',
  dockerd: 'docker-executor',
  containerd: 'docker-executor',
  // Node-group scale-ups fail on EC2 capacity and quotas, which the AWS rules file under cloud permissions.
  'cluster-autoscaler': 'cloud-permissions',
  frontend: 'api-connection',
  kong: 'api-connection',
  // Ingress controllers in front of the frontend.
  nginx: 'api-connection',
  traefik: 'api-connection',
  'ingress-nginx*': 'api-connection',
  'api-service': 'api-connection',
  'webhook-service': 'custom-integration',
  ...Object.fromEntries(EXECUTION_PATH_SERVICES.map((s) => [s, 'docker-executor' as const])),
  'distributor-*': 'docker-executor',
  dispatcher: 'docker-executor',
  'output-processor': 'docker-executor',
};

/**
 * Services not in the map (other CircleCI services, hosts, `unknown`) default to
 * api-connection: most CircleCI Server services are API backends reached through the frontend,
 * and that issue type asks for no logs beyond the support bundle and an API transcript.
 */
export const DEFAULT_SERVICE_ISSUE_TYPE: IssueType = 'api-connection';

export function issueTypeOfService(service: string): IssueType {
  const exact = SERVICE_ISSUE_TYPES[service];
  if (exact) return exact;
  for (const [key, type] of Object.entries(SERVICE_ISSUE_TYPES)) {
    if (key.endsWith('*') && service.startsWith(key.slice(0, -1))) return type;
  }
  return DEFAULT_SERVICE_ISSUE_TYPE;
}
