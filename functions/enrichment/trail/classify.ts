import type { TrailEvent } from '../ports.js';

/** CloudTrail's authorization failures: AWS's own metric filter plus the variants services use. */
const DENIAL = /AccessDenied|Unauthorized|NotAuthorized|AuthorizationError|Forbidden/i;

export function isDenial(e: TrailEvent): boolean {
  return e.errorCode !== undefined && DENIAL.test(e.errorCode);
}

/** The stable identity: the role behind a session, else the ARN, else the name. */
export function principalOf(e: TrailEvent): string {
  return e.userIdentity.sessionIssuerArn ?? e.userIdentity.arn ?? e.username ?? e.userIdentity.principalId ?? 'unknown';
}

/** Event sources whose IAM prefix differs from the host name. */
const PREFIX: Record<string, string> = { monitoring: 'cloudwatch', 'elasticloadbalancing': 'elasticloadbalancing' };

export function serviceOf(e: TrailEvent): string {
  return e.eventSource.replace(/\.amazonaws\.com$/, '');
}

export function actionOf(e: TrailEvent): string {
  const service = serviceOf(e);
  return `${PREFIX[service] ?? service}:${e.eventName}`;
}
