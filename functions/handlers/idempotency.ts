import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';

/**
 * Powertools idempotency around a domain step, keyed on what identifies the event (not the
 * envelope id, so an alarm delivered by both EventBridge and SNS is one transition). A concurrent
 * duplicate fails with IdempotencyAlreadyInProgressError and is retried by its source; a finished
 * one returns the stored result without running the step again.
 */
export interface IdempotencySetup {
  persistenceStore: BasePersistenceLayer;
  expiresAfterSeconds?: number;
}

export function idempotentStep<T, R>(
  step: (input: T) => Promise<R>,
  setup: IdempotencySetup | undefined,
): { run: (key: string, input: T) => Promise<R>; registerContext: (context: Context) => void } {
  if (!setup) return { run: (_key, input) => step(input), registerContext: () => undefined };
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: setup.expiresAfterSeconds ?? 3600 });
  const wrapped = makeIdempotent((payload: { key: string; input: T }) => step(payload.input), { persistenceStore: setup.persistenceStore, config });
  return {
    run: (key, input) => wrapped({ key, input }),
    registerContext: (context) => config.registerLambdaContext(context),
  };
}
