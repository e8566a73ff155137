// The kinds of chart the report draws, as Vega-Lite specs without their rows. Each
// spec reads the rows of one page from the data source DATA, so a kind of chart is
// compiled once and drawn for any number of pages (see vega.ts). Whatever differs
// from page to page (colours, labels, order, the room beside the bars) travels in the
// rows or in signals, never in the spec.

import type { TopLevelSpec } from 'vega-lite';
import { DATA, MUTED_COLOR, TEXT_COLOR } from './vega.ts';
import type { ChartSize } from './vega.ts';
import { textWidth } from './text-width.ts';

const LABEL_SIZE = 13;

// ---------------------------------------------------------------------------
// Bars from zero, one per row, each labelled with its value

export interface BarRow {
  /** The bar's name on the axis. */
  label: string;
  value: number;
  color: string;
  /** The value as the page writes it. */
  text: string;
  /** The ends of the value's interval, drawn as a whisker (barSpec's `whiskers`); none when either is null or absent. */
  lo?: number | null;
  hi?: number | null;
}

export interface BarOptions {
  /** Labels longer than this many pixels are cut with an ellipsis. */
  labelLimit: number;
  /** Draw each row's interval (lo to hi) as a whisker across its bar, the value label beyond its end. */
  whiskers?: boolean;
}

/** The whiskers' colour: dark on every channel colour and on grey. */
export const WHISKER_COLOR = '#1f2933';

export function barSpec({ width, narrow }: ChartSize, options: BarOptions): TopLevelSpec {
  // top to bottom in the rows' order (barInput's `i`): with `sort: null` Vega joins the
  // layers' label lists in an order of its own, and a chart whose caption says "by ROI"
  // came out unsorted
  const y = {
    field: 'label',
    type: 'nominal',
    sort: { field: 'i', op: 'min' },
    axis: {
      title: null,
      domain: false,
      ticks: false,
      labelPadding: 8,
      labelLimit: narrow ? Math.min(options.labelLimit, 140) : options.labelLimit,
      labelFontSize: LABEL_SIZE,
      labelColor: TEXT_COLOR,
    },
  } as const;
  const layers = [
    {
      mark: { type: 'bar', height: { band: 0.64 } },
      encoding: { y, color: { field: 'color', type: 'nominal', scale: null, legend: null } },
    },
    {
      // one rule at zero, from one row of its own: on the chart's rows it was drawn once per bar
      // (the row carries `value`, which Vega-Lite's filter of invalid values asks of every layer)
      data: { values: [{ value: 0 }] },
      mark: { type: 'rule', color: '#3e4c59', strokeWidth: 1.5 },
      encoding: { x: { datum: 0, type: 'quantitative' } },
    },
    {
      mark: {
        type: 'text',
        fontSize: LABEL_SIZE,
        fontWeight: 600,
        align: { expr: "datum.value < 0 ? 'right' : 'left'" },
        dx: { expr: 'datum.value < 0 ? -6 : 6' },
      },
      // beyond the whisker's end where it reaches past the bar (barInput's `at`)
      encoding: { y, x: { field: 'at', type: 'quantitative' }, text: { field: 'text' } },
    },
    ...(options.whiskers
      ? [
          {
            transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
            mark: { type: 'errorbar', color: WHISKER_COLOR, thickness: 1.5, ticks: { size: 9, thickness: 1.5 } },
            encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
          },
        ]
      : []),
  ];
  return {
    width,
    height: { step: 32 },
    params: [
      { name: 'lo', value: 0 },
      { name: 'hi', value: 1 },
    ],
    data: { name: DATA },
    encoding: {
      x: {
        field: 'value',
        type: 'quantitative',
        scale: { domainMin: { expr: 'lo' }, domainMax: { expr: 'hi' }, nice: false, zero: true },
        // Every bar carries its value; an axis would only repeat it.
        axis: null,
      },
    },
    layer: layers,
  } as TopLevelSpec;
}

