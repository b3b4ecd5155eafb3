import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // dynalite + s3rver on loopback for the integration suite (tests isolate by table and bucket names).
    globalSetup: ['test/integration/global-setup.ts'],
  },
});
