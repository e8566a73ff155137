// Vega-Lite specs rendered to SVG at build time: no script reaches the browser.

import * as vega from 'vega';
import type { Config as VgConfig } from 'vega';
import { compile } from 'vega-lite';
import type { Config, TopLevelSpec } from 'vega-lite';
import type { Formatter } from './format.ts';
import { vegaTextWidth } from './text-width.ts';

// Vega measures text with a canvas in browsers and guesses without one; this hook
// (the one vl-convert uses) gives it realistic widths for layout and label limits.
const { textMetrics } = vega as unknown as { textMetrics: { width: typeof vegaTextWidth } };
textMetrics.width = vegaTextWidth;

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const TEXT_COLOR = '#1f2933';
export const MUTED_COLOR = '#52606d';
export const GRID_COLOR = '#e4e7eb';

/** The look shared by every chart: the page's font, quiet axes, no chart border. */
export const CHART_CONFIG: Config = {
  font: FONT,
  background: 'transparent',
  // Accessible names come from the surrounding figure; per-mark ARIA would only add bytes.
  aria: false,
  view: { stroke: null },
  axis: {
    labelColor: MUTED_COLOR,
    titleColor: MUTED_COLOR,
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    domainColor: '#9aa5b1',
    tickColor: '#9aa5b1',
    gridColor: GRID_COLOR,
  },
  legend: { labelColor: TEXT_COLOR, labelFontSize: 12, titleFontSize: 12, symbolStrokeWidth: 2.5 },
  text: { font: FONT, fontSize: 12, fill: TEXT_COLOR },
};

/** Compiles a Vega-Lite spec and renders it to an SVG string, numbers formatted for the report locale. */
export async function renderChart(spec: TopLevelSpec, fmt: Formatter): Promise<string> {
  const { spec: vgSpec } = compile(spec, { config: CHART_CONFIG });
  const config: VgConfig = { locale: fmt.vegaLocale() };
  const view = new vega.View(vega.parse(vgSpec, config), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Vega's own class and sizes stay; the page scales the chart with CSS.
    return svg.replace(/^<svg /, '<svg focusable="false" ');
  } finally {
    view.finalize();
  }
}

/** The plot width of one variant; `narrow` is the variant for phones. */
export interface ChartSize {
  width: number;
  narrow: boolean;
}

/** A chart drawn twice: for the page (and print) and narrower for phones, where CSS swaps them. */
export interface ChartSvgs {
  wide: string;
  narrow: string;
}

export async function renderChartSizes(
  spec: (size: ChartSize) => TopLevelSpec,
  fmt: Formatter,
  widths: { wide: number; narrow: number },
): Promise<ChartSvgs> {
  return {
    wide: await renderChart(spec({ width: widths.wide, narrow: false }), fmt),
    narrow: await renderChart(spec({ width: widths.narrow, narrow: true }), fmt),
  };
}
