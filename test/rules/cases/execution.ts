import type { Negative, Positive } from '../helpers.js';

const r = String.raw;
const BLOB = 'vT3qRk0mX9_aZ-4bH7cJ2dL5eN8fP1gQ6hS3iU0jW9kY2lA5mC8nE1oG4pI7qK0rM3sO6tQ9uS2vU5wW8xY1zA4';

export const executionPositives: Positive[] = [
  // real, bioconda/bioconda-recipes#11723 (job output of a machine job)
  {
    rule: 'machine.vm-preparation-failed',
    service: 'machine-provisioner',
    format: 'build agent',
    line: 'Unexpected environment preparation error: failed to create host: An internal error occurred when provisioning resources for this job.  Provisioning Service returned status code: 503',
    captures: { statusCode: '503' },
  },
  // distributor
  {
    rule: 'distributor.gateway-deadline-exceeded',
    service: 'distributor-external',
    format: 'logfmt',
    line: 'time="2025-03-14T09:39:58Z" level=error msg="gateway end: httpclient do: context deadline exceeded" job_id=5f1c2a9e-0d1e-4f2a-9b3c-4d5e6f7a8b9c',
  },
  {
    rule: 'distributor.gateway-deadline-exceeded',
    service: 'distributor-external',
    format: 'JSON',
    line: '{"level":"error","msg":"gateway end","error":"httpclient do: context deadline exceeded","task_id":"0a1b2c3d"}',
  },
  {
    rule: 'distributor.time-in-queue-high',
    service: 'distributor-external',
    format: 'logfmt seconds with unit',
    line: 'time="2025-03-14T09:39:58Z" level=info msg="task dispatched" time_in_queue=75.2s resource_class=medium',
    captures: { seconds: '75.2' },
  },
  {
    rule: 'distributor.time-in-queue-high',
    service: 'distributor-external',
    format: 'JSON number of seconds',
    line: '{"level":"info","msg":"task dispatched","time_in_queue":125,"resource_class":"large"}',
    captures: { seconds: '125' },
  },
  {
    rule: 'distributor.time-in-queue-high',
    service: 'distributor-internal',
    format: 'logfmt Go duration in minutes',
    line: 'level=info msg="task dispatched" time_in_queue=2m3.5s',
    captures: { duration: '2m3.5s', seconds: undefined },
  },
  {
    rule: 'distributor.time-in-queue-high',
    service: 'distributor-external',
    format: 'JSON string duration in hours',
    line: '{"level":"info","msg":"task dispatched","time_in_queue":"1h2m"}',
    captures: { duration: '1h2m' },
  },
  {
    rule: 'distributor.time-in-queue-high',
    service: 'distributor-external',
    format: 'JSON-escaped JSON inside a message',
    line: r`{"level":"info","msg":"queue metrics {\"time_in_queue\":90}"}`,
    captures: { seconds: '90' },
  },
  {
    rule: 'distributor.time-in-queue-high',
    service: 'distributor-external',
    format: 'milliseconds field',
    line: 'level=info msg="task dispatched" time_in_queue_ms=75000',
    captures: { milliseconds: '75000' },
  },
  {
    rule: 'distributor.time-in-queue-high',
    service: 'distributor-external',
    format: 'Go duration in milliseconds',
    line: 'level=info msg="task dispatched" time_in_queue=61000ms',
    captures: { duration: '61000ms' },
  },
  {
    rule: 'distributor.infra-fail',
    service: 'distributor-external',
    format: 'logfmt',
    line: 'time="2025-03-14T09:40:00Z" level=warn msg="task finished" job_id=5f1c2a9e-0d1e status=infra_fail',
    captures: { jobId: '5f1c2a9e-0d1e' },
  },
  {
    rule: 'distributor.infra-fail',
    service: 'distributor-external',
    format: 'JSON',
    line: '{"level":"error","msg":"job result","outcome":"INFRASTRUCTURE_FAIL","job_id":"abc123def456"}',
    captures: { jobId: 'abc123def456' },
  },
  {
    rule: 'distributor.context-deadline-exceeded',
    service: 'distributor-external',
    format: 'logfmt',
    line: r`level=error msg="fetch task config" error="Post \"http://execution-gateway/api/v2/task/config\": context deadline exceeded"`,
  },
  {
    rule: 'distributor-cleaner.infra-fail',
    service: 'distributor-cleaner',
    format: 'JSON',
    line: '{"level":"info","msg":"cleaned up stale task","task_id":"0a1b2c3d4e","status":"infra_fail"}',
    captures: { jobId: '0a1b2c3d4e' },
  },
  {
    rule: 'legacy-notifier.infra-fail',
    service: 'legacy-notifier',
    format: 'Logback',
    line: '2025-03-14 09:40:01.000 INFO 1 --- [notifier-1] c.c.notifier.Slack : sending notification build=acme/app/1234 status=infrastructure_fail',
  },
  {
    rule: 'job.infrastructure-fail',
    service: 'circleci-api',
    kind: 'job-details',
    format: 'API v1.1 job details (pretty JSON)',
    line: '  "status" : "infrastructure_fail",',
  },
  {
    rule: 'job.infrastructure-fail',
    service: 'circleci-api',
    kind: 'job-details',
    format: 'API v1.1 job details (compact JSON)',
    line: '{"build_num":1234,"infrastructure_fail":true,"status":"failed"}',
  },

  // execution-gateway
  {
    rule: 'execution-gateway.task-config-timeout',
    service: 'execution-gateway',
    format: 'JSON',
    line: '{"level":"error","msg":"request failed","path":"/api/v2/task/config","error":"context deadline exceeded","duration_ms":5003}',
  },
  {
    rule: 'execution-gateway.task-config-timeout',
    service: 'execution-gateway',
    format: 'logfmt',
    line: r`level=warn msg="downstream call" path=/api/v2/task/config error="Get \"http://contexts-service/api/v2/contexts\": net/http: request canceled (Client.Timeout exceeded while awaiting headers)"`,
  },
  {
    rule: 'execution-gateway.complete-task-failed',
    service: 'execution-gateway',
    format: 'logfmt',
    line: 'level=error msg="CompleteTask failed" task_id=0a1b2c3d error="rpc error: code = Unavailable desc = connection refused"',
  },
  {
    rule: 'execution-gateway.gateway-end-error',
    service: 'execution-gateway',
    format: 'logfmt',
    line: 'level=warn msg="gateway end" route=/api/v2/task/complete status=504 error="context canceled"',
  },
  {
    rule: 'execution-gateway.gateway-end-error',
    service: 'execution-gateway',
    format: 'JSON',
    line: '{"level":"info","msg":"gateway end","route":"/api/v2/task/event","status":502,"duration":"1.2s"}',
  },
  {
    rule: 'execution-gateway.context-deadline-exceeded',
    service: 'execution-gateway',
    format: 'logfmt',
    line: 'level=error msg="downstream call failed" service=contexts-service error="context deadline exceeded"',
  },
  {
    rule: 'execution-gateway.context-deadline-exceeded',
    service: 'execution-gateway',
    format: 'JSON',
    line: r`{"level":"error","msg":"call failed","error":"Post \"http://distributor-internal/api/task\": context deadline exceeded"}`,
  },

  // runner
  {
    rule: 'runner.task-claim-failed',
    service: 'runner-admin',
    format: 'logfmt',
    line: 'level=error msg="task claim failed" resource_class=acme/linux-large error="context deadline exceeded"',
  },
  {
    rule: 'runner.task-claim-failed',
    service: 'container-agent',
    format: 'JSON',
    line: '{"level":"error","msg":"failed to claim task","error":"409 conflict","resource_class":"acme/k8s"}',
  },
  {
    rule: 'runner.infra-fail',
    service: 'runner-admin',
    format: 'logfmt',
    line: 'level=warn msg="task finished" task_id=0a1b2c3d-4e5f status=infra_fail',
    captures: { jobId: '0a1b2c3d-4e5f' },
  },

  // machine executor
  {
    rule: 'machine-provisioner.infra-fail',
    service: 'machine-provisioner',
    format: 'JSON',
    line: '{"level":"error","msg":"provisioning failed","result":"infra_fail","job_id":"7d3e9f1a2b"}',
    captures: { jobId: '7d3e9f1a2b' },
  },
  {
    rule: 'machine-provisioner.infra-fail',
    service: 'machine-provisioner',
    format: 'JSON task outcome naming the denial',
    line: '{"level":"warn","msg":"task failed","task_id":"c2759f8f-6868-431e-b246-3cd079beec7d","status":"infra_fail","reason":"failed to provision machine: UnauthorizedOperation"}',
    captures: { jobId: 'c2759f8f-6868-431e-b246-3cd079beec7d' },
  },
  {
    rule: 'machine-provisioner.unauthorized-operation',
    service: 'machine-provisioner',
    format: 'JSON, newer EC2 message with the IAM reason',
    line: `{"level":"error","msg":"create instance","error":"UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:sts::210987654321:assumed-role/acme-machine-provisioner/i-0abc123 is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:210987654321:instance/* because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: ${BLOB}\\n\\tstatus code: 403, request id: 1a2b3c4d"}`,
    captures: {
      principalArn: 'arn:aws:sts::210987654321:assumed-role/acme-machine-provisioner/i-0abc123',
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:210987654321:instance/*',
      encodedMessage: BLOB,
    },
  },
  {
    rule: 'machine-provisioner.unauthorized-operation',
    service: 'machine-provisioner',
    format: 'logfmt, older EC2 message',
    line: `time="2025-03-14T09:40:00Z" level=error msg="run instances" error="UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${BLOB}"`,
    captures: { encodedMessage: BLOB, principalArn: undefined },
  },
  {
    rule: 'machine.disk-full',
    service: 'machine-provisioner',
    format: 'JSON',
    line: '{"level":"error","msg":"image cache write failed","error":"write /var/cache/images/ubuntu.img: No space left on device"}',
  },
  {
    rule: 'machine.disk-full',
    service: 'host',
    kind: 'journald',
    format: 'journald (Go error text)',
    line: 'Mar 14 09:39:01 ip-10-0-5-6 dockerd[812]: time="2025-03-14T09:39:01Z" level=error msg="failed to write layer" error="write /var/lib/docker/tmp/layer: no space left on device"',
  },
  {
    rule: 'machine.cannot-allocate-memory',
    service: 'host',
    kind: 'journald',
    format: 'journald kernel OOM',
    line: 'Mar 14 09:39:01 ip-10-0-5-6 kernel: Out of memory: Killed process 4321 (node) total-vm:2123456kB, anon-rss:1000000kB',
    captures: { process: 'node' },
  },
  {
    rule: 'machine.cannot-allocate-memory',
    service: 'host',
    kind: 'journald',
    format: 'journald shell',
    line: 'Mar 14 09:39:02 ip-10-0-5-6 bash[601]: bash: fork: Cannot allocate memory',
  },
  {
    rule: 'machine.connection-timed-out',
    service: 'host',
    kind: 'journald',
    format: 'journald',
    line: 'Mar 14 09:39:03 ip-10-0-5-6 circleci-launch-agent[555]: error: dial tcp 10.0.0.5:443: connect: connection timed out',
  },
  {
    rule: 'machine.connection-timed-out',
    service: 'machine-provisioner',
    format: 'JSON',
    line: '{"level":"warn","msg":"instance not reachable yet","error":"ssh: dial tcp 10.0.7.8:22: connect: Connection timed out"}',
  },

  // cloud permissions seen elsewhere
  {
    rule: 'cloud.iam-access-denied',
    service: 'output-processor',
    format: 'JSON, aws-sdk-go-v2 S3 error',
    line: '{"level":"error","msg":"upload artifact","error":"operation error S3: PutObject, https response error StatusCode: 403, RequestID: ABCD1234EF, HostID: aGVsbG8=, api error AccessDenied: Access Denied"}',
    captures: { statusCode: '403' },
  },
  {
    rule: 'cloud.iam-access-denied',
    service: 'unknown',
    kind: 'text',
    format: 'AWS CLI output',
    line: 'An error occurred (UnauthorizedOperation) when calling the DescribeInstances operation: User: arn:aws:iam::210987654321:user/ci-ops is not authorized to perform: ec2:DescribeInstances because no identity-based policy allows the ec2:DescribeInstances action',
    captures: { principalArn: 'arn:aws:iam::210987654321:user/ci-ops', action: 'ec2:DescribeInstances' },
  },
  {
    rule: 'aws.irsa-web-identity-refused',
    service: 'vm-gc',
    format: 'logfmt IRSA failure',
    line: 'level=error msg="aws credentials" error="WebIdentityErr: failed to retrieve credentials caused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity status code: 403"',
    captures: { action: 'sts:AssumeRoleWithWebIdentity' },
  },
  // Docker executor image pulls and containers on the Nomad clients
  {
    rule: 'docker-executor.image-manifest-unknown',
    service: 'nomad-client',
    format: 'docker CLI platform mismatch',
    line: 'no matching manifest for linux/arm64/v8 in the manifest list entries',
    captures: { platform: 'linux/arm64/v8' },
  },
  {
    rule: 'docker-executor.image-manifest-unknown',
    service: 'host',
    kind: 'journald',
    format: 'dockerd journal, registry with a port',
    line: 'Mar 14 09:39:01 ip-10-0-12-34 dockerd[812]: time="2025-03-14T09:39:01.268758099Z" level=error msg="Handler for POST /v1.43/images/create returned error: manifest for registry.internal:5000/team/app:1.2.3 not found"',
    captures: { image: 'registry.internal:5000/team/app:1.2.3' },
  },
  {
    rule: 'docker-executor.image-pull-denied',
    service: 'nomad-client',
    format: 'docker CLI',
    line: "Error response from daemon: pull access denied for acme/private-builder, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    captures: { image: 'acme/private-builder' },
  },
  {
    rule: 'docker-executor.network-create-failed',
    service: 'nomad-client',
    format: 'docker CLI',
    line: 'Error response from daemon: failed to create network job-5f2c8a1e: could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network',
    captures: { network: 'job-5f2c8a1e' },
  },
  // Real lines: moby/moby#31100 and moby/moby#42229.
  {
    rule: 'docker-executor.network-create-failed',
    service: 'nomad-client',
    format: 'dockerd (swarm task error)',
    line: 'starting container failed: container 27bd4b870733d866e62d3a7ba3367466984aaca442db8450a9746305762d9837: endpoint create on GW Network failed: failed to create endpoint gateway_27bd4b870733 on network docker_gwbridge: adding interface vethaa5c11e to bridge docker_gwbridge failed: exchange full',
    captures: { endpoint: 'gateway_27bd4b870733', network: 'docker_gwbridge' },
  },
  {
    rule: 'docker-executor.network-create-failed',
    service: 'nomad-client',
    format: 'docker CLI',
    line: 'Error response from daemon: failed to create endpoint eloquent_euclid on network bridge: failed to add the host (veth745d0c4) <=> sandbox (veth1b2fffb) pair interfaces: operation not supported.',
    captures: { network: 'bridge' },
  },
  // Real line: Crosstalk-Solutions/project-nomad#375.
  {
    rule: 'docker-executor.container-runtime-failed',
    service: 'nomad-client',
    format: 'docker CLI',
    line: 'Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/tmp/nomad-disk-info.json" to rootfs at "/app/storage/nomad-disk-info.json": not a directory',
  },
  // Real line: exadel-inc/CompreFace#1277.
  {
    rule: 'docker-executor.registry-unreachable',
    service: 'nomad-client',
    format: 'docker CLI',
    line: 'Error response from daemon: Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    captures: { registry: 'registry-1.docker.io' },
  },
  {
    rule: 'docker-executor.container-oom',
    service: 'nomad-client',
    format: 'Docker API inspect state',
    line: '"State": {"Status": "exited", "OOMKilled": true, "ExitCode": 137}',
  },
  {
    rule: 'docker-executor.image-pull-rate-limited',
    service: 'nomad-client',
    format: 'Nomad docker driver pull error',
    line: 'Failed to pull `cimg/base:2024.01`: toomanyrequests: You have reached your pull rate limit.',
  },
  // runner task failures: exit code and pod captures
  {
    rule: 'runner.task-failed',
    service: 'container-agent',
    format: 'container-agent task error',
    line: 'could not run task: launch circleci-agent on "container-0" failed: command terminated with exit code 137.',
    captures: { container: 'container-0', exitCode: '137' },
  },
  {
    rule: 'runner.task-failed',
    service: 'container-agent',
    format: 'invalid task pod',
    line: 'could not start task containers: error creating task pod: Pod "ccita-62ea7dff36e977580a329a9d-0-uzz1y8xi" is invalid: [spec.containers[0].resources.limits[cpu]: Invalid value]',
    captures: { pod: 'ccita-62ea7dff36e977580a329a9d-0-uzz1y8xi' },
  },
  // task orchestrator (runner-init) events and the task pod liveness probe (real lines, see the corpus)
  {
    rule: 'runner.task-failed',
    service: 'container-agent',
    format: 'task event',
    line: 'error on shutdown: task agent process is still running, which could interrupt the task. Possible reasons include the Pod being evicted or deleted: Check container logs for more details',
  },
  { rule: 'runner.task-failed', service: 'container-agent', format: 'task pod probe', line: 'Task agent appears not running: /bin/sh: 1: kill: No such process' },
  {
    rule: 'runner.task-claim-refused',
    service: 'unknown',
    format: 'launch-agent logrus',
    line: 'ERRO[0151] error running task                            error="unexpected error claiming task: server supplied detail: invalid bearer token (401-Unauthorized)"',
    captures: { detail: 'invalid bearer token', statusCode: '401' },
  },
  { rule: 'runner.job-not-runnable', service: 'unknown', format: 'job page', line: 'This job was claimed but has not received a heartbeat in over 5 minutes' },
  { rule: 'runner.job-not-runnable', service: 'unknown', format: 'job page', line: '"We cannot run this job using the selected resource class. Please check your configuration and try again."' },
  {
    rule: 'benign.other-ci-agent-journal',
    service: 'host',
    kind: 'journald',
    format: 'journald',
    line: 'Aug 28 07:38:33 ip-10-1-101-205 gitlab-runner[8726]: time="2018-08-28T07:38:33Z" level=error msg="Machine creation failed" error="exec: \\"docker-machine\\": executable file not found in $PATH"',
  },
  { rule: 'runner.provisioner-api-unreachable', service: 'runner-provisioner', format: 'runner provisioner message', line: 'failed to get unclaimed tasks' },
  {
    rule: 'docker-executor.daemon-containerd-failure',
    service: 'nomad-client',
    format: 'dockerd logfmt in journald',
    line: 'Aug 13 04:56:01 myvm dockerd[4305]: time="2020-08-13T04:56:01.401551111Z" level=error msg="Failed to restore container 450ab893b7e629bb47dbd00eef2fdd4086a7c3d25ff6d517d9bbb684fad9c1ff with containerd: error getting containerd task for container: failed to open stdout fifo: error creating fifo /var/run/docker/containerd/450ab893b7e629bb47dbd00eef2fdd4086a7c3d25ff6d517d9bbb684fad9c1ff/init-stdout: no such file or directory"',
  },
  // real, moby/moby#22685 and #25913; the containerd line is synthetic
  {
    rule: 'docker-executor.daemon-unit-failed',
    service: 'host',
    format: 'journald (older systemd)',
    line: 'Nov 11 11:30:45 icpworker01 systemd: docker.service: main process exited, code=exited, status=1/FAILURE',
    captures: { unit: 'docker' },
  },
  { rule: 'docker-executor.daemon-unit-failed', service: 'host', format: 'journald', line: 'Aug 22 08:10:56 webserver1 systemd[1]: Failed to start Docker Application Container Engine.' },
  {
    rule: 'docker-executor.daemon-unit-failed',
    service: 'nomad-client',
    format: 'journald',
    line: "Mar 14 09:40:12 ip-10-0-1-2 systemd[1]: containerd.service: Failed with result 'exit-code'.",
    captures: { unit: 'containerd' },
  },
  // real, jeroenjanssens/data-science-at-the-command-line#153
  {
    rule: 'docker-executor.layer-register-failed',
    service: 'unknown',
    kind: 'text',
    format: 'docker pull output',
    line: 'failed to register layer: write /usr/local/lib/python3.9/dist-packages/sklearn/ensemble/_gradient_boosting.cpython-39-x86_64-linux-gnu.so: input/output error',
  },
  // real, camalot/vscode-workspace-tasks#183 (CircleCI build agent)
  {
    rule: 'docker-executor.environment-preparation-failed',
    service: 'nomad-client',
    format: 'build agent',
    line: 'Unexpected environment preparation error: error connecting build-agent to ephemeral network: error connecting build-agent container to ephemeral network: Error response from daemon: invalid name or ID supplied: ""',
    captures: { reason: 'error connecting build-agent to ephemeral network: error connecting build-agent container to ephemeral network: Error response from daemon: invalid name or ID supplied: ""' },
  },
  // real, circleci/circleci-docs#4114 (a frame of the build agent's goroutine dump)
  {
    rule: 'docker-executor.build-agent-panic',
    service: 'nomad-client',
    format: 'Go goroutine dump',
    line: 'github.com/circleci/build-agent/pkg/eventprocessor.(*stubServer).ProcessTaskEvent(0xc000486000, 0x11d0c40, 0xc00055e4b0, 0xc00011a230, 0x0, 0x0, 0x0)',
    captures: { function: 'pkg/eventprocessor.(*stubServer).ProcessTaskEvent' },
  },
  // real, docker/hub-feedback#1195
  { rule: 'docker-executor.image-not-local', service: 'nomad-client', format: 'docker CLI', line: "Unable to find image 'ubuntu:latest' locally" },
  // real, awslabs/amazon-ecr-credential-helper#118
  {
    rule: 'docker-executor.image-pull-denied',
    service: 'nomad-client',
    format: 'dockerd logfmt',
    line: 'time="2018-10-23T18:02:42.616639182-03:00" level=error msg="Not continuing with pull after error: denied: Your Authorization Token has expired. Please run \'aws ecr get-login --no-include-email\' to fetch a new one."',
  },
  // real, IAmStoxe/wirehole#42
  {
    rule: 'docker-executor.container-runtime-failed',
    service: 'nomad-client',
    format: 'docker compose',
    line: 'unbound      | standard_init_linux.go:228: exec user process caused: exec format error',
    captures: { reason: 'exec format error' },
  },
  // real, docker-archive-public/docker.kitematic#2369
  {
    rule: 'docker-executor.registry-unreachable',
    service: 'nomad-client',
    format: 'Docker API client',
    line: '(HTTP code 500) server error - {"message":"Get https://registry-1.docker.io/v2/: net/http: TLS handshake timeout"}',
    captures: { registry: 'registry-1.docker.io' },
  },
  // real, xiaopeng163/docker.tips#4
  {
    rule: 'docker-executor.registry-unreachable',
    service: 'nomad-client',
    format: 'docker CLI, manifest HEAD',
    line: 'Error response from daemon: Head "https://registry-1.docker.io/v2/library/postgres/manifests/10": net/http: TLS handshake timeout',
    captures: { registry: 'registry-1.docker.io' },
  },
  // format string, CircleCI-Public/runner-installation-files download-launch-agent.sh
  {
    rule: 'runner.agent-download-corrupt',
    service: 'machine-runner',
    format: 'installer',
    line: 'Invalid checksum for CircleCI Launch Agent, please try download again',
    captures: { agent: 'Launch Agent' },
  },
  // real, StreisandEffect/streisand#820
  {
    rule: 'machine.connection-timed-out',
    service: 'machine-provisioner',
    format: 'Ansible wait_for',
    line: 'fatal: [xx-xx-xxx-xxx-xxx.us-west-x.compute.amazonaws.com]: FAILED! => {"changed": false, "elapsed": 2001, "failed": true, "msg": "Timeout when waiting for search string OpenSSH in xx.xxx.x.xx:xx"}',
  },
];

export const executionNegatives: Negative[] = [
  // Synthetic: a clean stop of the unit is not a failure.
  { service: 'host', why: 'docker stopped cleanly', line: 'Mar 14 09:40:12 ip-10-0-1-2 systemd[1]: docker.service: Main process exited, code=exited, status=0/SUCCESS', rule: 'docker-executor.daemon-unit-failed' },
  { service: 'unknown', why: 'another product claiming tasks', line: '21:53:10.284 WRN claim task failed component=daemon runtime_id=bc669eaa-60fc-44c5-965b-9f90eaad36a5 error="context deadline exceeded (Client.Timeout or context cancellation while reading body)"' },
  { service: 'container-agent', why: 'documented as harmless', line: 'PreStop hook: task agent appears never started or already stopped' },
  { service: 'distributor-external', why: 'small time_in_queue in seconds', line: 'level=info msg="task dispatched" time_in_queue=5.2s' },
  { service: 'distributor-external', why: 'time_in_queue just under a minute', line: 'level=info msg="task dispatched" time_in_queue=59' },
  { service: 'distributor-external', why: 'sub-second value', line: '{"level":"info","msg":"task dispatched","time_in_queue":0.75}' },
  { service: 'distributor-external', why: 'milliseconds below a minute', line: 'level=info msg="task dispatched" time_in_queue=600ms' },
  { service: 'distributor-external', why: 'milliseconds below a minute', line: 'level=info msg="task dispatched" time_in_queue_ms=45000' },
  { service: 'distributor-external', why: 'infra_fail counter at zero (logfmt)', line: 'level=info msg="metrics" distributor.infra_fail=0' },
  { service: 'distributor-external', why: 'infra_fail metric with count 0 (JSON)', line: '{"level":"info","metric":"infra_fail","count":0}' },
  { service: 'distributor-external', why: 'Prometheus sample at zero', line: 'distributor_infra_fail_total{executor="docker"} 0' },
  { service: 'my-app', why: 'infra_fail in a user application pod', line: 'level=error msg="task finished" status=infra_fail job_id=123456' },
  { service: 'coredns', why: 'deadline in another product', line: '[ERROR] plugin/kubernetes: Get "https://10.100.0.1:443/api/v1/services": context deadline exceeded' },
  {
    service: 'execution-gateway',
    why: 'user-facing step timeout in job output',
    line: 'level=error msg="step failed" error="Too long with no output (exceeded 10m0s): context deadline exceeded"',
  },
  {
    service: 'distributor-external',
    why: 'user-facing step timeout in job output',
    line: '{"level":"error","msg":"job output","error":"Too long with no output (exceeded 10m0s): context deadline exceeded"}',
  },
  { service: 'execution-gateway', why: 'route registration with a timeout setting', line: 'level=info msg="registered route" path=/api/v2/task/config timeout=30s' },
  { service: 'execution-gateway', why: 'deadline mentioned at INFO', line: 'level=info msg="retry budget" note="context deadline exceeded is retried" attempts=3' },
  { service: 'execution-gateway', why: 'successful request end', line: 'level=info msg="gateway end" route=/api/v2/task/config status=200 duration=0.12s' },
  { service: 'runner-admin', why: 'successful claim', line: 'level=info msg="task claimed" task_id=0a1b2c3d resource_class=acme/linux' },
  { service: 'circleci-api', kind: 'job-details', why: 'successful job', line: '  "status" : "success",' },
  { service: 'machine-provisioner', why: 'timeout configuration at INFO', line: '{"level":"info","msg":"ssh settings","connect_timeout":"30s","note":"Connection timed out errors are retried"}' },
  {
    service: 'kubelet',
    rule: 'docker-executor.image-pull-rate-limited',
    why: 'kubelet pull failures belong to the cluster, not to Docker executor jobs',
    line: 'Warning  Failed  50s (x4 over 2m24s)  kubelet  Failed to pull image "docker.io/library/redis:7": toomanyrequests: You have reached your pull rate limit.',
  },
  {
    service: 'host',
    rule: 'docker-executor.image-pull-rate-limited',
    why: 'kubelet events in a host journal are the cluster\'s pulls',
    line: 'Mar 14 09:39:01 ip-10-0-12-34 kubelet[777]: E0314 09:39:01.000000 777 pod_workers.go:1298] "Error syncing pod" err="failed to \\"StartContainer\\" with ErrImagePull: toomanyrequests"',
  },
  {
    service: 'host',
    rule: 'docker-executor.image-manifest-unknown',
    why: 'dockerd echoes the error at INFO while translating it',
    line: 'Mar 14 09:39:01 ip-10-0-12-34 dockerd[812]: time="2025-03-14T09:39:01Z" level=info msg="Translating \\"manifest unknown: manifest unknown\\" to \\"manifest for app:1 not found\\""',
  },
  {
    service: 'unknown',
    rule: 'docker-executor.image-pull-rate-limited',
    why: 'kubectl get events rows report the cluster\'s own pulls',
    line: '42m  Warning  Failed  pod/app-697cb8cd9b-fgnqj  Failed to pull image "org/app:latest": rpc error: code = Unknown desc = Error reading manifest latest in docker.io/org/app: toomanyrequests: You have reached your pull rate limit.',
  },
  {
    service: 'unknown',
    rule: 'docker-executor.container-oom',
    why: 'kubectl describe pod shows a Kubernetes container OOM kill',
    line: '      Reason:       OOMKilled',
  },
];
