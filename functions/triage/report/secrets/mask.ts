import { librarySecrets } from './library.js';
import { isPlaceholder, mark } from './mark.js';
import { SECRET_SHAPES, type SecretShape } from './shapes.js';
import { RedactionTally } from './tally.js';

type Groups = Record<string, string | undefined>;

function applyShape(text: string, shape: SecretShape, tally: RedactionTally | undefined): string {
  shape.pattern.lastIndex = 0;
  return text.replace(shape.pattern, (...args: unknown[]) => {
    const match = args[0] as string;
    const groups = args[args.length - 1] as Groups;
    const secret = groups.secret;
    if (!secret || isPlaceholder(secret.trim()) || (shape.accept && !shape.accept(groups))) return match;
    tally?.add(shape.kind);
    const at = match.lastIndexOf(secret);
    return `${match.slice(0, at)}${mark(secret)}${match.slice(at + secret.length)}`;
  });
}

function replaceAll(text: string, value: string, replacement: string): { text: string; count: number } {
  const parts = text.split(value);
  return { text: parts.join(replacement), count: parts.length - 1 };
}

/**
 * Masks every secret in `text`: first the support-bundle shapes (which keep the context around
 * the value, e.g. the host of a URL), then whatever the secretlint recommended preset still finds.
 * Safe to apply more than once: masked values are left alone and not counted again.
 */
export function maskText(text: string, tally?: RedactionTally): string {
  if (text.length === 0) return text;
  let out = text;
  for (const shape of SECRET_SHAPES) out = applyShape(out, shape, tally);
  for (const found of librarySecrets(out)) {
    if (isPlaceholder(found.value)) continue;
    const replaced = replaceAll(out, found.value, mark(found.value));
    if (replaced.count > 0) tally?.add(found.kind, replaced.count);
    out = replaced.text;
  }
  return out;
}

/**
 * Masks every string in a JSON-like value (keys included). Identical strings are scanned once per
 * call; each occurrence still counts. Strings in `alreadyMasked` are outputs of `maskText` in the
 * same pass and are kept as they are.
 */
export function maskTree<T>(value: T, tally?: RedactionTally, alreadyMasked?: ReadonlySet<string>): T {
  const memo = new Map<string, { text: string; kinds: Array<{ kind: string; count: number }> }>();
  const maskOne = (text: string): string => {
    // The output of a masking pass of the same seal: masking it again would find nothing.
    if (alreadyMasked?.has(text)) return text;
    let hit = memo.get(text);
    if (!hit) {
      const local = new RedactionTally();
      hit = { text: maskText(text, local), kinds: local.entries() };
      memo.set(text, hit);
    }
    for (const k of hit.kinds) tally?.add(k.kind, k.count);
    return hit.text;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskOne(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [maskOne(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
