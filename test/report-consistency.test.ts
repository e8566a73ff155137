// Every figure on a page agrees with the figures beside it (issue 20, points 1 and 3).
// Reads the German sample (built once per test run, as a user does) and reads each page's rendered
// numbers (tiles, facts, table cells, a sentence) in German formatting and checks
// that each figure defined from others equals what those give, within the rounding
// the page shows: ROI = (gross profit − cost) ÷ cost, gross profit = revenue × margin,
// ROAS = revenue ÷ media spend as each label says, the platforms' over-claim factor =
// claimed ÷ attributed for each platform and Σ claimed ÷ Σ attributed for all of them,
// CPA = cost ÷ conversions, sums of rows = the tiles. It also checks what the charts
// and tables say at a glance: rows in the order the caption promises (the chart's
// bars in the table's order), rows that are not campaigns apart from the campaigns,
// 'best' only with a ROI above 0 and 'worst' only below, and trends that end with
// the report's month or name a month that is not complete.
//
// The rounding: a shown figure stands for every value that rounds to it (7.037 € for
// 7.036,5 … 7.037,5); a derived figure agrees when its shown range meets the range its
// inputs' ranges give (every input at either end, ratios being monotonic in each).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from './helpers/cli.ts';
import { sampleReport } from './helpers/sample-report.ts';

const MONTH = '2026-10';
const MONTH_WORDS = 'Oktober 2026';
const CAMPAIGN = 'meta-retargeting';

let out: string;
let run: CliResult;

beforeAll(async () => {
  ({ out, run } = await sampleReport('de'));
}, 600_000);

// ---------------------------------------------------------------------------
// Reading a page

const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': '\u00a0', '&shy;': '' };

/** The text of an HTML fragment: tags removed, entities decoded, soft hyphens dropped, spaces collapsed. */
function text(html: string): string {
  return html
    .replace(/<svg.*?<\/svg>/gs, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, (e) => ENTITIES[e] ?? e)
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A figure as the page shows it: the value, and half a step of its last digit. */
interface Shown {
  value: number;
  half: number;
  text: string;
}

/**
 * Reads a German figure: 7.037 € · 7.037,49 € · 7,4 % · -53,9 % · +80,4 Pp. · 2,36 · 1,38× · 457.
 * Percent and points become fractions (7,4 % = 0.074). Null for a missing figure (–, nicht erfasst).
 */
function parse(shown: string): Shown | null {
  const s = shown.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
  if (s === '' || s === '–' || s === '-' || /^nicht erfasst/.test(s)) return null;
  const match = /^([+\-−]?)([\d.]+(?:,\d+)?)\s*(€|%|Pp\.|×)?$/.exec(s);
  if (!match) throw new Error(`not a German figure: "${shown}"`);
  const [, sign, digits, unit] = match;
  const [whole, decimals = ''] = digits!.split(',');
  const magnitude = Number(`${whole!.replace(/\./g, '')}.${decimals || '0'}`);
  const scale = unit === '%' || unit === 'Pp.' ? 0.01 : 1;
  const value = (sign === '-' || sign === '−' ? -magnitude : magnitude) * scale;
  return { value, half: 0.5 * 10 ** -decimals.length * scale, text: s };
}

function must(shown: string, where: string): Shown {
  const figure = parse(shown);
  if (figure === null) throw new Error(`${where}: no figure ("${shown}")`);
  return figure;
}

interface Cell {
  main: string;
  sub: string;
}

interface Row {
  group: string;
  key: string | null;
  cells: Record<string, Cell>;
}

interface Table {
  id: string;
  caption: string;
  headers: string[];
  rows: Row[];
}

/** The table with id `table-<id>`, its header words as keys of each row's cells. */
function table(html: string, id: string): Table {
  const found = new RegExp(`<table[^>]*id="table-${id}"[^>]*>(.*?)</table>`, 's').exec(html);
  if (!found) throw new Error(`no table ${id}`);
  const body = found[1]!;
  const caption = text(/<caption>(.*?)<\/caption>/s.exec(body)?.[1] ?? '');
  const headers = [...(/<thead>(.*?)<\/thead>/s.exec(body)?.[1] ?? '').matchAll(/<th[^>]*>(.*?)<\/th>/gs)].map((m) => text(m[1]!));
  const rows: Row[] = [];
  for (const group of body.matchAll(/<tbody class="([^"]*)">(.*?)<\/tbody>/gs)) {
    for (const tr of group[2]!.matchAll(/<tr([^>]*)>(.*?)<\/tr>/gs)) {
      const key = /data-key="([^"]*)"/.exec(tr[1]!)?.[1] ?? null;
      const cells = [...tr[2]!.matchAll(/<(th|td)[^>]*>(.*?)<\/\1>/gs)].map((m) => {
        const sub = /<span class="cell-sub">(.*?)<\/span>/s.exec(m[2]!)?.[1] ?? '';
        return { main: text(m[2]!.replace(/<span class="cell-sub">.*?<\/span>/s, '')), sub: text(sub) };
      });
      rows.push({ group: group[1]!, key, cells: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? { main: '', sub: '' }])) });
    }
  }
  return { id, caption, headers, rows };
}

