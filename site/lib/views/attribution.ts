// How much the answer depends on the attribution model: each campaign's ROI under
// every attribution model with its range, the month's totals per model, what the platforms
// claim against what is attributed, and the settings the attribution ran with.

import type { ModelComparisonRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { TableModel } from '../table.ts';
import { barInput, barSpec, rangeSpec } from '../charts.ts';
import type { BarRow, RangeRow } from '../charts.ts';
import { monthRows } from '../select.ts';
import { notReportedCells } from '../format.ts';
import { campaignPath, csvPath, monthPath } from '../routes.ts';
import { column, namedColumn, keyColumn } from './common.ts';
import { estimatedPlatforms } from './periods.ts';
import { isSpecialKey } from '../channels.ts';
import { intervalNotes, whiskerCaption, withInterval } from '../intervals.ts';
import { isMessaging } from '../i18n-messaging.ts';
import { messagingNotes, messagingSub } from './campaigns.ts';

export const MODEL_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'];

export interface AttributionView {
  settings: { label: string; value: string }[];
  charts: ChartModel[];
  tables: TableModel[];
}

/** Campaigns in the range chart: the ones whose ROI depends most on the model. */
const CHART_CAMPAIGNS = 15;

export function attributionView(report: Report, month: string): AttributionView {
  const page = monthPath(month, 'attribution');
  const sensitivity = sensitivitySection(report, month, page);
  return {
    settings: attributionSettings(report),
    charts: [sensitivity.chart, modelTotalsSection(report, month, page), overAttributionSection(report, month, page)],
    tables: [sensitivity.table],
  };
}

/** The settings the attribution ran with, as label and value. */
function attributionSettings(report: Report): AttributionView['settings'] {
  const { t, fmt, model, manifest } = report;
  const s = manifest.settings;
  return [
    { label: t.attributionModel, value: report.modelName(model) },
    { label: t.lookbackDays, value: t.days(fmt.integer(s.lookback_days)) },
    { label: t.lookbackBasis, value: t.lookbackBases[s.lookback_basis] },
    { label: t.halfLife, value: t.days(fmt.count(s.time_decay_half_life_days)) },
    { label: t.countViews, value: s.count_views ? t.yes : t.no },
    { label: t.pathTransform, value: (t.pathTransforms as Record<string, string>)[s.path_transform] ?? s.path_transform },
    { label: t.grossMargin, value: fmt.percent(s.gross_margin, 0) },
  ];
}

function modelNamer(report: Report): (m: string) => string {
  return (m) => report.modelName(m);
}

/**
 * Each campaign's ROI under every model with its range, widest range first: the whole
 * table, and a range chart of the CHART_CAMPAIGNS campaigns whose ROI depends most on the model.
 */
function sensitivitySection(report: Report, month: string, page: string): { chart: ChartModel; table: TableModel } {
  const { t, fmt, model, data } = report;
  // One entry per campaign, with its rows per model; widest ROI range first.
  const byCampaign = new Map<string, ModelComparisonRow[]>();
  for (const r of monthRows(data.datasets.model_comparison, month)) {
    let list = byCampaign.get(r.campaign);
    if (!list) byCampaign.set(r.campaign, (list = []));
    list.push(r);
  }
  // unmapped spend and orders without a touchpoint are not campaigns: after the campaigns
  // in the table, and never on the chart, whose scale they would stretch (unmapped spend
  // earns little under any model, which makes its ROI range the widest)
  const campaigns = [...byCampaign.values()]
    .map((rows) => ({ rows, first: rows[0]!, special: isSpecialKey(rows[0]!.campaign) }))
    .sort((a, b) => Number(a.special) - Number(b.special) || (b.first.roi_spread ?? -1) - (a.first.roi_spread ?? -1) || (a.first.name ?? '').localeCompare(b.first.name ?? ''));
  const modelName = modelNamer(report);
  // messaging campaigns are judged on conversations: in the table, labelled, but not on the chart of ROI ranges
  const messaging = new Set(monthRows(data.datasets.campaign_roi, month).filter(isMessaging).map((r) => r.campaign));

  const charted = campaigns.filter((c) => !c.special && !messaging.has(c.first.campaign) && c.first.roi_spread !== null).slice(0, CHART_CAMPAIGNS);
  const rangeRows: RangeRow[] = charted.flatMap(({ rows, first }) => {
    const label = report.campaignName(first.campaign, first.name);
    return [
      { label, kind: 'range' as const, lo: first.roi_min, hi: first.roi_max, model: null, value: null, chosen: false },
      ...rows.map((r) => ({ label, kind: 'model' as const, lo: null, hi: null, model: modelName(r.model), value: r.roi, chosen: r.model === model })),
    ];
  });
  const words = fmt.month(month);
  const roiColumns = report.models.map((m) => namedColumn(`roi_${m}`, modelName(m), 'percent', true));
  const table: TableModel = {
    id: 'sensitivity',
    caption: t.sensitivityCaption(words),
    columns: [
      keyColumn(), column(report, 'name', 'text'),
      column(report, 'channel', 'text'),
      ...roiColumns,
      // the lowest and highest ROI are the model columns' ends, in the downloads: on the page
      // they pushed the range, the column the table is sorted by, out of a 1280-pixel window
      { ...column(report, 'roi_min', 'percent', true), csvOnly: true },
      { ...column(report, 'roi_max', 'percent', true), csvOnly: true },
      column(report, 'roi_spread', 'pointsChange'),
    ],
    rows: campaigns.map(({ rows, first, special }) => {
      const cells: Record<string, string | number | null> = {
        campaign: first.campaign,
        name: first.name,
        channel: first.channel,
        roi_min: first.roi_min,
        roi_max: first.roi_max,
        roi_spread: first.roi_spread,
        objective: messaging.has(first.campaign) ? 'messaging' : null,
      };
      for (const m of report.models) cells[`roi_${m}`] = rows.find((r) => r.model === m)?.roi ?? null;
      const info = report.campaigns.get(first.campaign);
      return {
        cells,
        display: { name: report.campaignName(first.campaign, first.name), channel: report.channelName(first.channel) },
        href: info ? campaignPath(info.slug) : null,
        swatch: first.channel ? { column: 'channel', color: report.channelColor(first.channel) } : null,
        special,
        sub: messagingSub(report, { objective: cells.objective as string | null }),
      };
    }),
    csv: csvPath(page, 'sensitivity'),
    datasets: ['model_comparison'],
  };
  table.notes = [...(table.notes ?? []), ...messagingNotes(report, table.rows)];

  const chart: ChartModel = {
    id: 'sensitivity',
    title: t.sensitivityTitle,
    // the rows that are not campaigns are named under the chart, with their range, and stay in the table's last rows
    caption:
      `${t.sensitivityChartCaption(words, String(charted.length), report.modelName(model))} ${t.truth.orderBySpread}` +
      (campaigns.some((c) => c.special)
        ? ` ${t.truth.specialBelowChart(
            campaigns
              .filter((c) => c.special)
              .map(({ first }) => (first.roi_spread === null ? report.campaignName(first.campaign, first.name) : `${report.campaignName(first.campaign, first.name)} (${fmt.pointsChange(first.roi_spread)})`))
              .join(', '),
          )}`
        : ''),
    label: t.sensitivityLabel(
      words,
      charted.map(({ first }) => `${first.name ?? first.campaign} ${fmt.percent(first.roi_min, 0)} … ${fmt.percent(first.roi_max, 0)}`).join(', '),
    ),
    drawing:
      rangeRows.length === 0
        ? null
        : {
            spec: (size) => rangeSpec(size, { models: report.models.map(modelName), shapes: MODEL_SHAPES, labelLimit: 220, labels: charted.map(({ first }) => report.campaignName(first.campaign, first.name)) }),
            input: () => ({ values: rangeRows }),
            widths: { wide: 560, narrow: 200 },
          },
    table: { ...table, id: 'sensitivity-chart', caption: t.sensitivityTitle, rows: table.rows.filter((r) => charted.some((c) => c.first.campaign === r.cells.campaign)), csv: csvPath(page, 'sensitivity-chart') },
  };
  return { chart, table };
}

/** The month's totals under every model, the selected one highlighted. */
function modelTotalsSection(report: Report, month: string, page: string): ChartModel {
  const { t, fmt, model, data } = report;
  const modelName = modelNamer(report);
  const words = fmt.month(month);
  const totals = report.models.map((m) => monthRows(data.datasets.monthly_trend, month, m)[0]).filter((r) => r !== undefined);
  const totalBars: BarRow[] = totals
    .filter((r) => r.roi !== null)
    .map((r) => ({ label: modelName(r.model), value: r.roi ?? 0, color: r.model === model ? '#1f3a5f' : '#9aa5b1', text: fmt.percent(r.roi, 1), lo: r.roi_low, hi: r.roi_high }));
  const totalsColumns = [
    column(report, 'model', 'text'),
    withInterval(report, column(report, 'conversions', 'count')),
    withInterval(report, column(report, 'revenue', 'money0')),
    withInterval(report, column(report, 'gross_profit', 'money0')),
    withInterval(report, column(report, 'roi', 'percent', true)),
    // the month's ROAS divides the revenue of the campaigns bought on platforms, shown beside it
    namedColumn('paid_media_revenue', t.truth.paidMediaRevenue, 'money0'),
    withInterval(report, namedColumn('roas', t.truth.roasPaid, 'ratio')),
  ];
  const totalsTable: TableModel = {
    id: 'model-totals',
    caption: t.modelTotalsTitle,
    columns: totalsColumns,
    rows: totals.map((r) => ({ cells: { ...r }, display: { model: modelName(r.model) } })),
    csv: csvPath(page, 'model-totals'),
    datasets: ['monthly_trend'],
    notes: [...intervalNotes(report, { columns: totalsColumns }), t.truth.roasPaidNote],
  };
  return {
    id: 'model-totals',
    title: t.modelTotalsTitle,
    caption: t.modelTotalsCaption(words) + whiskerCaption(report),
    label: t.modelTotalsLabel(words, totalBars.map((b) => `${b.label} ${b.text}`).join(', ')),
    drawing: totalBars.length === 0 ? null : { spec: (size) => barSpec(size, { labelLimit: 150, whiskers: true }), input: (size) => barInput(totalBars, size.width), widths: { wide: 300, narrow: 190 } },
    table: totalsTable,
  };
}

/** What each platform claims against what the selected model attributes to it, and all platforms together measured the same way (over_attribution.sql). */
function overAttributionSection(report: Report, month: string, page: string): ChartModel {
  const { t, fmt, model, data } = report;
  const words = fmt.month(month);
  const over = monthRows(data.datasets.over_attribution, month, model).sort((a, b) =>
    a.platform === 'all' ? 1 : b.platform === 'all' ? -1 : a.platform.localeCompare(b.platform),
  );
  // the `all` row leaves out a platform that reports no conversion value, and says so
  const someUnreported = over.some((r) => r.platform !== 'all' && r.platform_conversion_value === null);
  const platformName = (p: string) => (p === 'all' ? (someUnreported ? t.allReportingPlatforms : t.allPlatforms) : report.platformName(p));
  const estimated = estimatedPlatforms(report, month);
  const overBars: BarRow[] = over
    .filter((r) => r.over_attribution_factor !== null)
    .map((r) => ({ label: platformName(r.platform), value: r.over_attribution_factor ?? 0, color: r.platform === 'all' ? '#1f3a5f' : '#9aa5b1', text: `${fmt.ratio(r.over_attribution_factor)}×` }));
  const overTable: TableModel = {
    id: 'over-attribution',
    caption: t.overAttributionTitle,
    columns: [
      column(report, 'platform', 'text'),
      column(report, 'media_spend', 'money0'),
      column(report, 'platform_conversions', 'count'),
      column(report, 'attributed_conversions', 'count'),
      column(report, 'platform_conversion_value', 'money0'),
      column(report, 'attributed_revenue', 'money0'),
      namedColumn('spend_with_conversion_value', t.truth.spendWithValue, 'money0'),
      column(report, 'platform_roas', 'ratio'),
      column(report, 'attributed_roas', 'ratio'),
      column(report, 'over_attribution_factor', 'ratio'),
    ],
    // every row is a platform's (or all platforms') numbers: an empty claim is one it did not report
    // a platform whose spend holds period rows spread pro rata says so after its name
    rows: over.map((r) => ({
      cells: { ...r },
      display: { ...notReportedCells(r, true, t.notReported), platform: estimated.has(r.platform) ? `${platformName(r.platform)} ${t.periods.estimated}` : platformName(r.platform) },
      special: r.platform === 'all',
    })),
    csv: csvPath(page, 'over-attribution'),
    datasets: ['over_attribution'],
    notes: [t.overAttributionNote, t.truth.platformRoasNote],
  };
  return {
    id: 'over-attribution',
    title: t.overAttributionTitle,
    caption: `${t.overAttributionCaption(words)} ${t.truth.orderPlatforms}`,
    label: t.overAttributionLabel(words, overBars.map((b) => `${b.label} ${b.text}`).join(', ')),
    drawing: overBars.length === 0 ? null : { spec: (size) => barSpec(size, { labelLimit: 150 }), input: (size) => barInput(overBars, size.width), widths: { wide: 300, narrow: 190 } },
    table: overTable,
  };
}
