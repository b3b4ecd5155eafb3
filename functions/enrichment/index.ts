/**
 * AWS enrichment of a triage report: decoded STS authorization messages, CloudTrail denials and
 * recent changes, and the nomad-autoscaler policy checked against the real Auto Scaling groups.
 *
 * Contract (stable): enrich, awsEnrichmentPorts, incidentWindow, renderEnrichmentMarkdown,
 * enrichmentFromPolicyOnly, and the port and schema types below.
 */
export type { AuthorizationMessageDecoder, CloudTrailEvents, AutoScalingGroups, EnrichmentPorts } from './ports.js';
export type { TrailQuery, TrailEvent, TrailPage, AutoScalingGroupInfo, LifecycleHookInfo } from './ports.js';
export { enrich, DEFAULT_STEP_TIMEOUT_MS, type EnrichmentOptions } from './enrich.js';
export { enrichmentFromPolicyOnly } from './offline.js';
export { incidentWindow, type TimeWindow } from './window.js';
export { renderEnrichmentMarkdown } from './render/markdown.js';
export { awsEnrichmentPorts, athenaConfigFromEnv, type AwsPortsConfig } from './adapters/sdk-ports.js';
export type { AthenaTrailConfig } from './adapters/athena-sql.js';
export { ENRICHMENT_IAM_STATEMENTS, athenaIamStatements, enrichmentPolicyDocument, type IamStatement } from './iam-policy.js';
export { ENRICHMENT_SCHEMA_VERSION, enrichmentSchema, type Enrichment } from './schema.js';
export { AwsCallError } from './errors.js';
