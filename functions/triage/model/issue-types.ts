/**
 * Issue types: the diagnostic guide's Quick Reference table plus cascade, cluster-networking,
 * data-store, bundle-quality and installation (release and version facts). Each lists the logs an operator must attach for it (the guide's
 * "Essential Logs" column) and how to collect each one.
 */
export const ISSUE_TYPES = [
  'docker-executor',
  'machine-executor',
  'runner',
  'nomad-server',
  'nomad-autoscaler',
  'nomad-client',
  'cloud-permissions',
  'api-connection',
  'custom-integration',
  'cascade',
  'cluster-networking',
  'data-store',
  'bundle-quality',
  'installation',
] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

/** An input an operator can attach; `present` is decided from what the upload holds. */
export interface EssentialLog {
  /** Stable id, used by evidence detectors (see facts/evidence-inventory.ts). */
  id: EvidenceKind;
  label: string;
  collect: string;
}

export type EvidenceKind =
  | 'support-bundle'
  | 'nomad-alloc-logs'
  | 'journalctl'
  | 'machine-provisioner-logs'
  | 'runner-logs'
  | 'nomad-server-logs'
  | 'nomad-autoscaler-logs'
  | 'nomad-client-logs'
  | 'docker-network-ls'
  | 'cloud-error-messages'
  | 'curl-verbose'
  | 'distributor-logs'
  | 'execution-gateway-logs'
  | 'contexts-service-logs'
  | 'kube-proxy-logs'
  | 'data-store-logs';

export interface IssueTypeInfo {
  id: IssueType;
  title: string;
  essentialLogs: EssentialLog[];
}

const NS = '<namespace>';
const SUPPORT_BUNDLE: EssentialLog = {
  id: 'support-bundle',
  label: 'Support bundle (collected within 10 minutes of the issue)',
  collect: `kubectl support-bundle https://raw.githubusercontent.com/CircleCI-Public/server-scripts/main/support/support-bundle.yaml -n ${NS}`,
};

export const ISSUE_TYPE_INFO: Record<IssueType, IssueTypeInfo> = {
  'docker-executor': {
    id: 'docker-executor',
    title: 'Docker executor (job delay, infra fail)',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'nomad-alloc-logs',
        label: 'Nomad allocation logs of the failing job',
        collect: `kubectl exec -it $(kubectl get pods -l app=nomad-server -n ${NS} -o name | head -1) -n ${NS} -- nomad alloc logs -stderr <allocation-id> > nomad-alloc-<allocation-id>.log`,
      },
    ],
  },
  'machine-executor': {
    id: 'machine-executor',
    title: 'Machine executor (job delay, infra fail)',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'journalctl',
        label: 'journalctl of the machine executor instance',
        collect: 'journalctl --no-pager > journalctl.log   # or a background `journalctl --no-pager -f` step in the job',
      },
      {
        id: 'machine-provisioner-logs',
        label: 'machine-provisioner logs',
        collect: `kubectl logs -l app=machine-provisioner-provisioner -n ${NS} > machine-provisioner-logs.txt`,
      },
    ],
  },
  runner: {
    id: 'runner',
    title: 'Runner (infra fail, task claim)',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'runner-logs',
        label: 'runner-admin and runner agent logs',
        collect: `kubectl logs -l app=runner-admin -n ${NS} --tail=5000 > runner-admin-logs.txt; kubectl logs -l app=container-agent -n <runner-namespace> --tail=5000 > container-agent-logs.txt`,
      },
    ],
  },
  'nomad-server': {
    id: 'nomad-server',
    title: 'Nomad server / scheduling',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'nomad-server-logs',
        label: 'Nomad server logs (DEBUG level if intermittent)',
        collect: `kubectl logs deploy/nomad-server -n ${NS} --tail=1000000 > nomad-server.log`,
      },
    ],
  },
  'nomad-autoscaler': {
    id: 'nomad-autoscaler',
    title: 'Nomad autoscaler / scaling',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'nomad-autoscaler-logs',
        label: 'nomad-autoscaler logs',
        collect: `kubectl logs -l app=nomad-autoscaler -n ${NS} --tail=5000 > nomad-autoscaler-logs.txt`,
      },
    ],
  },
  'nomad-client': {
    id: 'nomad-client',
    title: 'Nomad client / Docker network',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'nomad-client-logs',
        label: 'Nomad client logs from the instance',
        collect: 'journalctl -u nomad --no-pager > nomad-client.log',
      },
      { id: 'docker-network-ls', label: '`docker network ls` on the Nomad client', collect: 'docker network ls > docker-networks.txt' },
    ],
  },
  'cloud-permissions': {
    id: 'cloud-permissions',
    title: 'Permission / cloud provider errors',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'cloud-error-messages',
        label: 'Cloud provider error messages (decoded authorization messages, CloudTrail denies)',
        collect: 'aws sts decode-authorization-message --encoded-message "<encoded_message>" > decoded-authorization-message.json',
      },
    ],
  },
  'api-connection': {
    id: 'api-connection',
    title: 'API connection / webhook',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'curl-verbose',
        label: 'API request transcript with curl -vvv',
        collect: 'curl -vvv "https://<your-server-domain>/api/v2/..." > curl-vvv.txt 2>&1',
      },
    ],
  },
  'custom-integration': {
    id: 'custom-integration',
    title: 'Custom integration (VCS, proxy)',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'curl-verbose',
        label: 'Integration request transcript with curl -vvv (headers included)',
        collect: 'curl -vvv "https://<vcs-or-proxy-endpoint>" > integration-curl-vvv.txt 2>&1',
      },
    ],
  },
  cascade: {
    id: 'cascade',
    title: 'Widespread infra failures (cascade)',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'distributor-logs',
        label: 'distributor-external logs',
        collect: `kubectl logs -l app=distributor-external -n ${NS} --tail=10000 > distributor-external-logs.txt`,
      },
      {
        id: 'execution-gateway-logs',
        label: 'execution-gateway logs',
        collect: `kubectl logs -l app=execution-gateway -n ${NS} --tail=10000 > execution-gateway-logs.txt`,
      },
      {
        id: 'contexts-service-logs',
        label: 'contexts-service logs',
        collect: `kubectl logs -l app=contexts-service -n ${NS} --tail=10000 > contexts-service-logs.txt`,
      },
    ],
  },
  'cluster-networking': {
    id: 'cluster-networking',
    title: 'Cluster networking (kube-proxy, DNS)',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'kube-proxy-logs',
        label: 'kube-proxy logs from every node',
        collect: 'kubectl logs -n kube-system -l k8s-app=kube-proxy --tail=10000 --prefix > kube-proxy-logs.txt',
      },
    ],
  },
  'data-store': {
    id: 'data-store',
    title: 'Data store (PostgreSQL, MongoDB, Redis, RabbitMQ, Vault)',
    essentialLogs: [
      SUPPORT_BUNDLE,
      {
        id: 'data-store-logs',
        label: 'logs of the failing data store pod (and its previous instance)',
        collect: `kubectl logs <data-store-pod> -n ${NS} --previous > <service>-previous.log; kubectl logs <data-store-pod> -n ${NS} > <service>.log`,
      },
    ],
  },
  'bundle-quality': { id: 'bundle-quality', title: 'Support bundle quality', essentialLogs: [] },
  // Release and version facts; the bundle states them (server-version output, images, cluster info).
  installation: { id: 'installation', title: 'Installation versions and support status', essentialLogs: [SUPPORT_BUNDLE] },
};
