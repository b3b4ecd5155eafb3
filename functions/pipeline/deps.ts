import type { AlarmFilter, Clock, EnrichmentRunner, IncidentStore, NotifyQueue, ObjectStore, PipelineLogger, PipelineSettings, Triage } from './ports.js';

/** Everything the intake steps need, injected by the handler's composition root. */
export interface IntakeDeps {
  store: IncidentStore;
  objects: ObjectStore;
  queue: NotifyQueue;
  triage: Triage;
  /** Absent offline or when the deployment has no AWS enrichment. */
  enrichment?: EnrichmentRunner;
  /** Absent: every alarm is handled. */
  alarmFilter?: AlarmFilter;
  /** Masks secrets in text that leaves the pipeline (ticket, chat, SNS). */
  mask: (text: string) => string;
  settings: PipelineSettings;
  clock: Clock;
  logger: PipelineLogger;
}

export function reportKeys(incidentId: string, evidenceVersion: number): { jsonKey: string; markdownKey: string; htmlKey: string } {
  const base = `reports/${incidentId}/v${evidenceVersion}`;
  return { jsonKey: `${base}.json`, markdownKey: `${base}.md`, htmlKey: `${base}.html` };
}

/** Autoscaler policies of the installation's last bundle: the alarm-time ASG check needs no new bundle. */
export function lastPoliciesKey(installationId: string): string {
  return `state/${installationId}/autoscaler-policies.json`;
}
