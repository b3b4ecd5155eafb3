import { createHash } from 'node:crypto';
import type { Report } from '../triage/report/schema.js';
import type { IntakeDeps } from './deps.js';
import type { Incident, IncidentInput } from './model.js';

const STATE_TYPE = 'application/octet-stream';
const PREFIX = 'triage-state/';

/** An input is one object version: a key uploaded again with new content is a new input. */
export function inputId(input: Pick<IncidentInput, 'key' | 'etag'>): string {
  return `${input.key}#${input.etag}`;
}

export function inputStateKey(incidentId: string, input: Pick<IncidentInput, 'key' | 'etag'>): string {
  return `${PREFIX}${incidentId}/inputs/${createHash('sha256').update(inputId(input)).digest('hex').slice(0, 40)}.state`;
}

export function foldStateKey(incidentId: string, evidenceVersion: number): string {
  return `${PREFIX}${incidentId}/v${evidenceVersion}.state`;
}

/** Bytes a fold read from the bucket, by what they were: the incident's inputs or stored states. */
export interface FoldReads {
  inputs: string[];
  inputBytes: number;
  stateBytes: number;
}

/**
 * The report over `inputs` (in upload order), reading as little as it can: it resumes from the
 * stored fold of the newest earlier report when that fold covers a prefix of `inputs`, adds the
 * stored state of each input after it, and reads an input object only when no usable state of it
 * is stored (its first triage, or a rule pack change). Every state it makes is stored, so a replay
 * or a later upload does not read that input again.
 */
export async function foldInputs(incident: Incident, inputs: readonly IncidentInput[], evidenceVersion: number, alarmTime: Date | undefined, deps: IntakeDeps, displayName: (key: string) => string): Promise<{ report: Report; reads: FoldReads }> {
  const reads: FoldReads = { inputs: [], inputBytes: 0, stateBytes: 0 };
  const ids = inputs.map(inputId);
  const now = deps.clock.now();
  const prior = incident.report && incident.report.evidenceVersion < evidenceVersion ? incident.report.evidenceVersion : undefined;
  const stored = prior === undefined ? undefined : await deps.objects.getBytes(foldStateKey(incident.id, prior));
  reads.stateBytes += stored?.length ?? 0;
  let fold = deps.triage.fold(stored, { now });
  if (!isPrefix(fold.covers, ids)) fold = deps.triage.fold(undefined, { now });

  for (const input of inputs.slice(fold.covers.length)) {
    const id = inputId(input);
    const key = inputStateKey(incident.id, input);
    const own = await deps.objects.getBytes(key);
    reads.stateBytes += own?.length ?? 0;
    if (own && fold.addStored(own, id)) continue;
    reads.inputs.push(input.key);
    reads.inputBytes += input.size;
    const state = await fold.read({ name: displayName(input.key), open: () => deps.objects.open(input.key) }, id);
    await deps.objects.putBytes(key, state, STATE_TYPE);
  }
  const { report, state } = fold.finish(alarmTime ? { alarmTime } : {});
  await deps.objects.putBytes(foldStateKey(incident.id, evidenceVersion), state, STATE_TYPE);
  return { report, reads };
}

function isPrefix(prefix: readonly string[], of: readonly string[]): boolean {
  return prefix.length <= of.length && prefix.every((id, i) => of[i] === id);
}
