/**
 * Version numbers as the bundle states them (`4.10.0`, `v0.4.6`, `1.33.2-eks-…`) and ranges over
 * them (`>=4.8.0 <4.9.0`, `4.7.7`, `<0.5.0`). Only numeric parts are compared; a pre-release or
 * build suffix is ignored, because the facts are stated per release line.
 */
export type Version = readonly [number, number, number];

export function parseVersion(text: string | null | undefined): Version | undefined {
  const m = /(?:^|[^\d.])v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(` ${text ?? ''}`);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

const COMPARATOR = /^(>=|<=|>|<|=)?\s*v?(\d+(?:\.\d+){0,2})$/;

/** Whether `version` lies in `range`: space-separated comparators, all of which must hold. */
export function satisfies(version: Version, range: string): boolean {
  return range
    .trim()
    .split(/\s+/)
    .every((part) => {
      const m = COMPARATOR.exec(part);
      if (!m) throw new Error(`version range "${range}": "${part}" is not a comparator such as >=4.8.0`);
      const bound = parseVersion(m[2])!;
      const c = compareVersions(version, bound);
      switch (m[1] ?? '=') {
        case '>=':
          return c >= 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '<':
          return c < 0;
        default:
          // `4.7.7` is that release; `4.8` is the whole 4.8 line.
          return m[2]!.split('.').length === 3 ? c === 0 : version[0] === bound[0] && version[1] === bound[1];
      }
    });
}

/** Throws with the reason when a range cannot be read; used by the rule schema. */
export function validRange(range: string): boolean {
  try {
    satisfies([0, 0, 0], range);
    return true;
  } catch {
    return false;
  }
}

export function formatVersion(v: Version): string {
  return v.join('.');
}
