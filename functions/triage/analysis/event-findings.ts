import type { FileInfo } from '../model/file-kind.js';
import { canonicalService, isCircleciService, workloadOfPod } from '../model/services.js';
import { matchLine } from '../rules/compile.js';
import { eventLine, type WarningEvent } from '../facts/warning-events.js';
import type { RunState } from './run-state.js';

/** The service an event is about: the workload of a Pod, the kubelet for a Node, else the object. */
function serviceOf(event: WarningEvent): string {
  if (event.kind === 'Pod') return canonicalService(workloadOfPod(event.name));
  if (event.kind === 'Node') return 'kubelet';
  return event.name ? canonicalService(event.name) : 'unknown';
}

/**
 * Turns the Warning events of the bundle into findings: each event is worded as a
 * `kubectl get events` row and matched against the same line rules as the logs, so a
 * FailedScheduling event and a FailedScheduling line in a scheduler log raise the same finding.
 * Evidence quotes the event's line in events/<namespace>.json. Only events that can bear on
 * CircleCI Server count: cluster-scoped objects (nodes), and objects in the namespaces that run
 * CircleCI services or the cluster's own components (kube-system); a bundle with no CircleCI
 * content raises none.
 */
export function addWarningEventFindings(state: RunState, events: readonly WarningEvent[], circleciContent: boolean): void {
  if (!circleciContent || !events.length) return;
  const namespaces = new Set(['kube-system', ...state.files.filter((f) => f.namespace && isCircleciService(f.service)).map((f) => f.namespace!)]);
  for (const event of events) {
    if (event.namespace && !namespaces.has(event.namespace)) continue;
    // Matched as a text line: rules apply to scanned kinds, and the events JSON itself is not one.
    const file: FileInfo = {
      path: event.evidence.path,
      input: event.input,
      kind: 'text',
      service: serviceOf(event),
      ...(event.namespace ? { namespace: event.namespace } : {}),
      ...(event.kind === 'Pod' ? { pod: event.name } : {}),
    };
    const line = eventLine(event);
    const match = matchLine(state.rules.forFile(file).lineRules, line);
    if (!match) continue;
    state.findings.add({
      rule: match.rule.rule,
      file,
      lineNo: event.evidence.line,
      text: event.evidence.text,
      captures: match.captures,
      context: event.count > 1 ? `${line} (x${event.count})` : line,
      ...(event.lastSeen ? { time: { iso: event.lastSeen, assumed: false } } : {}),
    });
  }
}
