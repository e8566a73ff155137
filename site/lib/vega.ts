// Vega-Lite specs rendered to SVG at build time: no script reaches the browser.
//
// Building 500 campaign pages means thousands of charts, so the expensive steps run
// once per kind of chart: a spec is written without its rows (`data: {name: 'table'}`),
// compiled and parsed once, and every page only feeds its rows (and signal values)
// into a new view of the parsed chart. Charts that several pages share (the overview
// at `/` and `/YYYY-MM/`, the channel charts) are rendered once and kept.

import * as vega from 'vega';
import type { Config as VgConfig, Runtime } from 'vega';
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

/** The name of the one data source every spec reads its rows from. */
export const DATA = 'table';

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

/** A chart to draw: a spec without rows, its rows, and values for its params. */
export interface ChartInput {
  spec: TopLevelSpec;
  values: readonly object[];
  /** Values for top-level params of the spec (Vega signals), e.g. a scale's domain ends. */
  signals?: Readonly<Record<string, unknown>>;
}

const runtimes = new Map<string, Runtime>();
const views = new Map<string, { view: vega.View; queue: Promise<unknown> }>();
const shared = new Map<string, Promise<string>>();

function runtimeFor(key: string, spec: TopLevelSpec, fmt: Formatter): Runtime {
  let runtime = runtimes.get(key);
  if (!runtime) {
    const { spec: vgSpec } = compile(spec, { config: CHART_CONFIG });
    const config: VgConfig = { locale: fmt.vegaLocale() };
    runtime = vega.parse(vgSpec, config);
    runtimes.set(key, runtime);
  }
  return runtime;
}

/**
 * Renders a chart to an SVG string, numbers formatted for the report locale. One
 * view per kind of chart is kept and fed each page's rows in turn (building a view
 * costs as much as drawing it); a queue per view keeps two pages' rows apart.
 */
export function renderChart({ spec, values, signals }: ChartInput, fmt: Formatter): Promise<string> {
  const key = JSON.stringify(spec);
  let entry = views.get(key);
  if (!entry) {
    entry = { view: new vega.View(runtimeFor(key, spec, fmt), { renderer: 'none' }), queue: Promise.resolve() };
    views.set(key, entry);
  }
  const { view } = entry;
  const run = entry.queue.then(async () => {
    // Vega keeps the rows it is given; a copy keeps the caller's rows untouched.
    view.data(DATA, values.map((v) => ({ ...v })));
    for (const [name, value] of Object.entries(signals ?? {})) view.signal(name, value);
    // New rows mean new axis labels: lay the chart out again, not with the last page's padding.
    view.resize();
    const svg = await view.toSVG();
    // Vega's own class and sizes stay; the page scales the chart with CSS. The
    // background rect Vega adds for 'transparent' is dropped. The whole chart is hidden
    // from screen readers (the table beside it says the same), so the aria-hidden Vega
    // writes on its inner groups is said once, on the root.
    return compactSvg(svg)
      .replace(/ aria-hidden="true"/g, '')
      .replace(/^<svg /, '<svg focusable="false" aria-hidden="true" ')
      .replace(/<rect width="\d+(\.\d+)?" height="\d+(\.\d+)?" fill="(white|transparent)"\/>/, '');
  });
  entry.queue = run.catch(() => undefined);
  return run;
}

/**
 * Vega's SVG repeats the font on every text element and writes coordinates to
 * fifteen decimals; at a few hundred labels per page that is a third of the page.
 * The font moves to the root element (SVG text inherits it) and numbers inside
 * tags keep two decimals, a hundredth of a pixel; `opacity="1"`, SVG's default,
 * goes. Text between tags is untouched.
 */
export function compactSvg(svg: string): string {
  const fonts = new Map<string, number>();
  for (const [, font] of svg.matchAll(/ font-family="([^"]*)"/g)) fonts.set(font!, (fonts.get(font!) ?? 0) + 1);
  const common = [...fonts].sort((a, b) => b[1] - a[1])[0]?.[0];
  let out = svg;
  if (common !== undefined) {
    const attribute = ` font-family="${common}"`;
    out = `<svg${attribute} ${out.split(attribute).join('').replace(/^<svg /, '')}`;
  }
  return out.replace(/<[^>]*>/g, (tag) => tag.replace(/ opacity="1"(?=[ />])/g, '').replace(/\d+\.\d{3,}/g, (n) => String(Number(Number(n).toFixed(2)))));
}

/** Like renderChart, but a chart with the same spec, rows and signals is rendered once per build. */
export function renderSharedChart(input: ChartInput, fmt: Formatter): Promise<string> {
  const key = JSON.stringify([input.spec, input.values, input.signals ?? null]);
  let svg = shared.get(key);
  if (!svg) {
    svg = renderChart(input, fmt);
    shared.set(key, svg);
  }
  return svg;
}

/** Forgets the charts drawn for the data read so far (the data was read again). */
export function clearSharedCharts(): void {
  shared.clear();
}

/** The plot width of one variant; `narrow` is the variant for phones. */
export interface ChartSize {
  width: number;
  narrow: boolean;
}

/** A chart drawn twice: for the page (and print) and narrower for phones, where CSS swaps them; or once for both. */
export type ChartSvgs = { wide: string; narrow: string } | { single: string };
