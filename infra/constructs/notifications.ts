import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { pinLogicalId } from './logical-id.js';

/**
 * The encrypted topic that carries finished reports and the pipeline's own alarms, and
 * the customer managed key shared by the pipeline's topics. A customer managed key is
 * needed because CloudWatch alarms cannot publish to topics under the AWS managed SNS key.
 */
export class Notifications extends Construct {
  readonly key: kms.Key;
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the incident pipeline SNS topics',
      enableKeyRotation: true,
    });
    pinLogicalId(this.key, 'TopicKey');
    this.key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'CircleCI Server incident reports',
      masterKey: this.key,
      enforceSSL: true,
    });
    // subscriptions (email, chat integrations) hold the topic ARN
    pinLogicalId(this.topic, 'IncidentTopic');
    allowCloudWatchAlarms(this.topic);
  }
}

/**
 * Lets CloudWatch alarms of this account publish to the topic. Needed as soon as the
 * topic has a policy of its own (enforceSSL creates one), which replaces the default.
 */
export function allowCloudWatchAlarms(topic: sns.Topic): void {
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarms',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      },
    }),
  );
}
