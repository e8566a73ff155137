// The figures of the charts analysts declare in site/charts (see chart-specs.ts):
// the mart's rows for the page's month and the report's model, drawn by the spec,
// in the same frame as every other chart: title, caption, the rows as a table
// behind a disclosure, CSV and Arrow downloads, and the report's channel colours
// wherever the spec encodes `channel`.

import type { ChartPage, Texts } from '../chart-specs.ts';
import type { Value } from '../data/arrow.ts';
import type { DeclaredChart } from '../data/declared-charts.ts';
import type { ColumnType } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { CellKind, TableColumn, TableModel, TableRow } from '../table.ts';
import type { ChartSize } from '../vega.ts';
import { isSpecialKey } from '../channels.ts';
import { monthsEndingAt } from '../months.ts';
import { csvPath, DATA_QUALITY_PATH, monthPath, MONTH_SECTIONS } from '../routes.ts';
import type { MonthSection } from '../routes.ts';
import { formatCell, isNumeric } from '../table.ts';

export interface DeclaredChartModel extends ChartModel {
  /** Spans the whole width of the chart grid. */
  wide: boolean;
  /** The spec file it comes from. */
  file: string;
}

type Row = Readonly<Record<string, Value>>;
type Json = Record<string, unknown>;

/** The declared charts of one page; `month` is null on pages about every month. */
export function declaredCharts(report: Report, page: ChartPage, month: string | null): DeclaredChartModel[] {
  return report.data.charts.filter((c) => c.page === page).map((c) => declaredChart(report, c, month));
}

function pagePath(page: ChartPage, month: string | null): string {
  if (page === 'data-quality') return DATA_QUALITY_PATH;
  if (month === null) throw new Error(`the page ${page} needs a month`);
  return monthPath(month, page as MonthSection);
}

