// A chart of the report as data: what it is called, what it shows in words, the
// spec and rows to draw it, and the same rows as a table behind a disclosure.

import type { TopLevelSpec } from 'vega-lite';
import type { Formatter } from './format.ts';
import type { TableModel } from './table.ts';
import type { ChartSize, ChartSvgs } from './vega.ts';
import { renderChart, renderSharedChart } from './vega.ts';

export interface ChartDrawing {
  spec: (size: ChartSize) => TopLevelSpec;
  /** The rows (and signal values) for one size. */
  input: (size: ChartSize) => { values: readonly object[]; signals?: Record<string, unknown> };
  /** Plot widths: a wide and a narrow (phone) variant, or one for both. */
  widths: { wide: number; narrow: number } | { single: number };
  /** Drawn once per build when several pages show it with the same rows. */
  shared?: boolean;
}

export interface ChartModel {
  /** Unique on its page: the figure's id. */
  id: string;
  title: string;
  /** What the chart shows, in a sentence. */
  caption: string;
  /** The chart in words, for screen readers. */
  label: string;
  /** Null when there is nothing to draw; the page says so instead. */
  drawing: ChartDrawing | null;
  /** The chart's data as a table. */
  table: TableModel;
}

export async function drawChart(drawing: ChartDrawing, fmt: Formatter): Promise<ChartSvgs> {
  const render = drawing.shared ? renderSharedChart : renderChart;
  const draw = (size: ChartSize) => render({ spec: drawing.spec(size), ...drawing.input(size) }, fmt);
  // One drawing for every screen: laid out like the phone variant (fewer ticks, shorter labels) and scaled.
  if ('single' in drawing.widths) return { single: await draw({ width: drawing.widths.single, narrow: true }) };
  return {
    wide: await draw({ width: drawing.widths.wide, narrow: false }),
    narrow: await draw({ width: drawing.widths.narrow, narrow: true }),
  };
}
