import type { ChangeKind, Incident, TimelineEntry } from './model.js';

const MAX_CHANGES = 400;
const MAX_TIMELINE = 60;
const DAY_SECONDS = 86_400;

export interface NewIncident {
  id: string;
  installationId: string;
  openedBy: Incident['openedBy'];
  openedAt: string;
  folder: string;
  retentionDays: number;
}

export function newIncident(init: NewIncident): Incident {
  return {
    id: init.id,
    installationId: init.installationId,
    status: 'open',
    openedBy: init.openedBy,
    openedAt: init.openedAt,
    updatedAt: init.openedAt,
    folder: init.folder,
    inputs: [],
    evidenceVersion: 0,
    version: 0,
    rev: 0,
    changes: [],
    timeline: [],
    delivery: {},
    expiresAt: Math.floor(Date.parse(init.openedAt) / 1000) + init.retentionDays * DAY_SECONDS,
  };
}

export interface Change {
  /** Identifies the event that causes the change; the same key is applied once. */
  key: string;
  kind: ChangeKind;
  at: string;
  text: string;
}

/** Version at which the change `key` was applied, if it was. */
export function appliedVersion(incident: Incident, key: string): number | undefined {
  const prefix = `${key}@`;
  for (const entry of incident.changes) {
    if (entry.startsWith(prefix)) return Number(entry.slice(prefix.length));
  }
  return undefined;
}

/**
 * Applies a change to a copy of the incident: bumps `version`, records the key and a timeline
 * entry, then lets `edit` fill in the details. Returns `undefined` when the change was already
 * applied, which the store treats as "write nothing".
 */
export function withChange(incident: Incident, change: Change, edit: (draft: Incident, version: number) => void): Incident | undefined {
  if (appliedVersion(incident, change.key) !== undefined) return undefined;
  const draft = structuredClone(incident);
  const version = draft.version + 1;
  draft.version = version;
  draft.changes = [...draft.changes, `${change.key}@${version}`].slice(-MAX_CHANGES);
  const entry: TimelineEntry = { at: change.at, version, kind: change.kind, text: change.text };
  draft.timeline = [...draft.timeline, entry].slice(-MAX_TIMELINE);
  if (change.at > draft.updatedAt) draft.updatedAt = change.at;
  edit(draft, version);
  return draft;
}
