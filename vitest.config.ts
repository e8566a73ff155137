import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the bundled sample's reports, built once per run and shared (test/helpers/sample-report.ts)
    globalSetup: ['test/global-setup.ts'],
    // DuckDB's native binding and Astro builds are happier in child processes than in worker threads.
    pool: 'forks',
    // the longest files first (test/sequencer.ts), so that none starts last and runs alone
    sequence: { sequencer: LongestFirstSequencer },
    // Two test files at a time even on two cores (vitest's default there is one): most of a
    // file's time is a pipeline child process that keeps one core busy while its test waits.
    // More than four would only make the DuckDB and Astro processes they start fight for memory.
    maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
    // Hang guards, not speed checks: a full sample build shares the machine with another file.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
