import { z } from 'zod';

/**
 * Shape of `report.enrichment`. Bump the minor version for added fields, the major version for
 * changed or removed ones; consumers check `schemaVersion` before reading.
 */
export const ENRICHMENT_SCHEMA_VERSION = '1.1';

const isoTime = z.string().describe('ISO 8601 time in UTC');

export const STEP_NAMES = [
  'autoscaler-policy',
  'authorization-messages',
  'cloudtrail-denials',
  'recent-changes',
  'asg-verification',
  'policy-changes',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export const stepErrorSchema = z.object({
  kind: z.enum(['access-denied', 'throttled', 'invalid-message', 'timeout', 'error']),
  message: z.string(),
  /** IAM action the pipeline's own role was denied, when `kind` is `access-denied`. */
  missingPermission: z.string().optional(),
});

export const stepResultSchema = z.object({
  name: z.enum(STEP_NAMES),
  /** `partial`: some calls failed, the rest of the result is valid. */
  status: z.enum(['ok', 'partial', 'failed', 'timed-out', 'skipped']),
  durationMs: z.number().int().min(0),
  errors: z.array(stepErrorSchema),
  note: z.string().optional(),
});

export const sourceRefSchema = z.object({
  /** Where the message was seen: an evidence path, `alarm`, or `cloudtrail:<eventId>`. */
  path: z.string(),
  line: z.number().int().min(1).optional(),
  findingId: z.string().optional(),
});

export const decodedMessageSchema = z.object({
  allowed: z.boolean().nullable(),
  explicitDeny: z.boolean().nullable(),
  principal: z.object({ arn: z.string().nullable(), id: z.string().nullable() }),
  action: z.string().nullable(),
  resource: z.string().nullable(),
  conditions: z.array(z.object({ key: z.string(), values: z.array(z.string()) })),
  matchedStatements: z.array(
    z.object({
      statementId: z.string().nullable(),
      effect: z.string().nullable(),
      actions: z.array(z.string()),
      resources: z.array(z.string()),
      principals: z.array(z.string()),
      conditions: z.array(z.string()),
    }),
  ),
  failures: z.array(z.string()),
});

export const authorizationMessageSchema = z.object({
  /** First 12 hex digits of the SHA-256 of the encoded message. */
  id: z.string(),
  length: z.number().int(),
  /** First and last characters, enough to find it in the logs. */
  preview: z.string(),
  sources: z.array(sourceRefSchema),
  status: z.enum(['decoded', 'undecodable', 'failed', 'not-attempted']),
  /** Why it was not decoded (truncated, expired or other account, our call denied, ...). */
  reason: z.string().optional(),
  /** Privileged: the decoded document. Notification layers must summarise, not forward it. */
  decoded: decodedMessageSchema.optional(),
  /** One line an operator can act on. */
  explanation: z.string(),
});

export const principalRefSchema = z.object({
  /** Value looked up as CloudTrail `Username`. */
  username: z.string(),
  arn: z.string().optional(),
  source: z.enum(['evidence', 'configured']),
});

export const denialGroupSchema = z.object({
  principal: z.string(),
  service: z.string(),
  action: z.string(),
  errorCode: z.string(),
  count: z.number().int().min(1),
  firstTime: isoTime,
  lastTime: isoTime,
  regions: z.array(z.string()),
  sampleMessage: z.string().nullable(),
  eventIds: z.array(z.string()),
});

export const changeEventSchema = z.object({
  time: isoTime,
  service: z.string(),
  eventName: z.string(),
  principal: z.string(),
  resources: z.array(z.string()),
  region: z.string().nullable(),
  /** Set when the change was attempted and failed. */
  errorCode: z.string().nullable(),
  eventId: z.string(),
});

/** A CloudTrail change to a policy an access-denied finding names: the likely cause of the denial. */
export const policyChangeSchema = z.object({
  policyArn: z.string(),
  /** As the denial message states it, e.g. `service control policy`. */
  policyType: z.string().nullable(),
  eventName: z.string(),
  /** Who made the change. */
  principal: z.string(),
  time: isoTime,
  eventId: z.string(),
  /** Set when the change was attempted and failed. */
  errorCode: z.string().nullable(),
  /** The finding whose denial this change may explain. */
  findingId: z.string(),
});

export const policyIssueSchema = z.object({
  level: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
});

export const autoscalerPolicySchema = z.object({
  source: z.string(),
  /** `scaling "<name>"` label. */
  name: z.string(),
  format: z.enum(['hcl', 'hcl-json']),
  type: z.string(),
  enabled: z.boolean().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  targetPlugin: z.string().nullable(),
  asgName: z.string().nullable(),
  usesNomadApm: z.boolean(),
  dryRun: z.boolean(),
  issues: z.array(policyIssueSchema),
});

export const asgCheckSchema = z.object({
  name: z.string(),
  /** Policy names that point at it, or `autoscaler log` when only the logs quote it. */
  referencedBy: z.array(z.string()),
  /** null: not verified (offline or the call failed). */
  exists: z.boolean().nullable(),
  group: z
    .object({
      arn: z.string().nullable(),
      minSize: z.number().nullable(),
      maxSize: z.number().nullable(),
      desiredCapacity: z.number().nullable(),
      instances: z.number().int(),
      suspendedProcesses: z.array(z.object({ name: z.string(), reason: z.string().nullable() })),
      terminationHooks: z
        .array(z.object({ name: z.string(), heartbeatTimeoutSeconds: z.number().nullable(), defaultResult: z.string().nullable() }))
        .nullable(),
      /** Pending or running instance refreshes; null: not checked (the call failed). Added in 1.1. */
      activeRefreshes: z
        .array(
          z.object({
            id: z.string(),
            status: z.string(),
            startTime: z.string().nullable(),
            percentageComplete: z.number().nullable(),
            statusReason: z.string().nullable(),
          }),
        )
        .nullable()
        .default(null),
    })
    .optional(),
  suggestions: z.array(z.object({ name: z.string(), distance: z.number().int(), circleciTagged: z.boolean() })),
  issues: z.array(policyIssueSchema),
  /** Autoscaler findings this result explains. */
  findingIds: z.array(z.string()),
});

export const findingLinkSchema = z.object({
  findingId: z.string(),
  step: z.enum(STEP_NAMES),
  text: z.string(),
});

export const enrichmentSchema = z.object({
  /** 1.0 data still reads: the fields 1.1 added have defaults. */
  schemaVersion: z.enum(['1.0', ENRICHMENT_SCHEMA_VERSION]),
  generatedAt: isoTime,
  /** `offline`: only the bundle-side checks ran (no AWS calls). */
  mode: z.enum(['aws', 'offline']),
  window: z.object({ start: isoTime, end: isoTime }),
  steps: z.array(stepResultSchema),
  authorizationMessages: z.array(authorizationMessageSchema),
  cloudTrail: z.object({
    backend: z.enum(['lookup-events', 'athena']).nullable(),
    principals: z.array(principalRefSchema),
    denials: z.array(denialGroupSchema),
    /** Write events of the 24 hours before the window end. */
    recentChanges: z.array(changeEventSchema),
    changesWindow: z.object({ start: isoTime, end: isoTime }).nullable(),
    /** Changes to the policies named by access-denied findings (added in 1.1). */
    policyChanges: z.array(policyChangeSchema).default([]),
    /** A lookup hit its event cap; counts are lower bounds. */
    truncated: z.boolean(),
  }),
  autoscaler: z.object({
    policies: z.array(autoscalerPolicySchema),
    /** Policy texts that could not be parsed. */
    unparsed: z.array(z.object({ source: z.string(), error: z.string() })),
    /** ASG names quoted in autoscaler logs or finding data (fallback when no policy is found). */
    asgNamesFromLogs: z.array(z.string()),
  }),
  autoScalingGroups: z.array(asgCheckSchema),
  findingLinks: z.array(findingLinkSchema),
});

export type StepError = z.infer<typeof stepErrorSchema>;
export type StepResult = z.infer<typeof stepResultSchema>;
export type SourceRef = z.infer<typeof sourceRefSchema>;
export type DecodedMessage = z.infer<typeof decodedMessageSchema>;
export type AuthorizationMessage = z.infer<typeof authorizationMessageSchema>;
export type PrincipalRef = z.infer<typeof principalRefSchema>;
export type DenialGroup = z.infer<typeof denialGroupSchema>;
export type ChangeEvent = z.infer<typeof changeEventSchema>;
export type PolicyIssue = z.infer<typeof policyIssueSchema>;
export type PolicyChange = z.infer<typeof policyChangeSchema>;
export type AutoscalerPolicy = z.infer<typeof autoscalerPolicySchema>;
export type AsgCheck = z.infer<typeof asgCheckSchema>;
export type FindingLink = z.infer<typeof findingLinkSchema>;
export type Enrichment = z.infer<typeof enrichmentSchema>;
