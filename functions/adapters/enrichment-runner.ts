import { enrich, renderEnrichmentMarkdown, type Enrichment, type EnrichmentPorts } from '../enrichment/index.js';
import { likelyCause } from '../enrichment/trail/policy-changes.js';
import type { EnrichmentRunner } from '../pipeline/ports.js';

/** The AWS enrichment behind the pipeline's port; the ports (SDK clients) are made by the caller. */
export function awsEnrichmentRunner(ports: EnrichmentPorts, options: { circleciRoleNames: string[]; stepTimeoutMs?: number }): EnrichmentRunner {
  return {
    enrich: (report) => enrich(report, ports, { circleciRoleNames: options.circleciRoleNames, stepTimeoutMs: options.stepTimeoutMs }),
    renderMarkdown: (report) => renderEnrichmentMarkdown(report),
    highlights: (report) => enrichmentHighlights(report.enrichment as Enrichment | undefined),
  };
}

/**
 * A few lines for chat. Decoded authorization documents are privileged: only the one-line
 * explanation is used, never the document.
 */
export function enrichmentHighlights(e: Enrichment | undefined): string[] {
  if (!e) return [];
  // A change to the denying policy answers the ticket's first question, so it leads.
  const lines: string[] = (e.cloudTrail.policyChanges ?? []).slice(0, 2).map(likelyCause);
  for (const g of e.autoScalingGroups) {
    if (g.exists === false) {
      const hint = g.suggestions[0] ? `; closest existing: ${g.suggestions[0].name}` : '';
      lines.push(`Auto Scaling group "${g.name}" (from ${g.referencedBy.join(', ') || 'the autoscaler'}) does not exist${hint}`);
    }
    // An active instance refresh is only a warning, but it explains "the autoscaler does nothing".
    for (const issue of g.issues.filter((i) => i.level === 'error' || i.code === 'instance-refresh-active')) lines.push(`ASG ${g.name}: ${issue.message}`);
  }
  for (const d of e.cloudTrail.denials.slice(0, 3)) {
    lines.push(`${d.count}x ${d.errorCode} on ${d.service}:${d.action} by ${d.principal} (${d.firstTime} to ${d.lastTime})`);
  }
  for (const m of e.authorizationMessages.filter((a) => a.status === 'decoded').slice(0, 2)) lines.push(m.explanation);
  const changes = e.cloudTrail.recentChanges;
  const latest = latestChange(changes);
  if (latest) {
    lines.push(`${changes.length} AWS write event(s) in the 24 h before the incident; latest ${latest.eventName} by ${latest.principal} at ${latest.time}`);
  }
  for (const s of e.steps.filter((st) => st.status === 'failed' || st.status === 'timed-out')) {
    lines.push(`Enrichment step ${s.name} ${s.status}${s.errors[0] ? `: ${s.errors[0].kind}${s.errors[0].missingPermission ? ` (missing ${s.errors[0].missingPermission})` : ''}` : ''}`);
  }
  return lines.slice(0, 8);
}

/** The newest change by its time, whatever order the lookup returned them in. */
export function latestChange<T extends { time: string }>(changes: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const c of changes) if (!latest || Date.parse(c.time) > Date.parse(latest.time)) latest = c;
  return latest;
}
