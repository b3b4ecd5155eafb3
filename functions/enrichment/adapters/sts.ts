import { DecodeAuthorizationMessageCommand, type STSClient } from '@aws-sdk/client-sts';
import { AwsCallError } from '../errors.js';
import type { AuthorizationMessageDecoder } from '../ports.js';
import { call, DEFAULT_RETRY, withRetry, type RetryOptions } from './pacing.js';

const ACTION = 'sts:DecodeAuthorizationMessage';

/** STS adapter. The message must be sent without line breaks, or STS rejects it as invalid. */
export function stsDecoder(client: STSClient, retry: RetryOptions = DEFAULT_RETRY): AuthorizationMessageDecoder {
  return {
    async decode(encodedMessage, signal) {
      const EncodedMessage = encodedMessage.replace(/\s+/g, '');
      const out = await withRetry(
        () => call(ACTION, () => client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage }), { abortSignal: signal })),
        retry,
        signal,
      );
      if (!out.DecodedMessage) throw new AwsCallError(ACTION, 'error', 'STS returned no DecodedMessage');
      return out.DecodedMessage;
    },
  };
}
