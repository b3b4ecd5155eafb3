import type { ReadProblem } from '../bundle/entry.js';
import type { Evidence } from '../report/schema.js';
import { draftFinding, evidenceOf, type DraftFinding } from './collector.js';
import type { RunState } from './run-state.js';
import { unredactedCopiesFinding } from './unredacted-copies.js';

/** Line limits of troubleshoot's collectors: `logs` default tailLines, and unhealthy-pod logs. */
const COLLECTOR_LINE_LIMITS = [10_000, 500];
const LATE_COLLECTION_MINUTES = 10;

const PROBLEM_TEXT: Record<ReadProblem['code'], { title: string; severity: DraftFinding['severity']; explanation: string; remediation: string }> = {
  truncated: {
    title: 'Input is truncated or corrupt; the report is partial',
    severity: 'high',
    explanation: 'Reading stopped at a broken part of the archive (cut-off upload, disk full during collection, or a corrupt file). Findings cover only what was read before that point.',
    remediation: 'Re-upload the bundle or collect a new one; check the upload finished (compare sizes and `gzip -t` the file).',
  },
  'decompression-bomb': {
    title: 'Input expands beyond the configured limits; reading stopped',
    severity: 'high',
    explanation: 'The archive decompresses to more data than allowed, or at an implausible ratio. It may be a decompression bomb, or a legitimately huge bundle.',
    remediation: 'If the bundle is genuine, raise --max-uncompressed-bytes / --max-compression-ratio and run again.',
  },
  'entry-limit': {
    title: 'Too many files in the input; the rest was not read',
    severity: 'medium',
    explanation: 'The input has more entries than the configured limit. Findings cover only the entries read.',
    remediation: 'If the bundle is genuine, raise --max-entries and run again.',
  },
  'unsafe-name': {
    title: 'Archive entries with absolute or parent-directory names were ignored',
    severity: 'medium',
    explanation: 'A support bundle never holds such names; they indicate a tampered or hand-made archive. The entries were skipped, never written anywhere.',
    remediation: 'Collect the bundle again with `kubectl support-bundle`; do not repackage it by hand.',
  },
  'symlink-escape': {
    title: 'Symlinks pointing outside the bundle were ignored',
    severity: 'medium',
    explanation: 'Bundle symlinks point at files inside the bundle (collector folders link to cluster-resources/pods/logs). Links leaving it were not followed.',
    remediation: 'Collect the bundle again with `kubectl support-bundle`; do not repackage it by hand.',
  },
  'symlink-loop': {
    title: 'Symlinks that loop or point at missing files',
    severity: 'low',
    explanation: 'Some collector symlinks do not lead to a file in the bundle, so those logs are missing.',
    remediation: 'Collect the missing pod logs with `kubectl logs <pod> -n <namespace>` and upload them beside the bundle.',
  },
  'long-line': {
    title: 'Very long log lines were cut',
    severity: 'low',
    explanation: 'Lines longer than the configured limit were examined only up to the limit; a pattern after that point would be missed.',
    remediation: 'Raise --max-line-bytes if these lines matter.',
  },
  'binary-log': {
    title: 'Binary data where a log was expected',
    severity: 'low',
    explanation: 'A log file holds binary data (corruption or a misnamed file). It was skipped.',
    remediation: 'Collect that log again with `kubectl logs`.',
  },
  'json-too-large': {
    title: 'Kubernetes JSON too large to read facts from',
    severity: 'low',
    explanation: 'A cluster-resources document exceeded the JSON size limit, so pod, node or ConfigMap facts from it are missing.',
    remediation: 'Raise --max-json-bytes if the facts are needed.',
  },
  'json-invalid': {
    title: 'Kubernetes JSON that does not parse',
    severity: 'low',
    explanation: 'A cluster-resources document is not valid JSON (truncated or edited), so facts from it are missing.',
    remediation: 'Collect the bundle again.',
  },
  unreadable: {
    title: 'Input could not be read',
    severity: 'high',
    explanation: 'An input is not a support bundle, tar archive or text log, or could not be opened. It contributed nothing to this report.',
    remediation: 'Check the file: support bundles are the .tar.gz written by `kubectl support-bundle`; extra logs are plain text.',
  },
};

