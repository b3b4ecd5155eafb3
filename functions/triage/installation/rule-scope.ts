import type { DraftFinding } from '../analysis/collector.js';
import type { Rule } from '../rules/rule.js';
import { satisfies, type Version } from './versions.js';
import type { Component } from './version-facts.js';
import type { Topology } from './topology.js';

export interface ScopedOut {
  ruleId: string;
  reason: string;
}

/**
 * Drops the findings of rules whose `appliesTo.versions` or `appliesTo.topology` excludes the
 * installation the inputs describe. Unknown versions and layouts exclude nothing.
 */
export function scopeToInstallation(
  drafts: readonly DraftFinding[],
  rules: readonly Rule[],
  versions: Partial<Record<Component, { version: Version; text: string }>>,
  topology: Topology,
): { kept: DraftFinding[]; scopedOut: ScopedOut[] } {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const kept: DraftFinding[] = [];
  const scopedOut: ScopedOut[] = [];
  for (const draft of drafts) {
    const reason = exclusion(byId.get(draft.ruleId), versions, topology);
    if (reason) {
      if (!scopedOut.some((s) => s.ruleId === draft.ruleId)) scopedOut.push({ ruleId: draft.ruleId, reason });
    } else kept.push(draft);
  }
  return { kept, scopedOut };
}

function exclusion(rule: Rule | undefined, versions: Partial<Record<Component, { version: Version; text: string }>>, topology: Topology): string | undefined {
  for (const [component, range] of Object.entries(rule?.appliesTo?.versions ?? {}) as Array<[Component, string]>) {
    const detected = versions[component];
    if (detected && !satisfies(detected.version, range)) return `applies to ${component} ${range}; the inputs show ${detected.text}`;
  }
  for (const [dimension, wanted] of Object.entries(rule?.appliesTo?.topology ?? {}) as Array<[keyof Topology, string]>) {
    const detected = topology[dimension];
    if (detected.value !== 'unknown' && detected.value !== wanted) return `applies to ${dimension} ${wanted}; the installation uses ${detected.value} (${detected.basis})`;
  }
  return undefined;
}
