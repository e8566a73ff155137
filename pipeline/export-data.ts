// The export step: the report month, every mart as an Arrow file,
// manifest.json and catalog.json, into one folder. `npm run report` publishes
// (a month published for the first time gets its snapshot, and earlier
// snapshots carry forward); `npm run dev` publishes nothing, so it takes no
// snapshot and writes none.
import type { DataTest } from './check.ts';
import { buildCatalog, writeCatalog } from './catalog.ts';
import { inputError } from './errors.ts';
import { exportMart, type ExportedDataset } from './export.ts';
import type { IngestResult } from './ingest/index.ts';
import { formatCount, plural, timedStep, type Logger } from './log.ts';
import { buildManifest, writeManifest, type Manifest } from './manifest.ts';
import type { QueryFile } from './queries.ts';
import { takeSnapshot, writeSnapshots, type Snapshot } from './snapshots.ts';
import type { Warehouse } from './warehouse.ts';

export interface ExportInput {
  queries: QueryFile[];
  tests: DataTest[];
  ingested: IngestResult;
  /** Warnings of ingest and check; the month choice may add one. */
  warnings: string[];
  /** The month asked for (`--month`), or null for the latest complete one. */
  month: string | null;
  /** The months the published report holds snapshots of (restatements compare against them). */
  published: Snapshot[];
  /** Publish: keep the snapshots, and take one of the month if it has none yet. */
  publish: boolean;
  now: () => Date;
}

export async function exportReportData(warehouse: Warehouse, dataDir: string, input: ExportInput, logger: Logger): Promise<Manifest> {
  const months = await warehouse.rows<{ month: string; is_complete: boolean; complete_through: Date | null }>(
    'select month, is_complete, complete_through from report_months order by month',
  );
  const month = chooseMonth(months, input.month, input.warnings, logger);
  const dataAsOf = months[0]?.complete_through ? months[0].complete_through.toISOString().slice(0, 10) : null;
  return timedStep(logger, 'export', async () => {
    const datasets: Record<string, ExportedDataset> = {};
    for (const mart of input.queries.filter((q) => q.layer === 'marts')) {
      datasets[mart.name] = await exportMart(warehouse, mart, dataDir);
    }
    const generatedAt = input.now();
    let snapshots = input.published;
    if (input.publish) {
      if (!snapshots.some((s) => s.month === month)) {
        const { attribution_model, currency } = input.ingested.settings;
        snapshots = [...snapshots, await takeSnapshot(warehouse, month, attribution_model, currency, generatedAt)];
      }
      await writeSnapshots(dataDir, snapshots);
    }
    const manifest = buildManifest({
      month,
      months,
      dataAsOf,
      generatedAt,
      settings: input.ingested.settings,
      inputs: input.ingested.files,
      datasets,
      warnings: input.warnings,
      published: snapshots.map((s) => ({ month: s.month, published_at: s.published_at, model: s.model })),
    });
    await writeManifest(dataDir, manifest);
    await writeCatalog(dataDir, buildCatalog(input.queries, datasets, input.tests));
    const rows = Object.values(datasets).reduce((n, d) => n + d.rows, 0);
    return {
      result: manifest,
      summary: `${plural(Object.keys(datasets).length, 'dataset')}, ${formatCount(rows)} rows, to Arrow`,
      counts: { datasets: Object.keys(datasets).length, rows },
    };
  });
}

/** The month to report: the one asked for, else the latest complete one, else the latest (with a warning). */
export function chooseMonth(months: { month: string; is_complete: boolean }[], wanted: string | null, warnings: string[], logger: Logger): string {
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
