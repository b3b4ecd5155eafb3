import type { Negative, Positive } from '../helpers.js';

/**
 * Family fallbacks (functions/triage/rules/pack/family-fallbacks.ts). Lines marked "real" are
 * verbatim from the source given (and in test/corpus/); the others are synthetic, written in the
 * log's format to pin one branch of a pattern.
 */
export const fallbackPositives: Positive[] = [
  // synthetic, Redis replica failing to resolve its master
  { rule: 'data-store.redis-other-failure', service: 'redis', format: 'Redis', line: "1:S 14 Mar 2025 09:38:00.001 # Failed to resolve hostname 'redis-master-0.redis-headless'" },
  // synthetic, MinIO console error
  { rule: 'data-store.object-storage-other-failure', service: 'minio', format: 'MinIO console', line: 'API: SYSTEM() Error: unable to lock the bucket metadata (*errors.errorString)' },
  // synthetic, Node.js driver error class
  { rule: 'data-store.mongodb-client-failure', service: 'unknown', kind: 'text', format: 'Node.js driver', line: 'MongoTopologyClosedError: Topology is closed' },
  // synthetic, AMQP client in a CircleCI service
  { rule: 'data-store.rabbitmq-client-failure', service: 'api-service', format: 'logfmt', line: 'level=warn msg="amqp publish failed" exchange=builds error="channel/connection is not open"' },
  // synthetic, client exception class
  { rule: 'data-store.vault-client-failure', service: 'unknown', kind: 'text', format: 'Java client', line: 'com.example.VaultClientException: token lookup returned 503' },
  // synthetic, PostgreSQL JDBC wording
  { rule: 'data-store.postgresql-client-failure', service: 'builds-service', format: 'logfmt', line: 'level=warn msg="postgres migration check failed" error="relation \\"schema_migrations\\" is locked"' },
  // synthetic, PostgreSQL native log at WARNING
  { rule: 'data-store.postgresql-other-failure', service: 'postgresql', format: 'PostgreSQL', line: '2025-03-14 09:38:00.001 UTC [812] WARNING:  could not open statistics file "pg_stat_tmp/global.stat": Operation not permitted' },
  // synthetic, MongoDB structured log at W
  { rule: 'data-store.mongodb-other-failure', service: 'mongodb', format: 'MongoDB structured JSON', line: '{"t":{"$date":"2025-03-14T09:38:00.123+00:00"},"s":"W","c":"REPL","id":21402,"ctx":"ReplCoord","msg":"Replica set member is unreachable"}' },
  // synthetic, RabbitMQ warning
  { rule: 'data-store.rabbitmq-other-failure', service: 'rabbitmq', format: 'RabbitMQ', line: '2025-03-14 09:38:00.123 [warning] <0.703.0> Mnesia(rabbit@rabbitmq-0): ** WARNING ** Mnesia is overloaded: {dump_log,write_threshold}, cannot keep up' },
  // synthetic, Vault hclog warning
  { rule: 'data-store.vault-other-failure', service: 'vault', format: 'hclog', line: '2025-03-14T09:38:00.123Z [WARN]  core: failed to persist seal configuration: error="context deadline exceeded"' },
  // synthetic, MinIO client wording in a CircleCI service
  { rule: 'data-store.object-storage-client-failure', service: 'frontend', format: 'logfmt', line: 'level=warn msg="MinIO bucket policy refresh failed" error="unexpected EOF"' },
  // synthetic, Redis client in a CircleCI service
  { rule: 'data-store.redis-client-failure', service: 'api-service', format: 'logfmt', line: 'level=warn msg="redis: cache refresh failed" error="unexpected EOF"' },
  // synthetic, an AWS error code no specific rule names
  { rule: 'cloud-permissions.aws-denial-other', service: 'builds-service', format: 'logfmt', line: 'level=warn msg="describe failed" error="MissingAuthenticationToken: Request is missing Authentication Token"' },
  // synthetic, GitHub call failing
  { rule: 'custom-integration.vcs-other-failure', service: 'frontend', format: 'logfmt', line: 'level=warn msg="GitHub API request failed" status=502 url=https://ghe.example.com/api/v3/repos/acme/app' },
  // synthetic, Nomad's docker driver failing in a way no specific rule names
  { rule: 'nomad-client.docker-driver-other-failure', service: 'nomad-client', format: 'hclog', line: '2025-03-14T09:40:12.318Z [WARN]  client.driver_mgr.docker: stats collection for container 4f1c2a timed out: driver=docker' },
  // synthetic, Docker daemon warning in a Nomad client journal
  { rule: 'docker-executor.docker-other-failure', service: 'nomad-client', kind: 'journald', format: 'journald + logrus', line: 'Mar 14 09:39:01 ip-10-0-12-34 dockerd[981]: time="2025-03-14T09:39:01Z" level=warning msg="failed to prune image cache" error="context canceled"' },
  // real, Greenstand/treetracker-infrastructure#49 (a kubectl describe pod row)
  { rule: 'cluster-networking.k8s-state-other', service: 'kubelet', kind: 'text', format: 'kubectl describe', line: 'Reason:         Evicted' },
  // synthetic, klog INFO lines of the event recorder holding a Warning event no specific rule names
  {
    rule: 'cluster-networking.k8s-state-other',
    service: 'kube-controller-manager',
    format: 'klog',
    line: `I0314 09:38:00.123456       1 event.go:282] Event(v1.ObjectReference{Kind:"HorizontalPodAutoscaler", Namespace:"circleci-server", Name:"frontend", UID:"", APIVersion:"autoscaling/v2", ResourceVersion:"", FieldPath:""}): type: 'Warning' reason: 'FailedGetScale' deployments/scale.apps "frontend" not found`,
  },
  {
    rule: 'cluster-networking.k8s-state-other',
    service: 'kube-controller-manager',
    format: 'structured klog',
    line: 'I0314 09:38:00.123456       1 event.go:376] "Event occurred" object="circleci-server/frontend" fieldPath="" kind="HorizontalPodAutoscaler" apiVersion="autoscaling/v2" type="Warning" reason="FailedGetScale" message="deployments/scale.apps \\"frontend\\" not found"',
  },
  // real, requilence/integram#108 (GitLab's hook log) and Shippable/support#161 (GitHub's delivery page)
  { rule: 'custom-integration.vcs-other-failure', service: 'unknown', kind: 'text', format: 'GitLab hook log', line: 'Hook execution failed: Net::ReadTimeout' },
  { rule: 'custom-integration.vcs-other-failure', service: 'unknown', kind: 'text', format: 'GitHub delivery page', line: 'Last delivery was not successful. Invalid HTTP Response: 409' },
  // synthetic, kubectl describe Events row (a reason no specific rule names)
  { rule: 'cluster-networking.k8s-warning-event', service: 'unknown', kind: 'text', format: 'kubectl describe', line: '  Warning  SystemOOM  10m  kubelet  System OOM encountered, victim process: java, pid: 4321' },
  // synthetic, container agent warning
  { rule: 'runner.other-failure', service: 'container-agent', format: 'logfmt', line: 'level=warn msg="could not update task status" task_id=6f1c2a9e' },
  // synthetic, Nomad client warning
  { rule: 'nomad-client.other-failure', service: 'nomad-client', format: 'hclog', line: '2025-03-14T09:39:01.118Z [WARN]  client.alloc_runner.task_runner: failed to kill task: alloc_id=8c1a2b3c-1111-4222-8333-444455556666 task=build' },
  // synthetic, Nomad server warning
  { rule: 'nomad-server.other-failure', service: 'nomad-server', format: 'hclog', line: '2025-03-14T09:39:01.118Z [WARN]  nomad.heartbeat: failed to persist node status: node_id=4d2c1b6a-0e4f-4a3b-9c8d-7e6f5a4b3c2d' },
  // synthetic, autoscaler warning
  { rule: 'nomad-autoscaler.other-failure', service: 'nomad-autoscaler', format: 'hclog', line: '2025-03-14T09:39:01.118Z [WARN]  agent.plugin_manager: failed to reload plugin: plugin=datadog' },
  // synthetic, machine provisioner warning
  { rule: 'machine-executor.other-failure', service: 'machine-provisioner', format: 'logfmt', line: 'level=warn msg="instance launch failed" error="instance i-0d44425630326060f unreachable"' },
  // synthetic, frontend warning
  { rule: 'frontend.other-failure', service: 'frontend', format: 'logfmt', line: 'level=warn msg="backend unavailable" upstream=api-service' },
  // synthetic, cluster add-ons' own fallbacks: a kubectl describe row, klog warnings
  { rule: 'kubernetes.other-failure', service: 'kubelet', format: 'klog', line: 'W0314 09:39:01.118000    2104 volume_stat_calculator.go:140] failed to calculate volume metrics for pod web-0 volume data: no such file or directory' },
  { rule: 'kubernetes.other-failure', service: 'kubelet', format: 'klog', line: 'W0314 09:39:01.118000    2104 kubelet.go:2200] "Pod sandbox changed, it will be killed and re-created" err="cannot stat /proc/4711"' },
  { rule: 'ingress.other-failure', service: 'traefik', format: 'logfmt', line: 'time="2025-03-14T09:39:01Z" level=warning msg="Unable to obtain ACME certificate for domains \\"circleci.example.com\\"" providerName=letsencrypt.acme' },
  { rule: 'node-autoscaler.other-failure', service: 'karpenter', format: 'JSON', line: '{"level":"WARN","time":"2025-03-14T09:39:01.118Z","logger":"controller","message":"could not resolve instance types for nodepool","NodePool":{"name":"nomad-clients"}}' },
  // synthetic, S3 and EC2 error vocabularies in a writer that does not name the service
  { rule: 'data-store.s3-error-other', service: 'output-processor', format: 'logfmt', line: 'level=warn msg="cache save failed" error="InvalidObjectState: The operation is not valid for the object\'s storage class"' },
  { rule: 'cloud-permissions.ec2-error-other', service: 'machine-provisioner', format: 'logfmt', line: 'level=warn msg="vm create failed" error="InvalidBlockDeviceMapping: Volume of 8GiB is smaller than snapshot snap-0a1b2c3d, expect size >= 30GiB"' },
  // synthetic, a Go caller path naming github.com is the writer's source, not the VCS
  { rule: 'ingress.other-failure', service: 'traefik', format: 'zerolog console', line: '2025-03-14T09:39:01Z WRN github.com/traefik/traefik/v2/pkg/server/service/service.go:212 > Health check failed: timeout' },
  // synthetic, final failures worded without an error word (heartbeats, retries used up, a peer gone)
  { rule: 'nomad-client.other-failure', service: 'nomad-client', format: 'hclog', line: '2025-03-14T09:39:01.118Z [WARN]  client.consul: heartbeat missed for check: check_id=_nomad-check-5f1e' },
  { rule: 'data-store.rabbitmq-other-failure', service: 'rabbitmq', format: 'RabbitMQ', line: '2025-03-14 09:38:00.123 [warning] <0.703.0> giving up on peer rabbit@rabbitmq-2 after 10 attempts' },
  { rule: 'runner.other-failure', service: 'machine-runner', format: 'logfmt', line: 'level=warn msg="task agent exited unexpectedly" task_id=6f1c2a9e' },
  // synthetic, component fallbacks: a CircleCI service or an attached log naming a component and a failure
  { rule: 'data-store.object-storage-component-failure', service: 'test-results', format: 'logfmt', line: 'level=error msg="artifact upload failed" bucket=circleci-artifacts error="connection reset"' },
  { rule: 'cloud-permissions.aws-component-failure', service: 'unknown', kind: 'text', format: 'Python', line: 'ERROR: could not describe the launch template lt-0abc1234: throttled' },
  { rule: 'cluster-networking.kubernetes-component-failure', service: 'builds-service', format: 'logfmt', line: 'level=error msg="lookup failed" host=api-service.circleci-server.svc error="DNS resolution stalled"' },
  { rule: 'custom-integration.git-component-failure', service: 'unknown', kind: 'text', format: 'git', line: 'error: git fetch failed for origin (exit status 128)' },
  // synthetic, the autoscaler's plugin loader in an attached log
  { rule: 'nomad-autoscaler.component-failure', service: 'unknown', kind: 'text', format: 'hclog', line: '2025-03-14T09:39:01.118Z [ERROR] agent: failed to setup plugins: failed to dispense plugin aws-asg: plugin exited before we could connect' },
  { rule: 'nomad-client.component-failure', service: 'distributor-external', format: 'logfmt', line: 'level=error msg="could not place job" error="nomad: allocation 1f2e3d4c unplaceable"' },
];

