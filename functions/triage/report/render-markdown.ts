import { cellCode, codeBlock, inlineCode, markdownCell, markdownText } from '../../shared/escape.js';
import { ISSUE_TYPE_INFO } from '../model/issue-types.js';
import type { Evidence, Finding, Report } from './schema.js';
import { isUnrecognizedFinding } from '../unrecognized/findings.js';

/** Template rows in the ticket; the JSON report holds the rest. */
const UNRECOGNIZED_ROWS = 10;

export interface MarkdownOptions {
  /** Extra sections (e.g. AWS enrichment) inserted before the next steps. */
  sections?: Array<(report: Report) => string | undefined>;
  /** Evidence lines shown per finding. */
  evidencePerFinding?: number;
}

// Bundle, alarm and log text is attacker-controlled: text goes through `t`, code through `code`.
const t = markdownText;
const code = inlineCode;
const block = codeBlock;

function utc(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC') : 'unknown';
}

function evidenceLines(evidence: Evidence[]): string[] {
  return evidence.flatMap((e) => [
    ...(e.context ? [`${e.path}:${e.line} (record starts: ${e.context})`] : []),
    `${e.path}:${e.line}: ${e.text}`,
  ]);
}

function collected(report: Report): string {
  const c = report.bundle.collectedAt;
  if (!c) return 'unknown (no time stamp in the bundle folder name)';
  const local = c.local.replace('T', ' ');
  if (c.utc) {
    const how = c.offsetSource === 'option' ? 'offset given' : 'offset inferred from the newest log line';
    return `${local} collector local time = ${utc(c.utc)} (UTC${c.utcOffset}, ${how})`;
  }
  return `${local} collector local time (zone unknown)`;
}

/** The ticket's "Recent changes" cell: what the enrichment's CloudTrail lookup found, or why nothing is known. */
function recentChanges(report: Report): string {
  // The enrichment owns its schema; the core reads only the fields it needs, defensively.
  const enrichment = report.enrichment as
    | { steps?: { name: string; status: string }[]; cloudTrail?: { recentChanges?: unknown[] } }
    | undefined;
  const step = enrichment?.steps?.find((s) => s.name === 'recent-changes');
  const changes = enrichment?.cloudTrail?.recentChanges;
  if (step?.status === 'ok' && changes) {
    return `${changes.length} write change(s) to Auto Scaling, EC2 launch templates, IAM, EKS or S3 bucket policies in the last 24 h from CloudTrail (see below); add upgrades and config changes by hand`;
  }
  if (step && step.status !== 'skipped') return `unknown: the CloudTrail lookup did not complete (${step.status}); add upgrades, config and infrastructure changes by hand`;
  return 'unknown: no CloudTrail lookup in this run (use --aws); add upgrades, config and infrastructure changes by hand';
}

