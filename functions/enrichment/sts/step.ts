import { mapLimit, stepError, type StepOutcome } from '../budget.js';
import { AwsCallError } from '../errors.js';
import type { AuthorizationMessageDecoder } from '../ports.js';
import type { AuthorizationMessage, StepError } from '../schema.js';
import { explainDecoded, parseDecodedMessage } from './decoded.js';
import { preview, type FoundMessage } from './extract.js';

/** STS has no published limit for this call; a few in flight keeps bursts of blobs polite. */
const DECODE_CONCURRENCY = 4;

/** Decodes every message that is complete; a message that fails is reported, never thrown. */
export async function decodeMessages(
  decoder: AuthorizationMessageDecoder,
  found: readonly FoundMessage[],
  signal?: AbortSignal,
): Promise<StepOutcome<AuthorizationMessage[]>> {
  const errors: StepError[] = [];
  const value = await mapLimit(found, DECODE_CONCURRENCY, async (m) => {
    if (m.truncated) return undecodable(m, 'undecodable', 'the message is truncated in the logs; decode the full text from the original log or CloudTrail');
    if (signal?.aborted) return undecodable(m, 'failed', 'not decoded: the step ran out of time');
    let text: string;
    try {
      text = await decoder.decode(m.encoded, signal);
    } catch (err) {
      if (err instanceof AwsCallError && err.kind === 'invalid-message') {
        return undecodable(m, 'undecodable', 'STS rejected it: expired, damaged, or encoded for another AWS account (decode it with credentials of the account that denied the call)');
      }
      const e = stepError(err);
      errors.push(e);
      return undecodable(m, 'failed', e.message);
    }
    try {
      const decoded = parseDecodedMessage(text);
      return { ...base(m), status: 'decoded' as const, decoded, explanation: explainDecoded(decoded) };
    } catch (err) {
      return undecodable(m, 'failed', `decoded, but unreadable: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return { value, errors };
}

/** The messages found offline, listed so the ticket shows them even without AWS access. */
export function notAttempted(found: readonly FoundMessage[], reason: string): AuthorizationMessage[] {
  return found.map((m) =>
    m.truncated
      ? undecodable(m, 'undecodable', 'the message is truncated in the logs; decode the full text from the original log or CloudTrail')
      : undecodable(m, 'not-attempted', reason),
  );
}

function base(m: FoundMessage): Pick<AuthorizationMessage, 'id' | 'length' | 'preview' | 'sources'> {
  return { id: m.id, length: m.encoded.length, preview: preview(m.encoded), sources: m.sources };
}

function undecodable(m: FoundMessage, status: AuthorizationMessage['status'], reason: string): AuthorizationMessage {
  const explanation =
    status === 'not-attempted'
      ? `Encoded authorization failure message not decoded (${reason}); the denied action and policy are unknown.`
      : `Encoded authorization failure message could not be decoded: ${reason}.`;
  return { ...base(m), status, reason, explanation };
}
