import type { Negative, Positive } from '../helpers.js';

const r = String.raw;
const POLICY = '6f1c2a9e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const NODE = '3f2a1b4c-5d6e-7f80-9a1b-2c3d4e5f6a7b';
const TS = '2025-03-14T09:40:12.318Z';
const J = 'Mar 14 09:39:01 ip-10-0-12-34 nomad[1234]: ';

export const nomadPositives: Positive[] = [
  // nomad-autoscaler: one line per autoscaler version shape (bundle-format §4.2)
  {
    rule: 'nomad-autoscaler.asg-not-found',
    service: 'nomad-autoscaler',
    format: 'hclog v0.3.x WARN',
    line: `${TS} [WARN]  policy_manager.policy_handler: failed to get target status: policy_id=${POLICY} error="failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"`,
    captures: { gotCount: '0', policyId: POLICY },
  },
  {
    rule: 'nomad-autoscaler.asg-not-found',
    service: 'nomad-autoscaler',
    format: 'hclog v0.4.0-0.4.6 ERROR echo',
    line: `${TS} [ERROR] policy_manager.policy_handler: failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0: policy_id=${POLICY}`,
    captures: { gotCount: '0', policyId: POLICY },
  },
  {
    rule: 'nomad-autoscaler.asg-not-found',
    service: 'nomad-autoscaler',
    format: 'hclog v0.4.x eval worker',
    line: `${TS} [ERROR] policy_eval.worker: failed to evaluate policy: eval_id=0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d eval_token=5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b id=1 policy_id=${POLICY} queue=cluster error="failed to get target status: failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"`,
    captures: { gotCount: '0', policyId: POLICY },
  },
  {
    rule: 'nomad-autoscaler.asg-not-found',
    service: 'nomad-autoscaler',
    format: 'hclog v0.4.7 monitoring error (no policy id)',
    line: `${TS} [ERROR] policy_manager: encountered an error monitoring policy IDs: error="handler: unable to process policy failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"`,
    captures: { gotCount: '0', policyId: undefined },
  },
  {
    rule: 'nomad-autoscaler.asg-not-found',
    service: 'nomad-autoscaler',
    format: 'hclog v0.4.8+ handler start',
    line: `${TS} [ERROR] policy_manager: encountered an error starting the policy handler: policyID=${POLICY} error="failed to get target status: failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"`,
    captures: { gotCount: '0', policyId: POLICY },
  },
  {
    rule: 'nomad-autoscaler.asg-not-found',
    service: 'nomad-autoscaler',
    format: 'hclog v0.4.8+ later tick',
    line: `${TS} [ERROR] policy_manager: encountered an error monitoring policy IDs: error="handler: failed to get target status for target: aws-asg, failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"`,
    captures: { gotCount: '0' },
  },
  {
    rule: 'nomad-autoscaler.asg-not-found',
    service: 'nomad-autoscaler',
    format: 'hclog JSON (log_json)',
    line: `{"@level":"warn","@message":"failed to get target status","@module":"policy_manager.policy_handler","@timestamp":"2025-03-14T09:40:12.318000Z","error":"failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 2","policy_id":"${POLICY}"}`,
    captures: { gotCount: '2', policyId: POLICY },
  },
  {
    rule: 'nomad-autoscaler.aws-access-denied',
    service: 'nomad-autoscaler',
    format: 'hclog, aws-sdk-go-v2 error',
    line: `${TS} [WARN]  policy_manager.policy_handler: failed to get target status: policy_id=${POLICY} error="failed to describe AWS Autoscaling Group: operation error Auto Scaling: DescribeAutoScalingGroups, https response error StatusCode: 403, RequestID: 0f5c2d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f, api error AccessDenied: User: arn:aws:sts::210987654321:assumed-role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role/1710409212318 is not authorized to perform: autoscaling:DescribeAutoScalingGroups because no identity-based policy allows the autoscaling:DescribeAutoScalingGroups action"`,
    captures: {
      operation: 'DescribeAutoScalingGroups',
      statusCode: '403',
      principalArn: 'arn:aws:sts::210987654321:assumed-role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role/1710409212318',
      action: 'autoscaling:DescribeAutoScalingGroups',
    },
  },
  {
    rule: 'nomad-autoscaler.aws-access-denied',
    service: 'nomad-autoscaler',
    format: 'hclog, aws-sdk-go v1 error on an ASG resource',
    line: `${TS} [ERROR] internal_plugin.aws-asg: failed to scale: error="AccessDenied: User: arn:aws:iam::210987654321:user/acme-nomad-asg-user is not authorized to perform: autoscaling:UpdateAutoScalingGroup on resource: arn:aws:autoscaling:us-east-1:210987654321:autoScalingGroup:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b:autoScalingGroupName/acme-ci-circleci-nomad-clients-asg\\n\\tstatus code: 403"`,
    captures: {
      principalArn: 'arn:aws:iam::210987654321:user/acme-nomad-asg-user',
      action: 'autoscaling:UpdateAutoScalingGroup',
      resource:
        'arn:aws:autoscaling:us-east-1:210987654321:autoScalingGroup:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b:autoScalingGroupName/acme-ci-circleci-nomad-clients-asg',
      asgName: 'acme-ci-circleci-nomad-clients-asg',
    },
  },
  {
    rule: 'nomad-autoscaler.policy-min-greater-than-max',
    service: 'nomad-autoscaler',
    format: 'hclog continuation with a tab',
    line: '  | \t* failed to validate file /etc/nomad-autoscaler/policies/cluster.hcl: policy Min must not be greater Max',
    captures: { policyFile: '/etc/nomad-autoscaler/policies/cluster.hcl' },
  },
  {
    rule: 'nomad-autoscaler.policy-min-greater-than-max',
    service: 'nomad-autoscaler',
    format: 'hclog nested multierror continuation',
    line: '  | \t\t* policy Min must not be greater Max',
    captures: { policyFile: undefined },
  },
  {
    rule: 'nomad-autoscaler.policy-min-greater-than-max',
    service: 'nomad-autoscaler',
    format: 'hclog quoted single-line error value',
    line: r`${TS} [ERROR] policy_manager: encountered an error monitoring policy IDs: error="1 error occurred:\n\t* failed to validate file /etc/nomad-autoscaler/policies/cluster.json: policy Min must not be greater Max\n\n"`,
    captures: { policyFile: '/etc/nomad-autoscaler/policies/cluster.json' },
  },
  {
    rule: 'nomad-autoscaler.policy-invalid',
    service: 'nomad-autoscaler',
    format: 'hclog continuation',
    line: '  | \t* failed to validate file /etc/nomad-autoscaler/policies/cluster.hcl: 1 error occurred:',
    captures: { policyFile: '/etc/nomad-autoscaler/policies/cluster.hcl' },
  },
  {
    rule: 'nomad-autoscaler.policy-invalid',
    service: 'nomad-autoscaler',
    format: 'hclog continuation',
    line: "  | \t\t* policy Min can't be negative",
  },
  {
    rule: 'nomad-autoscaler.asg-name-missing',
    service: 'nomad-autoscaler',
    format: 'hclog',
    line: `${TS} [WARN]  policy_manager.policy_handler: failed to get target status: policy_id=${POLICY} error="required config param aws_asg_name not found"`,
  },
  {
    rule: 'nomad-autoscaler.node-drain-failed',
    service: 'nomad-autoscaler',
    format: 'hclog',
    line: `${TS} [ERROR] policy_manager.policy_handler: failed to scale target: policy_id=${POLICY} error="failed to perform scaling action: failed to drain node: Unexpected response code: 500"`,
  },
  {
    rule: 'nomad-autoscaler.node-drain-failed',
    service: 'nomad-autoscaler',
    format: 'hclog',
    line: `${TS} [ERROR] internal_plugin.aws-asg: failed to drain nodes: error="received error while draining node: node ${NODE} not found"`,
  },
  {
    rule: 'nomad-autoscaler.node-draining',
    service: 'nomad-autoscaler',
    format: 'hclog INFO scale-in drain',
    line: `${TS} [INFO]  internal_plugin.aws-asg: triggering drain on node: node_id=${NODE} deadline=5m0s`,
    captures: { node: NODE },
  },
  {
    rule: 'nomad-autoscaler.node-draining',
    service: 'nomad-autoscaler',
    format: 'hclog pool readiness error',
    line: `${TS} [WARN]  policy_manager.policy_handler: failed to get target status: policy_id=${POLICY} error="failed to run Nomad node readiness check: node ${NODE} is draining"`,
    captures: { node: NODE },
  },
  {
    rule: 'nomad-autoscaler.min-raised-to-one',
    service: 'nomad-autoscaler',
    format: 'hclog',
    line: `${TS} [INFO]  policy_manager: policy modified: policy_id=${POLICY} modification="min value set to 1 since scaling cluster to 0 is not supported by the Nomad APM"`,
  },
  {
    rule: 'nomad-autoscaler.policy-error',
    service: 'nomad-autoscaler',
    format: 'hclog header of a multi-line error',
    line: `${TS} [ERROR] policy_manager: encountered an error monitoring policy IDs: error=`,
  },

  // nomad-server
  {
    rule: 'nomad-server.rpc-connection-limit',
    service: 'nomad-server',
    format: 'hclog',
    line: `${TS} [ERROR] nomad.rpc: rejecting client for exceeding maximum RPC connections: remote_addr=10.0.12.34:51234 limit=100`,
    captures: { host: '10.0.12.34:51234' },
  },
  {
    rule: 'nomad-server.rpc-connection-limit',
    service: 'nomad-server',
    format: 'hclog JSON',
    line: '{"@level":"error","@message":"rejecting client for exceeding maximum RPC connections","@module":"nomad.rpc","@timestamp":"2025-03-14T09:41:00.123456Z","limit":100,"remote_addr":"10.0.12.35:40001"}',
  },
  {
    rule: 'nomad-server.lead-thread-no-connection',
    service: 'nomad-server',
    format: 'hclog',
    line: `${TS} [ERROR] nomad.rpc: RPC failed to server: method=Node.UpdateStatus server=10.0.3.7:4647 error="rpc error: failed to get conn: rpc error: lead thread didn't get connection"`,
  },
  {
    rule: 'nomad-server.lead-thread-no-connection',
    service: 'nomad-server',
    format: 'hclog JSON',
    line: `{"@level":"error","@message":"RPC failed to server","@module":"nomad.rpc","error":"rpc error: lead thread didn't get connection","server":"10.0.3.7:4647"}`,
  },
  {
    rule: 'nomad-server.no-leader',
    service: 'nomad-server',
    format: 'hclog',
    line: `${TS} [ERROR] worker: failed to dequeue evaluation: worker_id=2c1f error="No cluster leader"`,
  },
  {
    rule: 'nomad-server.no-leader',
    service: 'nomad-server',
    format: 'hclog raft',
    line: `${TS} [WARN]  nomad.raft: heartbeat timeout reached, starting election: last-leader-addr=10.0.1.5:4647 last-leader-id=1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901`,
  },
  {
    rule: 'nomad-server.failed-update-evaluation',
    service: 'nomad-server',
    format: 'hclog',
    line: `${TS} [ERROR] worker: failed to update evaluation: eval_id=9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d error="rpc error: timed out enqueuing operation"`,
  },
  {
    rule: 'nomad-server.failed-to-get-conn',
    service: 'nomad-server',
    format: 'hclog',
    line: `${TS} [ERROR] nomad.rpc: RPC failed to server: method=Node.GetClientAllocs server=10.0.3.7:4647 error="rpc error: failed to get conn: dial tcp 10.0.3.7:4647: i/o timeout"`,
    captures: { host: '10.0.3.7:4647' },
  },
  {
    rule: 'nomad-server.failed-to-get-conn',
    service: 'nomad-server',
    format: 'hclog, dial with a local address',
    line: `${TS} [WARN]  nomad: error getting server health: server=nomad-server-1 error="rpc error getting client: failed to get conn: dial tcp <nil>->10.32.9.116:4647: connect: no route to host"`,
    captures: { host: '10.32.9.116:4647' },
  },
  {
    rule: 'nomad-server.rpc-error',
    service: 'nomad-server',
    format: 'hclog',
    line: `${TS} [ERROR] nomad.client: error performing RPC: error="rpc error: Permission denied"`,
  },
  {
    rule: 'nomad-server.rpc-error',
    service: 'nomad-server',
    format: 'hclog JSON',
    line: '{"@level":"warn","@message":"failed to dequeue evaluation","@module":"worker","error":"rpc error: eval broker disabled"}',
  },

  // nomad clients (journald dumps and hand-collected files)
  {
    rule: 'nomad-client.ci-privileged-missing',
    service: 'nomad-client',
    kind: 'journald',
    format: 'journald + hclog',
    line: `${J}2025-03-14T09:39:01.123Z [ERROR] client.driver_mgr.docker: failed to create container: driver=docker error="Error response from daemon: network ci-privileged not found"`,
    captures: { network: 'ci-privileged' },
  },
  {
    rule: 'nomad-client.ci-privileged-missing',
    service: 'unknown',
    kind: 'text',
    format: 'Nomad alloc stderr',
    line: 'Error: API error (404): network ci-privileged not found',
    captures: { network: 'ci-privileged' },
  },
  {
    rule: 'nomad-client.ci-privileged-missing',
    service: 'host',
    kind: 'journald',
    format: 'journald docker CLI',
    line: 'Mar 14 09:39:02 ip-10-0-12-34 docker[2222]: Error response from daemon: No such network: ci-privileged',
    captures: { network: 'ci-privileged' },
  },
  {
    rule: 'nomad-client.apt-lock-at-boot',
    service: 'cloud-init',
    kind: 'cloud-init',
    format: 'cloud-init output',
    line: 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1789 (unattended-upgr)',
  },
  {
    rule: 'nomad-client.apt-lock-at-boot',
    service: 'host',
    kind: 'journald',
    format: 'journald',
    line: 'Mar 14 09:30:12 ip-10-0-12-34 cloud-init[987]: E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?',
  },
  {
    rule: 'nomad-client.apt-lock-at-boot',
    service: 'nomad-client',
    kind: 'journald',
    format: 'journald',
    line: 'Mar 14 09:30:15 ip-10-0-12-34 nomad-bootstrap.sh[990]: waiting for dpkg lock to be released',
  },
  {
    rule: 'nomad-client.output-processor-unreachable',
    service: 'nomad-client',
    kind: 'journald',
    format: 'JSON (logrus) from the operations guide',
    line: '{"error":"rpc error: code = Unavailable desc = grpc: the connection is unavailable","level":"warning","msg":"error fetching config, retrying","time":"2018-04-17T18:47:01Z"}',
  },
  {
    rule: 'nomad-client.output-processor-unreachable',
    service: 'unknown',
    kind: 'text',
    format: 'logfmt',
    line: 'time="2025-03-14T09:39:03Z" level=warning msg="error fetching config, retrying" error="rpc error: code = Unavailable desc = grpc: the connection is unavailable"',
  },
  {
    rule: 'nomad-client.server-unreachable',
    service: 'nomad-client',
    kind: 'journald',
    format: 'journald + hclog',
    line: `${J}2025-03-14T09:39:05.000Z [ERROR] client.rpc: error performing RPC to server: error="rpc error: failed to get conn: dial tcp 10.0.1.20:4647: i/o timeout" rpc=Node.Register server=10.0.1.20:4647`,
  },
  {
    rule: 'nomad-client.server-unreachable',
    service: 'nomad-client',
    kind: 'journald',
    format: 'journald + hclog',
    line: `${J}2025-03-14T09:39:06.000Z [ERROR] client: error registering: error="no servers"`,
  },
  {
    rule: 'nomad-client.docker-error',
    service: 'nomad-client',
    kind: 'journald',
    format: 'journald + hclog',
    line: `${J}2025-03-14T09:39:07.000Z [ERROR] client.driver_mgr.docker: failed to create container: driver=docker container_name=build-7a2b error="Error response from daemon: Conflict. The container name is already in use"`,
  },
  {
    rule: 'nomad-client.docker-error',
    service: 'host',
    kind: 'journald',
    format: 'journald',
    line: 'Mar 14 09:39:08 ip-10-0-12-34 docker-gc[3333]: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
  },
  {
    rule: 'nomad-client.disk-full',
    service: 'nomad-client',
    kind: 'journald',
    format: 'journald + hclog (Go error text)',
    line: `${J}2025-03-14T09:39:09.000Z [ERROR] client.alloc_runner.task_runner: running driver failed: alloc_id=1a2b task=build error="failed to pull image: write /var/lib/docker/tmp/GetImageBlob123: no space left on device"`,
  },
  {
    rule: 'nomad-client.oom-killer',
    service: 'nomad-client',
    kind: 'journald',
    format: 'journald kernel',
    line: 'Mar 14 09:45:00 ip-10-0-12-34 kernel: Out of memory: Killed process 4321 (java) total-vm:8123456kB, anon-rss:4000000kB, file-rss:0kB',
    captures: { process: 'java' },
  },
];

