import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, inject } from 'vitest';
import { SlackSink } from '../../functions/adapters/slack-sink.js';
import { SnsTopicSink } from '../../functions/adapters/sns-topic-sink.js';
import { LocalStack, type LocalStackOptions } from '../../functions/local/stack.js';
import { sampleInputs } from './fixtures.js';
import type { QCustomNotification } from '../../functions/pipeline/q-notification.js';
import { LoopbackSlack } from './slack-server.js';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

export const TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:circleci-incidents';

export interface Harness {
  stack: LocalStack;
  slack: LoopbackSlack;
  sns: ReturnType<typeof mockClient>;
  bucket: string;
  /** Amazon Q notifications published to SNS, parsed. */
  published(): Array<{ subject: string; message: QCustomNotification }>;
  close(): Promise<void>;
}

/**
 * The handlers end to end against the shared emulators (fresh tables and bucket per harness), with
 * Slack captured by a loopback HTTP server and SNS by aws-sdk-client-mock.
 */
export async function harness(options: { slackMode?: 'bot' | 'webhook'; overrides?: Partial<LocalStackOptions> } = {}): Promise<Harness> {
  const slack = await new LoopbackSlack().start();
  const sns = mockClient(SNSClient);
  sns.on(PublishCommand).resolves({ MessageId: randomUUID() });
  const suffix = randomUUID().slice(0, 8);
  const bucket = `incidents-${suffix}`;
  const chat =
    options.slackMode === 'webhook'
      ? new SlackSink({ webhookUrl: `${slack.url}/webhook` }, () => Promise.resolve())
      : new SlackSink({ botToken: 'xoxb-test-token', channel: 'C0INCIDENTS', apiBaseUrl: `${slack.url}/api` }, () => Promise.resolve());
  const stack = new LocalStack({
    endpoints: { dynamodbEndpoint: inject('dynamodbEndpoint'), s3Endpoint: inject('s3Endpoint') },
    names: { incidentTable: `incidents-${suffix}`, idempotencyTable: `idempotency-${suffix}`, bucket },
    installationId: 'acme-ci',
    chat,
    topic: new SnsTopicSink(new SNSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }), TOPIC_ARN),
    logger: new Logger({ serviceName: 'pipeline-test', logLevel: 'SILENT' }),
    metrics: new Metrics({ serviceName: 'pipeline-test', namespace: 'PipelineTest' }),
    maxReceives: 10,
    redeliveryDelayMs: 20,
    ...options.overrides,
  });
  await stack.init();
  return {
    stack,
    slack,
    sns,
    bucket,
    published: () =>
      sns.commandCalls(PublishCommand).map((c) => ({ subject: c.args[0].input.Subject ?? '', message: JSON.parse(c.args[0].input.Message ?? '{}') as QCustomNotification })),
    async close() {
      sns.restore();
      await slack.stop();
    },
  };
}

export type HarnessOptions = Parameters<typeof harness>[0];

/**
 * The lifecycle every end-to-end file repeats: the sample inputs written once, and the test's
 * harness closed after it. `start` opens the harness of the running test.
 */
export function useHarness(): { start: (options?: HarnessOptions) => Promise<Harness>; inputs: () => Awaited<ReturnType<typeof sampleInputs>> } {
  let inputs: Awaited<ReturnType<typeof sampleInputs>> | undefined;
  let current: Harness | undefined;
  beforeAll(async () => {
    inputs = await sampleInputs();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    start: async (options) => (current = await harness(options)),
    inputs: () => {
      if (!inputs) throw new Error('sample inputs are written in beforeAll');
      return inputs;
    },
  };
}
