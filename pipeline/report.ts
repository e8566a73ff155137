// One report run: ingest -> transform -> check -> export -> build, then the
// output moves into place. Every SQL file is parsed before the first row is
// loaded; any failure leaves the previous report untouched.
import { join, relative } from 'node:path';
import { buildSite } from './build.ts';
import { buildCatalog, writeCatalog } from './catalog.ts';
import { inputError, usageError } from './errors.ts';
import { exportMart, type ExportedDataset } from './export.ts';
import { formatCount, plural, timedStep, type Logger } from './log.ts';
import { buildManifest, writeManifest, type Manifest } from './manifest.ts';
import { acquireLock } from './lock.ts';
import { createWorkFolder, discardWorkFolder, publish } from './publish.ts';
import { readSnapshots, takeSnapshot, writeSnapshots } from './snapshots.ts';
import { openWarehouse, type Warehouse } from './warehouse.ts';
import { fillWarehouse, loadSqlProject } from './warehouse-build.ts';

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
  now?: () => Date;
}

export interface ReportSummary {
  month: string;
  outDir: string;
  manifest: Manifest;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function runReport(options: ReportOptions, logger: Logger): Promise<ReportSummary> {
  if (options.month !== null && !MONTH.test(options.month)) throw usageError(`--month must be a month like 2026-10: ${options.month}`);
  const now = options.now ?? (() => new Date());
  const project = await loadSqlProject(options.queriesDir, ['report_months', 'monthly_trend']);
  const { queries, tests } = project;

  const lock = await acquireLock(options.outDir, (message) => logger.warn(message));
  const work = await createWorkFolder(options.outDir);
  let warehouse: Warehouse | null = null;
  try {
    const published = await readSnapshots(join(options.outDir, 'data'));
    // The warehouse persists between runs: ingest reads only the input files that changed.
    warehouse = await openPersistentWarehouse(options.warehousePath, logger);
    const wh = warehouse;
    const { ingested, warnings } = await fillWarehouse(wh, options.dataDir, project, logger, { skipUnknown: options.skipUnknown ?? false }, published);

    const months = await wh.rows<{ month: string; is_complete: boolean; complete_through: Date | null }>(
      'select month, is_complete, complete_through from report_months order by month',
    );
    const month = chooseMonth(months, options.month, warnings, logger);
    const dataAsOf = months[0]?.complete_through ? months[0].complete_through.toISOString().slice(0, 10) : null;

    const manifest = await timedStep(logger, 'export', async () => {
      const datasets: Record<string, ExportedDataset> = {};
      for (const mart of queries.filter((q) => q.layer === 'marts')) {
        datasets[mart.name] = await exportMart(wh, mart, work.data);
      }
      const generatedAt = now();
      // A month published for the first time is kept as it stands now; earlier snapshots carry forward.
      const snapshots = published.some((s) => s.month === month)
        ? published
        : [...published, await takeSnapshot(wh, month, ingested.settings.attribution_model, ingested.settings.currency, generatedAt)];
      await writeSnapshots(work.data, snapshots);
      const manifest = buildManifest({
        month, months, dataAsOf, generatedAt, settings: ingested.settings, inputs: ingested.files, datasets, warnings,
        published: snapshots.map((s) => ({ month: s.month, published_at: s.published_at, model: s.model })),
      });
      await writeManifest(work.data, manifest);
      await writeCatalog(work.data, buildCatalog(queries, datasets, tests));
      const rows = Object.values(datasets).reduce((n, d) => n + d.rows, 0);
      return {
        result: manifest,
        summary: `${plural(Object.keys(datasets).length, 'dataset')}, ${formatCount(rows)} rows, to Arrow`,
        counts: { datasets: Object.keys(datasets).length, rows },
      };
    });
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

function chooseMonth(months: { month: string; is_complete: boolean }[], wanted: string | null, warnings: string[], logger: Logger): string {
  if (months.length === 0) throw inputError('the data holds no month with platform data or orders: nothing to report');
  const first = months[0]!.month;
  const last = months.at(-1)!.month;
  if (wanted !== null) {
    const found = months.find((m) => m.month === wanted);
    if (!found) throw inputError(`--month ${wanted} is not in the data, which covers ${first} to ${last}`);
    if (!found.is_complete) {
      const message = `${wanted} is not complete yet: the data does not reach its last day`;
      warnings.push(message);
      logger.warn(message);
    }
    return wanted;
  }
  const complete = months.filter((m) => m.is_complete).at(-1);
  if (complete) return complete.month;
  const message = `no month in the data is complete; reporting the partial month ${last}`;
  warnings.push(message);
  logger.warn(message);
  return last;
}

/** Opens the warehouse file, keeping what earlier runs loaded; one that cannot be opened is replaced by a new one. */
async function openPersistentWarehouse(path: string, logger: Logger): Promise<Warehouse> {
  try {
    return await openWarehouse(path, { fresh: false });
  } catch (error) {
    if (error instanceof Error && /lock|Conflicting/i.test(error.message)) {
      throw inputError(`the warehouse ${path} is in use by another process (${error.message.split('\n')[0]}); close it or pass another --warehouse`);
    }
    logger.warn(`the warehouse ${path} could not be opened (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); starting a new one, every input file is read again`);
    return openWarehouse(path, { fresh: true });
  }
}

export function relativeToCwd(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
