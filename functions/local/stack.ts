import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Upload } from '@aws-sdk/lib-storage';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse } from 'aws-lambda';
import { coreTriage } from '../adapters/core-triage.js';
import { LocalIncidentStore } from './local-incident-store.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import type { DeadLetters } from '../adapters/sqs-queues.js';
import { createAlarmIntakeHandler, type AlarmIntakeResult } from '../handlers/alarm-intake-handler.js';
import { createBundleTriageHandler } from '../handlers/bundle-triage-handler.js';
import { createNotifierHandler } from '../handlers/notifier-handler.js';
import type { IntakeDeps } from '../pipeline/deps.js';
import { DEFAULT_CORRELATION_WINDOW_MINUTES, type ChatSink, type Clock, type EnrichmentRunner, type PipelineLogger, type TopicSink, type Triage } from '../pipeline/ports.js';
import type { ReportLinker } from '../pipeline/report-link.js';
import { maskSecrets } from '../triage/index.js';
import { createResources, emulatorClients, type ResourceNames } from './emulators.js';
import { writeLatestPage } from './incident-page.js';
import { localContext } from './lambda-context.js';
import { InMemoryNotifyQueue } from './local-delivery.js';
import { objectCreatedEvent, sqsEvent } from './sample-events.js';

export interface LocalStackOptions {
  endpoints: { dynamodbEndpoint: string; s3Endpoint: string };
  names: ResourceNames;
  installationId: string;
  correlationWindowMinutes?: number;
  chat: ChatSink;
  topic: TopicSink;
  enrichment?: EnrichmentRunner;
  triage?: Triage;
  logger: Logger;
  metrics: Metrics;
  clock?: Clock;
  /** Redeliveries of a failed record before it counts as dead-lettered (SQS maxReceiveCount). */
  maxReceives?: number;
  /** Base wait before a failed record or invocation is redelivered (default 100 ms). */
  redeliveryDelayMs?: number;
  /** Where malformed events go with their reason; default: kept in `rejected`. */
  deadLetters?: DeadLetters;
  /** Links to the incident page in chat and SNS; default: none (the local run prints the page's path). */
  reportLinks?: ReportLinker;
}

/**
 * The deployed pipeline in one process: the same handler factories wired to the emulators, an
 * in-memory notify queue, and events routed to the handlers the way EventBridge and SQS would
 * (failed records are redelivered, then counted as dead-lettered).
 */
export class LocalStack {
  readonly store: LocalIncidentStore;
  readonly objects: S3ObjectStore;
  readonly queue = new InMemoryNotifyQueue();
  /** Bodies that failed every delivery attempt (what the SQS redrive policy would dead-letter). */
  readonly deadLettered: string[] = [];
  /** Malformed events, sent to the dead-letter queue at once with their reason. */
  readonly rejected: Array<{ body: string; reason: string; source: string }> = [];
  private readonly clients: ReturnType<typeof emulatorClients>;
  private readonly bundleTriage;
  private readonly alarmIntake;
  private readonly notifier;

