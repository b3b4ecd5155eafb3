import { describe, expect, it } from 'vitest';
import { newIncident, withChange } from '../../functions/pipeline/incident.js';
import type { Incident } from '../../functions/pipeline/model.js';
import { DeliveryError, NotificationBusyError, deliverIncidentUpdate, type NotifyDeps } from '../../functions/pipeline/notifier.js';
import type { ChatMessage, ChatSink, ObjectStore } from '../../functions/pipeline/ports.js';
import { MemoryIncidentStore } from './fakes.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const objects: ObjectStore = {
  open: () => Promise.reject(new Error('unused')),
  putText: () => Promise.resolve(),
  getText: () => Promise.resolve(undefined), putBytes: () => Promise.resolve(), getBytes: () => Promise.resolve(undefined),
  uri: (k) => `s3://b/${k}`,
};

function incident(): Incident {
  const base = newIncident({ id: 'inc-0123456789ab', installationId: 'i', openedBy: 'upload', openedAt: '2025-03-14T09:40:00.000Z', folder: 'f', retentionDays: 1 });
  return withChange(base, { key: 'k1', kind: 'opened', at: '2025-03-14T09:40:00.000Z', text: 'opened' }, () => undefined)!;
}

function deps(store: MemoryIncidentStore, chat: ChatSink, publish: () => Promise<void>): NotifyDeps {
  return { store, objects, chat, topic: { publish }, mask: (t) => t, bucket: 'b', clock: { now: () => new Date('2025-03-14T09:41:00Z') }, logger: silent };
}

describe('incident changes', () => {
  it('applies a change once and counts versions', () => {
    const once = incident();
    expect(once.version).toBe(1);
    expect(withChange(once, { key: 'k1', kind: 'opened', at: 'x', text: 'again' }, () => undefined)).toBeUndefined();
    const twice = withChange(once, { key: 'k2', kind: 'resolved', at: '2025-03-14T10:00:00.000Z', text: 'done' }, () => undefined)!;
    expect(twice.version).toBe(2);
    expect(twice.changes).toEqual(['k1@1', 'k2@2']);
    expect(twice.updatedAt).toBe('2025-03-14T10:00:00.000Z');
  });
});

describe('notifier domain', () => {
  it('after a partial failure, the retry re-sends only to the channel that failed', async () => {
    const store = new MemoryIncidentStore();
    store.incidents.set('inc-0123456789ab', incident());
    const posted: ChatMessage[] = [];
    const chat: ChatSink = { mode: 'webhook', post: (m) => (posted.push(m), Promise.resolve(undefined)) };
    let snsCalls = 0;
    const flaky = () => (++snsCalls === 1 ? Promise.reject(new Error('throttled')) : Promise.resolve());
    const message = { type: 'incident-changed' as const, incidentId: 'inc-0123456789ab', version: 1, kind: 'opened' as const };

    await expect(deliverIncidentUpdate(message, deps(store, chat, flaky))).rejects.toBeInstanceOf(DeliveryError);
    const second = await deliverIncidentUpdate(message, deps(store, chat, flaky));
    expect(second).toMatchObject({ outcome: 'delivered', channels: ['sns'] });
    expect(posted).toHaveLength(1);
    expect(snsCalls).toBe(2);
    const third = await deliverIncidentUpdate(message, deps(store, chat, flaky));
    expect(third.outcome).toBe('duplicate');
    expect((await store.get('inc-0123456789ab'))?.notifyLock).toBeUndefined();
  });

  it('defers while another delivery holds the incident lock', async () => {
    const store = new MemoryIncidentStore();
    store.incidents.set('inc-0123456789ab', { ...incident(), notifyLock: { token: 'other', until: '2025-03-14T09:42:00.000Z' } });
    const chat: ChatSink = { mode: 'webhook', post: () => Promise.resolve(undefined) };
    await expect(
      deliverIncidentUpdate({ type: 'incident-changed', incidentId: 'inc-0123456789ab', version: 1, kind: 'opened' }, deps(store, chat, () => Promise.resolve())),
    ).rejects.toBeInstanceOf(NotificationBusyError);
  });
});
