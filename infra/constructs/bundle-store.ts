import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { pinLogicalId } from './logical-id.js';

/** Operators upload here; `incoming/<folder>/<file>` groups the files of one incident. */
export const INCOMING_PREFIX = 'incoming/';
/** Report bodies (JSON and Markdown) the incident items point to; never matched by the upload trigger. */
export const REPORTS_PREFIX = 'reports/';
/** Small per-installation state carried from a triage to later alarms (last autoscaler policies). */
export const STATE_PREFIX = 'state/';
/**
 * What each input of an incident gave the triage, and the fold of an incident's inputs per report
 * version: a new upload reads only its own object and these. They hold raw log lines, so they are
 * kept no longer than the uploads themselves.
 */
export const TRIAGE_STATE_PREFIX = 'triage-state/';

export interface BundleStoreProps {
  /** Days an uploaded bundle is kept; bundles hold logs, hostnames and tokens. */
  readonly bundleRetentionDays: number;
  readonly reportRetentionDays: number;
  readonly accessLogRetentionDays: number;
}

/**
 * The bundle bucket and the bucket receiving its server access logs. Both are private,
 * TLS-only and encrypted; the bundle bucket is versioned and sends its events to EventBridge.
 */
export class BundleStore extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: BundleStoreProps) {
    super(scope, id);

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // S3 server access logging only delivers to SSE-S3 buckets
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.accessLogRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.accessLogs, 'BundleAccessLogsBucket');
    acknowledge(this.accessLogs, {
      'AwsSolutions-S1': 'This bucket is the access-log destination; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Bundles', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'bundles/',
      lifecycleRules: [
        {
          id: 'expire-bundles',
          prefix: INCOMING_PREFIX,
          expiration: Duration.days(props.bundleRetentionDays),
        },
        {
          id: 'expire-triage-state',
          prefix: TRIAGE_STATE_PREFIX,
          expiration: Duration.days(props.bundleRetentionDays),
        },
        {
          id: 'expire-reports',
          prefix: REPORTS_PREFIX,
          expiration: Duration.days(props.reportRetentionDays),
        },
        {
          // versioning keeps overwritten and deleted objects; large uploads can leave parts behind
          id: 'clean-up',
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          expiredObjectDeleteMarker: true,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.bucket, 'BundleBucket');
    // EventBridge delivery set on the bucket resource itself; `eventBridgeEnabled` would add a
    // custom-resource Lambda (and its managed-policy role) only to flip this same switch
    (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
  }
}

