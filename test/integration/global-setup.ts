import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmulators } from '../../functions/local/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    s3Endpoint: string;
  }
}

/**
 * One temp root per test run, removed at the end: TMPDIR points into it before the test workers
 * start, so every temp folder a test makes (os.tmpdir()) goes with it. And one dynalite (in memory)
 * and one s3rver per run, on loopback; tests isolate by table and bucket names.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = mkdtempSync(join(tmpdir(), 'incident-pipeline-test-'));
  process.env.TMPDIR = root;
  const dir = mkdtempSync(join(root, 'pipeline-s3-'));
  const emulators = await startEmulators({ s3Directory: dir });
  project.provide('dynamodbEndpoint', emulators.dynamodbEndpoint);
  project.provide('s3Endpoint', emulators.s3Endpoint);
  return async () => {
    await emulators.close();
    rmSync(root, { recursive: true, force: true });
  };
}
