// Engagement of one month: engagement rate against follower growth per platform,
// follower growth that engagement does not follow flagged as a bought-followers
// signal, and awareness campaigns judged on reach, CPM and engagement.

import type { EngagementMonthlyRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { ChartSize } from '../vega.ts';
import type { Report } from '../report.ts';
import type { TableModel, TableRow } from '../table.ts';
import { barInput, barSpec } from '../charts.ts';
import type { BarRow } from '../charts.ts';
import { isSpecialKey } from '../channels.ts';
import { monthRows } from '../select.ts';
import { notReportedCells } from '../format.ts';
import { csvPath, monthPath } from '../routes.ts';
import { column, keyColumn, notReportedNotes } from './common.ts';
import { basisWords, performanceTableRow } from './campaigns.ts';
import { estimatedCampaigns } from './periods.ts';

export interface EngagementView {
  charts: ChartModel[];
  flagged: { platform: string; reason: string | null }[];
  platforms: TableModel;
  awareness: TableModel;
}

export function engagementView(report: Report, month: string): EngagementView {
  const page = monthPath(month, 'engagement');
  // Paid before organic within a platform.
  const rows = monthRows(report.data.datasets.engagement_monthly, month).sort(
    (a, b) => a.platform.localeCompare(b.platform) || (a.source === 'paid' ? -1 : 1) - (b.source === 'paid' ? -1 : 1),
  );
  const platforms = platformsTable(report, month, page, rows);
  return {
    charts: engagementCharts(report, month, page, rows, platforms),
    flagged: rows.filter((r) => r.bought_followers_flag === true).map((r) => ({ platform: platformSourceName(report, r), reason: r.flag_reason && (report.t.flagReasons[r.flag_reason] ?? r.flag_reason) })),
    platforms,
    awareness: awarenessTable(report, month, page),
  };
}

/** A platform and source as the page names it: `Instagram (organic)`. */
function platformSourceName(report: Report, r: EngagementMonthlyRow): string {
  return `${report.platformName(r.platform)} (${sourceWords(report, r.source)})`;
}

/** Engagement and follower growth per platform and source, with the bought-followers flag. */
function platformsTable(report: Report, month: string, page: string, rows: readonly EngagementMonthlyRow[]): TableModel {
  const { t, fmt } = report;
  const platformRows: TableRow[] = rows.map((r) => ({
    cells: { ...r },
    display: {
      platform: report.platformName(r.platform),
      source: sourceWords(report, r.source),
      ...notReportedCells(r, true, t.notReported),
      engagement_rate_basis: basisWords(report, r.engagement_rate_basis),
      bought_followers_flag: r.bought_followers_flag ? `⚠ ${t.flagged}` : '–',
    },
  }));
  return {
    id: 'engagement',
    caption: t.engagementCaption(fmt.month(month)),
    columns: [
      column(report, 'platform', 'text'),
      column(report, 'source', 'text'),
      column(report, 'impressions', 'integer'),
      column(report, 'reach', 'integer'),
      column(report, 'engagements', 'integer'),
      column(report, 'engagement_rate', 'percent'),
      column(report, 'engagement_rate_basis', 'text'),
      column(report, 'followers_gained', 'integer'),
      column(report, 'followers_change', 'percentChange'),
      column(report, 'engagements_change', 'percentChange'),
      column(report, 'bought_followers_flag', 'text'),
      { ...column(report, 'flag_reason', 'text'), csvOnly: true },
    ],
    rows: platformRows,
    csv: csvPath(page, 'engagement'),
    datasets: ['engagement_monthly'],
    notes: [t.engagementBasisNote, ...notReportedNotes(report, platformRows), ...definitions(report, rows)],
  };
}

/** Engagement rate and follower growth per platform as bars, a flagged platform in red; each chart's table is the platforms table's columns it draws. */
function engagementCharts(report: Report, month: string, page: string, rows: readonly EngagementMonthlyRow[], platforms: TableModel): ChartModel[] {
  const { t, fmt } = report;
  const FLAG_COLOR = '#b3261e';
  const NORMAL_COLOR = '#2f6db5';
  const bars = (value: (r: EngagementMonthlyRow) => number | null, text: (v: number | null) => string): BarRow[] =>
    rows
      .filter((r) => value(r) !== null)
      .map((r) => ({ label: platformSourceName(report, r), value: value(r) ?? 0, color: r.bought_followers_flag ? FLAG_COLOR : NORMAL_COLOR, text: `${r.bought_followers_flag ? '⚠ ' : ''}${text(value(r))}` }));
  const rateBars = bars((r) => r.engagement_rate, (v) => fmt.percent(v, 1));
  const followerBars = bars((r) => r.followers_change, (v) => fmt.percentChange(v));
  const words = fmt.month(month);
  const chartTable = (id: string, caption: string): TableModel => ({
    ...platforms,
    id,
    caption,
    columns: platforms.columns.filter((c) => ['platform', 'source', 'engagement_rate', 'followers_gained', 'followers_change', 'engagements_change', 'bought_followers_flag'].includes(c.key)),
    csv: csvPath(page, id),
    notes: [],
  });
  const drawing = (list: BarRow[]) =>
    list.length === 0 ? null : { spec: barSpecFor, input: (size: { width: number }) => barInput(list, size.width), widths: { wide: 300, narrow: 150 } };
  return [
    {
      id: 'engagement-rate',
      title: t.engagementRateTitle,
      caption: t.engagementRateCaption(words),
      label: t.engagementRateLabel(words, rateBars.map((b) => `${b.label} ${b.text}`).join(', ')),
      drawing: drawing(rateBars),
      table: chartTable('engagement-rate', t.engagementRateTitle),
    },
    {
      id: 'follower-growth',
      title: t.followerGrowthTitle,
      caption: t.followerGrowthCaption(words),
      label: t.followerGrowthLabel(words, followerBars.map((b) => `${b.label} ${b.text}`).join(', ')),
      drawing: drawing(followerBars),
      table: chartTable('follower-growth', t.followerGrowthTitle),
    },
  ];
}

/** Awareness campaigns judged on reach, CPM and engagement, widest reach (else impressions) first. */
function awarenessTable(report: Report, month: string, page: string): TableModel {
  const { t, fmt, data } = report;
  const awarenessRows = monthRows(data.datasets.campaign_performance, month)
    .filter((r) => r.funnel_stage === 'awareness' && !isSpecialKey(r.campaign))
    .sort((a, b) => (b.reach ?? b.impressions ?? 0) - (a.reach ?? a.impressions ?? 0));
  const estimated = estimatedCampaigns(report, month);
  const awareness: TableRow[] = awarenessRows.map((r) => performanceTableRow(report, estimated, r));
  return {
    id: 'awareness',
    caption: t.awarenessCaption(fmt.month(month)),
    columns: [
      keyColumn(), column(report, 'name', 'text'),
      column(report, 'platform', 'text'),
      column(report, 'spend', 'money0'),
      column(report, 'total_cost', 'money0'),
      column(report, 'impressions', 'integer'),
      column(report, 'reach', 'integer'),
      column(report, 'cpm', 'money'),
      column(report, 'engagements', 'integer'),
      column(report, 'engagement_rate', 'percent'),
      column(report, 'engagement_rate_basis', 'text'),
      column(report, 'video_views', 'integer'),
    ],
    rows: awareness,
    csv: csvPath(page, 'awareness'),
    datasets: ['campaign_performance'],
    notes: notReportedNotes(report, awareness),
  };
}

function barSpecFor(size: ChartSize) {
  return barSpec(size, { labelLimit: 170 });
}

function sourceWords(report: Report, source: string): string {
  return source === 'organic' ? report.t.sources.organic : source === 'paid' ? report.t.sources.paid : source;
}

/** What counts as an engagement on each platform, once per platform. */
function definitions(report: Report, rows: readonly EngagementMonthlyRow[]): string[] {
  const seen = new Map<string, string>();
  for (const r of rows) if (r.engagement_definition && !seen.has(r.platform)) seen.set(r.platform, r.engagement_definition);
  return [...seen].map(([platform, definition]) => report.t.engagementDefinition(report.platformName(platform), report.t.engagementDefinitions[definition] ?? definition));
}
