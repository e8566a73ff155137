// The site side of the bootstrap intervals (issue 19): "low – high" in tables and their
// downloads, whiskers beside the bars, and what the overview claims from roi_verdicts and
// channel_ranking: the channels' verdicts, the best and worst channel, the best and worst
// campaigns, and where to move budget. Small made-up rows, exact strings.
import { describe, expect, it } from 'vitest';
import type { CampaignRoiRow, ChannelRankingRow, ChannelRoiRow, DatasetRows, RoiVerdictRow } from '../site/lib/data/schemas.ts';
import { SCHEMAS } from '../site/lib/data/schemas.ts';
import { createFormatter } from '../site/lib/format.ts';
import type { Locale } from '../site/lib/i18n.ts';
import { budgetParagraphs, budgetPlan, channelSentences, judgeCampaigns, rankingSentences, unjudgedLine, verdictsOf, withInterval } from '../site/lib/intervals.ts';
import type { Report } from '../site/lib/report.ts';
import type { TableModel } from '../site/lib/table.ts';
import { fileColumns, intervalText, tableCsv } from '../site/lib/table.ts';
import { tableSheet } from '../site/lib/xlsx.ts';
import { barInput, lineSpec } from '../site/lib/charts.ts';
import { renderChart } from '../site/lib/vega.ts';

const NBSP = '\u00a0';

function row<T>(schema: Record<string, unknown>, values: Partial<T>): T {
  return { ...Object.fromEntries(Object.keys(schema).map((k) => [k, null])), ...values } as T;
}
const channel = (v: Partial<ChannelRoiRow>) => row<ChannelRoiRow>(SCHEMAS.channel_roi, { month: '2026-10', model: 'last_touch', ...v });
const campaign = (v: Partial<CampaignRoiRow>) => row<CampaignRoiRow>(SCHEMAS.campaign_roi, { month: '2026-10', model: 'last_touch', ...v });
const verdict = (key: string, v: RoiVerdictRow['verdict'], conversions = 50, grain: 'campaign' | 'channel' = 'channel') =>
  row<RoiVerdictRow>(SCHEMAS.roi_verdicts, { month: '2026-10', grain, key, verdict: v, models: 6, conversions, too_few_conversions: conversions < 20 });
const ranking = (channelKey: string, best: number, worst: number) =>
  row<ChannelRankingRow>(SCHEMAS.channel_ranking, { month: '2026-10', model: 'last_touch', channel: channelKey, share_best: best, share_worst: worst, channels: 4 });

/** Just enough of a report for the interval texts: settings, formatter, names and rows. */
function fakeReport(locale: Locale, datasets: Partial<DatasetRows>, replicates = 200): Report {
  const empty = Object.fromEntries(Object.keys(SCHEMAS).map((k) => [k, []]));
  return {
    manifest: { settings: { bootstrap_replicates: replicates, interval_level: 0.9, min_conversions: 20 } },
    fmt: createFormatter({ locale, currency: 'EUR', timeZone: 'Europe/Berlin' }),
    model: 'last_touch',
    modelName: (m: string) => (m === 'last_touch' ? (locale === 'de' ? 'Letzter Kontakt' : 'Last touch') : m),
    channelName: (c: string | null) => c ?? '–',
    data: { datasets: { ...empty, ...datasets } },
  } as unknown as Report;
}

const CHANNELS = [
  channel({ channel: 'Pinterest', roi: 1.008, roi_low: 0.51, roi_high: 1.522 }),
  channel({ channel: 'Meta', roi: 0.01, roi_low: -0.081, roi_high: 0.075 }),
  channel({ channel: 'TikTok', roi: -0.0936, roi_low: -0.256, roi_high: 0.086 }),
  channel({ channel: 'LinkedIn', roi: -0.5387, roi_low: -0.6875, roi_high: -0.4173 }),
  channel({ channel: 'unmapped', roi: 6.17, roi_low: 5.3, roi_high: 7.2 }),
];

