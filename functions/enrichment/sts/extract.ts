import { createHash } from 'node:crypto';
import type { SourceRef } from '../schema.js';

/** An encoded authorization message found in the evidence, before decoding. */
export interface FoundMessage {
  id: string;
  encoded: string;
  /** The text around it was cut, so the blob is probably incomplete. */
  truncated: boolean;
  sources: SourceRef[];
}

export interface TextSource {
  text: string;
  ref: SourceRef;
  /** The text itself was cut by the producer (evidence limit, CloudTrail `omitted`). */
  cut?: boolean;
}

const ANCHOR = /encoded\s+authori[sz]ation\s+failure\s+message\s*[:=]?\s*(?:\\[nrt]|\s)*/gi;
const ALPHABET = /[A-Za-z0-9_+/=-]/;
/** Separators log wrapping puts inside a blob: real or JSON-escaped line breaks. */
const BREAK = /^(?:\\r\\n|\\n|\r?\n)/;
const MIN_LENGTH = 20;
const MIN_CONTINUATION = 16;
/** The API limit; anything longer is not one message. */
const MAX_LENGTH = 10_240;
const EVIDENCE_LIMIT = 2_000;

/** Blobs after the anchor phrase, in every wording (Go SDK v1/v2, boto, Terraform, JSON-escaped). */
export function extractEncodedMessages(text: string): Array<{ encoded: string; atEnd: boolean }> {
  const out: Array<{ encoded: string; atEnd: boolean }> = [];
  for (const m of text.matchAll(ANCHOR)) {
    let i = m.index + m[0].length;
    let blob = readRun(text, i);
    i += blob.length;
    // A wrapped blob continues after a line break only with a long run of blob characters,
    // so "\n\tstatus code: 403" (Go SDK v1) is not glued onto it.
    for (;;) {
      const brk = BREAK.exec(text.slice(i));
      if (!brk) break;
      const next = readRun(text, i + brk[0].length);
      if (next.length < MIN_CONTINUATION) break;
      blob += next;
      i += brk[0].length + next.length;
    }
    const encoded = blob;
    if (encoded.length >= MIN_LENGTH && encoded.length <= MAX_LENGTH) {
      const rest = text.slice(i);
      out.push({ encoded, atEnd: rest === '' || /^(\.\.\.|…)/.test(rest) });
    }
  }
  return out;
}

function readRun(text: string, from: number): string {
  let j = from;
  while (j < text.length && ALPHABET.test(text[j]!)) j++;
  return text.slice(from, j);
}

/**
 * Collects the distinct messages of all sources. A blob that is a prefix of a longer one is the
 * same message cut short, so it merges into the longer one.
 */
export function collectMessages(sources: Iterable<TextSource>): FoundMessage[] {
  const byBlob = new Map<string, FoundMessage>();
  for (const source of sources) {
    for (const { encoded, atEnd } of extractEncodedMessages(source.text)) {
      const cutHere = atEnd && (source.cut === true || source.text.length >= EVIDENCE_LIMIT || /(\.\.\.|…)$/.test(source.text));
      const existing = byBlob.get(encoded);
      if (existing) {
        addSource(existing, source.ref);
        continue;
      }
      byBlob.set(encoded, { id: messageId(encoded), encoded, truncated: cutHere, sources: [source.ref] });
    }
  }
  const all = [...byBlob.values()].sort((a, b) => b.encoded.length - a.encoded.length);
  const kept: FoundMessage[] = [];
  for (const m of all) {
    const longer = kept.find((k) => k.encoded.startsWith(m.encoded));
    if (longer) m.sources.forEach((s) => addSource(longer, s));
    else kept.push(m);
  }
  return kept;
}

function addSource(message: FoundMessage, ref: SourceRef): void {
  const same = message.sources.some((s) => s.path === ref.path && s.line === ref.line && s.findingId === ref.findingId);
  if (!same) message.sources.push(ref);
}

export function messageId(encoded: string): string {
  return createHash('sha256').update(encoded).digest('hex').slice(0, 12);
}

export function preview(encoded: string): string {
  return encoded.length <= 24 ? encoded : `${encoded.slice(0, 12)}…${encoded.slice(-8)}`;
}
