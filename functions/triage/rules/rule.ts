import { z } from 'zod';
import { ISSUE_TYPES } from '../model/issue-types.js';
import { SEVERITIES } from '../model/severity.js';
import { FILE_KINDS } from '../model/file-kind.js';
import { validRange } from '../installation/versions.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const patternSource = z
  .string()
  .min(1)
  .refine((src) => compiles(src), { message: 'is not a valid JavaScript regular expression' })
  // YAML reads "\b" in double quotes as a backspace: a pattern holding one never matches a log line.
  .refine((src) => ![...src].some((ch) => isControl(ch.charCodeAt(0))), {
    message: 'holds a control character (in YAML, "\\b" in double quotes is a backspace: write \'\\b\' in single quotes or "\\\\b")',
  })
  .refine((src) => !/\(\?<[=!]|\(\?[=!]|\\k<|\\[1-9]/.test(src), {
    message: 'uses lookaround or a backreference; rule patterns must stay in the portable (RE2/ERE-like) subset',
  });

/** Control characters other than tab and newline. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f;
}

function compiles(src: string): boolean {
  try {
    new RegExp(src);
    return true;
  } catch {
    return false;
  }
}

const versionRange = z.string().min(1).refine(validRange, { message: 'is not a version range such as ">=4.8.0 <4.10.0" or "4.7.7"' });

/**
 * Versions the rule's shape belongs to; the finding is dropped when the detected version is
 * outside the range, and kept when the version is unknown. Applied when the report is built,
 * because versions are learned while the inputs are read.
 */
export const versionScopeSchema = z
  .object({ server: versionRange, kubernetes: versionRange, autoscaler: versionRange, mongodb: versionRange, 'nomad-client': versionRange })
  .partial()
  .strict();

/** Installation layouts the rule applies to; like versions, unknown layouts keep the finding. */
export const topologyScopeSchema = z
  .object({
    secrets: z.enum(['vault', 'tink']),
    nomadServers: z.enum(['internal', 'external']),
    clientRuntime: z.enum(['docker', 'podman']),
    fips: z.enum(['on', 'off']),
  })
  .partial()
  .strict();

export const ruleScopeSchema = z
  .object({
    /** Canonical service names; a trailing `*` matches a prefix (`distributor-*`). */
    services: z.array(z.string().min(1)).optional(),
    excludeServices: z.array(z.string().min(1)).optional(),
    containers: z.array(z.string().min(1)).optional(),
    /** Globs over the file path (`*` within a segment, `**` across segments). */
    paths: z.array(z.string().min(1)).optional(),
    fileKinds: z.array(z.enum(FILE_KINDS)).optional(),
    versions: versionScopeSchema.optional(),
    topology: topologyScopeSchema.optional(),
  })
  .strict();

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, dots and dashes'),
    title: z.string().min(1),
    issueType: z.enum(ISSUE_TYPES),
    severity: z.enum(SEVERITIES),
    /** Service to report the finding under; default: the service that wrote the matching file. */
    service: z.string().optional(),
    /** Where the rule applies; default: every scanned file. */
    appliesTo: ruleScopeSchema.optional(),
    /** Regular expressions (JavaScript syntax, named groups become finding data). Any one matching is a hit. */
    patterns: z.array(patternSource).min(1),
    ignoreCase: z.boolean().optional(),
    /** A line that also matches one of these is not a hit (benign look-alikes). */
    unless: z.array(patternSource).optional(),
    /**
     * A line that also matches one of these belongs to another rule: not a hit here, but not
     * benign either (an `unless` line never reaches the unrecognised-error pass; a deferred one does
     * when no other rule claims it).
     */
    defer: z.array(patternSource).optional(),
    /** Only lines at these levels count; lines whose level cannot be read always count. */
    levels: z.array(z.enum(LOG_LEVELS)).optional(),
    /** Raise the finding when an applicable file has no matching line at all (e.g. a missing network). */
    absent: z.boolean().optional(),
    /**
     * Lines this rule matches are known benign: they are claimed (no later rule and no
     * unrecognised-error pass sees them) but raise no finding. For noisy error-level lines.
     */
    ignore: z.boolean().optional(),
    explanation: z.string().min(1),
    remediation: z.array(z.string().min(1)).min(1),
    references: z.array(z.string()).optional(),
  })
  .strict();

export type RuleScope = z.infer<typeof ruleScopeSchema>;
export type Rule = z.infer<typeof ruleSchema>;

export const rulePackSchema = z
  .object({
    rules: z.array(ruleSchema),
  })
  .strict();
