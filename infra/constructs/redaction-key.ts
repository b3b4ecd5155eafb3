import { RemovalPolicy } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import type { PipelineFunction } from './pipeline-function.js';

/**
 * The key of the secret-masking hash, generated once and shared by every function, so a leaked
 * token gets the same `***MASKED:xxxxxx***` mark in the alarm, bundle and notification paths.
 */
export class RedactionKey extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'Key of the keyed hash that masks secrets in incident reports',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(this.secret, {
      'AwsSolutions-SMG4':
        'A hash key, not a credential: rotating it would only break the correlation of mask marks across incidents, and nothing outside the stack uses it.',
    });
  }

  /** Lets the function read the key and tells it where the key is. */
  bind(fn: PipelineFunction): void {
    this.secret.grantRead(fn);
    fn.addEnvironment('REDACTION_KEY_SECRET_ARN', this.secret.secretArn);
  }
}
