// One report run: ingest -> transform -> check -> export -> build (-> pdf), then the
// output moves into place. Every SQL file is parsed before the first row is
// loaded; any failure leaves the previous report untouched, but for the PDF's:
// the report is published without it, and the summary carries the failure (exit 10).
import { join, relative } from 'node:path';
import { buildSite } from './build.ts';
import type { ReportSettings } from './config.ts';
import { EXIT, ReportError, usageError } from './errors.ts';
import { refuseEmptyInputs, type EmptySource } from './empty-inputs.ts';
import { refuseRejectedRows } from './rejected-inputs.ts';
import { exportReportData } from './data-folder.ts';
import { plural, timedStep, type Logger } from './log.ts';
import type { Manifest } from './manifest.ts';
import { acquireLock, type Lock } from './lock.ts';
import { chromiumPath, missingChromium, printMonthPdf } from './pdf.ts';
import { cleanLeftovers, createWorkFolder, discardWorkFolder, publish } from './publish.ts';
import { readSnapshots } from './snapshots.ts';
import { isLockedByOther, openWarehouse, quoteIdent, type Warehouse } from './warehouse.ts';
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
  /** Sources that may be empty (`--allow-empty orders,exports`); an empty one not listed stops the run. */
  allowEmpty?: readonly EmptySource[];
  /** Publish although rows of orders, costs, fx or campaigns were rejected (`--accept-rejected`); every page then says what is missing. */
  acceptRejected?: boolean;
  /** Print the month's PDF beside the site (`--pdf`); report.json's `pdf` does the same for every run. */
  pdf?: boolean;
  now?: () => Date;
  /** Hooks for measuring the run (the benchmark). */
  observer?: RunObserver;
}

export interface ReportSummary {
  month: string;
  outDir: string;
  manifest: Manifest;
  /** The month's PDF, relative to outDir, when it was printed. */
  pdf: string | null;
  /** Why the PDF asked for could not be printed (exit 10); the report was published without it. */
  pdfFailure: ReportError | null;
  /** report.json as this run read it (the e-mail settings, which the manifest leaves out). */
  settings: ReportSettings;
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
  let warehouseLock: Lock;
  try {
    warehouseLock = await acquireLock(options.warehousePath, (message) => logger.warn(message));
  } catch (error) {
    await lock.release();
    throw error;
  }
  for (const message of await cleanLeftovers(options.outDir)) logger.warn(message);
  const work = await createWorkFolder(options.outDir);
  let warehouse: Warehouse | null = null;
  try {
    const published = await readSnapshots(join(options.outDir, 'data'));
    // The warehouse persists between runs: ingest reads only the input files that changed.
    warehouse = await openPersistentWarehouse(options.warehousePath, options.memoryLimit, logger);
    // Empty or rejected inputs stop the run right after ingest, before the transform's minutes at scale.
    const fill = (wh: Warehouse) =>
      fillWarehouse(wh, options.dataDir, project, logger, { skipUnknown: options.skipUnknown ?? false }, published, options.observer, async (ingested, warnings) => {
        refuseEmptyInputs(ingested.files, options.allowEmpty ?? [], warnings, logger);
        await refuseRejectedRows(wh, ingested.files, options.acceptRejected ?? false, warnings, logger);
      });
    let filled: Awaited<ReturnType<typeof fill>>;
    try {
      filled = await fill(warehouse);
    } catch (error) {
      // damage the opening probe could not see (a data block's checksum): once more from a new file
      if (!isCorruptWarehouse(error)) throw error;
      logger.warn(`the warehouse ${options.warehousePath} is damaged (${firstLine(error)}); starting a new one, every input file is read again`);
      warehouse.close();
      warehouse = null;
      warehouse = await openWarehouse(options.warehousePath, { fresh: true, memoryLimit: options.memoryLimit });
      filled = await fill(warehouse);
    }
    const wh = warehouse;
    const { ingested, warnings } = filled;

    const manifest = await exportReportData(
      wh,
      work.data,
      { queries, tests, ingested, warnings, month: options.month, published, publish: true, now },
      logger,
    );
    const month = manifest.month;
    wh.close();
    warehouse = null;

    const build = (pdf: boolean, again = '') =>
      timedStep(logger, 'build', async () => {
        const built = await buildSite({ projectRoot: options.projectRoot, dataDir: work.data, outDir: work.site, verbose: options.debug, pdf });
        if (options.debug) logger.info(built.log);
        return { result: undefined, summary: `${plural(built.pages, 'page')} for ${month}${again}`, counts: { pages: built.pages } };
      });
    const wantPdf = options.pdf === true || ingested.settings.pdf;
    const chromium = chromiumPath(ingested.settings.chromium_path);
    let pdfFailure = wantPdf ? missingChromium(chromium) : null;
    await build(wantPdf && !pdfFailure);
    // printed before publishing, so that the PDF arrives with the pages that link to it, in the same rename
    let pdf: string | null = null;
    if (wantPdf && !pdfFailure) {
      try {
        pdf = await timedStep(logger, 'pdf', async () => {
          const printed = await printMonthPdf({ siteDir: work.site, month, chromium });
          const size = `${(printed.bytes / 1024 ** 2).toFixed(1)} MB`;
          return { result: printed.path, summary: `${printed.path}: ${plural(printed.pages, 'page')} A4, ${size}`, counts: { pages: printed.pages, bytes: printed.bytes } };
        });
      } catch (error) {
        if (!(error instanceof ReportError && error.exitCode === EXIT.pdf)) throw error;
        pdfFailure = error;
        // without its link to the missing PDF: the site a run without the option publishes
        await build(false, ', again without the PDF');
      }
    }
    await publish(work, options.outDir);
    return { month, outDir: options.outDir, manifest, pdf, pdfFailure, settings: ingested.settings };
  } catch (error) {
    await discardWorkFolder(work);
    throw error;
  } finally {
    warehouse?.close();
    await warehouseLock.release();
    await lock.release();
  }
}