export const fallbackNegatives: Negative[] = [
  { service: 'vault', why: "an audit request entry whose error field is empty (synthetic, Vault's audit JSON)", line: '{"time":"2025-03-14T09:38:00.123Z","type":"request","auth":{"policies":["default"]},"request":{"operation":"read","path":"secret/data/ci"},"error":""}' },
  { service: 'nomad-client', why: "docker run's note before its first pull", line: "Unable to find image 'cimg/base:2025.03' locally", rule: 'nomad-client.other-failure' },
  { service: 'kubelet', why: 'a node condition row that says there is no pressure', line: '  MemoryPressure   False   Fri, 14 Mar 2025 09:38:00 +0000   Fri, 14 Mar 2025 09:20:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available' },
  { service: 'test-results', why: 'a missing object before a first write', line: 'level=warn msg="HeadObject returned 404, creating" bucket=circleci-test-results' },
  { service: 'host', kind: 'journald', why: 'the Nomad agent update check failing on an air-gapped host', line: 'Mar 14 09:39:01 ip-10-0-5-6 nomad[1234]: 2025-03-14T09:39:01.000Z [ERROR] agent: checkpoint: update check failed: error="dial tcp 52.1.2.3:443: i/o timeout"' },
  { service: 'kube-system-thing', why: 'another program naming the kubelet in its help text', line: '      --deprecated-kubelet-completely-insecure    If you encounter auth errors, check the kubelet.' },
  // real, nomad-server-0031 in test/corpus/, from https://github.com/hashicorp/nomad/issues/7607
  { service: 'nomad-server', why: 'a DEBUG probe whose timeout is routine', line: 'preview-6c nomad[17090]: 2020-03-30T11:56:32.404+0200 [DEBUG] nomad: memberlist: Failed ping: preview-5c.global (timeout reached)' },
  { service: 'redis', why: 'Redis start-up advice', line: '32903:M 26 Oct 22:02:46.592 # WARNING overcommit_memory is set to 0! Background save may fail under low memory condition.' },
  { service: 'mongodb', why: 'a success line that mentions a timeout', line: '2019-12-04T11:55:15.381+0000 I NETWORK  [LogicalSessionCacheReap] Successfully connected to localhost:27017 (1 connections now open to localhost:27017 with a 5 second timeout)' },
  { service: 'nomad-client', why: 'an error-level line left to the unrecognised-error pass', line: '2025-03-14T09:40:12.318Z [ERROR] client.gc: widget collection stalled: reason=busy', rule: 'nomad-client.other-failure' },
  { service: 'machine-provisioner', why: 'a retried warning', line: 'level=warn msg="launch failed, retrying in 2s"' },
  { service: 'frontend', why: 'a GitHub Actions runner controller line', line: '2025-06-16T05:17:48Z\tERROR\tEphemeralRunner\tFailed to create pod resource for ephemeral runner.\t{"ephemeralrunner": {"namespace":"github-runners"}}' },
  { service: 'api-service', why: 'a metric sample of denied calls', line: 'aws_sdk_errors_total{code="AccessDenied",operation="PutObject"} 0' },
  { service: 'prometheus', why: 'a store failure of a product that is not CircleCI', line: 'AMQP connection failed: Connection refused' },
  // synthetic: the same node autoscaler on another cloud
  { service: 'cluster-autoscaler', why: "another cloud provider's scale-up warning", line: 'W0314 09:39:01.118000       1 azure_scale_set.go:199] failed to scale up node group: Code="OperationNotAllowed"' },
  { service: 'postgresql', kind: 'text', why: 'a bundle database collector result', line: '{"isConnected":false,"error":"failed to connect to `user=user database=dbname`: dial tcp 127.0.0.1:5432: connect: connection refused"}' },
  { service: 'nomad-server', kind: 'text', why: 'a Consul server RPC line worded like Nomad', line: '    2024/07/12 15:37:09 [WARN] consul: "Health.ServiceNodes" RPC failed to server [2409::80]:8300: rpc error getting client', rule: 'nomad-server.other-failure' },
  { service: 'kubelet', why: 'a container state that was not OOM killed', line: '        "OOMKilled": false,' },
];
