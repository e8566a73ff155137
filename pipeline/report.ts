// One report run: ingest -> transform -> check -> export -> build, then the
// output moves into place. Every SQL file is parsed before the first row is
// loaded; any failure leaves the previous report untouched.
import { join, relative } from 'node:path';
import { buildSite } from './build.ts';
import { inputError, usageError } from './errors.ts';
import { exportReportData } from './export-data.ts';
import { plural, timedStep, type Logger } from './log.ts';
import type { Manifest } from './manifest.ts';
import { acquireLock } from './lock.ts';
import { createWorkFolder, discardWorkFolder, publish } from './publish.ts';
import { readSnapshots } from './snapshots.ts';
import { openWarehouse, type Warehouse } from './warehouse.ts';
import { fillWarehouse, loadSqlProject, type RunObserver } from './warehouse-build.ts';

export interface ReportOptions {
  projectRoot: string;
  dataDir: string;
  outDir: string;
  queriesDir: string;
  warehousePath: string;
  month: string | null;
  debug: boolean;
  /** Leave unrecognised exports out with a warning instead of stopping (`--skip-unknown`). */
  skipUnknown?: boolean;
  /** DuckDB's memory limit for the warehouse (`--memory-limit`, e.g. `3GB`). */
  memoryLimit?: string;
  now?: () => Date;
  /** Hooks for measuring the run (the benchmark). */
  observer?: RunObserver;
}

export interface ReportSummary {
  month: string;
  outDir: string;
  manifest: Manifest;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A size DuckDB's memory_limit accepts: a number and a unit. */
export const MEMORY_LIMIT = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

export async function runReport(options: ReportOptions, logger: Logger): Promise<ReportSummary> {
  if (options.month !== null && !MONTH.test(options.month)) throw usageError(`--month must be a month like 2026-10: ${options.month}`);
  if (options.memoryLimit !== undefined && !MEMORY_LIMIT.test(options.memoryLimit)) {
    throw usageError(`--memory-limit must be a size like 3GB or 512MB: ${options.memoryLimit}`);
  }
  const now = options.now ?? (() => new Date());
  const project = await loadSqlProject(options.queriesDir, ['report_months', 'monthly_trend']);
  const { queries, tests } = project;

  const lock = await acquireLock(options.outDir, (message) => logger.warn(message));
  const work = await createWorkFolder(options.outDir);
  let warehouse: Warehouse | null = null;
  try {
    const published = await readSnapshots(join(options.outDir, 'data'));
    // The warehouse persists between runs: ingest reads only the input files that changed.
    warehouse = await openPersistentWarehouse(options.warehousePath, options.memoryLimit, logger);
    const wh = warehouse;
    const { ingested, warnings } = await fillWarehouse(wh, options.dataDir, project, logger, { skipUnknown: options.skipUnknown ?? false }, published, options.observer);

    const manifest = await exportReportData(
      wh,
      work.data,
      { queries, tests, ingested, warnings, month: options.month, published, publish: true, now },
      logger,
    );
    const month = manifest.month;
    wh.close();
    warehouse = null;

    await timedStep(logger, 'build', async () => {
      const built = await buildSite({ projectRoot: options.projectRoot, dataDir: work.data, outDir: work.site, verbose: options.debug });
      if (options.debug) logger.info(built.log);
      return { result: undefined, summary: `${plural(built.pages, 'page')} for ${month}`, counts: { pages: built.pages } };
    });
    await publish(work, options.outDir);
    return { month, outDir: options.outDir, manifest };
  } catch (error) {
    await discardWorkFolder(work);
    throw error;
  } finally {
    warehouse?.close();
    await lock.release();
  }
}

/** Opens the warehouse file, keeping what earlier runs loaded; one that cannot be opened is replaced by a new one. */
async function openPersistentWarehouse(path: string, memoryLimit: string | undefined, logger: Logger): Promise<Warehouse> {
  try {
    return await openWarehouse(path, { fresh: false, memoryLimit });
  } catch (error) {
    if (error instanceof Error && /lock|Conflicting/i.test(error.message)) {
      throw inputError(`the warehouse ${path} is in use by another process (${error.message.split('\n')[0]}); close it or pass another --warehouse`);
    }
    logger.warn(`the warehouse ${path} could not be opened (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); starting a new one, every input file is read again`);
    return openWarehouse(path, { fresh: true, memoryLimit });
  }
}

export function relativeToCwd(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
