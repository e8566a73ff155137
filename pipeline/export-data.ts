// The export step: the report month, every mart as an Arrow file,
// manifest.json and catalog.json, into one folder. `npm run report` publishes
// (a complete month published for the first time gets its snapshot, and
// earlier snapshots carry forward); `npm run dev` publishes nothing, so it
// takes no snapshot and writes none. A month that is not complete is published
// with its marking but never frozen: its figures would be partial, and every
// later run would list the rest of the month as restatements.
import type { DataTest } from './check.ts';
import { buildCatalog, writeCatalog } from './catalog.ts';
import { inputError } from './errors.ts';
import { exportMart, type ExportedDataset } from './export.ts';
import type { IngestResult } from './ingest/index.ts';
import { formatCount, plural, timedStep, type Logger } from './log.ts';
import { buildManifest, writeManifest, type Manifest } from './manifest.ts';
import type { QueryFile } from './queries.ts';
import { leavesMoneyOut } from './rejected-inputs.ts';
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
        const message = `${month} is not kept as the month's published snapshot: rows of ${rejected.map((f) => f.path).join(', ')} were rejected (--accept-rejected); the first run without rejected rows keeps it`;
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
    await writeCatalog(dataDir, buildCatalog(input.queries, datasets, input.tests));
    const rows = Object.values(datasets).reduce((n, d) => n + d.rows, 0);
    return {
      result: manifest,
      summary: `${plural(Object.keys(datasets).length, 'dataset')}, ${formatCount(rows)} rows, to Arrow`,
      counts: { datasets: Object.keys(datasets).length, rows },
    };
  });
}

/** A row of report_months as the month choice reads it (days as YYYY-MM-DD). */
export interface ReportMonth {
  month: string;
  is_complete: boolean;
  has_orders: boolean;
  has_paid_data: boolean;
  month_end: string;
  orders_through: string | null;
  paid_through: string | null;
}

/** Why a month is not complete, in words: what is missing from it. */
export function whyIncomplete(m: ReportMonth): string {
  const missing: string[] = [];
  if (m.orders_through === null) missing.push('there are no orders at all');
  else if (!m.has_orders) missing.push('it has no orders');
  else if (m.orders_through < m.month_end) missing.push(`the orders end on ${m.orders_through}`);
  if (m.paid_through === null) missing.push('there is no paid platform data at all');
  else if (!m.has_paid_data) missing.push('it has no paid platform data');
  else if (m.paid_through < m.month_end) missing.push(`the paid platform data end on ${m.paid_through}`);
  return missing.length ? missing.join(' and ') : 'the data do not reach its last day';
}

const NOT_FROZEN = "it is published marked incomplete, and its figures are not kept as the month's published snapshot (the first run on the complete month keeps them)";

/**
 * Whether the sources that have data reach the month's end, a source with no data
 * at all (an empty input allowed by --allow-empty) aside. Among months that are
 * not complete, it picks the one to show: a brand without a shop wants its last
 * full month of platform data, not the one day of the next.
 */
function coveredByPresentSources(m: ReportMonth): boolean {
  const orders = m.orders_through === null || (m.has_orders && m.orders_through >= m.month_end);
  const paid = m.paid_through === null || (m.has_paid_data && m.paid_through >= m.month_end);
  return orders && paid;
}

/**
 * The month to report: the one asked for, else the latest complete one, else (with
 * a warning) the latest one the sources with data reach the end of, else the latest.
 */
export function chooseMonth(months: ReportMonth[], wanted: string | null, warnings: string[], logger: Logger): string {
  if (months.length === 0) throw inputError('the data holds no month with platform data or orders: nothing to report');
  const first = months[0]!.month;
  const last = months.at(-1)!.month;
  if (wanted !== null) {
    const found = months.find((m) => m.month === wanted);
    if (!found) throw inputError(`--month ${wanted} is not in the data, which covers ${first} to ${last}`);
    if (!found.is_complete) {
      const message = `${wanted} is not complete: ${whyIncomplete(found)}; ${NOT_FROZEN}`;
      warnings.push(message);
      logger.warn(message);
    }
    return wanted;
  }
  const complete = months.filter((m) => m.is_complete).at(-1);
  if (complete) return complete.month;
  const fallback = months.filter(coveredByPresentSources).at(-1) ?? months.at(-1)!;
  const which = fallback.month === last ? 'the latest month' : 'the latest month the data reach the end of,';
  const message = `no month in the data is complete; reporting ${which} ${fallback.month}, which is not complete (${whyIncomplete(fallback)}); ${NOT_FROZEN}`;
  warnings.push(message);
  logger.warn(message);
  return fallback.month;
}
