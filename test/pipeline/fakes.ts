import type { AlarmTracker, Incident } from '../../functions/pipeline/model.js';
import type { IncidentStore, Mutator } from '../../functions/pipeline/ports.js';

/** In-memory incident store with the same read-modify-write contract as the DynamoDB adapter. */
export class MemoryIncidentStore implements IncidentStore {
  readonly incidents = new Map<string, Incident>();
  readonly trackers = new Map<string, AlarmTracker>();
  readonly folders = new Map<string, string>();

  get(id: string): Promise<Incident | undefined> {
    return Promise.resolve(structuredClone(this.incidents.get(id)));
  }
  update(id: string, mutate: Mutator<Incident>): Promise<Incident | undefined> {
    try {
      const cur = structuredClone(this.incidents.get(id));
      const next = mutate(cur);
      if (!next) return Promise.resolve(cur);
      const stored = { ...next, rev: (cur?.rev ?? 0) + 1 };
      this.incidents.set(id, structuredClone(stored));
      return Promise.resolve(stored);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
  bindFolder(folder: string, id: string): Promise<string> {
    if (!this.folders.has(folder)) this.folders.set(folder, id);
    return Promise.resolve(this.folders.get(folder)!);
  }
  folderIncident(folder: string): Promise<string | undefined> {
    return Promise.resolve(this.folders.get(folder));
  }
  openAlarmIncidents(installationId: string, from: string, to: string): Promise<Incident[]> {
    return Promise.resolve(
      [...this.incidents.values()].filter(
        (i) => i.installationId === installationId && i.status === 'open' && i.alarm && i.alarm.firstFiredAt >= from && i.alarm.firstFiredAt <= to,
      ),
    );
  }
  updateAlarmTracker(installationId: string, alarmName: string, mutate: Mutator<AlarmTracker>): Promise<AlarmTracker | undefined> {
    const key = `${installationId}#${alarmName}`;
    const cur = this.trackers.get(key);
    const next = mutate(cur);
    if (!next) return Promise.resolve(cur);
    this.trackers.set(key, { ...next, rev: (cur?.rev ?? 0) + 1 });
    return Promise.resolve(this.trackers.get(key));
  }
  list(limit: number): Promise<Incident[]> {
    return Promise.resolve([...this.incidents.values()].slice(0, limit));
  }
}