/**
 * The rows for barSpec with the position of each value label, and the ends of the
 * scale, leaving room beside the longest bars for their labels (layout, in pixels
 * turned into the chart's units; no metric).
 */
export function barInput(rows: readonly BarRow[], width: number): { values: object[]; signals: { lo: number; hi: number } } {
  const whisker = (r: BarRow) => (r.lo !== undefined && r.lo !== null && r.hi !== undefined && r.hi !== null ? { lo: r.lo, hi: r.hi } : null);
  const low = Math.min(0, ...rows.map((r) => Math.min(r.value, whisker(r)?.lo ?? r.value)));
  const high = Math.max(0, ...rows.map((r) => Math.max(r.value, whisker(r)?.hi ?? r.value)));
  const room = (side: (v: number) => boolean) =>
    Math.max(0, ...rows.filter((r) => side(r.value)).map((r) => textWidth(r.text, LABEL_SIZE, true) + 10));
  const roomLeft = room((v) => v < 0);
  const roomRight = room((v) => v >= 0);
  const pxPerUnit = Math.max(1e-9, (width - roomLeft - roomRight) / (high - low || 1));
  const values = rows.map((r, i) => {
    const w = whisker(r);
    // the label sits beyond the bar or the whisker, whichever reaches further from 0
    const at = r.value < 0 ? Math.min(r.value, w?.lo ?? r.value) : Math.max(r.value, w?.hi ?? r.value);
    return { ...r, i, lo: w?.lo ?? null, hi: w?.hi ?? null, at };
  });
  return { values, signals: { lo: low - roomLeft / pxPerUnit, hi: high + roomRight / pxPerUnit } };
}

// ---------------------------------------------------------------------------
// Lines over months, a fixed set of series that differ in colour, dash and point shape

export interface Series {
  name: string;
  color: string;
  dash: number[];
  shape: string;
}

export interface LineRow {
  /** Position of the month on the axis, oldest 0. */
  i: number;
  /** The month as the axis writes it. */
  month: string;
  series: string;
  value: number | null;
  /** The value as the page writes it, shown at the end of each line. */
  text: string;
  last: boolean;
  /** The ends of the value's interval, drawn as a vertical whisker at the point (lineSpec's `whiskers`); none when either is null or absent. */
  lo?: number | null;
  hi?: number | null;
  /** The month is not complete yet: a hollow point, joined to its neighbours by a faint line (lineValues). */
  incomplete?: boolean;
}

/**
 * The rows for lineSpec: the rows themselves, and for each month that is not complete
 * the two short segments to its neighbours as rows of their own (`faint`, grouped by
 * `part`), so the solid line runs through complete months only and an incomplete one
 * is joined faintly, never read as a full month's fall.
 */
export function lineValues(rows: readonly LineRow[]): object[] {
  const faint: object[] = [];
  const positions = [...new Set(rows.map((r) => r.i))].sort((a, b) => a - b);
  for (const k of positions) {
    if (!rows.some((r) => r.i === k && r.incomplete === true)) continue;
    for (const [side, other] of [['before', k - 1], ['after', k + 1]] as const) {
      if (!positions.includes(other)) continue;
      for (const r of rows.filter((row) => row.i === k || row.i === other)) faint.push({ ...r, faint: true, part: `${k}-${side}` });
    }
  }
  return [...rows.map((r) => ({ ...r, incomplete: r.incomplete === true, faint: false, part: '' })), ...faint];
}

