import type { Report } from '../../triage/report/schema.js';
import { stepError, type StepOutcome } from '../budget.js';
import type { AutoScalingGroupInfo, AutoScalingGroups, InstanceRefreshInfo } from '../ports.js';
import type { AsgCheck, AutoscalerPolicy, Enrichment, FindingLink, PolicyIssue, StepError } from '../schema.js';
import { autoscalerFindingIds } from '../policy/analyse.js';
import { suggestGroups } from './suggest.js';

const LIST_LIMIT = 1000;
const TERMINATING = 'autoscaling:EC2_INSTANCE_TERMINATING';
/** Without these processes the autoscaler's changes to the group have no effect. */
const BLOCKING_PROCESSES = new Set(['Launch', 'Terminate']);
/** Refresh states in which the group is still replacing or restoring instances. */
const ACTIVE_REFRESH = new Set(['Pending', 'InProgress', 'Baking', 'Cancelling', 'RollbackInProgress']);
/** The states nomad-autoscaler >= 0.4.0 skips scaling in (aws-asg plugin.go). */
const AUTOSCALER_PAUSES = new Set(['Pending', 'InProgress']);

export interface AsgTarget {
  name: string;
  referencedBy: string[];
  policies: AutoscalerPolicy[];
}

/** ASG names to verify: from the policies, else the names the autoscaler logs quote. */
export function asgTargets(autoscaler: Enrichment['autoscaler']): AsgTarget[] {
  const byName = new Map<string, AsgTarget>();
  for (const p of autoscaler.policies) {
    if (p.asgName === null) continue;
    const t = byName.get(p.asgName) ?? { name: p.asgName, referencedBy: [], policies: [] };
    t.referencedBy.push(p.name);
    t.policies.push(p);
    byName.set(p.asgName, t);
  }
  if (byName.size === 0) {
    for (const name of autoscaler.asgNamesFromLogs) byName.set(name, { name, referencedBy: ['autoscaler log'], policies: [] });
  }
  return [...byName.values()];
}

/** Unverified entries, for the offline report and for a failed verification. */
export function unverified(targets: readonly AsgTarget[], report: Report): AsgCheck[] {
  const findingIds = autoscalerFindingIds(report);
  return targets.map((t) => ({ name: t.name, referencedBy: t.referencedBy, exists: null, suggestions: [], issues: [], findingIds }));
}

export interface AsgVerification {
  checks: AsgCheck[];
  links: FindingLink[];
}

/** Verifies each ASG name against AWS: existence (with suggestions), sizes, suspended processes, drain hook, instance refresh. */
export async function verifyGroups(
  asg: AutoScalingGroups,
  targets: readonly AsgTarget[],
  report: Report,
  signal?: AbortSignal,
): Promise<StepOutcome<AsgVerification>> {
  const errors: StepError[] = [];
  if (targets.length === 0) return { value: { checks: [], links: [] }, errors, note: 'no ASG name in the policies or autoscaler logs' };
  const found = await asg.describe(
    targets.map((t) => t.name),
    signal,
  );
  const byName = new Map(found.map((g) => [g.name, g]));
  const missing = targets.filter((t) => !byName.has(t.name));
  let all: AutoScalingGroupInfo[] = [];
  if (missing.length > 0) {
    try {
      all = (await asg.list(LIST_LIMIT, signal)).groups;
    } catch (err) {
      errors.push(stepError(err));
    }
  }
  const findingIds = autoscalerFindingIds(report);
  const checks: AsgCheck[] = [];
  for (const t of targets) {
    const group = byName.get(t.name);
    if (!group) {
      checks.push(missingCheck(t, all, findingIds));
      continue;
    }
    let hooks: Awaited<ReturnType<AutoScalingGroups['lifecycleHooks']>> | null = null;
    try {
      hooks = await asg.lifecycleHooks(group.name, signal);
    } catch (err) {
      errors.push(stepError(err));
    }
    let refreshes: InstanceRefreshInfo[] | null = null;
    try {
      refreshes = await asg.instanceRefreshes(group.name, signal);
    } catch (err) {
      errors.push(stepError(err));
    }
    checks.push(existingCheck(t, group, hooks, refreshes, findingIds));
  }
  return { value: { checks, links: linkFindings(checks, report) }, errors };
}

function missingCheck(t: AsgTarget, all: AutoScalingGroupInfo[], findingIds: string[]): AsgCheck {
  const suggestions = suggestGroups(t.name, all);
  const closest = suggestions[0] ? `; closest existing group: "${suggestions[0].name}"` : '; no similar group exists in this region';
  return {
    name: t.name,
    referencedBy: t.referencedBy,
    exists: false,
    suggestions,
    issues: [
      {
        level: 'error',
        code: 'asg-not-found',
        message: `No Auto Scaling group named "${t.name}" exists (DescribeAutoScalingGroups returned none)${closest}. Fix aws_asg_name in the autoscaler policy (Helm value nomad.auto_scaler.aws.autoScalingGroup).`,
      },
    ],
    findingIds,
  };
}