function problemFindings(all: readonly ReadProblem[], overflow: ReadonlyMap<ReadProblem['code'], number>): DraftFinding[] {
  const byCode = new Map<ReadProblem['code'], ReadProblem[]>();
  for (const problem of all) byCode.set(problem.code, [...(byCode.get(problem.code) ?? []), problem]);
  return [...byCode].map(([code, problems]) => {
    const text = PROBLEM_TEXT[code];
    const extra = overflow.get(code) ?? 0;
    return draftFinding({
      ruleId: `bundle-quality.${code}`,
      issueType: 'bundle-quality',
      severity: text.severity,
      service: 'support-bundle',
      title: text.title,
      explanation: text.explanation,
      remediation: [text.remediation],
      count: problems.length + extra,
      // Read problems have no line; line 1 of the offending input or entry is the nearest truth.
      evidence: problems.slice(0, 4).map((p) => evidenceOf(p.path, 1, p.detail)),
      data: { paths: problems.slice(0, 20).map((p) => p.path) },
    });
  });
}

function lineLimitFindings(state: RunState): DraftFinding[] {
  const capped = state.logs.filter((log) => log.file.kind === 'pod-log' && COLLECTOR_LINE_LIMITS.includes(log.lines));
  if (!capped.length) return [];
  return [
    draftFinding({
      ruleId: 'bundle-quality.log-line-limit',
      issueType: 'bundle-quality',
      severity: 'medium',
      service: 'support-bundle',
      title: 'Pod logs stopped at the collector line limit; earlier errors may have been pushed out',
      explanation:
        'Support bundles keep the last 10,000 lines per pod log (500 for unhealthy pods). These logs hit exactly that limit, so anything older is missing — a busy service can push the first error out within minutes.',
      remediation: [
        'Collect the bundle again immediately after reproducing the issue.',
        'Capture the full log of each listed pod: kubectl logs <pod> -n <namespace> --tail=1000000 > <service>.log',
      ],
      count: capped.length,
      evidence: capped.slice(0, 4).map((log) => evidenceOf(log.file.path, log.lines, `${log.lines} lines (collector limit)`)),
      data: { paths: capped.slice(0, 20).map((log) => log.file.path) },
    }),
  ];
}

function missingPreviousFindings(state: RunState): DraftFinding[] {
  const missing = [...state.facts.restarts.values()].filter(
    (r) => r.crashLooping && !state.paths.has(`cluster-resources/pods/logs/${r.namespace}/${r.pod}/${r.container}-previous.log`),
  );
  if (!missing.length) return [];
  return [
    draftFinding({
      ruleId: 'bundle-quality.previous-log-missing',
      issueType: 'bundle-quality',
      severity: 'medium',
      service: 'support-bundle',
      title: 'Crash-looping containers without their previous log',
      explanation:
        'These containers are in CrashLoopBackOff, but the bundle has no -previous.log for them, so the output of the crashed instance (usually where the error is) is missing.',
      remediation: missing
        .slice(0, 5)
        .map((r) => `kubectl logs ${r.pod} -c ${r.container || '<container>'} -n ${r.namespace || '<namespace>'} --previous > ${r.container || r.pod}-previous.log`),
      count: missing.length,
      evidence: missing.slice(0, 4).map((r) => evidenceOf(r.evidence.path, r.evidence.line, r.evidence.text)),
      data: { pods: missing.slice(0, 20).map((r) => `${r.namespace}/${r.pod}/${r.container}`) },
    }),
  ];
}

function collectorErrorFindings(state: RunState): DraftFinding[] {
  const files = state.collectorErrorFiles.filter((f) => f.lines > 0 || f.bytes > 0);
  if (!files.length) return [];
  return [
    draftFinding({
      ruleId: 'bundle-quality.collector-errors',
      issueType: 'bundle-quality',
      severity: 'low',
      service: 'support-bundle',
      title: 'Some support-bundle collectors reported errors',
      explanation:
        'The collector wrote error files: parts of the cluster state or some logs could not be collected (RBAC, timeouts, rate limiting, missing pods). The report may miss what those collectors would have shown.',
      remediation: [
        'Read the listed error files; for the client rate limiter error raise kube-proxy-config clientConnection burst/qps to 100 and collect again (see the guide).',
      ],
      count: files.length,
      evidence: files.slice(0, 4).map((f) => evidenceOf(f.file.path, 1, f.firstLine ?? '')),
      data: { paths: files.slice(0, 20).map((f) => f.file.path) },
    }),
  ];
}

