import { inlineCode, markdownCell, markdownText } from '../../shared/escape.js';
import type { Report } from '../../triage/report/schema.js';
import { enrichmentSchema, type AsgCheck, type Enrichment, type PolicyIssue } from '../schema.js';
import { likelyCause } from '../trail/policy-changes.js';

const MAX_ROWS = 25;
const CELL_LIMIT = 200;

/** Markdown sections for the ticket, from `report.enrichment`; undefined when there is none. */
export function renderEnrichmentMarkdown(report: Report): string | undefined {
  if (report.enrichment === undefined) return undefined;
  const parsed = enrichmentSchema.safeParse(report.enrichment);
  if (!parsed.success) {
    return '## AWS enrichment\n\nThe enrichment data does not match this version of the schema; see the report JSON.\n';
  }
  const e = parsed.data;
  return [overview(e), policyChanges(e), explained(e, report), autoscaler(e), messages(e), denials(e), changes(e)].filter((s) => s !== '').join('\n');
}

/** What the AWS checks say about the triage findings, by finding. */
function explained(e: Enrichment, report: Report): string {
  // Policy changes have their own section, right after the overview.
  const links = e.findingLinks.filter((l) => l.step !== 'authorization-messages' && l.step !== 'policy-changes');
  if (links.length === 0) return '';
  const titles = new Map(report.findings.map((f) => [f.id, f.title]));
  const lines = ['### What AWS says about the findings', ''];
  for (const l of links) lines.push(`- ${md(titles.get(l.findingId) ?? l.findingId)} (${l.findingId}): ${md(l.text)}`);
  return lines.join('\n') + '\n';
}

