import { Template } from 'aws-cdk-lib/assertions';
import { createPipelineApp, type PipelineApp } from '../../infra/pipeline-app.js';

export interface Synthesized extends PipelineApp {
  readonly template: Template;
}

/** A complete, valid context: every optional feature switched on. */
export const FULL_CONTEXT = {
  installationId: 'ci-prod',
  alarmNamePrefixes: 'circleci-,nomad-',
  alarmTags: '{"team":"ci","pipeline":"incident"}',
  alarmTopicArns: '["arn:aws:sns:us-east-1:123456789012:ops-alarms"]',
  slackSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:incident/slack-AbC123',
  circleciRoleNames: 'circleci-nomad-client,circleci-server',
  correlationWindowMinutes: '45',
  nomadMetricsNamespace: 'ci_metrics',
  nomadPendingJobsThreshold: '25',
  nomadMetricDimensions: '{"host":"nomad-server"}',
  enrichmentAthena: '{"database":"trail","table":"cloudtrail_logs","trailBucket":"org-trail-logs","resultsBucket":"athena-results-123"}',
} as const;

/**
 * Synthesizes the pipeline stack with the given context. Bundling is skipped: these tests
 * check the template, not the handler code, which `npm run synth` bundles for real.
 */
export function synthPipeline(context: Record<string, unknown> = {}): Synthesized {
  const pipeline = createPipelineApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  return { ...pipeline, template: Template.fromStack(pipeline.stack) };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;

/** Resources of one CloudFormation type, keyed by logical ID. */
export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** Logical ID of the single resource of a type whose properties match. */
export function logicalIdOf(template: Template, type: string, props: Record<string, unknown> = {}): string {
  const found = Object.keys(template.findResources(type, { Properties: props }));
  if (found.length !== 1) throw new Error(`expected one ${type} matching ${JSON.stringify(props)}, found ${found.length}`);
  return found[0]!;
}

export interface FunctionResource {
  readonly logicalId: string;
  readonly properties: {
    Runtime: string;
    Architectures: string[];
    MemorySize: number;
    Timeout: number;
    TracingConfig?: { Mode: string };
    LoggingConfig?: { LogGroup?: unknown };
    ReservedConcurrentExecutions?: number;
    Role: { 'Fn::GetAtt': [string, string] };
    Environment: { Variables: Record<string, unknown> };
    Handler: string;
  };
}

/** The pipeline function whose POWERTOOLS_SERVICE_NAME is `service`. */
export function functionOf(template: Template, service: string): FunctionResource {
  const matches = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(
    ([, r]) => (r.Properties as FunctionResource['properties']).Environment.Variables.POWERTOOLS_SERVICE_NAME === service,
  );
  if (matches.length !== 1) throw new Error(`expected one function for ${service}, found ${matches.length}`);
  const [logicalId, resource] = matches[0]!;
  return { logicalId, properties: resource.Properties as FunctionResource['properties'] };
}

export const SERVICES = ['bundle-triage', 'alarm-intake', 'notifier'] as const;

/** Statements of every AWS::IAM::Policy attached to a role (by logical ID). */
export function statementsOfRole(template: Template, roleLogicalId: string): { Action: string | string[]; Resource: unknown; Effect: string }[] {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties?.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown; Effect: string }[] }).Statement);
}

/** Every action a role is allowed, flattened. */
export function actionsOfRole(template: Template, roleLogicalId: string): string[] {
  return statementsOfRole(template, roleLogicalId).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}
