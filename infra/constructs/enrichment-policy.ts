import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

/**
 * Read-only AWS calls the enrichment makes, as documented in docs/enrichment-iam-policy.json:
 * decoding "Encoded authorization failure message" blobs, looking up denied calls in
 * CloudTrail and checking the Nomad client Auto Scaling groups.
 */
export const ENRICHMENT_ACTIONS = [
  'sts:DecodeAuthorizationMessage',
  'cloudtrail:LookupEvents',
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeLifecycleHooks',
] as const;

/**
 * A standalone policy for the enrichment calls, attached to each function that enriches.
 * Kept apart from the grant-built default policies so that its `Resource: *`
 * acknowledgement covers these actions and nothing else.
 */
export class EnrichmentPolicy extends Construct {
  readonly policy: iam.Policy;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.policy = new iam.Policy(this, 'Policy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'EnrichmentReadOnly',
          actions: [...ENRICHMENT_ACTIONS],
          // none of these actions supports resource-level permissions
          resources: ['*'],
        }),
      ],
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
