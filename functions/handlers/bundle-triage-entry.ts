import { logger, metrics } from '../shared/powertools.js';
import { createBundleTriageHandler } from './bundle-triage-handler.js';
import { backoffFromEnv, deadLettersFromEnv, idempotencyFromEnv, intakeDepsFromEnv } from './compose.js';
import { loadRedactionKey } from '../adapters/redaction-key.js';
import { secretsManager } from '../shared/clients.js';

// Before any event: masks must use the key shared by every function of the pipeline.
await loadRedactionKey(secretsManager);

/** Lambda entry: S3 "Object Created" events via SQS → triage → report → "incident changed". */
export const handler = createBundleTriageHandler({
  intake: intakeDepsFromEnv(),
  idempotency: idempotencyFromEnv(),
  deadLetters: deadLettersFromEnv(),
  backoff: backoffFromEnv(),
  logger,
  metrics,
});
