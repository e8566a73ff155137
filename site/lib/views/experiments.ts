// The experiments section of the attribution page: per channel, each lift test or geo
// experiment whose days touch the month, with what the platform claims, what attribution
// credits (with its bootstrap interval) and what the experiment measured (with its
// interval), and the ratios between them (experiment_comparison); a dot chart of the
// ratios; and the weekly media-mix export (media_mix_weekly) as a wide table, one row per
// week and a column per channel, in the layout Meridian, PyMC-Marketing and Robyn read.

import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentComparisonRow, MediaMixWeeklyRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { ExperimentMessages, ExperimentMetric } from '../i18n-experiments.ts';
import { experimentMessages } from '../i18n-experiments.ts';
import type { Report } from '../report.ts';
import type { TableColumn, TableModel, TableRow } from '../table.ts';
import { isSpecialKey } from '../channels.ts';
import { addMonths } from '../months.ts';
import { csvPath, monthPath } from '../routes.ts';
import { monthRows } from '../select.ts';
import { slugify } from '../slug.ts';
import { DATA, MUTED_COLOR, TEXT_COLOR } from '../vega.ts';

export interface ExperimentsView {
  /** The section's texts in the report's locale. */
  t: ExperimentMessages;
  /** One table per channel with an experiment in the month, channels by name. */
  tables: TableModel[];
  /** The ratios as a dot chart; null without an experiment to compare. */
  chart: ChartModel | null;
  /** The sentence shown instead of the tables when no experiment covers the month. */
  none: string | null;
  /** Notes under the tables: how each side is computed, levels that differ, rejected rows. */
  notes: string[];
  /** The weekly media-mix export: complete weeks up to the month's end. */
  mmm: TableModel;
}

/** Weeks of the media-mix table the page shows; the CSV file has all. */
const MMM_SHOWN_WEEKS = 8;

export function experimentsView(report: Report, month: string): ExperimentsView {
  const t = experimentMessages(report.fmt.locale);
  const page = monthPath(month, 'attribution');
  const rows = monthRows(report.data.datasets.experiment_comparison, month).sort(
    (a, b) => (a.channel ?? '').localeCompare(b.channel ?? '') || (a.start_date ?? '').localeCompare(b.start_date ?? '') || (a.source_line ?? 0) - (b.source_line ?? 0),
  );
  const byChannel = new Map<string, ExperimentComparisonRow[]>();
  for (const row of rows) {
    const key = row.channel ?? '';
    const list = byChannel.get(key);
    if (list) list.push(row);
    else byChannel.set(key, [row]);
  }
  const usedSlugs = new Set<string>();
  const labels = experimentLabels(report, t, rows);
  const tables = [...byChannel].map(([channel, list]) => experimentTable(report, t, page, channel, list, usedSlugs, labels));
  const words = report.fmt.month(month);
  const rejected = report.manifest.inputs.find((i) => i.kind === 'experiments')?.rejected ?? 0;
  return {
    t,
    tables,
    chart: rows.length ? ratioChart(report, t, page, words, rows, labels) : null,
    none: rows.length ? null : t.none(words),
    notes: [...(rows.length ? experimentNotes(report, t, rows) : []), ...(rejected > 0 ? [t.rejected(report.fmt.integer(rejected))] : [])],
    mmm: mediaMixTable(report, t, page, month),
  };
}

/** An experiment as the page names it: what it tested and its source, e.g. `Meta · Meta Conversion Lift`; its id when that is not unique. */
function experimentLabels(report: Report, t: ExperimentMessages, rows: readonly ExperimentComparisonRow[]): Map<string, string> {
  const base = (r: ExperimentComparisonRow) => t.experimentName(r.campaign ? report.campaignName(r.campaign, r.campaign_name) : report.channelName(r.channel), r.source);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(base(r), (counts.get(base(r)) ?? 0) + 1);
  return new Map(rows.map((r) => [r.experiment_id, (counts.get(base(r)) ?? 0) > 1 ? `${base(r)}, ${r.experiment_id}` : base(r)]));
}

/** A value of the experiment's metric as the page writes it. */
function metricValue(report: Report, metric: string, value: number | null): string {
  const { fmt } = report;
  if (value === null) return fmt.number(null);
  if (metric === 'revenue') return fmt.money(value, 0);
  if (metric === 'iroas') return fmt.ratio(value);
  return fmt.count(value);
}