function existingCheck(
  t: AsgTarget,
  g: AutoScalingGroupInfo,
  hooks: Awaited<ReturnType<AutoScalingGroups['lifecycleHooks']>> | null,
  refreshes: InstanceRefreshInfo[] | null,
  findingIds: string[],
): AsgCheck {
  const issues: PolicyIssue[] = [];
  for (const p of t.policies) {
    if (p.max !== null && g.maxSize !== undefined && p.max > g.maxSize) {
      issues.push({ level: 'warning', code: 'policy-max-above-asg-max', message: `Policy "${p.name}" max ${p.max} is above the group's MaxSize ${g.maxSize}; scale-out past ${g.maxSize} fails.` });
    }
    if (p.min !== null && g.minSize !== undefined && p.min < g.minSize) {
      issues.push({ level: 'warning', code: 'policy-min-below-asg-min', message: `Policy "${p.name}" min ${p.min} is below the group's MinSize ${g.minSize}; scale-in below ${g.minSize} fails.` });
    }
    if (p.max !== null && g.minSize !== undefined && p.max < g.minSize) {
      issues.push({ level: 'error', code: 'policy-max-below-asg-min', message: `Policy "${p.name}" max ${p.max} is below the group's MinSize ${g.minSize}; the autoscaler can never reach its target.` });
    }
  }
  for (const sp of g.suspendedProcesses) {
    issues.push({
      level: BLOCKING_PROCESSES.has(sp.name) ? 'error' : 'warning',
      code: 'process-suspended',
      message: `Process ${sp.name} is suspended${sp.reason ? ` (${sp.reason})` : ''}; ${BLOCKING_PROCESSES.has(sp.name) ? 'the group ignores capacity changes that need it' : 'resume it unless it was suspended on purpose'}.`,
    });
  }
  const active = refreshes?.filter((r) => ACTIVE_REFRESH.has(r.status)) ?? null;
  for (const r of active ?? []) issues.push(refreshIssue(r));
  if (g.status) issues.push({ level: 'error', code: 'asg-deleting', message: `The group's status is "${g.status}".` });
  const terminationHooks = hooks?.filter((h) => h.transition === TERMINATING) ?? null;
  if (terminationHooks !== null && terminationHooks.length === 0) {
    issues.push({
      level: 'info',
      code: 'no-drain-hook',
      message: 'No termination lifecycle hook: instances the group terminates itself (scale-in, rebalancing, instance refresh) are not drained first, so running jobs on those Nomad clients are lost. The operations guide advises a hook that drains the client, waits for its jobs, then terminates.',
    });
  }
  return {
    name: t.name,
    referencedBy: t.referencedBy,
    exists: true,
    group: {
      arn: g.arn ?? null,
      minSize: g.minSize ?? null,
      maxSize: g.maxSize ?? null,
      desiredCapacity: g.desiredCapacity ?? null,
      instances: g.instances,
      suspendedProcesses: g.suspendedProcesses.map((p) => ({ name: p.name, reason: p.reason ?? null })),
      terminationHooks:
        terminationHooks?.map((h) => ({ name: h.name, heartbeatTimeoutSeconds: h.heartbeatTimeoutSeconds ?? null, defaultResult: h.defaultResult ?? null })) ?? null,
      activeRefreshes:
        active?.map((r) => ({ id: r.id, status: r.status, startTime: r.startTime ?? null, percentageComplete: r.percentageComplete ?? null, statusReason: r.statusReason ?? null })) ?? null,
    },
    suggestions: [],
    issues,
    findingIds,
  };
}

function refreshIssue(r: InstanceRefreshInfo): PolicyIssue {
  const state = [r.status, r.startTime ? `started ${r.startTime}` : '', r.percentageComplete !== undefined ? `${r.percentageComplete}% complete` : ''].filter(Boolean).join(', ');
  const message = AUTOSCALER_PAUSES.has(r.status)
    ? `Scaling is paused while instance refresh ${r.id} runs (${state}): nomad-autoscaler >= 0.4.0 skips every scaling action until it ends, logging "scaling will not take place due to InstanceRefresh".`
    : `Instance refresh ${r.id} is active (${state}): the group is still replacing instances, so Nomad clients may be terminated and relaunched until it ends.`;
  return { level: 'warning', code: 'instance-refresh-active', message };
}

/** Ties a missing group to the "expected 1 Autoscaling Group, got 0" findings it explains. */
function linkFindings(checks: AsgCheck[], report: Report): FindingLink[] {
  const gotZero = report.findings.filter((f) => (f.data.gotCount ?? []).includes('0') || f.evidence.some((e) => /expected 1 Autoscaling Group, got 0/.test(e.text)));
  const links: FindingLink[] = [];
  for (const c of checks.filter((x) => x.exists === false)) {
    const policy = c.referencedBy.map((r) => (r === 'autoscaler log' ? 'the autoscaler log' : `policy "${r}"`)).join(', ');
    const exists = c.suggestions[0] ? `the existing group is probably "${c.suggestions[0].name}"` : 'no similar group exists';
    for (const f of gotZero) {
      links.push({
        findingId: f.id,
        step: 'asg-verification',
        text: `Explained: ${policy} points at ASG "${c.name}", which does not exist; ${exists}.`,
      });
    }
  }
  return links;
}
