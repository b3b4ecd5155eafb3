import { fallbackPositives } from './cases/fallbacks.js';
import { describe, expect, it } from 'vitest';
import { CIRCLECI_SERVER_RULES, RULE_PACK_VERSION } from '../../functions/triage/rules/circleci-server.js';
import { RuleSet } from '../../functions/triage/rules/compile.js';
import { requiredLiterals } from '../../functions/triage/rules/literals.js';
import { rulePackSchema, ruleSchema, type Rule } from '../../functions/triage/rules/rule.js';
import { ISSUE_TYPES } from '../../functions/triage/model/issue-types.js';
import { absentRaised, candidateFor, fileOf, type Positive } from './helpers.js';
import { NETWORK_LS_WITH, NETWORK_LS_WITHOUT, nomadPositives } from './cases/nomad.js';
import { executionPositives } from './cases/execution.js';
import { backendPositives } from './cases/backend.js';
import { edgePositives } from './cases/edge.js';
import { awsPositives } from './cases/aws.js';
import { kubernetesPositives } from './cases/kubernetes.js';
import { autoscalerVersionsPositives } from './cases/autoscaler-versions.js';

const ALL_POSITIVES: Positive[] = [...nomadPositives, ...executionPositives, ...backendPositives, ...edgePositives, ...awsPositives, ...kubernetesPositives, ...autoscalerVersionsPositives, ...fallbackPositives];
const MIB = 1 << 20;

