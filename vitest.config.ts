import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Lab tests create network namespaces; keep files in one process pool, a few at a time (2-core machine).
    pool: 'forks',
    maxWorkers: 2,
  },
});