describe('where to move budget', () => {
  it('names one move from the robust loser to the robust earner, with each ROI and interval', () => {
    const verdicts = [verdict('Pinterest', 'earns'), verdict('Meta', 'uncertain'), verdict('TikTok', 'depends_on_model'), verdict('LinkedIn', 'loses')];
    const plan = budgetPlan(true, verdictsOf(verdicts, '2026-10', 'channel'), CHANNELS);
    expect(plan.state).toBe('moves');
    expect(plan.moves.map((m) => [m.from.channel, m.to.map((c) => c.channel)])).toEqual([['LinkedIn', ['Pinterest']]]);
    const report = fakeReport('en', { channel_roi: CHANNELS, roi_verdicts: verdicts });
    expect(budgetParagraphs(report, '2026-10').lines).toEqual([
      `From LinkedIn (ROI -53.9%, 90% interval -69%${NBSP}– -42%) to Pinterest (ROI 100.8%, 90% interval 51%${NBSP}– 152%).`,
    ]);
    const de = fakeReport('de', { channel_roi: CHANNELS, roi_verdicts: verdicts });
    expect(budgetParagraphs(de, '2026-10').lines).toEqual([
      `Von LinkedIn (ROI -53,9${NBSP}%, 90\u2011%\u2011Intervall -69${NBSP}%${NBSP}– -42${NBSP}%) zu Pinterest (ROI 100,8${NBSP}%, 90\u2011%\u2011Intervall 51${NBSP}%${NBSP}– 152${NBSP}%).`,
    ]);
  });

  it('offers every robust earner to a robust loser, and one move per loser', () => {
    const verdicts = [verdict('Pinterest', 'earns'), verdict('Meta', 'earns'), verdict('TikTok', 'loses'), verdict('LinkedIn', 'loses')];
    const plan = budgetPlan(true, verdictsOf(verdicts, '2026-10', 'channel'), CHANNELS);
    // losers lowest ROI first, earners highest first
    expect(plan.moves.map((m) => [m.from.channel, m.to.map((c) => c.channel)])).toEqual([
      ['LinkedIn', ['Pinterest', 'Meta']],
      ['TikTok', ['Pinterest', 'Meta']],
    ]);
    const report = fakeReport('en', { channel_roi: CHANNELS, roi_verdicts: verdicts });
    expect(budgetParagraphs(report, '2026-10').lines[0]).toBe(
      `From LinkedIn (ROI -53.9%, 90% interval -69%${NBSP}– -42%) to Pinterest (ROI 100.8%, 90% interval 51%${NBSP}– 152%) or Meta (ROI 1.0%, 90% interval -8%${NBSP}– 8%).`,
    );
  });

  it('says plainly that the data does not support a move when no channel loses robustly, and names the skipped ones', () => {
    // LinkedIn loses under every model but has 9 conversions: skipped, and said so
    const verdicts = [verdict('Pinterest', 'earns'), verdict('Meta', 'uncertain'), verdict('TikTok', 'depends_on_model'), verdict('LinkedIn', 'loses', 9)];
    const plan = budgetPlan(true, verdictsOf(verdicts, '2026-10', 'channel'), CHANNELS);
    expect(plan).toMatchObject({ state: 'none', reason: 'noLoser', moves: [] });
    expect(plan.skipped.map((s) => s.channel.channel)).toEqual(['LinkedIn']);
    const report = fakeReport('en', { channel_roi: CHANNELS, roi_verdicts: verdicts });
    expect(budgetParagraphs(report, '2026-10').lines).toEqual([
      "This month's data does not support moving budget: no channel loses money under every model with confidence.",
      `Earned their cost with confidence: Pinterest (ROI 100.8%, 90% interval 51%${NBSP}– 152%).`,
      'Skipped for too few conversions to judge (under 20): LinkedIn (9 conversions, loses money).',
    ]);
  });

  it('gives the reason when neither side is robust, and suggests nothing without intervals', () => {
    const verdicts = [verdict('Pinterest', 'depends_on_model'), verdict('LinkedIn', 'uncertain')];
    expect(budgetPlan(true, verdictsOf(verdicts, '2026-10', 'channel'), CHANNELS)).toMatchObject({ state: 'none', reason: 'neither' });
    expect(budgetPlan(true, verdictsOf([verdict('LinkedIn', 'loses')], '2026-10', 'channel'), CHANNELS)).toMatchObject({ state: 'none', reason: 'noEarner' });
    expect(budgetPlan(false, verdictsOf([verdict('LinkedIn', 'loses'), verdict('Pinterest', 'earns')], '2026-10', 'channel'), CHANNELS).state).toBe('off');
    const de = fakeReport('de', { channel_roi: CHANNELS }, 0);
    expect(budgetParagraphs(de, '2026-10')).toEqual({
      intro: null,
      lines: [
        'Die Intervalle sind abgeschaltet (bootstrap_replicates 0): Ohne sie kann der Bericht nicht sagen, ob ein Kanal sicher Geld verliert oder sicher seine Kosten einspielt, und schlägt keine Verschiebung vor.',
      ],
    });
  });
});

