/**
 * Drafts a rule from an unrecognised-error template, so an operator turns a new failure into a
 * rule in one step. The pattern keeps the template's constant text and lets every `<*>` (and
 * every secret mask) stand for anything.
 */
import { stringify } from 'yaml';
import type { Rule } from '../rules/rule.js';
import type { Finding, LogTemplate, Report } from '../report/schema.js';
import { MIN_LITERAL } from '../rules/literals.js';
import { isUnrecognizedFinding } from './findings.js';
import { WILDCARD } from './mask.js';

/** Template parts that stand for variable text: the miner's wildcard and the report's masks. */
const VARIABLE = /<\*>|\*{3}(?:MASKED:[0-9a-f]{6}|HIDDEN)\*{3}|…$/g;

const LEVEL_WORDS = /^(?:level|error|err|fatal|panic|critical|crit|severe|emerg|alert)$/i;

function escape(text: string): string {
  return text
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    .replace(/\s+/g, '\\s+')
    // JSON and quoted values carry quotes escaped or not.
    .replace(/"/g, '\\\\?"');
}

/** A regular expression source matching the lines of a template, or undefined without constant text. */
export function patternOfTemplate(template: string): string | undefined {
  const parts = template
    .split(VARIABLE)
    .map((p) => p.trim())
    .filter(Boolean);
  // The level word alone would match every error line: some other constant word must remain.
  const words = parts.join(' ').match(new RegExp(`[A-Za-z]{${MIN_LITERAL},}`, 'g')) ?? [];
  if (!words.some((w) => !LEVEL_WORDS.test(w))) return undefined;
  return parts.map(escape).join('.*');
}

function slug(template: string): string {
  const words = template
    .split(WILDCARD)
    .join(' ')
    .toLowerCase()
    .match(/[a-z][a-z0-9]+/g);
  return (words ?? ['template']).slice(0, 5).join('-').slice(0, 60);
}

export interface SuggestedRule {
  template: LogTemplate;
  finding: Finding;
  rule: Rule | undefined;
}

/** A draft rule for one template of an unrecognised-error finding. */
export function draftRule(finding: Finding, template: LogTemplate): Rule | undefined {
  const pattern = patternOfTemplate(template.template);
  if (!pattern) return undefined;
  const service = finding.service;
  return {
    id: `local.${service.replace(/[^a-z0-9.-]/g, '-')}.${slug(template.template)}`.replace(/^local\.-+/, 'local.'),
    title: `${service}: ${template.template.replace(/<\*>/g, '…').slice(0, 100)}`,
    issueType: finding.issueType,
    severity: finding.severity,
    ...(service !== 'unknown' ? { appliesTo: { services: [service] } } : {}),
    patterns: [pattern],
    levels: ['error', 'fatal'],
    explanation: `Draft from an unrecognised error template seen ${template.count}× in ${service}. Replace this text with what the line means and what it breaks.`,
    remediation: ['Replace this step with the fix or the next diagnostic step for this error.'],
  };
}

/** Draft rules for every template of the report, or only for template number `index`. */
export function suggestRules(report: Report, index?: number): SuggestedRule[] {
  const out: SuggestedRule[] = [];
  for (const finding of report.findings.filter(isUnrecognizedFinding)) {
    for (const template of finding.templates ?? []) {
      if (index !== undefined && template.index !== index) continue;
      out.push({ template, finding, rule: draftRule(finding, template) });
    }
  }
  return out.sort((a, b) => a.template.index - b.template.index);
}

/** One YAML rule file (valid for `--rules`), each rule headed by a comment naming its template. */
export function suggestionYaml(suggestions: readonly SuggestedRule[]): string {
  const lines = ['# Draft rules from unrecognised error templates: edit the title, explanation and remediation, then use with --rules.', 'rules:'];
  for (const s of suggestions) {
    const t = s.template;
    lines.push(`  # template ${t.index}: ${t.count}× in ${s.finding.service}, ${t.firstSeen ?? 'time unknown'} → ${t.lastSeen ?? 'time unknown'}`);
    lines.push(`  #   ${t.template.replace(/\n/g, ' ')}`);
    if (!s.rule) {
      lines.push('  #   (no constant text to match on: write this rule by hand)');
      continue;
    }
    const item = stringify([s.rule], { lineWidth: 0 }).trimEnd();
    lines.push(...item.split('\n').map((l) => `  ${l}`));
  }
  if (!suggestions.some((s) => s.rule)) lines[1] = 'rules: []';
  return `${lines.join('\n')}\n`;
}
