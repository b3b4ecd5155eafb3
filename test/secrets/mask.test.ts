import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writesUnredactedCustomResourceCopies } from '../../functions/triage/facts/troubleshoot-version.js';
import { fileInput, maskSecrets, renderMarkdown, sealReport, triage } from '../../functions/triage/index.js';
import { RedactionTally } from '../../functions/triage/report/redact.js';
import { incidentReport } from '../enrichment/fixtures.js';
import { SKIP_WITHOUT_TROUBLESHOOT, TROUBLESHOOT_DIR, TROUBLESHOOT_SUITE } from '../triage/helpers.js';

const GITHUB = 'ghp_FakeFakeFake0123456789abcdefghijKLMN';

describe('maskSecrets', () => {
  it('is idempotent and counts each value once', () => {
    const tally = new RedactionTally();
    const once = maskSecrets(`push with ${GITHUB} and db_password=hunter2`, tally);
    expect(maskSecrets(once, tally)).toBe(once);
    expect(tally.entries()).toEqual([
      { kind: 'github', count: 1 },
      { kind: 'keyed-secret', count: 1 },
    ]);
  });

  it('keeps the collector marks, placeholders and templated values', () => {
    const text = 'password=***HIDDEN*** token=${VAULT_TOKEN} secret=<redacted> api_key={{ .Values.key }} Authorization: Bearer ***HIDDEN***';
    expect(maskSecrets(text)).toBe(text);
  });

  it('cannot be switched off from inside a log line', () => {
    expect(maskSecrets(`// secretlint-disable-line ${GITHUB}`)).not.toContain(GITHUB);
    expect(maskSecrets(`# secretlint-disable\n${GITHUB}\n# secretlint-enable`)).not.toContain(GITHUB);
  });
});

describe('report.redactions', () => {
  it('lists counts by kind, never values, and the ticket shows them', () => {
    const base = incidentReport();
    const f = base.findings[0]!;
    const sealed = sealReport({ ...base, findings: [{ ...f, evidence: [{ path: 'a.log', line: 1, text: `token ${GITHUB}` }] }] });
    expect(sealed.schemaVersion).toBe('1.1');
    expect(sealed.redactions).toEqual([{ kind: 'github', count: 1 }]);
    expect(JSON.stringify(sealed.redactions)).not.toMatch(/MASKED|ghp_/);
    expect(renderMarkdown(sealed)).toContain('- Masked before output: 1 value(s) (github 1)');
    expect(sealReport(sealed).redactions).toEqual(sealed.redactions);
  });
});

describe('troubleshoot before v0.133.0', () => {
  it('reads the version', () => {
    expect(writesUnredactedCustomResourceCopies('v0.132.9')).toBe(true);
    expect(writesUnredactedCustomResourceCopies('v0.123.14-14-gf6c4386')).toBe(true);
    expect(writesUnredactedCustomResourceCopies('v0.133.0')).toBe(false);
    expect(writesUnredactedCustomResourceCopies('0.140.1')).toBe(false);
    expect(writesUnredactedCustomResourceCopies('v1.0.0')).toBe(false);
    expect(writesUnredactedCustomResourceCopies(null)).toBeUndefined();
    expect(writesUnredactedCustomResourceCopies('main')).toBeUndefined();
  });

  it.skipIf(SKIP_WITHOUT_TROUBLESHOOT)(`raises a bundle-quality finding on a real v0.123.14 bundle with custom-resource YAML copies (${TROUBLESHOOT_SUITE})`, async () => {
    const report = await triage([fileInput(join(TROUBLESHOOT_DIR, 'baseline.tar.gz'))]);
    const f = report.findings.find((x) => x.ruleId === 'bundle-quality.unredacted-custom-resources');
    expect(f?.issueType).toBe('bundle-quality');
    expect(f?.count).toBe(3);
    expect(f?.evidence[0]).toMatchObject({ path: 'version.yaml', text: expect.stringContaining('v0.123.14') });
    expect(f?.data.paths).toContain('cluster-resources/custom-resources/addons.k3s.cattle.io/kube-system.yaml');
  });

  it('masks every value of a line from such a copy if one ever reaches the report', () => {
    const base = incidentReport();
    const f = base.findings[0]!;
    const line = 'spec: { valuesContent: "adminUser: root", bootstrap: s3cr3tvalue }';
    const evidence = [{ path: 'cluster-resources/custom-resources/helmcharts.helm.cattle.io/kube-system.yaml', line: 7, text: line }];
    const old = sealReport({ ...base, bundle: { ...base.bundle, troubleshootVersion: 'v0.132.0' }, findings: [{ ...f, evidence }] });
    expect(JSON.stringify(old)).not.toContain('s3cr3tvalue');
    expect(JSON.stringify(old)).not.toContain('root');
    expect(old.redactions).toContainEqual({ kind: 'unredacted-custom-resource', count: expect.any(Number) });
    const fixed = sealReport({ ...base, bundle: { ...base.bundle, troubleshootVersion: 'v0.133.0' }, findings: [{ ...f, evidence }] });
    expect(fixed.findings[0]!.evidence[0]!.text).toBe(line);
  });
});