describe("the overview's sentences on channels", () => {
  it('says which channels earned their cost under every model and for which it depends on the model', () => {
    const verdicts = [verdict('Pinterest', 'earns'), verdict('TikTok', 'depends_on_model'), verdict('LinkedIn', 'loses', 9)];
    const report = fakeReport('en', { channel_roi: CHANNELS, roi_verdicts: verdicts });
    expect(channelSentences(report, '2026-10')).toEqual([
      'Pinterest earned its cost under every attribution model; whether TikTok did depends on the model.',
      'Too few conversions to judge (under 20): LinkedIn (9).',
    ]);
    const many = [verdict('Pinterest', 'earns'), verdict('Meta', 'earns'), verdict('TikTok', 'depends_on_model'), verdict('LinkedIn', 'loses')];
    expect(channelSentences(fakeReport('de', { channel_roi: CHANNELS, roi_verdicts: many }), '2026-10')).toEqual([
      'Pinterest und Meta haben ihre Kosten unter jedem Attributionsmodell eingespielt; ob TikTok es tat, hängt vom Modell ab; LinkedIn hat unter jedem Modell Geld verloren.',
    ]);
  });

  it('names the best channel only when it is best in at least interval_level of the replicates', () => {
    const report = fakeReport('en', {});
    expect(rankingSentences(report, [ranking('Pinterest', 1, 0), ranking('Meta', 0, 0), ranking('LinkedIn', 0, 0.985), ranking('TikTok', 0, 0.015)], CHANNELS)).toEqual([
      'Best channel by ROI: Pinterest (100.8%), top in 100% of resamples.',
      'Weakest channel by ROI: LinkedIn (-53.9%), bottom in 99% of resamples.',
    ]);
    expect(rankingSentences(report, [ranking('Meta', 0.55, 0.1), ranking('Pinterest', 0.4, 0), ranking('TikTok', 0.05, 0.45), ranking('LinkedIn', 0, 0.45)], CHANNELS)).toEqual([
      'No channel was clearly best by ROI: Meta came top in 55% of resamples, Pinterest in 40%, TikTok in 5%.',
      'No channel was clearly weakest by ROI: LinkedIn came bottom in 45% of resamples, TikTok in 45%, Meta in 10%.',
    ]);
    expect(rankingSentences(fakeReport('de', {}), [ranking('Meta', 0.55, 0), ranking('Pinterest', 0.45, 0.95)], CHANNELS)).toEqual([
      `Kein Kanal war klar der beste nach ROI: Meta lag in 55${NBSP}% der Stichproben vorn, Pinterest in 45${NBSP}%.`,
      `Schwächster Kanal nach ROI: Pinterest (100,8${NBSP}%), in 95${NBSP}% der Stichproben hinten.`,
    ]);
  });

  it('marks a best or worst channel that has too few conversions to judge', () => {
    const report = fakeReport('en', {});
    expect(rankingSentences(report, [ranking('Pinterest', 1, 0), ranking('LinkedIn', 0, 1)], CHANNELS, new Set(['LinkedIn']))).toEqual([
      'Best channel by ROI: Pinterest (100.8%), top in 100% of resamples.',
      'Weakest channel by ROI: LinkedIn (-53.9%; too few conversions to judge), bottom in 100% of resamples.',
    ]);
  });

  it('says that intervals are off instead of claiming robustness', () => {
    expect(channelSentences(fakeReport('en', { channel_roi: CHANNELS }, 0), '2026-10')).toEqual([
      'Intervals are switched off (bootstrap_replicates 0): in this run the report does not say which campaigns and channels earned their cost or lost money with confidence.',
      'Highest ROI: Pinterest (100.8%), lowest: LinkedIn (-53.9%); without the bootstrap the report does not say how sure this order is.',
    ]);
  });
});

