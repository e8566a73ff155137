// How far to trust the numbers, for the whole run: files read with their hashes,
// rows loaded and rejected with reasons, unmapped campaigns with their spend,
// revenue without a campaign, coverage gaps by platform and day, and spend of
// period rows that no month holds.

import type { DataQualityRow, PlatformCoverageRow, RestatementRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { CellKind, TableModel } from '../table.ts';
import { coverageSpec } from '../charts.ts';
import { csvPath, DATA_QUALITY_PATH } from '../routes.ts';
import { column, keyColumn } from './common.ts';
import { ALL_CAMPAIGNS } from './costs.ts';
import { unplacedTable } from './periods.ts';
import { noteText } from '../notes.ts';
import { localDates } from '../format.ts';

export interface DataQualityView {
  coverage: ChartModel;
  /** Files, rejected rows, unmapped campaigns, revenue without a campaign, coverage, checks, restatements. */
  tables: TableModel[];
  /** Figures of published months that changed since; no rows: none changed (or no snapshot yet). */
  restated: TableModel;
  /** Spend of period rows that no month holds (periods that are not a calendar month). */
  unplaced: TableModel;
  /** The run's notes in the report's words (`names` in backticks are code). */
  warnings: string[];
}

const REVENUE_MEASURES = ['unattributed_revenue', 'unattributed_share', 'unmapped_revenue'];
const COVERAGE_MEASURES = ['days_with_data', 'missing_days'];
const SHOWN_APART = new Set([...REVENUE_MEASURES, ...COVERAGE_MEASURES, 'unmapped_spend']);

/** Rejected rows on the page; the CSV file has all. */
const REJECTED_SHOWN = 500;

export function dataQualityView(report: Report): DataQualityView {
  const { data, manifest } = report;
  const d = data.datasets;
  const restated = restatedTable(report, d.restatements, data.absent.includes('restatements'));
  const unplaced = unplacedTable(report);
  const tables = [
    inputFilesTable(report),
    rejectedRowsTable(report),
    unmappedCampaignsTable(report),
    revenueWithoutCampaignTable(report),
    coverageByMonthTable(report),
    checksTable(report),
    restated,
    unplaced,
  ];
  return { coverage: coverageChart(report), tables, restated, unplaced, warnings: manifest.notes.map((note) => noteText(report, note)) };
}

function measureNamer(report: Report): (m: string) => string {
  return (m) => (report.t.measures as Record<string, string>)[m] ?? m;
}

/** Revenue without a campaign (unattributed, unmapped), one row per month, newest first. */
function revenueWithoutCampaignTable(report: Report): TableModel {
  const { t, data } = report;
  const quality = data.datasets.data_quality;
  const measureName = measureNamer(report);
  const months = [...new Set(quality.filter((r) => r.month !== null && REVENUE_MEASURES.includes(r.measure)).map((r) => r.month as string))].sort().reverse();
  const value = (month: string, measure: string) => quality.find((r) => r.month === month && r.measure === measure && r.subject === null)?.value ?? null;
  return {
    id: 'revenue-without-campaign',
    caption: t.dq.revenueCaption,
    columns: [
      column(report, 'month', 'month'),
      { key: 'unattributed_revenue', label: measureName('unattributed_revenue'), kind: 'money0' },
      { key: 'unattributed_share', label: measureName('unattributed_share'), kind: 'percent' },
      { key: 'unmapped_revenue', label: measureName('unmapped_revenue'), kind: 'money0' },
    ],
    rows: months.map((m) => ({ cells: { month: m, unattributed_revenue: value(m, 'unattributed_revenue'), unattributed_share: value(m, 'unattributed_share'), unmapped_revenue: value(m, 'unmapped_revenue') } })),
    csv: csvPath(DATA_QUALITY_PATH, 'revenue-without-campaign'),
    datasets: ['data_quality'],
    notes: [t.unattributedNote, t.unmappedNote],
  };
}

/** Days with and without data and unmapped spend, one row per month and platform. */
function coverageByMonthTable(report: Report): TableModel {
  const { t, data } = report;
  const measureName = measureNamer(report);
  const platformRows = new Map<string, Record<string, string | number | null>>();
  for (const r of data.datasets.data_quality) {
    if (r.month === null || r.subject === null || !(COVERAGE_MEASURES.includes(r.measure) || r.measure === 'unmapped_spend')) continue;
    const key = `${r.month}|${r.subject}`;
    let row = platformRows.get(key);
    if (!row) platformRows.set(key, (row = { month: r.month, platform: r.subject, days_with_data: null, missing_days: null, unmapped_spend: null, detail: null }));
    row[r.measure] = r.value;
    if (r.detail) row.detail = r.detail;
  }
  return {
    id: 'coverage-by-month',
    caption: t.dq.coverageCaption,
    columns: [
      column(report, 'month', 'month'),
      column(report, 'platform', 'text'),
      { key: 'days_with_data', label: measureName('days_with_data'), kind: 'integer' },
      { key: 'missing_days', label: measureName('missing_days'), kind: 'integer' },
      { key: 'unmapped_spend', label: measureName('unmapped_spend'), kind: 'money0' },
      column(report, 'detail', 'text'),
    ],
    rows: [...platformRows.values()]
      .sort((a, b) => String(b.month).localeCompare(String(a.month)) || String(a.platform).localeCompare(String(b.platform)))
      .map((cells) => ({ cells, display: { platform: report.platformName(cells.platform as string), ...(typeof cells.detail === 'string' ? { detail: localDates(cells.detail, report.fmt) } : {}) } })),
    csv: csvPath(DATA_QUALITY_PATH, 'coverage-by-month'),
    datasets: ['data_quality'],
  };
}

/** Everything else in data_quality: whole-run checks and measures the page does not know by name. */
function checksTable(report: Report): TableModel {
  const { t, fmt, data } = report;
  const measureName = measureNamer(report);
  const newestFirst = (a: { month: string | null }, b: { month: string | null }) => (b.month ?? '').localeCompare(a.month ?? '');
  const kindOf = (measure: string): CellKind => (measure.endsWith('_share') ? 'percent' : measure.endsWith('_revenue') || measure.endsWith('_spend') ? 'money0' : 'integer');
  const other = data.datasets.data_quality.filter((r) => !SHOWN_APART.has(r.measure)).sort(newestFirst);
  return {
    id: 'checks',
    caption: t.dq.checksCaption,
    columns: [column(report, 'measure', 'text'), column(report, 'month', 'month'), column(report, 'subject', 'text'), column(report, 'value', 'integer'), column(report, 'detail', 'text')],
    rows: other.map((r: DataQualityRow) => ({
      cells: { ...r },
      display: { measure: measureName(r.measure), month: r.month === null ? t.dq.wholeRun : fmt.month(r.month), value: formatValue(report, kindOf(r.measure), r.value), ...(r.detail ? { detail: r.measure === 'period_rows_unused' ? (t.periods.reasons[r.detail] ?? r.detail) : localDates(r.detail, fmt) } : {}) },
    })),
    csv: csvPath(DATA_QUALITY_PATH, 'checks'),
    datasets: ['data_quality'],
  };
}

/** Every input file read, with its kind, rows and hash, by path. */
function inputFilesTable(report: Report): TableModel {
  const { t, data } = report;
  return {
    id: 'input-files',
    caption: t.dq.filesCaption,
    columns: [
      column(report, 'path', 'code'),
      column(report, 'kind', 'text'),
      // the format's key as the importer names it (pipeline/ingest/platforms): code
      column(report, 'format', 'code'),
      column(report, 'platform', 'text'),
      column(report, 'bytes', 'integer'),
      column(report, 'rows_loaded', 'integer'),
      column(report, 'rows_rejected', 'integer'),
      column(report, 'rows_skipped', 'integer'),
      column(report, 'sha256', 'hash'),
    ],
    rows: [...data.datasets.input_files].sort((a, b) => a.path.localeCompare(b.path)).map((r) => ({
      cells: { ...r },
      display: {
        platform: r.platform === null ? '–' : report.platformName(r.platform),
        // an export of an empty selection (Meta's "No data available.") loaded as a file without rows
        ...(r.rows_loaded === 0 && r.rows_rejected === 0 && r.rows_skipped === 0 ? { rows_loaded: t.dq.emptyFile } : {}),
      },
    })),
    csv: csvPath(DATA_QUALITY_PATH, 'input-files'),
    datasets: ['input_files'],
  };
}

/** Input rows not loaded, with their reason, by file and line (the page shows REJECTED_SHOWN, the CSV all). */
function rejectedRowsTable(report: Report): TableModel {
  const { t, fmt, data } = report;
  const rows = data.datasets.rejected_rows;
  return {
    id: 'rejected-rows',
    caption: t.dq.rejectedCaption(fmt.integer(rows.length)),
    columns: [column(report, 'source_file', 'code'), column(report, 'source_line', 'integer'), column(report, 'column_name', 'code'), column(report, 'reason', 'text')],
    rows: [...rows]
      .sort((a, b) => (a.source_file ?? '').localeCompare(b.source_file ?? '') || (a.source_line ?? 0) - (b.source_line ?? 0))
      .map((r) => ({ cells: { ...r } })),
    csv: csvPath(DATA_QUALITY_PATH, 'rejected-rows'),
    datasets: ['rejected_rows'],
    limit: REJECTED_SHOWN,
  };
}

/** Platform campaigns and utm_campaign values no campaign matches, revenue under the report's model: newest month, most spend and revenue first. */
function unmappedCampaignsTable(report: Report): TableModel {
  const { t, data, model } = report;
  return {
    id: 'unmapped-campaigns',
    caption: t.dq.unmappedCaption,
    columns: [column(report, 'month', 'month'), column(report, 'source', 'text'), column(report, 'platform', 'text'), column(report, 'name', 'code'), column(report, 'spend', 'money0'), column(report, 'revenue', 'money0')],
    rows: data.datasets.unmapped_campaigns
      .filter((r) => r.model === model)
      .sort((a, b) => b.month.localeCompare(a.month) || (b.spend ?? 0) - (a.spend ?? 0) || (b.revenue ?? 0) - (a.revenue ?? 0) || (a.name ?? '').localeCompare(b.name ?? ''))
      .map((r) => ({
        cells: { ...r },
        display: { source: r.source === 'platform' ? t.dq.sourcePlatform : r.source === 'utm' ? t.dq.sourceUtm : (r.source ?? '–'), platform: r.platform === null ? '–' : report.platformName(r.platform) },
      })),
    csv: csvPath(DATA_QUALITY_PATH, 'unmapped-campaigns'),
    datasets: ['unmapped_campaigns'],
  };
}

/** Each platform and account's days with and without data, drawn as a strip, with the runs of missing days as its table. */
function coverageChart(report: Report): ChartModel {
  const { t, fmt, data } = report;
  const coverageRows = data.datasets.platform_coverage;
  const gaps = coverageGaps(coverageRows);
  const gapsTable: TableModel = {
    id: 'coverage-gaps',
    caption: t.dq.gapsCaption,
    columns: [column(report, 'platform', 'text'), column(report, 'account', 'text'), column(report, 'from', 'date'), column(report, 'to', 'date')],
    rows: gaps.map((g) => ({ cells: { ...g }, display: { platform: report.platformName(g.platform) } })),
    csv: csvPath(DATA_QUALITY_PATH, 'coverage-gaps'),
    datasets: ['platform_coverage'],
  };

  const label = (r: { platform: string; account: string | null }) => `${report.platformName(r.platform)} · ${r.account ?? '–'}`;
  const cells = coverageRows.map((r) => ({ label: label(r), date: r.date, state: r.has_data ? t.dq.hasData : t.dq.noData }));
  return {
    id: 'coverage',
    title: t.dq.coverageTitle,
    caption: t.dq.coverageChartCaption,
    label: t.dq.coverageLabel(gaps.length === 0 ? t.dq.noGaps : gaps.map((g) => `${label(g)} ${fmt.date(g.from)} – ${fmt.date(g.to)}`).join('; ')),
    drawing:
      cells.length === 0
        ? null
        : {
            spec: (size) => coverageSpec(size, { states: [{ name: t.dq.hasData, color: '#1b8756' }, { name: t.dq.noData, color: '#c0392b' }], labelLimit: 220 }),
            input: () => ({ values: cells }),
            widths: { wide: 780, narrow: 240 },
          },
    table: gapsTable,
  };
}

/** The order metrics are listed in within a month and campaign. */
const RESTATED_METRICS = ['media_spend', 'total_cost', 'revenue', 'gross_profit', 'conversions', 'roi', 'roas'];

/**
 * Figures of published months that changed since publication, newest month first,
 * the month's total (campaign `all`) before its campaigns. Each amount is written
 * as its metric is: money, a count, ROI in percent (its change in points), ROAS as
 * a ratio.
 */
function restatedTable(report: Report, rows: readonly RestatementRow[], absent: boolean): TableModel {
  const { t, fmt } = report;
  const metricOrder = (m: string) => (RESTATED_METRICS.includes(m) ? RESTATED_METRICS.indexOf(m) : RESTATED_METRICS.length);
  const campaignName = (r: RestatementRow) => (r.campaign === ALL_CAMPAIGNS ? t.dq.allCampaigns : report.campaignName(r.campaign, r.name));
  const sorted = [...rows].sort(
    (a, b) =>
      b.month.localeCompare(a.month) ||
      Number(b.campaign === ALL_CAMPAIGNS) - Number(a.campaign === ALL_CAMPAIGNS) ||
      campaignName(a).localeCompare(campaignName(b), fmt.intlLocale) ||
      a.campaign.localeCompare(b.campaign) ||
      metricOrder(a.metric) - metricOrder(b.metric) ||
      a.metric.localeCompare(b.metric),
  );
  const signed = (text: string, value: number | null) => (value !== null && value > 0 && !text.startsWith('+') ? `+${text}` : text);
  const amounts = (metric: string, value: number | null, change: number | null) => {
    switch (metric) {
      case 'roi':
        return { value: fmt.percent(value, 1), change: fmt.pointsChange(change) };
      case 'roas':
        return { value: fmt.ratio(value), change: fmt.ratioChange(change) };
      case 'conversions':
        return { value: fmt.count(value), change: signed(fmt.count(change), change) };
      case 'media_spend':
      case 'total_cost':
      case 'revenue':
      case 'gross_profit':
        return { value: fmt.money(value, 2), change: signed(fmt.money(change, 2), change) };
      default:
        return { value: fmt.number(value), change: signed(fmt.number(change), change) };
    }
  };
  return {
    id: 'restated',
    caption: t.dq.restatedCaption,
    columns: [
      column(report, 'month', 'month'),
      keyColumn(),
      column(report, 'name', 'text'),
      column(report, 'metric', 'text'),
      column(report, 'published_value', 'number'),
      column(report, 'current_value', 'number'),
      column(report, 'change', 'number', true),
      column(report, 'relative_change', 'percentChange', true),
      column(report, 'published_at', 'text'),
    ],
    rows: sorted.map((r) => {
      const published = amounts(r.metric, r.published_value, null);
      const current = amounts(r.metric, r.current_value, r.change);
      return {
        key: `${r.month}|${r.campaign}|${r.metric}`,
        cells: { ...r, name: r.campaign === ALL_CAMPAIGNS ? null : r.name },
        display: {
          name: campaignName(r),
          metric: (t.dq.restatedMetrics as Record<string, string>)[r.metric] ?? r.metric,
          published_value: published.value,
          current_value: current.value,
          change: current.change,
          published_at: publishedAt(report, r.published_at),
        },
      };
    }),
    csv: csvPath(DATA_QUALITY_PATH, 'restated'),
    datasets: absent ? [] : ['restatements'],
  };
}

/** When a month was published: in the report's time zone when the timestamp has one, else as written. */
function publishedAt(report: Report, value: string): string {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return report.fmt.dateTime(value);
  const [date = value, time] = value.split(/[T ]/);
  return time ? `${report.fmt.date(date)}, ${time.slice(0, 5)}` : report.fmt.date(date);
}

function formatValue(report: Report, kind: CellKind, value: number | null): string {
  if (kind === 'percent') return report.fmt.percent(value, 1);
  if (kind === 'money0') return report.fmt.money(value, 0);
  return report.fmt.count(value);
}

export interface Gap {
  platform: string;
  account: string | null;
  from: string;
  to: string;
}

/** Runs of days without data per platform and account, as first and last day (rows are one per day). */
export function coverageGaps(rows: readonly PlatformCoverageRow[]): Gap[] {
  const sorted = [...rows].sort((a, b) => a.platform.localeCompare(b.platform) || (a.account ?? '').localeCompare(b.account ?? '') || a.date.localeCompare(b.date));
  const gaps: Gap[] = [];
  let open: Gap | null = null;
  for (const r of sorted) {
    const same = open !== null && open.platform === r.platform && open.account === r.account;
    if (r.has_data === false) {
      if (same && open) open.to = r.date;
      else gaps.push((open = { platform: r.platform, account: r.account, from: r.date, to: r.date }));
    } else {
      open = null;
    }
  }
  return gaps;
}
