import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DuckDB's native binding and Astro builds are happier in child processes than in worker threads.
    pool: 'forks',
    // Most test files wait on child processes (the pipeline, astro, Chromium) rather than
    // compute; three at a time keep a 2-core CI machine busy where its default (the cores
    // less one) ran them one by one.
    maxWorkers: 3,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
