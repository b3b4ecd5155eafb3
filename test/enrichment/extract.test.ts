import { describe, expect, it } from 'vitest';
import { collectMessages, extractEncodedMessages } from '../../functions/enrichment/sts/extract.js';
import { BLOB, BLOB_2 } from './fixtures.js';

const blobs = (text: string): string[] => extractEncodedMessages(text).map((m) => m.encoded);

describe('extractEncodedMessages', () => {
  it('reads the Go SDK v1 wording without gluing the status line on', () => {
    const text = `UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${BLOB}\n\tstatus code: 403, request id: 0f5c2d7e`;
    expect(blobs(text)).toEqual([BLOB]);
  });

  it('reads the Go SDK v2, boto and Terraform wordings', () => {
    expect(blobs(`api error UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${BLOB}`)).toEqual([BLOB]);
    expect(
      blobs(`An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ${BLOB}`),
    ).toEqual([BLOB]);
    expect(blobs(`Error: creating EC2 Instance: UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:1:instance/* because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: ${BLOB}`)).toEqual([BLOB]);
  });

  it('reads blobs JSON-escaped inside JSON logs, also when wrapped with an escaped newline', () => {
    const half = BLOB.length / 2;
    const json = JSON.stringify({ error: `You are not authorized to perform this operation. Encoded authorization failure message: ${BLOB.slice(0, half)}\n${BLOB.slice(half)}\n\tstatus code: 403` });
    expect(blobs(json)).toEqual([BLOB]);
  });

  it('ignores short runs and text without the anchor', () => {
    expect(blobs('Encoded authorization failure message: abc')).toEqual([]);
    expect(blobs(`some token ${BLOB}`)).toEqual([]);
  });
});

describe('collectMessages', () => {
  it('de-duplicates, keeps every source, and merges a cut copy into the full one', () => {
    const found = collectMessages([
      { text: `Encoded authorization failure message: ${BLOB}`, ref: { path: 'a.log', line: 1, findingId: 'f1' } },
      { text: `Encoded authorization failure message: ${BLOB}`, ref: { path: 'b.log', line: 9 } },
      { text: `Encoded authorization failure message: ${BLOB.slice(0, 120)}...`, ref: { path: 'c.log', line: 3 } },
      { text: `Encoded authorization failure message: ${BLOB_2}`, ref: { path: 'd.log', line: 2 } },
    ]);
    expect(found).toHaveLength(2);
    const full = found.find((m) => m.encoded === BLOB)!;
    expect(full.sources.map((s) => s.path)).toEqual(['a.log', 'b.log', 'c.log']);
    expect(full.truncated).toBe(false);
    expect(full.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('marks a blob that runs into the end of a cut line as truncated', () => {
    const [m] = collectMessages([{ text: `Encoded authorization failure message: ${BLOB.slice(0, 100)}…`, ref: { path: 'x.log' } }]);
    expect(m!.truncated).toBe(true);
    const [n] = collectMessages([{ text: `Encoded authorization failure message: ${BLOB}`, ref: { path: 'cloudtrail:e1' }, cut: true }]);
    expect(n!.truncated).toBe(true);
  });
});
