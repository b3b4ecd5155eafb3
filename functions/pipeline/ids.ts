import { createHash } from 'node:crypto';

/**
 * Incident ids are derived from what opened the incident, so every replay of the same event
 * computes the same id and a conditional write turns duplicates into no-ops.
 */
export function incidentIdFor(seed: string): string {
  return `inc-${createHash('sha256').update(seed).digest('hex').slice(0, 12)}`;
}

export function alarmIncidentSeed(installationId: string, alarmName: string, stateTimestamp: string): string {
  return `alarm\u0000${installationId}\u0000${alarmName}\u0000${stateTimestamp}`;
}

export function uploadIncidentSeed(installationId: string, folderOrKey: string): string {
  return `upload\u0000${installationId}\u0000${folderOrKey}`;
}

/** ISO 8601 in UTC with milliseconds, so string order is time order. */
export function isoUtc(text: string | Date): string {
  const d = typeof text === 'string' ? new Date(normaliseOffset(text)) : text;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a timestamp: ${String(text)}`);
  return d.toISOString();
}

/** `2024-03-05T20:31:04.488+0000` (SNS alarm format) → `...+00:00`, which Date parses everywhere. */
function normaliseOffset(text: string): string {
  return text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}
