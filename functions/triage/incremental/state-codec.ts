import { gunzipSync, gzipSync } from 'node:zlib';
import type { RunState, RunStateSnapshot } from '../analysis/run-state.js';
import { TOOL_VERSION } from '../analysis/build-report.js';
import { RULE_PACK_VERSION } from '../rules/circleci-server.js';

/**
 * A run state stored between an incident's uploads: gzip'd JSON with a header that says what
 * wrote it. A state written by another tool version, rule pack, rule set or limits is refused
 * (`StaleStateError`): its inputs are read again rather than merged with different rules.
 *
 * The state holds raw evidence lines (masking happens when a report is sealed), so it is stored
 * with the same protection as the inputs it came from, never shown.
 */
const FORMAT = 'incident-pipeline/run-state@1';

interface Envelope {
  format: string;
  tool: string;
  rulePack: string;
  rules: string;
  limits: string;
  unrecognized: boolean;
  /** Ids of the inputs folded into the state, in order. */
  covers: string[];
  state: RunStateSnapshot;
}

export class StaleStateError extends Error {
  constructor(reason: string) {
    super(`stored run state cannot be reused: ${reason}`);
    this.name = 'StaleStateError';
  }
}

export interface StoredState {
  state: RunState;
  covers: string[];
}

function identity(state: RunState): Omit<Envelope, 'covers' | 'state'> {
  return {
    format: FORMAT,
    tool: TOOL_VERSION,
    rulePack: RULE_PACK_VERSION,
    rules: state.rules.fingerprint,
    limits: JSON.stringify(state.limits),
    unrecognized: state.unrecognized !== undefined,
  };
}

export function encodeState(state: RunState, covers: readonly string[]): Buffer {
  const envelope: Envelope = { ...identity(state), covers: [...covers], state: state.snapshot() };
  return gzipSync(JSON.stringify(envelope), { level: 6 });
}

/** Decodes into `fresh` (a new state of the current triager), or throws `StaleStateError`. */
export function decodeState(bytes: Uint8Array, fresh: RunState): StoredState {
  let envelope: Envelope;
  try {
    envelope = JSON.parse(gunzipSync(bytes).toString('utf8')) as Envelope;
  } catch (error) {
    throw new StaleStateError(`unreadable (${(error as Error).message.slice(0, 200)})`);
  }
  const expected = identity(fresh);
  for (const key of Object.keys(expected) as Array<keyof typeof expected>) {
    if (envelope[key] !== expected[key]) throw new StaleStateError(`${key} differs (stored ${String(envelope[key]).slice(0, 80)}, current ${String(expected[key]).slice(0, 80)})`);
  }
  try {
    fresh.restore(envelope.state);
  } catch (error) {
    throw new StaleStateError((error as Error).message);
  }
  return { state: fresh, covers: envelope.covers };
}
