import { CIRCLECI_SERVER_RULES } from '../../functions/triage/rules/circleci-server.js';
import { RuleSet, matchLine, absentRulesSatisfied, type FileMatcher } from '../../functions/triage/rules/compile.js';
import type { FileInfo, FileKind } from '../../functions/triage/model/file-kind.js';

export const ruleSet = new RuleSet(CIRCLECI_SERVER_RULES);

/** A scanned file written by `service`; pod logs get a bundle-like path. */
export function fileOf(service: string, kind: FileKind = 'pod-log', extra: Partial<FileInfo> = {}): FileInfo {
  const path =
    kind === 'pod-log' ? `cluster-resources/pods/logs/circleci-server/${service}-7c9d8b6f4-qx2lm/${service}.log` : `extra/${service}.${kind}.txt`;
  return { path, kind, service, input: 'test', namespace: 'circleci-server', ...extra };
}

export interface Claim {
  id: string;
  captures: Record<string, string>;
}

/** The rule that claims `line` in `file`, as the scanner would decide it. */
export function claim(file: FileInfo, line: string): Claim | undefined {
  const m = matchLine(ruleSet.forFile(file).lineRules, line);
  return m ? { id: m.rule.rule.id, captures: m.captures } : undefined;
}

/** Literal search the scanner may run before the regexes (see compile.ts). */
interface LiteralScan {
  scanLines(buf: Uint8Array, onLine: (start: number, end: number, lineIndex: number) => void): number;
}

/**
 * Whether the scanner would look at the line at all: a required literal of some pattern occurs in
 * it, or the combined prefilter regex (patterns without a usable literal) matches it.
 */
export function isCandidate(file: FileInfo, line: string): boolean {
  return candidateFor(ruleSet.forFile(file), line);
}

export function candidateFor(matcher: FileMatcher, line: string): boolean {
  const literals = (matcher as FileMatcher & { literals?: LiteralScan }).literals;
  let hit = false;
  literals?.scanLines(Buffer.from(`${line}\n`, 'utf8'), () => {
    hit = true;
  });
  if (hit) return true;
  const prefilter = matcher.prefilter;
  if (!prefilter) return false;
  prefilter.lastIndex = 0;
  return prefilter.test(line);
}

/** Ids of absent-rules that a whole file's lines satisfy; the rest would be raised. */
export function absentRaised(file: FileInfo, lines: string[]): string[] {
  const rules = ruleSet.forFile(file).absentRules;
  const satisfied = new Set(lines.flatMap((line) => absentRulesSatisfied(rules, line).map((c) => c.rule.id)));
  return rules.map((c) => c.rule.id).filter((id) => !satisfied.has(id));
}

/** A line the rule must claim, with the captures it must report. */
export interface Positive {
  rule: string;
  service: string;
  kind?: FileKind;
  /** Which log format the line is written in (documentation for the table). */
  format: string;
  line: string;
  captures?: Record<string, string | undefined>;
}

/** A line that must not be claimed at all, or not by `rule`. */
export interface Negative {
  service: string;
  kind?: FileKind;
  why: string;
  line: string;
  /** When set, another rule may claim the line, just not this one. */
  rule?: string;
}

/** Runs the shared assertions for a table of positives. */
export function checkPositive(c: Positive): void {
  const file = fileOf(c.service, c.kind);
  const got = claim(file, c.line);
  if (got?.id !== c.rule) throw new Error(`expected ${c.rule}, got ${got?.id ?? 'no rule'} for: ${c.line}`);
  for (const [name, value] of Object.entries(c.captures ?? {})) {
    if (got.captures[name] !== value) {
      throw new Error(`capture ${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got.captures[name])}`);
    }
  }
  if (!isCandidate(file, c.line)) throw new Error(`neither literals nor prefilter select: ${c.line}`);
}

export function checkNegative(c: Negative): void {
  const got = claim(fileOf(c.service, c.kind), c.line);
  if (c.rule ? got?.id === c.rule : got !== undefined) {
    throw new Error(`expected ${c.rule ? `not ${c.rule}` : 'no rule'}, got ${got?.id ?? 'none'} for: ${c.line}`);
  }
}
