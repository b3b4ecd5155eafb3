import type { Negative, Positive } from '../helpers.js';

const r = String.raw;

/** Kubernetes pod and node events: captures and the wordings the real-line corpus lacks. */
export const kubernetesPositives: Positive[] = [
  // real, deis/controller#991 (kubectl describe probe settings: benign, claimed)
  { rule: 'k8s.probe-spec-row', service: 'kubelet', format: 'kubectl describe', line: '    Readiness:\t\thttp-get http://:8000/readiness delay=30s timeout=10s period=5s #success=1 #failure=3' },
  // real, kata-containers/tests#2705 (the kubelet's StopPodSandbox error)
  {
    rule: 'k8s.pod-kill-failed',
    service: 'kubelet',
    format: 'journald klog',
    line: 'Jul 03 22:16:25 fedoradocker32-19d970 kubelet[74034]: E0703 22:16:25.292403   74034 remote_runtime.go:128] StopPodSandbox "f63a1f5d2f2c3ad56bb355c838de8146ca3f71b63f2088f02b06a738f868aaab" from runtime service failed: rpc error: code = Unknown desc = failed to stop infra container for pod sandbox f63a1f5d2f2c3ad56bb355c838de8146ca3f71b63f2088f02b06a738f868aaab: failed to stop container k8s_POD_nginx-deployment-655964c7-jfqqd_default_a39df41a-b6cc-4985-8978-b51945195dbb_0: ttrpc: closed: unknown',
  },
  // real, okteto/okteto#545 (the kubelet admission message)
  {
    rule: 'k8s.pod-admission-rejected',
    service: 'kubelet',
    format: 'kubectl describe',
    line: "Message:        Pod Node didn't have enough resource: memory, requested: 1000000000, used: 10052770304, capacity: 10155794432",
    captures: { resource: 'memory' },
  },
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
  // Real line: kubernetes/kubernetes#37680.
  {
    rule: 'k8s.container-create-failed',
    service: 'kubelet',
    format: 'klog (pod_workers)',
    line: 'Error syncing pod 670f607d-b5a8-11a4-b673-005056b7468b, skipping: failed to "StartContainer" for "deployment" with RunContainerError: "runContainer: Error response from daemon: Relabeling content in /usr is not allowed."',
    captures: { reason: 'RunContainerError', message: 'runContainer: Error response from daemon: Relabeling content in /usr is not allowed.' },
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
  {
    rule: 'k8s.node-not-ready',
    service: 'unknown',
    kind: 'text',
    format: 'kubectl get nodes',
    line: 'ip-10-0-1-5.ec2.internal    NotReady   <none>   12d   v1.29.3-eks-ae9a62a',
    captures: { node: 'ip-10-0-1-5.ec2.internal' },
  },
  {
    rule: 'k8s.probe-failed',
    service: 'kubelet',
    format: 'kubectl describe',
    line: '  Warning  Unhealthy  1m  kubelet  Liveness probe errored: rpc error: code = DeadlineExceeded desc = context deadline exceeded',
    captures: { probe: 'Liveness' },
  },
  {
    rule: 'k8s.volume-mount-failed',
    service: 'kube-controller-manager',
    format: 'kubectl describe pvc',
    line: '  Warning  ProvisioningFailed  1m  ebs.csi.aws.com_ebs-csi-controller-7d9f  failed to provision volume with StorageClass "gp3": rpc error: code = Internal desc = Could not create volume "pvc-1a2b": UnauthorizedOperation',
    captures: { storageClass: 'gp3' },
  },
  {
    rule: 'k8s.quota-exceeded',
    service: 'kube-controller-manager',
    format: 'kubectl describe rs',
    line: '  Warning  FailedCreate  1m  replicaset-controller  Error creating: pods "frontend-7c9d8b6f4-qx2lm" is forbidden: exceeded quota: circleci-quota, requested: memory=2Gi, used: memory=30Gi, limited: memory=31Gi',
    captures: { quota: 'circleci-quota' },
  },
  {
    rule: 'coredns.loop-detected',
    service: 'coredns',
    format: 'CoreDNS',
    line: '[FATAL] plugin/loop: Loop (127.0.0.1:55953 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO 4547991504243258144.3688648895315093531."',
    captures: { loop: '127.0.0.1:55953 -> :53' },
  },
  {
    rule: 'aws-vpc-cni.apiserver-unreachable',
    service: 'aws-node',
    format: 'aws-node',
    line: '[ERROR] Failed to communicate with K8S Server. Please check instance security groups or http proxy setting',
  },
  {
    rule: 'k8s.apiserver-unreachable',
    service: 'kube-proxy',
    format: 'klog',
    line: r`E0314 18:00:01.123456       1 reflector.go:138] k8s.io/client-go/informers/factory.go:134: Failed to watch *v1.EndpointSlice: failed to list *v1.EndpointSlice: Get "https://172.20.0.1:443/apis/discovery.k8s.io/v1/endpointslices": dial tcp 172.20.0.1:443: i/o timeout`,
    captures: { resource: 'EndpointSlice' },
  },
  // real, openshift/release#40 (OpenShift 3 node journal)
  {
    rule: 'k8s.image-gc-failed',
    service: 'kubelet',
    kind: 'journald',
    format: 'journald + klog',
    line: 'Jul 13 14:50:26 origin-ci-ig-n-khlp.c.openshift-gce-devel.internal origin-node[5119]: E0713 14:50:26.924324    5119 kubelet.go:1146] Image garbage collection failed: wanted to free 6607811379, but freed 7438123270 space with errors in image deletion',
  },
  // synthetic, kubectl describe node Events row
  {
    rule: 'k8s.image-gc-failed',
    service: 'unknown',
    kind: 'text',
    format: 'kubectl describe',
    line: '  Warning  FreeDiskSpaceFailed  10m  kubelet  Failed to garbage collect required amount of images. Attempted to free 4294967296 bytes, but only found 0 bytes eligible to free.',
    captures: { reason: 'FreeDiskSpaceFailed' },
  },
  // real, galaxyproject/galaxy-helm#39
  {
    rule: 'k8s.prestop-hook-failed',
    service: 'kubelet',
    format: 'kubectl get events',
    line: '50s         Warning   FailedPreStopHook   Pod                     Exec lifecycle hook ([./run.sh --stop]) for Container "galaxy-stable" in Pod "quiet-parrot-galaxy-stable-687dbbc84d-7v5mj_default(7472cdb1-56dd-11e9-9f14-080027a959c5)" failed - error: command \'./run.sh --stop\' exited with 126: , message: "OCI runtime exec failed: exec failed: container_linux.go:344: starting container process caused \\"exec: \\\\\\"./run.sh\\\\\\": stat ./run.sh: no such file or directory\\": unknown\\r\\n"',
  },
  // real, kubernetes/kubernetes#106420
  { rule: 'k8s.invalid-disk-capacity-at-start', service: 'kubelet', format: 'kubectl describe', line: '  Warning  InvalidDiskCapacity      29m                kubelet  invalid capacity 0 on image filesystem' },
  // real, helm/helm#10720
  { rule: 'k8s.job-failed', service: 'unknown', kind: 'text', format: 'helm --debug', line: 'helm.go:88: [debug] post-upgrade hooks failed: job failed: BackoffLimitExceeded', captures: { hook: 'post-upgrade' } },
  // real, keptn-contrib/job-executor-service#214
  {
    rule: 'k8s.job-failed',
    service: 'unknown',
    kind: 'text',
    format: 'job executor',
    line: "Task 'Run helm' failed: job job-executor-service-job-cba897ca-b3d1-4840-8407-aa77-1 failed. Reason: BackoffLimitExceeded, Message: Job has reached the specified backoff limit",
    captures: { reason: 'BackoffLimitExceeded' },
  },
  // real, k3s-io/k3s#888
  {
    rule: 'k8s.pod-evicted',
    service: 'kubelet',
    format: 'klog',
    line: 'W1010 09:07:24.566283       1 eviction_manager.go:333] eviction manager: attempting to reclaim ephemeral-storage',
    captures: { resource: 'ephemeral-storage' },
  },
  // real, kubernetes/kubernetes#8178
  {
    rule: 'k8s.container-create-failed',
    service: 'kubelet',
    format: 'klog, pre-1.0',
    line: 'E0512 13:56:58.782942   13539 pod_workers.go:102] Error syncing pod b6c9609f-f8ae-11e4-a008-080027c5bfa9, skipping: secrets "mysecret" not found',
    captures: { objectKind: 'secrets', object: 'mysecret' },
  },
  // Round-5 shapes (real lines, see test/corpus/cluster-networking.jsonl).
  { rule: 'aws-vpc-cni.ipamd-init-failed', service: 'aws-node', format: 'ipamd zap JSON', line: '{"level":"error","ts":"2020-06-04T08:26:43.180Z","caller":"aws-k8s-agent/main.go:30","msg":"Initialization failure: ipamd init: failed to retrieve attached ENIs info"}' },
  {
    rule: 'benign.vpc-cni-unassign-unknown-sandbox',
    service: 'aws-node',
    format: 'ipamd zap JSON',
    line: '{"level":"warn","ts":"2023-11-16T10:06:18.306Z","caller":"ipamd/rpc_handler.go:230","msg":"UnassignPodIPAddress: Failed to find sandbox _migrated-from-cri/83faffebdfb826372e05d2bc67b6a3e8c40dd4b07dd034fafad9f3838aafa985/unknown"}',
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
  { service: 'unknown', kind: 'text', why: 'Ready node row', line: 'ip-10-0-1-5.ec2.internal    Ready      <none>   12d   v1.29.3-eks-ae9a62a' },
  { service: 'container-agent', why: 'a job image pull is a runner problem, not the cluster', rule: 'k8s.image-pull-failed', line: 'task 5f1c: pod failed: Failed to pull image "acme/app:missing": not found' },
];
