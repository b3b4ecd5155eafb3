import type { EvidenceKind } from '../model/issue-types.js';
import { DATA_STORES } from '../model/services.js';
import type { FileInfo } from '../model/file-kind.js';

const DATA_STORE_SET: ReadonlySet<string> = new Set(DATA_STORES);

/** Which of the guide's essential logs the inputs hold, decided from the files read. */
export function evidencePresent(files: readonly FileInfo[], hasBundle: boolean): Set<EvidenceKind> {
  const present = new Set<EvidenceKind>();
  if (hasBundle) present.add('support-bundle');
  for (const file of files) {
    const name = file.path.toLowerCase();
    const isLog = file.kind !== 'k8s-resource' && file.kind !== 'bundle-meta' && file.kind !== 'binary';
    if (!isLog) continue;
    switch (file.service) {
      case 'machine-provisioner':
        present.add('machine-provisioner-logs');
        break;
      case 'runner-admin':
      case 'container-agent':
      case 'machine-runner':
        present.add('runner-logs');
        break;
      case 'nomad-server':
        present.add('nomad-server-logs');
        break;
      case 'nomad-autoscaler':
        present.add('nomad-autoscaler-logs');
        break;
      case 'nomad-client':
        if (file.kind !== 'docker-network-ls') present.add('nomad-client-logs');
        break;
      case 'distributor-external':
      case 'distributor-internal':
        present.add('distributor-logs');
        break;
      case 'execution-gateway':
        present.add('execution-gateway-logs');
        break;
      case 'contexts-service':
        present.add('contexts-service-logs');
        break;
      case 'kube-proxy':
        present.add('kube-proxy-logs');
        break;
      default:
        if (DATA_STORE_SET.has(file.service)) present.add('data-store-logs');
    }
    if (file.kind === 'journald' || file.kind === 'cloud-init') present.add('journalctl');
    if (file.kind === 'docker-network-ls') present.add('docker-network-ls');
    if (file.kind === 'curl-transcript') present.add('curl-verbose');
    if (/alloc/.test(name) && file.kind !== 'pod-log') present.add('nomad-alloc-logs');
    if (/decode|authorization-message|cloudtrail/.test(name)) present.add('cloud-error-messages');
  }
  return present;
}
