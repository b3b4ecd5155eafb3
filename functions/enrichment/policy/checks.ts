import type { AutoscalerPolicy, PolicyIssue } from '../schema.js';
import type { ParsedScaling } from './parse.js';

const NOMAD_APM_QUERY = /^percentage-allocated_/;
/** server-terraform names the external Nomad servers' group `<basename>-circleci-nomad-servers-asg`. */
const SERVERS_ASG = /nomad[-_]servers?[-_]asg/i;

/**
 * Checks a scaling policy the way the autoscaler treats it: an invalid policy is dropped with
 * only a log line, so each problem here explains "the autoscaler does nothing".
 */
export function checkPolicy(source: string, s: ParsedScaling): AutoscalerPolicy {
  const issues: PolicyIssue[] = [];
  const min = num(s.min);
  const max = num(s.max);
  const type = typeof s.type === 'string' && s.type !== '' ? s.type : 'cluster';
  const target = s.targets[0];
  const asgTarget = s.targets.find((t) => t.plugin === 'aws-asg');
  const asgName = str(asgTarget?.config.aws_asg_name);
  // A check without `source` uses the Nomad APM, the default APM of the autoscaler.
  const usesNomadApm = s.checks.some((c) => (str(c.source) ?? 'nomad-apm') === 'nomad-apm' || NOMAD_APM_QUERY.test(str(c.query) ?? ''));
  const dryRun = truthy(asgTarget?.config['dry-run'] ?? target?.config['dry-run']) === true;
  const enabled = truthy(s.enabled);

  if (s.max === undefined) {
    issues.push({ level: 'error', code: 'max-missing', message: '`max` is missing; it is required, so the autoscaler rejects the policy.' });
  } else if (max === null) {
    issues.push({ level: 'warning', code: 'max-unreadable', message: `\`max\` is not a number (${JSON.stringify(s.max)}); whether the policy loads is unknown.` });
  }
  if (s.min !== undefined && min === null) {
    issues.push({ level: 'warning', code: 'min-unreadable', message: `\`min\` is not a number (${JSON.stringify(s.min)}).` });
  }
  if (min !== null && min < 0) issues.push({ level: 'error', code: 'min-negative', message: `\`min\` is ${min}; the autoscaler rejects negative values.` });
  if (max !== null && max < 0) issues.push({ level: 'error', code: 'max-negative', message: `\`max\` is ${max}; the autoscaler rejects negative values.` });
  if (min !== null && max !== null && min > max) {
    issues.push({
      level: 'error',
      code: 'min-greater-than-max',
      message: `\`min\` (${min}) is greater than \`max\` (${max}): the autoscaler fails validation ("policy Min must not be greater Max") and silently drops the policy, so this node pool never scales.`,
    });
  }
  if (type === 'cluster' && usesNomadApm && (min ?? 0) < 1 && (s.min === undefined || min !== null)) {
    issues.push({
      level: 'warning',
      code: 'min-below-one',
      message: `\`min\` is ${min ?? 'unset (0)'} on a cluster policy using the Nomad APM; the autoscaler raises it to 1 ("scaling cluster to 0 is not supported by the Nomad APM"). Set min >= 1 and keep the ASG MinSize in line.`,
    });
  }
  if (asgTarget && asgName === null) {
    issues.push({ level: 'error', code: 'asg-name-missing', message: 'target "aws-asg" has no `aws_asg_name`; Status and Scale fail with "required config param aws_asg_name not found".' });
  }
  if (asgName !== null && SERVERS_ASG.test(asgName) && !/client/i.test(asgName)) {
    issues.push({
      level: 'error',
      code: 'asg-is-nomad-servers',
      message: `aws_asg_name "${asgName}" looks like the Nomad servers' Auto Scaling group; the policy must target the Nomad clients ASG (<basename>-circleci-nomad-clients-asg). Scaling the servers would add or drain Nomad servers instead of job capacity.`,
    });
  }
  if (!asgTarget) {
    const plugins = s.targets.map((t) => t.plugin).join(', ');
    issues.push({ level: 'info', code: 'no-aws-asg-target', message: plugins === '' ? 'The policy has no target block; the ASG cannot be verified.' : `The policy targets ${plugins}, not aws-asg; the ASG check does not apply.` });
  }
  if (dryRun) issues.push({ level: 'warning', code: 'dry-run', message: '`dry-run = "true"`: the autoscaler computes but never applies scaling actions.' });
  if (enabled === false) issues.push({ level: 'warning', code: 'disabled', message: '`enabled = false`: the policy is loaded but never evaluated.' });

  return {
    source,
    name: s.name,
    format: s.format,
    type,
    enabled,
    min,
    max,
    targetPlugin: target?.plugin ?? null,
    asgName,
    usesNomadApm,
    dryRun,
    issues,
  };
}

/** HCL numbers arrive as numbers; HCL-JSON and templated values sometimes as numeric strings. */
function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

/** HCL bools, or the strings plugin configs use for them (`"true"`). */
function truthy(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}
