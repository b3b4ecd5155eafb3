import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { PipelineConfig } from '../config.js';
import { AlarmIntake } from '../constructs/alarm-intake-function.js';
import { BundleStore, INCOMING_PREFIX } from '../constructs/bundle-store.js';
import { BundleTriage } from '../constructs/bundle-triage-function.js';
import { EnrichmentPolicy } from '../constructs/enrichment-policy.js';
import type { FunctionSettings, SharedStores } from '../constructs/bindings.js';
import { IncidentStore } from '../constructs/incident-store.js';
import { NomadAlarms } from '../constructs/nomad-alarms.js';
import { Notifications } from '../constructs/notifications.js';
import { Notifier } from '../constructs/notifier-function.js';
import { RedactionKey } from '../constructs/redaction-key.js';
import { SelfMonitoring } from '../constructs/self-monitoring.js';

export interface IncidentPipelineStackProps extends StackProps {
  readonly config: PipelineConfig;
  readonly projectRoot: string;
  /** Handler entry files (absolute paths). */
  readonly entries: { readonly bundleTriage: string; readonly alarmIntake: string; readonly notifier: string };
}

/**
 * The whole pipeline in one stack: stores, the upload and alarm triggers, delivery and
 * self-monitoring. Stateful resources keep pinned logical IDs, so they survive refactoring
 * here without being split into a stack of their own.
 */
export class IncidentPipelineStack extends Stack {
  readonly bundles: BundleStore;
  readonly store: IncidentStore;
  readonly notifications: Notifications;
  readonly notifier: Notifier;
  readonly triage: BundleTriage;
  readonly alarms: AlarmIntake;
  readonly nomadAlarms: NomadAlarms | undefined;
  readonly monitoring: SelfMonitoring;

  constructor(scope: Construct, id: string, props: IncidentPipelineStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.bundles = new BundleStore(this, 'Bundles', {
      bundleRetentionDays: config.bundleRetentionDays,
      reportRetentionDays: config.reportRetentionDays,
      accessLogRetentionDays: config.accessLogRetentionDays,
    });
    this.store = new IncidentStore(this, 'Store');
    this.notifications = new Notifications(this, 'Notifications');
    const enrichment = new EnrichmentPolicy(this, 'Enrichment', { athena: config.athenaTrail });

    const settings: FunctionSettings = {
      projectRoot: props.projectRoot,
      logLevel: config.logLevel,
      logRetentionDays: config.logRetentionDays,
      incidentRetentionDays: config.reportRetentionDays,
      installationId: config.installationId,
    };
    const stores: SharedStores = { bucket: this.bundles.bucket, incidents: this.store.incidents, idempotency: this.store.idempotency };

    this.notifier = new Notifier(this, 'Notifier', {
      entry: props.entries.notifier,
      settings,
      stores,
      topic: this.notifications.topic,
      slackSecretArn: config.slackSecretArn,
    });
    const notifyQueue = this.notifier.queue.queue;

    this.triage = new BundleTriage(this, 'Triage', {
      entry: props.entries.bundleTriage,
      settings,
      stores,
      enrichment,
      notifyQueue,
      circleciRoleNames: config.circleciRoleNames,
      correlationWindowMinutes: config.correlationWindowMinutes,
    });

    this.alarms = new AlarmIntake(this, 'Alarms', {
      entry: props.entries.alarmIntake,
      settings,
      stores,
      enrichment,
      notifyQueue,
      topicKey: this.notifications.key,
      alarmNamePrefixes: config.alarmNamePrefixes,
      alarmTags: config.alarmTags,
      alarmTopicArns: config.alarmTopicArns,
      circleciRoleNames: config.circleciRoleNames,
      correlationWindowMinutes: config.correlationWindowMinutes,
      reservedConcurrency: config.alarmReservedConcurrency,
    });

    const redactionKey = new RedactionKey(this, 'RedactionKey');
    for (const fn of [this.triage.handler, this.alarms.handler, this.notifier.handler]) redactionKey.bind(fn);

    this.nomadAlarms =
      config.nomadAlarms === undefined ? undefined : new NomadAlarms(this, 'NomadAlarms', { ...config.nomadAlarms, intakeTopic: this.alarms.topic });

    this.monitoring = new SelfMonitoring(this, 'Monitoring', {
      topic: this.notifications.topic,
      functions: { Triage: this.triage.handler, AlarmIntake: this.alarms.handler, Notifier: this.notifier.handler },
      deadLetterQueues: {
        Triage: this.triage.queue.deadLetterQueue,
        AlarmIntake: this.alarms.deadLetterQueue,
        Notifier: this.notifier.queue.deadLetterQueue,
      },
      workQueues: {
        Ingest: { queue: this.triage.queue.queue, maxAge: Duration.minutes(30) },
        Notify: { queue: notifyQueue, maxAge: Duration.minutes(15) },
      },
    });

    new CfnOutput(this, 'BundleBucketName', { value: this.bundles.bucket.bucketName, description: 'Bucket for support bundles and logs' });
    new CfnOutput(this, 'UploadPrefix', {
      value: INCOMING_PREFIX,
      description: 'Upload under this prefix; incoming/<folder>/<file> groups the files of one incident',
    });
    new CfnOutput(this, 'AlarmIntakeTopicArn', { value: this.alarms.topic.topicArn, description: 'Add to CloudWatch alarm actions to feed the pipeline' });
    new CfnOutput(this, 'IncidentTopicArn', { value: this.notifications.topic.topicArn, description: 'Subscribe to receive incident reports' });
    new CfnOutput(this, 'IncidentTableName', { value: this.store.incidents.tableName });
  }
}