/** The rows a page shows: its month (or the months ending with it) and the report's model, in the chart's order. */
export function chartRows(report: Report, chart: DeclaredChart, month: string | null): Row[] {
  let rows: readonly Row[] = chart.data.rows;
  const { modelColumn, monthColumn } = chart;
  if (modelColumn !== null) rows = rows.filter((r) => r[modelColumn] === report.model);
  if (monthColumn !== null && month !== null && (MONTH_SECTIONS as readonly string[]).includes(chart.page)) {
    const months = new Set(monthsEndingAt(month, chart.months));
    rows = rows.filter((r) => months.has(r[monthColumn] as string));
  }
  if (chart.sort.length === 0) return [...rows];
  return [...rows].sort((a, b) => {
    for (const { field, descending } of chart.sort) {
      const order = compareValues(a[field] ?? null, b[field] ?? null, descending);
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** Nulls last in either direction; numbers by value, text by the locale-independent order. */
function compareValues(a: Value, b: Value, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en');
  return descending ? -order : order;
}

/** A column name as words, when the report has none for it: cost_per_follower -> Cost per follower. */
function columnWords(column: string): string {
  const text = column.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function defaultKind(type: ColumnType, isMonth: boolean): CellKind {
  if (type === 'Float64') return 'number';
  if (type === 'Date32') return 'date';
  return isMonth ? 'month' : 'text';
}

export function declaredChart(report: Report, chart: DeclaredChart, month: string | null): DeclaredChartModel {
  const { t, fmt } = report;
  const shownMonth = month ?? report.month;
  const words = fmt.month(shownMonth);
  const text = (texts: Texts) => (texts.byLocale[fmt.locale] ?? texts.text).replaceAll('{month}', words);
  const rows = chartRows(report, chart, month);
  const path = pagePath(chart.page, month);
  const id = `chart-${chart.name.replace(/_/g, '-')}`;

  // The table: the columns the spec names, else every column but the filters.
  const types = new Map(chart.data.columns.map((c) => [c.name, c.type]));
  const filters = new Set([chart.modelColumn, chart.months === 1 ? chart.monthColumn : null].filter((c): c is string => c !== null));
  const listed = chart.columns ?? chart.data.columns.filter((c) => !filters.has(c.name)).map((c) => ({ field: c.name, format: null, label: null }));
  const columns: TableColumn[] = listed.map((c) => ({
    key: c.field,
    label: c.label ? text(c.label) : ((t.col as Record<string, string>)[c.field] ?? columnWords(c.field)),
    kind: c.format ?? defaultKind(types.get(c.field) ?? 'Utf8', c.field === chart.monthColumn || c.field === 'month'),
  }));
  const tableRows: TableRow[] = rows.map((r) => {
    const cells = Object.fromEntries(columns.map((c) => [c.key, r[c.key] ?? null]));
    const display: Record<string, string> = {};
    let swatch: TableRow['swatch'] = null;
    const channel = r.channel;
    if (types.has('channel') && typeof channel === 'string') {
      display.channel = report.channelName(channel);
      if (!isSpecialKey(channel)) swatch = { column: 'channel', color: report.channelColor(channel) };
    }
    if (typeof r.platform === 'string') display.platform = report.platformName(r.platform);
    return { cells, display, swatch, special: typeof channel === 'string' && isSpecialKey(channel) };
  });
  const title = text(chart.title);
  const table: TableModel = {
    id,
    caption: title,
    columns,
    rows: tableRows,
    csv: csvPath(path, id),
    datasets: [chart.data.name],
  };

  // The chart in words: each row's text cells, then its numbers with their column names.
  const textColumns = columns.filter((c) => !isNumeric(c.kind) && c.key !== chart.monthColumn);
  const numberColumns = columns.filter((c) => isNumeric(c.kind));
  const shown = 20;
  const described = tableRows.slice(0, shown).map((r) => {
    const name = textColumns.map((c) => r.display?.[c.key] ?? formatCell(c.kind, r.cells[c.key] ?? null, fmt)).join(' ');
    const month = chart.months > 1 && chart.monthColumn ? `${formatCell('month', r.cells[chart.monthColumn] ?? null, fmt)} ` : '';
    const numbers = numberColumns.map((c) => `${c.label.replace(/\u00ad/g, '')} ${formatCell(c.kind, r.cells[c.key] ?? null, fmt)}`).join(', ');
    return `${month}${name}${name && numbers ? ': ' : ''}${numbers}`;
  });
  const more = tableRows.length > shown ? `; ${t.declared.more(fmt.integer(tableRows.length - shown))}` : '';
  // Channels as the page names them (unmapped and unattributed in words), each in its colour.
  const usesChannel = chart.fields.includes('channel');
  const channels = usesChannel ? [...new Set(rows.map((r) => r.channel).filter((c): c is string => typeof c === 'string'))] : [];
  const scale = { domain: channels.map((c) => report.channelName(c)), range: channels.map((c) => report.channelColor(c)) };
  const values = usesChannel ? rows.map((r) => (typeof r.channel === 'string' ? { ...r, channel: report.channelName(r.channel) } : r)) : rows;

  return {
    id,
    file: chart.file,
    wide: chart.wide,
    title,
    caption: text(chart.description),
    label: t.declared.label(title, words, described.join('; ') + more),
    drawing:
      rows.length === 0
        ? null
        : {
            spec: (size: ChartSize) => {
              const spec = structuredClone(chart.spec) as unknown as Json;
              if (!chart.fixedWidth) spec.width = size.width;
              if (usesChannel) colourChannels(spec, scale, {});
              return spec as never;
            },
            input: () => ({ values }),
            widths: chart.fixedWidth ? { single: Number((chart.spec as unknown as Json).width) } : chart.wide ? { wide: 760, narrow: 240 } : { wide: 320, narrow: 200 },
            shared: true,
          },
    table,
  };
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Marks that stay as the spec draws them: labels and rules are not a channel's. */
const UNCOLOURED = new Set(['text', 'rule']);

/**
 * The report's channel colours for a spec that encodes `channel`: a colour encoding
 * on `channel` without a scale gets the report's colours; a mark placed by channel
 * (x or y) without any colour gets them too, without a legend (the axis names the
 * channels). A colour the spec sets itself stays.
 */
export function colourChannels(node: Json, scale: Json, inherited: Json): void {
  const own = isObject(node.encoding) ? node.encoding : undefined;
  const encoding = { ...inherited, ...own };
  if (own && isObject(own.color) && own.color.field === 'channel' && own.color.scale === undefined) own.color = { ...own.color, scale };
  const mark = node.mark;
  if (mark !== undefined) {
    const type = typeof mark === 'string' ? mark : isObject(mark) && typeof mark.type === 'string' ? mark.type : '';
    const markColoured = isObject(mark) && (mark.color !== undefined || mark.fill !== undefined);
    const placedByChannel = [encoding.x, encoding.y].some((e) => isObject(e) && e.field === 'channel');
    if (encoding.color === undefined && !markColoured && placedByChannel && !UNCOLOURED.has(type)) {
      node.encoding = { ...own, color: { field: 'channel', type: 'nominal', scale, legend: null } };
    }
  }
  if (Array.isArray(node.layer)) for (const layer of node.layer) if (isObject(layer)) colourChannels(layer, scale, encoding);
  for (const key of ['hconcat', 'vconcat', 'concat']) {
    const parts = node[key];
    if (Array.isArray(parts)) for (const part of parts) if (isObject(part)) colourChannels(part, scale, {});
  }
  if (isObject(node.spec)) colourChannels(node.spec, scale, {});
}