/**
 * DuckDB's words for a damaged database file: a checksum that does not match
 * (a crash or a disk fault mid-write), a file that is not a database, or one
 * cut short. Nothing of the warehouse is irreplaceable (it is rebuilt from the
 * input files), so such a file is replaced with a warning.
 */
export const WAREHOUSE_CORRUPT = /Corrupt database file|not a valid DuckDB database file|Could not read enough bytes from file|Serialization Error|INTERNAL Error: .*(checksum|block)/i;

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** True when the error (or one it was caused by) says the warehouse file is damaged. */
export function isCorruptWarehouse(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (WAREHOUSE_CORRUPT.test(e.message)) return true;
  return false;
}

/**
 * Opens the warehouse file, keeping what earlier runs loaded. A file in use by
 * another process stops the run; a damaged one (found on opening, or on the
 * first read of the load ledger, where checksums of its blocks are checked) is
 * replaced by a new one, and every input file is read again.
 */
async function openPersistentWarehouse(path: string, memoryLimit: string | undefined, logger: Logger): Promise<Warehouse> {
  let warehouse: Warehouse | null = null;
  try {
    warehouse = await openWarehouse(path, { fresh: false, memoryLimit });
    await probeWarehouse(warehouse);
    return warehouse;
  } catch (error) {
    warehouse?.close();
    // held by another process past the wait (exit 7): never replaced under its feet
    if (error instanceof ReportError || isLockedByOther(error)) throw error;
    const what = isCorruptWarehouse(error) ? 'is damaged' : 'could not be opened';
    logger.warn(`the warehouse ${path} ${what} (${firstLine(error)}); starting a new one, every input file is read again`);
    return openWarehouse(path, { fresh: true, memoryLimit });
  }
}

/** Reads every table's row count, which makes DuckDB read (and checksum) the blocks of the catalog and of each table's row groups. */
async function probeWarehouse(warehouse: Warehouse): Promise<void> {
  const tables = await warehouse.rows<{ schema: string; name: string }>(
    'select schema_name as schema, table_name as name from duckdb_tables() where database_name = current_database() and not temporary',
  );
  for (const t of tables) await warehouse.rows(`select count(*) from ${quoteIdent(t.schema)}.${quoteIdent(t.name)}`);
}

export function relativeToCwd(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