function header(report: Report): string[] {
  const b = report.bundle;
  const bundleInputs = report.inputs.filter((i) => i.kind === 'bundle-archive' || i.kind === 'bundle-directory');
  const extras = report.inputs.filter((i) => i.kind === 'log-file');
  const messages = report.findings
    .filter((f) => f.issueType !== 'bundle-quality' && f.issueType !== 'cascade' && !isUnrecognizedFinding(f))
    .slice(0, 5)
    .map((f) => (f.evidence[0] ? cellCode(f.evidence[0].text.slice(0, 300)) : ''))
    .filter(Boolean);
  const present = new Set(report.missingEvidence.map((m) => m.label));
  const jobs = b.jobs.map((j) => t([j.url ?? (j.id ? `job ${j.id}` : ''), j.status ? `(${j.status})` : ''].join(' ').trim()));
  const recent = recentChanges(report);
  const rows: [string, string][] = [
    ['Support bundle', bundleInputs.length ? `${t(bundleInputs.map((i) => i.name).join(', '))}; collected ${t(collected(report))}` : 'none in the inputs'],
    ['CircleCI Server version', t(b.serverVersion.value ? `${b.serverVersion.value} (${b.serverVersion.source})` : `unknown (${b.serverVersion.source})`)],
    ['Kubernetes / autoscaler', t(`Kubernetes ${b.kubernetesVersion ?? 'unknown'}; nomad-autoscaler ${b.autoscalerVersion ?? 'unknown'}`)],
    ['Job ID and URL', jobs.length ? `${jobs.slice(0, 5).join('; ')}${jobs.length > 5 ? ` (+${jobs.length - 5} more in the JSON report)` : ''}` : 'none found in the inputs (add the failing job URL)'],
    ['Timestamps', `first error ${utc(report.summary.window.start)}, last ${utc(report.summary.window.end)}${report.alarm ? `; alarm ${t(report.alarm.name)} at ${utc(report.alarm.time)}` : ''}`],
    ['Error messages', messages.length ? messages.join('<br>') : 'none matched'],
    [
      'Issue-specific logs',
      `${extras.length ? `attached: ${t(extras.map((e) => e.name).join(', '))}` : 'no extra logs attached'}${present.size ? `; missing: ${t([...present].join('; '))}` : ''}`,
    ],
    ['Recent changes', t(recent)],
  ];
  // Each value is already escaped for a table cell (text through `t`, code as `cellCode`).
  return ['| Item | Details |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

function findingSection(f: Finding, report: Report, perFinding: number): string[] {
  const when = f.firstSeen ? `${utc(f.firstSeen)} → ${utc(f.lastSeen)}${f.timesAssumedUtc ? ' (some lines had no zone; read as UTC)' : ''}` : 'time unknown';
  const lines = [
    `### ${f.id} · ${f.severity.toUpperCase()} · ${t(f.title)}`,
    '',
    `${code(f.ruleId)} · ${ISSUE_TYPE_INFO[f.issueType].title} · service ${code(f.service)} · ${f.count}× · ${when}`,
    '',
    f.explanation,
    '',
  ];
  const data = Object.entries(f.data).filter(([k]) => k !== 'encodedMessage');
  if (data.length) {
    lines.push(...data.map(([k, v]) => `- ${t(k)}: ${v.slice(0, 5).map((x) => code(x.slice(0, 200))).join(', ')}${v.length > 5 ? ` (+${v.length - 5})` : ''}`), '');
  }
  if (f.data.encodedMessage?.length) lines.push(`- encoded authorization message(s): ${f.data.encodedMessage.length} (decode with \`aws sts decode-authorization-message\` or --aws)`, '');
  if (f.related?.length) {
    const titles = f.related.map((id) => report.findings.find((x) => x.id === id)).filter((x): x is Finding => !!x);
    lines.push('Downstream symptoms grouped under this finding:', ...titles.map((x) => `- ${x.id} ${t(x.title)} (${t(x.service)}, ${x.count}×)`), '');
  }
  if (f.groupedUnder) lines.push(`Grouped under ${f.groupedUnder} (cascade).`, '');
  lines.push('Evidence:', '', block(evidenceLines(f.evidence.slice(0, perFinding))));
  if (f.count > f.evidence.length) lines.push('', `${f.count} matches in all${f.locationsTruncated ? `; first ${f.locations.length} locations in the JSON report` : '; all locations in the JSON report'}.`);
  lines.push('', 'Remediation:', ...f.remediation.map((r, i) => `${i + 1}. ${r}`), '');
  return lines;
}

/** Error-level lines no rule knows, as one short table of their templates. */
function unrecognizedSection(findings: Finding[]): string[] {
  const rows = findings.flatMap((f) => (f.templates ?? []).map((t) => ({ f, t })));
  if (!rows.length) return [];
  const shown = rows.slice(0, UNRECOGNIZED_ROWS);
  const lines = [
    '## Unrecognised errors',
    '',
    `Error-level lines no rule recognises (${findings.reduce((n, f) => n + f.count, 0)} in ${findings.length} service${findings.length > 1 ? 's' : ''}), grouped into templates with variable parts as ${code('<*>')}. Not a diagnosis: read them next to the findings above, and turn one into a rule with ${code('incident-triage rules suggest report.json --template N')}.`,
    '',
    '| # | Service | Count | First → last | Template |',
    '|---|---|---|---|---|',
    ...shown.map(({ f, t }) => `| ${t.index} | ${markdownCell(f.service)} | ${t.count} | ${markdownCell(`${utc(t.firstSeen)} → ${utc(t.lastSeen)}`)} | ${cellCode(t.template.slice(0, 300))} |`),
  ];
  if (rows.length > shown.length) lines.push('', `${rows.length - shown.length} more template(s) in the JSON report.`);
  lines.push('');
  return lines;
}

/** The support ticket, laid out as CircleCI's "Submitting a Support Ticket" table asks. */
const MAX_RULE_IDS = 12;

/** Support status, layout and the release facts that apply to the detected versions. */
function installationSection(report: Report): string[] {
  const i = report.installation;
  if (!i) return [];
  const out = ['## Installation', '', `- Support status: **${i.supportStatus.status}** — ${i.supportStatus.detail} (${i.supportStatus.source})`];
  const t = report.bundle.topology;
  if (t) {
    out.push(
      `- Contexts encryption: ${t.secrets.value} (${t.secrets.basis})`,
      `- Nomad servers: ${t.nomadServers.value} (${t.nomadServers.basis})`,
      `- Nomad client runtime: ${t.clientRuntime.value} (${t.clientRuntime.basis})`,
      `- FIPS mode: ${t.fips.value} (${t.fips.basis})`,
    );
  }
  out.push('');
  if (i.knownIssues.length) {
    out.push('### Known issues for these versions', '');
    for (const k of i.knownIssues) out.push(`- **${k.title}** (${k.component} ${k.version}): ${k.detail} Source: ${k.source}`);
    out.push('');
  }
  if (i.scopedOut.length) {
    out.push('### Rules that do not apply to this installation', '');
    for (const s of i.scopedOut) out.push(`- ${code(s.ruleId)}: ${s.reason}`);
    out.push('');
  }
  return out;
}

/** For each suspected issue type: what was checked without a finding, what was not, what would settle it. */
function cannotTellSection(report: Report): string[] {
  const entries = report.installation?.cannotTell ?? [];
  if (!entries.length) return [];
  const ids = (list: string[]) => (list.length ? `${list.slice(0, MAX_RULE_IDS).map(code).join(', ')}${list.length > MAX_RULE_IDS ? ` and ${list.length - MAX_RULE_IDS} more` : ''}` : 'none');
  const out = ['## What this report cannot tell', ''];
  for (const e of entries) {
    out.push(`### ${e.title}`, '');
    out.push(`- Checked, no match (${e.checkedWithoutFinding.length}): ${ids(e.checkedWithoutFinding)}`);
    out.push(`- Not checked, no applicable log in the inputs (${e.notChecked.length}): ${ids(e.notChecked)}`);
    if (e.scopedOut.length) out.push(`- Not applicable to this installation: ${ids(e.scopedOut.map((s) => s.ruleId))}`);
    if (e.collectorProblems.length) out.push(`- Collection problems that may hide evidence: ${e.collectorProblems.join('; ')}`);
    out.push(`- Would settle it: ${e.wouldSettle.length ? e.wouldSettle.join('; ') : 'nothing more is listed for this issue type; attach the logs of the failing job'}`, '');
  }
  return out;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const perFinding = options.evidencePerFinding ?? 4;
  const b = report.bundle;
  const main = report.findings.filter((f) => f.issueType !== 'bundle-quality' && !isUnrecognizedFinding(f));
  const unrecognized = report.findings.filter(isUnrecognizedFinding);
  const quality = report.findings.filter((f) => f.issueType === 'bundle-quality');
  const out: string[] = [
    `# CircleCI Server incident: ${t(report.summary.headline)}`,
    '',
    `Severity **${report.summary.severity}** · issue types: ${report.summary.issueTypes.map((t) => code(t)).join(', ') || 'none'} · report schema ${report.schemaVersion} · rule pack ${report.tool.rulePackVersion} · generated ${utc(report.generatedAt)}`,
    '',
    '## Ticket details',
    '',
    ...header(report),
    '',
    '## Findings',
    '',
  ];
  if (!main.length) out.push('No known CircleCI Server failure pattern matched.', '');
  for (const f of main) out.push(...findingSection(f, report, perFinding));
  out.push(...unrecognizedSection(unrecognized));

  if (report.missingEvidence.length) {
    out.push('## Missing evidence', '', 'The guide lists these logs as essential for the detected issue types, and the upload lacks them:', '');
    for (const m of report.missingEvidence) out.push(`- **${m.label}** (${ISSUE_TYPE_INFO[m.issueType].title}): ${code(m.collect)}${m.elsewhere ? ` — not in a support bundle here (${m.elsewhere})` : ''}`);
    out.push('');
  }

  out.push('## Cluster state', '');
  out.push(`- Namespaces: ${b.namespaces.length ? t(b.namespaces.join(', ')) : 'unknown'}`);
  out.push(`- Services seen: ${t(b.services.filter((s) => s !== 'unknown').join(', ')) || 'none'}`);
  out.push(
    `- Restarting pods: ${b.restartingPods.length ? t(b.restartingPods.map((p) => `${p.namespace}/${p.pod}/${p.container} (${p.restarts} restarts${p.reason ? `, ${p.reason}` : ''}${p.crashLooping ? ', crash-looping' : ''}${p.previousLogPresent ? '' : ', no previous log'})`).join('; ')) : 'none'}`,
  );
  out.push(`- Nodes not ready: ${b.notReadyNodes.length ? t(b.notReadyNodes.map((n) => `${n.name} (${n.reason})`).join('; ')) : 'none'}`);
  out.push(`- Read: ${b.stats.files} files, ${b.stats.logFiles} logs, ${b.stats.linesScanned} lines, ${(b.stats.bytesScanned / 1e6).toFixed(1)} MB scanned, ${b.stats.skippedFiles} skipped`);
  for (const input of report.inputs) {
    if (input.status !== 'ok') out.push(`- Input ${code(input.name)}: ${input.status}${input.error ? ` — ${t(input.error)}` : ''}`);
  }
  if (report.redactions?.length) {
    const total = report.redactions.reduce((sum, r) => sum + r.count, 0);
    out.push(`- Masked before output: ${total} value(s) (${report.redactions.map((r) => `${t(r.kind)} ${r.count}`).join(', ')})`);
  }
  out.push('');

  if (quality.length) {
    out.push('## Bundle quality', '');
    for (const f of quality) out.push(...findingSection(f, report, perFinding));
  }

  out.push(...installationSection(report), ...cannotTellSection(report));

  for (const section of options.sections ?? []) {
    const text = section(report);
    if (text) out.push(text.trimEnd(), '');
  }

  out.push('## Next steps', '', ...report.nextSteps.map((s, i) => `${i + 1}. ${s}`), '');
  return out.join('\n');
}
