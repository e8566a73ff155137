// Charts declared in site/charts: a Vega-Lite spec per mart, no TypeScript. The
// spec files are checked (chart-specs.ts), their marts read and their columns
// checked (site/lib/data/declared-charts.ts), and a site built from the fixture with three declared
// charts shows each on its page in the frame of every chart, with the report's
// channel colours; a spec naming a column its mart lacks fails the build.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../pipeline/build.ts';
import { ChartSpecError, parseChartSpec, readChartSpecs, specFields } from '../site/lib/chart-specs.ts';
import { DatasetError } from '../site/lib/data/error.ts';
import { loadReportData } from '../site/lib/data/load.ts';
import { colourChannels } from '../site/lib/views/declared.ts';
import type { Columns, FixtureData } from './fixtures/site/make-data.ts';
import { buildFixture, writeArrow, writeFixture } from './fixtures/site/make-data.ts';

const ROOT = resolve(import.meta.dirname, '..');
const NBSP = '\u00a0';

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error instanceof DatasetError || error instanceof ChartSpecError, String(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

const BAR = {
  title: 'Anteil an den Mediaausgaben',
  description: 'Anteil jedes Kanals an den Mediaausgaben im {month}.',
  usermeta: { report: { page: 'overview', columns: { channel: 'text', media_spend: 'money0', share: 'percent' }, sort: '-share' } },
  mark: 'bar',
  encoding: {
    y: { field: 'channel', type: 'nominal', sort: '-x', title: null },
    x: { field: 'share', type: 'quantitative', title: null, axis: { format: '.0%' } },
  },
};

const LINE = {
  title: 'Mediaausgaben je Kanal, 13 Monate',
  description: 'Mediaausgaben je Kanal von Monat zu Monat bis {month}.',
  usermeta: { report: { page: 'costs', months: 13, wide: true, title: { en: 'Media spend by channel, 13 months' } } },
  mark: { type: 'line', point: true },
  encoding: {
    x: { field: 'month', type: 'ordinal', title: null },
    y: { field: 'media_spend', type: 'quantitative', title: null, axis: { format: '$,.0f' } },
    color: { field: 'channel', type: 'nominal', legend: { orient: 'top', title: null } },
  },
};

const RESTATED = {
  title: 'Änderungen seit Veröffentlichung',
  usermeta: { report: { page: 'data-quality', mart: 'restatements', month: null, columns: ['month', 'campaign', 'metric', 'change'] } },
  transform: [{ filter: "datum.metric === 'revenue' || datum.metric === 'total_cost'" }],
  mark: 'bar',
  encoding: { x: { field: 'month', type: 'ordinal' }, y: { field: 'change', type: 'quantitative', axis: { format: '$,.0f' } } },
};

/** channel_media_share: per month, model and channel the media spend and its share of the month's, from the fixture's channel_roi. */
function mediaShare(data: FixtureData): Columns {
  const roi = data.datasets.channel_roi!;
  const n = roi.month!.values.length;
  const rows = Array.from({ length: n }, (_, i) => ({
    month: roi.month!.values[i] as string,
    model: roi.model!.values[i] as string,
    channel: roi.channel!.values[i] as string,
    media_spend: roi.media_spend!.values[i] as number,
  })).filter((r) => r.channel !== 'unattributed');
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(`${r.month}|${r.model}`, (totals.get(`${r.month}|${r.model}`) ?? 0) + r.media_spend);
  return {
    month: { type: 'Utf8', values: rows.map((r) => r.month) },
    model: { type: 'Utf8', values: rows.map((r) => r.model) },
    channel: { type: 'Utf8', values: rows.map((r) => r.channel) },
    media_spend: { type: 'Float64', values: rows.map((r) => r.media_spend) },
    share: { type: 'Float64', values: rows.map((r) => (totals.get(`${r.month}|${r.model}`) ? r.media_spend / totals.get(`${r.month}|${r.model}`)! : null)) },
  };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'site-charts-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A data folder with the extra mart, and a charts folder named site/charts with the given specs. */
function project(name: string, specs: Record<string, unknown>): { data: string; charts: string } {
  const data = join(work, name, 'data');
  const fixture = buildFixture();
  writeFixture(data, fixture);
  writeArrow(join(data, 'channel_media_share.arrow'), mediaShare(fixture));
  const charts = join(work, name, 'site', 'charts');
  mkdirSync(charts, { recursive: true });
  for (const [file, spec] of Object.entries(specs)) writeFileSync(join(charts, file), typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
  return { data, charts };
}

describe('a chart spec file', () => {
  it('is a Vega-Lite spec with usermeta.report; the rest has defaults', () => {
    const spec = parseChartSpec('site/charts/channel_media_share.vl.json', 'channel_media_share', BAR);
    expect(spec).toMatchObject({
      page: 'overview',
      mart: 'channel_media_share',
      order: 0,
      wide: false,
      months: 1,
      monthColumn: undefined,
      modelColumn: undefined,
      title: { text: 'Anteil an den Mediaausgaben', byLocale: {} },
      sort: [{ field: 'share', descending: true }],
      fixedWidth: false,
      fields: ['channel', 'share'],
    });
    // The report draws title and description around the chart, not in it; the rows come from the mart.
    expect(spec.spec).not.toHaveProperty('title');
    expect(spec.spec).not.toHaveProperty('usermeta');
    expect(spec.spec).toHaveProperty('data', { name: 'table' });
  });

  it('is refused, with the file named, when it is not one the report can use', () => {
    const file = 'site/charts/x.vl.json';
    const parse = (raw: unknown) => () => parseChartSpec(file, 'x', raw);
    expect(failure(parse({ mark: 'bar' }))).toBe(`chart spec ${file}: usermeta.report must be an object saying at least which page the chart is on, e.g. {"page": "channels"}, found nothing`);
    expect(failure(parse({ ...BAR, usermeta: { report: { page: 'kanäle' } } }))).toBe(
      `chart spec ${file}: usermeta.report.page must be one of overview, channels, campaigns, influencers, attribution, engagement, costs, data-quality, found "kanäle"`,
    );
    expect(failure(parse({ ...BAR, usermeta: { report: { page: 'channels', pages: 'x' } } }))).toBe(
      `chart spec ${file}: usermeta.report.pages must be one of page, mart, order, wide, month, months, model, columns, sort, title, description, found "pages"`,
    );
    expect(failure(parse({ ...BAR, data: { values: [{ a: 1 }] } }))).toMatch(/^chart spec site\/charts\/x\.vl\.json: "data" must be left out \(the chart draws the rows of its mart/);
    expect(failure(parse({ ...BAR, title: undefined }))).toMatch(/^chart spec site\/charts\/x\.vl\.json: "title" must be a text/);
    expect(failure(parse({ ...BAR, usermeta: { report: { page: 'channels', columns: { share: 'percentage' } } } }))).toMatch(
      /^chart spec site\/charts\/x\.vl\.json: usermeta\.report\.columns\.share must be one of text, code, money, /,
    );
    expect(failure(parse({ ...BAR, mark: { type: 'barz' } }))).toMatch(/^chart spec site\/charts\/x\.vl\.json: Vega-Lite cannot draw it: /);
  });

  it('reads the columns its encodings, transforms and expressions use, less what transforms make', () => {
    expect(
      specFields({
        transform: [
          { filter: "datum.revenue > 0 && datum['total cost'] != null" },
          { calculate: 'datum.revenue / datum.spend', as: 'ratio' },
          { aggregate: [{ op: 'sum', field: 'clicks', as: 'clicks_total' }], groupby: ['channel'] },
        ],
        layer: [
          { mark: 'bar', encoding: { x: { field: 'ratio', type: 'quantitative' }, y: { field: 'channel' }, tooltip: [{ field: 'clicks_total' }, { field: 'name' }] } },
          { mark: 'text', encoding: { text: { field: 'a\\.b' }, detail: { field: 'nested.value' } } },
        ],
      }),
    ).toEqual(['a.b', 'channel', 'clicks', 'name', 'nested', 'revenue', 'spend', 'total cost']);
    expect(specFields({ transform: [{ fold: ['a', 'b'] }], mark: 'bar', encoding: { x: { field: 'key' }, y: { field: 'value' } } })).toEqual(['a', 'b']);
  });
});

describe('the channel colours of a declared chart', () => {
  const scale = { domain: ['Meta', 'TikTok'], range: ['#2f6db5', '#5a6b85'] };

  it('colour a colour encoding on channel, and marks placed by channel, but not labels or a colour the spec sets', () => {
    const byColour = { mark: 'line', encoding: { x: { field: 'month' }, color: { field: 'channel', type: 'nominal' } } };
    colourChannels(byColour, scale, {});
    expect(byColour.encoding.color).toEqual({ field: 'channel', type: 'nominal', scale });

    const layered = {
      encoding: { y: { field: 'channel', type: 'nominal' } },
      layer: [{ mark: 'bar' }, { mark: 'text', encoding: { text: { field: 'share' } } }, { mark: { type: 'tick', color: 'black' } }],
    } as Record<string, unknown> & { layer: Record<string, unknown>[] };
    colourChannels(layered, scale, {});
    expect(layered.layer[0]).toEqual({ mark: 'bar', encoding: { color: { field: 'channel', type: 'nominal', scale, legend: null } } });
    expect(layered.layer[1]).toEqual({ mark: 'text', encoding: { text: { field: 'share' } } });
    expect(layered.layer[2]).toEqual({ mark: { type: 'tick', color: 'black' } });

    const own = { mark: 'bar', encoding: { y: { field: 'channel' }, color: { field: 'channel', scale: { scheme: 'greys' } } } };
    colourChannels(own, scale, {});
    expect(own.encoding.color).toEqual({ field: 'channel', scale: { scheme: 'greys' } });
  });
});

describe('a data folder with declared charts', () => {
  it('reads the mart each chart names, with the filters settled', () => {
    const { data, charts } = project('load', { 'channel_media_share.vl.json': BAR, 'media_trend.vl.json': { ...LINE, usermeta: { report: { ...LINE.usermeta.report, mart: 'channel_media_share' } } } });
    const report = loadReportData(data, { chartsDir: charts });
    expect(report.charts.map((c) => [c.file, c.page, c.mart, c.monthColumn, c.modelColumn])).toEqual([
      ['site/charts/channel_media_share.vl.json', 'overview', 'channel_media_share', 'month', 'model'],
      ['site/charts/media_trend.vl.json', 'costs', 'channel_media_share', 'month', 'model'],
    ]);
    expect(report.charts[0]?.data.columns).toEqual([
      { name: 'month', type: 'Utf8' }, { name: 'model', type: 'Utf8' }, { name: 'channel', type: 'Utf8' },
      { name: 'media_spend', type: 'Float64' }, { name: 'share', type: 'Float64' },
    ]);
    // One mart read once for both charts.
    expect(report.charts[0]?.data).toBe(report.charts[1]?.data);
  });

  it('fails naming the spec, the mart and the column the mart lacks', () => {
    const spec = { ...BAR, encoding: { ...BAR.encoding, x: { field: 'shares', type: 'quantitative' } } };
    const { data, charts } = project('missing-column', { 'channel_media_share.vl.json': spec });
    expect(failure(() => loadReportData(data, { chartsDir: charts }))).toBe(
      'dataset channel_media_share: no column shares, which the chart site/charts/channel_media_share.vl.json uses in its spec; ' +
        `the mart has month, model, channel, media_spend, share (in ${data}/channel_media_share.arrow)`,
    );
    const sorted = { ...BAR, usermeta: { report: { ...BAR.usermeta.report, sort: '-shares' } } };
    writeFileSync(join(charts, 'channel_media_share.vl.json'), JSON.stringify(sorted));
    expect(failure(() => loadReportData(data, { chartsDir: charts }))).toMatch(/^dataset channel_media_share: no column shares, which the chart site\/charts\/channel_media_share\.vl\.json uses in usermeta\.report\.sort;/);
  });

  it('fails naming the spec when its mart has no file', () => {
    const { data, charts } = project('missing-mart', { 'channel_followers.vl.json': BAR });
    expect(failure(() => loadReportData(data, { chartsDir: charts }))).toBe(
      `dataset channel_followers: file not found (in ${data}/channel_followers.arrow), and the chart site/charts/channel_followers.vl.json reads it; ` +
        'write queries/marts/channel_followers.sql, or name another mart in usermeta.report.mart',
    );
  });

  it('fails when the month filter is not a text column of months', () => {
    const spec = { ...BAR, usermeta: { report: { ...BAR.usermeta.report, month: 'share' } } };
    const { data, charts } = project('bad-month', { 'channel_media_share.vl.json': spec });
    expect(failure(() => loadReportData(data, { chartsDir: charts }))).toMatch(
      /^dataset channel_media_share: column share must be Utf8, found Float64; the chart site\/charts\/channel_media_share\.vl\.json uses it as its month filter/,
    );
  });

  it('fails naming a spec file that is not JSON', () => {
    const { charts } = project('not-json', { 'broken.vl.json': '{ "mark": "bar", }' });
    expect(failure(() => readChartSpecs(charts))).toMatch(/^chart spec site\/charts\/broken\.vl\.json: not valid JSON: /);
  });
});

describe('a site built with declared charts', () => {
  let out: string;
  let data: string;
  let badBuild: Promise<unknown>;
  beforeAll(async () => {
    const made = project('site', {
      'channel_media_share.vl.json': BAR,
      'media_trend.vl.json': { ...LINE, usermeta: { report: { ...LINE.usermeta.report, mart: 'channel_media_share' } } },
      'restated_changes.vl.json': RESTATED,
    });
    data = made.data;
    out = join(work, 'site', 'out');
    const bad = project('site-bad', { 'channel_media_share.vl.json': { ...BAR, encoding: { ...BAR.encoding, x: { field: 'shares', type: 'quantitative' } } } });
    // buildSite hands its environment to astro: each build reads the charts folder it is given.
    const build = (dir: string, outDir: string, charts: string) => {
      process.env.REPORT_CHARTS_DIR = charts;
      return buildSite({ projectRoot: ROOT, dataDir: dir, outDir, verbose: false });
    };
    await build(data, out, made.charts);
    badBuild = build(bad.data, join(work, 'site-bad', 'out'), bad.charts).then(
      () => null,
      (error: unknown) => error,
    );
    await badBuild;
  });

  const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
  const figure = (html: string, id: string) => new RegExp(`<figure class="chart[^"]*" id="${id}".*?</figure>`, 's').exec(html)?.[0] ?? '';

  it('shows a chart after the page\'s own charts, in their grid, with title, caption, the rows as a table and downloads', () => {
    const html = page('2026-10');
    const ids = [...html.matchAll(/<figure class="chart[^"]*" id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['channel-roi', 'channel-roas', 'spend-revenue', 'chart-channel-media-share']);
    const share = figure(html, 'chart-channel-media-share');
    expect(share).toContain('<h3 class="chart-title" id="chart-channel-media-share-title">Anteil an den Mediaausgaben</h3>');
    expect(share).toContain('<figcaption>Anteil jedes Kanals an den Mediaausgaben im Oktober 2026.</figcaption>');
    // Oct, last_touch: Meta 6200+3100 = 9,300 of 20,370 media spend (unmapped 420 included): 45.7 %.
    expect(share).toContain(
      `aria-label="Diagramm „Anteil an den Mediaausgaben“, Oktober 2026: Meta: Media 9.300${NBSP}€, Share 45,7${NBSP}%; LinkedIn: Media 5.600${NBSP}€, Share 27,5${NBSP}%;`,
    );
    // The chart names the channels as the page does: unmapped spend in words.
    expect(share).toMatch(/<div class="chart-wide"><svg.*>Nicht zugeordnet<\/text>.*<\/svg><\/div>/s);
    expect(share).not.toContain('>unmapped</text>');
    const table = /<table[^>]*id="table-chart-channel-media-share".*?<\/table>/s.exec(share)?.[0] ?? '';
    expect(table.match(/<tr>|<tr data-key/g)).toHaveLength(1 + 5); // header, Meta, YouTube, LinkedIn, Influencer (share 0), unmapped
    expect(table).toContain(`9.300${NBSP}€`);
    expect(table).toContain(`45,7${NBSP}%`);
    expect(share).toContain('href="../2026-10/chart-channel-media-share.csv" download>CSV</a>');
    expect(share).toContain('href="../data/channel_media_share.arrow" download>Arrow (<code>channel_media_share.arrow</code>)</a>');
    // a German report's CSV: byte-order mark and semicolons (csv.ts)
    expect(readFileSync(join(out, '2026-10', 'chart-channel-media-share.csv'), 'utf8').split('\r\n')[0]).toBe('\uFEFFchannel;media_spend;share');
    expect(share).toContain('href="../2026-10/2026-10.xlsx" download');
    // The landing page shows the report month's overview, the declared chart included.
    expect(figure(page(''), 'chart-channel-media-share')).toBe(share.replace(/href="\.\.\//g, 'href="'));
  });

  it('draws each channel in the colour the report gives it everywhere', () => {
    const html = page('2026-10/channels');
    const colours = new Map([...html.matchAll(/<span class="swatch" style="background:(#[0-9a-f]{6})" aria-hidden="true"><\/span>\s*([^<]+?)\s*<\/th>/g)].map((m) => [m[2], m[1]]));
    const svg = /<div class="chart-wide"><svg.*?<\/svg>/s.exec(figure(page('2026-10'), 'chart-channel-media-share'))?.[0] ?? '';
    for (const channel of ['Meta', 'LinkedIn', 'YouTube']) expect(svg).toContain(`fill="${colours.get(channel)}"`);
    const trend = figure(page('2026-10/costs'), 'chart-media-trend');
    for (const channel of ['Meta', 'LinkedIn', 'YouTube']) expect(trend).toContain(`stroke="${colours.get(channel)}"`);
  });

  it('gives a page without a grid of charts a section of its own, and a chart of 13 months the months ending with the page\'s', () => {
    const html = page('2026-10/costs');
    expect(html).toMatch(/<section aria-labelledby="declared-heading">\s*<h2 id="declared-heading">Weitere Diagramme<\/h2>\s*<div class="charts">\s*<figure class="chart chart-full" id="chart-media-trend"/);
    const table = /<table[^>]*id="table-chart-media-trend".*?<\/table>/s.exec(html)?.[0] ?? '';
    const months = [...new Set([...table.matchAll(/<th scope="row"[^>]*>\s*([^<]+?)\s*<\/th>/g)].map((m) => m[1]))];
    expect(months[0]).toBe('Oktober 2025');
    expect(months.at(-1)).toBe('Oktober 2026');
    expect(months).toHaveLength(13);
    // An earlier month's page ends its 13 months there.
    expect(page('2026-03/costs')).toContain('März 2026');
    expect(page('2026-03/costs')).not.toContain('<th scope="row" class="nowrap">  Oktober 2026');
  });

  it('puts a chart of any mart on the data-quality page, every month of it', () => {
    const html = page('data-quality');
    expect(html).toMatch(/<h2 id="declared-heading">Weitere Diagramme<\/h2>\s*<div class="charts">\s*<figure class="chart" id="chart-restated-changes"/);
    const chart = figure(html, 'chart-restated-changes');
    expect(chart).toContain('>Änderungen seit Veröffentlichung</h3>');
    expect(chart).toContain('<div class="chart-wide"><svg');
    // No month filter on a page about every month: every row, in the columns the spec lists.
    const table = /<table[^>]*id="table-chart-restated-changes".*?<\/table>/s.exec(chart)?.[0] ?? '';
    expect([...table.matchAll(/<th scope="col"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1])).toEqual(['Monat', 'Kampagne', 'Kennzahl', 'Änderung']);
    expect(table.match(/<tr>/g)).toHaveLength(1 + 5);
    expect(table).toContain('August 2026');
  });

  it('fails the build naming the spec, the mart and the column a spec uses and the mart lacks', async () => {
    const error = (await badBuild) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(
      /^build failed: dataset channel_media_share: no column shares, which the chart site\/charts\/channel_media_share\.vl\.json uses in its spec; the mart has month, model, channel, media_spend, share \(in .*channel_media_share\.arrow\)$/,
    );
    expect(existsSync(join(work, 'site-bad', 'out', 'index.html'))).toBe(false);
  });
});