/** One figure of a row, by its column header. */
function cell(t: Table, row: Row, header: string): Shown | null {
  const c = row.cells[header];
  if (!c) throw new Error(`table ${t.id}: no column "${header}" (columns: ${t.headers.join(' | ')})`);
  return parse(c.main);
}

const rowName = (t: Table, row: Row) => row.cells[t.headers[0]!]?.main ?? '?';

/** The headline tiles: value and hint per metric. */
function tiles(html: string): Record<string, { value: Shown; hint: string }> {
  const result: Record<string, { value: Shown; hint: string }> = {};
  for (const m of html.matchAll(/<article class="tile" data-metric="(\w+)">(.*?)<\/article>/gs)) {
    const value = text(/<p class="tile-value">(.*?)<\/p>/s.exec(m[2]!)?.[1] ?? '');
    result[m[1]!] = { value: must(value, `tile ${m[1]}`), hint: text(/<p class="tile-hint">(.*?)<\/p>/s.exec(m[2]!)?.[1] ?? '') };
  }
  return result;
}

/** The facts of a campaign page (label → value before its bracketed interval). */
function facts(html: string): Record<string, Shown | null> {
  const list = /<dl class="facts">(.*?)<\/dl>/s.exec(html)?.[1] ?? '';
  return Object.fromEntries(
    [...list.matchAll(/<dt>(.*?)<\/dt>\s*<dd>(.*?)<\/dd>/gs)].map((m) => [text(m[1]!), parse(text(m[2]!).replace(/\s*\(.*\)$/, '').replace(/ – .*$/, ''))]),
  );
}

/** The labels down the side of a figure's (first) chart, top to bottom. */
function chartLabels(html: string, figureId: string): string[] {
  const figure = new RegExp(`<figure[^>]*id="${figureId}"[^>]*>(.*?)</figure>`, 's').exec(html)?.[1];
  if (!figure) throw new Error(`no figure ${figureId}`);
  const svg = /<svg.*?<\/svg>/s.exec(figure)?.[0] ?? '';
  const axis = [...svg.matchAll(/role-axis-label[^>]*>(.*?)<\/g>/gs)].map((m) => m[1]!);
  const labels = axis.flatMap((g) => [...g.matchAll(/<text[^>]*transform="translate\((-?[\d.]+),(-?[\d.]+)\)"[^>]*>(.*?)<\/text>/gs)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), label: text(m[3]!) })));
  // the band axis on the left: its labels stand left of the plot
  return labels.filter((l) => l.x < 0).sort((a, b) => a.y - b.y).map((l) => l.label);
}

/** The figure's caption. */
function caption(html: string, figureId: string): string {
  const figure = new RegExp(`<figure[^>]*id="${figureId}"[^>]*>(.*?)</figure>`, 's').exec(html)?.[1] ?? '';
  return text(/<figcaption>(.*?)<\/figcaption>/s.exec(figure)?.[1] ?? '');
}

// ---------------------------------------------------------------------------
// Agreement within the shown rounding

