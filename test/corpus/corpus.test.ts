import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileInput, triage, type Report } from '../../functions/triage/index.js';
import { tempDir } from '../triage/helpers.js';
import { expectedIssueType, isNegative, loadCorpus, type CorpusEntry } from './corpus.js';
import { claimsAt, claimsByPath, looseInputs, placedPath, unnamedInputs, writeCorpusBundle, type Claimed, type Placement } from './placement.js';

const NOW = () => new Date('2026-12-01T12:00:00Z');
const UNRECOGNIZED = 'unrecognized-errors.';
const entries = loadCorpus();
/** Recall floor for lines in files whose name names no writer (the content alone tells). */
const UNNAMED_RECALL = 0.95;

/** Why an entry fails in one placement, or undefined when it passes. */
function verdict(entry: CorpusEntry, claims: Claimed[], byType = false): string | undefined {
  const expectation = entry.expect;
  if ('none' in expectation) {
    return claims.length ? `benign line raised ${claims.map((c) => c.ruleId).join(', ')}` : undefined;
  }
  const byRule = claims.filter((c) => !c.ruleId.startsWith(UNRECOGNIZED));
  // Without a service name a sibling rule of the same issue type is as good as the named one.
  const ok =
    'ruleId' in expectation && !byType
      ? byRule.some((c) => c.ruleId === expectation.ruleId)
      : byRule.some((c) => c.issueType === expectedIssueType(expectation));
  if (ok) return undefined;
  const wanted = 'ruleId' in expectation ? expectation.ruleId : `issue type ${expectation.issueType}`;
  return claims.length ? `wanted ${wanted}, got ${claims.map((c) => `${c.ruleId} (${c.issueType})`).join(', ')}` : `wanted ${wanted}, nothing matched`;
}

const results = new Map<Placement, Map<string, string | undefined>>();
let dir = '';

beforeAll(async () => {
  dir = tempDir('corpus');
  const bundle = await writeCorpusBundle(entries, dir);
  const reports: Record<Placement, Report> = {
    bundle: await triage([fileInput(bundle)], { now: NOW }),
    loose: await triage(looseInputs(entries), { now: NOW }),
    unnamed: await triage(unnamedInputs(entries), { now: NOW }),
  };
  for (const placement of ['bundle', 'loose', 'unnamed'] as const) {
    const byPath = claimsByPath(reports[placement]);
    const verdicts = new Map<string, string | undefined>();
    entries.forEach((entry, index) => {
      verdicts.set(entry.id, verdict(entry, claimsAt(byPath, placedPath(placement, entry, index)), placement === 'unnamed'));
    });
    results.set(placement, verdicts);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  printStats();
});

function printStats(): void {
  if (!results.size) return;
  const families = [...new Set(entries.map((e) => e.family))].sort();
  const rows = families.map((family) => {
    const members = entries.filter((e) => e.family === family);
    const positives = members.filter((e) => !isNegative(e));
    const negatives = members.filter(isNegative);
    const cell = (placement: Placement) => {
      const v = results.get(placement)!;
      const found = positives.filter((e) => v.get(e.id) === undefined).length;
      const fp = negatives.filter((e) => v.get(e.id) !== undefined).length;
      return `${positives.length ? (found / positives.length).toFixed(2) : '  - '} ${String(fp).padStart(2)}`;
    };
    return `${family.padEnd(24)} ${String(positives.length).padStart(4)} ${String(negatives.length).padStart(4)}   ${cell('bundle')}    ${cell('loose')}    ${cell('unnamed')}`;
  });
  console.log(['corpus recall / false positives per family', `${'family'.padEnd(24)}  pos  neg   bundle(r fp) loose(r fp) unnamed(r fp)`, ...rows].join('\n'));
}

describe('real-line corpus', () => {
  it('holds at least 400 real lines, 80 of them benign, with unique ids', () => {
    expect(entries.length).toBeGreaterThanOrEqual(400);
    expect(entries.filter(isNegative).length).toBeGreaterThanOrEqual(80);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  describe.each(['bundle', 'loose'] as const)('placed %s', (placement) => {
    it.each(entries.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
      expect(results.get(placement)!.get(entry.id)).toBeUndefined();
    });
  });

  // A log attached under a name that says nothing (`attached.log`): no benign line may raise
  // anything, and the content alone must still find nearly every failure.
  describe('placed as unnamed loose files', () => {
    it.each(entries.filter(isNegative).map((e) => [e.id, e] as const))('%s raises nothing', (_id, entry) => {
      expect(results.get('unnamed')!.get(entry.id)).toBeUndefined();
    });

    it(`finds at least ${UNNAMED_RECALL * 100} % of the failures with their issue type`, () => {
      const positives = entries.filter((e) => !isNegative(e));
      const misses = positives.filter((e) => results.get('unnamed')!.get(e.id) !== undefined).map((e) => `${e.id}: ${results.get('unnamed')!.get(e.id)}`);
      expect((positives.length - misses.length) / positives.length, misses.join('\n')).toBeGreaterThanOrEqual(UNNAMED_RECALL);
    });
  });
});
