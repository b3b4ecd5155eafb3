import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { handleAlarm, type AlarmOutcome } from '../pipeline/alarm-intake.js';
import { MalformedEventError, parseAlarmEvent } from '../pipeline/alarm-events.js';
import type { IntakeDeps } from '../pipeline/deps.js';
import type { AlarmSignal } from '../pipeline/model.js';
import type { DeadLetters } from '../adapters/sqs-queues.js';
import { idempotentStep, type IdempotencySetup } from './idempotency.js';

export interface AlarmIntakeHandlerDeps {
  intake: IntakeDeps;
  idempotency?: IdempotencySetup;
  /** Malformed events go here with the reason; without it they fail and land in the Lambda DLQ. */
  deadLetters?: DeadLetters;
  logger: Logger;
  metrics: Metrics;
}

export type AlarmIntakeResult = { status: 'processed'; results: AlarmOutcome[] } | { status: 'rejected'; reason: string };

/** EventBridge "CloudWatch Alarm State Change" events and SNS-wrapped alarm notifications. */
export function createAlarmIntakeHandler(deps: AlarmIntakeHandlerDeps) {
  const step = idempotentStep((signal: AlarmSignal) => handleAlarm(signal, deps.intake), deps.idempotency);

  const handle = async (event: unknown, context: Context): Promise<AlarmIntakeResult> => {
    deps.metrics.addMetric('AlarmEventsReceived', MetricUnit.Count, 1);
    let signals: AlarmSignal[];
    try {
      signals = parseAlarmEvent(event);
    } catch (e) {
      if (!(e instanceof MalformedEventError)) throw e;
      // The payload is not logged: only which checks failed.
      deps.logger.warn('malformed alarm event rejected', { reason: e.message, issues: e.issues });
      deps.metrics.addMetric('MalformedEvents', MetricUnit.Count, 1);
      if (!deps.deadLetters) throw e;
      await deps.deadLetters.send(JSON.stringify(event), `${e.message}: ${e.issues.join('; ')}`, 'alarm-intake');
      return { status: 'rejected', reason: e.message };
    }
    step.registerContext(context);
    const results: AlarmOutcome[] = [];
    for (const signal of signals) {
      const outcome = await step.run(`${signal.alarmName}#${signal.state}#${signal.timestamp}`, signal);
      deps.logger.info('alarm transition processed', { ...outcome, state: signal.state, envelope: signal.envelope });
      deps.metrics.addMetric('AlarmTransitions', MetricUnit.Count, 1);
      results.push(outcome);
    }
    return { status: 'processed', results };
  };

  return middy<unknown, AlarmIntakeResult, Error, Context>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics))
    .handler(handle);
}
