import { describe, expect, it } from 'vitest';
import { RuleSet, matchLine } from '../../functions/triage/rules/compile.js';
import type { Rule } from '../../functions/triage/rules/rule.js';
import type { FileInfo } from '../../functions/triage/model/file-kind.js';

// Synthetic rules and lines: the scoping of service rules in files whose writer is unknown.
const base = { severity: 'medium' as const, explanation: 'x', remediation: ['y'] };
const rules: Rule[] = [
  { ...base, id: 'scoped.nomad', title: 'Nomad', issueType: 'nomad-client', appliesTo: { services: ['nomad-client'] }, patterns: ['failed to pull'] },
  { ...base, id: 'scoped.server-only', title: 'Server', issueType: 'nomad-server', appliesTo: { services: ['nomad-server'], excludeServices: ['unknown'] }, patterns: ['leadership lost'] },
  { ...base, id: 'general.pull', title: 'General', issueType: 'docker-executor', patterns: ['pull'] },
];
const set = new RuleSet(rules);
const claimIn = (file: FileInfo, line: string) => matchLine(set.forFile(file).lineRules, line)?.rule.rule.id;
const attached: FileInfo = { path: 'attached.log', input: 'attached.log', kind: 'text', service: 'unknown', extra: true };
const inBundle: FileInfo = { path: 'misc/notes.txt', input: 'bundle.tar.gz', kind: 'text', service: 'unknown' };
const nomadClient: FileInfo = { ...attached, path: 'nomad-client.log', service: 'nomad-client' };

describe('rules scoped to services, in a hand-collected file of unknown writer', () => {
  it('apply, after every rule that names no service', () => {
    expect(claimIn(attached, 'failed to pull image')).toBe('general.pull');
    expect(claimIn(nomadClient, 'failed to pull image')).toBe('scoped.nomad');
    expect(claimIn(attached, 'driver failed to start')).toBeUndefined();
  });

  it('apply when no general rule knows the line', () => {
    const onlyScoped = new RuleSet(rules.slice(0, 2));
    expect(matchLine(onlyScoped.forFile(attached).lineRules, 'failed to pull image')?.rule.rule.id).toBe('scoped.nomad');
  });

  it('do not apply when the rule excludes `unknown`', () => {
    expect(claimIn(attached, 'cluster leadership lost')).toBeUndefined();
    expect(claimIn({ ...attached, service: 'nomad-server' }, 'cluster leadership lost')).toBe('scoped.server-only');
  });

  it('do not apply to a file inside a bundle whose service is unknown', () => {
    const onlyScoped = new RuleSet(rules.slice(0, 2));
    expect(matchLine(onlyScoped.forFile(inBundle).lineRules, 'failed to pull image')).toBeUndefined();
  });
});
