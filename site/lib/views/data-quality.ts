// How far to trust the numbers, for the whole run. First the findings: one per
// problem the data has (rejected rows, unmapped spend and revenue, spend no month
// holds, gaps while a campaign ran, incomplete months, conflicting copies, data
// tests that warned, restated figures), each with what is wrong, the money it
// touches in the report currency and what to do, the most money first. Then the
// details: files read with their hashes, rejected rows with reasons, unmapped
// campaigns, revenue without a campaign, coverage by platform and day (gaps by
// the rule in queries/marts/platform_coverage.sql), checks, restatements.

import type { DataQualityRow, PlatformCoverageRow, RestatementRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { CellKind, TableModel } from '../table.ts';
import { coverageSpec } from '../charts.ts';
import type { Count, FindingMessages } from '../i18n-findings.ts';
import { findingMessages } from '../i18n-findings.ts';
import { csvPath, DATA_QUALITY_PATH, monthPath } from '../routes.ts';
import { column, keyColumn } from './common.ts';
import { ALL_CAMPAIGNS } from './costs.ts';
import { unplacedTable } from './periods.ts';
import { noteText } from '../notes.ts';
import { localDates } from '../format.ts';
import { GA4_MEASURES } from './ga4.ts';

/** One problem the data has: what is wrong, the money it touches, what to do. */
export interface Finding {
  kind: 'rejected' | 'unmapped-spend' | 'unmapped-revenue' | 'unplaced' | 'gaps' | 'incomplete' | 'conflicts' | 'tests' | 'restated';
  title: string;
  text: string;
  /** Identifiers the text introduces (files, platform campaigns, UTM values, tests), shown as code; the last may say how many more. */
  names: string[];
  /** How many more names there are than listed; null: all are listed. */
  more: string | null;
  /** The money it touches in the report currency (for the order); null: no amount known. */
  money: number | null;
  /** The money in words: the amounts, an estimate said as one, or that none is known. */
  moneyText: string;
  action: string;
  /** Where it is listed in full: the id of a details element on the page, or another page of the report (a route path). */
  details: { id: string } | { path: string };
}

export interface DataQualityView {
  /** The most money first; none: the data are clean. */
  findings: Finding[];
  /** The texts of the findings and of the coverage states. */
  words: FindingMessages;
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
// the GA4 measures have their own section (views/ga4.ts)
const SHOWN_APART = new Set([...REVENUE_MEASURES, ...COVERAGE_MEASURES, 'unmapped_spend', ...GA4_MEASURES]);

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
  return { findings: findings(report), words: findingMessages(manifest.settings.locale), coverage: coverageChart(report), tables, restated, unplaced, warnings: manifest.notes.map((note) => noteText(report, note)) };
}

/** Data tests whose warning another finding already tells, with its money: the finding that tells it. */
const TOLD_BY: Record<string, Finding['kind']> = {
  'queries/tests/platform_campaigns_mapped.sql': 'unmapped-spend',
  'queries/tests/ad_period_rows_unused.sql': 'unplaced',
  'queries/tests/platform_rows_conflicting.sql': 'conflicts',
};

/** Names (gaps, campaigns, files) listed in a finding; the rest are counted. */
const NAMED = 6;

/** Every problem the data of this run has, the most money first (no amount last). */
export function findings(report: Report): Finding[] {
  const { fmt, manifest, data, model } = report;
  const w = findingMessages(manifest.settings.locale);
  const d = data.datasets;
  const currency = manifest.settings.currency;
  const money = (value: number) => fmt.money(value, 0);
  const count = (n: number): Count => ({ n: fmt.integer(n), one: n === 1 });
  const list = (items: string[]) => new Intl.ListFormat(fmt.intlLocale, { type: 'conjunction' }).format(items);
  /** The first NAMED items, and how many more. */
  const named = (items: string[]) => list(items.length > NAMED ? [...items.slice(0, NAMED), w.more(fmt.integer(items.length - NAMED))] : items);
  const identifiers = (items: string[]) => ({ names: items.slice(0, NAMED), more: items.length > NAMED ? w.more(fmt.integer(items.length - NAMED)) : null });
  const out: Finding[] = [];
  const add = (f: Omit<Finding, 'moneyText' | 'names' | 'more'> & { moneyText?: string; names?: string[]; more?: string | null }) =>
    out.push({ names: [], more: null, ...f, moneyText: f.moneyText ?? (f.money === null ? w.noMoney : money(f.money)) });

  // Rejected input rows: their money per currency, as the pipeline counted it.
  const rejectedFiles = manifest.inputs.filter((i) => (i.rejected ?? 0) > 0);
  if (rejectedFiles.length > 0) {
    const rows = rejectedFiles.reduce((n, i) => n + (i.rejected ?? 0), 0);
    const byCurrency = new Map<string, number>();
    for (const m of rejectedFiles.flatMap((i) => i.rejectedMoney)) {
      if (m.amount === null) continue;
      const c = m.currency ?? currency;
      byCurrency.set(c, (byCurrency.get(c) ?? 0) + Number(m.amount));
    }
    const amounts = [...byCurrency].map(([c, v]) => new Intl.NumberFormat(fmt.intlLocale, { style: 'currency', currency: c, maximumFractionDigits: 0 }).format(v));
    add({
      kind: 'rejected',
      title: w.rejected.title(count(rows), count(rejectedFiles.length)),
      text: w.rejected.text,
      ...identifiers(rejectedFiles.map((i) => `${i.path} (${fmt.integer(i.rejected)})`)),
      money: byCurrency.get(currency) ?? (amounts.length > 0 ? 0 : null),
      ...(amounts.length > 0 ? { moneyText: list(amounts) } : {}),
      action: w.rejected.action,
      details: { id: 'rejected' },
    });
  }

  // Spend of platform campaigns and revenue of utm_campaign values no campaign matches (the report's model).
  const unmapped = d.unmapped_campaigns.filter((r) => r.model === model);
  const platformUnmapped = unmapped.filter((r) => r.source === 'platform' && (r.spend ?? 0) !== 0);
  if (platformUnmapped.length > 0) {
    const names = [...new Set(platformUnmapped.map((r) => `${report.platformName(r.platform)}: ${r.name ?? '–'}`))].sort();
    const inMonth = platformUnmapped.filter((r) => r.month === report.month).reduce((s, r) => s + (r.spend ?? 0), 0);
    add({
      kind: 'unmapped-spend',
      title: w.unmappedSpend.title(count(names.length)),
      text: w.unmappedSpend.text(report.t.unmapped, fmt.month(report.month), money(inMonth)),
      ...identifiers(names),
      money: platformUnmapped.reduce((s, r) => s + (r.spend ?? 0), 0),
      action: w.unmappedSpend.action,
      details: { id: 'unmapped' },
    });
  }
  const utmUnmapped = unmapped.filter((r) => r.source === 'utm' && (r.revenue ?? 0) !== 0);
  if (utmUnmapped.length > 0) {
    const total = (r: { name: string | null }) => utmUnmapped.filter((u) => u.name === r.name).reduce((s, u) => s + (u.revenue ?? 0), 0);
    // the values that brought the most revenue first
    const names = [...new Map(utmUnmapped.map((r) => [r.name, total(r)]))].sort((a, b) => b[1] - a[1]).map(([name]) => name ?? '–');
    const inMonth = utmUnmapped.filter((r) => r.month === report.month).reduce((s, r) => s + (r.revenue ?? 0), 0);
    add({
      kind: 'unmapped-revenue',
      title: w.unmappedRevenue.title(count(names.length)),
      text: w.unmappedRevenue.text(report.t.unmapped, fmt.month(report.month), money(inMonth)),
      ...identifiers(names),
      money: utmUnmapped.reduce((s, r) => s + (r.revenue ?? 0), 0),
      action: w.unmappedRevenue.action,
      details: { id: 'unmapped' },
    });
  }

  // Spend of period rows no month holds.
  const unplaced = d.unplaced_spend;
  if (unplaced.length > 0) {
    add({
      kind: 'unplaced',
      title: w.unplaced.title(count(unplaced.length)),
      text: w.unplaced.text,
      ...identifiers([...new Set(unplaced.map((r) => r.source_file))].sort()),
      money: unplaced.reduce((s, r) => s + (r.spend_report ?? 0), 0),
      action: w.unplaced.action,
      details: { id: 'unplaced' },
    });
  }

  // Days without data while a campaign ran: the missing spend estimated from the account's average day with data.
  const gaps = coverageGaps(d.platform_coverage);
  if (gaps.length > 0) {
    const accountKey = (r: { platform: string; account: string | null }) => `${r.platform}|${r.account ?? ''}`;
    const perDay = new Map<string, { spend: number; days: number }>();
    for (const r of d.platform_coverage) {
      if (!r.has_data) continue;
      const a = perDay.get(accountKey(r)) ?? { spend: 0, days: 0 };
      a.spend += r.spend ?? 0;
      a.days += 1;
      perDay.set(accountKey(r), a);
    }
    const gapDays = (g: Gap) => d.platform_coverage.filter((r) => r.is_gap && accountKey(r) === accountKey(g) && r.date >= g.from && r.date <= g.to).length;
    let days = 0;
    let estimate = 0;
    const items: string[] = [];
    for (const g of gaps) {
      const n = gapDays(g);
      const average = perDay.get(accountKey(g));
      days += n;
      if (average && average.days > 0) estimate += (average.spend / average.days) * n;
      const range = g.from === g.to ? fmt.date(g.from) : `${fmt.date(g.from)} – ${fmt.date(g.to)}`;
      items.push(w.gaps.item(`${report.platformName(g.platform)}${g.account ? ` · ${g.account}` : ''}`, count(n), range));
    }
    add({
      kind: 'gaps',
      title: w.gaps.title(count(days)),
      text: w.gaps.text(named(items)),
      money: estimate,
      moneyText: w.estimated(money(estimate)),
      action: w.gaps.action,
      details: { id: 'coverage' },
    });
  }

  // Incomplete months: their figures so far.
  for (const info of report.months.filter((m) => !m.complete)) {
    const trend = d.monthly_trend.find((r) => r.month === info.month && r.model === model);
    const why = info.missing === 'orders' ? ` ${w.incomplete.noOrders}` : info.missing === 'paid_data' ? ` ${w.incomplete.noPaidData}` : '';
    add({
      kind: 'incomplete',
      title: w.incomplete.title(fmt.month(info.month)),
      text: w.incomplete.text(info.completeThrough ? fmt.date(info.completeThrough) : null, trend?.media_spend == null ? null : money(trend.media_spend)) + why,
      money: trend?.media_spend ?? null,
      action: w.incomplete.action,
      details: { path: monthPath(info.month, 'overview') },
    });
  }

  // The same platform row in several files with different numbers.
  const conflicts = d.data_quality.filter((r) => r.measure === 'duplicate_conflicts' && (r.value ?? 0) > 0);
  if (conflicts.length > 0) {
    const platforms = [...new Set(conflicts.flatMap((r) => (r.subject === null ? [] : [report.platformName(r.subject)])))];
    add({
      kind: 'conflicts',
      title: w.conflicts.title(count(conflicts.reduce((n, r) => n + (r.value ?? 0), 0))),
      text: w.conflicts.text(platforms.length > 0 ? named(platforms) : null),
      money: null,
      action: w.conflicts.action,
      details: { id: 'checks' },
    });
  }

  // Data tests that warned, but those a finding above already tells.
  const told = new Set(out.map((f) => f.kind));
  const warned = data.catalog.tests
    .filter((test) => test.severity !== 'error' && !(TOLD_BY[test.file] && told.has(TOLD_BY[test.file]!)))
    .flatMap((test) => {
      const warning = manifest.warnings.find((line) => line.startsWith(`${test.file}:`));
      const rows = warning?.match(/^[^:]+: (\d+) rows?\b/)?.[1];
      return warning ? [w.tests.item(test.name, fmt.integer(rows === undefined ? null : Number(rows)))] : [];
    });
  if (warned.length > 0) {
    add({ kind: 'tests', title: w.tests.title(count(warned.length)), text: w.tests.text, ...identifiers(warned), money: null, action: w.tests.action, details: { id: 'warnings' } });
  }

  // Figures of published months that changed: the change of the month totals' revenue.
  const restated = d.restatements;
  if (restated.length > 0) {
    const months = [...new Set(restated.map((r) => r.month))].sort();
    add({
      kind: 'restated',
      title: w.restated.title(count(restated.length), list(months.map((m) => fmt.month(m)))),
      text: w.restated.text,
      money: restated.filter((r) => r.campaign === ALL_CAMPAIGNS && r.metric === 'revenue').reduce((s, r) => s + Math.abs(r.change ?? 0), 0),
      action: w.restated.action,
      details: { id: 'restated' },
    });
  }

  return out.sort((a, b) => (b.money ?? -Infinity) - (a.money ?? -Infinity));
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
  const w = findingMessages(report.manifest.settings.locale).coverage;
  const state = (r: PlatformCoverageRow) => (r.has_data ? w.data : r.covered_by_period ? w.period : r.is_gap ? w.gap : w.idle);
  const cells = coverageRows.map((r) => ({ label: label(r), date: r.date, state: state(r) }));
  const states = [
    { name: w.data, color: '#1b8756' },
    { name: w.period, color: '#8cc7a4' },
    { name: w.gap, color: '#c0392b' },
    { name: w.idle, color: '#d9dee4' },
  ].filter((s) => cells.some((c) => c.state === s.name));
  return {
    id: 'coverage',
    title: t.dq.coverageTitle,
    caption: w.caption,
    label: t.dq.coverageLabel(gaps.length === 0 ? t.dq.noGaps : gaps.map((g) => `${label(g)} ${fmt.date(g.from)} – ${fmt.date(g.to)}`).join('; ')),
    drawing:
      cells.length === 0
        ? null
        : {
            spec: (size) => coverageSpec(size, { states, labelLimit: 220 }),
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

/** Runs of gap days (is_gap, the rule of platform_coverage.sql) per platform and account, as first and last day (rows are one per day). */
export function coverageGaps(rows: readonly PlatformCoverageRow[]): Gap[] {
  const sorted = [...rows].sort((a, b) => a.platform.localeCompare(b.platform) || (a.account ?? '').localeCompare(b.account ?? '') || a.date.localeCompare(b.date));
  const gaps: Gap[] = [];
  let open: Gap | null = null;
  for (const r of sorted) {
    const same = open !== null && open.platform === r.platform && open.account === r.account;
    if (r.is_gap === true) {
      if (same && open) open.to = r.date;
      else gaps.push((open = { platform: r.platform, account: r.account, from: r.date, to: r.date }));
    } else {
      open = null;
    }
  }
  return gaps;
}
