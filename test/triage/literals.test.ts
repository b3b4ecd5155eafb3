import { describe, expect, it } from 'vitest';
import { requiredLiterals } from '../../functions/triage/rules/literals.js';
import { LiteralAutomaton } from '../../functions/triage/scan/literal-automaton.js';

describe('requiredLiterals', () => {
  it.each([
    ['expected 1 Autoscaling Group, got (?<n>\\d+)', ['expected 1 autoscaling group, got ']],
    ['[Tt]ask claim failed', ['task claim failed']],
    ['task[ _-]?claim', ['taskclaim', 'task claim', 'task_claim', 'task-claim']],
    ['(?:Connection|connection) timed out', ['connection timed out']],
    ['task\\/config[^\\n]{0,160}?(?:timed out|i\\/o timeout)', ['timed out', 'i/o timeout']],
    ['(?:AMQP|amqp)[^\\n]{0,50}refused', ['refused']],
    // Many short alternatives before a gap still make a usable set.
    ['(?:aaa|bbb|ccc|ddd|eee|fff|ggg|hhh|iii|jjj|kkk|lll|mmm|nnn)[^\\n]{0,9}x', ['aaa', 'bbb', 'ccc', 'ddd', 'eee', 'fff', 'ggg', 'hhh', 'iii', 'jjj', 'kkk', 'lll', 'mmm', 'nnn']],
  ])('finds what every match of %s must contain', (source, expected) => {
    expect(requiredLiterals(source)?.sort()).toEqual([...expected].sort());
  });

  it.each(['\\d+\\s+\\w+', '[a-z]{3,}', 'ab?'])('gives up on %s, which requires no usable literal', (source) => {
    expect(requiredLiterals(source)).toBeUndefined();
  });

});

describe('LiteralAutomaton', () => {
  const automaton = new LiteralAutomaton(['infra_fail', 'deadline exceeded', 'fail', 'ail_x']);

  function lines(text: string) {
    const found: [string, number, number[]][] = [];
    const newlines = automaton.scanLines(Buffer.from(text), (start, end, index, ids) => found.push([text.slice(start, end), index, [...ids].sort()]));
    return { found, newlines };
  }

  it('reports each line holding a literal once, with its index and every literal on it', () => {
    const { found, newlines } = lines('ok\njob INFRA_FAIL then Deadline Exceeded\nnothing\ninfra_fail\n');
    expect(newlines).toBe(4);
    expect(found).toEqual([
      ['job INFRA_FAIL then Deadline Exceeded', 1, [0, 1, 2]],
      ['infra_fail', 3, [0, 2]],
    ]);
  });

  it('finds overlapping literals through failure links', () => {
    expect(lines('infra_fail_x\n').found[0]?.[2]).toEqual([0, 2, 3]);
  });

  it('does not match across lines', () => {
    expect(lines('dead\nline exceeded\n').found).toEqual([]);
  });
});

describe('LiteralAutomaton engines', () => {
  it('finds the same lines, indexes and literals in WebAssembly as in JavaScript', () => {
    const literals = ['infra_fail', 'deadline exceeded', 'timed out', 'fail', 'ail_x', 'gateway end', 'Task Claim'];
    const words = ['ok', 'INFRA_FAIL', 'deadline', 'exceeded', 'timed', 'out', 'gateway', 'end', 'task', 'claim', 'fail', 'x', '_'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const lines = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => words[Math.floor(random() * words.length)]).join(random() < 0.5 ? ' ' : ''));
    const text = Buffer.from(`${lines.join('\n')}\n`);
    const run = (engine: 'wasm' | 'js') => {
      const found: unknown[] = [];
      const newlines = new LiteralAutomaton(literals, { engine }).scanLines(text, (start, end, index, ids) => found.push([start, end, index, [...ids].sort()]));
      return { found, newlines };
    };
    const wasm = run('wasm');
    expect(wasm.found.length).toBeGreaterThan(100);
    expect(wasm).toEqual(run('js'));
  });
});
