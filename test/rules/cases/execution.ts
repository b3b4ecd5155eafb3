import type { Negative, Positive } from '../helpers.js';

const r = String.raw;
const BLOB = 'vT3qRk0mX9_aZ-4bH7cJ2dL5eN8fP1gQ6hS3iU0jW9kY2lA5mC8nE1oG4pI7qK0rM3sO6tQ9uS2vU5wW8xY1zA4';

export const executionPositives: Positive[] = [
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
    rule: 'cloud.iam-access-denied',
    service: 'vm-gc',
    format: 'logfmt IRSA failure',
    line: 'level=error msg="aws credentials" error="WebIdentityErr: failed to retrieve credentials caused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity status code: 403"',
    captures: { action: 'sts:AssumeRoleWithWebIdentity' },
  },
];

export const executionNegatives: Negative[] = [
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
];
