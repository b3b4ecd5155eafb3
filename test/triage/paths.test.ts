import { describe, expect, it } from 'vitest';
import { resolveLinkTarget, safeRelativePath, TopFolder } from '../../functions/triage/bundle/paths.js';

describe('safeRelativePath', () => {
  it.each([
    ['support-bundle-x/a/b.log', 'support-bundle-x/a/b.log'],
    ['./x/./y', 'x/y'],
    ['x/y/../z', 'x/z'],
  ])('normalises %s', (raw, expected) => expect(safeRelativePath(raw)).toBe(expected));

  it.each(['/etc/passwd', '../../etc/passwd', 'x/../../evil', 'C:\\windows', 'a\0b', '', '.'])('rejects %j', (raw) => {
    expect(safeRelativePath(raw)).toBeUndefined();
  });
});

describe('resolveLinkTarget', () => {
  it('resolves collector links relative to their own folder', () => {
    expect(resolveLinkTarget('application/frontend-1/frontend.log', '../../cluster-resources/pods/logs/ns/frontend-1/frontend.log')).toBe(
      'cluster-resources/pods/logs/ns/frontend-1/frontend.log',
    );
  });
  it('refuses absolute targets and targets outside the root', () => {
    expect(resolveLinkTarget('a/b.log', '/etc/shadow')).toBeUndefined();
    expect(resolveLinkTarget('a/b.log', '../../../etc/shadow')).toBeUndefined();
  });
});

describe('TopFolder', () => {
  it('strips the first entry\'s top folder from every entry under it', () => {
    const top = new TopFolder();
    expect(top.strip('supportbundle (1)/version.yaml')).toBe('version.yaml');
    expect(top.strip('supportbundle (1)/cluster-resources/nodes.json')).toBe('cluster-resources/nodes.json');
    expect(top.strip('stray.txt')).toBe('stray.txt');
    expect(top.name).toBe('supportbundle (1)');
  });
});
