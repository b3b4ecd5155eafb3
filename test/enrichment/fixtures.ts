import { REPORT_SCHEMA_VERSION, reportSchema, type Finding, type Report } from '../../functions/triage/report/schema.js';

/** A random-looking but fixed base64url blob, like the ones EC2 returns. */
export const BLOB =
  'AsqwHe0H2Vb3pcHvLoXdDtEmCv1cZr8Dv4k0EmRkxRPe_y7cLbJfYrTQ9zd8JZ2K3q8mH1R5v-W0cN7pXq3lB6tYgUe4sF9nKd2Vh8mZ1QxPrT5cL0aJ7bN3wYeR6uG4iO2sD9fH1kM8vXz5qWcE3rT7yU0pA6lS4gJ2hK9dF1zX8cV5bN3mQwErTyUiOpAsDfGhJkLzXcVbNm1234567890_-AbCdEfGh';
export const BLOB_2 = `${BLOB.slice(0, 200)}ZZZZ9999yyyyXXXX`;

export const TYPO_POLICY = `scaling "circleci-nomad-clients" {
  enabled = true
  min     = 2
  max     = 8

  policy {
    cooldown            = "3m"
    evaluation_interval = "45s"

    check "cpu_share" {
      source = "nomad-apm"
      query  = "percentage-allocated_cpu"
      strategy "target-value" {
        target         = "65"
        max_scale_down = "1"
      }
    }

    target "aws-asg" {
      dry-run             = "false"
      aws_asg_name        = "acme-ci-circleci-nomad-client-asg"
      node_class          = "linux-64bit"
      node_drain_deadline = "5m"
    }
  }
}
`;

export const AGENT_CONFIG = `nomad {
  address = "http://nomad-server:4646"
}
policy {
  dir = "/etc/nomad-autoscaler/policies"
}
apm "nomad-apm" {
  driver = "nomad-apm"
}
`;

export const ROLE_ARN = 'arn:aws:sts::210987654321:assumed-role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role/aws-go-sdk-1741944012';

export function finding(over: Partial<Finding> & Pick<Finding, 'id'>): Finding {
  return {
    ruleId: `rule.${over.id}`,
    issueType: 'cloud-permissions',
    severity: 'high',
    service: 'nomad-autoscaler',
    title: over.id,
    explanation: 'x',
    remediation: ['y'],
    count: over.evidence?.length ?? 1,
    firstSeen: '2025-03-14T09:40:12.318Z',
    lastSeen: '2025-03-14T09:41:00.000Z',
    timesAssumedUtc: false,
    evidence: [],
    locations: [],
    locationsTruncated: false,
    data: {},
    ...over,
  };
}

const AUTOSCALER_LOG = 'cluster-resources/pods/logs/circleci-server/nomad-autoscaler-5f7b9c8d6-k2v4p/nomad-autoscaler.log';
const PROVISIONER_LOG = 'cluster-resources/pods/logs/circleci-server/machine-provisioner-6d5f9b7c8-r8t2w/machine-provisioner.log';

