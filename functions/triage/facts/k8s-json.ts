/** Kubernetes JSON in bundles is a `*List` object or, in older bundles, a bare array. */
export function itemsOf(document: unknown): Record<string, unknown>[] {
  const list = Array.isArray(document)
    ? document
    : document && typeof document === 'object' && Array.isArray((document as { items?: unknown }).items)
      ? (document as { items: unknown[] }).items
      : [];
  return list.filter((item): item is Record<string, unknown> => !!item && typeof item === 'object');
}

export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** 1-based line of the first occurrence of `needle` at or after `from`, for evidence. */
export function lineOf(text: string, needle: string, from = 0): { line: number; index: number } | undefined {
  const index = text.indexOf(needle, from);
  if (index < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return { line, index };
}

export function lineText(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? undefined : end).trim();
}
