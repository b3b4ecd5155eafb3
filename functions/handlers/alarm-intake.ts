import { logger, metrics } from '../shared/powertools.js';
import { createAlarmIntakeHandler } from './alarm-intake-handler.js';
import { deadLettersFromEnv, idempotencyFromEnv, intakeDepsFromEnv } from './compose.js';

/** Lambda entry: CloudWatch alarm state changes (EventBridge or SNS) → incident + checklist. */
export const handler = createAlarmIntakeHandler({
  intake: intakeDepsFromEnv(),
  idempotency: idempotencyFromEnv(),
  deadLetters: deadLettersFromEnv(),
  logger,
  metrics,
});
