import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat, generatedModule, generatedPath } from '../../bin/assemble-wasm.mjs';

const WAT = 'functions/triage/scan/line-prefilter.wat';

describe('line-prefilter WebAssembly', () => {
  it('is exactly the assembled line-prefilter.wat (run `npm run build` after editing the .wat)', async () => {
    const bytes = await assembleWat('line-prefilter.wat', readFileSync(WAT, 'utf8'));
    expect(readFileSync(generatedPath(WAT), 'utf8')).toBe(generatedModule(WAT, bytes));
  });

  it('rejects invalid text with the assembler error', async () => {
    await expect(assembleWat('bad.wat', '(module (func (result i32)))')).rejects.toThrow(/type mismatch|expected/i);
  });
});
