import type { Rule } from '../rule.js';
import { re } from './shared.js';

/** Cluster networking. */
export const clusterNetworkingRules: Rule[] = [
  {
    id: 'kube-proxy.iptables-restore-failed',
    title: 'kube-proxy failed to execute iptables-restore',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: { services: ['kube-proxy'] },
    patterns: [re`Failed to execute iptables-restore`],
    explanation:
      'kube-proxy could not write the Service routing rules on a node. Left unfixed, iptables on the node drift from the Service endpoints and service-to-service traffic fails; a kubelet/kube-proxy version mismatch during an upgrade has caused exactly this.',
    remediation: [
      'Check kubelet and kube-proxy versions on every node for skew: kubectl get nodes -o wide; kubectl -n kube-system get ds kube-proxy -o jsonpath="{.spec.template.spec.containers[0].image}"',
      'Restart kube-proxy on affected nodes (kubectl -n kube-system delete pod -l k8s-app=kube-proxy --field-selector spec.nodeName=<node>) or restart the nodes; a fresh node builds a clean ruleset.',
    ],
  },
  {
    id: 'kube-proxy.sync-failed',
    title: 'kube-proxy proxy rule sync failed',
    issueType: 'cluster-networking',
    severity: 'medium',
    appliesTo: { services: ['kube-proxy'] },
    patterns: [re`Sync failed\\?"?(?: retryingTime=\\?"?(?<seconds>\d+(?:\.\d+)?)s)?`],
    explanation: 'kube-proxy failed to sync its rules and will retry. A spike of these errors preceded cluster-wide networking failures in a past CircleCI incident.',
    remediation: [
      'Look for "Failed to execute iptables-restore" next to these lines and check kubelet/kube-proxy version skew.',
      'Restart kube-proxy or the affected nodes if the errors persist.',
    ],
  },
  {
    id: 'coredns.upstream-timeout',
    title: 'CoreDNS lookups timing out',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: { services: ['coredns', 'node-local-dns*'] },
    patterns: [re`plugin/errors: \d+ (?<host>[^ \n]{1,255}) [A-Z]+: [^\n]{0,300}?i/o timeout`],
    explanation: 'CoreDNS could not get answers from its upstream resolver in time; services fail to resolve names, which looks like widespread connection failures.',
    remediation: [
      'Check the upstream resolver (VPC DNS) reachability from the nodes and CoreDNS pod health: kubectl -n kube-system logs -l k8s-app=kube-dns',
      'Check kube-proxy on the nodes: DNS traffic to the kube-dns Service depends on its rules.',
    ],
  },
  {
    id: 'coredns.resolution-error',
    title: 'CoreDNS cannot reach its upstream',
    issueType: 'cluster-networking',
    severity: 'medium',
    appliesTo: { services: ['coredns', 'node-local-dns*'] },
    patterns: [re`plugin/errors: \d+ (?<host>[^ \n]{1,255}) [A-Z]+: [^\n]{0,300}?(?:connection refused|network is unreachable|no route to host)`],
    explanation: 'CoreDNS failed to forward queries to its upstream resolver.',
    remediation: ['Check the forward/upstream configuration in the CoreDNS ConfigMap and network reachability to the resolver.'],
  },
];