/** Changes to the policy a denial names: the most direct answer to "why is this denied now?". */
function policyChanges(e: Enrichment): string {
  const found = e.cloudTrail.policyChanges;
  if (found.length === 0) return '';
  const lines = ['### Changes to the denying policy', ''];
  for (const c of found.slice(0, MAX_ROWS)) lines.push(`- ${md(lowerFirst(likelyCause(c)))} (finding ${c.findingId}, CloudTrail event ${inlineCode(c.eventId)})`);
  if (found.length > MAX_ROWS) lines.push('', `${found.length - MAX_ROWS} more in the report JSON.`);
  return lines.join('\n') + '\n';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function overview(e: Enrichment): string {
  const lines = ['## AWS enrichment', ''];
  lines.push(`Window: ${e.window.start} to ${e.window.end}${e.mode === 'offline' ? ' (offline: AWS was not queried; run with --aws)' : ''}.`, '');
  lines.push('| Step | Status | Notes |', '|---|---|---|');
  for (const s of e.steps) {
    const notes = [s.note, ...s.errors.map((x) => x.message)].filter((x): x is string => Boolean(x)).join('; ');
    lines.push(`| ${cell(s.name)} | ${cell(s.status)} | ${cell(notes)} |`);
  }
  const missing = [...new Set(e.steps.flatMap((s) => s.errors.map((x) => x.missingPermission)).filter((x): x is string => x !== undefined))];
  if (missing.length > 0) {
    lines.push('', `**The pipeline's role lacks:** ${missing.map((m) => inlineCode(m)).join(', ')} (minimal policy: docs/enrichment-iam-policy.json).`);
  }
  return lines.join('\n') + '\n';
}

function autoscaler(e: Enrichment): string {
  const a = e.autoscaler;
  if (a.policies.length === 0 && a.unparsed.length === 0 && e.autoScalingGroups.length === 0) {
    return '### Autoscaler policy and Auto Scaling groups\n\nNo nomad-autoscaler policy was found in the bundle and no ASG name in the autoscaler logs.\n';
  }
  const lines = ['### Autoscaler policy and Auto Scaling groups', ''];
  if (a.policies.length === 0) lines.push('No nomad-autoscaler policy was found in the bundle; ASG names come from the autoscaler logs.');
  for (const p of a.policies) {
    lines.push(
      `- Policy **${md(p.name)}** (${md(p.source)}, ${p.format}): type ${p.type}, min ${p.min ?? 'unset'}, max ${p.max ?? 'unset'}, target ${p.targetPlugin ?? 'none'}${p.asgName ? `, ASG ${inlineCode(p.asgName)}` : ''}.`,
    );
    lines.push(...issueLines(p.issues));
  }
  for (const u of a.unparsed) lines.push(`- Policy in ${md(u.source)} could not be parsed: ${md(u.error)}.`);
  for (const g of e.autoScalingGroups) lines.push(...groupLines(g));
  return lines.join('\n') + '\n';
}

function groupLines(g: AsgCheck): string[] {
  const by = g.referencedBy.join(', ');
  if (g.exists === null) return [`- ASG ${inlineCode(g.name)} (from ${md(by)}): not verified against AWS (unknown whether it exists).`];
  if (!g.exists) {
    const suggestions = g.suggestions.map((s) => `${inlineCode(s.name)} (edit distance ${s.distance}${s.circleciTagged ? ', CircleCI-tagged' : ''})`).join(', ');
    return [`- ASG ${inlineCode(g.name)} (from ${md(by)}): **does not exist**. ${suggestions ? `Closest existing: ${suggestions}.` : 'No similar group exists.'}`, ...issueLines(g.issues)];
  }
  const grp = g.group;
  const hooks = grp?.terminationHooks === null || grp?.terminationHooks === undefined ? 'unknown' : grp.terminationHooks.length === 0 ? 'none' : grp.terminationHooks.map((h) => h.name).join(', ');
  const suspended = grp && grp.suspendedProcesses.length > 0 ? grp.suspendedProcesses.map((p) => p.name).join(', ') : 'none';
  return [
    `- ASG ${inlineCode(g.name)} (from ${md(by)}): exists; MinSize ${grp?.minSize ?? '?'}, MaxSize ${grp?.maxSize ?? '?'}, desired ${grp?.desiredCapacity ?? '?'}, ${grp?.instances ?? 0} instance(s); suspended processes: ${suspended}; termination hooks: ${hooks}.`,
    ...issueLines(g.issues),
  ];
}

function issueLines(issues: PolicyIssue[]): string[] {
  return issues.map((i) => `  - ${i.level.toUpperCase()}: ${md(i.message)}`);
}

function messages(e: Enrichment): string {
  if (e.authorizationMessages.length === 0) return '';
  const lines = ['### Encoded authorization failure messages', ''];
  for (const m of e.authorizationMessages) {
    const where = m.sources
      .slice(0, 3)
      .map((s) => `${s.path}${s.line ? `:${s.line}` : ''}`)
      .join(', ');
    lines.push(`- ${inlineCode(m.preview)} (${m.length} chars; ${md(where)}): **${m.status}**. ${md(m.explanation)}`);
  }
  return lines.join('\n') + '\n';
}

function denials(e: Enrichment): string {
  if (e.mode === 'offline') return '';
  const lines = ['### CloudTrail: denied calls in the window', ''];
  const looked = e.cloudTrail.principals.map((p) => `${inlineCode(p.username)}`).join(', ');
  if (e.cloudTrail.denials.length === 0) {
    lines.push(looked ? `No denied call found for ${looked}.` : 'No principal to look up (none in the evidence, no CircleCI role configured).');
    return lines.join('\n') + '\n';
  }
  lines.push(`Looked up: ${looked}${e.cloudTrail.truncated ? ' (event cap reached; counts are lower bounds)' : ''}.`, '');
  lines.push('| Principal | Action | Error | Count | First | Last | Sample message |', '|---|---|---|---|---|---|---|');
  for (const d of e.cloudTrail.denials.slice(0, MAX_ROWS)) {
    lines.push(`| ${cell(d.principal)} | ${cell(d.action)} | ${cell(d.errorCode)} | ${d.count} | ${d.firstTime} | ${d.lastTime} | ${cell(d.sampleMessage ?? '')} |`);
  }
  return lines.join('\n') + '\n';
}

function changes(e: Enrichment): string {
  if (e.mode === 'offline') return '';
  const range = e.cloudTrail.changesWindow;
  const lines = ['### CloudTrail: recent changes', ''];
  if (range) lines.push(`Write events for Auto Scaling, EC2 launch templates, IAM, EKS and S3 bucket policies from ${range.start} to ${range.end}.`, '');
  if (e.cloudTrail.recentChanges.length === 0) {
    lines.push(range ? 'None found.' : 'Not available (see the step status above).');
    return lines.join('\n') + '\n';
  }
  lines.push('| Time | Who | Service | Event | Resources | Error |', '|---|---|---|---|---|---|');
  for (const c of e.cloudTrail.recentChanges.slice(0, MAX_ROWS)) {
    lines.push(`| ${c.time} | ${cell(c.principal)} | ${cell(c.service)} | ${cell(c.eventName)} | ${cell(c.resources.join(', '))} | ${cell(c.errorCode ?? '')} |`);
  }
  if (e.cloudTrail.recentChanges.length > MAX_ROWS) lines.push('', `${e.cloudTrail.recentChanges.length - MAX_ROWS} more in the report JSON.`);
  return lines.join('\n') + '\n';
}

/** Table cell: one line, escaped (pipes and backslashes included), cut. */
function cell(text: string): string {
  return markdownCell(text, CELL_LIMIT);
}

const md = markdownText;
