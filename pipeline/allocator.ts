// Under --memory-limit, DuckDB's allocator gives freed memory back to the system at
// once. DuckDB allocates through its own jemalloc, which keeps freed pages for a
// while (about a second and more) for reuse: a SQL file's intermediate results
// were freed but still resident when the next file allocated its own, and at bench
// scale 10 under a 1 GB limit the run's resident memory peaked at 1.62 GB, while
// DuckDB's own accounting (duckdb_memory()) stayed under the limit. With freed
// pages returned at once the peak was 1.29 GB, for 15 % more transform time (20 s
// -> 23 s): worth it for whoever sets a limit, not by default (docs/performance.md,
// "Memory under a limit").
//
// jemalloc reads its settings once, when DuckDB's library is loaded, from the
// environment variable DUCKDB_JE_MALLOC_CONF: so this module is imported first by
// the entry points (run.ts, bench/pipeline-run.ts), before anything loads DuckDB.
// A value the user set is kept.

/** The jemalloc settings that return freed memory at once (decay times of 0 ms). */
export const RETURN_FREED_MEMORY = 'dirty_decay_ms:0,muzzy_decay_ms:0';

/** The DUCKDB_JE_MALLOC_CONF a run with these arguments should have, or null to leave the environment as it is. */
export function allocatorConf(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  if (env.DUCKDB_JE_MALLOC_CONF !== undefined) return null;
  const limited = argv.some((a) => a === '--memory-limit' || a.startsWith('--memory-limit='));
  return limited ? RETURN_FREED_MEMORY : null;
}

const conf = allocatorConf(process.argv.slice(2), process.env);
if (conf !== null) process.env.DUCKDB_JE_MALLOC_CONF = conf;
