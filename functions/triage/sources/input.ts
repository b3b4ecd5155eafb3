import type { SourceEntry } from '../bundle/entry.js';

/** An input to triage: a byte stream sniffed by content, or the entries of an extracted bundle. */
export type TriageInput =
  | { name: string; kind: 'stream'; sizeBytes?: number; open(): Promise<AsyncIterable<Buffer>> }
  | { name: string; kind: 'entries'; entries(): AsyncIterable<SourceEntry> };
