// Period rows that are not a calendar month (README, "Period rows"): the spend no
// month holds, as a table for the data-quality page and as notes for a month's
// overview; and, with report.json "period_rows": "pro_rata", which campaigns'
// spend holds an estimate. Every amount arrives computed (queries/marts/
// unplaced_spend.sql, estimated_spend.sql); this module picks rows and words.

import type { UnplacedSpendRow } from '../data/schemas.ts';
import type { Report } from '../report.ts';
import type { TableModel, TableRow } from '../table.ts';
import { csvPath, DATA_QUALITY_PATH } from '../routes.ts';
import { column, namedColumn } from './common.ts';

/** An amount in the currency it was exported in (not necessarily the report's). */
function moneyIn(report: Report, value: number | null, currency: string): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(report.fmt.intlLocale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

function periodWords(report: Report, r: { period_start: string | null; period_end: string | null }): string {
  const { fmt, t } = report;
  return r.period_start === null || r.period_end === null ? t.periods.noPeriod : `${fmt.date(r.period_start)} – ${fmt.date(r.period_end)}`;
}

function reasonWords(report: Report, reason: string): string {
  return report.t.periods.reasons[reason] ?? reason;
}

/** The spend of period rows that no month holds, largest first; the CSV keeps codes and dates. */
export function unplacedTable(report: Report): TableModel {
  const { t, fmt, data } = report;
  const rows = [...data.datasets.unplaced_spend].sort(
    (a, b) => (b.spend_report ?? 0) - (a.spend_report ?? 0) || a.source_file.localeCompare(b.source_file) || (a.platform_campaign_key ?? '').localeCompare(b.platform_campaign_key ?? ''),
  );
  return {
    id: 'unplaced-spend',
    caption: t.periods.caption,
    columns: [
      column(report, 'source_file', 'code'),
      column(report, 'platform', 'text'),
      column(report, 'account', 'text'),
      namedColumn('platform_campaign_key', t.col.campaign, 'text'),
      namedColumn('period_start', t.periods.period, 'text'),
      { key: 'period_end', label: 'period_end', kind: 'date', csvOnly: true },
      column(report, 'reason', 'text'),
      namedColumn('spend', t.periods.spend, 'text'),
      { key: 'currency', label: 'currency', kind: 'code', csvOnly: true },
      namedColumn('spend_report', t.periods.spendReport, 'money'),
      namedColumn('fx_day', t.periods.fxDay, 'date'),
      { key: 'detail', label: 'detail', kind: 'text', csvOnly: true },
    ],
    rows: rows.map(
      (r): TableRow => ({
        cells: { ...r },
        display: {
          platform: report.platformName(r.platform),
          account: r.account || '–',
          period_start: periodWords(report, r),
          reason: reasonWords(report, r.reason),
          spend: moneyIn(report, r.spend, r.currency),
          fx_day: r.fx_day === null ? '–' : fmt.date(r.fx_day),
        },
      }),
    ),
    csv: csvPath(DATA_QUALITY_PATH, 'unplaced-spend'),
    datasets: ['unplaced_spend'],
    notes: [t.periods.intro],
  };
}

/** Whether a period row touches the month; a row without a period could belong to any. */
function touches(r: UnplacedSpendRow, month: string): boolean {
  if (r.period_start === null || r.period_end === null) return true;
  return r.period_start.slice(0, 7) <= month && r.period_end.slice(0, 7) >= month;
}

/**
 * Notes for a month's overview: one per export file (and period and reason) whose
 * unplaced spend touches the month, with the file's total as the mart gives it; then
 * the month's estimated spend by platform, when period rows were spread into it.
 */
export function periodNotes(report: Report, month: string): string[] {
  const { t, fmt, data } = report;
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const r of data.datasets.unplaced_spend) {
    if (!touches(r, month)) continue;
    const key = [r.source_file, r.platform, r.currency, r.period_start, r.period_end, r.reason].join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    notes.push(
      t.periods.note({
        platform: report.platformName(r.platform),
        file: r.source_file,
        period: periodWords(report, r),
        spend: moneyIn(report, r.file_spend, r.currency),
        report: r.currency === report.manifest.settings.currency ? null : fmt.money(r.file_spend_report, 2),
        reason: reasonWords(report, r.reason),
      }),
    );
  }
  return [...notes, ...estimateNotes(report, month)];
}

/** The note on the month's estimated spend by platform, when period rows were spread into it. */
export function estimateNotes(report: Report, month: string): string[] {
  const { t, fmt, data } = report;
  const platforms = new Map<string, number | null>();
  for (const r of data.datasets.estimated_spend) if (r.month === month) platforms.set(r.platform, r.platform_spend_report);
  if (platforms.size === 0) return [];
  const parts = [...platforms].map(([platform, amount]) => `${fmt.money(amount, 2)} (${report.platformName(platform)})`).join(', ');
  return [t.periods.estimateNote(parts)];
}

/** The campaigns whose media spend in the month holds an estimate. */
export function estimatedCampaigns(report: Report, month: string): Set<string> {
  return new Set(report.data.datasets.estimated_spend.filter((r) => r.month === month).map((r) => r.campaign));
}

/** Marks a table row of a campaign with estimated spend: "(estimated)" after its name. */
export function markEstimated(report: Report, estimated: ReadonlySet<string>, row: TableRow, campaign: string, nameColumn = 'name'): TableRow {
  if (!estimated.has(campaign)) return row;
  const name = row.display?.[nameColumn] ?? String(row.cells[nameColumn] ?? campaign);
  return { ...row, display: { ...row.display, [nameColumn]: `${name} ${report.t.periods.estimated}` } };
}

/** The platforms whose media spend in the month holds an estimate, and `all` when any does (the all-platforms row). */
export function estimatedPlatforms(report: Report, month: string): Set<string> {
  const platforms = new Set(report.data.datasets.estimated_spend.filter((r) => r.month === month).map((r) => r.platform));
  if (platforms.size > 0) platforms.add('all');
  return platforms;
}

/** The months in which the campaign's media spend holds an estimate. */
export function estimatedMonths(report: Report, campaign: string): Set<string> {
  return new Set(report.data.datasets.estimated_spend.filter((r) => r.campaign === campaign).map((r) => r.month));
}
