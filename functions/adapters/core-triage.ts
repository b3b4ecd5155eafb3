import type { Readable } from 'node:stream';
import { buildOptionsOf, decodeState, encodeState, renderMarkdown, StaleStateError, Triager, type RunState } from '../triage/index.js';
import type { Triage, TriageFold } from '../pipeline/ports.js';

/** Rules compiled once per Lambda instance, not per upload. */
let triager: Triager | undefined;

class CoreFold implements TriageFold {
  covers: string[] = [];
  private readonly state: RunState;

  constructor(
    private readonly triager: Triager,
    private readonly now: Date,
    stored: Uint8Array | undefined,
  ) {
    this.state = triager.newState(now);
    if (!stored) return;
    const resumed = tryDecode(stored, triager, now);
    if (!resumed) return;
    this.state = resumed.state;
    this.covers = resumed.covers;
  }

  addStored(bytes: Uint8Array, id: string): boolean {
    const stored = tryDecode(bytes, this.triager, this.now);
    if (!stored || stored.covers.length !== 1 || stored.covers[0] !== id) return false;
    this.add(stored.state, id);
    return true;
  }

  async read(input: { name: string; open: () => Promise<Readable> }, id: string): Promise<Uint8Array> {
    const state = await this.triager.read({ name: input.name, kind: 'stream', open: input.open }, this.now);
    const bytes = encodeState(state, [id]);
    this.add(state, id);
    return bytes;
  }

  finish(options: { alarmTime?: Date }): ReturnType<TriageFold['finish']> {
    // Encoded before the report is built: building adds derived findings to the state.
    const state = encodeState(this.state, this.covers);
    return { state, report: this.triager.report(this.state, buildOptionsOf(options, this.now)) };
  }

  private add(state: RunState, id: string): void {
    this.state.absorb(state);
    this.covers.push(id);
  }
}

function tryDecode(bytes: Uint8Array, t: Triager, now: Date) {
  try {
    return decodeState(bytes, t.newState(now));
  } catch (error) {
    if (error instanceof StaleStateError) return undefined;
    throw error;
  }
}

/** The triage core behind the pipeline's port: S3 objects are handed over as streams, sniffed by content. */
export const coreTriage: Triage = {
  fold: (stored, options) => new CoreFold((triager ??= new Triager()), options.now, stored),
  renderMarkdown: (report, sections) => renderMarkdown(report, { sections }),
};
