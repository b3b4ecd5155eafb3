import { resolveLimits, type ReadLimits } from './bundle/limits.js';
import { RuleSet } from './rules/compile.js';
import { CIRCLECI_SERVER_RULES } from './rules/circleci-server.js';
import { mergeRules } from './rules/load.js';
import type { Rule } from './rules/rule.js';
import type { Report } from './report/schema.js';
import type { TriageInput } from './sources/input.js';
import { buildReport } from './analysis/build-report.js';
import { readInput } from './analysis/read-input.js';
import { RunState } from './analysis/run-state.js';

export interface TriageOptions {
  /** Rules added to (or replacing, by id) the built-in CircleCI Server pack. */
  extraRules?: Rule[];
  limits?: Partial<ReadLimits>;
  /** When the alarm fired: a bundle collected more than 10 minutes later is flagged. */
  alarmTime?: Date;
  /** The alarm that opened the incident; recorded in the report (its time also sets `alarmTime`). */
  alarm?: { name: string; time: Date; reason?: string; region?: string };
  /** The collector's UTC offset, to place the bundle folder's local time stamp. */
  collectorUtcOffsetMinutes?: number;
  /** Mine error-level lines no rule claims into templates (default true). */
  unrecognizedErrors?: boolean;
  onProgress?: (p: { input: string; bytesRead: number; totalBytes?: number }) => void;
  now?: () => Date;
}

/**
 * Reads every input (bundles, extracted folders, extra logs) as a stream, matches the rule pack
 * and returns one merged report. Bad inputs produce bundle-quality findings, not exceptions.
 */
export async function triage(inputs: readonly TriageInput[], options: TriageOptions = {}): Promise<Report> {
  const now = options.now?.() ?? new Date();
  const limits = resolveLimits(options.limits);
  const unrecognizedErrors = options.unrecognizedErrors ?? true;
  const rules = new RuleSet(mergeRules(CIRCLECI_SERVER_RULES, options.extraRules ?? []), { levelMarkers: unrecognizedErrors });
  const state = new RunState(rules, limits, now, { unrecognizedErrors });
  for (const input of inputs) {
    await readInput(input, state, options.onProgress ? { onProgress: options.onProgress } : {});
  }
  return buildReport(state, {
    now,
    ...(options.alarmTime ?? options.alarm?.time ? { alarmTime: (options.alarmTime ?? options.alarm?.time)! } : {}),
    ...(options.alarm ? { alarm: options.alarm } : {}),
    ...(options.collectorUtcOffsetMinutes !== undefined ? { collectorUtcOffsetMinutes: options.collectorUtcOffsetMinutes } : {}),
  });
}
