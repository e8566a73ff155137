// Pieces the page views share: table columns with their words, campaign and
// channel cells, and the charts that appear on more than one page.

import type { ChannelRoiRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { ColumnLabel } from '../i18n.ts';
import type { Report } from '../report.ts';
import type { CellKind, TableColumn, TableRow } from '../table.ts';
import { barInput, barSpec, lineSpec, lineValues } from '../charts.ts';
import type { BarRow, LineRow, Series } from '../charts.ts';
import { isSpecialKey } from '../channels.ts';
import { notReportedCells } from '../format.ts';
import { campaignPath, csvPath } from '../routes.ts';
import { addMonths } from '../months.ts';
import { channelsWithRoi, monthRows, trendMonths } from '../select.ts';
import { intervalNotes, intervalsOn, whiskerCaption, withInterval } from '../intervals.ts';

/** A column with its header from the locale's column words. */
export function column(report: Report, key: ColumnLabel, kind: CellKind, signed = false): TableColumn {
  return { key, label: report.t.col[key], kind, signed };
}

/** The campaign key: in the CSV file, not on the page (which shows the name). */
export function keyColumn(key = 'campaign'): TableColumn {
  return { key, label: key, kind: 'code', csvOnly: true };
}

/** A column whose CSV name and header differ from the shared words (pivot columns). */
export function namedColumn(key: string, label: string, kind: CellKind, signed = false): TableColumn {
  return { key, label, kind, signed };
}

/**
 * The campaign and channel cells of a row: the campaign's name linked to its page,
 * the channel in words with its colour. The CSV keeps the keys.
 */
export function campaignCells(
  report: Report,
  row: { campaign: string; name: string | null; channel: string | null },
  nameColumn = 'name',
  channelColumn: string | null = 'channel',
): Pick<TableRow, 'key' | 'display' | 'href' | 'swatch' | 'special'> {
  const info = report.campaigns.get(row.campaign);
  const special = isSpecialKey(row.campaign);
  const display: Record<string, string> = { [nameColumn]: report.campaignName(row.campaign, row.name) };
  if (channelColumn) display[channelColumn] = special ? '–' : report.channelName(row.channel);
  return {
    key: row.campaign,
    display,
    href: info ? campaignPath(info.slug) : null,
    swatch: channelColumn && row.channel !== null && !special ? { column: channelColumn, color: report.channelColor(row.channel) } : null,
    special,
  };
}

/** The note that explains "not reported", when a row of the table shows it. */
export function notReportedNotes(report: Report, rows: readonly TableRow[]): string[] {
  const shown = rows.some((r) => Object.values(r.display ?? {}).includes(report.t.notReported));
  return shown ? [report.t.notReportedNote] : [];
}

/** The month as the page names it. */
export function monthWords(report: Report, month: string): string {
  return report.fmt.month(month);
}

/**
 * The months of a trend that are not complete yet: the chart draws them apart (hollow
 * and faint, see lineValues and stackSpec), its caption says which and why, and the
 * table names them so beside the month. Never a partial month read as a full one.
 */
export function incompleteMonths(report: Report, months: readonly string[]): { has: (month: string) => boolean; caption: (kind: 'line' | 'stack') => string; monthCell: (month: string) => Record<string, string> } {
  const { t, fmt } = report;
  const incomplete = new Set(months.filter((m) => !report.monthInfo(m).complete));
  const words = new Intl.ListFormat(fmt.intlLocale, { type: 'conjunction' }).format([...incomplete].sort().map((m) => fmt.month(m)));
  return {
    has: (month) => incomplete.has(month),
    caption: (kind) => (incomplete.size === 0 ? '' : ` ${kind === 'line' ? t.truth.trendIncomplete(words) : t.truth.stackIncomplete(words)}`),
    monthCell: (month): Record<string, string> => (incomplete.has(month) ? { month: t.truth.monthIncomplete(fmt.month(month)) } : {}),
  };
}

/** Whether a month and the month before it are both complete: only then is one compared with the other. */
export function comparable(report: Report, month: string, offset = -1): boolean {
  return report.monthInfo(month).complete && report.monthInfo(addMonths(month, offset)).complete;
}

/** Bars of ROI by channel for one month and model. */
export function channelRoiChart(report: Report, month: string, pagePath: string): ChartModel {
  const { t, fmt, model } = report;
  const rows = channelsWithRoi(report.data.datasets.channel_roi, month, model);
  const bars: BarRow[] = rows.map((r) => ({
    label: report.channelName(r.channel),
    value: r.roi ?? 0,
    color: report.channelColor(r.channel),
    text: fmt.percent(r.roi, 1),
    lo: r.roi_low,
    hi: r.roi_high,
  }));
  const words = monthWords(report, month);
  const columns = [
    column(report, 'channel', 'text'),
    column(report, 'total_cost', 'money0'),
    withInterval(report, column(report, 'gross_profit', 'money0')),
    withInterval(report, column(report, 'roi', 'percent', true)),
  ];
  return {
    id: 'channel-roi',
    title: t.channelRoiTitle,
    caption: `${t.channelRoiCaption(words)} ${t.truth.orderByRoi}` + whiskerCaption(report),
    label: t.channelRoiLabel(words, bars.map((b) => `${b.label} ${b.text}`).join(', ')),
    drawing:
      bars.length === 0
        ? null
        : {
            spec: (size) => barSpec(size, { labelLimit: 180, whiskers: true }),
            input: (size) => barInput(bars, size.width),
            widths: { wide: 320, narrow: 200 },
            shared: true,
          },
    table: {
      id: 'channel-roi',
      caption: t.channelRoiTitle,
      columns,
      rows: rows.map((r) => channelRow(report, r)),
      csv: csvPath(pagePath, 'channel-roi'),
      datasets: ['channel_roi'],
      notes: intervalNotes(report, { columns }),
    },
  };
}

/**
 * Bars of ROAS by channel: for each channel the attributed ROAS in the channel's
 * colour, and beneath it in grey the ROAS the platform reports for itself.
 */
export function channelRoasChart(report: Report, month: string, pagePath: string): ChartModel {
  const { t, fmt, model } = report;
  const rows = monthRows(report.data.datasets.channel_roi, month, model)
    .filter((r) => !isSpecialKey(r.channel) && r.roas !== null)
    .sort((a, b) => (b.roas ?? 0) - (a.roas ?? 0) || a.channel.localeCompare(b.channel));
  const bars: BarRow[] = rows.flatMap((r) => [
    { label: report.channelName(r.channel), value: r.roas ?? 0, color: report.channelColor(r.channel), text: fmt.ratio(r.roas), lo: r.roas_low, hi: r.roas_high },
    ...(r.platform_roas === null
      ? []
      : [{ label: t.platformReported(report.channelName(r.channel)), value: r.platform_roas, color: PLATFORM_COLOR, text: fmt.ratio(r.platform_roas) }]),
  ]);
  const words = monthWords(report, month);
  const columns = [
    column(report, 'channel', 'text'),
    column(report, 'media_spend', 'money0'),
    withInterval(report, column(report, 'revenue', 'money0')),
    withInterval(report, column(report, 'roas', 'ratio')),
    column(report, 'platform_conversion_value', 'money0'),
    namedColumn('spend_with_conversion_value', t.truth.spendWithValue, 'money0'),
    column(report, 'platform_roas', 'ratio'),
  ];
  return {
    id: 'channel-roas',
    title: t.channelRoasTitle,
    caption: `${t.channelRoasCaption(words)} ${t.truth.orderByRoas}` + whiskerCaption(report),
    label: t.channelRoasLabel(
      words,
      rows.map((r) => `${report.channelName(r.channel)} ${fmt.ratio(r.roas)} (${t.col.platform_roas} ${fmt.ratio(r.platform_roas)})`).join(', '),
    ),
    drawing:
      bars.length === 0
        ? null
        : {
            spec: (size) => barSpec(size, { labelLimit: 180, whiskers: true }),
            input: (size) => barInput(bars, size.width),
            widths: { wide: 300, narrow: 150 },
            shared: true,
          },
    table: {
      id: 'channel-roas',
      caption: t.channelRoasTitle,
      columns,
      rows: rows.map((r) => channelRow(report, r)),
      csv: csvPath(pagePath, 'channel-roas'),
      datasets: ['channel_roi'],
      notes: [t.truth.platformRoasNote, ...intervalNotes(report, { columns })],
    },
  };
}

/** Platform-reported values beside attributed ones: grey, apart from every channel colour. */
export const PLATFORM_COLOR = '#9aa5b1';

function channelRow(report: Report, r: ChannelRoiRow): TableRow {
  return {
    cells: { ...r },
    // media spend comes only from platform rows: a channel without any has nothing to report
    display: { ...notReportedCells(r, (r.media_spend ?? 0) > 0, report.t.notReported), channel: report.channelName(r.channel) },
    swatch: isSpecialKey(r.channel) ? null : { column: 'channel', color: report.channelColor(r.channel) },
    special: isSpecialKey(r.channel),
  };
}

export const COST_COLOR = '#7b8794';
export const REVENUE_COLOR = '#1f3a5f';

/** Total cost against attributed revenue over the 13 months ending with `month` (the same month a year before included). */
export function spendRevenueChart(report: Report, month: string, pagePath: string): ChartModel {
  const { t, fmt, model } = report;
  const trend = trendMonths(report.data.datasets.monthly_trend, month, model, 13);
  const series: Series[] = [
    { name: t.costSeries, color: COST_COLOR, dash: [5, 3], shape: 'square' },
    { name: t.revenueSeries, color: REVENUE_COLOR, dash: [1, 0], shape: 'circle' },
  ];
  const partial = incompleteMonths(report, trend.map((r) => r.month));
  const values: LineRow[] = trend.flatMap((r, i) => {
    const label = fmt.monthShort(r.month);
    const last = i === trend.length - 1;
    const incomplete = partial.has(r.month);
    return [
      { i, month: label, series: t.costSeries, value: r.total_cost, text: fmt.money(r.total_cost, 0), last, incomplete },
      { i, month: label, series: t.revenueSeries, value: r.revenue, text: fmt.money(r.revenue, 0), last, lo: r.revenue_low, hi: r.revenue_high, incomplete },
    ];
  });
  const from = fmt.month(trend[0]?.month ?? month);
  const to = fmt.month(trend.at(-1)?.month ?? month);
  const words = trend
    .map((r) => `${fmt.month(r.month)}: ${t.costSeries} ${fmt.money(r.total_cost, 0)}, ${t.revenueSeries} ${fmt.money(r.revenue, 0)}`)
    .join('; ');
  return {
    id: 'spend-revenue',
    title: t.spendRevenueTitle,
    caption: t.spendRevenueCaption(from, to) + whiskerCaption(report, 'lineWhiskers') + partial.caption('line'),
    label: t.spendRevenueLabel(from, to, words),
    drawing:
      trend.length === 0
        ? null
        : {
            spec: (size) => lineSpec(size, { series, format: '$,.0f', whiskers: intervalsOn(report) }),
            input: () => ({ values: lineValues(values) }),
            widths: { wide: 760, narrow: 220 },
            shared: true,
          },
    table: {
      id: 'spend-revenue',
      caption: t.spendRevenueTitle,
      columns: [
        column(report, 'month', 'month'),
        column(report, 'media_spend', 'money0'),
        column(report, 'total_cost', 'money0'),
        withInterval(report, column(report, 'revenue', 'money0')),
        withInterval(report, column(report, 'gross_profit', 'money0')),
        withInterval(report, column(report, 'roi', 'percent', true)),
        // not attributed revenue ÷ media: the revenue of the campaigns bought on platforms, in its own column
        namedColumn('paid_media_revenue', t.truth.paidMediaRevenue, 'money0'),
        withInterval(report, namedColumn('roas', t.truth.roasPaid, 'ratio')),
      ],
      rows: trend.map((r) => ({ cells: { ...r }, display: partial.monthCell(r.month) })),
      csv: csvPath(pagePath, 'spend-revenue'),
      datasets: ['monthly_trend'],
      notes: [...(intervalsOn(report) ? intervalNotes(report, { columns: [withInterval(report, column(report, 'roi', 'percent'))] }) : []), t.truth.roasPaidNote],
    },
  };
}
