import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, fileInput, StaleStateError, triage, Triager, type Report, type TriageInput } from '../../functions/triage/index.js';
import { bytesInput, REPO_ROOT, SKIP_WITHOUT_TROUBLESHOOT, TROUBLESHOOT_DIR, TROUBLESHOOT_SUITE } from './helpers.js';

const NOW = new Date('2025-03-14T10:00:00Z');
const T = (s: number) => `2025-03-14T09:40:${String(s).padStart(2, '0')}.318Z`;

/** Synthetic Nomad client lines: unknown errors in several shapes (for the template merge) and a known failure. */
function nomadLog(offset: number, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const s = (offset + i) % 60;
    out.push(`${T(s)} [ERROR] client.driver_mgr: failed to fingerprint driver: driver=qemu${i % 3} error="exec: qemu-${offset + i}: not found"`);
    out.push(`${T(s)} [ERROR] client.gc: widget collection stalled: reason=busy shard=${i % 7}`);
    out.push(`${T(s)} [ERROR] client.alloc_runner.task_runner: running driver failed: alloc_id=8c1a2b3c-1111-4222-8333-44445555${String(6000 + offset + i).slice(-4)} task=build error="failed to create container: API error (404): network ci-privileged not found"`);
  }
  return out.join('\n') + '\n';
}

const EVENTS = join(REPO_ROOT, 'events');
function sampleInputs(): TriageInput[] {
  return [
    fileInput(join(EVENTS, 'bundles/support-bundle-2025-03-14T09_41_07.tar.gz')),
    ...readdirSync(join(EVENTS, 'logs')).sort().map((f) => fileInput(join(EVENTS, 'logs', f))),
    bytesInput('nomad-a.log', nomadLog(0, 40)),
    bytesInput('nomad-b.log', nomadLog(20, 40)),
    // A copy of an earlier input: its timestamped lines must count once.
    bytesInput('nomad-a-again.log', nomadLog(0, 40)),
  ];
}

const comparable = (r: Report) => ({ ...r, generatedAt: 'x' });

/** The pipeline's way: each input read and stored alone, folded onto the stored state of the uploads before it. */
async function incrementally(inputs: readonly TriageInput[], triager = new Triager()): Promise<{ report: Report; stateBytes: number[] }> {
  let stored: Buffer | undefined;
  const stateBytes: number[] = [];
  for (const [i, input] of inputs.entries()) {
    const own = encodeState(await triager.read(input, NOW), [`input-${i}`]);
    const merged = stored ? decodeState(stored, triager.newState(NOW)) : { state: triager.newState(NOW), covers: [] };
    const next = decodeState(own, triager.newState(NOW));
    merged.state.absorb(next.state);
    stored = encodeState(merged.state, [...merged.covers, ...next.covers]);
    stateBytes.push(stored.length);
  }
  const final = decodeState(stored!, triager.newState(NOW));
  expect(final.covers).toEqual(inputs.map((_, i) => `input-${i}`));
  return { report: triager.report(final.state, { now: NOW }), stateBytes };
}

describe('incremental run state', () => {
  it('gives the same report folded from stored per-input states as read from scratch', async () => {
    const scratch = await triage(sampleInputs(), { now: () => NOW });
    const { report } = await incrementally(sampleInputs());
    expect(comparable(report)).toEqual(comparable(scratch));
    // The sample really exercises the merge: findings from several inputs, repeats, templates.
    const docker = scratch.findings.find((f) => f.ruleId === 'nomad-client.ci-privileged-missing');
    expect(docker?.locations.map((l) => l.path)).toEqual(expect.arrayContaining(['nomad-a.log', 'nomad-b.log']));
    const unknown = scratch.findings.find((f) => f.ruleId === 'unrecognized-errors.nomad-client');
    expect(unknown?.templates?.length).toBeGreaterThanOrEqual(2);
    expect(scratch.inputs).toHaveLength(sampleInputs().length);
  });

  it('counts a timestamped line once when the same log arrives in two inputs', async () => {
    const once = await triage([bytesInput('nomad-a.log', nomadLog(0, 40))], { now: () => NOW });
    const twice = await triage([bytesInput('nomad-a.log', nomadLog(0, 40)), bytesInput('copy.log', nomadLog(0, 40))], { now: () => NOW });
    const counts = (r: Report) => r.findings.filter((f) => f.service === 'nomad-client' && !f.ruleId.startsWith('unrecognized-errors.')).map((f) => [f.ruleId, f.count]);
    expect(counts(twice)).toEqual(counts(once));
    const evidence = (r: Report) => r.findings.filter((f) => f.ruleId === 'nomad-client.ci-privileged-missing').flatMap((f) => f.evidence.map((e) => `${f.ruleId} ${e.path}:${e.line}`));
    expect(evidence(twice)).toEqual(evidence(once));
  });

  it('round-trips a state unchanged, and its stored size does not grow with repeated inputs', async () => {
    const triager = new Triager();
    const state = await triager.read(bytesInput('nomad-a.log', nomadLog(0, 400)), NOW);
    const bytes = encodeState(state, ['a']);
    const back = decodeState(bytes, triager.newState(NOW));
    expect(back.state.snapshot()).toEqual(state.snapshot());
    const { stateBytes } = await incrementally(Array.from({ length: 6 }, () => bytesInput('nomad-a.log', nomadLog(0, 400))));
    // Repeats add nothing but their input summary and file entry.
    expect(stateBytes.at(-1)! - stateBytes[1]!).toBeLessThan(4 * 1024);
  });

  it('refuses a state written with other rules, limits or options, or damaged', async () => {
    const state = await new Triager().read(bytesInput('nomad-a.log', nomadLog(0, 5)), NOW);
    const bytes = encodeState(state, ['a']);
    const extra = new Triager({ extraRules: [{ id: 'local.widget', title: 'Widget', issueType: 'nomad-client', severity: 'low', explanation: 'x', remediation: ['y'], patterns: ['widget collection stalled'] } as never] });
    expect(() => decodeState(bytes, extra.newState(NOW))).toThrow(StaleStateError);
    expect(() => decodeState(bytes, new Triager({ limits: { maxEvidencePerFinding: 6 } }).newState(NOW))).toThrow(/limits differs/);
    expect(() => decodeState(bytes, new Triager({ unrecognizedErrors: false }).newState(NOW))).toThrow(StaleStateError);
    expect(() => decodeState(bytes.subarray(0, bytes.length - 10), new Triager().newState(NOW))).toThrow(/unreadable/);
  });
});

describe.skipIf(SKIP_WITHOUT_TROUBLESHOOT)(`incremental run state, ${TROUBLESHOOT_SUITE}`, () => {
  it('folds the real bundles and the sample logs to the same report as one run', async () => {
    const real = readdirSync(TROUBLESHOOT_DIR).filter((f) => /\.(tar\.gz|tgz)$/.test(f)).sort().map((f) => fileInput(join(TROUBLESHOOT_DIR, f)));
    const inputs = [...real, ...sampleInputs()];
    const scratch = await triage(inputs, { now: () => NOW });
    const { report } = await incrementally(inputs);
    expect(comparable(report)).toEqual(comparable(scratch));
  }, 60_000);
});
