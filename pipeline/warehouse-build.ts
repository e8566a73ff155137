// The first three steps, which fill the warehouse: ingest, transform, check.
// Every SQL file is parsed before the first row is loaded. The report runs
// these and then exports and builds; tests run them to query the tables.
import { dirname } from 'node:path';
import { annotatedTests, checkStep, loadDataTests, type DataTest } from './check.ts';
import { modelKeys } from './catalog.ts';
import { EXIT, ReportError } from './errors.ts';
import { describeOutcomes, INCREMENTAL_STATE_TABLE, type IncrementalOutcome } from './incremental-transform.ts';
import { ingest, type IngestOptions, type IngestResult } from './ingest/index.ts';
import { RAW_TABLES } from './ingest/raw-tables.ts';
import { formatCount, plural, timedStep, type Logger } from './log.ts';
import { LAYERS, loadQueries, orderQueries, runQuery, type QueryFile } from './queries.ts';
import { writeSnapshotTable, type Snapshot } from './snapshots.ts';
import { openSqlParser, tablesRead } from './sql-analysis.ts';
import type { Warehouse } from './warehouse.ts';

export interface SqlProject {
  queries: QueryFile[];
  tests: DataTest[];
}

/** Reads and orders the SQL of queries/ and its data tests; fails on any file that is not one select. */
export async function loadSqlProject(queriesDir: string, requiredMarts: readonly string[] = []): Promise<SqlProject> {
  const displayRoot = dirname(queriesDir);
  const parser = await openSqlParser();
  let queries: QueryFile[];
  let tests: DataTest[];
  try {
    queries = orderQueries(await loadQueries(queriesDir, [...Object.keys(RAW_TABLES), INCREMENTAL_STATE_TABLE], displayRoot, parser));
    tests = [...queries.flatMap(annotatedTests), ...(await loadDataTests(queriesDir, displayRoot))];
    const known = new Set([...Object.keys(RAW_TABLES), ...queries.map((q) => q.name)]);
    for (const test of tests) await tablesRead(parser, { display: test.display, lineOffset: 0, text: test.sql }, known, 'SQL error in data test');
  } finally {
    parser.close();
  }
  for (const required of requiredMarts) {
    if (!queries.some((q) => q.name === required && q.layer === 'marts')) {
      throw new ReportError(`queries/marts/${required}.sql is missing: the report needs it`, { exitCode: EXIT.sql });
    }
  }
  return { queries, tests };
}

/** Optional hooks for measuring a run (the benchmark); they change nothing. */
export interface RunObserver {
  /** After each SQL file of the transform: its seconds and the rows of the table it made (null for a view). */
  query?(query: QueryFile, seconds: number, rows: number | null): void;
}

/** Checks of what was loaded that stop the run before the transform spends its time (an empty orders.csv, rejected money). */
export type IngestGate = (ingested: IngestResult, warnings: string[]) => Promise<void>;

export interface FilledWarehouse {
  ingested: IngestResult;
  warnings: string[];
  /** What the transform did with each file it may compute month by month (pipeline/incremental-transform.ts). */
  incremental: Map<string, IncrementalOutcome>;
}

export async function fillWarehouse(
  warehouse: Warehouse,
  dataDir: string,
  project: SqlProject,
  logger: Logger,
  ingestOptions: IngestOptions = {},
  publishedSnapshots: Snapshot[] = [],
  observer: RunObserver = {},
  gate?: IngestGate,
): Promise<FilledWarehouse> {
  const { queries, tests } = project;

  const ingested = await timedStep(logger, 'ingest', async () => {
    // a model the SQL does not compute is a mistake in report.json: stop before loading (exit 3)
    const result = await ingest(warehouse, dataDir, { models: modelKeys(queries), ...ingestOptions });
    const total = (key: 'rows' | 'rejected' | 'skipped') => result.files.reduce((n, f) => n + f[key], 0);
    const counts = { files: result.files.length, files_read: result.readThisRun, rows_loaded: total('rows'), rows_rejected: total('rejected'), rows_skipped: total('skipped') };
    return { result, summary: result.summary, counts };
  });
  const warnings = [...ingested.warnings];
  for (const w of ingested.warnings) logger.warn(w);
  await gate?.(ingested, warnings);

  await writeSnapshotTable(warehouse, publishedSnapshots);
  // A large load leaves DuckDB holding gigabytes it no longer needs, and the transform ran
  // about 10 % slower beside them (scale 100: 95.7 s, 87.2 s after reopening the file).
  await warehouse.reopen();

  const outcomes = new Map<string, IncrementalOutcome>();
  await timedStep(logger, 'transform', async () => {
    // Row order inside tables means nothing to the SQL (exports sort), and keeping it costs DuckDB parallelism.
    await warehouse.run('set preserve_insertion_order = false');
    let martRows = 0;
    for (const q of queries) {
      const started = performance.now();
      const rows = await runQuery(warehouse, q, { incremental: (outcome) => outcomes.set(q.name, outcome) });
      observer.query?.(q, (performance.now() - started) / 1000, rows);
      if (q.layer === 'marts') martRows += rows ?? 0;
    }
    const perLayer = LAYERS.map((layer) => `${queries.filter((q) => q.layer === layer).length} ${layer}`).join(', ');
    return {
      result: undefined,
      summary: [`${plural(queries.length, 'table')} (${perLayer}), ${formatCount(martRows)} rows in marts`, describeOutcomes(outcomes)].filter(Boolean).join('; '),
      counts: { tables: queries.length, mart_rows: martRows },
    };
  });

  await checkStep(warehouse, tests, warnings, logger);
  return { ingested, warnings, incremental: outcomes };
}