/** The range `f` takes over every corner of its inputs' shown ranges. */
function range(f: (...xs: number[]) => number, inputs: Shown[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let corner = 0; corner < 2 ** inputs.length; corner++) {
    const xs = inputs.map((x, i) => x.value + ((corner >> i) & 1 ? x.half : -x.half));
    const v = f(...xs);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

/** A failure message per disagreement, so one run names every figure that is off. */
class Checks {
  problems: string[] = [];
  count = 0;

  /** `shown` equals f(inputs) within the rounding of all of them. */
  derived(where: string, shown: Shown | null, f: (...xs: number[]) => number, inputs: (Shown | null)[], formula: string): void {
    if (shown === null || inputs.some((x) => x === null)) {
      this.problems.push(`${where}: a figure of ${formula} is missing`);
      return;
    }
    this.count++;
    const [lo, hi] = range(f, inputs as Shown[]);
    const eps = 1e-9;
    if (shown.value + shown.half < lo - eps || shown.value - shown.half > hi + eps) {
      this.problems.push(`${where}: shows ${shown.text}, but ${formula} = ${(inputs as Shown[]).map((x) => x.text).join(', ')} gives ${lo.toPrecision(5)} … ${hi.toPrecision(5)}`);
    }
  }

  /** A sum of shown figures equals a shown total (each term off by at most its half step). */
  sum(where: string, total: Shown | null, terms: (Shown | null)[], formula: string): void {
    const present = terms.filter((x): x is Shown => x !== null);
    if (total === null) {
      this.problems.push(`${where}: no total for ${formula}`);
      return;
    }
    this.count++;
    const value = present.reduce((s, x) => s + x.value, 0);
    const slack = present.reduce((s, x) => s + x.half, 0) + total.half + 1e-9;
    if (Math.abs(value - total.value) > slack) this.problems.push(`${where}: shows ${total.text}, but ${formula} adds up to ${value.toFixed(2)} (± ${slack.toFixed(2)})`);
  }

  that(where: string, ok: boolean, what: string): void {
    this.count++;
    if (!ok) this.problems.push(`${where}: ${what}`);
  }
}

const roi = (profit: number, cost: number) => (profit - cost) / cost;
const ratio = (a: number, b: number) => a / b;
const times = (a: number, b: number) => a * b;

/** The report's gross margin, from the settings in the page's footer. */
function margin(html: string): Shown {
  const found = /Rohertragsmarge (\d+(?:,\d+)?) %/.exec(text(html));
  if (!found) throw new Error('no gross margin in the footer');
  // the margin is a setting: exact, not rounded
  return { ...must(`${found[1]} %`, 'margin'), half: 0 };
}

/** Per row: gross profit = revenue × margin, ROI = (gross profit − cost) ÷ cost. */
function checkRoiRows(c: Checks, where: string, t: Table, m: Shown, columns: { revenue?: string; profit: string; cost: string; roi: string }, rows = t.rows) {
  for (const row of rows) {
    const at = `${where}, table "${t.caption}", row ${rowName(t, row)}`;
    const profit = cell(t, row, columns.profit);
    const cost = cell(t, row, columns.cost);
    if (columns.revenue) {
      const revenue = cell(t, row, columns.revenue);
      if (revenue !== null && profit !== null) c.derived(`${at}, ${columns.profit}`, profit, times, [revenue, m], `${columns.revenue} × margin`);
    }
    if (cost === null || cost.value === 0) continue;
    c.derived(`${at}, ${columns.roi}`, cell(t, row, columns.roi), roi, [profit, cost], `(${columns.profit} − ${columns.cost}) ÷ ${columns.cost}`);
  }
}

/** The rows are in descending (or ascending) order of a column, missing figures last. */
function checkSorted(c: Checks, where: string, t: Table, header: string, descending: boolean, rows = t.rows) {
  const values = rows.map((r) => cell(t, r, header)?.value ?? null).filter((v): v is number => v !== null);
  const sorted = [...values].sort((a, b) => (descending ? b - a : a - b));
  c.that(where, values.every((v, i) => v === sorted[i]), `rows not sorted by ${header} (${descending ? 'descending' : 'ascending'}): ${values.join(', ')}`);
}

/** The chart's bars, top to bottom, are the table's rows in order (a cut label matches its start). */
function checkChartOrder(c: Checks, where: string, html: string, figureId: string, names: string[]) {
  const labels = chartLabels(html, figureId);
  const same = labels.length === names.length && labels.every((l, i) => (l.endsWith('…') ? names[i]!.startsWith(l.slice(0, -1)) : names[i] === l));
  c.that(where, same, `chart ${figureId} draws ${labels.join(' / ')}, its table lists ${names.join(' / ')}`);
}

const campaignRows = (t: Table) => t.rows.filter((r) => r.group === 'rows');
const specialRows = (t: Table) => t.rows.filter((r) => r.group === 'special');
const SPECIAL_NAMES = ['Nicht zugeordnet', 'Ohne Touchpoint'];

// ---------------------------------------------------------------------------

describe('every figure agrees with the figures beside it (German sample)', () => {
  it('builds the sample report', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('overview: tiles, the 13-month table, channels, best and worst, the over-claim sentence', () => {
    const html = page(MONTH);
    const c = new Checks();
    const m = margin(html);
    const tile = tiles(html);
    const where = 'overview';
    c.derived(`${where}, tile Rohertrag`, tile.gross_profit!.value, times, [tile.revenue!.value, m], 'Zugeordneter Umsatz × margin');
    c.derived(`${where}, tile ROI`, tile.roi!.value, roi, [tile.gross_profit!.value, tile.total_cost!.value], '(Rohertrag − Gesamtkosten) ÷ Gesamtkosten');
    // ROAS names what it divides: the revenue of the paid campaigns and the media tile
    const formula = /^([\d.]+ €) Umsatz der Kampagnen auf Werbeplattformen ÷ ([\d.]+ €) Media$/.exec(tile.roas!.hint.replace(/\u00a0/g, ' '));
    c.that(`${where}, tile ROAS`, formula !== null, `the hint says what ROAS divides, with both figures: "${tile.roas!.hint}"`);
    if (formula) {
      const paid = must(formula[1]!, 'ROAS hint');
      const media = must(formula[2]!, 'ROAS hint');
      c.sum(`${where}, tile ROAS hint's media`, tile.media_spend!.value, [media], 'the media tile');
      c.derived(`${where}, tile ROAS`, tile.roas!.value, ratio, [paid, media], 'paid campaigns\' revenue ÷ media');
    }

    const trend = table(html, 'spend-revenue');
    checkRoiRows(c, where, trend, m, { revenue: 'Zugeordneter Umsatz', profit: 'Rohertrag', cost: 'Gesamtkosten', roi: 'ROI' });
    for (const row of trend.rows) {
      c.derived(`${where}, ${rowName(trend, row)}, ROAS bezahlter Kampagnen`, cell(trend, row, 'ROAS bezahlter Kampagnen'), ratio, [cell(trend, row, 'Umsatz bezahlter Kampagnen'), cell(trend, row, 'Media')], 'Umsatz bezahlter Kampagnen ÷ Media');
    }
    const last = trend.rows.at(-1)!;
    c.that(where, rowName(trend, last) === MONTH_WORDS, `the 13-month table ends with ${rowName(trend, last)}, not the report month`);
    for (const [metric, header] of [['media_spend', 'Media'], ['total_cost', 'Gesamtkosten'], ['revenue', 'Zugeordneter Umsatz'], ['gross_profit', 'Rohertrag'], ['roi', 'ROI'], ['roas', 'ROAS bezahlter Kampagnen']] as const) {
      c.that(`${where}, tile ${metric}`, cell(trend, last, header)?.text === tile[metric]!.value.text, `tile ${tile[metric]!.value.text} against the table's ${cell(trend, last, header)?.text}`);
    }

    const channelRoi = table(html, 'channel-roi');
    checkRoiRows(c, where, channelRoi, m, { profit: 'Rohertrag', cost: 'Gesamtkosten', roi: 'ROI' });
    checkSorted(c, `${where}, ROI by channel`, channelRoi, 'ROI', true);
    checkChartOrder(c, `${where}, ROI by channel`, html, 'channel-roi', channelRoi.rows.map((r) => rowName(channelRoi, r)));
    const channelRoas = table(html, 'channel-roas');
    for (const row of channelRoas.rows) {
      const at = `${where}, ROAS by channel, ${rowName(channelRoas, row)}`;
      c.derived(`${at}, ROAS`, cell(channelRoas, row, 'ROAS'), ratio, [cell(channelRoas, row, 'Zugeordneter Umsatz'), cell(channelRoas, row, 'Media')], 'Zugeordneter Umsatz ÷ Media');
      c.derived(`${at}, Plattform-ROAS`, cell(channelRoas, row, 'Plattform-ROAS'), ratio, [cell(channelRoas, row, 'Plattform-Conversion-Wert'), cell(channelRoas, row, 'Media mit gemeldetem Wert')], 'Plattform-Conversion-Wert ÷ Media mit gemeldetem Wert');
    }
    checkSorted(c, `${where}, ROAS by channel`, channelRoas, 'ROAS', true);

    const best = table(html, 'best-campaigns');
    const worst = table(html, 'worst-campaigns');
    for (const row of best.rows) c.that(`${where}, best`, (cell(best, row, 'ROI')?.value ?? 0) > 0, `"${rowName(best, row)}" is listed as best with ROI ${cell(best, row, 'ROI')?.text}`);
    for (const row of worst.rows) c.that(`${where}, worst`, (cell(worst, row, 'ROI')?.value ?? 0) < 0, `"${rowName(worst, row)}" is listed as worst with ROI ${cell(worst, row, 'ROI')?.text}`);
    checkSorted(c, `${where}, best`, best, 'ROI', true);
    checkSorted(c, `${where}, worst`, worst, 'ROI', false);

    // the over-claim sentence: claimed ÷ attributed, the same figures as the attribution page's total
    const sentence = /Conversions im Wert von ([\d.]+ €) zu, das ([\d,]+)-Fache der ([\d.]+ €)/.exec(text(html));
    c.that(where, sentence !== null, 'no over-claim sentence');
    if (sentence) {
      const [claimed, factor, attributed] = [must(sentence[1]!, 's'), must(sentence[2]!, 's'), must(sentence[3]!, 's')];
      c.derived(`${where}, over-claim sentence`, factor, ratio, [claimed, attributed], 'claimed ÷ attributed');
      const over = table(page(`${MONTH}/attribution`), 'over-attribution');
      const all = over.rows.find((r) => /^Alle/.test(rowName(over, r)))!;
      c.that(`${where}, over-claim sentence`, cell(over, all, 'Faktor')?.text === factor.text && cell(over, all, 'Plattform-Conversion-Wert')?.text === claimed.text, `the sentence's ${factor.text} / ${claimed.text} against the attribution page's ${cell(over, all, 'Faktor')?.text} / ${cell(over, all, 'Plattform-Conversion-Wert')?.text}`);
    }
    // the share without a touchpoint: of all net revenue, the campaigns', the unmapped and the unattributed together (channels page)
    const share = /([\d,]+ %) des Nettoumsatzes \(([\d.]+ €)\)/.exec(text(html).replace(/\u00a0/g, ' '));
    c.that(where, share !== null, 'no sentence on revenue without a touchpoint');
    if (share) {
      const channels = table(page(`${MONTH}/channels`), 'channels');
      const special = (name: string) => cell(channels, channels.rows.find((r) => rowName(channels, r) === name)!, 'Zugeordneter Umsatz');
      c.sum(`${where}, revenue without a touchpoint`, must(share[2]!, 'share'), [special('Ohne Touchpoint')], 'the channels page\'s row');
      c.derived(`${where}, share without a touchpoint`, must(share[1]!, 'share'), (u, a, n) => u / (u + a + n), [must(share[2]!, 'share'), tile.revenue!.value, special('Nicht zugeordnet')], 'without touchpoint ÷ (without touchpoint + attributed + unmapped)');
    }
    expect(c.problems).toEqual([]);
    expect(c.count).toBeGreaterThan(70);
  });

  it('channels: every channel row, the sums against the overview, sorted as the caption says, non-channels apart', () => {
    const html = page(`${MONTH}/channels`);
    const c = new Checks();
    const m = margin(html);
    const where = 'channels';
    const all = table(html, 'channels');
    checkRoiRows(c, where, all, m, { revenue: 'Zugeordneter Umsatz', profit: 'Rohertrag', cost: 'Gesamtkosten', roi: 'ROI' });
    for (const row of all.rows) {
      const at = `${where}, ${rowName(all, row)}`;
      c.sum(`${at}, Gesamtkosten`, cell(all, row, 'Gesamtkosten'), [cell(all, row, 'Media'), cell(all, row, 'Weitere Kosten')], 'Media + Weitere Kosten');
      const media = cell(all, row, 'Media');
      if (media !== null && media.value > 0) c.derived(`${at}, ROAS`, cell(all, row, 'ROAS'), ratio, [cell(all, row, 'Zugeordneter Umsatz'), media], 'Zugeordneter Umsatz ÷ Media');
    }
    c.that(where, /sortiert nach ROI/.test(all.caption), `caption "${all.caption}" does not say the order`);
    checkSorted(c, where, all, 'ROI', true, campaignRows(all));
    c.that(where, specialRows(all).every((r) => SPECIAL_NAMES.includes(rowName(all, r))) && campaignRows(all).every((r) => !SPECIAL_NAMES.includes(rowName(all, r))), 'rows that are not channels are not apart');
    // the channels add up to the overview's tiles: all costs and media, the campaigns' revenue
    const tile = tiles(page(MONTH));
    c.sum(`${where}, Σ Gesamtkosten`, tile.total_cost!.value, all.rows.map((r) => cell(all, r, 'Gesamtkosten')), 'the rows\' total cost');
    c.sum(`${where}, Σ Media`, tile.media_spend!.value, all.rows.map((r) => cell(all, r, 'Media')), 'the rows\' media spend');
    c.sum(`${where}, Σ Zugeordneter Umsatz`, tile.revenue!.value, campaignRows(all).map((r) => cell(all, r, 'Zugeordneter Umsatz')), 'the channels\' attributed revenue');
    const roiChart = table(html, 'channel-roi');
    checkChartOrder(c, `${where}, ROI by channel`, html, 'channel-roi', roiChart.rows.map((r) => rowName(roiChart, r)));
    c.that(where, caption(html, 'channel-roi').includes('nach ROI sortiert'), `caption "${caption(html, 'channel-roi')}" does not say the order`);
    c.that(where, caption(html, 'channel-roas').includes('nach ROAS sortiert'), `caption "${caption(html, 'channel-roas')}" does not say the order`);
    const roas = table(html, 'channel-roas');
    checkChartOrder(c, `${where}, ROAS by channel`, html, 'channel-roas', roas.rows.flatMap((r) => [rowName(roas, r), ...(cell(roas, r, 'Plattform-ROAS') === null ? [] : [`${rowName(roas, r)} (Plattform)`])]));
    expect(c.problems).toEqual([]);
    expect(c.count).toBeGreaterThan(30);
  });

  it('campaigns: every campaign row, sorted by ROI, non-campaigns apart, sums against the overview', () => {
    const html = page(`${MONTH}/campaigns`);
    const c = new Checks();
    const m = margin(html);
    const where = 'campaigns';
    const all = table(html, 'campaigns');
    for (const row of all.rows) {
      const at = `${where}, ${rowName(all, row)}`;
      const cost = cell(all, row, 'Gesamtkosten');
      const revenue = cell(all, row, 'Zugeordneter Umsatz');
      if (cost !== null && cost.value > 0 && revenue !== null) c.derived(`${at}, ROI`, cell(all, row, 'ROI'), (r, k, x) => roi(r * k, x), [revenue, m, cost], '(Zugeordneter Umsatz × margin − Gesamtkosten) ÷ Gesamtkosten');
      const media = cell(all, row, 'Media');
      if (media !== null && media.value > 0) c.derived(`${at}, ROAS`, cell(all, row, 'ROAS'), ratio, [revenue, media], 'Zugeordneter Umsatz ÷ Media');
      const conversions = cell(all, row, 'Conversions');
      if (cost !== null && cost.value > 0 && conversions !== null && conversions.value > 0) c.derived(`${at}, CPA`, cell(all, row, 'CPA'), ratio, [cost, conversions], 'Gesamtkosten ÷ Conversions');
    }
    c.that(where, /sortiert nach ROI/.test(all.caption), `caption "${all.caption}" does not say the order`);
    checkSorted(c, where, all, 'ROI', true, campaignRows(all));
    c.that(where, specialRows(all).map((r) => rowName(all, r)).every((n) => SPECIAL_NAMES.includes(n)) && campaignRows(all).every((r) => !SPECIAL_NAMES.includes(rowName(all, r))), 'rows that are not campaigns are not apart');
    const tile = tiles(page(MONTH));
    c.sum(`${where}, Σ Gesamtkosten`, tile.total_cost!.value, all.rows.map((r) => cell(all, r, 'Gesamtkosten')), 'the rows\' total cost');
    c.sum(`${where}, Σ Zugeordneter Umsatz`, tile.revenue!.value, campaignRows(all).map((r) => cell(all, r, 'Zugeordneter Umsatz')), 'the campaigns\' attributed revenue');
    expect(c.problems).toEqual([]);
    expect(c.count).toBeGreaterThan(25);
  });

  it('a campaign page: its facts, its trend ending with the report month, what the platform claims', () => {
    const html = page(`campaigns/${CAMPAIGN}`);
    const c = new Checks();
    const m = margin(html);
    const where = `campaign ${CAMPAIGN}`;
    const trend = table(html, 'trend');
    checkRoiRows(c, where, trend, m, { revenue: 'Zugeordneter Umsatz', profit: 'Rohertrag', cost: 'Gesamtkosten', roi: 'ROI' });
    for (const row of trend.rows) {
      const at = `${where}, ${rowName(trend, row)}`;
      c.sum(`${at}, Gesamtkosten`, cell(trend, row, 'Gesamtkosten'), [cell(trend, row, 'Media'), cell(trend, row, 'Weitere Kosten')], 'Media + Weitere Kosten');
      c.derived(`${at}, ROAS`, cell(trend, row, 'ROAS'), ratio, [cell(trend, row, 'Zugeordneter Umsatz'), cell(trend, row, 'Media')], 'Zugeordneter Umsatz ÷ Media');
      c.derived(`${at}, CPA`, cell(trend, row, 'CPA'), ratio, [cell(trend, row, 'Gesamtkosten'), cell(trend, row, 'Conversions')], 'Gesamtkosten ÷ Conversions');
    }
    const last = trend.rows.at(-1)!;
    c.that(where, rowName(trend, last) === MONTH_WORDS, `the trend ends with ${rowName(trend, last)}, after the page's month ${MONTH_WORDS}`);
    const fact = facts(html);
    for (const label of ['Gesamtkosten', 'Zugeordneter Umsatz', 'Rohertrag', 'ROI', 'ROAS', 'CPA']) {
      c.that(`${where}, fact ${label}`, fact[label]?.text === cell(trend, last, label)?.text, `the fact ${fact[label]?.text} against the trend's ${cell(trend, last, label)?.text}`);
    }
    c.derived(`${where}, fact ROI`, fact.ROI ?? null, roi, [fact.Rohertrag ?? null, fact.Gesamtkosten ?? null], '(Rohertrag − Gesamtkosten) ÷ Gesamtkosten');
    const platform = table(html, 'platform');
    for (const row of platform.rows) {
      const month = trend.rows.find((r) => rowName(trend, r) === rowName(platform, row));
      c.that(`${where}, platform table`, month !== undefined, `${rowName(platform, row)} is not in the trend`);
      if (!month) continue;
      c.derived(`${where}, ${rowName(platform, row)}, ROAS`, cell(platform, row, 'ROAS'), ratio, [cell(platform, row, 'Zugeordneter Umsatz'), cell(trend, month, 'Media')], 'Zugeordneter Umsatz ÷ Media');
      // this campaign reports a conversion value for all its spend: platform ROAS divides all of it
      c.derived(`${where}, ${rowName(platform, row)}, Plattform-ROAS`, cell(platform, row, 'Plattform-ROAS'), ratio, [cell(platform, row, 'Plattform-Conversion-Wert'), cell(trend, month, 'Media')], 'Plattform-Conversion-Wert ÷ Media');
    }
    const models = table(html, 'models');
    for (const row of models.rows) {
      c.derived(`${where}, model ${rowName(models, row)}, Rohertrag`, cell(models, row, 'Rohertrag'), times, [cell(models, row, 'Zugeordneter Umsatz'), m], 'Zugeordneter Umsatz × margin');
      c.derived(`${where}, model ${rowName(models, row)}, ROI`, cell(models, row, 'ROI'), roi, [cell(models, row, 'Rohertrag'), fact.Gesamtkosten ?? null], '(Rohertrag − the month\'s Gesamtkosten) ÷ Gesamtkosten');
      c.derived(`${where}, model ${rowName(models, row)}, ROAS`, cell(models, row, 'ROAS'), ratio, [cell(models, row, 'Zugeordneter Umsatz'), cell(trend, last, 'Media')], 'Zugeordneter Umsatz ÷ the month\'s Media');
    }
    checkChartOrder(c, `${where}, models`, html, 'models', models.rows.map((r) => rowName(models, r)));
    expect(c.problems).toEqual([]);
    expect(c.count).toBeGreaterThan(80);
  });

  it('attribution: the over-claim factor the same way for each platform and for all of them; totals per model; the ROI spread', () => {
    const html = page(`${MONTH}/attribution`);
    const c = new Checks();
    const m = margin(html);
    const where = 'attribution';
    const over = table(html, 'over-attribution');
    const platforms = over.rows.filter((r) => !/^Alle/.test(rowName(over, r)));
    const all = over.rows.find((r) => /^Alle/.test(rowName(over, r)));
    c.that(where, all !== undefined && platforms.length > 1, 'no all-platforms row');
    for (const row of over.rows) {
      const at = `${where}, over-claim, ${rowName(over, row)}`;
      c.derived(`${at}, Faktor`, cell(over, row, 'Faktor'), ratio, [cell(over, row, 'Plattform-Conversion-Wert'), cell(over, row, 'Zugeordneter Umsatz')], 'Plattform-Conversion-Wert ÷ Zugeordneter Umsatz');
      c.derived(`${at}, Zugeordneter ROAS`, cell(over, row, 'Zugeordneter ROAS'), ratio, [cell(over, row, 'Zugeordneter Umsatz'), cell(over, row, 'Media')], 'Zugeordneter Umsatz ÷ Media');
      c.derived(`${at}, Plattform-ROAS`, cell(over, row, 'Plattform-ROAS'), ratio, [cell(over, row, 'Plattform-Conversion-Wert'), cell(over, row, 'Media mit gemeldetem Wert')], 'Plattform-Conversion-Wert ÷ Media mit gemeldetem Wert');
    }
    if (all) {
      // all platforms: the sum of what each claims against the sum of what each is attributed (no campaign on two platforms in the sample)
      for (const header of ['Media', 'Plattform-Conversion-Wert', 'Zugeordneter Umsatz', 'Media mit gemeldetem Wert']) {
        c.sum(`${where}, over-claim, all platforms, ${header}`, cell(over, all, header), platforms.map((r) => cell(over, r, header)), `Σ ${header} of the platforms`);
      }
      const sum = (header: string): Shown => {
        const terms = platforms.map((r) => cell(over, r, header)!);
        return { value: terms.reduce((s, x) => s + x.value, 0), half: terms.reduce((s, x) => s + x.half, 0), text: `Σ ${header}` };
      };
      c.derived(`${where}, over-claim, all platforms, Faktor`, cell(over, all, 'Faktor'), ratio, [sum('Plattform-Conversion-Wert'), sum('Zugeordneter Umsatz')], 'Σ claimed ÷ Σ attributed');
      const factors = platforms.map((r) => cell(over, r, 'Faktor')!.value);
      const total = cell(over, all, 'Faktor')!.value;
      c.that(`${where}, over-claim`, total >= Math.min(...factors) - 0.005 && total <= Math.max(...factors) + 0.005, `all platforms ${total} lies outside the platforms' ${Math.min(...factors)} … ${Math.max(...factors)}`);
    }

    // the totals per model: the month's costs and media from the overview
    const tile = tiles(page(MONTH));
    const totals = table(html, 'model-totals');
    for (const row of totals.rows) {
      const at = `${where}, model ${rowName(totals, row)}`;
      c.derived(`${at}, Rohertrag`, cell(totals, row, 'Rohertrag'), times, [cell(totals, row, 'Zugeordneter Umsatz'), m], 'Zugeordneter Umsatz × margin');
      c.derived(`${at}, ROI`, cell(totals, row, 'ROI'), roi, [cell(totals, row, 'Rohertrag'), tile.total_cost!.value], '(Rohertrag − the overview\'s Gesamtkosten) ÷ Gesamtkosten');
      c.derived(`${at}, ROAS bezahlter Kampagnen`, cell(totals, row, 'ROAS bezahlter Kampagnen'), ratio, [cell(totals, row, 'Umsatz bezahlter Kampagnen'), tile.media_spend!.value], 'Umsatz bezahlter Kampagnen ÷ the overview\'s Media');
    }
    checkChartOrder(c, `${where}, model totals`, html, 'model-totals', totals.rows.map((r) => rowName(totals, r)));

    // the ROI spread: min, max and range per row; widest first; campaigns on the chart, the rest apart
    const spread = table(html, 'sensitivity');
    const models = spread.headers.slice(2, spread.headers.indexOf('Spanne'));
    c.that(where, models.length === 6, `model columns: ${models.join(', ')}`);
    for (const row of spread.rows) {
      const values = models.map((h) => cell(spread, row, h)).filter((x): x is Shown => x !== null);
      if (values.length === 0) continue;
      const at = `${where}, ROI spread, ${rowName(spread, row)}`;
      const min = values.reduce((a, b) => (b.value < a.value ? b : a));
      const max = values.reduce((a, b) => (b.value > a.value ? b : a));
      c.derived(`${at}, Spanne`, cell(spread, row, 'Spanne'), (hi, lo) => hi - lo, [max, min], 'the highest model\'s ROI − the lowest');
    }
    c.that(where, /nach Spanne sortiert/.test(spread.caption), `caption "${spread.caption}" does not say the order`);
    c.that(where, caption(html, 'sensitivity').includes('nach Spanne sortiert'), `the chart's caption "${caption(html, 'sensitivity')}" does not say the order`);
    checkSorted(c, `${where}, ROI spread`, spread, 'Spanne', true, campaignRows(spread));
    c.that(where, specialRows(spread).every((r) => SPECIAL_NAMES.includes(rowName(spread, r))) && campaignRows(spread).every((r) => !SPECIAL_NAMES.includes(rowName(spread, r))), 'rows that are not campaigns are not apart');
    const charted = chartLabels(html, 'sensitivity');
    const names = campaignRows(spread).map((r) => rowName(spread, r));
    checkChartOrder(c, `${where}, ROI spread`, html, 'sensitivity', names.slice(0, charted.length));
    c.that(where, !charted.some((l) => SPECIAL_NAMES.includes(l) || l === 'unmapped' || l === 'unattributed'), `the chart draws a row that is not a campaign: ${charted.join(', ')}`);
    // the rows left off the chart are named under it, in the catalogue's words
    const words = caption(html, 'sensitivity');
    for (const r of specialRows(spread)) c.that(where, words.includes(rowName(spread, r)), `the caption does not name "${rowName(spread, r)}", which the chart leaves out`);
    expect(c.problems).toEqual([]);
    expect(c.count).toBeGreaterThan(60);
  });

  it('costs, influencers and engagement: parts add up to their totals, rates to their parts', () => {
    const c = new Checks();
    const costs = page(`${MONTH}/costs`);
    const costFacts = facts(costs);
    c.sum('costs, Gesamtkosten', costFacts.Gesamtkosten ?? null, [costFacts.Media ?? null, costFacts['Weitere Kosten'] ?? null], 'Media + Weitere Kosten');
    const tile = tiles(page(MONTH));
    c.that('costs, Gesamtkosten', costFacts.Gesamtkosten?.text === tile.total_cost!.value.text, `${costFacts.Gesamtkosten?.text} against the overview's ${tile.total_cost!.value.text}`);
    const categories = table(costs, 'cost-categories');
    c.sum('costs, categories', costFacts.Gesamtkosten ?? null, categories.rows.map((r) => cell(categories, r, 'Betrag')), 'Σ Betrag');
    // each category's amount is the sum of its column in the table per campaign
    const perCampaign = table(costs, 'cost-campaigns');
    for (const row of categories.rows) {
      const category = rowName(categories, row);
      c.sum(`costs, ${category}`, cell(categories, row, 'Betrag'), perCampaign.rows.map((r) => cell(perCampaign, r, category)), `Σ ${category} per campaign`);
    }

    const influencers = page(`${MONTH}/influencers`);
    const m = margin(influencers);
    const list = table(influencers, 'influencers');
    checkRoiRows(c, 'influencers', list, m, { revenue: 'Zugeordneter Umsatz', profit: 'Rohertrag', cost: 'Gesamtkosten', roi: 'ROI' });
    for (const row of list.rows) c.sum(`influencers, ${rowName(list, row)}, Gesamtkosten`, cell(list, row, 'Gesamtkosten'), [cell(list, row, 'Honorar'), cell(list, row, 'Weitere Kosten')], 'Honorar + Weitere Kosten');
    checkSorted(c, 'influencers', list, 'ROI', true);
    c.that('influencers', /sortiert/.test(caption(influencers, 'influencer-roi')), `caption "${caption(influencers, 'influencer-roi')}" does not say the order`);
    checkChartOrder(c, 'influencers, ROI by influencer', influencers, 'influencer-roi', list.rows.map((r) => rowName(list, r)));

    const engagement = page(`${MONTH}/engagement`);
    const platforms = table(engagement, 'engagement');
    for (const row of platforms.rows) {
      const basis = row.cells.Bezug?.main;
      const rate = cell(platforms, row, 'Interaktionsrate');
      if (rate === null || (basis !== 'Reichweite' && basis !== 'Impressionen')) continue;
      c.derived(`engagement, ${rowName(platforms, row)} ${row.cells.Quelle?.main}, Interaktionsrate`, rate, ratio, [cell(platforms, row, 'Interaktionen'), cell(platforms, row, basis)], `Interaktionen ÷ ${basis}`);
    }
    expect(c.problems).toEqual([]);
    expect(c.count).toBeGreaterThan(10);
  });

  it('incomplete months: the month after the report month is marked wherever a trend shows it, and its tiles compare nothing', () => {
    const next = page('2026-11');
    const trend = table(next, 'spend-revenue');
    const last = trend.rows.at(-1)!;
    expect(rowName(trend, last)).toBe('November 2026 (unvollständig)');
    expect(caption(next, 'spend-revenue')).toContain('November 2026 ist noch nicht abgeschlossen');
    // no change line of an incomplete month is coloured (good or bad)
    const tileHtml = [...next.matchAll(/<article class="tile"[^>]*>(.*?)<\/article>/gs)].map((m) => m[1]!).join('');
    expect(tileHtml).not.toMatch(/tone-(good|bad)/);
    expect(text(tileHtml)).toContain('Kein Vergleich: der Monat ist noch nicht abgeschlossen');
    // its hollow point: a symbol filled white in the trend
    const svg = /<figure[^>]*id="spend-revenue"[^>]*>.*?(<svg.*?<\/svg>)/s.exec(next)?.[1] ?? '';
    expect(svg).toMatch(/fill="white" stroke="#1f3a5f"/);
    const costs = page('2026-11/costs');
    expect(caption(costs, 'cost-trend')).toContain('November 2026 ist noch nicht abgeschlossen');
    // nor in words, nor in the campaigns' table
    const words = text(/<ul[^>]*class="[^"]*sentences[^"]*"[^>]*>(.*?)<\/ul>/s.exec(next)?.[1] ?? next);
    expect(words).toMatch(/Im November 2026 standen Gesamtkosten von [\d.]+\s€ einem zugeordneten Umsatz von [\d.]+\s€ gegenüber; der ROI lag bei -?[\d,]+\s%\./);
    expect(words).not.toMatch(/ROI gestiegen|ROI gesunken|Gegenüber dem Vorjahresmonat/);
    expect(table(page('2026-11/campaigns'), 'campaigns').headers).not.toContain('ROI ggü. Vormonat');
    expect(table(page(`${MONTH}/campaigns`), 'campaigns').headers).toContain('ROI ggü. Vormonat');
  });
});
