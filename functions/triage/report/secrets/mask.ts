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
 * Texts that `maskText` returned unchanged, so the next pass over them can skip the scan: a
 * report is sealed more than once on its way out (when built, before rendering, as a stored
 * body), and each pass re-read every string. Whether a text holds a secret does not depend on the
 * redaction key (only the mark does), so the entries stay valid when the key changes. Bounded:
 * cleared when full.
 */
const clean = new Set<string>();
let cleanChars = 0;
const MAX_CLEAN_ENTRIES = 50_000;
const MAX_CLEAN_CHARS = 16 * 1024 * 1024;

function noteClean(text: string): void {
  if (clean.size >= MAX_CLEAN_ENTRIES || cleanChars + text.length > MAX_CLEAN_CHARS) {
    clean.clear();
    cleanChars = 0;
  }
  if (text.length > MAX_CLEAN_CHARS) return;
  clean.add(text);
  cleanChars += text.length;
}

/**
 * Masks every secret in `text`: first the support-bundle shapes (which keep the context around
 * the value, e.g. the host of a URL), then whatever the secretlint recommended preset still finds.
 * Safe to apply more than once: masked values are left alone and not counted again.
 */
export function maskText(text: string, tally?: RedactionTally): string {
  if (text.length === 0 || clean.has(text)) return text;
  const out = scan(text, tally);
  // Unchanged means nothing was found, so nothing was counted either.
  if (out === text) noteClean(text);
  return out;
}

function scan(text: string, tally: RedactionTally | undefined): string {
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
    if (v && typeof v === 'object') {
      // A loop instead of Object.entries/fromEntries: a report holds tens of thousands of small
      // objects (locations), and the pairs arrays were most of the walk's cost.
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const key = maskOne(k);
        const value = walk((v as Record<string, unknown>)[k]);
        // An own `__proto__` key stays a key (fromEntries semantics), not a prototype.
        if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
