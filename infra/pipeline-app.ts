import { App, type AppProps } from 'aws-cdk-lib';
import { readConfig, type ContextKey } from './config.js';
import { addNagPacks } from './nag.js';
import { HANDLER_ENTRIES, PROJECT_ROOT } from './paths.js';
import { IncidentPipelineStack } from './stacks/incident-pipeline-stack.js';

/** Stack name; the deploy and teardown commands in docs/deploy.md use it. */
export const STACK_NAME = 'IncidentPipeline';

/**
 * Feature flags the stack relies on, set in code so tests and `cdk synth` build the same
 * template. Server access logs are granted through a bucket policy, which works with
 * ACLs disabled (the S3 default for new buckets).
 */
export const FEATURE_FLAGS: Readonly<Record<string, boolean>> = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/aws-lambda:recognizeLayerVersion': true,
  '@aws-cdk/aws-sns-subscriptions:restrictSqsDescryption': true,
  '@aws-cdk/aws-events:eventsTargetQueueSameAccount': true,
  '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion': true,
  '@aws-cdk/aws-kms:reduceCrossAccountRegionPolicyScope': true,
};

export interface PipelineApp {
  readonly app: App;
  readonly stack: IncidentPipelineStack;
}

/**
 * Builds the app: reads context (the only place that does), creates the stack and
 * registers the cdk-nag packs so every synth checks it.
 */
export function createPipelineApp(props: AppProps = {}): PipelineApp {
  const app = new App({ ...props, context: { ...FEATURE_FLAGS, ...props.context } });
  const config = readConfig((key: ContextKey) => app.node.tryGetContext(key));
  const stack = new IncidentPipelineStack(app, STACK_NAME, {
    description: 'CircleCI Server incident pipeline: bundle triage, alarm intake, AWS enrichment, SNS and Slack delivery',
    config,
    projectRoot: PROJECT_ROOT,
    entries: HANDLER_ENTRIES,
  });
  addNagPacks(app);
  return { app, stack };
}
