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
    id: 'kube-proxy.ipvs-unavailable',
    title: 'kube-proxy cannot use IPVS on the node',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: { services: ['kube-proxy', 'unknown'] },
    // The kernel lacks the ip_vs modules (kubernetes/kubernetes#66454); newer kube-proxy says it
    // cannot use the IPVS proxier and falls back or exits.
    patterns: [re`Could not get ipvs family information from the kernel|[Cc]an't use (?:the )?ipvs proxier`],
    references: ['https://github.com/kubernetes/kubernetes/issues/66454'],
    explanation: 'kube-proxy was configured for IPVS but the node kernel does not provide it, so Service load balancing on that node is missing or falls back to another mode.',
    remediation: ['Load the ip_vs, ip_vs_rr, ip_vs_wrr, ip_vs_sh and nf_conntrack modules on the node image, or switch kube-proxy to iptables mode.'],
  },
  {
    id: 'coredns.upstream-timeout',
    title: 'CoreDNS lookups timing out',
    issueType: 'cluster-networking',
    severity: 'high',
    // "plugin/errors: <rcode> <name> <type>:" is CoreDNS's own shape, so a file of unknown writer counts;
    // CoreDNS 1.1 logged "unreachable backend" without the plugin name (coredns/coredns#2287).
    appliesTo: { services: ['coredns', 'node-local-dns*', 'unknown'] },
    patterns: [
      re`plugin/errors: \d+ (?<host>[^ \n]{1,255}) [A-Z]+: [^\n]{0,300}?i/o timeout`,
      re`\[ERROR\] \d+ (?<host>[^ \n]{1,255}) [A-Z]+: unreachable backend: [^\n]{0,300}?i/o timeout`,
    ],
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
  {
    id: 'coredns.servfail-answers',
    title: 'CoreDNS answering SERVFAIL or REFUSED',
    issueType: 'cluster-networking',
    severity: 'medium',
    appliesTo: { services: ['coredns', 'node-local-dns*'] },
    // The log plugin's query row: "<type> IN <name> <proto> <size> <do> <bufsize>" <rcode> <flags> (coredns/coredns#3927).
    patterns: [re`"\w+ IN \S{1,255} (?:udp|tcp) \d+ (?:true|false) \d+" (?<rcode>SERVFAIL|REFUSED) `],
    references: ['https://github.com/coredns/coredns/issues/3927'],
    explanation: 'CoreDNS answered queries with SERVFAIL (its upstream or plugin failed) or REFUSED; services resolving those names fail to connect.',
    remediation: [
      'Check the names in the rows: cluster names point at the kubernetes plugin and the API server, external names at the forward upstream (VPC resolver) and its reachability from the nodes.',
    ],
  },
  {
    id: 'kube-proxy.conntrack-failed',
    title: 'kube-proxy cannot clean connection tracking entries',
    issueType: 'cluster-networking',
    severity: 'medium',
    appliesTo: { services: ['kube-proxy', 'host', 'unknown'] },
    patterns: [
      re`error looking for path of conntrack`,
      re`Failed to delete stale service IP [^\n]{1,120} connections`,
    ],
    references: ['https://github.com/kubernetes/kubernetes/issues/64193', 'https://github.com/rootsongjc/kubernetes-handbook/issues/19'],
    explanation: 'kube-proxy could not delete stale conntrack entries (often the conntrack binary is missing on the node), so UDP traffic such as DNS keeps going to Service endpoints that no longer exist.',
    remediation: ['Install the conntrack tools on the node image (or use a kube-proxy image that ships them) and restart kube-proxy on that node.'],
  },
  {
    id: 'node.conntrack-table-full',
    title: 'Node kernel dropping packets: conntrack table full',
    issueType: 'cluster-networking',
    severity: 'high',
    // The kernel ring buffer line, in dmesg, the journal or a kubelet log; newer kernels repeat the prefix.
    patterns: [re`nf_conntrack: (?:nf_conntrack: )?table full, dropping packet`],
    references: ['https://github.com/kubernetes/kubernetes/issues/18604'],
    explanation: 'The node connection tracking table is full, so the kernel drops every new connection: pods on that node (or traffic through it) fail to connect while established connections keep working.',
    remediation: ['Raise net.netfilter.nf_conntrack_max on the node (kube-proxy --conntrack-max-per-core) and look for the workload opening the connections.'],
  },
  {
    id: 'kube-proxy.startup-failed',
    title: 'kube-proxy could not start its proxier',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: { services: ['kube-proxy', 'host', 'unknown'] },
    // server.go wordings across versions: "Unable to create proxier", and the 1.1 typo "proxer".
    patterns: [re`Unable to create prox(?:ier|er|y)\b`],
    references: ['https://github.com/kubernetes/kubernetes/issues/16785'],
    explanation: 'kube-proxy exited at start, so the node programs no Service rules: pods there cannot reach Services or DNS.',
    remediation: ['Read the reason after the colon (host interface, iptables/ipvs mode, kernel modules) and kubectl -n kube-system logs the kube-proxy pod of that node.'],
  },
  {
    id: 'coredns.kubernetes-api-unreachable',
    title: 'CoreDNS cannot reach the Kubernetes API',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: { services: ['coredns', 'node-local-dns*'] },
    patterns: [re`[Ff]ailed to (?:list|watch) \*v1\.(?<resource>\w{1,40}): [^\n]{0,250}?dial tcp [\w.:[\]-]{1,60}: (?:i/o timeout|(?:connect: |getsockopt: )?(?:connection refused|no route to host|network is unreachable))`],
    explanation:
      'CoreDNS could not list Services/Endpoints from the API server through the kubernetes Service IP. Until it can, it serves no cluster names (or stale ones) and every service-to-service call by name fails. The Service IP is routed by kube-proxy and the CNI, so this usually means the node network or kube-proxy is broken, not the API server.',
    remediation: [
      'From the CoreDNS node: curl -k https://<kubernetes Service IP>:443/version; check kube-proxy logs on that node (kubectl -n kube-system logs -l k8s-app=kube-proxy --prefix).',
      'Check the CNI pods (aws-node) on the node and the security groups between nodes and the control plane.',
    ],
    references: ['https://github.com/kubernetes/kubernetes/issues/71827', 'https://github.com/cilium/cilium/issues/27900', 'https://github.com/coredns/coredns/issues/5072'],
  },
  {
    id: 'aws-vpc-cni.ip-assign-failed',
    title: 'VPC CNI could not give a pod an IP address',
    issueType: 'cluster-networking',
    severity: 'high',
    patterns: [
      re`[Ff]ailed to assign an IP address to (?:container|pod (?<pod>[\w.-]{1,253}))`,
      // ipamd's reply to the CNI plugin when the node's warm pool is empty.
      re`assignPodIPv4AddressUnsafe: no available IP(?:/Prefix)? addresses`,
      // ipamd's datastore itself, before and after prefix delegation (aws/amazon-vpc-cni-k8s#1204, #2669).
      re`DataStore has no available IP(?:/Prefix)? addresses`,
    ],
    explanation:
      'The AWS VPC CNI (aws-node / ipamd) had no free secondary IP on the node, or could not get one from the subnet, so the pod sandbox was not created and the pod stays in ContainerCreating.',
    remediation: [
      'Check the free addresses of the node subnets (aws ec2 describe-subnets --subnet-ids <id> --query "Subnets[].AvailableIpAddressCount") and the max pods of the instance type.',
      'Read ipamd on the node (/var/log/aws-routed-eni/ipamd.log, kubectl -n kube-system logs -l k8s-app=aws-node); consider prefix delegation or larger subnets.',
    ],
    references: ['https://github.com/aws/amazon-vpc-cni-k8s/issues/1791', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/3494', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/59', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/1245', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/871', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/2669'],
  },
  {
    id: 'k8s.pod-sandbox-network-failed',
    title: 'Pod network setup failed (CNI)',
    issueType: 'cluster-networking',
    severity: 'high',
    patterns: [re`[Nn]etwork[Pp]lugin cni failed to set up pod`, re`failed to (?:set ?up|setup) network for sandbox`],
    explanation: 'The container runtime could not set up the pod network through the CNI plugin, so the pod sandbox was not created.',
    remediation: ['kubectl -n kube-system get pods -o wide | grep -E "aws-node|calico|cilium" for the node; read that CNI pod log and the kubelet journal on the node.'],
    references: ['https://github.com/aws/amazon-vpc-cni-k8s/issues/1791', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/3494'],
  },
  {
    id: 'k8s.service-no-endpoints',
    title: 'Service has no ready endpoints',
    issueType: 'cluster-networking',
    severity: 'high',
    patterns: [
      re`[Ss]ervice "?(?<service>[\w./-]{1,253})"? does not have any active [Ee]ndpoints?`,
      re`no endpoints available for service "(?<service>[^"\n]{1,253})"`,
    ],
    explanation:
      'No ready pod backs the Service, so the ingress or API server has nowhere to send requests (502/503 for users). Either the pods behind it are not Ready (failing readiness probes, crash loops) or the Service selector matches no pod.',
    remediation: [
      'kubectl get endpoints <service> -n <namespace>; kubectl get pods -n <namespace> -l <selector of the Service> and check their readiness.',
      'Compare the Service selector and targetPort with the pod labels and container port.',
    ],
    references: ['https://github.com/kubernetes/ingress-nginx/issues/250', 'https://github.com/kubernetes/ingress-nginx/issues/6135'],
  },
  {
    id: 'coredns.loop-detected',
    title: 'CoreDNS detected a forwarding loop',
    issueType: 'cluster-networking',
    severity: 'critical',
    patterns: [
      re`plugin/loop: Loop \((?<loop>[^)\n]{1,120})\) detected for zone`,
      // CoreDNS 1.2 wordings.
      re`plugin/loop: Seen "HINFO IN [^"\n]{1,100}" more than twice, loop detected`,
      re`Forwarding loop detected in "[^"\n]{1,100}" zone`,
    ],
    explanation:
      'CoreDNS forwards queries to a resolver that sends them back to CoreDNS (usually the node /etc/resolv.conf pointing at 127.0.0.53 or at CoreDNS itself) and exits; CoreDNS pods crash-loop and cluster DNS is down.',
    remediation: [
      'Check the forward line of the Corefile (kubectl -n kube-system get configmap coredns -o yaml) and the resolv.conf the kubelet gives pods (--resolv-conf).',
      'Forward to the VPC resolver (the .2 address of the VPC CIDR) instead of /etc/resolv.conf when the node uses a local stub resolver.',
    ],
    references: ['https://coredns.io/plugins/loop/#troubleshooting', 'https://github.com/coredns/coredns/issues/2795', 'https://github.com/coredns/coredns/issues/2087'],
  },
  {
    id: 'aws-vpc-cni.apiserver-unreachable',
    title: 'VPC CNI cannot reach the Kubernetes API',
    issueType: 'cluster-networking',
    severity: 'high',
    patterns: [re`Failed to communicate with K8S Server`, re`Unable to reach API Server`],
    explanation: 'aws-node (ipamd) cannot talk to the API server, so it does not start and no new pod on the node gets an IP address.',
    remediation: ['Check the node security group allows the control plane, the proxy settings of aws-node (NO_PROXY must include the API endpoint and the Service CIDR) and kube-proxy on the node.'],
    references: ['https://github.com/aws/amazon-vpc-cni-k8s/issues/283', 'https://github.com/aws/karpenter-provider-aws/issues/5127'],
  },
  {
    id: 'aws-vpc-cni.ipamd-init-failed',
    title: 'VPC CNI (ipamd) failed to start on a node',
    issueType: 'cluster-networking',
    severity: 'high',
    // ipamd's start-up failures, and the aws-node entrypoint giving up on it (aws/amazon-vpc-cni-k8s#1008, #1051).
    patterns: [re`\bipamd init: failed to `, re`Timed out waiting for IPAM daemon to start`],
    explanation:
      'ipamd could not initialise (it reads the attached ENIs from instance metadata and EC2, and needs the API server), so aws-node crash-loops and no new pod on that node gets an IP address.',
    remediation: [
      'Read ipamd on the node (/var/log/aws-routed-eni/ipamd.log) for the failing call: instance metadata (IMDS hop limit, IMDSv2), EC2 DescribeNetworkInterfaces permissions of the node or IRSA role, or the API server.',
      'kubectl -n kube-system describe pod -l k8s-app=aws-node on that node; replace the node if its ENI metadata is inconsistent.',
    ],
    references: ['https://github.com/aws/amazon-vpc-cni-k8s/issues/1008', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/1051'],
  },
  {
    id: 'benign.kube-proxy-kernel-module-advisory',
    title: 'kube-proxy: kernel module probe from inside its container (expected)',
    issueType: 'cluster-networking',
    severity: 'info',
    ignore: true,
    appliesTo: { services: ['kube-proxy', 'unknown'] },
    // kube-proxy probes ip_vs modules with modprobe and says itself that the warning can be ignored
    // when /lib/modules is not mounted (helm/charts#16476).
    patterns: [re`You can ignore this message when kube-proxy is(?:$|\s{1,4}running inside container)`],
    explanation: 'kube-proxy could not load or list kernel modules from inside its container; it falls back to the modules already loaded on the node.',
    remediation: ['Nothing to do unless kube-proxy runs in IPVS mode and reports that IPVS is unavailable.'],
    references: ['https://github.com/helm/charts/issues/16476'],
  },
  {
    id: 'benign.vpc-cni-unassign-unknown-sandbox',
    title: 'VPC CNI: release of an IP for a sandbox it does not track',
    issueType: 'cluster-networking',
    severity: 'info',
    ignore: true,
    appliesTo: { services: ['aws-node', 'unknown'] },
    // CNI DEL is idempotent: the kubelet repeats it for sandboxes already released (or migrated from
    // the old CRI checkpoint), and ipamd warns that it has nothing to free (aws/amazon-vpc-cni-k8s#2669).
    patterns: [re`UnassignPodIPAddress: Failed to find (?:sandbox|IPAM entry)`],
    explanation: 'ipamd was asked to free an address it had already freed; no pod loses its network.',
    remediation: ['Nothing to do; the warning does not affect any pod.'],
    references: ['https://github.com/aws/amazon-vpc-cni-k8s/issues/2669'],
  },
  {
    id: 'k8s.apiserver-unreachable',
    title: 'Node components cannot reach the Kubernetes API',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: { services: ['kube-proxy', 'kubelet', 'host', 'unknown'] },
    patterns: [
      re`[Ff]ailed to (?:list|watch) \*(?:v1|api|core|v1beta1)\.(?<resource>\w{1,40}): [^\n]{0,250}?dial tcp [\w.:[\]-]{1,60}: (?:i/o timeout|(?:connect: |getsockopt: )?(?:connection refused|no route to host|network is unreachable))`,
      // The request itself failed (transport error after the URL; journalctl may cut the line before it).
      re`[Ff]ailed to (?:list|watch) \*(?:v1|api|core|v1beta1)\.(?<resource>\w{1,40}): Get "?https?://[^\s"/]{1,255}/api/v1/`,
    ],
    explanation:
      'kube-proxy or the kubelet cannot list objects from the API server, so Service rules and pod state on the node go stale: new endpoints are not routed and the node may turn NotReady.',
    remediation: [
      'From the node: curl -k https://<API endpoint>/version; check the node and control plane security groups and any proxy settings of kube-proxy and kubelet.',
      'Check that the node can resolve and reach the EKS endpoint (private endpoint access, VPC DNS).',
    ],
    // `*core.Endpoints`: the internal API group of 1.9-era informers (poseidon/typhoon#112).
    references: ['https://github.com/kelseyhightower/kubernetes-the-hard-way/issues/70', 'https://github.com/poseidon/typhoon/issues/112'],
  },
];

/**
 * ipamd's own wording of a full subnet. It runs before the general AWS capacity rules, which would
 * otherwise file the same EC2 error under cloud-permissions: for pods it is a networking failure.
 */
export const vpcCniAddressRules: Rule[] = [
  {
    id: 'aws-vpc-cni.subnet-exhausted',
    title: 'Node subnet has no free IP addresses (ipamd)',
    issueType: 'cluster-networking',
    severity: 'high',
    patterns: [re`ENI (?<eni>eni-[0-9a-f]{8,17})[:,][^\n]{0,200}?InsufficientFreeAddressesInSubnet`],
    explanation:
      'ipamd asked EC2 for more pod addresses on an ENI and EC2 answered that the subnet is full. New pods on the node cannot get an IP until addresses are freed or the subnet grows.',
    remediation: [
      'aws ec2 describe-subnets --subnet-ids <subnet> --query "Subnets[].AvailableIpAddressCount"; find what holds the addresses (idle ENIs, WARM_IP_TARGET too high).',
      'Move the node group to larger subnets or add a secondary CIDR with custom networking.',
    ],
    references: ['https://github.com/aws/amazon-vpc-cni-k8s/pull/1773'],
  },
];