/** A report as the triage core produces it for the "ASG typo + IAM denied" incident. */
export function incidentReport(over: Partial<Report> = {}): Report {
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: '2025-03-14T10:00:00.000Z',
    tool: { name: 'incident-triage', version: '0.1.0', rulePackVersion: '1' },
    inputs: [{ name: 'support-bundle.tar.gz', kind: 'bundle-archive', status: 'ok', bytesRead: 1000, files: 20 }],
    bundle: {
      name: 'support-bundle-2025-03-14T09_41_07',
      collectedAt: null,
      troubleshootVersion: 'v0.117.0',
      serverVersion: { value: '4.7.3', source: 'test' },
      kubernetesVersion: 'v1.29.10-eks-7f9249a',
      autoscalerVersion: '0.3.7',
      namespaces: ['circleci-server'],
      circleciContent: true,
      services: ['nomad-autoscaler', 'machine-provisioner'],
      restartingPods: [],
      notReadyNodes: [],
      jobs: [],
      images: [],
      autoscalerPolicies: [
        { source: 'cluster-resources/configmaps/circleci-server.json#nomad-autoscaler/config.hcl', name: 'config.hcl', text: AGENT_CONFIG },
        { source: 'cluster-resources/configmaps/circleci-server.json#nomad-autoscaler/cluster.hcl', name: 'cluster.hcl', text: TYPO_POLICY },
      ],
      stats: { files: 20, logFiles: 6, linesScanned: 500, bytesScanned: 50_000, skippedFiles: 0 },
    },
    summary: {
      severity: 'high',
      issueTypes: ['nomad-autoscaler', 'cloud-permissions'],
      headline: 'nomad-autoscaler cannot find its ASG',
      window: { start: '2025-03-14T09:40:12.318Z', end: '2025-03-14T09:41:00.000Z' },
    },
    findings: [
      finding({
        id: 'f-asg',
        issueType: 'nomad-autoscaler',
        title: 'expected 1 Autoscaling Group, got 0',
        data: { gotCount: ['0'], policyId: ['3d0b6c1e-8f2a-4e57-9a41-2c7d5be0f913'] },
        evidence: [
          {
            path: AUTOSCALER_LOG,
            line: 12,
            text: '2025-03-14T09:40:12.318Z [WARN]  policy_manager.policy_handler: failed to get target status: policy_id=3d0b6c1e-8f2a-4e57-9a41-2c7d5be0f913 error="failed to describe AWS Autoscaling Group: expected 1 Autoscaling Group, got 0"',
            timestamp: '2025-03-14T09:40:12.318Z',
          },
        ],
      }),
      finding({
        id: 'f-iam',
        data: { roleArn: [ROLE_ARN], action: ['autoscaling:DescribeAutoScalingGroups'] },
        evidence: [
          {
            path: AUTOSCALER_LOG,
            line: 30,
            text: `2025-03-14T09:40:57.000Z [WARN]  policy_manager.policy_handler: failed to get target status: error="failed to describe AWS Autoscaling Group: operation error Auto Scaling: DescribeAutoScalingGroups, https response error StatusCode: 403, RequestID: 0f5c2d7e-1111-2222-3333-444455556666, api error AccessDenied: User: ${ROLE_ARN} is not authorized to perform: autoscaling:DescribeAutoScalingGroups"`,
          },
        ],
      }),
      finding({
        id: 'f-sts',
        service: 'machine-provisioner',
        issueType: 'machine-executor',
        data: { encodedMessage: [BLOB], action: ['ec2:RunInstances'] },
        evidence: [
          {
            path: PROVISIONER_LOG,
            line: 7,
            text: `{"level":"error","ts":"2025-03-14T09:40:30Z","msg":"launch failed","error":"operation error EC2: RunInstances, https response error StatusCode: 403, api error UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${BLOB}"}`,
          },
        ],
      }),
    ],
    missingEvidence: [],
    nextSteps: [],
    ...over,
  };
  return reportSchema.parse(report);
}

/** What DecodeAuthorizationMessage returns for an implicit deny of ec2:RunInstances. */
export const DECODED_IMPLICIT = JSON.stringify({
  allowed: false,
  explicitDeny: false,
  matchedStatements: { items: [] },
  failures: { items: [] },
  context: {
    principal: { id: 'AROAEXAMPLE:i-0abc', arn: 'arn:aws:sts::210987654321:assumed-role/acme-ci-machine-provisioner/i-0abc' },
    action: 'ec2:RunInstances',
    resource: 'arn:aws:ec2:us-east-1:210987654321:volume/*',
    conditions: { items: [{ key: 'aws:Region', values: { items: [{ value: 'us-east-1' }] } }] },
  },
});

export const DECODED_EXPLICIT = JSON.stringify({
  allowed: false,
  explicitDeny: true,
  matchedStatements: {
    items: [
      {
        statementId: 'DenyLargeInstances',
        effect: 'DENY',
        principals: { items: [{ value: 'AROAEXAMPLE' }] },
        principalGroups: { items: [] },
        actions: { items: [{ value: 'ec2:RunInstances' }] },
        resources: { items: [{ value: '*' }] },
        conditions: { items: [] },
      },
    ],
  },
  failures: { items: [] },
  context: {
    principal: { id: 'AROAEXAMPLE:i-0abc', arn: 'arn:aws:sts::210987654321:assumed-role/acme-ci-machine-provisioner/i-0abc' },
    action: 'RunInstances',
    resource: 'arn:aws:ec2:us-east-1:210987654321:instance/*',
    conditions: { items: [{ key: 'ec2:InstanceType', values: { items: [{ value: 'm5.24xlarge' }] } }] },
  },
});

/** A CloudTrail record JSON as LookupEvents returns it in `CloudTrailEvent`. */
export function trailRecord(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.11',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:aws-go-sdk-1741944012',
      arn: ROLE_ARN,
      accountId: '210987654321',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLE',
          arn: 'arn:aws:iam::210987654321:role/acme-ci-circleci-nomad-clients-autoscaler-irsa-role',
          accountId: '210987654321',
          userName: 'acme-ci-circleci-nomad-clients-autoscaler-irsa-role',
        },
      },
    },
    eventTime: '2025-03-14T09:40:57Z',
    eventSource: 'autoscaling.amazonaws.com',
    eventName: 'DescribeAutoScalingGroups',
    awsRegion: 'us-east-1',
    errorCode: 'AccessDenied',
    errorMessage: `User: ${ROLE_ARN} is not authorized to perform: autoscaling:DescribeAutoScalingGroups`,
    requestParameters: null,
    responseElements: null,
    eventID: 'e-1',
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '210987654321',
    ...over,
  };
}
