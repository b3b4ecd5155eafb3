import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Report, TriageInput } from '../../functions/triage/index.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const TROUBLESHOOT_DIR = resolve(REPO_ROOT, '../shared/testdata/troubleshoot');

/**
 * The third-party bundles live beside the repository, not in it: a plain clone has none, so their
 * tests are skipped there, with the reason in the suite name. In CI they must be present: a skip
 * there would hide a lost check, so the tests run (and fail) instead.
 */
export const TROUBLESHOOT_PRESENT = existsSync(TROUBLESHOOT_DIR);
export const SKIP_WITHOUT_TROUBLESHOOT = !TROUBLESHOOT_PRESENT && !process.env.CI;
export const TROUBLESHOOT_SUITE = TROUBLESHOOT_PRESENT ? 'real troubleshoot bundles' : 'real troubleshoot bundles (needs ../shared/testdata/troubleshoot beside the repository: absent, skipped)';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/** An in-memory input, read as a stream like an S3 object body. */
export function bytesInput(name: string, data: Buffer | string | Iterable<Buffer>): TriageInput {
  return {
    name,
    kind: 'stream',
    open: () => Promise.resolve(Readable.from(typeof data === 'string' || Buffer.isBuffer(data) ? [Buffer.from(data)] : data)),
  };
}

export function finding(report: Report, ruleId: string) {
  return report.findings.find((f) => f.ruleId === ruleId);
}

/** The text at a 1-based line of an extracted file, to prove evidence points at the right place. */
export function lineAt(root: string, path: string, line: number): string {
  return readFileSync(join(root, path), 'utf8').split('\n')[line - 1] ?? '';
}
