import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ENRICHMENT_IAM_STATEMENTS } from '../../functions/enrichment/iam-policy.js';
import { acknowledge } from '../nag.js';

/** Every action of the enrichment policy (docs/enrichment-iam-policy.json). */
export const ENRICHMENT_ACTIONS: readonly string[] = ENRICHMENT_IAM_STATEMENTS.flatMap((statement) => statement.Action);

/**
 * The read-only calls the enrichment makes (decoding authorization failure messages,
 * CloudTrail lookups, Auto Scaling checks), taken from the enrichment module so the
 * deployed policy and docs/enrichment-iam-policy.json cannot drift apart. It is a
 * standalone policy attached to each enriching function, kept apart from the grant-built
 * default policies so that its `Resource: *` acknowledgement covers these actions only.
 */
export class EnrichmentPolicy extends Construct {
  readonly policy: iam.Policy;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.policy = new iam.Policy(this, 'Policy', {
      statements: ENRICHMENT_IAM_STATEMENTS.map((statement) => iam.PolicyStatement.fromJson(statement)),
    });
    acknowledge(this.policy, {
      'AwsSolutions-IAM5[Resource::*]': `${ENRICHMENT_ACTIONS.join(', ')} support no resource-level permissions, so IAM requires Resource "*".`,
    });
  }

  /** Attaches the policy to a function's role. */
  attachTo(role: iam.IRole): void {
    this.policy.attachToRole(role);
  }
}
