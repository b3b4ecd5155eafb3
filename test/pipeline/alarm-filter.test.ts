import { CloudWatchClient, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { alarmFilter, cloudWatchTags } from '../../functions/adapters/alarm-filter.js';
import { alarmFilterFromEnv } from '../../functions/handlers/compose.js';
import type { AlarmSignal } from '../../functions/pipeline/model.js';

const signal = (alarmName: string, alarmArn?: string): AlarmSignal => ({ alarmName, alarmArn, state: 'ALARM', timestamp: '2025-03-14T09:33:12.109Z', envelope: 'eventbridge' });
const ARN = 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:queue-depth';

describe('alarm selection', () => {
  it('accepts everything when nothing is configured, else by name prefix', async () => {
    expect((await alarmFilter({ prefixes: [], tags: {} }).accepts(signal('anything'))).accepted).toBe(true);
    const byName = alarmFilter({ prefixes: ['circleci-'], tags: {} });
    expect((await byName.accepts(signal('circleci-server-x'))).accepted).toBe(true);
    expect(await byName.accepts(signal('billing-alarm'))).toEqual({ accepted: false, reason: 'alarm name has none of the configured prefixes' });
  });

  it('reads the alarm tags from CloudWatch once and requires every configured tag', async () => {
    const cw = mockClient(CloudWatchClient);
    cw.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'team', Value: 'ci' }, { Key: 'pipeline', Value: 'circleci-server' }] });
    const client = new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const filter = alarmFilter({ prefixes: ['circleci-'], tags: { pipeline: 'circleci-server' }, listTags: cloudWatchTags(client) });
    expect((await filter.accepts(signal('queue-depth', ARN))).accepted).toBe(true);
    expect((await filter.accepts(signal('queue-depth', ARN))).accepted).toBe(true);
    expect(cw.commandCalls(ListTagsForResourceCommand)).toHaveLength(1);
    expect((await filter.accepts(signal('queue-depth'))).reason).toContain('ARN unknown');
    const strict = alarmFilter({ prefixes: [], tags: { pipeline: 'other' }, listTags: cloudWatchTags(client) });
    expect((await strict.accepts(signal('queue-depth', ARN))).accepted).toBe(false);
    cw.restore();
  });

  it('selects by the prefixes the stack sets in ALARM_NAME_PREFIXES', async () => {
    expect(alarmFilterFromEnv({})).toBeUndefined();
    const filter = alarmFilterFromEnv({ ALARM_NAME_PREFIXES: 'circleci-, ci-' })!;
    expect((await filter.accepts(signal('ci-queue-depth'))).accepted).toBe(true);
    expect((await filter.accepts(signal('circleci-server-x'))).accepted).toBe(true);
    expect(await filter.accepts(signal('billing-alarm'))).toEqual({ accepted: false, reason: 'alarm name has none of the configured prefixes' });
  });

  it('selects by the tags the stack sets in ALARM_TAG_FILTER, read from CloudWatch', async () => {
    const cw = mockClient(CloudWatchClient);
    cw.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'team', Value: 'ci' }] });
    try {
      expect((await alarmFilterFromEnv({ ALARM_TAG_FILTER: '{"team":"ci"}' })!.accepts(signal('queue-depth', ARN))).accepted).toBe(true);
      expect((await alarmFilterFromEnv({ ALARM_TAG_FILTER: '{"team":"billing"}' })!.accepts(signal('queue-depth', ARN))).accepted).toBe(false);
      expect(cw.commandCalls(ListTagsForResourceCommand)[0]!.args[0].input).toEqual({ ResourceARN: ARN });
    } finally {
      cw.restore();
    }
    expect(() => alarmFilterFromEnv({ ALARM_TAG_FILTER: '["not","an","object"]' })).toThrow('ALARM_TAG_FILTER');
  });
});
