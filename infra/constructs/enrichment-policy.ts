import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { athenaIamStatements, ENRICHMENT_IAM_STATEMENTS } from '../../functions/enrichment/iam-policy.js';
import type { AthenaTrailSettings } from '../config.js';
import { acknowledge } from '../nag.js';
import type { PipelineFunction } from './pipeline-function.js';

/** Every action of the enrichment policy (docs/enrichment-iam-policy.json). */
export const ENRICHMENT_ACTIONS: readonly string[] = ENRICHMENT_IAM_STATEMENTS.flatMap((statement) => statement.Action);

export interface EnrichmentPolicyProps {
  /** Query CloudTrail through Athena. @default - LookupEvents only */
  readonly athena?: AthenaTrailSettings;
}

/**
 * The read-only calls the enrichment makes (decoding authorization failure messages,
 * CloudTrail lookups, Auto Scaling checks), taken from the enrichment module so the
 * deployed policy and docs/enrichment-iam-policy.json cannot drift apart. It is a
 * standalone policy attached to each enriching function, kept apart from the grant-built
 * default policies so that its `Resource: *` acknowledgement covers these actions only.
 */
export class EnrichmentPolicy extends Construct {
  readonly policy: iam.Policy;
  readonly athenaPolicy: iam.Policy | undefined;
  private readonly environment: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: EnrichmentPolicyProps = {}) {
    super(scope, id);
    this.policy = new iam.Policy(this, 'Policy', {
      statements: ENRICHMENT_IAM_STATEMENTS.map((statement) => iam.PolicyStatement.fromJson(statement)),
    });
    acknowledge(this.policy, {
      'AwsSolutions-IAM5[Resource::*]': `${ENRICHMENT_ACTIONS.join(', ')} support no resource-level permissions, so IAM requires Resource "*".`,
    });

    const { athena } = props;
    if (athena === undefined) return;
    this.athenaPolicy = new iam.Policy(this, 'AthenaPolicy', {
      statements: athenaIamStatements({ partition: Aws.PARTITION, region: Aws.REGION, account: Aws.ACCOUNT_ID, ...athena }).map((statement) =>
        iam.PolicyStatement.fromJson(statement),
      ),
    });
    acknowledge(this.athenaPolicy, {
      [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${athena.trailBucket}/*]`]:
        'Athena reads the trail log objects of the queried days; their keys are only known at query time.',
      [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${athena.resultsBucket}/*]`]:
        'Athena writes query results under keys it chooses itself.',
    });
    Object.assign(this.environment, {
      ENRICHMENT_TRAIL_BACKEND: 'athena',
      ENRICHMENT_ATHENA_DATABASE: athena.database,
      ENRICHMENT_ATHENA_TABLE: athena.table,
      ENRICHMENT_ATHENA_WORKGROUP: athena.workGroup,
      ENRICHMENT_ATHENA_OUTPUT: `s3://${athena.resultsBucket}/incident-pipeline/`,
      ...(athena.partitionColumn === undefined ? {} : { ENRICHMENT_ATHENA_PARTITION_COLUMN: athena.partitionColumn }),
    });
  }

  /** Attaches the policies to a function's role and passes it the trail backend settings. */
  attachTo(fn: PipelineFunction): void {
    this.policy.attachToRole(fn.role);
    this.athenaPolicy?.attachToRole(fn.role);
    for (const [name, value] of Object.entries(this.environment)) fn.addEnvironment(name, value);
  }
}
