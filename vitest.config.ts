import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration suites share one PostgreSQL server and one Redis: run files one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report lets .ci/run prove the integration suites ran rather than skipped.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
