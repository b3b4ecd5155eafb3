import { CUSTOM_RESOURCE_YAML, writesUnredactedCustomResourceCopies } from '../facts/troubleshoot-version.js';
import { mark } from './secrets/mark.js';
import { maskText, maskTree } from './secrets/mask.js';
import { RedactionTally } from './secrets/tally.js';
import { REPORT_SCHEMA_VERSION, type Evidence, type Finding, type Report } from './schema.js';

export const MAX_EVIDENCE_TEXT = 2000;

export function cut(text: string, max = MAX_EVIDENCE_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}… [cut at ${max} characters]` : text;
}

/**
 * Every value of a line from an unredacted custom-resource copy: nothing in those files went
 * through the collector's redactors, so no value is trusted, whatever its key.
 */
function maskEveryValue(text: string, tally: RedactionTally): string {
  return text.replace(/([:=]\s*)(["']?)([^\s"',}\]]+)\2/g, (match, sep: string, quote: string, value: string) => {
    if (value.startsWith('***') || /^[-|>{[]$/.test(value)) return match;
    tally.add('unredacted-custom-resource');
    return `${sep}${quote}${mark(value)}${quote}`;
  });
}

function sealEvidence(e: Evidence, tally: RedactionTally, untrusted: boolean, masked: Set<string>): Evidence {
  // Mask before cutting, so a cut never leaves half a secret that no rule recognises.
  const seal = (text: string) => remember(masked, cut(untrusted ? maskEveryValue(maskText(text, tally), tally) : maskText(text, tally)));
  return { ...e, text: seal(e.text), ...(e.context !== undefined ? { context: seal(e.context) } : {}) };
}

function sealFinding(f: Finding, tally: RedactionTally, untrustedCopies: boolean, masked: Set<string>): Finding {
  const data = Object.fromEntries(Object.entries(f.data).map(([k, values]) => [k, [...new Set(values.map((v) => remember(masked, maskText(v, tally))))]]));
  return { ...f, data, evidence: f.evidence.map((e) => sealEvidence(e, tally, untrustedCopies && CUSTOM_RESOURCE_YAML.test(e.path), masked)) };
}

/** Notes a masked output, so the pass over the whole report does not scan it a second time. */
function remember(masked: Set<string>, text: string): string {
  masked.add(text);
  return text;
}

/**
 * The last masking step of a report: evidence (masked, then cut), captured values, and then every
 * other string, enrichment results included. Counts what it masks into `redactions`, on top of the
 * counts a previous pass recorded; a second pass over a sealed report finds nothing new.
 */
export function sealReport(report: Report): Report {
  const tally = new RedactionTally();
  tally.addAll(report.redactions ?? []);
  // An unknown version is treated as affected: the copies are there until proven redacted.
  const untrustedCopies = writesUnredactedCustomResourceCopies(report.bundle.troubleshootVersion) !== false;
  const masked = new Set<string>();
  const withFindings = { ...report, findings: report.findings.map((f) => sealFinding(f, tally, untrustedCopies, masked)) };
  const { redactions: _previous, ...rest } = withFindings;
  const sealed = maskTree(rest, tally, masked);
  const redactions = tally.entries();
  // A sealed report is written by this version and may carry its fields (`redactions`).
  return { ...sealed, schemaVersion: REPORT_SCHEMA_VERSION, ...(redactions.length ? { redactions } : {}) };
}

/** The last masking step of an outgoing text (Markdown ticket, chat text, log line). */
export function sealText(text: string): string {
  return maskText(text);
}

/**
 * The last masking step of a stored object: JSON is masked value by value (a text-level pass could
 * cut through its quoting), anything else as text.
 */
export function sealBody(body: string, contentType: string): string {
  if (/json/i.test(contentType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return maskText(body);
    }
    const masked = maskTree(parsed);
    return body.includes('\n') ? JSON.stringify(masked, null, 2) : JSON.stringify(masked);
  }
  return maskText(body);
}
