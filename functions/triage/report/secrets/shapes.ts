/**
 * Secret shapes of support bundles and CI logs that generic secret scanners miss: credentials
 * keyed by a telling name in logfmt, JSON, escaped JSON and YAML; PEM blocks flattened onto one
 * line; URL and JDBC credentials; AWS key pairs and session tokens; Vault and CircleCI tokens;
 * chat webhooks; presigned URL parts. Each shape masks its named group `secret`.
 */
export interface SecretShape {
  kind: string;
  pattern: RegExp;
  /** Extra check on the match (e.g. the key name is not a known benign one). */
  accept?: (groups: Record<string, string | undefined>) => boolean;
}

/** Words that make a key's value a secret. */
const SECRET_NAME = /(?:passw(?:or)?d|passphrase|[_.-]pwd$|secret|token|credential|api[_.-]?key|apikey|private[_.-]?key|access[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|license[_.-]?key|client[_.-]?key|[_.-]key$|^auth$|[_.-]auth$|^authorization$|^cookie$|^session(?:id)?$|^sig$|^signature$|dsn$|connection[_.-]?string)/i;

/**
 * Names holding the secret's name, location or metadata rather than the secret (Kubernetes
 * `secretName`, `passwordFile`, `tokenUrl`), plurals (`secrets:` opens a list, or is prose), and
 * `*_key` names that are not secrets.
 */
const BENIGN_NAME =
  /(?:(?<!s)s|name|names|ref|id|ids|arn|path|file|dir|url|uri|endpoint|type|kind|length|count|size|format|version|enabled|policy|role|expiry|expires|expiration|ttl|age|mount|source|provider|method|header|field|selector|timeout|required|fingerprint|hash|digest)$|^(?:routing|partition|sort|primary|foreign|hash|cache|idempotency|object|s3|shard|group|dedup(?:lication)?)[_.-]?key$/i;

function secretName(name: string | undefined): boolean {
  if (!name) return false;
  const bare = name.replace(/^[-.]+/, '');
  return SECRET_NAME.test(bare) && !BENIGN_NAME.test(bare);
}

const keyed = (groups: Record<string, string | undefined>) => secretName(groups.name);

/** Key names: identifiers, dotted paths and env names (`DB_PASSWORD`, `spring.datasource.password`). */
const NAME = String.raw`(?<name>[A-Za-z_][\w.-]{0,80})`;

export const SECRET_SHAPES: readonly SecretShape[] = [
  // PEM private keys, also when flattened with literal `\n` into a JSON string or log line.
  { kind: 'private-key', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]*?)(?=-----END|$)/g },
  // HTTP credential headers (curl -v transcripts, access logs, SDK debug output).
  { kind: 'http-authorization', pattern: /\b(?:Authorization|Proxy-Authorization)\s*:\s*(?:Bearer|Basic|Token|token|Digest|AWS4-HMAC-SHA256)?\s*(?<secret>[^\s"',\\]+)/gi },
  { kind: 'http-token-header', pattern: /\b(?:Circle-Token|X-Api-Key|X-Api-Token|X-Auth-Token|X-Vault-Token|X-Nomad-Token|X-Consul-Token|Private-Token|Cookie|Set-Cookie)\s*:\s*(?<secret>[^\r\n"\\]+)/gi },
  // Credentials in URLs: scheme://user:password@host, and a bare token as the user part.
  { kind: 'url-credentials', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"'\\]*:(?<secret>[^/\s@"'\\]+)@/gi },
  { kind: 'url-credentials', pattern: /\b[a-z][a-z0-9+.-]*:\/\/(?<secret>[A-Za-z0-9_-]{30,})@/gi },
  // Presigned URL parts and legacy query-string signatures.
  { kind: 'presigned-url', pattern: /\bX-Amz-(?:Signature|Credential|Security-Token)=(?<secret>[^&\s"'\\]+)/gi },
  { kind: 'presigned-url', pattern: /[?&](?:Signature|AWSAccessKeyId|sig|x-goog-signature|X-Goog-Credential)=(?<secret>[^&\s"'\\]+)/gi },
  // AWS: a key id, a key id followed by its secret (`AKIA…:secret`, `AKIA… secret`), session tokens.
  { kind: 'aws-secret-key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}["']?\s*[:/,;= ]\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/g },
  { kind: 'aws-access-key-id', pattern: /\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b/g },
  { kind: 'aws-session-token', pattern: /(?<![A-Za-z0-9/+])(?<secret>(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)[A-Za-z0-9/+=]{20,})/g },
  // HashiCorp Vault service, batch and recovery tokens (current and legacy prefixes).
  { kind: 'vault-token', pattern: /\b(?<secret>hv[sbr]\.[A-Za-z0-9_-]{20,})/g },
  { kind: 'vault-token', pattern: /(?<![\w.-])(?<secret>[sbr]\.[A-Za-z0-9]{24})(?![\w.-])/g, accept: (g) => /\d/.test(g.secret ?? '') && /[A-Z]/.test(g.secret ?? '') },
  { kind: 'vault-token', pattern: /(?<![\w.-])(?<secret>b\.AAAAAQ[A-Za-z0-9_-]{20,})/g },
  // CircleCI personal and project API tokens.
  { kind: 'circleci-token', pattern: /\b(?<secret>CCI(?:PAT|PRJ)_[A-Za-z0-9_]{10,})\b/g },
  // Chat webhooks: the URL itself is the credential.
  { kind: 'slack-webhook', pattern: /https:\/\/hooks\.slack(?:-gov)?\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9/_-]+)/g },
  { kind: 'discord-webhook', pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/(?<secret>\d+\/[A-Za-z0-9_-]+)/g },
  { kind: 'teams-webhook', pattern: /https:\/\/[A-Za-z0-9-]+\.webhook\.office\.com\/(?<secret>webhookb2\/[^\s"'<>\\]+)/g },
  { kind: 'teams-webhook', pattern: /https:\/\/outlook\.office(?:365)?\.com\/(?<secret>webhook\/[^\s"'<>\\]+)/g },
  // Vendor shapes seen in CI configs that the library leaves out or scans only by key name.
  { kind: 'google-api-key', pattern: /\b(?<secret>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g },
  { kind: 'payment-key', pattern: /\b(?<secret>(?:sk|rk)_live_[A-Za-z0-9]{16,})\b/g },
  { kind: 'jwt', pattern: /\b(?<secret>eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g },
  // A base64 Docker config (`.dockerconfigjson`): `{"auths"` encodes to `eyJhdXRocyI6`.
  { kind: 'docker-config', pattern: /(?<![A-Za-z0-9+/])(?<secret>eyJhdXRocyI6[A-Za-z0-9+/=]{8,})/g },
  // Keyed values. Escaped JSON inside a string first (`\"apiKey\":\"…\"`), then quoted, then bare.
  { kind: 'keyed-secret', pattern: new RegExp(String.raw`\\"${NAME}\\"\s*:\s*\\"(?<secret>(?:(?!\\").){1,4096})\\"`, 'g'), accept: keyed },
  { kind: 'keyed-secret', pattern: new RegExp(String.raw`(?<![\w.-])["']?${NAME}["']?\s*[:=]\s*"(?<secret>[^"\\\r\n]{1,4096})"`, 'g'), accept: keyed },
  { kind: 'keyed-secret', pattern: new RegExp(String.raw`(?<![\w.-])["']?${NAME}["']?\s*[:=]\s*'(?<secret>[^'\r\n]{1,4096})'`, 'g'), accept: keyed },
  { kind: 'keyed-secret', pattern: new RegExp(String.raw`(?<![\w.-])["']?${NAME}["']?\s*(?:=|:(?!//))\s*(?<secret>\$\{[^}]*\}|\{\{[^}]*\}\}|[^\s"',;&}\]\\)]{1,4096})`, 'g'), accept: keyed },
  // Command-line flags: `--password hunter2`, `--token=…` (the `=` form is a keyed value).
  { kind: 'keyed-secret', pattern: /(?<![\w-])--?(?<name>[\w-]*(?:password|passwd|token|secret|api-key|apikey))\s+(?<secret>[^\s"'-][^\s"']*)/gi, accept: keyed },
];
