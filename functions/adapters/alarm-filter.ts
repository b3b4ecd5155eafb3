import { ListTagsForResourceCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AlarmSignal } from '../pipeline/model.js';
import type { AlarmFilter } from '../pipeline/ports.js';

const TAG_CACHE_MS = 5 * 60_000;

/**
 * Which alarms belong to this pipeline: a name with one of the prefixes, or tags that all match.
 * State-change events carry no tags, so they are read from CloudWatch (cached briefly, since one
 * alarm flaps through several transitions). Nothing configured: every alarm is accepted.
 */
export function alarmFilter(options: {
  prefixes: string[];
  tags: Record<string, string>;
  listTags?: (alarmArn: string) => Promise<Record<string, string>>;
  now?: () => number;
}): AlarmFilter {
  const wanted = Object.entries(options.tags);
  const cache = new Map<string, { at: number; tags: Record<string, string> }>();
  const now = options.now ?? Date.now;
  return {
    async accepts(signal: AlarmSignal) {
      if (options.prefixes.length === 0 && wanted.length === 0) return { accepted: true };
      if (options.prefixes.some((p) => signal.alarmName.startsWith(p))) return { accepted: true };
      if (wanted.length === 0 || !options.listTags) return { accepted: false, reason: 'alarm name has none of the configured prefixes' };
      if (!signal.alarmArn) return { accepted: false, reason: 'alarm ARN unknown, tags cannot be checked' };
      let entry = cache.get(signal.alarmArn);
      if (!entry || now() - entry.at > TAG_CACHE_MS) {
        entry = { at: now(), tags: await options.listTags(signal.alarmArn) };
        cache.set(signal.alarmArn, entry);
      }
      const tags = entry.tags;
      return wanted.every(([k, v]) => tags[k] === v) ? { accepted: true } : { accepted: false, reason: 'alarm tags do not match the configured filter' };
    },
  };
}

export function cloudWatchTags(client: CloudWatchClient): (alarmArn: string) => Promise<Record<string, string>> {
  return async (alarmArn) => {
    const out = await client.send(new ListTagsForResourceCommand({ ResourceARN: alarmArn }));
    return Object.fromEntries((out.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  };
}
