import { z } from 'zod';
import { ISSUE_TYPES } from '../model/issue-types.js';
import { SEVERITIES } from '../model/severity.js';

/** Bump the minor version for added fields, the major version for changed or removed ones. */
export const REPORT_SCHEMA_VERSION = '1.1';
/** Versions a reader of this schema accepts: minor bumps only add optional fields. */
export const READABLE_SCHEMA_VERSIONS = ['1.0', REPORT_SCHEMA_VERSION] as const;

const isoTime = z.string().describe('ISO 8601 time in UTC');

export const evidenceSchema = z.object({
  path: z.string(),
  /** 1-based line number in `path`. */
  line: z.number().int().min(1),
  /** The exact line, secrets masked, cut at 2,000 characters. */
  text: z.string(),
  /** First line of the multi-line record this line continues (stack trace, hclog `  | `), if any. */
  context: z.string().optional(),
  timestamp: isoTime.optional(),
});

export const locationSchema = z.object({ path: z.string(), line: z.number().int().min(1) });

/** (1.1) A template of unrecognised error lines: variable parts shown as `<*>`, secrets masked. */
export const logTemplateSchema = z.object({
  /** 1-based number across the report, for `incident-triage rules suggest --template N`. */
  index: z.number().int().min(1),
  template: z.string(),
  count: z.number().int().min(1),
  firstSeen: isoTime.nullable(),
  lastSeen: isoTime.nullable(),
  /** The first line that founded the template. */
  example: evidenceSchema,
});

export const findingSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  issueType: z.enum(ISSUE_TYPES),
  severity: z.enum(SEVERITIES),
  service: z.string(),
  title: z.string(),
  explanation: z.string(),
  remediation: z.array(z.string()),
  count: z.number().int().min(0),
  firstSeen: isoTime.nullable(),
  lastSeen: isoTime.nullable(),
  /** True when some timestamps had no zone and were read as UTC. */
  timesAssumedUtc: z.boolean(),
  evidence: z.array(evidenceSchema),
  locations: z.array(locationSchema),
  /** More matches existed than `locations` holds. */
  locationsTruncated: z.boolean(),
  /** Named captures of the rule's patterns, distinct values (ASG name, policy id, AWS action, ...). */
  data: z.record(z.string(), z.array(z.string())),
  /** Id of the cascade finding this one is a downstream symptom of. */
  groupedUnder: z.string().optional(),
  /** For cascade findings: ids of the downstream findings. */
  related: z.array(z.string()).optional(),
  /** (1.1) For unrecognised-error findings: the most frequent templates, most frequent first. */
  templates: z.array(logTemplateSchema).optional(),
});

export const inputSummarySchema = z.object({
  name: z.string(),
  kind: z.enum(['bundle-archive', 'bundle-directory', 'log-file', 'unusable']),
  status: z.enum(['ok', 'partial', 'unusable']),
  error: z.string().optional(),
  bytesRead: z.number().int().min(0),
  files: z.number().int().min(0),
});

export const collectedAtSchema = z.object({
  /** Wall-clock time from the bundle folder name, in the collector's local time. */
  local: z.string(),
  /** The same instant in UTC when the collector's offset is known or inferred. */
  utc: isoTime.optional(),
  utcOffset: z.string().optional(),
  offsetSource: z.enum(['option', 'inferred-from-logs', 'unknown']),
});

const dimension = <T extends [string, ...string[]]>(values: T) => z.object({ value: z.enum([...values, 'unknown'] as [string, ...string[]]), basis: z.string() });

/** How the installation is built, as far as the inputs show (1.1). */
export const topologySchema = z.object({
  secrets: dimension(['vault', 'tink']),
  nomadServers: dimension(['internal', 'external']),
  clientRuntime: dimension(['docker', 'podman']),
  fips: dimension(['on', 'off']),
});

