import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SlackSink } from '../adapters/slack-sink.js';
import { parseAlarmEvent } from '../pipeline/alarm-events.js';
import type { ChatSink } from '../pipeline/ports.js';
import { startEmulators } from './emulators.js';
import { PrintingChatSink, PrintingTopicSink, TeeChatSink } from './local-delivery.js';
import { LocalStack } from './stack.js';

const USAGE = `Usage:
  npm start -- [options] <bundle or log files...>   triage files through the local pipeline
  npm start -- --alarm <event.json> [files...]       replay an alarm (EventBridge or SNS), then upload files into its incident
  npm start -- --list                                list stored incidents
  npm start -- --show <incident-id> [--html]         show one incident and its latest ticket (--html: write its page)

Options:
  --folder <name>         upload folder (incoming/<name>/); default: the alarm's incident, else local-<time>
  --installation <id>     installation id (default: local)
  --data <dir>            where the emulators persist (default: .local-stack)
  --quiet                 do not print the Slack and SNS payloads
  --slack-webhook <url>   also post to this Slack incoming webhook (or set SLACK_WEBHOOK_URL)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      alarm: { type: 'string' },
      list: { type: 'boolean' },
      show: { type: 'string' },
      html: { type: 'boolean' },
      folder: { type: 'string' },
      installation: { type: 'string', default: 'local' },
      data: { type: 'string', default: '.local-stack' },
      quiet: { type: 'boolean' },
      'slack-webhook': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || (!values.alarm && !values.list && !values.show && positionals.length === 0)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }

  const missing = [...positionals, ...(values.alarm ? [values.alarm] : [])].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(`not found: ${missing.join(', ')}`);
    return 2;
  }
  const dataDir = resolve(values.data);
  const emulators = await startEmulators({ dynamodbPath: `${dataDir}/dynamodb`, s3Directory: `${dataDir}/s3` });
  const write = (text: string) => process.stdout.write(values.quiet ? '' : text);
  const webhook = values['slack-webhook'] ?? process.env.SLACK_WEBHOOK_URL;
  const chat: ChatSink = webhook ? new TeeChatSink([new PrintingChatSink(write), new SlackSink({ webhookUrl: webhook })]) : new PrintingChatSink(write);
  const stack = new LocalStack({
    endpoints: emulators,
    names: { incidentTable: 'incidents', idempotencyTable: 'idempotency', bucket: 'incident-uploads' },
    installationId: values.installation,
    chat,
    topic: new PrintingTopicSink(write),
    logger: new Logger({ serviceName: 'incident-pipeline-local', logLevel: 'WARN' }),
    metrics: new Metrics({ serviceName: 'incident-pipeline-local', namespace: 'IncidentPipelineLocal' }),
  });

  try {
    await stack.init();
    if (values.list) return await list(stack);
    if (values.show) return values.html ? await showPage(stack, values.show, dataDir) : await show(stack, values.show);

    const fromAlarm = values.alarm ? await replayAlarm(stack, values.alarm) : { incidentId: undefined, uploadTime: new Date() };
    if (fromAlarm === 'rejected') return 1;
    let incidentId = fromAlarm.incidentId;
    if (positionals.length > 0) incidentId = await uploadAll(stack, positionals, values.folder ?? incidentId, fromAlarm.uploadTime);
    if (stack.deadLettered.length > 0) console.error(`${stack.deadLettered.length} message(s) failed every delivery attempt (dead-lettered)`);
    if (!incidentId) {
      console.error('no incident was opened');
      return 1;
    }
    console.log(`\nIncident: ${incidentId}\n`);
    console.log((await stack.latestMarkdown(incidentId)) ?? '(no report stored)');
    const page = await stack.writePage(incidentId, dataDir);
    if (page) console.error(`incident page: ${page}`);
    return stack.deadLettered.length > 0 ? 1 : 0;
  } finally {
    await emulators.close();
  }
}

/** Replays an alarm event; uploads that follow are stamped 5 minutes after it, as if collected promptly. */
async function replayAlarm(stack: LocalStack, file: string): Promise<{ incidentId: string | undefined; uploadTime: Date } | 'rejected'> {
  const event: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const result = await stack.alarm(event);
  if (result.status === 'rejected') {
    console.error(`alarm event rejected: ${result.reason}`);
    return 'rejected';
  }
  for (const r of result.results) console.error(`alarm ${r.alarmName}: ${r.outcome}${'incidentId' in r ? ` (${r.incidentId})` : ''}`);
  const first = result.results.find((r) => 'incidentId' in r);
  const signal = parseAlarmEvent(event)[0];
  await stack.drain();
  return {
    incidentId: first && 'incidentId' in first ? first.incidentId : undefined,
    uploadTime: signal ? new Date(Date.parse(signal.timestamp) + 5 * 60_000) : new Date(),
  };
}

/** Uploads the files into one incident folder, routes their S3 events and delivers the results. */
async function uploadAll(stack: LocalStack, files: string[], folderName: string | undefined, uploadTime: Date): Promise<string | undefined> {
  const folder = folderName ?? `local-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
  const started = Date.now();
  const events = [];
  for (const file of files) events.push(await stack.upload(resolve(file), folder, uploadTime));
  await stack.routeUploads(events);
  await stack.drain();
  console.error(`processed ${files.length} file(s) in ${Date.now() - started} ms`);
  return stack.store.folderIncident(folder);
}

async function list(stack: LocalStack): Promise<number> {
  const incidents = await stack.store.list(100);
  if (incidents.length === 0) console.log('no incidents stored');
  for (const i of incidents) {
    console.log([i.id, i.status.padEnd(8), i.openedAt, (i.report?.severity ?? 'none').padEnd(8), i.report?.headline ?? i.alarm?.name ?? ''].join('  '));
  }
  return 0;
}

async function show(stack: LocalStack, id: string): Promise<number> {
  const incident = await stack.store.get(id);
  if (!incident) {
    console.error(`incident ${id} not found`);
    return 1;
  }
  const { changes: _changes, ...summary } = incident;
  console.log(JSON.stringify(summary, null, 2));
  console.log(`\n${(await stack.latestMarkdown(id)) ?? '(no report stored)'}`);
  return 0;
}

async function showPage(stack: LocalStack, id: string, dataDir: string): Promise<number> {
  if (!(await stack.store.get(id))) {
    console.error(`incident ${id} not found`);
    return 1;
  }
  const page = await stack.writePage(id, dataDir);
  if (!page) {
    console.error(`incident ${id} has no report yet`);
    return 1;
  }
  console.log(page);
  return 0;
}

// Local defaults: quiet metrics, and the emulators' credentials for the SDK's default chain.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_REGION ??= 'us-east-1';

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
