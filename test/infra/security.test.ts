import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENRICHMENT_ACTIONS } from '../../infra/constructs/enrichment-policy.js';
import { actionsOfRole, FULL_CONTEXT, functionOf, logicalIdOf, resourcesOf, SERVICES, statementsOfRole, synthPipeline } from './synth.js';

/** Every resource a role may read secrets from (CDK merges grants into one statement). */
function secretResources(template: Template, role: string): unknown[] {
  return statementsOfRole(template, role)
    .filter((st) => JSON.stringify(st.Action).includes('secretsmanager:'))
    .flatMap((st) => (Array.isArray(st.Resource) ? (st.Resource as unknown[]) : [st.Resource]));
}

const SSL_DENY = { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

describe('IncidentPipelineStack security properties', () => {
  let template: Template;
  let full: Template;

  beforeAll(() => {
    template = synthPipeline().template;
    full = synthPipeline(FULL_CONTEXT).template;
  });

  describe('redaction key', () => {
    it('is one generated secret every function may read, named in its environment', () => {
      template.resourceCountIs('AWS::SecretsManager::Secret', 1);
      const secret = logicalIdOf(template, 'AWS::SecretsManager::Secret');
      for (const service of SERVICES) {
        const fn = functionOf(template, service);
        expect(fn.properties.Environment.Variables.REDACTION_KEY_SECRET_ARN).toEqual({ Ref: secret });
        expect(actionsOfRole(template, fn.properties.Role['Fn::GetAtt'][0])).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
      }
    });
  });

  describe('bundle bucket', () => {
    it('blocks public access, encrypts, versions and sends events to EventBridge', () => {
      template.hasResource('AWS::S3::Bucket', {
        Properties: Match.objectLike({
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          VersioningConfiguration: { Status: 'Enabled' },
          NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
          LoggingConfiguration: { DestinationBucketName: { Ref: 'BundleAccessLogsBucket' }, LogFilePrefix: 'bundles/' },
        }),
      });
    });

    it('expires uploads, reports and old versions', () => {
      const rules = (resourcesOf(template, 'AWS::S3::Bucket').BundleBucket!.Properties!.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      expect(rules).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Prefix: 'incoming/', ExpirationInDays: 30, Status: 'Enabled' }),
          expect.objectContaining({ Prefix: 'reports/', ExpirationInDays: 90, Status: 'Enabled' }),
          expect.objectContaining({
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            ExpiredObjectDeleteMarker: true,
          }),
        ]),
      );
    });

    it('takes the retention from context', () => {
      const { template: custom } = synthPipeline({ bundleRetentionDays: '7' });
      const rules = (resourcesOf(custom, 'AWS::S3::Bucket').BundleBucket!.Properties!.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'incoming/', ExpirationInDays: 7 }));
    });

    it('denies every request without TLS, on both buckets', () => {
      for (const bucket of ['BundleBucket', 'BundleAccessLogsBucket']) {
        template.hasResourceProperties('AWS::S3::BucketPolicy', {
          Bucket: { Ref: bucket },
          PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ ...SSL_DENY, Action: 's3:*' })]) },
        });
      }
    });

    it('lets S3 log delivery write access logs through the bucket policy, not ACLs', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: 'BundleAccessLogsBucket' },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' })]),
        },
      });
      const logs = resourcesOf(template, 'AWS::S3::Bucket').BundleAccessLogsBucket!.Properties!;
      expect(logs.AccessControl).toBeUndefined();
      expect(logs.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    });
  });

  describe('tables', () => {
    it('keeps incidents on demand, encrypted, recoverable and expiring by TTL', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
          }),
        ],
      });
    });

    it('gives Powertools idempotency its default layout', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      });
    });
  });

  describe('topics and queues', () => {
    it('encrypts both topics with a rotated customer managed key and requires TLS to publish', () => {
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      const topics = resourcesOf(template, 'AWS::SNS::Topic');
      expect(Object.keys(topics).sort()).toEqual(['AlarmIntakeTopic', 'IncidentTopic']);
      for (const topic of ['IncidentTopic', 'AlarmIntakeTopic']) {
        expect(topics[topic]!.Properties?.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': ['TopicKey', 'Arn'] });
        template.hasResourceProperties('AWS::SNS::TopicPolicy', {
          Topics: [{ Ref: topic }],
          PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ ...SSL_DENY, Action: 'sns:Publish' })]) },
        });
      }
    });

    it('lets only this account\'s CloudWatch alarms publish and use the key', () => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: 'AlarmIntakeTopic' }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: Match.anyValue() },
            }),
          ]),
        },
      });
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
          ]),
        },
      });
    });

    it('encrypts every queue and requires TLS on each', () => {
      const queues = resourcesOf(template, 'AWS::SQS::Queue');
      expect(Object.keys(queues)).toHaveLength(5);
      for (const [id, queue] of Object.entries(queues)) {
        expect(queue.Properties!.SqsManagedSseEnabled, id).toBe(true);
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ ...SSL_DENY, Action: Match.anyValue() })]) },
        });
      }
    });
  });

  describe('functions', () => {
    it('run on Node.js 24 arm64 with X-Ray tracing and an explicit log group with retention', () => {
      for (const service of SERVICES) {
        const fn = functionOf(template, service).properties;
        expect(fn.Runtime).toBe('nodejs24.x');
        expect(fn.Architectures).toEqual(['arm64']);
        expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
        expect(fn.Handler).toBe('index.handler');
        const logGroup = (fn.LoggingConfig!.LogGroup as { Ref: string }).Ref;
        expect(resourcesOf(template, 'AWS::Logs::LogGroup')[logGroup]!.Properties!.RetentionInDays).toBe(30);
      }
    });

    it('size memory and timeout for the work: streaming triage gets the most', () => {
      expect(functionOf(template, 'bundle-triage').properties).toMatchObject({ MemorySize: 2048, Timeout: 300 });
      expect(functionOf(template, 'alarm-intake').properties).toMatchObject({ MemorySize: 512, Timeout: 120 });
      expect(functionOf(template, 'notifier').properties).toMatchObject({ MemorySize: 256, Timeout: 30 });
    });

    it('reserve concurrency for the alarm function only, from context', () => {
      expect(functionOf(template, 'alarm-intake').properties.ReservedConcurrentExecutions).toBe(2);
      expect(functionOf(template, 'bundle-triage').properties.ReservedConcurrentExecutions).toBeUndefined();
      const unreserved = synthPipeline({ alarmReservedConcurrency: '0' }).template;
      expect(functionOf(unreserved, 'alarm-intake').properties.ReservedConcurrentExecutions).toBeUndefined();
    });

    it('use roles of their own without AWS managed policies', () => {
      for (const service of SERVICES) {
        const role = functionOf(template, service).properties.Role['Fn::GetAtt'][0];
        expect(resourcesOf(template, 'AWS::IAM::Role')[role]!.Properties!.ManagedPolicyArns).toBeUndefined();
      }
    });

    it('receive the Slack secret by ARN only, and may read just that secret', () => {
      const notifier = functionOf(full, 'notifier');
      expect(notifier.properties.Environment.Variables.SLACK_SECRET_ARN).toBe(FULL_CONTEXT.slackSecretArn);
      const role = notifier.properties.Role['Fn::GetAtt'][0];
      // Besides the shared redaction key, the only secret the notifier may read is Slack's.
      const redactionKey = { Ref: logicalIdOf(full, 'AWS::SecretsManager::Secret') };
      expect(secretResources(full, role)).toEqual(expect.arrayContaining([FULL_CONTEXT.slackSecretArn, redactionKey]));
      expect(secretResources(full, role)).toHaveLength(2);
      for (const service of SERVICES) {
        const values = JSON.stringify(functionOf(full, service).properties.Environment.Variables);
        expect(values).not.toMatch(/hooks\.slack\.com|webhookUrl|xox[abp]-/);
      }
    });

    it('leave Slack out entirely when no secret is configured', () => {
      const notifier = functionOf(template, 'notifier');
      expect(notifier.properties.Environment.Variables.SLACK_SECRET_ARN).toBeUndefined();
      const redactionKey = { Ref: logicalIdOf(template, 'AWS::SecretsManager::Secret') };
      expect(secretResources(template, notifier.properties.Role['Fn::GetAtt'][0])).toEqual([redactionKey]);
    });

    it('attach the documented enrichment actions to triage and alarm intake, not to the notifier', () => {
      const policy = logicalIdOf(template, 'AWS::IAM::Policy', {
        PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Action: 'cloudtrail:LookupEvents' })]) }),
      });
      const properties = resourcesOf(template, 'AWS::IAM::Policy')[policy]!.Properties!;
      const statements = (properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: string; Effect: string }[] }).Statement;
      expect(statements.flatMap((s) => s.Action).sort()).toEqual([...ENRICHMENT_ACTIONS].sort());
      expect(statements.every((s) => s.Effect === 'Allow' && s.Resource === '*')).toBe(true);
      expect([...ENRICHMENT_ACTIONS].sort()).toEqual([
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeInstanceRefreshes',
        'autoscaling:DescribeLifecycleHooks',
        'cloudtrail:LookupEvents',
        'sts:DecodeAuthorizationMessage',
      ]);
      const roles = (properties.Roles as { Ref: string }[]).map((r) => r.Ref).sort();
      const roleOf = (service: string): string => functionOf(template, service).properties.Role['Fn::GetAtt'][0];
      expect(roles).toEqual([roleOf('alarm-intake'), roleOf('bundle-triage')].sort());
    });

    it('query CloudTrail through Athena when configured, with the enrichment module\'s statements', () => {
      const roleOf = (service: string): string => functionOf(full, service).properties.Role['Fn::GetAtt'][0];
      for (const service of ['bundle-triage', 'alarm-intake']) {
        expect(actionsOfRole(full, roleOf(service))).toEqual(expect.arrayContaining(['athena:StartQueryExecution', 'glue:GetTable']));
        expect(functionOf(full, service).properties.Environment.Variables).toMatchObject({
          ENRICHMENT_TRAIL_BACKEND: 'athena',
          ENRICHMENT_ATHENA_DATABASE: 'trail',
          ENRICHMENT_ATHENA_TABLE: 'cloudtrail_logs',
          ENRICHMENT_ATHENA_WORKGROUP: 'primary',
          ENRICHMENT_ATHENA_OUTPUT: 's3://athena-results-123/incident-pipeline/',
        });
      }
      expect(actionsOfRole(full, roleOf('notifier')).some((a) => a.startsWith('athena:'))).toBe(false);
      expect(actionsOfRole(template, functionOf(template, 'bundle-triage').properties.Role['Fn::GetAtt'][0]).some((a) => a.startsWith('athena:'))).toBe(false);
    });

    it('never allow deleting bundles or reports', () => {
      for (const service of SERVICES) {
        const role = functionOf(template, service).properties.Role['Fn::GetAtt'][0];
        expect(actionsOfRole(template, role).filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
      }
    });
  });
});
