import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // The JSON report lets CI print a plain "N passed, N failed" line of its own.
    reporters: ['default', ['json', { outputFile: 'build/test-results.json' }]],
  },
});
