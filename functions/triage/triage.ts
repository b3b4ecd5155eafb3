import { resolveLimits, type ReadLimits } from './bundle/limits.js';
import { RuleSet } from './rules/compile.js';
import { CIRCLECI_SERVER_RULES } from './rules/circleci-server.js';
import { mergeRules } from './rules/load.js';
import type { Rule } from './rules/rule.js';
import type { Report } from './report/schema.js';
import type { TriageInput } from './sources/input.js';
import { buildReport, type BuildOptions } from './analysis/build-report.js';
import { readInput, type ReadHooks } from './analysis/read-input.js';
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

/** What reading needs, fixed for a run (or for a Lambda's lifetime): the compiled rules and the limits. */
export class Triager {
  readonly rules: RuleSet;
  readonly limits: ReadLimits;
  readonly unrecognizedErrors: boolean;

  constructor(options: Pick<TriageOptions, 'extraRules' | 'limits' | 'unrecognizedErrors'> = {}) {
    this.limits = resolveLimits(options.limits);
    this.unrecognizedErrors = options.unrecognizedErrors ?? true;
    this.rules = new RuleSet(mergeRules(CIRCLECI_SERVER_RULES, options.extraRules ?? []), { levelMarkers: this.unrecognizedErrors });
  }

  newState(now: Date): RunState {
    return new RunState(this.rules, this.limits, now, { unrecognizedErrors: this.unrecognizedErrors });
  }

  /** Reads one input into a state of its own, to be folded into a run's (`RunState.absorb`). */
  async read(input: TriageInput, now: Date, hooks: ReadHooks = {}): Promise<RunState> {
    const state = this.newState(now);
    await readInput(input, state, hooks);
    return state;
  }

  report(state: RunState, options: BuildOptions): Report {
    return buildReport(state, options);
  }
}

/** Report options from the triage options. */
export function buildOptionsOf(options: TriageOptions, now: Date): BuildOptions {
  const alarmTime = options.alarmTime ?? options.alarm?.time;
  return {
    now,
    ...(alarmTime ? { alarmTime } : {}),
    ...(options.alarm ? { alarm: options.alarm } : {}),
    ...(options.collectorUtcOffsetMinutes !== undefined ? { collectorUtcOffsetMinutes: options.collectorUtcOffsetMinutes } : {}),
  };
}

/**
 * Reads every input (bundles, extracted folders, extra logs) as a stream, matches the rule pack
 * and returns one merged report. Bad inputs produce bundle-quality findings, not exceptions.
 * Each input is read on its own and folded in, exactly as an incident's uploads are.
 */
export async function triage(inputs: readonly TriageInput[], options: TriageOptions = {}): Promise<Report> {
  const now = options.now?.() ?? new Date();
  const triager = new Triager(options);
  const state = triager.newState(now);
  const hooks = options.onProgress ? { onProgress: options.onProgress } : {};
  for (const input of inputs) state.absorb(await triager.read(input, now, hooks));
  return triager.report(state, buildOptionsOf(options, now));
}
