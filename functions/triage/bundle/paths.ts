import { posix } from 'node:path';

/**
 * Normalises an untrusted entry name to a path relative to the input root, or returns undefined
 * when it is absolute or climbs out of the root. Nothing is ever written to disk, but hostile
 * names must not alias other files or reach the report unchecked.
 */
export function safeRelativePath(raw: string): string | undefined {
  if (raw.includes('\0')) return undefined;
  if (raw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(raw) || raw.startsWith('\\')) return undefined;
  const out: string[] = [];
  for (const segment of raw.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return out.length ? out.join('/') : undefined;
}

/** Resolves a symlink target relative to the link's folder; undefined when it leaves the root. */
export function resolveLinkTarget(linkPath: string, target: string): string | undefined {
  if (target.startsWith('/')) return undefined;
  return safeRelativePath(posix.join(posix.dirname(linkPath), target));
}

/**
 * Support bundles keep everything under one top folder whose name varies
 * (`support-bundle-2025-03-14T09_41_07`, `supportbundle`, `... (1)`). The first entry decides it;
 * an entry outside it keeps its full path.
 */
export class TopFolder {
  private top: string | undefined | null = null;

  get name(): string | undefined {
    return this.top ?? undefined;
  }

  strip(path: string): string {
    if (this.top === null) {
      const slash = path.indexOf('/');
      this.top = slash > 0 ? path.slice(0, slash) : undefined;
    }
    if (this.top !== undefined && path.startsWith(`${this.top}/`)) return path.slice(this.top.length + 1);
    return path;
  }
}
