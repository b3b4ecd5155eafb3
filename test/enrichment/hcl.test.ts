import oracle from 'hcl2-parser';
import { describe, expect, it } from 'vitest';
import { HclSyntaxError, parseHcl } from '../../functions/enrichment/policy/hcl.js';
import { parsePolicyDocument } from '../../functions/enrichment/policy/parse.js';
import { AGENT_CONFIG, TYPO_POLICY } from './fixtures.js';
import { agentConfigHcl, nomadServerHcl, policyHcl } from '../fixtures/bundle/policy.js';

/** HashiCorp's HCL compiled to JavaScript: the reference this reader must agree with. */
const reference = (text: string): unknown => (oracle as unknown as { parseToObject(t: string): [unknown, unknown] }).parseToObject(text)[0];

// Synthetic documents, one per piece of syntax a policy or agent file may use.
const SYNTAX: Record<string, string> = {
  comments: '# hash\n// slashes\n/* block\n comment */\na = 1 # trailing\nb = "x" // trailing\n',
  literals: 'n = 42\nf = 0.5\ne = 1e3\nneg = -3\nspaced = - 3\nt = true\nno = false\nnothing = null\n',
  strings: 's = "a\\"b\\n\\t\\\\"\nu = "caf\\u00e9"\ni = "${ var.y }-z"\nd = "%{ if true }yes%{ endif }"\nesc = "$${literal}"\n',
  heredocs: 'h = <<EOT\nraw ${z} \\n kept\nEOT\nindented = <<-EOT\n    one\n      two\n    EOT\n',
  expressions: 'ref = var.x\ncall = max(1, 2)\nsum = 1 + 2\ncond = x ? 1 : 2\nfor = [for s in var.l : upper(s)]\nparen = (1)\nidx = local.a.b[0]\ncmp = "x" == "y"\nnegref = -x\n',
  collections: 'l = [1, "a", true, null, var.x]\nempty = []\no = {\n  "k1" = 1\n  k2 : 2,\n  k3 = [\n    1,\n    2,\n  ]\n  k4 = var.x\n}\neo = {}\nnested = [[1], {a = [2]}]\n',
  blocks: 'b "a" "b" {\n}\nb "a" "c" {\n  x = 1\n}\nb "a" "b" {\n  x = 2\n}\nempty {}\none_line { x = 1 }\nunquoted label {\n  y = 1\n}\n',
  policy: TYPO_POLICY,
  agent: AGENT_CONFIG,
  generated: policyHcl({ asgName: 'acme-ci-nomad-clients', min: 1, max: 5 }),
  generatedAgent: agentConfigHcl(),
  server: nomadServerHcl(),
};

describe('parseHcl', () => {
  it.each(Object.keys(SYNTAX))('reads %s as HashiCorp\'s HCL does', (name) => {
    const text = SYNTAX[name]!;
    const expected = reference(text);
    expect(expected).not.toBeNull();
    expect(parseHcl(text)).toEqual(expected);
  });

  it.each([
    ['an unclosed block', 'scaling "x" {\n  min = 1\n', /unclosed block at line 3/],
    ['an attribute set twice', 'x = 1\nx = 2\n', /set twice at line 2/],
    ['a missing value', 'scaling "x" { min = ', /expected an expression/],
    ['an unterminated string', 'a = "open\n', /unterminated string at line 1/],
    ['a bad escape', 'a = "\\q"\n', /bad escape/],
    ['an unclosed heredoc', 'a = <<EOT\nline\n', /heredoc EOT is not closed/],
    ['two attributes on a line', 'a = 1 b = 2\n', /expected a new line/],
    ['a stray brace', '}\n', /unexpected "}"/],
  ])('rejects %s with its place in the text', (_, text, message) => {
    expect(reference(text)).toBeNull();
    expect(() => parseHcl(text)).toThrow(HclSyntaxError);
    expect(() => parseHcl(text)).toThrow(message);
  });

  it('never fails otherwise on any prefix of a document, nor on hostile nesting', async () => {
    const text = SYNTAX.policy! + SYNTAX.collections! + SYNTAX.heredocs!;
    for (let end = 0; end <= text.length; end++) {
      const result = await parsePolicyDocument('p.hcl', text.slice(0, end));
      if (!result.ok) expect(result.error).toMatch(/^invalid HCL: /);
    }
    const deep = `a = ${'['.repeat(200_000)}`;
    await expect(parsePolicyDocument('deep.hcl', deep)).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/^invalid HCL: /) as unknown });
  });
});
