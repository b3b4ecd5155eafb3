import { createHmac, randomBytes } from 'node:crypto';

/**
 * A masked value becomes `***MASKED:xxxxxx***`, where xxxxxx is a keyed hash: the same secret gets
 * the same mark (so repeated leaks can be correlated) but cannot be guessed back from it.
 */
let key: Buffer = process.env.REDACTION_KEY ? Buffer.from(process.env.REDACTION_KEY) : randomBytes(32);

/**
 * Sets the key of the mask hash. Deployed functions load one shared key from Secrets Manager at
 * cold start, so the same leaked secret gets the same mark in the alarm, bundle and report paths.
 */
export function setRedactionKey(secret: string): void {
  if (secret.length < 16) throw new RangeError('the redaction key must be at least 16 characters');
  key = Buffer.from(secret);
}

export function mark(secret: string): string {
  return `***MASKED:${createHmac('sha256', key).update(secret).digest('hex').slice(0, 6)}***`;
}

/** Values that are already masked, templated or empty-looking: nothing to hide. */
const PLACEHOLDER =
  /^(?:\*{3}HIDDEN\*{3}|\*{3}MASKED:[0-9a-f]{6}\*{3}|\$\{[^}]*\}|\{\{[^}]*\}\}|\$[A-Z_]+|<[^>]*>|\*+|x+|\.+|null|nil|none|undefined|true|false|redacted|\[redacted\]|\[hidden\]|bearer|basic|token|digest|-)$/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || value.includes('***');
}
