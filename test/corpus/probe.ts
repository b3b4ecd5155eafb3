/**
 * npm run corpus:probe -- <folder of .jsonl> [--misses]
 *
 * Measures the triage on lines it was not built from: the folder holds corpus-format lines (for
 * example newly collected ones, before any rule is changed for them). Prints recall by rule
 * findings alone and with unrecognised-error findings of the expected issue type, and the benign
 * lines raised, for a bundle, for loose files named after their service and for unnamed loose
 * files, as the corpus test places them.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileInput, triage, type Report } from '../../functions/triage/index.js';
import { tempDir } from '../triage/helpers.js';
import { expectedIssueType, isNegative, loadCorpus } from './corpus.js';
import { claimsAt, claimsByPath, looseInputs, placedPath, unnamedInputs, writeCorpusBundle, type Claimed } from './placement.js';

const UNRECOGNIZED = 'unrecognized-errors.';
const { values, positionals } = parseArgs({ allowPositionals: true, options: { misses: { type: 'boolean', default: false } } });
if (positionals.length !== 1) {
  console.error('usage: npm run corpus:probe -- <folder of .jsonl> [--misses]');
  process.exit(2);
}
const entries = loadCorpus(positionals[0]);
const dir = tempDir('corpus-probe');
const now = () => new Date('2026-12-01T12:00:00Z');
try {
  const reports: Record<'bundle' | 'loose' | 'unnamed', Report> = {
    bundle: await triage([fileInput(await writeCorpusBundle(entries, dir))], { now }),
    loose: await triage(looseInputs(entries), { now }),
    unnamed: await triage(unnamedInputs(entries), { now }),
  };
  for (const placement of ['bundle', 'loose', 'unnamed'] as const) {
    const byPath = claimsByPath(reports[placement]);
    let positives = 0;
    let byRule = 0;
    let withUnrecognized = 0;
    let negatives = 0;
    let raised = 0;
    const notes: string[] = [];
    entries.forEach((entry, index) => {
      const claims = claimsAt(byPath, placedPath(placement, entry, index));
      const show = (cs: Claimed[]) => cs.map((c) => `${c.ruleId} (${c.issueType})`).join(', ') || 'nothing';
      if (isNegative(entry)) {
        negatives++;
        if (claims.length) {
          raised++;
          notes.push(`raised ${entry.id}: ${show(claims)}`);
        }
        return;
      }
      positives++;
      const named = entry.expect as { ruleId?: string; issueType?: string };
      // In an unnamed file a sibling rule of the same issue type is as good as the named one.
      const want = placement === 'unnamed' && named.ruleId ? { issueType: expectedIssueType({ ruleId: named.ruleId }) } : named;
      const rules = claims.filter((c) => !c.ruleId.startsWith(UNRECOGNIZED));
      const ruleHit = rules.some((c) => (want.ruleId ? c.ruleId === want.ruleId : c.issueType === want.issueType));
      const templated = claims.some((c) => c.ruleId.startsWith(UNRECOGNIZED) && want.issueType !== undefined && c.issueType === want.issueType);
      if (ruleHit) byRule++;
      if (ruleHit || templated) withUnrecognized++;
      else notes.push(`missed ${entry.id}: wanted ${want.ruleId ?? want.issueType}, got ${show(claims)}`);
    });
    const pct = (n: number, d: number) => `${d ? ((n / d) * 100).toFixed(0) : '-'} %`;
    console.log(`${placement}: ${positives} failures: ${byRule} by rules (${pct(byRule, positives)}), ${withUnrecognized} with unrecognised templates (${pct(withUnrecognized, positives)}); ${negatives} benign: ${raised} raised`);
    if (values.misses) for (const note of notes) console.log(`  ${note}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
