import type { Negative, Positive } from '../helpers.js';

const r = String.raw;

/** Kubernetes pod and node events: captures and the wordings the real-line corpus lacks. */
export const kubernetesPositives: Positive[] = [
  {
    rule: 'k8s.failed-scheduling',
    service: 'kube-scheduler',
    format: 'klog structured',
    line: r`I0314 18:00:01.123456       1 schedule_one.go:1004] "Unable to schedule pod; no fit; waiting" pod="circleci-server/postgresql-0" err="0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."`,
    captures: { reason: r`3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."` },
  },
  {
    rule: 'k8s.volume-attach-failed',
    service: 'kube-controller-manager',
    format: 'kubectl describe',
    line: '  Warning  FailedAttachVolume  2m  attachdetach-controller  AttachVolume.Attach failed for volume "pvc-0b1c" : rpc error: code = DeadlineExceeded desc = context deadline exceeded',
    captures: { volume: 'pvc-0b1c' },
  },
  {
    rule: 'k8s.volume-mount-failed',
    service: 'kubelet',
    format: 'kubectl describe',
    line: '  Warning  FailedMount  1m  kubelet  MountVolume.SetUp failed for volume "vault-tls" : secret "vault-tls" not found',
    captures: { volume: 'vault-tls' },
  },
  {
    rule: 'k8s.pod-evicted',
    service: 'kubelet',
    format: 'kubectl get events',
    line: '2m   Warning   Evicted   pod/frontend-7c9d8b6f4-qx2lm   The node was low on resource: ephemeral-storage.',
    captures: { resource: 'ephemeral-storage.' },
  },
  {
    rule: 'k8s.node-not-ready',
    service: 'kube-controller-manager',
    format: 'kubectl describe node',
    line: '  Normal  NodeNotReady  3m  node-controller  Node ip-10-0-1-5.ec2.internal status is now: NodeNotReady',
    captures: { condition: 'NodeNotReady' },
  },
  {
    rule: 'k8s.node-not-ready',
    service: 'kube-controller-manager',
    format: 'kubectl describe pod',
    line: '  Warning  NodeNotReady  3m  node-controller  Node is not ready',
  },
  {
    rule: 'k8s.image-pull-rate-limited',
    service: 'kubelet',
    format: 'kubectl describe',
    line: r`  Warning  Failed  1m  kubelet  Failed to pull image "redis:7": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/redis/manifests/7: 429 Too Many Requests`,
  },
  {
    rule: 'k8s.image-pull-failed',
    service: 'kubelet',
    format: 'kubectl describe',
    line: '  Warning  Failed  1m  kubelet  Failed to pull image "cciserver/frontend:4.9.0": rpc error: code = NotFound desc = failed to pull and unpack image: not found',
    captures: { image: 'cciserver/frontend:4.9.0' },
  },
  {
    rule: 'k8s.oom-killed',
    service: 'kubelet',
    format: 'kubectl describe',
    line: '      Reason:       OOMKilled',
  },
  {
    rule: 'k8s.crashloop-backoff',
    service: 'kubelet',
    format: 'kubectl get pods',
    line: 'contexts-service-5d8f7c9b6-abcde   0/1   CrashLoopBackOff   12 (3m ago)   40m',
  },
  {
    rule: 'k8s.probe-failed',
    service: 'kubelet',
    format: 'klog structured',
    line: r`I0314 18:00:01.123456    2211 prober.go:107] "Probe failed" probeType="Readiness" pod="circleci-server/frontend-7c9d8b6f4-qx2lm" podUID=3b1e containerName="frontend" probeResult=failure output="HTTP probe failed with statuscode: 503"`,
    captures: { probe: 'Readiness' },
  },
  {
    rule: 'k8s.pod-sandbox-network-failed',
    service: 'kubelet',
    format: 'kubectl describe',
    line: r`  Warning  FailedCreatePodSandBox  1m  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "9f2c": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: Error received from AddNetwork gRPC call: rpc error: code = Unavailable desc = connection error`,
  },
  {
    rule: 'k8s.service-no-endpoints',
    service: 'ingress-nginx',
    format: 'klog',
    line: 'W0314 18:00:01.123456       7 controller.go:1214] Service "circleci-server/frontend" does not have any active Endpoint.',
    captures: { service: 'circleci-server/frontend' },
  },
  {
    rule: 'k8s.service-no-endpoints',
    service: 'unknown',
    kind: 'text',
    format: 'kubectl',
    line: 'Error from server (ServiceUnavailable): no endpoints available for service "circleci-server-frontend"',
    captures: { service: 'circleci-server-frontend' },
  },
  {
    rule: 'coredns.kubernetes-api-unreachable',
    service: 'coredns',
    format: 'CoreDNS',
    line: r`[ERROR] plugin/kubernetes: Failed to watch *v1.Service: failed to list *v1.Service: Get "https://172.20.0.1:443/api/v1/services": dial tcp 172.20.0.1:443: connect: connection refused`,
    captures: { resource: 'Service' },
  },
  {
    rule: 'aws-vpc-cni.ip-assign-failed',
    service: 'kubelet',
    format: 'kubectl describe',
    line: '  Warning  FailedCreatePodSandBox  1m  kubelet  Failed to create pod sandbox: plugin type="aws-cni" failed (add): add cmd: failed to assign an IP address to container',
  },
  {
    rule: 'aws-vpc-cni.subnet-exhausted',
    service: 'aws-node',
    format: 'ipamd JSON',
    line: r`{"level":"error","msg":"Failed to allocate a private IP/Prefix addresses on ENI eni-0a1b2c3d4e5f60718: InsufficientFreeAddressesInSubnet: The specified subnet does not have enough free addresses"}`,
    captures: { eni: 'eni-0a1b2c3d4e5f60718' },
  },
];

export const kubernetesNegatives: Negative[] = [
  { service: 'kube-scheduler', why: 'scheduled', line: '  Normal  Scheduled  1m  default-scheduler  Successfully assigned circleci-server/postgresql-0 to ip-10-0-1-5.ec2.internal' },
  { service: 'kubelet', why: 'healthy node condition', line: '  Normal  NodeHasSufficientMemory  5m  kubelet  Node ip-10-0-1-5.ec2.internal status is now: NodeHasSufficientMemory' },
  { service: 'kubelet', why: 'no pressure', line: '  Normal  NodeHasNoDiskPressure  5m  kubelet  Node ip-10-0-1-5.ec2.internal status is now: NodeHasNoDiskPressure' },
  { service: 'kubelet', why: 'OOMKilled false in docker inspect', line: '        "OOMKilled": false,' },
  { service: 'kube-state-metrics', why: 'zero-valued OOM metric', line: 'kube_pod_container_status_last_terminated_reason{namespace="circleci-server",pod="frontend-7c9d8b6f4-qx2lm",reason="OOMKilled"} 0' },
  { service: 'kubelet', why: 'probe succeeded', line: 'I0314 18:00:01.123456    2211 prober.go:116] "Probe succeeded" probeType="Readiness" pod="circleci-server/frontend-7c9d8b6f4-qx2lm"' },
  { service: 'kubelet', why: 'mount succeeded', line: 'I0314 18:00:01.123456    2211 operation_generator.go:721] "MountVolume.SetUp succeeded for volume \\"vault-tls\\""' },
  { service: 'kubelet', why: 'image pulled', line: '  Normal  Pulled  1m  kubelet  Successfully pulled image "cciserver/frontend:4.9.0" in 2.1s' },
  { service: 'coredns', why: 'kubernetes plugin healthy', line: '[INFO] plugin/kubernetes: Started listing Services' },
];
