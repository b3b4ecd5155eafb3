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

/** One dynalite (in memory) and one s3rver per test run, on loopback; tests isolate by table and bucket names. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-s3-'));
  const emulators = await startEmulators({ s3Directory: dir });
  project.provide('dynamodbEndpoint', emulators.dynamodbEndpoint);
  project.provide('s3Endpoint', emulators.s3Endpoint);
  return async () => {
    await emulators.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