describe('CircleCI Server rule pack', () => {
  it('gives every pattern literals for the prefilter (a pattern without any runs on every line)', () => {
    const slow = CIRCLECI_SERVER_RULES.flatMap((r) => r.patterns.filter((p) => !requiredLiterals(p)).map((p) => `${r.id}: ${p.slice(0, 80)}`));
    expect(slow).toEqual([]);
  });

  it('has a calendar-style version', () => {
    expect(RULE_PACK_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
  });

  it.each(CIRCLECI_SERVER_RULES.map((rule) => [rule.id, rule] as const))('%s passes the rule schema', (_id, rule) => {
    const parsed = ruleSchema.safeParse(rule);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('passes the pack schema as a whole', () => {
    expect(rulePackSchema.safeParse({ rules: CIRCLECI_SERVER_RULES }).success).toBe(true);
  });

  it('has unique rule ids', () => {
    const ids = CIRCLECI_SERVER_RULES.map((r) => r.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it('covers every issue type except the computed cascade', () => {
    const covered = new Set(CIRCLECI_SERVER_RULES.map((r) => r.issueType));
    // Cascades and release facts are computed from findings and versions, not matched.
    const missing = ISSUE_TYPES.filter((t) => t !== 'cascade' && t !== 'installation' && !covered.has(t));
    expect(missing).toEqual([]);
  });

  it('has a tested positive line for every line rule', () => {
    const tested = new Set(ALL_POSITIVES.map((c) => c.rule));
    const untested = CIRCLECI_SERVER_RULES.filter((r) => !r.absent && !tested.has(r.id)).map((r) => r.id);
    expect(untested).toEqual([]);
  });

  it('has no positive case naming a rule that does not exist', () => {
    const ids = new Set(CIRCLECI_SERVER_RULES.map((r) => r.id));
    expect(ALL_POSITIVES.map((c) => c.rule).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('gives every rule an explanation and concrete remediation', () => {
    for (const rule of CIRCLECI_SERVER_RULES) {
      expect(rule.explanation.length, rule.id).toBeGreaterThan(40);
      expect(rule.remediation.every((step) => step.length > 20), rule.id).toBe(true);
    }
  });

  it('selects every positive line when the whole pack applies to one file', () => {
    // Unscoped copies make a single file see the whole pack: the largest literal set and prefilter.
    const unscoped: Rule[] = CIRCLECI_SERVER_RULES.map((rule) => ({ ...rule, appliesTo: undefined }));
    const matcher = new RuleSet(unscoped).forFile(fileOf('unknown', 'text'));
    expect(ALL_POSITIVES.filter((c) => !candidateFor(matcher, c.line)).map((c) => c.line)).toEqual([]);
  });

  it('keeps the combined prefilter free of capture names (they would clash across rules)', () => {
    const unscoped: Rule[] = CIRCLECI_SERVER_RULES.map((rule) => ({ ...rule, appliesTo: undefined }));
    const prefilter = new RuleSet(unscoped).forFile(fileOf('unknown', 'text')).prefilter;
    expect(prefilter?.source ?? '').not.toMatch(/\(\?<[A-Za-z]/);
  });
});

describe('ci-privileged absent rule on docker network ls output', () => {
  const file = fileOf('nomad-client', 'docker-network-ls');

  it('is raised when no line lists the ci-privileged network', () => {
    expect(absentRaised(file, NETWORK_LS_WITHOUT)).toEqual(['nomad-client.ci-privileged-absent']);
  });

  it('is satisfied when the network is listed', () => {
    expect(absentRaised(file, NETWORK_LS_WITH)).toEqual([]);
  });

  it('is raised for an empty listing', () => {
    expect(absentRaised(file, ['NETWORK ID     NAME      DRIVER    SCOPE'])).toEqual(['nomad-client.ci-privileged-absent']);
  });

  it('does not apply to other file kinds', () => {
    expect(absentRaised(fileOf('nomad-client', 'journald'), [])).toEqual([]);
  });
});

/** A line of about 1 MiB made by repeating `seed`. */
function adversarial(seed: string): string {
  const unit = seed.length ? seed : 'x';
  return unit.repeat(Math.ceil(MIB / unit.length)).slice(0, MIB);
}

/** Near-misses built from a rule's own positive lines: truncated prefixes repeated across the line. */
function seedsFor(rule: Rule): string[] {
  const lines = ALL_POSITIVES.filter((c) => c.rule === rule.id).map((c) => c.line);
  return lines.flatMap((line) => [line.slice(0, Math.ceil(line.length * 0.6)) + ' ', line.slice(0, -8) + ' ']);
}

/**
 * Best of three runs: a pattern that backtracks catastrophically is slow every time, while a busy
 * machine only slows some runs, so the minimum separates the two without flaking under load.
 */
function timeAll(regexes: RegExp[], text: string): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    for (const re of regexes) {
      re.lastIndex = 0;
      re.exec(text);
    }
    best = Math.min(best, performance.now() - started);
    // A clearly fast first run needs no confirmation.
    if (best < 20) break;
  }
  return best;
}

describe('pattern cost on 1 MiB adversarial lines', () => {
  const compiled = new RuleSet(CIRCLECI_SERVER_RULES).compiled;
  // Dense repeats of the literal text patterns start with, plus long runs of common characters.
  const GENERIC = [
    'a',
    ' ',
    '"',
    '\\"',
    '0123456789',
    'infra_fail ',
    `job_id=${'a'.repeat(64)} `,
    'time_in_queue=',
    'policy_id=6f1c2a9e-3b4d-4e5f-8a9b-0c1d2e3f4a5b ',
    'failed to validate file /etc/x.hcl: ',
    'x509: ',
    'https://',
    ':8200',
    'vault ',
    'dial tcp ',
    'gateway end ',
    'task/config ',
    'User: arn:aws:iam::1:user/x ',
    'Encoded authorization failure message: ',
  ];

  // Rules share patterns (the fallbacks' benign list, failure words): each pattern is timed once
  // per input, whichever rule it belongs to.
  const timed = new Map<string, number>();
  const generic = GENERIC.map((seed) => ({ seed, text: adversarial(seed) }));

  it.each(compiled.map((c) => [c.rule.id, c] as const))('%s stays linear', (_id, c) => {
    const inputs = [...seedsFor(c.rule).map((seed) => ({ seed, text: adversarial(seed) })), ...generic];
    const slow: string[] = [];
    for (const re of [...c.patterns, ...c.unless, ...c.defer]) {
      const worst = Math.max(
        ...inputs.map(({ seed, text }) => {
          const key = `${re.flags}/${re.source}\u0000${seed}`;
          let ms = timed.get(key);
          if (ms === undefined) timed.set(key, (ms = timeAll([re], text)));
          return ms;
        }),
      );
      // Generous bound: windowed patterns take tens of ms here (a 100-character window after a name
      // repeated over the whole line ~100 ms, twice that on a loaded machine); backtracking that
      // grows with the square of the line takes minutes on 1 MiB.
      if (worst >= 1000) slow.push(`${re.source} took ${worst.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });

  it('the combined prefilter of the whole pack stays linear', () => {
    const unscoped: Rule[] = CIRCLECI_SERVER_RULES.map((rule) => ({ ...rule, appliesTo: undefined }));
    const prefilter = new RuleSet(unscoped).forFile(fileOf('unknown', 'text')).prefilter;
    const seeds = [...GENERIC, ALL_POSITIVES.map((c) => c.line.slice(0, 24)).join(' ')];
    let worst = 0;
    if (prefilter) for (const seed of seeds) worst = Math.max(worst, timeAll([prefilter], adversarial(seed)));
    expect(worst).toBeLessThan(1000);
  });
});
