import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIRCLECI_SERVER_RULES } from '../../functions/triage/rules/circleci-server.js';
import { writeBundleDirectory, type Variant } from '../fixtures/bundle-generator.js';
import { rulePatternFile, toPosixEre } from './posix-ere.js';

describe('toPosixEre', () => {
  it.each([
    ['(?<asgName>[\\w.-]{1,255})', '([[:alnum:]_.-]+)'],
    ['[\\w-]{6,64}', '[[:alnum:]_-]{6,}'],
    ['\\d{1,3}\\.\\d{2}', '[0-9]{1,3}\\.[0-9]{2}'],
    ['(?:job|task)_id', '(job|task)_id'],
    ['got (\\d+)', 'got ([0-9]+)'],
    ['a\\s+b\\S*', 'a[[:space:]]+b[^[:space:]]*'],
    ['\\btimeout\\b', '\\btimeout\\b'],
    ['[^\\n]{0,200}?deadline', '.*deadline'],
    ['[^}\\n]{0,200}\\}', '[^}]*\\}'],
    ['x{0,8}?y', 'x{0,8}y'],
    ['[^\\s"\\\\,]+', '[^[:space:]"\\,]+'],
    ['[\\d.]+ms', '[0-9.]+ms'],
    ['a\\/b\\-c\\.d', 'a/b-c\\.d'],
    ['[a\\-z]', '[az-]'],
    ['x\\ny', 'x$^y'],
  ])('%s → %s', (js, ere) => {
    expect(toPosixEre(js)).toBe(ere);
  });

  it('keeps large bounds when asked', () => {
    expect(toPosixEre('a{0,400}', { maxRepeat: 1000 })).toBe('a{0,400}');
  });

  it('rejects group syntax outside the portable subset', () => {
    expect(() => toPosixEre('(?=x)')).toThrow(/unsupported group/);
  });
});

describe('rule pack as grep patterns', () => {
  let dir: string;
  let corpus: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'posix-ere-'));
    const logs: string[] = [];
    for (const variant of ['asg-typo', 'iam-denied', 'cascade', 'kube-proxy'] satisfies Variant[]) {
      const { root } = await writeBundleDirectory({ variant }, join(dir, variant));
      const list = spawnSync('find', [root, '-type', 'f', '-name', '*.log'], { encoding: 'utf8' }).stdout.trim().split('\n');
      for (const file of list) logs.push(await readFile(file, 'utf8'));
    }
    corpus = logs.join('\n').split('\n');
    await writeFile(join(dir, 'corpus.log'), corpus.join('\n'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GNU grep accepts every converted pattern and selects the same lines as the JavaScript regexes', async () => {
    const { lines, ignoreCase } = rulePatternFile(CIRCLECI_SERVER_RULES);
    await writeFile(join(dir, 'patterns.txt'), `${lines.join('\n')}\n`);
    const grep = spawnSync('grep', ['-E', '-n', ...(ignoreCase ? ['-i'] : []), '-f', join(dir, 'patterns.txt'), join(dir, 'corpus.log')], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(grep.stderr).toBe('');
    const grepLines = new Set(grep.stdout.split('\n').filter(Boolean).map((l) => Number(l.slice(0, l.indexOf(':')))));
    const regexes = CIRCLECI_SERVER_RULES.flatMap((r) => r.patterns.map((p) => new RegExp(p, r.ignoreCase ? 'i' : '')));
    const jsLines = new Set(corpus.flatMap((line, i) => (regexes.some((r) => r.test(line)) ? [i + 1] : [])));
    expect(jsLines.size).toBeGreaterThan(100);
    expect([...grepLines].sort((a, b) => a - b)).toEqual([...jsLines].sort((a, b) => a - b));
  });
});
