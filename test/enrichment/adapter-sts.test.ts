import { DecodeAuthorizationMessageCommand, InvalidAuthorizationMessageException, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { stsDecoder } from '../../functions/enrichment/adapters/sts.js';
import { AwsCallError } from '../../functions/enrichment/errors.js';
import { decodeMessages } from '../../functions/enrichment/sts/step.js';
import { collectMessages } from '../../functions/enrichment/sts/extract.js';
import { BLOB, DECODED_EXPLICIT } from './fixtures.js';
import { noSleep, sdkError } from './sdk-errors.js';

const sts = mockClient(STSClient);
const decoder = stsDecoder(new STSClient({ region: 'us-east-1' }), noSleep);

describe('stsDecoder', () => {
  beforeEach(() => sts.reset());

  it('sends the message without line breaks and returns the decoded document', async () => {
    sts.on(DecodeAuthorizationMessageCommand, { EncodedMessage: BLOB }).resolves({ DecodedMessage: DECODED_EXPLICIT });
    await expect(decoder.decode(`${BLOB.slice(0, 40)}\n  ${BLOB.slice(40)}`)).resolves.toBe(DECODED_EXPLICIT);
  });

  it('retries throttling, then succeeds', async () => {
    sts.on(DecodeAuthorizationMessageCommand).rejectsOnce(sdkError('Throttling', 'Rate exceeded', 400)).resolves({ DecodedMessage: '{}' });
    await expect(decoder.decode(BLOB)).resolves.toBe('{}');
    expect(sts.commandCalls(DecodeAuthorizationMessageCommand)).toHaveLength(2);
  });

  it('gives up after the retry budget', async () => {
    sts.on(DecodeAuthorizationMessageCommand).rejects(sdkError('Throttling', 'Rate exceeded', 400));
    await expect(decoder.decode(BLOB)).rejects.toMatchObject({ kind: 'throttled' });
    expect(sts.commandCalls(DecodeAuthorizationMessageCommand)).toHaveLength(4);
  });

  it('classifies our own denial with the missing permission', async () => {
    sts.on(DecodeAuthorizationMessageCommand).rejects(sdkError('AccessDenied', 'User: arn:aws:sts::1:assumed-role/pipeline/x is not authorized to perform: sts:DecodeAuthorizationMessage', 403));
    const err = await decoder.decode(BLOB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsCallError);
    expect(err).toMatchObject({ kind: 'access-denied', action: 'sts:DecodeAuthorizationMessage', code: 'AccessDenied' });
    expect(sts.commandCalls(DecodeAuthorizationMessageCommand)).toHaveLength(1);
  });

  it('classifies expired or foreign messages as invalid, and an empty answer as an error', async () => {
    sts.on(DecodeAuthorizationMessageCommand).rejectsOnce(new InvalidAuthorizationMessageException({ message: 'expired', $metadata: {} })).resolves({});
    await expect(decoder.decode(BLOB)).rejects.toMatchObject({ kind: 'invalid-message' });
    await expect(decoder.decode(BLOB)).rejects.toMatchObject({ kind: 'error', message: /no DecodedMessage/ });
  });
});

describe('decodeMessages through the STS adapter', () => {
  beforeEach(() => sts.reset());

  it('records our denial once per step, marks each message failed, and skips truncated ones', async () => {
    sts.on(DecodeAuthorizationMessageCommand).rejects(sdkError('AccessDenied', 'not authorized', 403));
    const found = collectMessages([
      { text: `Encoded authorization failure message: ${BLOB}`, ref: { path: 'a.log', line: 1 } },
      { text: `Encoded authorization failure message: ZZ${BLOB.slice(0, 60)}...`, ref: { path: 'b.log', line: 2 } },
    ]);
    const { value, errors } = await decodeMessages(decoder, found);
    expect(value.map((m) => m.status)).toEqual(['failed', 'undecodable']);
    expect(value[1]!.reason).toMatch(/truncated/);
    expect(errors[0]).toMatchObject({ kind: 'access-denied', missingPermission: 'sts:DecodeAuthorizationMessage' });
    expect(sts.commandCalls(DecodeAuthorizationMessageCommand)).toHaveLength(1);
  });

  it('reports a malformed decoded document as failed', async () => {
    sts.on(DecodeAuthorizationMessageCommand).resolves({ DecodedMessage: '<xml/>' });
    const found = collectMessages([{ text: `Encoded authorization failure message: ${BLOB}`, ref: { path: 'a.log' } }]);
    const { value } = await decodeMessages(decoder, found);
    expect(value[0]).toMatchObject({ status: 'failed', reason: 'decoded, but unreadable: the decoded message is not valid JSON' });
  });
});
