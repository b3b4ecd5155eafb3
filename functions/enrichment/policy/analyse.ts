import type { Report } from '../../triage/report/schema.js';
import type { Enrichment } from '../schema.js';
import { checkPolicy } from './checks.js';
import { parsePolicyDocument } from './parse.js';

/** `aws_asg_name = "x"`, `map[aws_asg_name:x …]` (policy dumps) and `asg_name=x` (aws-asg plugin lines). */
const QUOTED_ASG = /\b(?:aws_)?asg_name["']?\s*[=:]\s*["']?([A-Za-z0-9._-]{1,255})/g;

/** Offline half of the autoscaler check: the policies the triage found by content, parsed and checked. */
export async function analysePolicies(report: Report): Promise<Enrichment['autoscaler']> {
  const policies: Enrichment['autoscaler']['policies'] = [];
  const unparsed: Enrichment['autoscaler']['unparsed'] = [];
  for (const doc of report.bundle.autoscalerPolicies) {
    const parsed = await parsePolicyDocument(doc.name, doc.text);
    if (!parsed.ok) {
      unparsed.push({ source: doc.source, error: parsed.error });
      continue;
    }
    for (const scaling of parsed.scalings) policies.push(checkPolicy(doc.source, scaling));
  }
  return { policies, unparsed, asgNamesFromLogs: asgNamesFromLogs(report) };
}

/** ASG names the rule pack captured or the autoscaler logs quote; the fallback when no policy is found. */
export function asgNamesFromLogs(report: Report): string[] {
  const names = new Set<string>();
  for (const f of report.findings) {
    for (const n of f.data.asgName ?? []) if (n.trim() !== '') names.add(n.trim());
    for (const e of f.evidence) for (const m of e.text.matchAll(QUOTED_ASG)) names.add(m[1]!);
  }
  return [...names].sort();
}

/** Autoscaler findings that an ASG problem explains ("expected 1 Autoscaling Group, got 0" and kin). */
export function autoscalerFindingIds(report: Report): string[] {
  return report.findings
    .filter((f) => f.issueType === 'nomad-autoscaler' || (f.data.gotCount?.length ?? 0) > 0 || (f.data.asgName?.length ?? 0) > 0)
    .map((f) => f.id);
}