function brokenLinkFindings(state: RunState): DraftFinding[] {
  const broken: string[] = [];
  for (const [link] of state.links) {
    const seen = new Set<string>([link]);
    let target = state.links.get(link);
    while (target && state.links.has(target) && !seen.has(target)) {
      seen.add(target);
      target = state.links.get(target);
    }
    if (!target || !state.paths.has(target)) broken.push(link);
  }
  if (!broken.length) return [];
  return problemFindings(
    broken.slice(0, 50).map((path) => ({ code: 'symlink-loop', path, detail: `symlink ${path} does not lead to a file in the bundle` })),
    new Map([['symlink-loop', Math.max(0, broken.length - 50)]]),
  );
}

function noCircleciFinding(state: RunState, circleciContent: boolean): DraftFinding[] {
  // A notice about how a support bundle was collected: loose logs carry no namespace or spec to judge.
  const readBundle = state.inputs.some((i) => (i.kind === 'bundle-archive' || i.kind === 'bundle-directory') && i.status !== 'unusable');
  if (circleciContent || !readBundle) return [];
  const sample = state.files.slice(0, 3);
  return [
    draftFinding({
      ruleId: 'bundle-quality.no-circleci-content',
      issueType: 'bundle-quality',
      severity: 'medium',
      service: 'support-bundle',
      title: 'No CircleCI Server content in the inputs',
      explanation:
        'No CircleCI Server service, namespace or log was found. The bundle may come from another cluster or namespace, or was collected with a spec other than CircleCI\'s.',
      remediation: [
        'Collect with CircleCI\'s spec and namespace: kubectl support-bundle https://raw.githubusercontent.com/CircleCI-Public/server-scripts/main/support/support-bundle.yaml -n <namespace>',
      ],
      evidence: sample.map((f) => evidenceOf(f.path, 1, `${f.kind} file, service ${f.service}`)),
    }),
  ];
}

/** Bundle collected more than 10 minutes after the alarm: logs may have rotated away. */
function lateCollectionFinding(collectedUtc: string | undefined, alarmTime: Date | undefined, bundlePath: string): DraftFinding[] {
  if (!collectedUtc || !alarmTime) return [];
  const minutes = (Date.parse(collectedUtc) - alarmTime.getTime()) / 60_000;
  if (minutes <= LATE_COLLECTION_MINUTES) return [];
  const evidence: Evidence[] = [evidenceOf(bundlePath, 1, `bundle collected ${collectedUtc}, alarm at ${alarmTime.toISOString()} (${Math.round(minutes)} minutes later)`)];
  return [
    draftFinding({
      ruleId: 'bundle-quality.collected-late',
      issueType: 'bundle-quality',
      severity: 'medium',
      service: 'support-bundle',
      title: `Bundle collected ${Math.round(minutes)} minutes after the alarm`,
      explanation:
        'The guide asks for the support bundle within 10 minutes of the issue: logs are retained briefly and rotation may already have removed the lines that explain it.',
      remediation: ['Collect a bundle within 10 minutes of the next alarm; the alarm checklist gives the exact command.'],
      evidence,
    }),
  ];
}

export function bundleQualityFindings(
  state: RunState,
  context: { circleciContent: boolean; collectedUtc?: string; alarmTime?: Date },
): DraftFinding[] {
  return [
    ...problemFindings(state.problems, state.overflow),
    ...brokenLinkFindings(state),
    ...lineLimitFindings(state),
    ...missingPreviousFindings(state),
    ...collectorErrorFindings(state),
    ...unredactedCopiesFinding(state),
    ...noCircleciFinding(state, context.circleciContent),
    ...lateCollectionFinding(context.collectedUtc, context.alarmTime, state.facts.bundleName ?? state.inputs[0]?.name ?? 'bundle'),
  ];
}
