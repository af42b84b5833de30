import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults` (scripts/test-faults.mjs): the reliability suite in test/faults/, one
 * file at a time so each load, kill and race has the machine to itself.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
