/**
 * Failures of our own AWS calls, classified once in the adapters so the report can say which
 * permission the pipeline lacks instead of surfacing raw SDK errors.
 */
export const CALL_ERROR_KINDS = ['access-denied', 'throttled', 'invalid-message', 'timeout', 'error'] as const;
export type CallErrorKind = (typeof CALL_ERROR_KINDS)[number];

export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  constructor(
    /** IAM action of the failing call, e.g. `cloudtrail:LookupEvents`. */
    readonly action: string,
    readonly kind: CallErrorKind,
    message: string,
    /** AWS error code, when AWS sent one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|Client\.UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|NotAuthorized|Forbidden)$/i;
const THROTTLED =
  /^(Throttling|ThrottlingException|ThrottledException|TooManyRequestsException|RequestLimitExceeded|RequestThrottled|RequestThrottledException|SlowDown|ProvisionedThroughputExceededException|Rate exceeded)$/i;

interface SdkErrorLike {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Maps any error thrown by an SDK call for `action` to an AwsCallError. */
export function toCallError(action: string, err: unknown): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorLike;
  const code = [e.name, e.Code, e.code].find((v): v is string => typeof v === 'string' && v !== 'Error');
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(err);
  const status = e.$metadata?.httpStatusCode;
  if (code === 'AbortError' || code === 'TimeoutError') return new AwsCallError(action, 'timeout', message, code);
  if (code === 'InvalidAuthorizationMessageException') return new AwsCallError(action, 'invalid-message', message, code);
  // A 403 is a denial only with a denial code (or none): ExpiredToken and signature errors are 403s too.
  if ((code !== undefined && DENIED.test(code)) || (status === 403 && code === undefined)) return new AwsCallError(action, 'access-denied', message, code);
  if ((code !== undefined && THROTTLED.test(code)) || status === 429) return new AwsCallError(action, 'throttled', message, code);
  return new AwsCallError(action, 'error', message, code);
}

export function isThrottle(err: unknown): boolean {
  return err instanceof AwsCallError && err.kind === 'throttled';
}