function withInterval(report: Report, t: ExperimentMessages, metric: string, value: number | null, low: number | null, high: number | null): string {
  const shown = metricValue(report, metric, value);
  if (value === null || low === null || high === null) return shown;
  return t.withInterval(shown, metricValue(report, metric, low), metricValue(report, metric, high));
}

function experimentTable(
  report: Report,
  t: ExperimentMessages,
  page: string,
  channel: string,
  list: ExperimentComparisonRow[],
  usedSlugs: Set<string>,
  labels: Map<string, string>,
): TableModel {
  const { fmt } = report;
  let slug = slugify(channel) || 'channel';
  while (usedSlugs.has(slug)) slug += '-x';
  usedSlugs.add(slug);
  const col = (key: string, label: string, kind: TableColumn['kind'], csvOnly = false): TableColumn => ({ key, label, kind, csvOnly });
  const tableRows: TableRow[] = list.map((r) => {
    const metric = r.metric as ExperimentMetric;
    const ratio = (value: number | null) => (value === null ? t.notComparable : t.ratioText(fmt.ratio(value)));
    return {
      key: r.experiment_id,
      cells: {
        experiment_id: r.experiment_id,
        channel: r.channel,
        campaign: r.campaign,
        source: r.source,
        start_date: r.start_date,
        end_date: r.end_date,
        metric: r.metric,
        platform_value: r.platform_value,
        attributed_value: r.attributed_value,
        attributed_low: r.attributed_low,
        attributed_high: r.attributed_high,
        experiment_estimate: r.experiment_estimate,
        experiment_low: r.experiment_low,
        experiment_high: r.experiment_high,
        experiment_level: r.experiment_level,
        attribution_to_experiment: r.attribution_to_experiment,
        platform_to_experiment: r.platform_to_experiment,
        note: r.note,
      },
      display: {
        experiment_id: labels.get(r.experiment_id) ?? r.experiment_id,
        start_date: t.period(fmt.date(r.start_date ?? ''), fmt.date(r.end_date ?? '')),
        metric: t.metrics[metric] ?? r.metric,
        platform_value: r.platform_value === null ? t.notReported : metricValue(report, metric, r.platform_value),
        attributed_value: withInterval(report, t, metric, r.attributed_value, r.attributed_low, r.attributed_high),
        experiment_estimate:
          r.experiment_low === null ? `${metricValue(report, metric, r.experiment_estimate)} (${t.noInterval})` : withInterval(report, t, metric, r.experiment_estimate, r.experiment_low, r.experiment_high),
        attribution_to_experiment: ratio(r.attribution_to_experiment),
        platform_to_experiment: ratio(r.platform_to_experiment),
      },
    };
  });
  return {
    id: `experiments-${slug}`,
    caption: t.tableCaption(report.channelName(channel || null)),
    columns: [
      col('experiment_id', t.col.experiment, 'text'),
      col('channel', 'channel', 'text', true),
      col('campaign', 'campaign', 'code', true),
      col('source', 'source', 'text', true),
      col('start_date', t.col.period, 'date'),
      col('end_date', 'end_date', 'date', true),
      col('metric', t.col.metric, 'text'),
      col('platform_value', t.col.platform, 'number'),
      col('attributed_value', t.col.attributed, 'number'),
      col('attributed_low', 'attributed_low', 'number', true),
      col('attributed_high', 'attributed_high', 'number', true),
      col('experiment_estimate', t.col.experiment_estimate, 'number'),
      col('experiment_low', 'experiment_low', 'number', true),
      col('experiment_high', 'experiment_high', 'number', true),
      col('experiment_level', 'experiment_level', 'percent', true),
      col('attribution_to_experiment', t.col.attribution_to_experiment, 'ratio'),
      col('platform_to_experiment', t.col.platform_to_experiment, 'ratio'),
      col('note', 'note', 'text', true),
    ],
    rows: tableRows,
    csv: csvPath(page, `experiments-${slug}`),
    datasets: ['experiment_comparison'],
  };
}

function experimentNotes(report: Report, t: ExperimentMessages, rows: ExperimentComparisonRow[]): string[] {
  const { fmt } = report;
  const first = rows[0]!;
  const level = first.interval_level;
  const notes = t.notes(fmt.percent(level, 0), fmt.integer(first.replicates), report.modelName(report.model));
  if (!first.replicates) notes.push(t.bootstrapOff);
  const other = rows.filter((r) => r.experiment_level !== null && r.experiment_level !== level);
  if (other.length) {
    notes.push(t.levelNote(other.map((r) => r.experiment_id).join(', '), [...new Set(other.map((r) => fmt.percent(r.experiment_level, 0)))].join(', ')));
  }
  return notes;
}

