// One report run: ingest -> transform -> check -> export -> build, then the
// output moves into place. Every SQL file is parsed before the first row is
// loaded; any failure leaves the previous report untouched.
import { dirname, relative } from 'node:path';
import { buildSite } from './build.ts';
import { buildCatalog, writeCatalog } from './catalog.ts';
import { failureLines, loadDataTests, runDataTests } from './check.ts';
import { EXIT, ReportError, inputError, usageError } from './errors.ts';
import { exportMart, type ExportedDataset } from './export.ts';
import { ingest } from './ingest/index.ts';
import { RAW_TABLES } from './ingest/raw-tables.ts';
import { formatCount, plural, timedStep, type Logger } from './log.ts';
import { buildManifest, writeManifest, type Manifest } from './manifest.ts';
import { createWorkFolder, discardWorkFolder, publish } from './publish.ts';
import { loadQueries, orderQueries, parseQueries, runQuery, LAYERS } from './queries.ts';
import { writeSettingsTable } from './settings-table.ts';
import { openWarehouse, type Warehouse } from './warehouse.ts';

export interface ReportOptions {
  projectRoot: string;
  dataDir: string;
  outDir: string;
  queriesDir: string;
  warehousePath: string;
  month: string | null;
  debug: boolean;
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
  const displayRoot = dirname(options.queriesDir);
  const queries = orderQueries(await loadQueries(options.queriesDir, Object.keys(RAW_TABLES), displayRoot));
  const tests = await loadDataTests(options.queriesDir, displayRoot);
  for (const required of ['report_months', 'monthly_trend']) {
    if (!queries.some((q) => q.name === required && q.layer === 'marts')) {
      throw new ReportError(`queries/marts/${required}.sql is missing: the report needs it`, { exitCode: EXIT.sql });
    }
  }

  const work = await createWorkFolder(options.outDir);
  let warehouse: Warehouse | null = null;
  try {
    warehouse = await openWarehouse(options.warehousePath);
    const wh = warehouse;
    await parseQueries(wh, [...queries, ...tests.map((t) => ({ name: t.name, layer: 'marts' as const, display: t.display, sql: t.sql, dependsOn: [] }))]);

    const ingested = await timedStep(logger, 'ingest', async () => {
      const result = await ingest(wh, options.dataDir);
      const exports = result.files.filter((f) => f.kind === 'export').length;
      const total = (key: 'rows' | 'rejected' | 'skipped') => result.files.reduce((n, f) => n + f[key], 0);
      return {
        result,
        summary: `${plural(result.files.length, 'file')} (${plural(exports, 'platform export')}), ${formatCount(total('rows'))} rows loaded, ${formatCount(total('rejected'))} rejected, ${formatCount(total('skipped'))} totals rows skipped`,
      };
    });
    await writeSettingsTable(wh, ingested.settings);
    const warnings = [...ingested.warnings];
    for (const w of ingested.warnings) logger.warn(w);

    await timedStep(logger, 'transform', async () => {
      let martRows = 0;
      for (const q of queries) {
        const rows = await runQuery(wh, q);
        if (q.layer === 'marts') martRows += rows;
      }
      const perLayer = LAYERS.map((layer) => `${queries.filter((q) => q.layer === layer).length} ${layer}`).join(', ');
      return { result: undefined, summary: `${plural(queries.length, 'table')} (${perLayer}), ${formatCount(martRows)} rows in marts` };
    });

    await timedStep(logger, 'check', async () => {
      const failures = await runDataTests(wh, tests);
      const errors = failures.filter((f) => f.test.severity === 'error');
      const warned = failures.filter((f) => f.test.severity === 'warn');
      for (const failure of warned) {
        const [first, ...rest] = failureLines(failure);
        logger.warn([first, ...rest].join('\n'));
        warnings.push(first!);
      }
      if (errors.length) {
        throw new ReportError(`${plural(errors.length, 'data test')} failed; the report was not built`, {
          exitCode: EXIT.check,
          details: errors.flatMap(failureLines),
        });
      }
      return { result: undefined, summary: `${plural(tests.length, 'data test')}: ${tests.length - failures.length} passed, ${warned.length} warned, 0 failed` };
    });

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
      const manifest = buildManifest({ month, months, dataAsOf, generatedAt: now(), settings: ingested.settings, inputs: ingested.files, datasets, warnings });
      await writeManifest(work.data, manifest);
      await writeCatalog(work.data, buildCatalog(queries, datasets, tests));
      const rows = Object.values(datasets).reduce((n, d) => n + d.rows, 0);
      return { result: manifest, summary: `${plural(Object.keys(datasets).length, 'dataset')}, ${formatCount(rows)} rows, to Arrow` };
    });
    wh.close();
    warehouse = null;

    await timedStep(logger, 'build', async () => {
      const built = await buildSite({ projectRoot: options.projectRoot, dataDir: work.data, outDir: work.site, verbose: options.debug });
      if (options.debug) logger.info(built.log);
      return { result: undefined, summary: `${plural(built.pages, 'page')} for ${month}` };
    });
    await publish(work, options.outDir);
    return { month, outDir: options.outDir, manifest };
  } catch (error) {
    await discardWorkFolder(work);
    throw error;
  } finally {
    warehouse?.close();
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

export function relativeToCwd(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
