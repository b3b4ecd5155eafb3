import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseRulePack, RuleFileError } from '../../functions/triage/rules/load.js';

/** A minimal user rule file whose only pattern is written as `patternYaml` (a YAML scalar). */
function ruleFile(patternYaml: string): unknown {
  return parseYaml(
    [
      'rules:',
      '  - id: custom.registry-timeout',
      '    title: Registry timed out',
      '    issueType: docker-executor',
      '    severity: medium',
      '    explanation: The image registry did not answer in time, so image pulls fail.',
      '    remediation: ["Check the registry endpoint from a Nomad client with curl -v."]',
      `    patterns: [${patternYaml}]`,
    ].join('\n'),
  );
}

describe('user rule files', () => {
  it('accepts a word boundary written the two safe ways', () => {
    expect(parseRulePack(ruleFile(String.raw`'\bregistry timeout\b'`), 'rules.yaml')[0]?.patterns).toEqual([String.raw`\bregistry timeout\b`]);
    expect(parseRulePack(ruleFile(String.raw`"\\bregistry timeout\\b"`), 'rules.yaml')[0]?.patterns).toEqual([String.raw`\bregistry timeout\b`]);
  });

  it('refuses "\\b" in double quotes, which YAML reads as a backspace that never matches', () => {
    const load = () => parseRulePack(ruleFile(String.raw`"\bregistry timeout\b"`), 'rules.yaml');
    expect(load).toThrow(RuleFileError);
    expect(load).toThrow(/rules\.0\.patterns\.0: holds a control character/);
  });

  it('refuses lookaround, which the portable pattern subset leaves out', () => {
    expect(() => parseRulePack(ruleFile(String.raw`'registry(?= timeout)'`), 'rules.yaml')).toThrow(/lookaround/);
  });
});
