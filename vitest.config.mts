import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves a core idle: on a 2-core machine the suite would run one file at a time.
    maxWorkers: Math.max(2, availableParallelism()),
    // dynalite + s3rver on loopback for the integration suite (tests isolate by table and bucket names).
    globalSetup: ['test/integration/global-setup.ts'],
  },
});
