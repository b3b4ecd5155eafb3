import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { pinLogicalId } from './logical-id.js';

/** Key layout shared with the handlers. */
export const INCIDENT_TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttl: 'expiresAt',
  openIncidentsIndex: 'gsi1',
  openIncidentsPartitionKey: 'gsi1pk',
  openIncidentsSortKey: 'gsi1sk',
} as const;

/** The layout Powertools idempotency expects by default. */
export const IDEMPOTENCY_TABLE_KEYS = { partitionKey: 'id', ttl: 'expiration' } as const;

/**
 * The incident table (reports, their S3 pointers, open incidents per installation) and
 * the Powertools idempotency table. Both are on demand, encrypted and expire items by TTL.
 */
export class IncidentStore extends Construct {
  readonly incidents: dynamodb.Table;
  readonly idempotency: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // dynamodb.Table rather than TableV2: cdk-nag's PITR rule only inspects AWS::DynamoDB::Table
    this.incidents = new dynamodb.Table(this, 'Incidents', {
      partitionKey: { name: INCIDENT_TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: INCIDENT_TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: INCIDENT_TABLE_KEYS.ttl,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.incidents.addGlobalSecondaryIndex({
      indexName: INCIDENT_TABLE_KEYS.openIncidentsIndex,
      partitionKey: { name: INCIDENT_TABLE_KEYS.openIncidentsPartitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: INCIDENT_TABLE_KEYS.openIncidentsSortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    pinLogicalId(this.incidents, 'IncidentTable');

    this.idempotency = new dynamodb.Table(this, 'Idempotency', {
      partitionKey: { name: IDEMPOTENCY_TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: IDEMPOTENCY_TABLE_KEYS.ttl,
      // records live for an hour and are rebuilt by the next invocation
      removalPolicy: RemovalPolicy.DESTROY,
    });
    pinLogicalId(this.idempotency, 'IdempotencyTable');
    acknowledge(this.idempotency, {
      'AwsSolutions-DDB3': 'Idempotency records expire within an hour and carry no data worth restoring.',
    });
  }
}
