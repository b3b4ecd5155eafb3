import type { DraftFinding } from '../analysis/collector.js';
import { issueTypeOfService } from '../model/service-issue-types.js';
import type { Severity } from '../model/severity.js';
import { maskSecrets } from '../report/redact.js';
import type { LogTemplate } from '../report/schema.js';
import type { ServiceErrors, UnrecognizedCollector } from './collector.js';
import { UNRECOGNIZED_LIMITS } from './limits.js';

export const UNRECOGNIZED_RULE_PREFIX = 'unrecognized-errors.';
/** Volume or spread at which unrecognised errors are worth a look before the low findings. */
export const MEDIUM_MIN_LINES = 100;
export const MEDIUM_MIN_FILES = 3;
const MAX_TEMPLATE_CHARS = 500;

export function isUnrecognizedFinding(finding: { ruleId: string }): boolean {
  return finding.ruleId.startsWith(UNRECOGNIZED_RULE_PREFIX);
}

/** A template as text: tokens joined by spaces, secrets masked, cut. */
function templateText(tokens: readonly string[]): string {
  const text = maskSecrets(tokens.join(' '));
  return text.length > MAX_TEMPLATE_CHARS ? `${text.slice(0, MAX_TEMPLATE_CHARS)}…` : text;
}

function severityOf(errors: ServiceErrors): Severity {
  return errors.lines >= MEDIUM_MIN_LINES || errors.files.size >= MEDIUM_MIN_FILES ? 'medium' : 'low';
}

function extreme(values: (string | null)[], pick: 'min' | 'max'): string | null {
  const present = values.filter((v): v is string => v !== null).sort();
  return (pick === 'min' ? present[0] : present.at(-1)) ?? null;
}

/**
 * One finding per service holding error-level lines no rule claimed, with its most frequent
 * templates; templates are numbered across the report (most erroring service first).
 */
export function unrecognizedFindings(collector: UnrecognizedCollector, evidencePerFinding: number, reported = UNRECOGNIZED_LIMITS.templatesReported): DraftFinding[] {
  let index = 0;
  return collector.results().map((errors) => {
    const ranked = errors.stats.filter(Boolean).sort((a, b) => b.template.count - a.template.count || a.template.id - b.template.id);
    const templates: LogTemplate[] = ranked.slice(0, reported).map((s) => ({
      index: ++index,
      template: templateText(s.template.tokens),
      count: s.template.count,
      firstSeen: s.firstSeen,
      lastSeen: s.lastSeen,
      example: s.example,
    }));
    const dropped = errors.drain.dropped;
    const files = `${errors.files.size}${errors.filesTruncated ? '+' : ''}`;
    const top = templates[0];
    return {
      ruleId: `${UNRECOGNIZED_RULE_PREFIX}${errors.service}`,
      issueType: issueTypeOfService(errors.service),
      severity: severityOf(errors),
      service: errors.service,
      title: `Unrecognised error-level lines in ${errors.service}`,
      explanation:
        `${errors.lines} error-level line(s) in ${files} file(s) that no rule claims, grouped into ${ranked.length} template(s) ` +
        `by a log-template miner (variable parts shown as <*>)${dropped ? `; ${dropped} line(s) fit no template and the template cap was reached` : ''}. ` +
        'This is not a diagnosis: it is what the rule pack does not recognise yet, and may be the cause or noise.',
      remediation: [
        'Read the top templates and their example lines next to the other findings in the same time window.',
        'If a template is a real failure, turn it into a rule: `incident-triage rules suggest report.json --template N > rule.yaml`, edit it, and pass it with `--rules rule.yaml`.',
      ],
      count: errors.lines,
      firstSeen: extreme(ranked.map((s) => s.firstSeen), 'min'),
      lastSeen: extreme(ranked.map((s) => s.lastSeen), 'max'),
      timesAssumedUtc: errors.timesAssumedUtc,
      evidence: templates.slice(0, evidencePerFinding).map((t) => t.example),
      locations: errors.locations,
      locationsTruncated: errors.locationsTruncated,
      data: {
        ...(top ? { template: [top.template] } : {}),
        templates: templates.map((t) => `${t.count}× ${t.template}`),
      },
      templates,
    };
  });
}