export const nomadNegatives: Negative[] = [
  { service: 'nomad-autoscaler', why: 'normal startup', line: `${TS} [INFO]  agent: Starting Nomad Autoscaler agent` },
  {
    service: 'nomad-autoscaler',
    why: 'policy monitor start',
    line: `${TS} [INFO]  file_policy_source: starting file policy monitor: file=/etc/nomad-autoscaler/policies/cluster.hcl name=circleci-nomad-clients policy_id=${POLICY}`,
  },
  { service: 'nomad-autoscaler', why: 'worker start', line: `${TS} [INFO]  policy_eval: starting workers: cluster=10 horizontal=10` },
  { service: 'nomad-autoscaler', why: 'drain finished', line: `${TS} [INFO]  internal_plugin.aws-asg: node drain complete: node_id=${NODE}` },
  {
    service: 'frontend',
    why: 'autoscaler wording in another service is not the autoscaler',
    line: `${TS} [WARN]  some.component: expected 1 Autoscaling Group, got 0`,
  },
  {
    service: 'nomad-server',
    why: 'Nomad checkpoint update check',
    line: r`${TS} [ERROR] agent: update check failed: error="Get \"https://checkpoint-api.hashicorp.com/v1/check/nomad?arch=amd64&os=linux\": dial tcp: lookup checkpoint-api.hashicorp.com: i/o timeout"`,
  },
  {
    service: 'nomad-server',
    why: 'checkpoint line mentioning an rpc error',
    line: `${TS} [ERROR] agent: update check failed: error="rpc error: failed to get conn: checkpoint-api.hashicorp.com"`,
  },
  { service: 'nomad-server', why: 'DEBUG connection pool line', line: `${TS} [DEBUG] nomad.rpc: failed to get conn, retrying: server=10.0.3.7:4647` },
  { service: 'nomad-server', why: 'DEBUG rpc line', line: `${TS} [DEBUG] nomad.rpc: rpc error while streaming, will retry: method=Status.Ping` },
  { service: 'nomad-server', why: 'limit setting printed at INFO', line: `${TS} [INFO]  agent: limits: rpc_max_conns_per_client=100 http_max_conns_per_client=100` },
  {
    service: 'nomad-client',
    kind: 'journald',
    why: 'checkpoint on a client',
    line: `${J}2025-03-14T09:39:01.000Z [ERROR] agent: update check failed: error="dial tcp: lookup checkpoint-api.hashicorp.com: connection timed out"`,
  },
  {
    service: 'host',
    kind: 'journald',
    why: 'checkpoint on a machine host must not look like a network timeout',
    line: `Mar 14 09:39:01 ip-10-0-5-6 nomad[1234]: 2025-03-14T09:39:01.000Z [ERROR] agent: update check failed: error="dial tcp 52.1.2.3:443: connect: connection timed out"`,
  },
  { service: 'nomad-client', kind: 'journald', why: 'container created fine', line: `${J}2025-03-14T09:39:01.000Z [INFO]  client.driver_mgr.docker: created container: driver=docker container_id=abc` },
  { service: 'cloud-init', kind: 'cloud-init', why: 'benign unattended-upgrades unit', line: 'Started Unattended Upgrades Shutdown.' },
];

/** `docker network ls` outputs: with and without the ci-privileged network. */
export const NETWORK_LS_WITH = [
  'NETWORK ID     NAME            DRIVER    SCOPE',
  '1a2b3c4d5e6f   bridge          bridge    local',
  '3f2a1b4c5d6e   ci-privileged   bridge    local',
  '7a8b9c0d1e2f   host            host      local',
  '9f8e7d6c5b4a   none            null      local',
];
export const NETWORK_LS_WITHOUT = [
  'NETWORK ID     NAME                DRIVER    SCOPE',
  '1a2b3c4d5e6f   bridge              bridge    local',
  '4b5c6d7e8f90   ci-privileged-old   bridge    local',
  '7a8b9c0d1e2f   host                host      local',
  '9f8e7d6c5b4a   none                null      local',
];
