// The export step: writes the report's data folder, the one folder the site reads:
// every mart as an Arrow file (export-arrow.ts), manifest.json and catalog.json, for
// the report month (report-month.ts). `npm run report` publishes
// (a complete month published for the first time gets its snapshot, and
// earlier snapshots carry forward); `npm run dev` publishes nothing, so it
// takes no snapshot and writes none. A month that is not complete is published
// with its marking but never frozen: its figures would be partial, and every
// later run would list the rest of the month as restatements.
import type { DataTest } from './check.ts';
import { buildCatalog, writeCatalog } from './catalog.ts';
import { exportMart, type ExportedDataset } from './export-arrow.ts';
import type { IngestResult } from './ingest/index.ts';
import { formatCount, plural, timedStep, type Logger } from './log.ts';
import { buildManifest, writeManifest, type Manifest } from './manifest.ts';
import type { QueryFile } from './queries.ts';
import { chooseMonth, type ReportMonth } from './report-month.ts';
import { leavesMoneyOut } from './rejected-inputs.ts';
import { note } from './notes.ts';
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
  /** Publish: keep the snapshots, and take one of the month if it is complete and has none yet. */
  publish: boolean;
  now: () => Date;
}

export async function exportReportData(warehouse: Warehouse, dataDir: string, input: ExportInput, logger: Logger): Promise<Manifest> {
  const months = await warehouse.rows<ReportMonth & { complete_through: Date | null; data_through: Date | null }>(
    `select month, is_complete, has_orders, has_paid_data,
            strftime(month_end, '%Y-%m-%d') as month_end,
            strftime(orders_through, '%Y-%m-%d') as orders_through,
            strftime(paid_through, '%Y-%m-%d') as paid_through,
            complete_through, data_through
     from report_months order by month`,
  );
  const month = chooseMonth(months, input.month, input.warnings, logger);
  const chosen = months.find((m) => m.month === month)!;
  // The day every source reaches; with one source empty (--allow-empty), the last day with any data.
  const asOf = months[0]?.complete_through ?? months[0]?.data_through ?? null;
  const dataAsOf = asOf ? asOf.toISOString().slice(0, 10) : null;
  return timedStep(logger, 'export', async () => {
    const datasets: Record<string, ExportedDataset> = {};
    for (const mart of input.queries.filter((q) => q.layer === 'marts')) {
      datasets[mart.name] = await exportMart(warehouse, mart, dataDir);
    }
    const generatedAt = input.now();
    let snapshots = input.published;
    if (input.publish) {
      // Figures without the money of rejected rows (--accept-rejected) are never frozen as the month's published ones.
      const rejected = input.ingested.files.filter(leavesMoneyOut);
      if (chosen.is_complete && rejected.length && !snapshots.some((s) => s.month === month)) {
        const files = rejected.map((f) => f.path).join(', ');
        const message = note('snapshotNotKept', { month, files }, `${month} is not kept as the month's published snapshot: rows of ${files} were rejected (--accept-rejected); the first run without rejected rows keeps it`);
        input.warnings.push(message);
        logger.warn(message);
      } else if (chosen.is_complete && !snapshots.some((s) => s.month === month)) {
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
    await writeCatalog(dataDir, buildCatalog(input.queries, datasets, input.tests, input.ingested.settings));
    const rows = Object.values(datasets).reduce((n, d) => n + d.rows, 0);
    return {
      result: manifest,
      summary: `${plural(Object.keys(datasets).length, 'dataset')}, ${formatCount(rows)} rows, to Arrow`,
      counts: { datasets: Object.keys(datasets).length, rows },
    };
  });
}