interface RatioPoint {
  label: string;
  side: string;
  value: number | null;
  lo: number | null;
  hi: number | null;
}

/**
 * Each experiment on its own line, its three answers as multiples of what it measured:
 * the experiment at 1 with its interval, attribution with its bootstrap interval, the
 * platform's claim as a point. An experiment that measured nothing above 0 has no line.
 */
function ratioChart(report: Report, t: ExperimentMessages, page: string, words: string, rows: ExperimentComparisonRow[], names: Map<string, string>): ChartModel {
  const { fmt } = report;
  const comparable = rows.filter((r) => r.experiment_estimate !== null && r.experiment_estimate > 0);
  const per = (v: number | null, r: ExperimentComparisonRow) => (v === null ? null : v / r.experiment_estimate!);
  const points: RatioPoint[] = comparable.flatMap((r) => {
    const label = names.get(r.experiment_id) ?? r.experiment_id;
    return [
      { label, side: t.sides.experiment, value: 1, lo: per(r.experiment_low, r), hi: per(r.experiment_high, r) },
      { label, side: t.sides.attributed, value: r.attribution_to_experiment, lo: per(r.attributed_low, r), hi: per(r.attributed_high, r) },
      { label, side: t.sides.platform, value: r.platform_to_experiment, lo: null, hi: null },
    ];
  });
  const sides = [t.sides.experiment, t.sides.attributed, t.sides.platform];
  const colors = ['#0f766e', '#1f3a5f', '#c2410c'];
  const labels = comparable.map((r) => names.get(r.experiment_id) ?? r.experiment_id);
  const spec = ({ width, narrow }: { width: number; narrow: boolean }): TopLevelSpec =>
    ({
      width,
      height: { step: 30 },
      data: { name: DATA },
      encoding: {
        y: { field: 'label', type: 'nominal', sort: null, scale: { domain: labels }, axis: { title: null, domain: false, ticks: false, labelPadding: 8, labelLimit: narrow ? 110 : 280, labelFontSize: 12, labelColor: TEXT_COLOR } },
        yOffset: { field: 'side', type: 'nominal', sort: sides, scale: { domain: sides } },
        color: { field: 'side', type: 'nominal', scale: { domain: sides, range: colors }, legend: { orient: 'top', direction: 'horizontal', title: null, labelFontSize: 12 } },
      },
      layer: [
        // one rule at 1, from one row of its own (on the chart's rows it was drawn once per row)
        { data: { values: [{}] }, mark: { type: 'rule', color: MUTED_COLOR, strokeDash: [3, 3] }, encoding: { x: { datum: 1, type: 'quantitative' }, y: null, yOffset: null, color: null } },
        {
          transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { x: { field: 'lo', type: 'quantitative', axis: { title: null, format: '.1f', grid: true, tickCount: narrow ? 4 : 6, domain: false, labelFontSize: 11 } }, x2: { field: 'hi' } },
        },
        { transform: [{ filter: 'isValid(datum.value)' }], mark: { type: 'point', filled: true, size: 60 }, encoding: { x: { field: 'value', type: 'quantitative' } } },
      ],
    }) as TopLevelSpec;
  const ratio = (v: number | null) => (v === null ? t.notComparable : t.ratioText(fmt.ratio(v)));
  const table: TableModel = {
    id: 'experiments-chart',
    caption: t.chartTitle,
    columns: [
      { key: 'experiment_id', label: t.col.experiment, kind: 'text' },
      { key: 'attribution_to_experiment', label: t.col.attribution_to_experiment, kind: 'ratio' },
      { key: 'platform_to_experiment', label: t.col.platform_to_experiment, kind: 'ratio' },
    ],
    rows: comparable.map((r) => ({
      display: {
        experiment_id: names.get(r.experiment_id) ?? r.experiment_id,
        attribution_to_experiment: ratio(r.attribution_to_experiment),
        platform_to_experiment: ratio(r.platform_to_experiment),
      },
      cells: { experiment_id: r.experiment_id, attribution_to_experiment: r.attribution_to_experiment, platform_to_experiment: r.platform_to_experiment },
    })),
    csv: csvPath(page, 'experiments-chart'),
    datasets: ['experiment_comparison'],
  };
  return {
    id: 'experiments',
    title: t.chartTitle,
    caption: t.chartCaption(words),
    label: t.chartLabel(
      words,
      comparable.map((r) => `${names.get(r.experiment_id) ?? r.experiment_id}: ${t.sides.attributed} ${ratio(r.attribution_to_experiment)}, ${t.sides.platform} ${ratio(r.platform_to_experiment)}`).join('; '),
    ),
    drawing: points.length === 0 ? null : { spec, input: () => ({ values: points }), widths: { wide: 460, narrow: 200 } },
    table,
  };
}

