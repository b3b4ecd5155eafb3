import type { Rule } from '../rule.js';
import { re, RUNNER_SERVICES } from './shared.js';

// Pod and node events read the same in `kubectl describe`, `kubectl get events`, the events JSON
// of a support bundle and the klog lines of the component that recorded them, so the patterns
// key on the event message and reason, never on the row layout. Unscoped: the messages are
// Kubernetes' own wording and the files that carry them (describe output, kubelet journals)
// have no CircleCI service name.
const K8S_DOCS = 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/';
// Runner agents and Nomad clients report their jobs' pods and containers: a job image that
// fails to pull there is a runner or executor problem, which their own rules claim.
const NOT_JOB_HOSTS: Rule['appliesTo'] = { excludeServices: [...RUNNER_SERVICES, 'nomad-client'] };

/** Kubernetes workload and node events. */
export const kubernetesRules: Rule[] = [
  {
    // `kubectl describe pod` prints each container's probe settings, `#failure=3` included: a
    // specification, not a failing probe. Claimed so no fallback reads "failure" in it.
    id: 'k8s.probe-spec-row',
    title: 'kubectl describe probe specification (benign)',
    issueType: 'cluster-networking',
    severity: 'info',
    ignore: true,
    patterns: [re`^\s*(?:Liveness|Readiness|Startup):\s+(?:http-get|exec|tcp-socket|grpc)\b[^\n]{0,400}#success=\d+ #failure=\d+\s*$`],
    explanation: 'The probe settings of a container in kubectl describe output; they say when a probe would count as failed, not that it failed.',
    remediation: ['Nothing to do for this row; look for "probe failed" events of the same container instead.'],
    references: ['https://github.com/deis/controller/issues/991', 'https://github.com/kubernetes/kubernetes/issues/93014'],
  },
  {
    id: 'k8s.failed-scheduling',
    title: 'Pods cannot be scheduled (FailedScheduling)',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`\b\d{1,5}/\d{1,5} nodes are available: (?<reason>[^\n]{1,300})`,
      re`No nodes are available that match all of the (?:following )?predicates:{1,2} ?(?<reason>[^\n]{1,300})`,
      re`failed to fit in any node`,
      re`FailedScheduling'? no nodes available to schedule pods`,
      // The volume binder holds the pod until its claims bind (no PV, no provisioner, wrong zone).
      re`pod has unbound (?:immediate )?PersistentVolumeClaims`,
    ],
    explanation:
      'The scheduler found no node that fits the pod (CPU, memory or pod-count requests, taints, node selectors or volume zones). The CircleCI service behind the pod stays Pending; when nodes are exhausted several services go down at once.',
    remediation: [
      'kubectl describe pod <pod> -n <namespace> and read the reasons after "nodes are available"; kubectl describe nodes | grep -A8 "Allocated resources"',
      'Add nodes to the node group (or let the cluster autoscaler do so) or lower the requests; check that taints and node selectors in the Helm values match the nodes.',
    ],
    references: ['https://github.com/kubernetes/kubernetes/issues/33777', 'https://github.com/kubernetes/kubernetes/issues/107194', 'https://github.com/argoproj/argo-workflows/issues/190', 'https://github.com/kubernetes/kubernetes/issues/37232'],
  },
  {
    id: 'k8s.volume-attach-failed',
    title: 'Persistent volume cannot be attached (FailedAttachVolume)',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`Multi-Attach error for volume "(?<volume>[^"\n]{1,253})"`,
      re`AttachVolume\.Attach failed for volume "(?<volume>[^"\n]{1,253})"`,
      re`FailedAttachVolume`,
      // The EBS CSI controller's gRPC error, before the attach/detach controller turns it into an event.
      re`Could not attach volume "(?<volume>vol-[0-9a-f]{8,17})" to node "(?<instanceId>i-[0-9a-f]{8,17})"`,
    ],
    explanation:
      'The attach/detach controller could not attach the volume to the node the pod was scheduled on; the pod stays in ContainerCreating. For the CircleCI data stores (PostgreSQL, MongoDB, Redis, RabbitMQ, Vault) this means the store is down. A Multi-Attach error means the EBS volume is still attached to another (often terminated or NotReady) node.',
    remediation: [
      'kubectl get volumeattachments | grep <pv>; find the node that still holds the volume and check it is really gone (kubectl get nodes).',
      'For EBS volumes the pod must run in the availability zone of the volume; check the node group covers that zone. Detach a volume stuck on a dead node from the EC2 console only after the node is gone.',
    ],
    references: [
      'https://github.com/kubernetes/kubernetes/issues/96142',
      'https://github.com/openshift/openshift-docs/pull/24970',
      'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/issues/795',
    ],
  },
  {
    id: 'k8s.volume-mount-failed',
    title: 'Volume cannot be mounted into the pod (FailedMount)',
    issueType: 'cluster-networking',
    severity: 'medium',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`MountVolume\.(?:SetUp|MountDevice|WaitForAttach|NewMounter initialization) failed for volume "(?<volume>[^"\n]{1,253})"`,
      re`Unable to (?:attach or )?mount volumes: unmounted volumes=\[(?<volume>[^\]\n]{1,300})\]`,
      // Kubelet wording before 1.10: the pod, then the volumes that never attached or mounted.
      re`timeout expired waiting for volumes to attach(?:/| or )mount for pod[^\n]{0,300}?unmounted volumes=\[(?<volume>[^\]\n]{1,300})\]`,
      re`FailedMount\b`,
      // The PV controller and the external provisioners word it with either case.
      re`[Ff]ailed to provision volume with StorageClass "(?<storageClass>[^"\n]{1,253})"`,
      re`\bProvisioningFailed\b`,
      // The kubelet's own klog line when the ConfigMap or Secret a volume projects cannot be fetched
      // (configmap.go / secret.go); the FailedMount event that follows may only say "timeout expired".
      re`\bCouldn't get (?:configMap|secret) (?<volume>[\w.-]{1,253}/[\w.-]{1,253})`,
    ],
    explanation:
      'The kubelet could not mount a volume (a persistent volume, or a Secret/ConfigMap it could not fetch from the API server in time), so the pod cannot start.',
    remediation: [
      'kubectl describe pod <pod> -n <namespace>: the FailedMount message names the volume and the cause (CSI driver error, missing Secret/ConfigMap, timeout).',
      'For EBS/CSI volumes check the ebs-csi-node pod on that node; for Secrets and ConfigMaps check that they exist and that the node can reach the API server.',
    ],
    references: ['https://github.com/kubernetes/kubernetes/issues/29166', 'https://github.com/kubernetes/kubernetes/issues/31305', 'https://github.com/yandex-cloud/k8s-csi-s3/issues/185', 'https://github.com/ceph/ceph-csi/issues/1109', 'https://github.com/longhorn/longhorn/issues/9907', 'https://github.com/huggingface/dataset-viewer/issues/270'],
  },
  {
    id: 'k8s.pod-evicted',
    title: 'Pods evicted for node resource pressure',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`The node was low on resource: (?<resource>[\w.-]{1,40})`,
      re`Evicted: The node was low on compute resources`,
      // Structured kubelet log of the eviction manager (1.20+).
      re`"Eviction manager: pod is evicted successfully"`,
      // The eviction manager's own steps, in structured (1.20+) and older klog lines.
      re`[Ee]viction manager: (?:pods ranked for eviction|must evict pod\(s\) to reclaim|eviction thresholds have been met, but no pods are active to evict|attempting to reclaim (?<resource>[\w.-]{1,40}))`,
      // The node event the eviction manager records when a threshold is crossed.
      re`\bEvictionThresholdMet\b[^\n]{0,40}?Attempting to reclaim (?<resource>[\w.-]{1,40})`,
      re`The node had condition: \[(?<resource>\w{1,40})\]`,
      re`Warning\s{1,40}Evicted\b`,
      // The eviction manager's messages for local ephemeral storage limits (pod, container, emptyDir).
      re`Pod (?<resource>ephemeral local storage) usage exceeds the total limit of containers`,
      re`Container (?<container>[\w.-]{1,253}) exceeded its (?<resource>local ephemeral storage) limit`,
      re`Usage of EmptyDir volume "(?<volume>[^"\n]{1,253})" exceeds the limit`,
    ],
    explanation:
      'The kubelet evicted pods because the node ran low on memory, ephemeral storage or PIDs. Evicted CircleCI pods restart elsewhere, and a data store pod evicted mid-write can corrupt or lose state.',
    remediation: [
      'kubectl get pods -A --field-selector status.phase=Failed | grep Evicted; kubectl describe node <node> (Conditions, Allocated resources).',
      'Set memory requests close to real use for the pods named in the message (the Helm values) and give the nodes more memory or disk; delete the Evicted pod objects afterwards.',
    ],
    references: [
      'https://github.com/kubernetes/kubernetes/issues/31397',
      'https://github.com/kubernetes/kubernetes/issues/132001',
      'https://github.com/FederatedAI/KubeFATE/issues/64',
      'https://github.com/kubernetes/kubernetes/issues/112927',
      'https://github.com/openshift/release/pull/76967',
      'https://github.com/k3s-io/k3s/issues/888',
      'https://github.com/kubernetes/kubernetes/issues/45558',
      'kubernetes/kubernetes@c5c87bde8f0ff405f89ead5aff9f609b42e29b55:pkg/kubelet/eviction/eviction_manager.go',
      'https://github.com/cloud-ark/kubeplus/issues/1389',
      'https://github.com/dust-tt/dust/pull/5415',
    ],
  },
  {
    id: 'k8s.image-gc-failed',
    title: 'Kubelet cannot free disk space by removing images (image garbage collection failed)',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`Image garbage collection failed`,
      re`failed to garbage collect required amount of images`,
      re`\b(?<reason>ImageGCFailed|FreeDiskSpaceFailed|ContainerGCFailed)\b`,
    ],
    explanation:
      'The node image filesystem is over the kubelet high threshold and deleting unused images did not free enough (the images are in use, or other files fill the disk). Disk-pressure evictions of pods on that node follow.',
    remediation: [
      'On the node: df -h /var/lib/containerd /var/lib/docker /var/lib/kubelet and crictl images; find what fills the disk besides images (logs, emptyDir volumes).',
      'Give the node group larger root volumes, or drain and replace the node.',
    ],
    references: ['https://github.com/kubernetes/kubernetes/issues/71869', 'https://github.com/kubernetes/kubernetes/issues/45558', 'https://github.com/openshift/release/issues/40', 'https://github.com/k3s-io/k3s/issues/888'],
  },
  {
    id: 'k8s.invalid-disk-capacity-at-start',
    title: 'Kubelet start-up warning: image filesystem capacity not measured yet',
    issueType: 'cluster-networking',
    severity: 'info',
    ignore: true,
    // The kubelet records it on every start, before cAdvisor has measured the image filesystem.
    patterns: [re`invalid capacity 0 on image filesystem`],
    explanation: 'A Warning event the kubelet records at start-up; it clears once the filesystem is measured and does not affect pods.',
    remediation: ['Nothing to do unless it repeats long after the kubelet started.'],
    references: ['https://github.com/rancher/rke2/issues/1073', 'https://github.com/kubernetes/kubernetes/issues/106420', 'https://github.com/k3s-io/k3s/issues/9962'],
  },
  {
    id: 'k8s.prestop-hook-failed',
    title: 'A preStop hook failed while its pod was being deleted',
    issueType: 'cluster-networking',
    severity: 'info',
    ignore: true,
    // The kubelet records it when the hook exits non-zero or is killed; the pod is stopped and deleted anyway.
    patterns: [re`\bFailedPreStopHook\b`],
    explanation:
      'The kubelet ran the preStop hook of a container that was being stopped and the hook failed (non-zero exit, often 137 because stopping the process ended the hook itself, or a command missing from the image). The container is stopped anyway; only its graceful shutdown may have been shorter.',
    remediation: ['Nothing to do for the outage; fix the hook command in the chart if the service needs a graceful drain.'],
    references: ['https://github.com/canonical/microk8s/issues/138', 'https://github.com/galaxyproject/galaxy-helm/issues/39', 'https://github.com/devtron-labs/devtron/issues/5186'],
  },
  {
    id: 'k8s.job-failed',
    title: 'Kubernetes Job failed (backoff limit or deadline), including Helm hooks',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`\b(?<reason>BackoffLimitExceeded|DeadlineExceeded)\b[^\n]{0,80}?Job (?:has reached the specified backoff limit|was active longer than specified deadline)`,
      re`Job has reached the specified backoff limit`,
      re`(?<hook>(?:pre|post)-(?:install|upgrade|delete|rollback)) hooks failed: `,
      re`[Jj]ob failed: (?<reason>BackoffLimitExceeded|DeadlineExceeded)\b`,
    ],
    explanation:
      'A Kubernetes Job gave up: its pods failed as many times as backoffLimit allows, or it ran past activeDeadlineSeconds. When the Job is a Helm hook (database migrations, upgrades of CircleCI Server), the helm install or upgrade fails with it.',
    remediation: [
      'kubectl get jobs -n <namespace>; kubectl logs job/<job> -n <namespace> (or the logs of its last failed pod) for the error of the hook or task.',
      'Fix the cause (a data store the migration cannot reach, a missing secret), delete the failed Job and run the upgrade again.',
    ],
    references: ['https://github.com/helm/helm/issues/10720', 'https://github.com/helm/helm/issues/6873', 'https://github.com/keptn-contrib/job-executor-service/pull/214'],
  },
  {
    id: 'k8s.node-not-ready',
    title: 'Kubernetes node NotReady or under pressure',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`Kubelet stopped posting node status`,
      // systemd on the node: the kubelet itself died or keeps failing to start.
      re`kubelet\.service: (?:[Mm]ain process exited, code=(?:exited|killed|dumped), status=[1-9]\d{0,2}/|Failed with result '|Start request repeated too quickly)`,
      re`\bFailed to start kubelet: The Kubernetes Node Agent\b`,
      // The node lifecycle controller's verdicts, at INFO (schu/kubedee#26), and the kubelet
      // failing to post its status (kubernetes/kubernetes#75607).
      re`\bNode (?<node>[\w.-]{1,253}) is NotReady as of\b`,
      re`\bController detected that all Nodes are not-Ready\b`,
      re`\bError updating node status, will retry: (?:error getting node|failed to patch status|Timeout|[^\n]{0,80}?(?:connection refused|i/o timeout|context deadline exceeded))`,
      re`status is now: (?<condition>NodeNotReady|NodeHasDiskPressure|NodeHasInsufficientMemory|NodeHasInsufficientPID)\b`,
      re`NodeNotReady\s{1,40}[^\n]{0,120}?Node is not ready`,
      // The kubelet's side: the reason it gives for not being ready, and the transition it records.
      re`PLEG is not healthy: pleg (?:was last seen active (?<since>[\w.]{1,30}) ago|has yet to be successful)`,
      re`Recording NodeNotReady event message for node`,
      re`Node became not ready: `,
      re`\bKubeletNotReady\s{1,40}(?<reason>\S[^\n]{0,300})`,
      // A `kubectl get nodes` row.
      re`^(?<node>[\w.-]{1,253})\s{1,40}NotReady(?:,SchedulingDisabled)?\s{1,40}\S{1,100}\s{1,40}\d{1,5}[smhdy]`,
    ],
    explanation:
      'A node stopped reporting to the control plane or reports memory/disk/PID pressure. Pods on it are marked NotReady and, after the eviction timeout, rescheduled; Services lose the endpoints on that node.',
    remediation: [
      'kubectl get nodes -o wide; kubectl describe node <node> (Conditions and Events).',
      'On the instance: journalctl -u kubelet --no-pager | tail -200 and the EC2 status checks; replace the instance if it does not recover.',
    ],
    references: [
      'https://github.com/awslabs/amazon-eks-ami/issues/79',
      'https://github.com/openshift/origin/issues/17418',
      'https://github.com/eksctl-io/eksctl/issues/373',
      'https://github.com/kubernetes/kubernetes/issues/45419',
      'https://github.com/kubernetes/kubernetes/issues/61117',
      'https://github.com/nds-org/jupyter-et/issues/13',
      'https://github.com/schu/kubedee/issues/26',
      'https://github.com/kubernetes/kubernetes/issues/75607',
    ],
  },
  {
    id: 'k8s.image-pull-rate-limited',
    title: 'Image pulls rate limited by the registry',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [re`toomanyrequests: (?:You have reached your pull rate limit|Too Many Requests)`, re`Failed to pull image[^\n]{0,800}?429 Too Many Requests`],
    // The Docker CLI's own reply (a Nomad client or a build agent pulling a job image), not a kubelet event.
    unless: [re`^\W{0,4}(?:Error: )?(?:ERROR: )?Error response from daemon: toomanyrequests`],
    explanation:
      'The registry (Docker Hub) refused image pulls for the node address: the anonymous or free-account pull limit is used up. Pods that need a new image cannot start until the window resets.',
    remediation: [
      'Pull CircleCI and third-party images from a mirror or your own registry (ECR pull-through cache), or add imagePullSecrets with an authenticated Docker Hub account.',
      'Check how many nodes share one NAT address: the anonymous limit counts per source IP.',
    ],
    references: ['https://github.com/dell/csi-baremetal/issues/391', 'https://github.com/ceph/ceph-csi/issues/2029', 'https://github.com/red-hat-storage/ocs-ci/issues/4494', 'https://github.com/kata-containers/kata-containers/issues/10109'],
  },
  {
    id: 'k8s.image-pull-failed',
    title: 'Image pull failing (ErrImagePull / ImagePullBackOff)',
    issueType: 'cluster-networking',
    severity: 'medium',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`Failed to pull image "(?<image>[^"\n]{1,300})"`,
      re`Back-off pulling image "(?<image>[^"\n]{1,300})"`,
      // Structured kubelet (1.20+): the message is quoted and the image is a key at the end.
      re`"(?:PullImage from image service failed|Failed to pull image)" err="[^\n]{0,3000}? image="(?<image>[^"\n]{1,300})"`,
      re`\b(?:ErrImagePull|ImagePullBackOff)\b`,
    ],
    explanation:
      'The kubelet cannot pull a container image: wrong tag or digest (manifest unknown), missing registry credentials (no basic auth credentials, pull access denied) or an unreachable registry. The pod never starts.',
    remediation: [
      'kubectl describe pod <pod> -n <namespace>: the Failed event carries the registry error; check the image reference in the Helm values.',
      'For ECR check the node role has ecr:GetAuthorizationToken and the repository policy; for private registries check imagePullSecrets.',
    ],
    references: ['https://github.com/kubernetes/kubernetes/issues/83348', 'https://github.com/mattmattox/drain-node-on-crash/issues/7', 'https://github.com/ceph/ceph-csi/issues/2029'],
  },
  {
    id: 'k8s.oom-killed',
    title: 'Container killed for exceeding its memory limit (OOMKilled)',
    issueType: 'cluster-networking',
    severity: 'low',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`\bOOMKilled\b`,
      re`Cgroup OOM encountered`,
      re`\bOOMKilling\b`,
      // The event aggregator's prefix marks a Kubernetes event even when the reason column is lost
      // (kube-eventer webhooks, copied messages): the node problem detector's OOMKilling text.
      re`\(combined from similar events\): Memory cgroup out of memory: Kill`,
    ],
    unless: [re`"?OOMKilled"?\s*:\s*false`, re`OOMKilled"?\}?\s0(?:\.0)?\s*$`],
    explanation:
      'The kernel killed a container that went over its memory limit; Kubernetes restarts it and, if it keeps happening, backs off (CrashLoopBackOff). The service is unavailable while it restarts.',
    remediation: [
      'kubectl describe pod <pod> -n <namespace> (Last State: Terminated, Reason: OOMKilled) and kubectl top pod to compare use with the limit.',
      'Raise the memory limit of that service in the Helm values, or find what made its memory grow (load, a leak) in its logs before the kill.',
    ],
    references: ['https://github.com/hmcts/cnp-flux-config/pull/28772', 'https://github.com/kubernetes/kubernetes/pull/100487', 'https://github.com/AliyunContainerService/kube-eventer/issues/285', 'https://github.com/kubernetes/node-problem-detector/issues/766'],
  },
  {
    id: 'k8s.crashloop-backoff',
    title: 'Container restarting in a loop (CrashLoopBackOff)',
    issueType: 'cluster-networking',
    severity: 'low',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`\bCrashLoopBackOff\b`,
      re`[Bb]ack-off (?:\d{1,4}m)?(?:\d{1,4}s)? ?restarting failed container`,
      // kubectl describe: the previous run of the container ended in an error (flattened or aligned
      // columns). Completed / exit code 0 is a normal end and does not match.
      re`Last State:\s{1,40}Terminated\s{1,40}Reason:\s{1,40}(?:Error|OOMKilled|ContainerCannotRun|StartError)\s{1,40}Exit Code:\s{1,40}(?<exitCode>[1-9]\d{0,2})\b`,
    ],
    explanation:
      'A container keeps exiting and the kubelet waits longer before each restart. This is a symptom: the cause is in the previous container log (kubectl logs --previous) or in an OOM kill or failing liveness probe next to it.',
    remediation: [
      'kubectl logs <pod> -c <container> -n <namespace> --previous > <service>-previous.log and attach it.',
      'kubectl describe pod <pod> -n <namespace>: check Last State (exit code, OOMKilled) and probe failures.',
    ],
    references: ['https://github.com/kubernetes/kubernetes/issues/54760', 'https://github.com/openshift/origin/issues/7824', 'https://github.com/fission/fission/issues/540', 'https://github.com/kubernetes/kubernetes/issues/123602', K8S_DOCS],
  },
  {
    id: 'k8s.container-create-failed',
    title: 'Container cannot be created or started (RunContainerError, CreateContainerError)',
    issueType: 'cluster-networking',
    severity: 'medium',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`\b(?<reason>RunContainerError|CreateContainerError|CreateContainerConfigError|StartError)\b(?:: \\?"?(?<message>[^"\n]{1,300}))?`,
      // The kubelet's Failed event ("Error: ...") or sync error for a Secret or ConfigMap the pod references;
      // the bare NotFound also fills the error files of support-bundle collectors, which are not pod failures.
      re`(?:\bError: |Error syncing pod [^\n]{0,200}?: )(?<objectKind>secrets?|configmaps?) \\?"(?<object>[\w.-]{1,253})\\?" not found`,
      re`couldn't find key (?<key>[\w.-]{1,253}) in (?<objectKind>Secret|ConfigMap) (?<object>[\w.-]{1,253}/[\w.-]{1,253})`,
      // The CRI runtime (containerd, CRI-O) refusing to create a container, as the kubelet logs it.
      re`CreateContainer in sandbox from runtime service failed`,
      re`failed to reserve container name \\?"(?<container>[^"\\\n]{1,300})\\?"`,
    ],
    explanation:
      'The kubelet could not create or start a container of the pod: a Secret or ConfigMap it references is missing (CreateContainerConfigError), or the runtime refused it (mounts, security context, the image entrypoint). The pod never becomes ready, so the service is down or short of replicas.',
    remediation: [
      'kubectl describe pod <pod> -n <namespace>: the event message after the reason names the missing object or the runtime error.',
      'For CreateContainerConfigError check that the Secrets and ConfigMaps of the Helm values exist in the namespace (kubectl get secret,configmap -n <namespace>).',
    ],
    references: [
      'https://github.com/kubernetes/kubernetes/pull/37680',
      K8S_DOCS,
      'https://github.com/kubernetes/kubernetes/issues/8178',
      'https://github.com/cloudfoundry/eirini-release/issues/111',
      'https://github.com/shieldworks/aegis/issues/293',
      'https://github.com/carlosedp/cluster-monitoring/issues/21',
      'https://github.com/containerd/containerd/issues/9545',
      'https://github.com/k3s-io/k3s/issues/2312',
    ],
  },
  {
    id: 'k8s.pod-kill-failed',
    title: 'Kubelet cannot stop pods or containers (FailedKillPod, KillPodSandboxError)',
    issueType: 'cluster-networking',
    severity: 'medium',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`\bFailedKillPod\b`,
      re`error killing pod: `,
      re`Failed killing the pod "(?<pod>[^"\n]{1,253})"`,
      re`\b(?<reason>KillPodSandboxError|KillContainerError)\b`,
      // The kubelet's structured and older klog lines when the CRI runtime does not stop what it asked.
      re`Container termination failed with gracePeriod`,
      re`StopPodSandbox "?[0-9a-f]{12,64}"? from runtime service failed`,
    ],
    explanation:
      'The kubelet asked the container runtime to stop a container or tear down a pod sandbox and it failed or timed out (containerd or CRI-O down or hung, the CNI unable to release the pod network). Pods stay Terminating, their replacements may not start, and the node usually has a runtime or network plugin problem.',
    remediation: [
      'On the node: systemctl status containerd kubelet; journalctl -u containerd -u kubelet --no-pager | tail -300; check the CNI pods (aws-node, calico-node) on that node.',
      'If the runtime does not recover, cordon and drain the node and replace it; force-delete pods stuck Terminating only after the node is gone.',
    ],
    references: [
      'https://github.com/cisco-open/martian-bank-demo/issues/50',
      'https://github.com/NVIDIA/gpu-operator/pull/2168',
      'https://github.com/kata-containers/tests/issues/2705',
      'https://github.com/kubernetes/kubernetes/issues/115252',
      'https://github.com/METR/vivaria/issues/537',
    ],
  },
  {
    id: 'k8s.pod-admission-rejected',
    title: 'Pods rejected by the kubelet at admission (OutOfcpu, OutOfmemory, UnexpectedAdmissionError)',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      // The kubelet's admission message; the pod status reason is OutOf<resource>.
      re`Node didn't have enough resource: (?<resource>[\w./-]{1,60}), requested: \d{1,20}, used: \d{1,20}, capacity: \d{1,20}`,
      re`\b(?<reason>OutOf(?:cpu|memory|pods|ephemeral-storage)|UnexpectedAdmissionError)\b`,
    ],
    explanation:
      'The scheduler placed a pod on a node, but the kubelet there refused to start it: by its own count the node had no room left (CPU, memory or pod slots), or a resource manager refused it. The pod fails at once and its controller creates another, often on the same node, so the service is short of replicas.',
    remediation: [
      'kubectl get pods -A | grep -E "OutOf|UnexpectedAdmissionError"; kubectl describe node <node> (Allocated resources) and compare with the pod requests.',
      'Look for pods or static pods that the scheduler does not count (node capacity reserved wrongly, a kubelet restarted with other reservations); delete the rejected pod objects afterwards.',
    ],
    references: [
      'https://github.com/kubernetes/kubernetes/issues/117883',
      'https://github.com/kubernetes/kubernetes/issues/76772',
      'https://github.com/okteto/okteto/issues/545',
      'https://github.com/gitpod-io/gitpod/pull/8463',
      'https://github.com/actions/actions-runner-controller/issues/3315',
    ],
  },
  {
    id: 'k8s.probe-failed',
    title: 'Liveness, readiness or startup probe failing',
    issueType: 'cluster-networking',
    severity: 'low',
    appliesTo: NOT_JOB_HOSTS,
    patterns: [
      re`(?<probe>Liveness|Readiness|Startup) probe failed`,
      re`"Probe failed" probeType="(?<probe>Liveness|Readiness|Startup)"`,
      re`failed (?<probe>liveness|startup) probe, will be restarted`,
      re`(?<probe>Liveness|Readiness|Startup) probe errored`,
      // Kubelet wording before 1.12: `Liveness probe for "<pod>:<container>" failed (failure)`.
      re`(?<probe>Liveness|Readiness|Startup) probe for "[^"\n]{1,300}" failed \((?:failure|unknown)\)`,
    ],
    explanation:
      'The kubelet probe of a container fails: a failing readiness probe takes the pod out of its Service endpoints (callers get 502/503 or connection refused), a failing liveness probe restarts it. Usually the service is overloaded, still starting or waiting on its own dependency.',
    remediation: [
      'Check the logs of that service around the probe failures, and its CPU throttling (kubectl top pod).',
      'If it only fails while starting, raise initialDelaySeconds / the startup probe threshold instead of the liveness timeout.',
    ],
    references: ['https://github.com/kubernetes/kubernetes/issues/24306', 'https://github.com/kubernetes/kubernetes/issues/67180', 'https://github.com/ManageIQ/manageiq-pods/issues/475', 'https://github.com/kodekloudhub/certified-kubernetes-administrator-course/issues/150', 'https://github.com/vadimkim/cert-manager-webhook-hetzner/issues/91', 'https://github.com/caronc/apprise-api/issues/262'],
  },
  {
    id: 'k8s.quota-exceeded',
    title: 'Pods refused by a namespace ResourceQuota',
    issueType: 'cluster-networking',
    severity: 'high',
    appliesTo: NOT_JOB_HOSTS,
    // "exceeded quota" when the quota is used up, "failed quota" when the pod lacks the requests or limits the quota needs.
    patterns: [re`is forbidden: (?:[Ee]xceeded|[Ff]ailed) quota: (?<quota>[\w.-]{1,253})`],
    explanation:
      'The API server refused to create pods because the namespace ResourceQuota is used up; the Deployment or StatefulSet cannot replace or scale its pods.',
    remediation: [
      'kubectl describe resourcequota -n <namespace>; compare Used with Hard.',
      'Raise the quota or lower the requests of the CircleCI services in the Helm values.',
    ],
    references: ['https://kubernetes.io/docs/concepts/policy/resource-quotas/', 'https://github.com/ministryofjustice/cloud-platform/issues/590', 'https://github.com/kubernetes/website/pull/641', 'https://github.com/openshift/origin/issues/8748'],
  },
];
