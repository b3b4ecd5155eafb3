import { logger, metrics } from '../shared/powertools.js';
import { createAlarmIntakeHandler } from './alarm-intake-handler.js';
import { deadLettersFromEnv, idempotencyFromEnv, intakeDepsFromEnv } from './compose.js';
import { loadRedactionKey } from '../adapters/redaction-key.js';
import { secretsManager } from '../shared/clients.js';

// Before any event: masks must use the key shared by every function of the pipeline.
await loadRedactionKey(secretsManager);

/** Lambda entry: CloudWatch alarm state changes (EventBridge or SNS) → incident + checklist. */
export const handler = createAlarmIntakeHandler({
  intake: intakeDepsFromEnv(),
  idempotency: idempotencyFromEnv(),
  deadLetters: deadLettersFromEnv(),
  logger,
  metrics,
});
