import { AwsCallError } from './errors.js';
import type { StepError, StepName, StepResult } from './schema.js';

/** What a step returns: its value plus the calls that failed without sinking the whole step. */
export interface StepOutcome<T> {
  value: T;
  errors: StepError[];
  note?: string;
}

export interface StepRun<T> {
  result: StepResult;
  /** Undefined when the step failed or ran out of time. */
  value?: T;
}

/**
 * Runs one enrichment step under its own time budget. The step receives an AbortSignal that fires
 * when the budget is spent; a failure or timeout becomes the step's status, never an exception,
 * so one step can never lose the others.
 */
export async function runStep<T>(
  name: StepName,
  budgetMs: number,
  body: (signal: AbortSignal) => Promise<StepOutcome<T>>,
  clock: () => number = Date.now,
): Promise<StepRun<T>> {
  const started = clock();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`${name} exceeded its ${budgetMs} ms budget`));
      resolve('timeout');
    }, budgetMs);
  });
  const elapsed = (): number => Math.max(0, Math.round(clock() - started));
  try {
    const outcome = await Promise.race([body(controller.signal), timeout]);
    if (outcome === 'timeout') {
      return {
        result: {
          name,
          status: 'timed-out',
          durationMs: elapsed(),
          errors: [{ kind: 'timeout', message: `no answer within ${budgetMs} ms` }],
        },
      };
    }
    const result: StepResult = {
      name,
      status: outcome.errors.length > 0 ? 'partial' : 'ok',
      durationMs: elapsed(),
      errors: dedupeErrors(outcome.errors),
    };
    if (outcome.note !== undefined) result.note = outcome.note;
    return { result, value: outcome.value };
  } catch (err) {
    return { result: { name, status: 'failed', durationMs: elapsed(), errors: [stepError(err)] } };
  } finally {
    clearTimeout(timer);
  }
}

/** The report form of an error; names the missing permission when our own call was denied. */
export function stepError(err: unknown): StepError {
  if (err instanceof AwsCallError) {
    if (err.kind === 'access-denied') {
      return {
        kind: 'access-denied',
        message: `the pipeline's role may not call ${err.action} (${err.code ?? 'AccessDenied'}): grant ${err.action} (see docs/enrichment-iam-policy.json)`,
        missingPermission: err.action,
      };
    }
    return { kind: err.kind, message: `${err.action}: ${err.message}` };
  }
  return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
}

function dedupeErrors(errors: StepError[]): StepError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.kind}|${e.missingPermission ?? ''}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Maps with at most `limit` calls in flight, keeping input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
