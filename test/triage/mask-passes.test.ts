import { describe, expect, it } from 'vitest';
import { maskTree } from '../../functions/triage/report/redact.js';
import { maskText } from '../../functions/triage/report/secrets/mask.js';
import { RedactionTally } from '../../functions/triage/report/secrets/tally.js';

const SECRET_LINE = 'retrying with token=ghp_0123456789abcdefghijABCDEFGHIJ012345';

describe('repeated masking passes', () => {
  it('masks and counts a secret on every pass, while clean text comes back as it was', () => {
    const clean = 'dial tcp 10.0.0.1:5432: connect: connection refused';
    expect(maskText(clean)).toBe(clean);
    expect(maskText(clean)).toBe(clean);
    for (let pass = 0; pass < 3; pass++) {
      const tally = new RedactionTally();
      const masked = maskText(SECRET_LINE, tally);
      expect(masked).not.toContain('ghp_0123456789');
      expect(tally.entries().reduce((n, e) => n + e.count, 0)).toBeGreaterThan(0);
      // The masked output is left alone and counted no more.
      const again = new RedactionTally();
      expect(maskText(masked, again)).toBe(masked);
      expect(again.entries()).toEqual([]);
    }
  });

  it('walks objects like Object.fromEntries: same keys, order and values, `__proto__` kept as a key', () => {
    const value = JSON.parse('{"b":1,"a":{"__proto__":"x","line":2},"list":[{"path":"p"}],"1":"one"}') as Record<string, unknown>;
    const walked = maskTree(value);
    expect(JSON.stringify(walked)).toBe(JSON.stringify(value));
    expect(Object.getPrototypeOf((walked as { a: object }).a)).toBe(Object.prototype);
    expect(Object.keys((walked as { a: object }).a)).toEqual(['__proto__', 'line']);
  });
});
