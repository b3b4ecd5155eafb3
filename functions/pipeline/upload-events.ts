import { z } from 'zod';
import { MalformedEventError } from './alarm-events.js';
import { isoUtc } from './ids.js';
import type { UploadRef } from './model.js';

/**
 * Validation of the S3 events in the bundle-triage queue: EventBridge "Object Created" (the
 * deployed path) and classic S3 notifications (buckets wired the older way). Classic keys are
 * form-URL-encoded; EventBridge keys are taken as they are.
 */

const eventBridgeObjectCreated = z.object({
  'detail-type': z.literal('Object Created'),
  source: z.literal('aws.s3'),
  time: z.string(),
  detail: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().min(0).optional(),
      etag: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

const classicNotification = z.object({
  Records: z.array(
    z.object({
      eventSource: z.literal('aws:s3'),
      eventTime: z.string(),
      eventName: z.string(),
      s3: z.object({
        bucket: z.object({ name: z.string().min(1) }),
        object: z.object({
          key: z.string().min(1),
          size: z.number().int().min(0).optional(),
          eTag: z.string().optional(),
          sequencer: z.string().optional(),
        }),
      }),
    }),
  ),
});

/** S3 sends this once when a notification is configured; it is not an upload. */
const s3TestEvent = z.object({ Event: z.literal('s3:TestEvent') });

export function parseUploadMessage(body: string): UploadRef[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedEventError('message body is not JSON');
  }
  const eb = eventBridgeObjectCreated.safeParse(json);
  if (eb.success) {
    const o = eb.data.detail.object;
    return [
      {
        bucket: eb.data.detail.bucket.name,
        key: o.key,
        size: o.size ?? 0,
        etag: stripQuotes(o.etag ?? o.sequencer ?? ''),
        sequencer: o.sequencer,
        time: isoUtc(eb.data.time),
      },
    ];
  }
  const classic = classicNotification.safeParse(json);
  if (classic.success) {
    return classic.data.Records.filter((r) => r.eventName.startsWith('ObjectCreated:')).map((r) => ({
      bucket: r.s3.bucket.name,
      key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')),
      size: r.s3.object.size ?? 0,
      etag: stripQuotes(r.s3.object.eTag ?? r.s3.object.sequencer ?? ''),
      sequencer: r.s3.object.sequencer,
      time: isoUtc(r.eventTime),
    }));
  }
  if (s3TestEvent.safeParse(json).success) return [];
  const issues = eb.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new MalformedEventError('not an S3 Object Created event (EventBridge or S3 notification)', issues);
}

function stripQuotes(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}

export const notifyMessageSchema = z.object({
  type: z.literal('incident-changed'),
  incidentId: z.string().regex(/^inc-[0-9a-f]{12}$/),
  version: z.number().int().min(1),
  kind: z.enum(['opened', 'alarm-refired', 'evidence-added', 'report-ready', 'enrichment-added', 'resolved', 'alarm-insufficient-data', 'input-refused']),
});
