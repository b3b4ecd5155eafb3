import type { CompiledRule } from '../rules/compile.js';
import type { FileInfo } from '../model/file-kind.js';
import { ISSUE_TYPE_INFO, type IssueType } from '../model/issue-types.js';
import type { Finding, MissingEvidence } from '../report/schema.js';
import type { ScopedOut } from './rule-scope.js';

export interface CannotTell {
  issueType: IssueType | 'none';
  title: string;
  /** Rules of this issue type that read applicable files and matched nothing. */
  checkedWithoutFinding: string[];
  /** Rules of this issue type that had no applicable file to read. */
  notChecked: string[];
  /** Rules dropped for this installation's versions or layout. */
  scopedOut: ScopedOut[];
  /** Collectors that failed or were cut short (bundle-quality findings). */
  collectorProblems: string[];
  /** What would settle it. */
  wouldSettle: string[];
}

const NOT_SUSPECTED: ReadonlySet<IssueType> = new Set(['bundle-quality', 'installation', 'cascade']);

/**
 * For each suspected issue type, what the report checked and could not prove: the rules that ran
 * and found nothing, those with nothing to read, the failed collectors and the logs that would
 * settle it. With nothing suspected, the same for the whole pack in one entry.
 */
export function cannotTell(
  findings: readonly Finding[],
  compiled: readonly CompiledRule[],
  files: readonly FileInfo[],
  missing: readonly MissingEvidence[],
  scopedOut: readonly ScopedOut[],
): CannotTell[] {
  const hit = new Set(findings.map((f) => f.ruleId));
  const collectorProblems = findings
    .filter((f) => f.issueType === 'bundle-quality' && f.severity !== 'info')
    .map((f) => f.title)
    .slice(0, 8);
  const suspected = [...new Set(findings.filter((f) => !NOT_SUSPECTED.has(f.issueType)).map((f) => f.issueType))];
  const entry = (issueType: IssueType | 'none', rules: readonly CompiledRule[]): CannotTell => {
    const silent = rules.filter((c) => !hit.has(c.rule.id) && !c.rule.absent);
    const read = silent.filter((c) => files.some((f) => c.applies(f)));
    const ids = new Set(rules.map((c) => c.rule.id));
    return {
      issueType,
      title: issueType === 'none' ? 'No issue type suspected' : ISSUE_TYPE_INFO[issueType].title,
      checkedWithoutFinding: read.map((c) => c.rule.id),
      notChecked: silent.filter((c) => !read.includes(c)).map((c) => c.rule.id),
      scopedOut: scopedOut.filter((s) => ids.has(s.ruleId)),
      collectorProblems,
      wouldSettle: missing.filter((m) => issueType === 'none' || m.issueType === issueType).map((m) => `${m.label}: ${m.collect}`),
    };
  };
  if (suspected.length === 0) return [entry('none', compiled.filter((c) => !NOT_SUSPECTED.has(c.rule.issueType)))];
  return suspected.map((type) => entry(type, compiled.filter((c) => c.rule.issueType === type)));
}