describe('the best and worst campaigns', () => {
  it('lists only campaigns that earn or lose under every model with enough conversions, and counts the rest', () => {
    const ranked = [
      campaign({ campaign: 'a', roi: 2 }),
      campaign({ campaign: 'b', roi: 1.5 }), // earns, too few conversions
      campaign({ campaign: 'c', roi: 0.8 }), // depends on the model
      campaign({ campaign: 'd', roi: 0.2 }),
      campaign({ campaign: 'e', roi: -0.1 }), // uncertain
      campaign({ campaign: 'f', roi: -0.4 }),
      campaign({ campaign: 'g', roi: -0.9 }),
      campaign({ campaign: 'h', roi: null }), // no costs, no verdict
    ];
    const verdicts = verdictsOf(
      [
        verdict('a', 'earns', 50, 'campaign'),
        verdict('b', 'earns', 12, 'campaign'),
        verdict('c', 'depends_on_model', 50, 'campaign'),
        verdict('d', 'earns', 50, 'campaign'),
        verdict('e', 'uncertain', 50, 'campaign'),
        verdict('f', 'loses', 50, 'campaign'),
        verdict('g', 'loses', 30, 'campaign'),
      ],
      '2026-10',
      'campaign',
    );
    const judged = judgeCampaigns(ranked, verdicts, 5);
    expect(judged.best.map((r) => r.campaign)).toEqual(['a', 'd']);
    expect(judged.worst.map((r) => r.campaign)).toEqual(['g', 'f']);
    expect(judged.unjudged).toEqual({ depends_on_model: 1, uncertain: 1, too_few: 1 });
    expect(judgeCampaigns(ranked, verdicts, 1).worst.map((r) => r.campaign)).toEqual(['g']);
    expect(unjudgedLine(fakeReport('en', {}), judged.unjudged)).toBe('3 campaigns could not be judged (depends on the model: 1, uncertain: 1, too few conversions: 1).');
    expect(unjudgedLine(fakeReport('de', {}), { depends_on_model: 1, uncertain: 0, too_few: 0 })).toBe('1 Kampagne lässt kein Urteil zu (vom Modell abhängig: 1).');
    expect(unjudgedLine(fakeReport('de', {}), { depends_on_model: 0, uncertain: 0, too_few: 0 })).toBeNull();
  });
});