/** A channel as a column name: lower-case ASCII and `_` (`YouTube` -> `youtube`), unique among the channels. */
export function channelColumnName(channel: string, taken: Set<string>): string {
  let name = slugify(channel).replace(/-/g, '_') || 'channel';
  if (/^[0-9]/.test(name)) name = `channel_${name}`;
  while (taken.has(name)) name += '_2';
  taken.add(name);
  return name;
}

/**
 * The weekly media-mix export, wide: one row per complete ISO week ending by the month's
 * last day, `time` (the Monday), `<channel>_spend`, `<channel>_impressions`,
 * `<channel>_clicks` per channel with media spend in those weeks, then the shop's `revenue`
 * and `conversions` and `revenue_per_conversion`. Plain CSV (README, "Media-mix export").
 */
function mediaMixTable(report: Report, t: ExperimentMessages, page: string, month: string): TableModel {
  const next = `${addMonths(month, 1)}-01`;
  const weeks = report.data.datasets.media_mix_weekly.filter((r) => r.is_complete === true && r.week_end !== null && r.week_end < next);
  const byWeek = new Map<string, MediaMixWeeklyRow[]>();
  for (const row of weeks) {
    const list = byWeek.get(row.week_start);
    if (list) list.push(row);
    else byWeek.set(row.week_start, [row]);
  }
  const spenders = [...new Set(weeks.filter((r) => (r.media_spend ?? 0) > 0).map((r) => r.channel))].sort((a, b) =>
    Number(isSpecialKey(a)) - Number(isSpecialKey(b)) || a.localeCompare(b),
  );
  const taken = new Set(['time', 'revenue', 'conversions', 'revenue_per_conversion']);
  const channelColumns = spenders.map((channel) => ({ channel, name: channelColumnName(channel, taken) }));
  const label = (channel: string) => report.channelName(channel);
  const columns: TableColumn[] = [
    { key: 'time', label: t.mmmCol.time, kind: 'date' },
    ...channelColumns.flatMap(({ channel, name }): TableColumn[] => [
      { key: `${name}_spend`, label: t.mmmCol.spend(label(channel)), kind: 'money0' },
      { key: `${name}_impressions`, label: t.mmmCol.impressions(label(channel)), kind: 'integer', csvOnly: true },
      { key: `${name}_clicks`, label: t.mmmCol.clicks(label(channel)), kind: 'integer', csvOnly: true },
    ]),
    { key: 'revenue', label: t.mmmCol.revenue, kind: 'money0' },
    { key: 'conversions', label: t.mmmCol.conversions, kind: 'integer' },
    { key: 'revenue_per_conversion', label: t.mmmCol.revenue_per_conversion, kind: 'money' },
  ];
  const rows: TableRow[] = [...byWeek.keys()].sort().map((week) => {
    const list = byWeek.get(week)!;
    const first = list[0]!;
    const cells: Record<string, string | number | null> = { time: week };
    for (const { channel, name } of channelColumns) {
      const row = list.find((r) => r.channel === channel);
      cells[`${name}_spend`] = row?.media_spend ?? 0;
      cells[`${name}_impressions`] = row ? row.impressions : 0;
      cells[`${name}_clicks`] = row ? row.clicks : 0;
    }
    cells.revenue = first.shop_revenue;
    cells.conversions = first.shop_orders;
    cells.revenue_per_conversion = first.shop_orders && first.shop_revenue !== null ? first.shop_revenue / first.shop_orders : null;
    return { cells };
  });
  const words = report.fmt.month(month);
  return {
    id: 'media-mix-weekly',
    caption: t.mmmCaption(report.fmt.integer(rows.length), words),
    columns,
    rows,
    csv: csvPath(page, 'media-mix-weekly'),
    datasets: ['media_mix_weekly'],
    notes: channelColumns.length > 0 ? [t.mmmNote] : [],
    empty: t.mmmEmpty,
    limit: MMM_SHOWN_WEEKS,
    plain: true,
  };
}
