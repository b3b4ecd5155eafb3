import type { FileInfo } from '../model/file-kind.js';
import { isUnattributedExtra, SCANNED_KINDS } from '../model/file-kind.js';
import type { RuleScope } from './rule.js';
import { globToRegExp } from './glob.js';

export type ScopePredicate = (file: FileInfo) => boolean;

function nameMatcher(patterns: string[]): (value: string | undefined) => boolean {
  const exact = new Set(patterns.filter((p) => !p.endsWith('*')));
  const prefixes = patterns.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  return (value) => value !== undefined && (exact.has(value) || prefixes.some((p) => value.startsWith(p)));
}

/** Turns a rule's `appliesTo` into a predicate over files. No scope means every scanned file. */
export function compileScope(scope: RuleScope | undefined): ScopePredicate {
  const kinds = scope?.fileKinds ? new Set(scope.fileKinds) : SCANNED_KINDS;
  const services = scope?.services ? nameMatcher(scope.services) : undefined;
  const excluded = scope?.excludeServices ? nameMatcher(scope.excludeServices) : undefined;
  const containers = scope?.containers ? nameMatcher(scope.containers) : undefined;
  const paths = scope?.paths?.map(globToRegExp);
  return (file) => {
    if (!kinds.has(file.kind)) return false;
    // A hand-collected log of unknown writer may be any service's (the matcher orders such rules last).
    if (services && !services(file.service) && !isUnattributedExtra(file)) return false;
    if (excluded?.(file.service)) return false;
    if (containers && !containers(file.container)) return false;
    if (paths && !paths.some((re) => re.test(file.path))) return false;
    return true;
  };
}