export function lineSpec(
  { width, narrow }: ChartSize,
  options: { series: Series[]; format: string; height?: number; endLabels?: boolean; whiskers?: boolean },
): TopLevelSpec {
  const names = options.series.map((s) => s.name);
  const legend = {
    orient: 'top',
    direction: 'horizontal',
    title: null,
    offset: 10,
    labelFontSize: narrow ? 12 : 13,
    labelLimit: 220,
    symbolSize: 60,
    symbolStrokeWidth: 2,
  } as const;
  const scale = <T,>(range: T[]) => ({ domain: names, range });
  const endLabels = options.endLabels ?? true;
  return {
    width,
    height: options.height ?? (narrow ? 190 : 220),
    padding: { left: 2, right: endLabels ? 74 : 8, top: 2, bottom: 2 },
    data: { name: DATA },
    transform: [{ filter: 'isValid(datum.value)' }],
    encoding: {
      x: {
        field: 'month',
        type: 'ordinal',
        sort: { field: 'i', op: 'min' },
        scale: { paddingOuter: 0.2 },
        axis: { title: null, labelAngle: 0, labelOverlap: true, labelSeparation: 6, ticks: false, labelPadding: 6, labelFontSize: 11 },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        axis: { title: null, format: options.format, tickCount: narrow ? 4 : 5, domain: false, ticks: false, labelFontSize: 11 },
      },
      color: { field: 'series', type: 'nominal', scale: scale(options.series.map((s) => s.color)), legend },
    },
    layer: [
      {
        // complete months only (lineValues): an incomplete month hangs on by a faint line
        transform: [{ filter: '!datum.faint && !datum.incomplete' }],
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: { strokeDash: { field: 'series', type: 'nominal', scale: scale(options.series.map((s) => s.dash)), legend } },
      },
      {
        transform: [{ filter: 'datum.faint' }],
        mark: { type: 'line', strokeWidth: 1.5, strokeOpacity: 0.45 },
        encoding: { strokeDash: { field: 'series', type: 'nominal', scale: scale(options.series.map((s) => s.dash)), legend }, detail: { field: 'part', type: 'nominal' } },
      },
      {
        transform: [{ filter: '!datum.faint && !datum.incomplete' }],
        mark: { type: 'point', filled: true, size: 36, opacity: 1 },
        encoding: { shape: { field: 'series', type: 'nominal', scale: scale(options.series.map((s) => s.shape)), legend } },
      },
      {
        // hollow where the month is not complete
        transform: [{ filter: '!datum.faint && datum.incomplete' }],
        mark: { type: 'point', filled: false, fill: 'white', size: 36, opacity: 1, strokeWidth: 1.5 },
        encoding: { shape: { field: 'series', type: 'nominal', scale: scale(options.series.map((s) => s.shape)), legend } },
      },
      ...(options.whiskers
        ? [
            {
              // in the series' colour, so a whisker belongs to its line where two lines meet
              transform: [{ filter: '!datum.faint && isValid(datum.lo) && isValid(datum.hi)' }],
              mark: { type: 'errorbar', thickness: 1.5, ticks: { size: 8, thickness: 1.5 } },
              encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
            } as const,
          ]
        : []),
      ...(endLabels
        ? [
            {
              transform: [{ filter: 'datum.last && !datum.faint' }],
              mark: { type: 'text', align: 'left', dx: 8, fontSize: 12, fontWeight: 600 },
              encoding: { text: { field: 'text' } },
            } as const,
          ]
        : []),
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------
// Stacked bars per month by category (costs)

export interface StackRow {
  i: number;
  month: string;
  category: string;
  /** Position of the category in the stack and legend. */
  order: number;
  value: number;
  /** The month is not complete yet: drawn faintly. */
  incomplete: boolean;
}

export function stackSpec({ width, narrow }: ChartSize, options: { categories: { name: string; color: string }[]; format: string }): TopLevelSpec {
  return {
    width,
    height: narrow ? 200 : 240,
    data: { name: DATA },
    mark: { type: 'bar', width: { band: 0.7 } },
    encoding: {
      x: {
        field: 'month',
        type: 'ordinal',
        sort: { field: 'i', op: 'min' },
        axis: { title: null, labelAngle: 0, labelOverlap: true, labelSeparation: 6, ticks: false, labelPadding: 6, labelFontSize: 11 },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        stack: 'zero',
        axis: { title: null, format: options.format, tickCount: narrow ? 4 : 5, domain: false, ticks: false, labelFontSize: 11 },
      },
      color: {
        field: 'category',
        type: 'nominal',
        scale: { domain: options.categories.map((c) => c.name), range: options.categories.map((c) => c.color) },
        legend: { orient: 'top', direction: 'horizontal', title: null, columns: narrow ? 3 : 7, labelFontSize: 12, symbolType: 'square' },
      },
      order: { field: 'order', type: 'quantitative' },
      // a month that is not complete yet is drawn faintly (StackRow's `incomplete`)
      opacity: { condition: { test: 'datum.incomplete', value: 0.4 }, value: 1 },
    },
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------
// Attribution sensitivity: per campaign, the range of ROI over the models and a point per model

export interface RangeRow {
  label: string;
  kind: 'range' | 'model';
  lo: number | null;
  hi: number | null;
  model: string | null;
  value: number | null;
  chosen: boolean;
}

/**
 * `labels` is the rows' order, top to bottom: given as the scale's domain, because with
 * `sort: null` Vega joins the two layers' label lists in an order of its own.
 */
export function rangeSpec({ width, narrow }: ChartSize, options: { models: string[]; shapes: string[]; labelLimit: number; labels: string[] }): TopLevelSpec {
  const y = {
    field: 'label',
    type: 'nominal',
    sort: null,
    scale: { domain: options.labels },
    axis: { title: null, domain: false, ticks: false, labelPadding: 8, labelLimit: narrow ? 120 : options.labelLimit, labelFontSize: 12, labelColor: TEXT_COLOR },
  } as const;
  return {
    width,
    height: { step: 26 },
    data: { name: DATA },
    layer: [
      {
        // one rule at zero (on the chart's rows it was drawn once per row)
        data: { values: [{}] },
        mark: { type: 'rule', color: '#3e4c59', strokeWidth: 1, strokeDash: [3, 3] },
        encoding: { x: { datum: 0, type: 'quantitative' } },
      },
      {
        transform: [{ filter: "datum.kind === 'range'" }],
        mark: { type: 'rule', color: '#9aa5b1', strokeWidth: 6, strokeCap: 'round' },
        encoding: {
          y,
          x: { field: 'lo', type: 'quantitative', axis: { title: null, format: '.0%', grid: true, tickCount: narrow ? 4 : 6, domain: false, labelFontSize: 11 } },
          x2: { field: 'hi' },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'model' && isValid(datum.value)" }],
        mark: { type: 'point', size: 60, strokeWidth: 1.5, opacity: 1 },
        encoding: {
          y,
          x: { field: 'value', type: 'quantitative' },
          shape: {
            field: 'model',
            type: 'nominal',
            scale: { domain: options.models, range: options.shapes },
            legend: { orient: 'top', direction: 'horizontal', title: null, columns: narrow ? 2 : 3, labelFontSize: 12, labelLimit: 200 },
          },
          color: { condition: { test: 'datum.chosen', value: '#1f3a5f' }, value: MUTED_COLOR },
          fill: { condition: { test: 'datum.chosen', value: '#1f3a5f' }, value: 'white' },
        },
      },
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------
// Coverage: one cell per platform account and day, gaps in red

export interface CoverageRow {
  label: string;
  date: string;
  state: string;
}

export function coverageSpec({ width, narrow }: ChartSize, options: { states: { name: string; color: string }[]; labelLimit: number }): TopLevelSpec {
  return {
    width,
    height: { step: narrow ? 18 : 22 },
    data: { name: DATA },
    mark: { type: 'rect' },
    encoding: {
      x: {
        field: 'date',
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        axis: { title: null, format: '%b %y', labelAngle: 0, labelOverlap: true, tickCount: narrow ? 4 : 8, labelFontSize: 11, grid: false },
      },
      y: { field: 'label', type: 'nominal', axis: { title: null, labelLimit: narrow ? 110 : options.labelLimit, labelFontSize: 12, labelColor: TEXT_COLOR, domain: false, ticks: false } },
      color: {
        field: 'state',
        type: 'nominal',
        scale: { domain: options.states.map((s) => s.name), range: options.states.map((s) => s.color) },
        legend: { orient: 'top', direction: 'horizontal', title: null, labelFontSize: 12, symbolType: 'square' },
      },
    },
  } as TopLevelSpec;
}
