/**
 * The real-line corpus: log lines copied verbatim from public sources, one JSON object per line in
 * test/corpus/<family>.jsonl. Positives name the rule or issue type that must claim them; negatives
 * (`{"none": true}`) must raise nothing. See test/corpus/README.md for the format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ISSUE_TYPES } from '../../functions/triage/model/issue-types.js';
import { CIRCLECI_SERVER_RULES } from '../../functions/triage/rules/circleci-server.js';

export const CORPUS_DIR = import.meta.dirname;

const expectSchema = z.union([
  z.object({ ruleId: z.string().min(1) }).strict(),
  z.object({ issueType: z.enum(ISSUE_TYPES) }).strict(),
  z.object({ none: z.literal(true) }).strict(),
]);

export const corpusEntrySchema = z
  .object({
    /** Stable id, `<family>-<nnnn>`; never reused once published. */
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*-\d{3,}$/),
    /** Failure family (also the file name), e.g. `nomad-client`, `postgresql`, `aws-iam`. */
    family: z.string().regex(/^[a-z0-9-]+$/),
    /** Workload or host that writes such a line; the line is placed in that service's log. */
    service: z.string().min(1),
    /** Log format, e.g. hclog, logfmt, json, klog, journald, cri, java, postgresql, kubectl-describe. */
    format: z.string().min(1),
    /** The exact text; records that span lines keep their newlines. */
    text: z.string().min(1),
    /** Where the exact text appears: a URL or `owner/repo@commit:path` (a format string is marked as such in `note`). */
    source: z.string().min(8),
    expect: expectSchema,
    /** Why the line is here, what was masked, or that it comes from a source format string. */
    note: z.string().optional(),
    /** File name used when the line is placed as a loose file (default `<service>.log`). */
    looseName: z.string().regex(/^[\w.-]+$/).optional(),
  })
  .strict();

export type CorpusEntry = z.infer<typeof corpusEntrySchema>;

/** Every entry of every `*.jsonl` file here, validated; throws with file:line on a bad entry. */
export function loadCorpus(dir = CORPUS_DIR, pattern = /\.jsonl$/): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  for (const name of readdirSync(dir).filter((n) => pattern.test(n) && n !== 'secrets.jsonl').sort()) {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    lines.forEach((raw, index) => {
      if (!raw.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (error) {
        throw new Error(`${name}:${index + 1}: not JSON (${(error as Error).message})`, { cause: error });
      }
      const result = corpusEntrySchema.safeParse(parsed);
      if (!result.success) throw new Error(`${name}:${index + 1}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      entries.push(result.data);
    });
  }
  return entries;
}

export function isNegative(entry: CorpusEntry): boolean {
  return 'none' in entry.expect;
}

export function sourceDomain(source: string): string {
  const url = /^https?:\/\/([^/]+)(\/[^/]+)?/.exec(source);
  if (url) return url[1] === 'github.com' && url[2] ? `github.com${url[2]}` : url[1]!;
  const repo = /^([\w.-]+)\/[\w.-]+@/.exec(source);
  return repo ? `github.com/${repo[1]}` : 'other';
}

const issueTypeOfRule = new Map(CIRCLECI_SERVER_RULES.map((r) => [r.id, r.issueType]));

/** The issue type a positive entry expects: its own, or that of the rule it names. */
export function expectedIssueType(expect: { ruleId: string } | { issueType: string }): string | undefined {
  return 'ruleId' in expect ? issueTypeOfRule.get(expect.ruleId) : expect.issueType;
}
