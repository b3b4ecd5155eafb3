import type { AlarmTracker, Incident } from '../../functions/pipeline/model.js';
import { Readable } from 'node:stream';
import type { IncidentStore, Mutator, ObjectStore } from '../../functions/pipeline/ports.js';

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

/** In-memory bucket that counts what is read from it, by object. */
export class MemoryObjects implements ObjectStore {
  readonly objects = new Map<string, Buffer>();
  /** Bytes read per key (opened streams and getBytes/getText). */
  readonly reads = new Map<string, number>();

  constructor(private readonly bucket = 'incident-bucket') {}

  set(key: string, body: string | Buffer): void {
    this.objects.set(key, Buffer.from(body));
  }
  text(key: string): string | undefined {
    return this.objects.get(key)?.toString('utf8');
  }
  open(key: string): Promise<Readable> {
    const body = this.read(key);
    return body === undefined ? Promise.reject(new Error(`NoSuchKey: ${key}`)) : Promise.resolve(Readable.from([body]));
  }
  putText(key: string, body: string): Promise<void> {
    this.set(key, body);
    return Promise.resolve();
  }
  getText(key: string): Promise<string | undefined> {
    return Promise.resolve(this.read(key)?.toString('utf8'));
  }
  putBytes(key: string, body: Uint8Array): Promise<void> {
    this.objects.set(key, Buffer.from(body));
    return Promise.resolve();
  }
  getBytes(key: string): Promise<Buffer | undefined> {
    return Promise.resolve(this.read(key));
  }
  uri(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }
  /** Bytes read from keys that start with `prefix`. */
  bytesRead(prefix: string): number {
    let n = 0;
    for (const [key, bytes] of this.reads) if (key.startsWith(prefix)) n += bytes;
    return n;
  }
  private read(key: string): Buffer | undefined {
    const body = this.objects.get(key);
    if (body) this.reads.set(key, (this.reads.get(key) ?? 0) + body.length);
    return body;
  }
}
