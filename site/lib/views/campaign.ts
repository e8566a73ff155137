// One campaign over every month: its figures in the report month, its trend, its
// costs by category, its revenue under every attribution model, and what the
// platform reports against what the attribution credits.

import type { CampaignRoiRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { CampaignInfo, Report } from '../report.ts';
import type { TableColumn, TableModel, TableRow } from '../table.ts';
import { barInput, barSpec, lineSpec, lineValues, stackSpec } from '../charts.ts';
import type { BarRow, LineRow, Series } from '../charts.ts';
import { campaignRows } from '../select.ts';
import { notReportedCells } from '../format.ts';
import { campaignPath, csvPath } from '../routes.ts';
import { column, COST_COLOR, incompleteMonths, namedColumn, notReportedNotes, REVENUE_COLOR } from './common.ts';
import { basisWords, messagingColumns } from './campaigns.ts';
import { isMessaging, messagingMessages } from '../i18n-messaging.ts';
import { estimatedMonths } from './periods.ts';
import { intervalName, intervalNotes, intervalsOn, intervalWords, whiskerCaption, withInterval } from '../intervals.ts';

export const CATEGORY_COLORS: Record<string, string> = {
  media: '#1f3a5f',
  agency: '#5a7fa8',
  production: '#9bb5d1',
  influencer: '#8a6d12',
  tools: '#c9b26b',
  staff: '#6b7785',
  other: '#b8c0c9',
};
export const CATEGORIES = Object.keys(CATEGORY_COLORS);

export interface Fact {
  label: string;
  value: string;
}

export interface CampaignView {
  info: CampaignInfo;
  /** The month the figures are for: the report month, or the campaign's latest month before it. */
  month: string | null;
  facts: Fact[];
  /** What the brackets after the facts are: the interval; null without intervals. */
  factsNote: string | null;
  charts: ChartModel[];
  tables: TableModel[];
  /**
   * A messaging campaign (click-to-WhatsApp/Messenger): its objective in words and why
   * its ROI is no verdict; null for a campaign judged on ROI (or reach).
   */
  messaging: { label: string; objective: string; notice: string } | null;
}

/** Single-size charts: drawn once and scaled, which keeps 500 campaign pages fast. */
const WIDTH = { single: 290 } as const;

export function campaignView(report: Report, info: CampaignInfo): CampaignView {
  const page = campaignPath(info.slug);
  const month =
    [...info.months].reverse().find((m) => m <= report.month) ?? info.months.at(-1) ?? null;
  // every trend ends with the month the page is for: the months after it are not the
  // report's (the next one is usually still running)
  const upTo = <R extends { month: string }>(list: R[]) => (month === null ? list : list.filter((r) => r.month <= month));
  const rows = upTo(campaignRows(report.data.datasets.campaign_roi, info.campaign));
  const modelRows = rows.filter((r) => r.model === report.model).sort((a, b) => a.month.localeCompare(b.month));
  const focus = modelRows.find((r) => r.month === month) ?? null;

  const charts = [
    trendChart(report, page, modelRows),
    costChart(report, page, info, upTo),
    modelChart(report, page, rows.filter((r) => r.month === month)),
    platformChart(report, page, modelRows),
  ];
  const influencer = influencerTable(report, page, info, upTo);
  const tables = [performanceTable(report, page, info, upTo), ...(influencer ? [influencer] : [])];
  const m = messagingMessages(report.fmt.locale);
  const messaging = rows.some(isMessaging) ? { label: m.objectiveLabel, objective: m.objective, notice: m.campaignNotice } : null;
  return { info, month, messaging, facts: focus ? facts(report, focus) : [], factsNote: focus && intervalsOn(report) ? intervalWords(report).factsNote(intervalName(report), report.fmt.integer(report.manifest.settings.bootstrap_replicates)) : null, charts, tables };
}

/** The campaign's headline figures in the month the page is for, under the report's model. */
function facts(report: Report, focus: CampaignRoiRow): Fact[] {
  const { t, fmt } = report;
  const w = intervalWords(report);
  // the interval after the value, as "value (low – high)"; nothing without intervals
  const range = (value: string, low: string | null, high: string | null) => (intervalsOn(report) && low !== null && high !== null ? `${value} (${low}\u00a0– ${high})` : value);
  const money0 = (v: number | null) => (v === null ? null : fmt.money(v, 0));
  const percent0 = (v: number | null) => (v === null ? null : fmt.percent(v, 0));
  const ratio = (v: number | null) => (v === null ? null : fmt.ratio(v));
  const count = (v: number | null) => (v === null ? null : fmt.count(v));
  const cpaHigh = focus.cpa_low !== null && focus.cpa_high === null ? null : fmt.money(focus.cpa_high, 2);
  const cpa = intervalsOn(report) && focus.cpa_low !== null && cpaHigh === null ? `${fmt.money(focus.cpa, 2)} (${w.openHigh(fmt.money(focus.cpa_low, 2))})` : range(fmt.money(focus.cpa, 2), focus.cpa_low === null ? null : fmt.money(focus.cpa_low, 2), cpaHigh);
  // a messaging campaign: its conversations and their cost first; ROI and ROAS labelled as no verdict
  const m = messagingMessages(fmt.locale);
  const messaging = isMessaging(focus);
  const notReported = notReportedCells(focus, focus.platform !== null, t.notReported);
  const conversationFacts = messaging
    ? [
        { label: m.col.messaging_conversations, value: notReported.messaging_conversations ?? fmt.count(focus.messaging_conversations) },
        { label: m.col.cost_per_conversation, value: notReported.cost_per_conversation ?? fmt.money(focus.cost_per_conversation, 2) },
      ]
    : [];
  const notAVerdict = (label: string) => (messaging ? m.notAVerdict(label) : label);
  return [
    ...conversationFacts,
    { label: t.col.total_cost, value: fmt.money(focus.total_cost, 0) },
    { label: t.col.revenue, value: range(fmt.money(focus.revenue, 0), money0(focus.revenue_low), money0(focus.revenue_high)) },
    { label: t.col.gross_profit, value: range(fmt.money(focus.gross_profit, 0), money0(focus.gross_profit_low), money0(focus.gross_profit_high)) },
    { label: notAVerdict(t.col.roi), value: range(fmt.percent(focus.roi, 1), percent0(focus.roi_low), percent0(focus.roi_high)) },
    { label: notAVerdict(t.col.roas), value: range(fmt.ratio(focus.roas), ratio(focus.roas_low), ratio(focus.roas_high)) },
    {
      label: t.col.conversions,
      value: range(fmt.count(focus.conversions), count(focus.conversions_low), count(focus.conversions_high)) + (focus.too_few_conversions === true && !messaging ? ` – ${w.tooFew}` : ''),
    },
    { label: t.col.cpa, value: cpa },
    {
      label: t.col.platform_roas,
      value: notReportedCells(focus, focus.platform !== null, t.notReported).platform_roas ?? fmt.ratio(focus.platform_roas),
    },
  ];
}

/** What the platform reports for the campaign, one row per month; an estimated month says so. */
function performanceTable(report: Report, page: string, info: CampaignInfo, upTo: <R extends { month: string }>(list: R[]) => R[]): TableModel {
  const { t, fmt, data } = report;
  const performance = upTo(campaignRows(data.datasets.campaign_performance, info.campaign)).sort((a, b) => a.month.localeCompare(b.month));
  const partial = incompleteMonths(report, performance.map((r) => r.month));
  const estimated = estimatedMonths(report, info.campaign);
  const performanceRows: TableRow[] = performance.map((r) => ({
    cells: { ...r },
    display: {
      ...notReportedCells(r, r.platform !== null, t.notReported),
      engagement_rate_basis: basisWords(report, r.engagement_rate_basis),
      // spend of period rows spread pro rata over their days: an estimate, said so beside the month
      ...(estimated.has(r.month) ? { month: `${fmt.month(r.month)} ${t.periods.estimated}` } : {}),
      ...partial.monthCell(r.month),
    },
  }));
  return {
    id: 'performance',
    caption: t.campaignPerformanceCaption,
    columns: [
      column(report, 'month', 'month'),
      column(report, 'spend', 'money0'),
      column(report, 'impressions', 'integer'),
      column(report, 'reach', 'integer'),
      column(report, 'clicks', 'integer'),
      column(report, 'ctr', 'percent'),
      column(report, 'cpc', 'money'),
      column(report, 'cpm', 'money'),
      column(report, 'engagements', 'integer'),
      column(report, 'engagement_rate', 'percent'),
      column(report, 'engagement_rate_basis', 'text'),
      column(report, 'video_views', 'integer'),
      column(report, 'followers_gained', 'integer'),
      ...messagingColumns(report, performance, true),
    ],
    rows: performanceRows,
    csv: csvPath(page, 'performance'),
    datasets: ['campaign_performance'],
    notes: [t.engagementBasisNote, ...notReportedNotes(report, performanceRows), ...(estimated.size > 0 ? [t.periods.monthsNote] : [])],
  };
}

/** An influencer campaign's fee, coupon orders and ROI per month under the report's model; null: not an influencer campaign. */
function influencerTable(report: Report, page: string, info: CampaignInfo, upTo: <R extends { month: string }>(list: R[]) => R[]): TableModel | null {
  const { t, model, data } = report;
  const influencer = upTo(campaignRows(data.datasets.influencer_roi, info.campaign))
    .filter((r) => r.model === model)
    .sort((a, b) => a.month.localeCompare(b.month));
  if (influencer.length === 0) return null;
  return {
    id: 'influencer',
    caption: t.influencerCaptionCampaign,
    columns: [
      column(report, 'month', 'month'),
      column(report, 'coupon_code', 'code'),
      column(report, 'fee', 'money0'),
      column(report, 'other_cost', 'money0'),
      column(report, 'coupon_orders', 'count'),
      column(report, 'coupon_revenue', 'money0'),
      column(report, 'revenue', 'money0'),
      column(report, 'roi', 'percent', true),
    ],
    rows: influencer.map((r) => ({ cells: { ...r }, display: incompleteMonths(report, [r.month]).monthCell(r.month) })),
    csv: csvPath(page, 'influencer'),
    datasets: ['influencer_roi'],
  };
}

function trendChart(report: Report, page: string, rows: CampaignRoiRow[]): ChartModel {
  const { t, fmt } = report;
  const series: Series[] = [
    { name: t.costSeries, color: COST_COLOR, dash: [5, 3], shape: 'square' },
    { name: t.revenueSeries, color: REVENUE_COLOR, dash: [1, 0], shape: 'circle' },
  ];
  const partial = incompleteMonths(report, rows.map((r) => r.month));
  const values: LineRow[] = rows.flatMap((r, i) => {
    const label = fmt.monthShort(r.month);
    const last = i === rows.length - 1;
    const incomplete = partial.has(r.month);
    return [
      { i, month: label, series: t.costSeries, value: r.total_cost, text: fmt.money(r.total_cost, 0), last, incomplete },
      { i, month: label, series: t.revenueSeries, value: r.revenue, text: fmt.money(r.revenue, 0), last, lo: r.revenue_low, hi: r.revenue_high, incomplete },
    ];
  });
  const trendColumns = [
    column(report, 'month', 'month'),
    column(report, 'media_spend', 'money0'),
    column(report, 'other_cost', 'money0'),
    column(report, 'total_cost', 'money0'),
    withInterval(report, column(report, 'conversions', 'count')),
    withInterval(report, column(report, 'revenue', 'money0')),
    withInterval(report, column(report, 'gross_profit', 'money0')),
    withInterval(report, column(report, 'roi', 'percent', true)),
    withInterval(report, column(report, 'roas', 'ratio')),
    withInterval(report, column(report, 'cpa', 'money'), 'cpa', true),
  ];
  return {
    id: 'trend',
    title: t.campaignTrendTitle,
    caption: t.campaignTrendCaption(report.modelName(report.model)) + whiskerCaption(report, 'lineWhiskers') + partial.caption('line'),
    label: t.campaignTrendLabel(rows.map((r) => `${fmt.month(r.month)}: ${fmt.money(r.total_cost, 0)} / ${fmt.money(r.revenue, 0)}`).join('; ')),
    drawing: rows.length === 0 ? null : { spec: (size) => lineSpec(size, { series, format: '$,.0f', whiskers: intervalsOn(report) }), input: () => ({ values: lineValues(values) }), widths: WIDTH },
    table: {
      id: 'trend',
      caption: t.campaignTrendTitle,
      columns: trendColumns,
      rows: rows.map((r) => ({ cells: { ...r }, display: partial.monthCell(r.month), sub: r.too_few_conversions === true ? { conversions: intervalWords(report).tooFew } : undefined })),
      csv: csvPath(page, 'trend'),
      datasets: ['campaign_roi'],
      notes: intervalNotes(report, { columns: trendColumns }),
    },
  };
}

function costChart(report: Report, page: string, info: CampaignInfo, upTo: <R extends { month: string }>(list: R[]) => R[]): ChartModel {
  const { t, fmt, data } = report;
  const rows = upTo(campaignRows(data.datasets.cost_breakdown, info.campaign));
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const partial = incompleteMonths(report, months);
  const categories = [...CATEGORIES, ...new Set(rows.map((r) => r.category).filter((c) => !CATEGORIES.includes(c)))];
  const categoryName = (c: string) => (t.categories as Record<string, string>)[c] ?? c;
  const values = rows
    .filter((r) => r.amount !== null)
    .map((r) => ({ i: months.indexOf(r.month), month: fmt.monthShort(r.month), category: categoryName(r.category), order: categories.indexOf(r.category), value: r.amount, incomplete: partial.has(r.month) }));
  const columns: TableColumn[] = [column(report, 'month', 'month'), ...categories.map((c) => namedColumn(c, categoryName(c), 'money0'))];
  const tableRows = months.map((m) => {
    const cells: Record<string, string | number | null> = { month: m };
    for (const c of categories) cells[c] = rows.find((r) => r.month === m && r.category === c)?.amount ?? null;
    return { cells, display: partial.monthCell(m) };
  });
  return {
    id: 'costs',
    title: t.campaignCostsTitle,
    caption: t.campaignCostsCaption + partial.caption('stack'),
    label: t.campaignCostsLabel,
    drawing:
      values.length === 0
        ? null
        : {
            spec: (size) => stackSpec(size, { categories: CATEGORIES.map((c) => ({ name: categoryName(c), color: CATEGORY_COLORS[c] ?? '#999' })), format: '$,.0f' }),
            input: () => ({ values }),
            widths: WIDTH,
          },
    table: { id: 'costs', caption: t.campaignCostsTitle, columns, rows: tableRows, csv: csvPath(page, 'costs'), datasets: ['cost_breakdown'] },
  };
}

function modelChart(report: Report, page: string, rows: CampaignRoiRow[]): ChartModel {
  const { t, fmt } = report;
  const ordered = report.models.map((m) => rows.find((r) => r.model === m)).filter((r): r is CampaignRoiRow => r !== undefined);
  const bars: BarRow[] = ordered.map((r) => ({
    label: report.modelName(r.model),
    value: r.revenue ?? 0,
    color: r.model === report.model ? REVENUE_COLOR : '#9aa5b1',
    text: fmt.money(r.revenue, 0),
    lo: r.revenue_low,
    hi: r.revenue_high,
  }));
  const modelColumns = [
    column(report, 'model', 'text'),
    withInterval(report, column(report, 'conversions', 'count')),
    withInterval(report, column(report, 'revenue', 'money0')),
    withInterval(report, column(report, 'gross_profit', 'money0')),
    withInterval(report, column(report, 'roi', 'percent', true)),
    withInterval(report, column(report, 'roas', 'ratio')),
  ];
  const month = rows[0]?.month;
  const words = month ? fmt.month(month) : '';
  return {
    id: 'models',
    title: t.campaignModelsTitle(words),
    caption: t.campaignModelsCaption(report.modelName(report.model)) + whiskerCaption(report),
    label: t.campaignModelsLabel(words, bars.map((b) => `${b.label} ${b.text}`).join(', ')),
    drawing:
      bars.length === 0
        ? null
        : { spec: (size) => barSpec(size, { labelLimit: 130, whiskers: true }), input: (size) => barInput(bars, size.width), widths: { single: 250 } },
    table: {
      id: 'models',
      caption: t.campaignModelsTitle(words),
      columns: modelColumns,
      rows: ordered.map((r) => ({ cells: { ...r }, display: { model: report.modelName(r.model) } })),
      csv: csvPath(page, 'models'),
      datasets: ['campaign_roi'],
      notes: intervalNotes(report, { columns: modelColumns }),
    },
  };
}

function platformChart(report: Report, page: string, rows: CampaignRoiRow[]): ChartModel {
  const { t, fmt } = report;
  const series: Series[] = [
    { name: t.platformSeries, color: '#b3261e', dash: [5, 3], shape: 'triangle-up' },
    { name: t.attributedSeries, color: REVENUE_COLOR, dash: [1, 0], shape: 'circle' },
  ];
  const withPlatform = rows.filter((r) => r.platform_roas !== null || r.roas !== null);
  const partial = incompleteMonths(report, rows.map((r) => r.month));
  const values: LineRow[] = withPlatform.flatMap((r, i) => {
    const label = fmt.monthShort(r.month);
    const last = i === withPlatform.length - 1;
    const incomplete = partial.has(r.month);
    return [
      { i, month: label, series: t.platformSeries, value: r.platform_roas, text: fmt.ratio(r.platform_roas), last, incomplete },
      { i, month: label, series: t.attributedSeries, value: r.roas, text: fmt.ratio(r.roas), last, incomplete },
    ];
  });
  const hasPlatform = withPlatform.some((r) => r.platform_roas !== null);
  const platformRows: TableRow[] = rows.map((r) => ({ cells: { ...r }, display: { ...notReportedCells(r, r.platform !== null, t.notReported), ...partial.monthCell(r.month) } }));
  return {
    id: 'platform',
    title: t.campaignPlatformTitle,
    caption: t.campaignPlatformCaption + partial.caption('line'),
    label: t.campaignPlatformLabel(withPlatform.map((r) => `${fmt.month(r.month)}: ${fmt.ratio(r.platform_roas)} / ${fmt.ratio(r.roas)}`).join('; ')),
    drawing: hasPlatform ? { spec: (size) => lineSpec(size, { series, format: ',.1f' }), input: () => ({ values: lineValues(values) }), widths: WIDTH } : null,
    table: {
      id: 'platform',
      caption: t.campaignPlatformTitle,
      columns: [
        column(report, 'month', 'month'),
        column(report, 'platform_conversions', 'count'),
        column(report, 'conversions', 'count'),
        column(report, 'platform_conversion_value', 'money0'),
        column(report, 'revenue', 'money0'),
        column(report, 'platform_roas', 'ratio'),
        column(report, 'roas', 'ratio'),
      ],
      rows: platformRows,
      csv: csvPath(page, 'platform'),
      datasets: ['campaign_roi'],
      notes: notReportedNotes(report, platformRows),
    },
  };
}