export const bundleFactsSchema = z.object({
  name: z.string().nullable(),
  collectedAt: collectedAtSchema.nullable(),
  troubleshootVersion: z.string().nullable(),
  serverVersion: z.object({ value: z.string().nullable(), source: z.string() }),
  kubernetesVersion: z.string().nullable(),
  autoscalerVersion: z.string().nullable(),
  namespaces: z.array(z.string()),
  /** Whether any CircleCI Server service, namespace or log was found. */
  circleciContent: z.boolean(),
  services: z.array(z.string()),
  restartingPods: z.array(
    z.object({
      namespace: z.string(),
      pod: z.string(),
      container: z.string(),
      restarts: z.number().int(),
      reason: z.string().nullable(),
      crashLooping: z.boolean(),
      previousLogPresent: z.boolean(),
    }),
  ),
  notReadyNodes: z.array(z.object({ name: z.string(), reason: z.string() })),
  topology: topologySchema.optional(),
  jobs: z.array(z.object({ id: z.string().nullable(), url: z.string().nullable(), status: z.string().nullable(), source: z.string() })),
  images: z.array(z.object({ service: z.string(), image: z.string() })),
  /** Raw nomad-autoscaler policy documents found by content (ConfigMap values), for the enrichment step. */
  autoscalerPolicies: z.array(z.object({ source: z.string(), name: z.string(), text: z.string() })),
  stats: z.object({
    files: z.number().int(),
    logFiles: z.number().int(),
    linesScanned: z.number().int(),
    bytesScanned: z.number().int(),
    skippedFiles: z.number().int(),
  }),
});

export const missingEvidenceSchema = z.object({
  issueType: z.enum(ISSUE_TYPES),
  evidence: z.string(),
  label: z.string(),
  collect: z.string(),
  /** Set when the evidence cannot be in a support bundle for this installation, and why (1.1). */
  elsewhere: z.string().optional(),
});

/** Release facts for the detected versions, rules scoped out, and what the report cannot tell (1.1). */
export const installationSchema = z.object({
  supportStatus: z.object({
    status: z.enum(['supported', 'support-ends-soon', 'end-of-support', 'broken-release', 'unknown']),
    serverVersion: z.string().nullable(),
    supportedUntil: z.string().nullable(),
    detail: z.string(),
    source: z.string(),
  }),
  knownIssues: z.array(z.object({ id: z.string(), component: z.string(), version: z.string(), kind: z.string(), title: z.string(), detail: z.string(), source: z.string() })),
  scopedOut: z.array(z.object({ ruleId: z.string(), reason: z.string() })),
  cannotTell: z.array(
    z.object({
      issueType: z.union([z.enum(ISSUE_TYPES), z.literal('none')]),
      title: z.string(),
      checkedWithoutFinding: z.array(z.string()),
      notChecked: z.array(z.string()),
      scopedOut: z.array(z.object({ ruleId: z.string(), reason: z.string() })),
      collectorProblems: z.array(z.string()),
      wouldSettle: z.array(z.string()),
    }),
  ),
});

export const reportSchema = z.object({
  schemaVersion: z.enum(READABLE_SCHEMA_VERSIONS),
  generatedAt: isoTime,
  tool: z.object({ name: z.string(), version: z.string(), rulePackVersion: z.string() }),
  inputs: z.array(inputSummarySchema),
  bundle: bundleFactsSchema,
  summary: z.object({
    severity: z.enum([...SEVERITIES, 'none']),
    issueTypes: z.array(z.enum(ISSUE_TYPES)),
    headline: z.string(),
    /** Earliest and latest evidence time over all findings. */
    window: z.object({ start: isoTime.nullable(), end: isoTime.nullable() }),
  }),
  findings: z.array(findingSchema),
  missingEvidence: z.array(missingEvidenceSchema),
  nextSteps: z.array(z.string()),
  installation: installationSchema.optional(),
  /** Filled by the AWS enrichment step; absent offline. */
  enrichment: z.unknown().optional(),
  /** How many values were masked before output, by kind (since 1.1). Counts only: no values, no hashes. */
  redactions: z.array(z.object({ kind: z.string(), count: z.number().int().min(1) })).optional(),
  /** The alarm that opened the incident, when there is one. */
  alarm: z
    .object({ name: z.string(), time: isoTime, reason: z.string().optional(), region: z.string().optional() })
    .optional(),
});

export type Evidence = z.infer<typeof evidenceSchema>;
export type Location = z.infer<typeof locationSchema>;
export type LogTemplate = z.infer<typeof logTemplateSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type InputSummary = z.infer<typeof inputSummarySchema>;
export type BundleFacts = z.infer<typeof bundleFactsSchema>;
export type MissingEvidence = z.infer<typeof missingEvidenceSchema>;
export type Report = z.infer<typeof reportSchema>;
export type Installation = z.infer<typeof installationSchema>;
