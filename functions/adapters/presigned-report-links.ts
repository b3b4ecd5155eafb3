import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest, SourceData } from '@smithy/types';
import type { ReportLink, ReportLinker } from '../pipeline/report-link.js';

/** SigV4 caps a presigned URL at 7 days. */
export const MAX_LINK_SECONDS = 7 * 24 * 3600;

function bytes(data: SourceData): string | Buffer {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** node:crypto behind the hash interface the SDK's signer takes. */
class NodeSha256 {
  private hash: Hash | Hmac;
  private readonly secret: string | Buffer | undefined;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytes(secret);
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface PresignOptions {
  bucket: string;
  region: string;
  /** Requested lifetime; the link never outlives the signing credentials. */
  seconds: number;
  credentials: () => Promise<AwsCredentialIdentity>;
  now?: () => Date;
  /** The bucket's virtual host, when not the regional default (`<bucket>.s3.<region>.amazonaws.com`). */
  virtualHost?: string;
}

function objectPath(key: string): string {
  return `/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Presigned GET links to the incident page. A presigned URL stops working when the credentials
 * that signed it expire, whatever X-Amz-Expires says, so the lifetime is cut to what the
 * credentials have left; signed with a long-lived IAM user key, the configured lifetime holds.
 */
export function presignedLinker(options: PresignOptions): ReportLinker {
  const now = options.now ?? (() => new Date());
  // Bucket names with dots break TLS on the virtual host, so they go in the path.
  const virtual = options.virtualHost !== undefined || !options.bucket.includes('.');
  const hostname = options.virtualHost ?? (virtual ? `${options.bucket}.s3.${options.region}.amazonaws.com` : `s3.${options.region}.amazonaws.com`);
  return {
    async link(key: string): Promise<ReportLink> {
      const credentials = await options.credentials();
      const signingDate = now();
      const left = credentials.expiration ? Math.floor((credentials.expiration.getTime() - signingDate.getTime()) / 1000) : Number.POSITIVE_INFINITY;
      const seconds = Math.min(options.seconds, MAX_LINK_SECONDS, left);
      if (seconds < 60) throw new Error('the signing credentials expire within a minute; no presigned link made');
      const signer = new SignatureV4({ service: 's3', region: options.region, credentials, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
      const path = virtual ? objectPath(key) : `/${encodeURIComponent(options.bucket)}${objectPath(key)}`;
      const request = {
        method: 'GET',
        protocol: 'https:',
        hostname,
        path,
        query: {},
        // S3 presigned GETs sign no payload; the header only selects that mode and is not sent.
        headers: { host: hostname, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      } as unknown as HttpRequest;
      const only = new Set(['x-amz-content-sha256']);
      const signed = await signer.presign(request, { expiresIn: seconds, signingDate, unsignableHeaders: only, unhoistableHeaders: only });
      const query = new URLSearchParams(Object.entries(signed.query as Record<string, string>)).toString().replace(/\+/g, '%20');
      return { url: `https://${hostname}${path}?${query}`, access: 'presigned', expiresAt: new Date(signingDate.getTime() + seconds * 1000).toISOString() };
    },
  };
}
