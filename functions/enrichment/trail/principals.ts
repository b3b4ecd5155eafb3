import type { Report } from '../../triage/report/schema.js';
import type { PrincipalRef } from '../schema.js';

const ARN = /arn:aws[a-z-]*:(?:iam|sts)::\d{12}:(?:user|role|assumed-role)\/[A-Za-z0-9+=,.@_/-]+/g;
const MAX_PRINCIPALS = 12;

/**
 * The identities to look up in CloudTrail: ARNs the evidence names (finding data and log text) and
 * the CircleCI roles configured for the pipeline. LookupEvents matches `Username`, which is the
 * user name for IAM users and the session name for assumed roles, so an assumed-role ARN yields
 * both its session name and its role name.
 */
export function principalsFromReport(report: Report, configuredRoles: readonly string[] = []): PrincipalRef[] {
  const arns = new Set<string>();
  for (const f of report.findings) {
    for (const key of ['roleArn', 'principalArn'] as const) for (const a of f.data[key] ?? []) arns.add(trimArn(a));
    for (const e of f.evidence) for (const m of e.text.matchAll(ARN)) arns.add(trimArn(m[0]));
  }
  for (const m of (report.alarm?.reason ?? '').matchAll(ARN)) arns.add(trimArn(m[0]));

  const out = new Map<string, PrincipalRef>();
  for (const arn of [...arns].sort()) {
    for (const username of usernamesOf(arn)) if (!out.has(username)) out.set(username, { username, arn, source: 'evidence' });
  }
  for (const role of configuredRoles) {
    const name = role.includes(':') ? (usernamesOf(role).at(-1) ?? role) : role;
    if (name !== '' && !out.has(name)) out.set(name, { username: name, source: 'configured', ...(role.includes(':') ? { arn: role } : {}) });
  }
  return [...out.values()].slice(0, MAX_PRINCIPALS);
}

/** `…:user/path/alice` → alice; `…:role/r` → r; `…:assumed-role/r/session` → session, r. */
export function usernamesOf(arn: string): string[] {
  const resource = arn.split(':').slice(5).join(':');
  const [kind, ...rest] = resource.split('/');
  if (kind === 'assumed-role' && rest.length >= 2) return [rest.slice(1).join('/'), rest[0]!];
  const last = rest.at(-1);
  return last ? [last] : [];
}

/** Sentence punctuation after an ARN in prose is not part of it. */
function trimArn(arn: string): string {
  return arn.replace(/[.,]+$/, '');
}
