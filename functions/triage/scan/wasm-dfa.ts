/**
 * The literal automaton's byte loops in WebAssembly (source: line-prefilter.wat, assembled into
 * line-prefilter-wasm.ts by bin/assemble-wasm.mjs). One automaton step per byte is latency-bound
 * near 300 MB/s; `lines` runs two independent streams interleaved and lists the lines that hold
 * a literal with the automaton states reached on them, and `newlines` counts 16 bytes at a time with SIMD.
 */
import { WASM_BASE64 } from './line-prefilter-wasm.js';

/** The slice of the WebAssembly API used here (the project's lib settings carry no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WebAssemblyApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | undefined;

export type ScanFunction = (pos: number, end: number, shift: number, nextBase: number, firstAccepting: number) => number;
export type LinesFunction = (a: number, aEnd: number, b: number, bEnd: number, shift: number, nextBase: number, firstAccepting: number, outA: number, outB: number) => number;
export type NewlinesFunction = (pos: number, end: number) => number;

export interface WasmDfa {
  memory: WasmMemory;
  scan: ScanFunction;
  lines: LinesFunction;
  newlines: NewlinesFunction;
  /** Where `lines` ended its second stream's entries. */
  endB: () => number;
  /** Newlines `lines` counted in its first and second stream. */
  linesA: () => number;
  linesB: () => number;
}

const PAGE = 65536;
/** Where the byte-class table lives (see the .wat's memory layout). */
export const CLASS_BASE = 0;

/** A fresh instance with its own memory of at least `bytes`. */
export function instantiateDfa(bytes: number): WasmDfa {
  compiled ??= new WebAssemblyApi.Module(Buffer.from(WASM_BASE64, 'base64'));
  const memory = new WebAssemblyApi.Memory({ initial: Math.ceil(bytes / PAGE) });
  const instance = new WebAssemblyApi.Instance(compiled, { m: { mem: memory } });
  const exports = instance.exports as { scan: ScanFunction; lines: LinesFunction; newlines: NewlinesFunction } & Record<'endB' | 'linesA' | 'linesB', { value: number }>;
  return {
    memory,
    scan: exports.scan,
    lines: exports.lines,
    newlines: exports.newlines,
    endB: () => exports.endB.value,
    linesA: () => exports.linesA.value,
    linesB: () => exports.linesB.value,
  };
}

export { PAGE as WASM_PAGE };