describe('intervals in tables and downloads', () => {
  const report = fakeReport('de', {});
  const table: TableModel = {
    id: 'x',
    caption: 'x',
    columns: [
      { key: 'campaign', label: 'Kampagne', kind: 'text' },
      withInterval(report, { key: 'roi', label: 'ROI', kind: 'percent', signed: true }),
      withInterval(report, { key: 'revenue', label: 'Zugeordneter Umsatz', kind: 'money0' }),
      withInterval(report, { key: 'cpa', label: 'CPA', kind: 'money' }, 'cpa', true),
    ],
    rows: [
      { cells: { campaign: 'a', roi: -0.5387, roi_low: -0.6875, roi_high: -0.4173, revenue: 6629.6, revenue_low: 5720.2, revenue_high: 7538.4, cpa: 303.1, cpa_low: 101.03, cpa_high: null } },
      { cells: { campaign: 'b', roi: 0.1, roi_low: null, roi_high: null, revenue: 10, revenue_low: null, revenue_high: null, cpa: null, cpa_low: null, cpa_high: null } },
    ],
    csv: 'x.csv',
    datasets: [],
  };

  it('writes "low – high" in the column\'s format, "ab …" for a CPA without upper bound, nothing without an interval', () => {
    const fmt = report.fmt;
    const [, roi, revenue, cpa] = table.columns;
    const [a, b] = table.rows;
    expect(intervalText(roi!, a!, fmt)).toBe(`-69${NBSP}%${NBSP}– -42${NBSP}%`);
    expect(intervalText(revenue!, a!, fmt)).toBe(`5.720${NBSP}€${NBSP}– 7.538${NBSP}€`);
    expect(intervalText(cpa!, a!, fmt)).toBe(`ab 101,03${NBSP}€`);
    expect(intervalText(roi!, b!, fmt)).toBeNull();
  });

  it('puts both ends into the downloads as numbers, in columns of their own after the figure', () => {
    expect(fileColumns(table).map((c) => c.key)).toEqual(['campaign', 'roi', 'roi_low', 'roi_high', 'revenue', 'revenue_low', 'revenue_high', 'cpa', 'cpa_low', 'cpa_high']);
    expect(tableCsv(table).split('\r\n')).toEqual([
      '\uFEFFcampaign,roi,roi_low,roi_high,revenue,revenue_low,revenue_high,cpa,cpa_low,cpa_high',
      'a,-0.5387,-0.6875,-0.4173,6629.6,5720.2,7538.4,303.1,101.03,',
      'b,0.1,,,10,,,,,',
      '',
    ]);
    const sheet = tableSheet(table, 'de');
    expect(sheet[0]?.map((c) => (c as { value: string }).value)).toEqual([
      'Kampagne', 'ROI', 'ROI, untere Grenze', 'ROI, obere Grenze', 'Zugeordneter Umsatz', 'Zugeordneter Umsatz, untere Grenze',
      'Zugeordneter Umsatz, obere Grenze', 'CPA', 'CPA, untere Grenze', 'CPA, obere Grenze',
    ]);
    // typed numbers with the figure's number format
    expect(sheet[2]?.[2]).toEqual({ value: -0.6875, type: Number, format: '0.0%' });
    expect(sheet[2]?.[6]).toEqual({ value: 7538.4, type: Number, format: '#,##0' });
  });

  it('leaves the columns as they are without intervals', () => {
    const off = fakeReport('de', {}, 0);
    expect(withInterval(off, { key: 'roi', label: 'ROI', kind: 'percent' })).toEqual({ key: 'roi', label: 'ROI', kind: 'percent' });
  });
});

describe('whiskers', () => {
  it('on a line chart mark the points whose interval is known, one whisker each, and nothing when off', async () => {
    const fmt = createFormatter({ locale: 'en', currency: 'EUR', timeZone: 'Europe/Berlin' });
    const series = [
      { name: 'Cost', color: '#7b8794', dash: [5, 3], shape: 'square' },
      { name: 'Revenue', color: '#1f3a5f', dash: [1, 0], shape: 'circle' },
    ];
    // Revenue's interval is unknown in the middle month (lo/hi null) and absent on cost.
    const values = [0, 1, 2].flatMap((i) => [
      { i, month: `M${i}`, series: 'Cost', value: 100, text: '€100', last: i === 2 },
      { i, month: `M${i}`, series: 'Revenue', value: 200 + i, text: '€200', last: i === 2, lo: i === 1 ? null : 150, hi: i === 1 ? null : 260 },
    ]);
    const draw = (whiskers: boolean) => renderChart({ spec: lineSpec({ width: 400, narrow: false }, { series, format: '$,.0f', whiskers }), values }, fmt);
    const rules = (svg: string) => {
      const group = svg.match(/<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)<\/g>/)?.[1];
      return group === undefined ? null : (group.match(/<line/g) ?? []).length;
    };
    expect(rules(await draw(true))).toBe(2);
    expect(rules(await draw(false))).toBeNull();
  });

  it('place each value label beyond its whisker and widen the scale to hold the whiskers', () => {
    const input = barInput(
      [
        { label: 'A', value: 1, color: '#000', text: '100 %', lo: 0.5, hi: 1.5 },
        { label: 'B', value: -0.5, color: '#000', text: '-50 %', lo: -0.7, hi: -0.4 },
        { label: 'C', value: 0.2, color: '#000', text: '20 %', lo: null, hi: null },
        { label: 'D', value: 0.1, color: '#000', text: '10 %' },
      ],
      300,
    );
    expect(input.values.map((v) => [(v as { at: number }).at, (v as { lo: number | null }).lo, (v as { hi: number | null }).hi])).toEqual([
      [1.5, 0.5, 1.5],
      [-0.7, -0.7, -0.4],
      [0.2, null, null],
      [0.1, null, null],
    ]);
    expect(input.signals.lo).toBeLessThan(-0.7);
    expect(input.signals.hi).toBeGreaterThan(1.5);
  });
});
