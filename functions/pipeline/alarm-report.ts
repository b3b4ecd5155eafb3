import { REPORT_SCHEMA_VERSION, type Report } from '../triage/report/schema.js';
import type { IssueType } from '../triage/model/issue-types.js';
import type { Checklist } from './checklist.js';
import type { AlarmSignal } from './model.js';

/**
 * A report with no bundle yet: the alarm, what to collect, nothing found. The enrichment runs on it
 * (the checks that need no bundle) and the ticket renders it like any other report.
 */
export function alarmOnlyReport(signal: AlarmSignal, issueTypes: IssueType[], checklist: Checklist, generatedAt: string): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt,
    tool: { name: 'incident-pipeline', version: '0.1.0', rulePackVersion: 'n/a' },
    inputs: [],
    bundle: {
      name: null,
      collectedAt: null,
      troubleshootVersion: null,
      serverVersion: { value: null, source: 'none' },
      kubernetesVersion: null,
      autoscalerVersion: null,
      namespaces: [],
      circleciContent: false,
      services: [],
      restartingPods: [],
      notReadyNodes: [],
      jobs: [],
      images: [],
      autoscalerPolicies: [],
      stats: { files: 0, logFiles: 0, linesScanned: 0, bytesScanned: 0, skippedFiles: 0 },
    },
    summary: {
      severity: 'none',
      issueTypes,
      headline: `Alarm ${signal.alarmName} is in ALARM; waiting for the support bundle`,
      window: { start: signal.timestamp, end: signal.timestamp },
    },
    findings: [],
    missingEvidence: checklist.items.map((item) => ({
      issueType: item.issueTypes[0]!,
      evidence: item.id,
      label: item.label,
      collect: item.command,
    })),
    nextSteps: [`Collect and upload the logs below before ${checklist.collectBy} (10 minutes after the alarm).`, `Upload: ${checklist.uploadCommand}`],
    alarm: { name: signal.alarmName, time: signal.timestamp, reason: signal.reason, region: signal.region },
  };
}
