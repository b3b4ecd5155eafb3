import { ISSUE_TYPE_INFO, type IssueType } from '../model/issue-types.js';
import { mostSevere, severityRank } from '../model/severity.js';
import type { Finding, MissingEvidence, Report } from '../report/schema.js';
import { isUnrecognizedFinding } from '../unrecognized/findings.js';

export function summarise(all: readonly Finding[], circleciContent: boolean, files: number): Report['summary'] {
  // Unrecognised errors name no cause: they never set the headline or the severity.
  const findings = all.filter((f) => !isUnrecognizedFinding(f));
  const unrecognized = all.length - findings.length;
  // Info findings are hints (the ASG name the autoscaler uses), never the headline.
  const failures = findings.filter((f) => f.severity !== 'info' && f.issueType !== 'installation' && (f.issueType !== 'bundle-quality' || f.severity === 'high' || f.severity === 'critical'));
  // Release facts never make the headline while a failure does: they are context, not a cause.
  const problems = failures.length > 0 ? failures : findings.filter((f) => f.severity !== 'info' && f.issueType === 'installation');
  const issueTypes: IssueType[] = [];
  for (const f of findings) if (!issueTypes.includes(f.issueType)) issueTypes.push(f.issueType);
  const starts = findings.flatMap((f) => (f.firstSeen ? [f.firstSeen] : [])).sort();
  const ends = findings.flatMap((f) => (f.lastSeen ? [f.lastSeen] : [])).sort();
  const top = findings.find((f) => f.issueType === 'cascade') ?? problems[0];
  let headline: string;
  if (top) {
    const when = top.firstSeen ? ` since ${top.firstSeen.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}` : '';
    headline =
      top.issueType === 'cascade'
        ? `${top.title} (${top.related?.length ?? 0} downstream findings grouped${when})`
        : `${top.title} (${top.service}, ${top.count}×${when})`;
    const others = problems.filter((f) => f !== top && f.issueType !== 'bundle-quality' && f.issueType !== 'installation' && !f.groupedUnder).length;
    if (others) headline += ` + ${others} more finding${others > 1 ? 's' : ''}`;
  } else if (!circleciContent) {
    headline = `No CircleCI Server content in the inputs (${files} files read)`;
  } else {
    headline = `No known CircleCI Server failure patterns in ${files} files`;
  }
  if (!top && unrecognized) headline += `; unrecognised error lines in ${unrecognized} service${unrecognized > 1 ? 's' : ''}`;
  return {
    severity: mostSevere(findings.map((f) => f.severity)) ?? 'none',
    issueTypes,
    headline,
    window: { start: starts[0] ?? null, end: ends.at(-1) ?? null },
  };
}

/** The guide's essential logs for each detected issue type that the inputs do not hold. */
export function missingEvidenceFor(findings: readonly Finding[], present: ReadonlySet<string>): MissingEvidence[] {
  const out: MissingEvidence[] = [];
  const types = [...new Set(findings.filter((f) => f.issueType !== 'bundle-quality').map((f) => f.issueType))];
  for (const type of types) {
    for (const log of ISSUE_TYPE_INFO[type].essentialLogs) {
      if (present.has(log.id)) continue;
      if (out.some((m) => m.evidence === log.id)) continue;
      out.push({ issueType: type, evidence: log.id, label: log.label, collect: log.collect });
    }
  }
  return out;
}

export function nextStepsFor(findings: readonly Finding[], missing: readonly MissingEvidence[]): string[] {
  const steps: string[] = [];
  const add = (s: string) => {
    if (!steps.includes(s)) steps.push(s);
  };
  const ordered = [...findings].filter((f) => !f.groupedUnder).sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  for (const f of ordered.filter((f) => f.issueType !== 'bundle-quality').slice(0, 4)) {
    const first = f.remediation[0];
    if (first) add(`${f.title}: ${first}`);
  }
  for (const m of missing.slice(0, 5)) add(`Collect ${m.label} (${ISSUE_TYPE_INFO[m.issueType].title}): ${m.collect}`);
  for (const f of ordered.filter((f) => f.issueType === 'bundle-quality' && severityRank(f.severity) <= severityRank('medium')).slice(0, 2)) {
    const first = f.remediation[0];
    if (first) add(`${f.title}: ${first}`);
  }
  add('Attach this report, the support bundle and the extra logs to the support ticket.');
  return steps;
}
