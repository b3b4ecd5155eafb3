import type { MissingEvidence } from '../report/schema.js';
import type { Topology } from './topology.js';

/**
 * Missing-evidence entries as the installation's layout makes them: with external Nomad servers
 * the server logs are not "missing from the bundle" but live on the server VMs; Podman clients
 * have networks but no Docker daemon. Each changed entry says where the evidence lives instead.
 */
export function scopeMissingEvidence(missing: readonly MissingEvidence[], topology: Topology): MissingEvidence[] {
  return missing.map((m) => {
    if (m.evidence === 'nomad-server-logs' && topology.nomadServers.value === 'external') {
      return {
        ...m,
        label: 'Nomad server logs from the Nomad server VMs (not in a support bundle: the servers run outside the cluster)',
        collect:
          'On each Nomad server VM (ASG <basename>-circleci-nomad-servers-asg): journalctl -u nomad --no-pager > nomad-server-$(hostname).log; and once: nomad operator debug -duration=2m -output=/tmp',
        elsewhere: `external Nomad servers: ${topology.nomadServers.basis}`,
      };
    }
    if (m.evidence === 'docker-network-ls' && topology.clientRuntime.value === 'podman') {
      return {
        ...m,
        label: '`podman network ls` on the Nomad client (Podman clients have no Docker daemon)',
        collect: 'podman network ls > podman-networks.txt',
        elsewhere: `Podman clients: ${topology.clientRuntime.basis}`,
      };
    }
    return m;
  });
}