  constructor(private readonly options: LocalStackOptions) {
    this.clients = emulatorClients(options.endpoints);
    const doc = DynamoDBDocumentClient.from(this.clients.dynamodb, { marshallOptions: { removeUndefinedValues: true } });
    this.store = new LocalIncidentStore(doc, options.names.incidentTable);
    this.objects = new S3ObjectStore(this.clients.s3, options.names.bucket);
    const clock = options.clock ?? { now: () => new Date() };
    const log = domainLogger(options.logger);
    const intake: IntakeDeps = {
      store: this.store,
      objects: this.objects,
      queue: this.queue,
      triage: options.triage ?? coreTriage,
      enrichment: options.enrichment,
      mask: maskSecrets,
      settings: {
        installationId: options.installationId,
        bucket: options.names.bucket,
        correlationWindowMinutes: options.correlationWindowMinutes ?? DEFAULT_CORRELATION_WINDOW_MINUTES,
        retentionDays: 90,
      },
      clock,
      logger: log,
    };
    const idempotency = {
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: options.names.idempotencyTable, awsSdkV3Client: this.clients.dynamodb }),
    };
    const deadLetters: DeadLetters = options.deadLetters ?? {
      send: (body, reason, source) => {
        this.rejected.push({ body, reason, source });
        return Promise.resolve();
      },
    };
    const common = { idempotency, deadLetters, logger: options.logger, metrics: options.metrics };
    this.bundleTriage = createBundleTriageHandler({ intake, ...common });
    this.alarmIntake = createAlarmIntakeHandler({ intake, ...common });
    this.notifier = createNotifierHandler({
      notify: {
        store: this.store,
        objects: this.objects,
        chat: options.chat,
        topic: options.topic,
        mask: maskSecrets,
        bucket: options.names.bucket,
        clock,
        logger: log,
        ...(options.reportLinks ? { reportLinks: options.reportLinks } : {}),
      },
      ...common,
    });
  }

  async init(): Promise<void> {
    await createResources(this.clients, this.options.names);
  }

  /** Streams a file into `incoming/<folder>/<name>` (multipart for large files) and returns its S3 event. */
  async upload(path: string, folder: string | undefined, time = new Date()): Promise<Record<string, unknown>> {
    const key = `incoming/${folder ? `${folder}/` : ''}${basename(path)}`;
    await new Upload({
      client: this.clients.s3,
      params: { Bucket: this.options.names.bucket, Key: key, Body: createReadStream(path), ContentLength: statSync(path).size },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
    }).done();
    return this.objectEvent(key, time);
  }

  async objectEvent(key: string, time = new Date()): Promise<Record<string, unknown>> {
    const head = await this.clients.s3.send(new HeadObjectCommand({ Bucket: this.options.names.bucket, Key: key }));
    return objectCreatedEvent({ bucket: this.options.names.bucket, key, size: head.ContentLength ?? 0, etag: (head.ETag ?? '').replace(/"/g, ''), time });
  }

  /** Delivers S3 events to the bundle-triage function through its queue. */
  async routeUploads(events: unknown[]): Promise<void> {
    await this.sqsDeliver((e) => this.bundleTriage(e, localContext('bundle-triage')), events.map((e) => JSON.stringify(e)));
  }

  /** Invokes alarm intake as EventBridge/SNS do: asynchronously, with two retries on error. */
  async alarm(event: unknown): Promise<AlarmIntakeResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.alarmIntake(event, localContext('alarm-intake'));
      } catch (e) {
        if (attempt >= 6) throw e;
        await sleep((this.options.redeliveryDelayMs ?? 100) * attempt);
      }
    }
  }

  /** Runs the notifier until the queue is empty. */
  async drain(): Promise<void> {
    while (this.queue.size > 0) {
      const messages = this.queue.take().map((m) => JSON.stringify(m));
      await this.sqsDeliver((e) => this.notifier(e, localContext('notifier')), messages);
    }
  }

  /** Writes the latest incident page under `dataDir` and returns its path. */
  async writePage(incidentId: string, dataDir: string): Promise<string | undefined> {
    const incident = await this.store.get(incidentId);
    return incident ? writeLatestPage(incident, this.objects, dataDir) : undefined;
  }

  async latestMarkdown(incidentId: string): Promise<string | undefined> {
    const incident = await this.store.get(incidentId);
    return incident?.report ? this.objects.getText(incident.report.markdownKey) : undefined;
  }

  private async sqsDeliver(invoke: (e: ReturnType<typeof sqsEvent>) => Promise<SQSBatchResponse>, bodies: string[]): Promise<void> {
    let pending = bodies;
    for (let receive = 1; pending.length > 0; receive++) {
      const event = sqsEvent(pending);
      const result = await invoke(event);
      const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
      const retry = event.Records.filter((r) => failed.has(r.messageId)).map((r) => r.body);
      if (receive >= (this.options.maxReceives ?? 5)) {
        this.deadLettered.push(...retry);
        return;
      }
      // The visibility timeout, compressed.
      if (retry.length > 0) await sleep((this.options.redeliveryDelayMs ?? 100) * receive);
      pending = retry;
    }
  }
}

function domainLogger(logger: Logger): PipelineLogger {
  return {
    info: (m, e = {}) => logger.info(m, e),
    warn: (m, e = {}) => logger.warn(m, e),
    error: (m, e = {}) => logger.error(m, e),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
