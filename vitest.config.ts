import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DuckDB's native binding and Astro builds are happier in child processes than in worker threads.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
