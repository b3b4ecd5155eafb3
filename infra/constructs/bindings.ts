import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledge } from '../nag.js';
import type { PipelineFunction } from './pipeline-function.js';

/** Settings every pipeline function shares. */
export interface FunctionSettings {
  readonly projectRoot: string;
  /** Days an incident item lives (DynamoDB TTL); matches the report lifecycle in S3. */
  readonly incidentRetentionDays: number;
  readonly logLevel: string;
  readonly logRetentionDays: number;
  readonly installationId: string;
}

/** Configuration both intake functions (bundle triage, alarm intake) read. */
export function intakeEnvironment(
  settings: FunctionSettings,
  intake: { readonly circleciRoleNames: readonly string[]; readonly correlationWindowMinutes: number },
): Record<string, string> {
  return {
    CIRCLECI_ROLE_NAMES: intake.circleciRoleNames.join(','),
    CORRELATION_WINDOW_MINUTES: String(intake.correlationWindowMinutes),
    INSTALLATION_ID: settings.installationId,
    INCIDENT_RETENTION_DAYS: String(settings.incidentRetentionDays),
  };
}

/** Stores every pipeline function reads or writes. */
export interface SharedStores {
  readonly bucket: s3.Bucket;
  readonly incidents: dynamodb.Table;
  readonly idempotency: dynamodb.Table;
}

/*
 * Each binding grants one kind of access and acknowledges, on the function's role only,
 * the exact wildcard findings that grant produces, so no acknowledgement outlives its grant.
 */

/** The calls Powertools idempotency makes; narrower than grantReadWriteData. */
const IDEMPOTENCY_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

export function bindIdempotency(fn: PipelineFunction, table: dynamodb.Table): void {
  table.grant(fn, ...IDEMPOTENCY_ACTIONS);
  fn.addEnvironment('IDEMPOTENCY_TABLE_NAME', table.tableName);
}

/**
 * The calls the incident store makes (functions/adapters/dynamodb-incident-store.ts): conditional
 * puts, consistent gets and the open-incident query on gsi1. Nothing deletes, scans or batches.
 */
export const INCIDENT_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'];

/** Read/write on incident items, including queries on the gsi1 index. */
export function bindIncidents(fn: PipelineFunction, table: dynamodb.Table): void {
  table.grant(fn, ...INCIDENT_TABLE_ACTIONS);
  fn.addEnvironment('INCIDENT_TABLE_NAME', table.tableName);
  acknowledge(fn.role, {
    [`AwsSolutions-IAM5[Resource::<${logicalId(table)}.Arn>/index/*]`]:
      'Open incidents are queried through the gsi1 index; the table grant covers the table\'s indexes.',
  });
}

/**
 * Reads objects under one prefix (GetObject only). ListBucket, limited to the same prefix, lets S3
 * answer a missing key with NoSuchKey instead of AccessDenied, which the object store relies on.
 */
export function bindBucketRead(fn: PipelineFunction, bucket: s3.Bucket, prefix: string): void {
  iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:GetObject'], resourceArns: [bucket.arnForObjects(`${prefix}*`)] });
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } }),
  );
  fn.addEnvironment('BUCKET_NAME', bucket.bucketName);
  acknowledge(fn.role, {
    [`AwsSolutions-IAM5[Resource::<${logicalId(bucket)}.Arn>/${prefix}*]`]: `Object keys are only known at run time; access is limited to the ${prefix} prefix.`,
  });
}

/** Writes objects under one prefix (PutObject only: no delete, no tagging, no multipart). */
export function bindBucketPut(fn: PipelineFunction, bucket: s3.Bucket, prefix: string): void {
  iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:PutObject'], resourceArns: [bucket.arnForObjects(`${prefix}*`)] });
  fn.addEnvironment('BUCKET_NAME', bucket.bucketName);
  acknowledge(fn.role, {
    [`AwsSolutions-IAM5[Resource::<${logicalId(bucket)}.Arn>/${prefix}*]`]: `Object keys are only known at run time; access is limited to the ${prefix} prefix.`,
  });
}

/** Publishing to an encrypted topic, which includes generating data keys with its key. */
export function bindTopicPublish(fn: PipelineFunction, topic: sns.Topic): void {
  topic.grantPublish(fn);
  fn.addEnvironment('TOPIC_ARN', topic.topicArn);
  acknowledge(fn.role, {
    'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]': 'SNS needs data keys from the topic\'s key to publish; the grant names that key only.',
  });
}

/** Lets the handler dead-letter a malformed message at once, with its reason. */
export function bindDeadLetters(fn: PipelineFunction, queue: sqs.IQueue): void {
  queue.grantSendMessages(fn);
  fn.addEnvironment('DEAD_LETTER_QUEUE_URL', queue.queueUrl);
}

/**
 * Exponential retry backoff for the function's own SQS source: a failed record's visibility is
 * extended to base × 2^(receives − 1) seconds instead of the fixed visibility timeout.
 */
export function bindRetryBackoff(fn: PipelineFunction, queue: sqs.IQueue, baseSeconds: number): void {
  queue.grant(fn, 'sqs:ChangeMessageVisibility');
  fn.addEnvironment('RETRY_BACKOFF_BASE_SECONDS', String(baseSeconds));
}

/** Sending "incident changed" messages to the notifier. */
export function bindNotifyQueue(fn: PipelineFunction, queue: sqs.IQueue): void {
  queue.grantSendMessages(fn);
  fn.addEnvironment('NOTIFY_QUEUE_URL', queue.queueUrl);
}

function logicalId(resource: s3.Bucket | dynamodb.Table): string {
  return Stack.of(resource).resolve((resource.node.defaultChild as CfnResource).logicalId) as string;
}
