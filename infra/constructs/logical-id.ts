import type { CfnResource } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * Fixes the logical ID of a stateful resource so that moving or renaming constructs
 * never makes CloudFormation replace it (and lose its data).
 */
export function pinLogicalId(resource: Construct, logicalId: string): void {
  (resource.node.defaultChild as CfnResource).overrideLogicalId(logicalId);
}
