import {
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  DescribeLifecycleHooksCommand,
  type AutoScalingClient,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import type { AutoScalingGroupInfo, AutoScalingGroups, InstanceRefreshInfo } from '../ports.js';
import { call, DEFAULT_RETRY, withRetry, type RetryOptions } from './pacing.js';

const DESCRIBE = 'autoscaling:DescribeAutoScalingGroups';
const HOOKS = 'autoscaling:DescribeLifecycleHooks';
const REFRESHES = 'autoscaling:DescribeInstanceRefreshes';
/** Refreshes run one at a time per group, so the newest few include any active one. */
const REFRESH_RECORDS = 5;
/** Names per request: the API's default batch; MaxRecords 100 is its page maximum. */
const NAMES_PER_CALL = 50;
const PAGE_SIZE = 100;

/** Auto Scaling adapter: batched, paged, throttling retried. */
export function autoScalingGroups(client: AutoScalingClient, retry: RetryOptions = DEFAULT_RETRY): AutoScalingGroups {
  const pages = async (names: string[] | undefined, limit: number, signal?: AbortSignal): Promise<{ groups: AutoScalingGroupInfo[]; truncated: boolean }> => {
    const groups: AutoScalingGroupInfo[] = [];
    let token: string | undefined;
    do {
      const page = await withRetry(
        () =>
          call(DESCRIBE, () =>
            client.send(
              new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: names, MaxRecords: PAGE_SIZE, NextToken: token, IncludeInstances: true }),
              { abortSignal: signal },
            ),
          ),
        retry,
        signal,
      );
      for (const g of page.AutoScalingGroups ?? []) {
        if (groups.length >= limit) return { groups, truncated: true };
        groups.push(toInfo(g));
      }
      token = page.NextToken;
    } while (token);
    return { groups, truncated: false };
  };

  return {
    async describe(names, signal) {
      const unique = [...new Set(names.filter((n) => n !== ''))];
      // An empty name list would return every group in the region.
      if (unique.length === 0) return [];
      const out: AutoScalingGroupInfo[] = [];
      for (let i = 0; i < unique.length; i += NAMES_PER_CALL) {
        out.push(...(await pages(unique.slice(i, i + NAMES_PER_CALL), Number.MAX_SAFE_INTEGER, signal)).groups);
      }
      return out;
    },
    list(limit, signal) {
      return pages(undefined, limit, signal);
    },
    async lifecycleHooks(groupName, signal) {
      const out = await withRetry(
        () => call(HOOKS, () => client.send(new DescribeLifecycleHooksCommand({ AutoScalingGroupName: groupName }), { abortSignal: signal })),
        retry,
        signal,
      );
      return (out.LifecycleHooks ?? []).map((h) => ({
        name: h.LifecycleHookName ?? 'unnamed',
        transition: h.LifecycleTransition ?? 'unknown',
        ...(h.HeartbeatTimeout !== undefined ? { heartbeatTimeoutSeconds: h.HeartbeatTimeout } : {}),
        ...(h.DefaultResult ? { defaultResult: h.DefaultResult } : {}),
        ...(h.NotificationTargetARN ? { notificationTargetArn: h.NotificationTargetARN } : {}),
      }));
    },
    async instanceRefreshes(groupName, signal) {
      const out = await withRetry(
        () =>
          call(REFRESHES, () =>
            client.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: groupName, MaxRecords: REFRESH_RECORDS }), { abortSignal: signal }),
          ),
        retry,
        signal,
      );
      return (out.InstanceRefreshes ?? []).map((r): InstanceRefreshInfo => ({
        id: r.InstanceRefreshId ?? 'unknown',
        status: r.Status ?? 'unknown',
        ...(r.StatusReason ? { statusReason: r.StatusReason } : {}),
        ...(r.StartTime ? { startTime: r.StartTime.toISOString() } : {}),
        ...(r.PercentageComplete !== undefined ? { percentageComplete: r.PercentageComplete } : {}),
      }));
    },
  };
}

function toInfo(g: AutoScalingGroup): AutoScalingGroupInfo {
  const info: AutoScalingGroupInfo = {
    name: g.AutoScalingGroupName ?? 'unknown',
    instances: g.Instances?.length ?? 0,
    suspendedProcesses: (g.SuspendedProcesses ?? []).map((p) => ({
      name: p.ProcessName ?? 'unknown',
      ...(p.SuspensionReason ? { reason: p.SuspensionReason } : {}),
    })),
    tags: Object.fromEntries((g.Tags ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? ''])),
  };
  if (g.AutoScalingGroupARN) info.arn = g.AutoScalingGroupARN;
  if (g.MinSize !== undefined) info.minSize = g.MinSize;
  if (g.MaxSize !== undefined) info.maxSize = g.MaxSize;
  if (g.DesiredCapacity !== undefined) info.desiredCapacity = g.DesiredCapacity;
  if (g.Status) info.status = g.Status;
  return info;
}
