import { createHmac, randomBytes } from 'node:crypto';

/**
 * Masks secrets the support-bundle redactors missed before anything leaves the process.
 * The collector's own `***HIDDEN***` marks are kept. A masked value becomes
 * `***MASKED:xxxxxx***`, where xxxxxx is a keyed hash: the same secret gets the same mark within a
 * run (so repeated leaks can be correlated) but cannot be guessed back from it.
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

function mark(secret: string): string {
  return `***MASKED:${createHmac('sha256', key).update(secret).digest('hex').slice(0, 6)}***`;
}

const PLACEHOLDER = /^(?:\*{3}HIDDEN\*{3}|\*{3}MASKED:[0-9a-f]{6}\*{3}|\$\{[^}]*\}|\$[A-Z_]+|<[^>]*>|\*+|x+|null|none|true|false|redacted|\[redacted\]|-)$/i;

/** Each rule masks the capture group named `secret`. */
const RULES: RegExp[] = [
  // Private key blocks: everything between the armour lines on the same line, or the header alone.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----(?<secret>[^-]*)/g,
  // HTTP credentials headers (curl -v transcripts, access logs).
  /\b(?:Authorization|Proxy-Authorization)\s*:\s*(?:Bearer|Basic|Token|token|AWS4-HMAC-SHA256)?\s*(?<secret>[^\s"',]+)/gi,
  /\b(?:Circle-Token|X-Api-Token|X-Auth-Token|X-Vault-Token|Private-Token|Cookie|Set-Cookie)\s*:\s*(?<secret>[^\r\n"]+)/gi,
  // Credentials in URLs: scheme://user:password@host
  /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"']+:(?<secret>[^/\s@"']+)@/gi,
  // Presigned URL signatures and session tokens.
  /\bX-Amz-(?:Signature|Security-Token)=(?<secret>[^&\s"']+)/gi,
  /\b(?:Signature|AWSAccessKeyId)=(?<secret>[^&\s"']+)/g,
  // Known token shapes.
  /\b(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})\b/g,
  /\b(?<secret>gh[pousr]_[A-Za-z0-9]{30,})\b/g,
  /\b(?<secret>github_pat_[A-Za-z0-9_]{30,})\b/g,
  /\b(?<secret>CCI(?:PAT|PRJ)_[A-Za-z0-9_]{10,})\b/g,
  /\b(?<secret>xox[abposr]-[A-Za-z0-9-]{10,})\b/g,
  /(?<secret>https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+)/g,
  /\b(?<secret>eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g,
  /\b(?<secret>glpat-[A-Za-z0-9_-]{20,})\b/g,
  // key = value / key: value / "key": "value" for names that hold secrets.
  /\b[\w.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)[\w-]*["']?\s*[:=]\s*["']?(?<secret>[^\s"',;&}]{3,})/gi,
];

function maskOnce(text: string, re: RegExp): string {
  return text.replace(re, (...args: unknown[]) => {
    const match = args[0] as string;
    const groups = args[args.length - 1] as { secret?: string } | undefined;
    const secret = groups?.secret;
    if (!secret || PLACEHOLDER.test(secret) || secret.startsWith('***')) return match;
    const at = match.lastIndexOf(secret);
    return `${match.slice(0, at)}${mark(secret)}${match.slice(at + secret.length)}`;
  });
}

/** Returns `text` with every secret-looking value masked. Safe to apply more than once. */
export function maskSecrets(text: string): string {
  let out = text;
  for (const re of RULES) out = maskOnce(out, re);
  return out;
}
