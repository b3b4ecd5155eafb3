/** Where the incident page of a report lives, for chat and SNS. */
export interface ReportLink {
  url: string;
  /** The link needs an AWS console login (the default), or works for anyone holding it until `expiresAt`. */
  access: 'aws-login' | 'presigned';
  expiresAt?: string;
}

export interface ReportLinker {
  link(key: string): Promise<ReportLink>;
}

/** The S3 console's object page: opening it needs an AWS login with s3:GetObject on the bucket. */
export function consoleObjectUrl(bucket: string, region: string, key: string): string {
  const query = new URLSearchParams({ region, bucketType: 'general', prefix: key });
  return `https://console.aws.amazon.com/s3/object/${encodeURIComponent(bucket)}?${query.toString()}`;
}

export function consoleLinker(bucket: string, region: string): ReportLinker {
  return { link: (key) => Promise.resolve({ url: consoleObjectUrl(bucket, region, key), access: 'aws-login' }) };
}
