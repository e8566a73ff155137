// Builds the site from the fixture with `astro build`, as the pipeline does: the
// German sample as written out in test/fixtures/site/make-data.ts, and an English
// one with hostile campaign names. Expected strings are worked out by hand from the
// numbers in make-data.ts (CAMPAIGNS, 2026-09 factors 0.92 / 0.8).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../pipeline/build.ts';
import { intervalMessages } from '../site/lib/i18n-intervals.ts';
import { buildFixture, HOSTILE_CAMPAIGNS, MONTHS, PARTIAL_MONTH, writeFixture, writeSiteFixture } from './fixtures/site/make-data.ts';

const ROOT = resolve(import.meta.dirname, '..');
const NBSP = '\u00a0';
const SECTIONS = ['', 'channels/', 'campaigns/', 'influencers/', 'attribution/', 'engagement/', 'costs/'];

let work: string;
let de: string;
let en: string;
/** The German fixture with bootstrap_replicates 0: no intervals, no verdicts. */
let off: string;
/** The German fixture built a second time, from a copy that differs only in manifest.generated_at. */
let again: string;

function build(dataDir: string, outDir: string) {
  return buildSite({ projectRoot: ROOT, dataDir, outDir, verbose: false });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'site-build-'));
  de = join(work, 'de');
  en = join(work, 'en');
  again = join(work, 'de-again');
  off = join(work, 'de-off');
  writeSiteFixture(join(work, 'data-de'));
  // min_conversions 10: LinkedIn's 18 conversions are enough to judge, so the budget section names a move
  writeSiteFixture(join(work, 'data-en'), { locale: 'en', hostile: true, restatements: false, minConversions: 10 });
  writeSiteFixture(join(work, 'data-de-off'), { bootstrap: false });
  const later = buildFixture();
  later.manifest.generated_at = '2026-12-01T08:15:42.123Z';
  writeFixture(join(work, 'data-de-again'), later);
  await Promise.all([build(join(work, 'data-de'), de), build(join(work, 'data-en'), en), build(join(work, 'data-de-again'), again), build(join(work, 'data-de-off'), off)]);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const page = (out: string, path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');

/** Every file under a folder, as paths relative to it. */
function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile());
}

/** The text of an HTML fragment: styles and tags removed, spaces collapsed (no-break spaces kept). */
const text = (fragment: string) =>
  fragment
    .replace(/<style\b[^>]*>.*?<\/style>/gs, ' ')
    .replace(/<svg.*?<\/svg>/gs, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();

/** The HTML of the headline tile for one metric. */
function tile(html: string, metric: string): string {
  const match = new RegExp(`<article class="tile" data-metric="${metric}">(.*?)</article>`, 's').exec(html);
  if (!match?.[1]) throw new Error(`no tile ${metric}`);
  return match[1];
}

/** The cells of the table row for one key, as text. */
function row(html: string, key: string, table?: string): string {
  const scope = table ? (new RegExp(`<table[^>]*id="table-${table}".*?</table>`, 's').exec(html)?.[0] ?? '') : html;
  const match = new RegExp(`<tr data-key="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">(.*?)</tr>`, 's').exec(scope);
  return text(match?.[1] ?? '');
}

describe('the overview page (German)', () => {
  let html: string;
  beforeAll(() => {
    html = page(de, '');
  });

  it('is German, has no script and stays under 150 KB with its SVG and CSS', () => {
    expect(html).toContain('<html lang="de">');
    expect(html).not.toMatch(/<script/i);
    expect(statSync(join(de, 'index.html')).size).toBeLessThan(150 * 1024);
    // The stylesheet is inlined: nothing to fetch.
    expect(html).not.toMatch(/<link rel="stylesheet"/);
  });

  it('has the header, the data-as-of line and the navigation', () => {
    expect(html).toContain('<h1>Nordlicht Naturkosmetik – Social-Media-ROI</h1>');
    expect(text(html)).toContain('Oktober 2026');
    expect(text(html)).toContain('Attributionsmodell: Letzter Kontakt');
    expect(text(html)).toContain('Datenstand: 15.11.2026');
    // When the data was exported is in manifest.json, not on the pages: the same data builds the same pages.
    expect(text(html)).not.toContain('erstellt am');
    expect(html).not.toContain('22.11.2026');
    expect(html).toContain('<a href="2026-10/channels/">Kanäle</a>');
    expect(html).toContain('<a href="data-quality/">Datenqualität</a>');
  });

  it('shows the six headline figures with their change against the previous month', () => {
    // Oct: media 6200+3100+4100+1500+2800+2250+420 = 20,370; other 7,150; total 27,520.
    // Sep: every cost x 0.92 -> 18,740.40 and 25,318.40: change 20370/18740.40 - 1 = +8.70 %.
    expect(text(tile(html, 'media_spend'))).toContain(`20.370${NBSP}€ ▲ gestiegen: +8,7${NBSP}% ggü. Vormonat`);
    expect(text(tile(html, 'total_cost'))).toContain(`27.520${NBSP}€ ▲ gestiegen: +8,7${NBSP}% ggü. Vormonat`);
    // Revenue without unattributed: 59,979.95; Sep every revenue x 0.8, no Adventskalender: 47,838.28 -> +25.38 %.
    expect(text(tile(html, 'revenue'))).toContain(`59.980${NBSP}€ ▲ gestiegen: +25,4${NBSP}% ggü. Vormonat`);
    // Gross profit 0.6 x revenue: 35,987.97 against 28,702.97 -> +25.38 %.
    expect(text(tile(html, 'gross_profit'))).toContain(`35.988${NBSP}€ ▲ gestiegen: +25,4${NBSP}% ggü. Vormonat`);
    // ROI (35,987.97 - 27,520) / 27,520 = 30.77 %; Sep (28,702.97 - 25,318.40) / 25,318.40 = 13.37 % -> +17.4 pp.
    expect(text(tile(html, 'roi'))).toContain(`30,8${NBSP}% ▲ gestiegen: +17,4${NBSP}Pp. ggü. Vormonat`);
    // ROAS 59,979.95 / 20,370 = 2.94; Sep 47,838.28 / 18,740.40 = 2.55 -> +0.39.
    expect(text(tile(html, 'roas'))).toContain('2,94 ▲ gestiegen: +0,39 ggü. Vormonat');
  });

  it('colours changes by meaning and adds the year-over-year line', () => {
    expect(tile(html, 'revenue')).toContain('tone-good');
    expect(tile(html, 'roi')).toContain('tone-good');
    expect(tile(html, 'total_cost')).toContain('tone-neutral');
    expect(tile(html, 'total_cost')).not.toMatch(/tone-(good|bad)/);
    for (const metric of ['media_spend', 'total_cost', 'revenue', 'gross_profit', 'roi', 'roas']) {
      expect(tile(html, metric)).toContain('▲');
      expect(text(tile(html, metric))).toContain('ggü. Vorjahresmonat');
    }
    // Oct 2025 is [0.78, 0.66] of Oct 2026: cost 27,520 x 0.78 = 21,465.60 -> +28.2 %.
    expect(text(tile(html, 'total_cost'))).toContain(`+28,2${NBSP}% ggü. Vorjahresmonat`);
  });

  it('explains the month in sentences from the data', () => {
    const summary = text(/<ul class="sentences">(.*?)<\/ul>/s.exec(html)?.[1] ?? '');
    expect(summary).toContain(
      `Im Oktober 2026 standen Gesamtkosten von 27.520${NBSP}€ (+8,7${NBSP}% ggü. Vormonat) einem zugeordneten Umsatz von 59.980${NBSP}€ (+25,4${NBSP}%) gegenüber; der ROI lag bei 30,8${NBSP}% (+17,4${NBSP}Pp.).`,
    );
    // Retargeting: Sep (0.6 x 19,856.60 - 3,082) / 3,082 = 286.6 %, Oct 344.6 %; revenue +25.0 %, cost 3,350 / 3,082 = +8.7 %.
    expect(summary).toContain(
      `ROI gestiegen: „Retargeting Warenkorb“ (Meta) von 286,6${NBSP}% auf 344,6${NBSP}% (+58,0${NBSP}Pp.), Umsatz +25,0${NBSP}%, Kosten +8,7${NBSP}% – der Umsatz wuchs stärker als die Kosten.`,
    );
    // Lena: Sep (0.6 x 9,312 - 2,300) / 2,300 = 142.9 %, Oct 179.4 %.
    expect(summary).toContain(`„Lena Grün – Code LENA15“ (Influencer) von 142,9${NBSP}% auf 179,4${NBSP}% (+36,4${NBSP}Pp.)`);
    // The channels as roi_verdicts judges them (fixture: an interval of 0.8 to 1.2 times revenue): Influencer's ROI
    // runs from (0.6 x 0.8 x 14,230.35 - 4,300) / 4,300 = 58.9 % up, above 0 under every model; YouTube's from
    // -12.0 % to 32.0 %, neither way; LinkedIn loses under every model but has 18 conversions, under min_conversions 20.
    expect(summary).toContain('Influencer und Meta haben ihre Kosten unter jedem Attributionsmodell eingespielt; bei YouTube lässt die Streuung unter keinem Modell ein Urteil zu.');
    expect(summary).toContain('Zu wenige Conversions für ein Urteil (unter 20): LinkedIn (18).');
    // channel_ranking: Influencer best in 60 % of the replicates, under interval_level 90 %: no channel named best
    expect(summary).toContain(`Kein Kanal war klar der beste nach ROI: Influencer lag in 60${NBSP}% der Stichproben vorn, Meta in 40${NBSP}%.`);
    // LinkedIn is named weakest but marked as too few to judge, as in the sentence before.
    expect(summary).toContain(`Schwächster Kanal nach ROI: LinkedIn (-61,7${NBSP}%; zu wenige Conversions für ein Urteil), in 95${NBSP}% der Stichproben hinten.`);
    expect(summary).not.toContain('Bester Kanal');
    expect(summary).toContain('Auffällig: TikTok, organisch, gewann Follower');
    // No sentence ends in "Pp..".
    expect(summary).not.toContain('..');
  });

  it('draws three charts as inline SVG, each with a title, a description and its data as a table', () => {
    const figures = [...html.matchAll(/<figure class="chart[^"]*"[^>]*>(.*?)<\/figure>/gs)].map((m) => m[1] ?? '');
    expect(figures).toHaveLength(3);
    const [roi = '', roas = '', trend = ''] = figures;
    expect(roi).toContain('>ROI nach Kanal</h3>');
    expect(roas).toContain('>ROAS nach Kanal</h3>');
    expect(trend).toContain('>Kosten und Umsatz, 13 Monate</h3>');
    for (const figure of figures) {
      expect(figure).toContain('<svg');
      expect(figure).toMatch(/<div class="chart-svg" role="img" aria-label="[^"]+">/);
      expect(figure).toMatch(/<figcaption>[^<]+<\/figcaption>/);
      expect(figure).toMatch(/<details class="chart-data">\s*<summary>Daten als Tabelle<\/summary>.*<table/s);
      expect(figure).toMatch(/href="2026-10\/[a-z-]+\.csv" download>CSV<\/a>/);
    }
    // Channel ROI = (0.6 x revenue - cost) / cost: Influencer (8,538.21 - 4,300) / 4,300 = 98.6 %,
    // LinkedIn (2,376 - 6,200) / 6,200 = -61.7 %; unmapped and unattributed have no bar.
    expect(roi).toContain(`98,6${NBSP}%`);
    expect(roi).toContain(`-61,7${NBSP}%`);
    expect(roi).not.toContain('Ohne Touchpoint');
    // ROAS Meta 30,333.25 / 9,300 = 3.26; platform-reported 1.7 x revenue of the Meta campaigns with spend.
    expect(roas).toContain('3,26');
    expect(roas).toContain('Meta (Plattform)');
    // The last month's values end the lines; 13 months reach back to the same month a year before.
    expect(trend).toContain(`59.980${NBSP}€`);
    expect(trend).toContain(`27.520${NBSP}€`);
    expect(trend).toContain('Oktober 2025 bis Oktober 2026');
  });

  it('lists as best only campaigns that earned their cost under every model, as worst only those that lost money, linked to their pages', () => {
    const keys = (id: string) => [...(new RegExp(`id="table-${id}".*?</table>`, 's').exec(html)?.[0] ?? '').matchAll(/<tr data-key="([^"]+)"/g)].map((m) => m[1]);
    expect(keys('best-campaigns')).toEqual(['meta_retargeting', 'inf_lena', 'yt_shopping']);
    // li_employer and li_haendler lose under every model with 0 and 18 conversions (too few); Mika's and the
    // Herbst campaign depend on the model: none of them is "worst"
    expect(keys('worst-campaigns')).toEqual(['yt_tutorials']);
    // ROI (0.6 x 0.8 x 24,820.75 - 3,350) / 3,350 = 255.6 % to (0.6 x 1.2 x 24,820.75 - 3,350) / 3,350 = 433.5 %
    expect(row(html, 'meta_retargeting', 'best-campaigns')).toBe(
      `Retargeting Warenkorb 344,6${NBSP}% 256${NBSP}%${NBSP}– 433${NBSP}% 3.350${NBSP}€ 24.821${NBSP}€ 19.857${NBSP}€${NBSP}– 29.785${NBSP}€`,
    );
    expect(row(html, 'yt_tutorials', 'worst-campaigns')).toBe(`Pflege-Tutorials Pre-Roll -67,8${NBSP}% -74${NBSP}%${NBSP}– -61${NBSP}% 4.000${NBSP}€ 2.146${NBSP}€ 1.717${NBSP}€${NBSP}– 2.575${NBSP}€`);
    expect(text(html)).toContain('4 Kampagnen lassen kein Urteil zu (vom Modell abhängig: 2, zu wenige Conversions: 2). Alle 9 Kampagnen des Monats →');
    expect(html).toContain('<a href="campaigns/meta-retargeting/">Retargeting Warenkorb</a>');
    expect(html).toContain('<a href="2026-10/campaigns/">Alle 9 Kampagnen des Monats →</a>');
  });

  it('draws the 90 % interval as a whisker on the ROI and ROAS bars, and says so in the caption', () => {
    const figure = (id: string) => new RegExp(`<figure class="chart[^"]*" id="${id}".*?</figure>`, 's').exec(html)?.[0] ?? '';
    // whiskers are the only lines in the whisker colour: one per channel with a ROI (4), per channel with a ROAS (3)
    const whiskers = (id: string) => (/<div class="chart-wide">(.*?)<\/div>/s.exec(figure(id))?.[1] ?? '').match(/<line[^>]*stroke="#1f2933"/g)?.length ?? 0;
    expect(whiskers('channel-roi')).toBe(4);
    expect(whiskers('channel-roas')).toBe(3);
    for (const id of ['channel-roi', 'channel-roas']) {
      expect(text(figure(id))).toContain('Die Striche zeigen das 90\u2011%\u2011Intervall (Bootstrap über Kundinnen und Kunden, 200 Wiederholungen).');
    }
    // the chart's table shows the interval under the ROI, LinkedIn (0.6 x 0.8 x 3,960 - 6,200) / 6,200 = -69.3 % to -54.0 %
    expect(text(figure('channel-roi'))).toContain(`LinkedIn 6.200${NBSP}€ 2.376${NBSP}€ 1.901${NBSP}€${NBSP}– 2.851${NBSP}€ -61,7${NBSP}% -69${NBSP}%${NBSP}– -54${NBSP}%`);
  });

  it('says where to move budget only as far as the verdicts support it', () => {
    const budget = text(/<section class="budget".*?<\/section>/s.exec(html)?.[0] ?? '');
    expect(budget).toContain('Wohin Budget verschieben?');
    expect(budget).toContain('Die Daten dieses Monats stützen keine Verschiebung von Budget: kein Kanal verliert unter jedem Modell sicher Geld.');
    expect(budget).toContain(
      `Sicher eingespielt haben ihre Kosten: Influencer (ROI 98,6${NBSP}%, 90\u2011%\u2011Intervall 59${NBSP}%${NBSP}– 138${NBSP}%) und Meta (ROI 75,8${NBSP}%, 90\u2011%\u2011Intervall 41${NBSP}%${NBSP}– 111${NBSP}%).`,
    );
    expect(budget).toContain('Übergangen, weil zu wenige Conversions für ein Urteil (unter 20): LinkedIn (18 Conversions, verliert Geld).');
    expect(budget).not.toMatch(/Von .* zu /);
  });

  it('links every month of the archive and marks the month that is not complete', () => {
    const archive = /<section class="archive".*?<\/section>/s.exec(html)?.[0] ?? '';
    for (const month of [...MONTHS, PARTIAL_MONTH]) expect(archive).toContain(`href="${month}/"`);
    expect(text(archive)).toContain('November 2026 unvollständig');
  });

  it('escapes names from the data', () => {
    const campaigns = page(de, '2026-10/campaigns');
    expect(campaigns).toContain('Mika&#39;s &lt;Hautpflege&gt; &amp; &quot;Serum&quot;');
    expect(campaigns).not.toContain('<Hautpflege>');
    expect(html).not.toContain('<Hautpflege>');
    expect(html).toContain('costs.csv: &quot;Agentur &lt;Herbst&gt;&quot; names no campaign');
  });

  it('links the data files relatively and shows the settings', () => {
    for (const file of ['campaign_roi.arrow', 'channel_roi.arrow', 'monthly_trend.arrow', 'manifest.json', 'catalog.json']) {
      expect(html).toContain(`href="data/${file}"`);
    }
    expect(html).not.toMatch(/(href|src)="\//);
    expect(text(html)).toContain(`Rohertragsmarge 60${NBSP}%`);
    expect(text(html)).toContain('Betrachtungszeitraum 30 Tage');
    expect(text(html)).toContain('Zeitraum-Zeilen nur ganze Kalendermonate');
  });
});

describe('the archive', () => {
  it('has every page for every month, one page per campaign, data quality and methodology', () => {
    for (const month of [...MONTHS, PARTIAL_MONTH]) {
      for (const section of SECTIONS) expect(existsSync(join(de, month, section, 'index.html')), `${month}/${section}`).toBe(true);
    }
    expect(readdirSync(join(de, 'campaigns')).sort()).toEqual([
      'inf-lena', 'inf-mika', 'li-employer', 'li-haendler', 'meta-adventskalender', 'meta-herbst-prospecting',
      'meta-retargeting', 'yt-shopping', 'yt-tutorials',
    ]);
    expect(existsSync(join(de, 'data-quality', 'index.html'))).toBe(true);
    expect(existsSync(join(de, 'methodology', 'index.html'))).toBe(true);
    // The landing page is the report month's overview.
    expect(text(page(de, '')).replace(/aria-current="page"/g, '')).toBe(text(page(de, '2026-10')).replace(/aria-current="page"/g, ''));
  });

  it('gives every page the data-as-of line, a navigation, one h1 and headings in order', () => {
    const pages = files(de).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBe(15 * 7 + 9 + 3);
    for (const file of pages) {
      const html = readFileSync(join(de, file), 'utf8');
      expect(html, file).toContain('Datenstand: 15.11.2026');
      expect(html, file).toMatch(/<nav class="site-nav" aria-label="Seiten des Berichts">/);
      expect(html, file).not.toMatch(/<script/i);
      expect(html, file).not.toMatch(/(href|src)="\//);
      const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
      expect(levels.filter((l) => l === 1), file).toHaveLength(1);
      levels.forEach((level, i) => {
        if (i > 0) expect(level - (levels[i - 1] ?? 1), `${file}: h${levels[i - 1]} then h${level}`).toBeLessThanOrEqual(1);
      });
      // Every chart has a text alternative.
      const charts = html.match(/<div class="chart-svg"/g)?.length ?? 0;
      expect(html.match(/<div class="chart-svg" role="img" aria-label="[^"]{20,}"/g)?.length ?? 0, file).toBe(charts);
    }
  });

  it('says so for the month that is not complete and has no rows', () => {
    const html = page(de, PARTIAL_MONTH);
    expect(text(html)).toContain('Dieser Monat ist noch nicht abgeschlossen: vollständige Daten bis 14.11.2026.');
    expect(text(html)).toContain('Für diesen Monat liegen keine Daten vor.');
  });

  it('lists every campaign of the month on the campaigns page, by ROI, unmapped and unattributed apart', () => {
    const html = page(de, '2026-10/campaigns');
    const keys = [...(/id="table-campaigns".*?<\/table>/s.exec(html)?.[0] ?? '').matchAll(/<tr data-key="([^"]+)"/g)].map((m) => m[1]);
    expect(keys).toEqual([
      'meta_retargeting', // (14,892.45 - 3,350) / 3,350 = 344.6 %
      'inf_lena', // (6,984 - 2,500) / 2,500 = 179.4 %
      'yt_shopping', // (5,586.33 - 2,250) / 2,250 = 148.3 %
      'inf_mika', // -13.7 %
      'li_haendler', // -49.4 %
      'meta_herbst_prospecting', // -54.3 %
      'yt_tutorials', // -67.8 %
      'li_employer', // -100 %
      'meta_adventskalender', // no cost, no ROI: last
      'unmapped',
      'unattributed',
    ]);
    expect(row(html, 'meta_retargeting', 'campaigns')).toBe(
      // each figure with its interval under it: conversions and revenue 0.8 to 1.2 times, ROAS 19,856.60 / 3,100 = 6.41 to 9.61,
      // CPA 3,350 / 254.4 = 13.17 to 3,350 / 169.6 = 19.75
      `Retargeting Warenkorb Meta Conversion 3.100${NBSP}€ 3.350${NBSP}€ 212 169,6${NBSP}– 254,4 24.821${NBSP}€ 19.857${NBSP}€${NBSP}– 29.785${NBSP}€ 344,6${NBSP}% 256${NBSP}%${NBSP}– 433${NBSP}% +58,0${NBSP}Pp. 8,01 6,41${NBSP}– 9,61 13,61 15,80${NBSP}€ 13,17${NBSP}€${NBSP}– 19,75${NBSP}€`,
    );
    // No cost, so no ROI or ROAS; CPA 0 / 57 = 0.
    expect(row(html, 'unattributed', 'campaigns')).toBe(
      `Ohne Touchpoint – – 0${NBSP}€ 0${NBSP}€ 57 45,6${NBSP}– 68,4 3.975${NBSP}€ 3.180${NBSP}€${NBSP}– 4.770${NBSP}€ – – – – 0,00${NBSP}€ 0,00${NBSP}€${NBSP}– 0,00${NBSP}€`,
    );
    expect(html).toMatch(/<tbody class="special">\s*<tr data-key="unmapped">/);
  });

  it('gives a campaign its trend, costs by category, revenue under every model and platform against attributed', () => {
    const html = page(de, 'campaigns/meta-retargeting');
    expect(html).toContain('<h2 id="campaign-name" class="campaign-name">Retargeting Warenkorb</h2>');
    for (const title of ['Kosten und Umsatz je Monat', 'Kosten nach Art', 'Umsatz nach Attributionsmodell, Oktober 2026', 'Plattform-ROAS und zugeordneter ROAS']) {
      expect(html).toContain(`>${title}</h3>`);
    }
    expect(html.match(/<div class="chart-single"><svg/g)).toHaveLength(4);
    // One row per month the campaign ran, every model in the report month.
    expect(html.match(/<tr data-key=|<tr>/g)?.length).toBeGreaterThan(14 * 3);
    for (const model of ['Letzter Kontakt', 'Erster Kontakt', 'Linear', 'Positionsbasiert', 'Zeitverfall', 'Datengetrieben']) {
      expect(text(/id="table-models".*?<\/table>/s.exec(html)?.[0] ?? '')).toContain(model);
    }
    // Platform ROAS 1.7 x 24,820.75 / 3,100 = 13.61 against attributed 8.01.
    expect(text(/id="table-platform".*?<\/table>/s.exec(html)?.[0] ?? '')).toContain('Oktober 2026 307 212 42.195 € 24.821 € 13,61 8,01'.replace(/ €/g, `${NBSP}€`));
    expect(html).toContain('href="../../campaigns/meta-retargeting/trend.csv" download>CSV</a>');
  });
});

describe('intervals and verdicts beyond the overview', () => {
  it('marks a campaign with too few conversions on the campaigns page and keeps its interval', () => {
    const html = page(de, '2026-10/campaigns');
    // Händler-Akquise: 18 conversions, under min_conversions 20; conversions 14.4 to 21.6, CPA 4,700 / 21.6 to 4,700 / 14.4
    expect(row(html, 'li_haendler', 'campaigns')).toBe(
      `Händler-Akquise B2B zu wenige Conversions für ein Urteil LinkedIn Consideration 4.100${NBSP}€ 4.700${NBSP}€ 18 14,4${NBSP}– 21,6 3.960${NBSP}€ 3.168${NBSP}€${NBSP}– 4.752${NBSP}€ -49,4${NBSP}% -60${NBSP}%${NBSP}– -39${NBSP}% +6,6${NBSP}Pp. 0,97 0,77${NBSP}– 1,16 1,64 261,11${NBSP}€ 217,59${NBSP}€${NBSP}– 326,39${NBSP}€`,
    );
    // Employer Branding: no conversions, so no CPA and no interval of it
    expect(row(html, 'li_employer', 'campaigns')).toContain('Employer Branding zu wenige Conversions für ein Urteil');
    expect(row(html, 'meta_retargeting', 'campaigns')).not.toContain('zu wenige');
    expect(text(html)).toContain('„Zu wenige Conversions für ein Urteil“: weniger als 20 zugeordnete Conversions im Monat (Letzter Kontakt)');
    const csv = readFileSync(join(de, '2026-10/campaigns/campaigns.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      '\uFEFFcampaign;name;channel;funnel_stage;media_spend;total_cost;conversions;conversions_low;conversions_high;revenue;revenue_low;revenue_high;' +
        'gross_profit;gross_profit_low;gross_profit_high;roi;roi_low;roi_high;roi_change;roas;roas_low;roas_high;platform_roas;cpa;cpa_low;cpa_high;too_few_conversions;' +
        // a messaging campaign's figures (issue 17), empty here: no campaign of this data reports conversations
        'messaging_conversations;cost_per_conversation;objective',
    );
    expect(csv.find((l) => l.startsWith('li_haendler;'))).toBe(
      'li_haendler;Händler-Akquise B2B;LinkedIn;consideration;4100;4700;18;14,4;21,6;3960;3168;4752;2376;1900,8;2851,2;-0,4945;-0,5956;-0,3934;0,0659;0,97;0,77;1,16;1,64;261,11;217,59;326,39;true;;;',
    );
  });

  it('shows the interval of each figure on a campaign page and draws whiskers on its revenue by model', () => {
    const html = page(de, 'campaigns/meta-retargeting');
    expect(text(html)).toContain(`ROI 344,6${NBSP}% (256${NBSP}%${NBSP}– 433${NBSP}%)`);
    expect(text(html)).toContain('In Klammern: das 90\u2011%\u2011Intervall (Bootstrap über Kundinnen und Kunden, 200 Wiederholungen).');
    const models = /<figure class="chart[^"]*" id="models".*?<\/figure>/s.exec(html)?.[0] ?? '';
    expect(models.match(/<line[^>]*stroke="#1f2933"/g)?.length).toBe(6);
  });

  it('explains the bootstrap on the methodology page with the settings and the SQL files that compute it', () => {
    const html = text(page(de, 'methodology'));
    expect(html).toContain('Wie sicher die Zahlen sind: der Bootstrap');
    expect(html).toContain('Er rechnet den Monat 200-mal nach, und in jeder dieser Wiederholungen zählt jede Kundin und jeder Kunde 0-, 1-, 2- oder mehrmals');
    expect(html).toContain(`Je 5${NBSP}% der Wiederholungen lagen darunter und darüber.`);
    expect(html).toContain('Bootstrap-Wiederholungen 200 Intervall 90\u2011%\u2011Intervall Mindestzahl Conversions für ein Urteil 20');
    for (const file of [
      'queries/macros.sql', 'queries/intermediate/int_attribution_replicates.sql', 'queries/intermediate/int_roi_replicates.sql',
      'queries/intermediate/int_roi_intervals.sql', 'queries/marts/roi_verdicts.sql', 'queries/marts/channel_ranking.sql',
    ]) {
      expect(html).toContain(file);
    }
    expect(html).toContain('bootstrap_weight');
    expect(html).toContain('replicate_quantile');
  });

  it('names a move from the robust loser to the robust earners when one has enough conversions', () => {
    // English fixture with min_conversions 10: LinkedIn (18 conversions) loses under every model
    const budget = text(/<section class="budget".*?<\/section>/s.exec(page(en, ''))?.[0] ?? '');
    expect(budget).toContain('From LinkedIn (ROI -61.7%, 90% interval -69%\u00a0– -54%) to Influencer (ROI 98.6%, 90% interval 59%\u00a0– 138%) or Meta (');
    expect(budget).toContain('Skipped for too few conversions to judge (under 10): Podcast "Spezial" <b> (2 conversions, loses money).');
    expect(budget).not.toContain('does not support');
  });
});

describe('the month in words with too few conversions', () => {
  it('says so beside a campaign whose ROI moved on too few conversions to judge', () => {
    // the hostile "formula" campaign: 2 conversions, under the English fixture's min_conversions 10
    const summary = text(/<ul class="sentences">(.*?)<\/ul>/s.exec(page(en, ''))?.[1] ?? '');
    expect(summary).toContain('ROI down: “=HYPERLINK("http://example.invalid","klick")” (Meta; too few conversions to judge) from 164.3% to -24.0%');
    expect(summary).toContain('ROI up: “Retargeting Warenkorb” (Meta) from');
  });
});

describe('the interval texts', () => {
  it('are German on German pages: no English text of the catalogue, no raw verdict key', () => {
    const english = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(english) : [];
    const texts = english(intervalMessages('en')).filter((t) => t.length >= 12);
    expect(texts.length).toBeGreaterThan(15);
    for (const path of ['', '2026-10/channels', '2026-10/campaigns', '2026-10/influencers', '2026-10/attribution', 'methodology', 'campaigns/li-haendler']) {
      for (const out of [de, off]) {
        const words = text(page(out, path));
        for (const t of texts) expect(words, `${path}: ${t}`).not.toContain(t);
        // the methodology lists every mart's columns by name, on purpose
        if (path !== 'methodology') expect(words, path).not.toMatch(/\b(depends_on_model|too_few_conversions|earns|loses)\b/);
      }
    }
  });
});

describe('a report with bootstrap_replicates 0', () => {
  it('builds without whiskers, intervals or verdicts, and says that intervals are off', () => {
    const html = page(off, '');
    expect(html).not.toContain('stroke="#1f2933"');
    // no interval under any figure (a campaign with too few conversions still says so under its name)
    expect(html).not.toMatch(/class="cell-sub">[^<]*\u00a0– /);
    const summary = text(/<ul class="sentences">(.*?)<\/ul>/s.exec(html)?.[1] ?? '');
    expect(summary).toContain('Die Intervalle sind abgeschaltet (bootstrap_replicates 0)');
    expect(summary).toContain(`Höchster ROI: Influencer (98,6${NBSP}%), niedrigster: LinkedIn (-61,7${NBSP}%); wie sicher diese Reihenfolge ist, sagt der Bericht ohne Bootstrap nicht.`);
    expect(summary).not.toMatch(/unter jedem Attributionsmodell eingespielt|Stichproben/);
    expect(text(html)).toContain('Ohne Intervalle (bootstrap_replicates 0) ordnen die beiden Tabellen nach dem ROI allein');
    const budget = text(/<section class="budget".*?<\/section>/s.exec(html)?.[0] ?? '');
    expect(budget).toBe(
      'Wohin Budget verschieben? Die Intervalle sind abgeschaltet (bootstrap_replicates 0): Ohne sie kann der Bericht nicht sagen, ob ein Kanal sicher Geld verliert oder sicher seine Kosten einspielt, und schlägt keine Verschiebung vor.',
    );
    expect(text(html)).not.toContain('Intervall ');
    const channels = readFileSync(join(off, '2026-10/channels/channels.csv'), 'utf8');
    expect(channels.split('\r\n')[0]).toBe('\uFEFFchannel;media_spend;other_cost;total_cost;conversions;revenue;gross_profit;roi;roas;cpa;platform_conversion_value;spend_with_conversion_value;platform_roas');
    expect(text(page(off, 'methodology'))).toContain('In diesem Bericht ist der Bootstrap abgeschaltet (bootstrap_replicates 0)');
    expect(text(page(off, 'campaigns/meta-retargeting'))).not.toContain('In Klammern');
  });
});

describe('two builds of the same data', () => {
  it('are byte-identical, every page, CSV file and asset, though the exports were made at different times', () => {
    const first = files(de).sort();
    expect(files(again).sort()).toEqual(first);
    const differing = first.filter((file) => !readFileSync(join(de, file)).equals(readFileSync(join(again, file))));
    expect(differing).toEqual([]);
  });
});

describe('the data-quality page', () => {
  it('lists the figures of published months that changed since, by month, each in its metric\'s format', () => {
    const html = page(de, 'data-quality');
    expect(html).toContain('<h3 id="restated-heading">Seit Veröffentlichung geändert</h3>');
    const table = /<table[^>]*id="table-restated".*?<\/table>/s.exec(html)?.[0] ?? '';
    const rows = [...table.matchAll(/<tr data-key="([^"]+)">(.*?)<\/tr>/gs)].map((m) => [m[1], text(m[2] ?? '')]);
    expect(rows).toEqual([
      // September first (newest month), its totals before its campaigns; money in cents, ROI in percent and points, ROAS as a ratio.
      ['2026-09|all|revenue', `September 2026 Alle Kampagnen (Monatssumme) Zugeordneter Umsatz 46.587,78${NBSP}€ 47.838,28${NBSP}€ +1.250,50${NBSP}€ +2,7${NBSP}% 02.10.2026, 08:00 MESZ`],
      ['2026-09|all|roi', `September 2026 Alle Kampagnen (Monatssumme) ROI 10,4${NBSP}% 13,4${NBSP}% +3,0${NBSP}Pp. +28,4${NBSP}% 02.10.2026, 08:00 MESZ`],
      ['2026-09|meta_retargeting|conversions', `September 2026 Retargeting Warenkorb Conversions 166 170 +4 +2,4${NBSP}% 02.10.2026, 08:00 MESZ`],
      ['2026-09|meta_retargeting|roas', `September 2026 Retargeting Warenkorb ROAS 6,29 6,41 +0,12 +1,9${NBSP}% 02.10.2026, 08:00 MESZ`],
      ['2026-08|all|total_cost', `August 2026 Alle Kampagnen (Monatssumme) Gesamtkosten 24.337,60${NBSP}€ 24.217,60${NBSP}€ -120,00${NBSP}€ -0,5${NBSP}% 01.09.2026, 08:00 MESZ`],
    ]);
    expect(html).toContain('href="../data/restatements.arrow" download>Arrow (<code>restatements.arrow</code>)</a>');
    // German Excel's dialect: semicolons, decimal commas, values rounded by kind
    const csv = readFileSync(join(de, 'data-quality/restated.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('\uFEFFmonth;campaign;name;metric;published_value;current_value;change;relative_change;published_at');
    expect(csv[5]).toBe('2026-08;all;;total_cost;24337,6;24217,6;-120;-0,0049;2026-09-01T06:00:00Z');
  });

  it('says that no published figure has changed when the data has no restatements', () => {
    const html = page(en, 'data-quality');
    expect(text(html)).toContain('Changed since publication No published figure has changed since its publication.');
    expect(html).not.toContain('id="table-restated"');
    // The dataset is optional: no file, no link to one.
    expect(html).not.toContain('restatements.arrow');
  });
});

describe('period rows that are not a calendar month', () => {
  it('lists the spend no month holds on the data-quality page, in the account and the report currency, with the reason', () => {
    const html = page(de, 'data-quality');
    expect(html).toContain('<h3 id="unplaced-heading">In keinem Monat verbuchte Ausgaben</h3>');
    const table = /<table[^>]*id="table-unplaced-spend".*?<\/table>/s.exec(html)?.[0] ?? '';
    expect(text(table)).toContain(
      `exports/google/Campaign report (GBP).csv Google Ads Nordlicht UK UK | Search | Brand 27.09.2026 – 23.10.2026 erstreckt sich über mehr als einen Kalendermonat 365,22${NBSP}£ 421,07${NBSP}€ 23.10.2026`,
    );
    const csv = readFileSync(join(de, 'data-quality/unplaced-spend.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('\uFEFFsource_file;platform;account;platform_campaign_key;period_start;period_end;reason;spend;currency;spend_report;fx_day;detail');
  });

  it('notes it on the overview of every month the period touches, and marks estimated spend', () => {
    const overview = text(page(de, ''));
    expect(overview).toContain(
      `Google Ads-Datei exports/google/Campaign report (GBP).csv (27.09.2026 – 23.10.2026): 365,22${NBSP}£ (≈ 421,07${NBSP}€) in keinem Monat verbucht – erstreckt sich über mehr als einen Kalendermonat.`,
    );
    expect(overview).toContain(`Geschätzt: 300,00${NBSP}€ (Meta) der Mediaausgaben dieses Monats`);
    expect(text(page(de, '2026-09'))).toContain('in keinem Monat verbucht');
    expect(text(page(de, '2026-08'))).not.toContain('in keinem Monat verbucht');
  });

  it('marks the campaign whose spend holds an estimate on the campaigns page, in both tables, and says why', () => {
    const html = page(de, '2026-10/campaigns');
    expect(row(html, 'meta_herbst_prospecting', 'campaigns')).toMatch(/^Herbst-Prospecting Instagram \(geschätzt\) /);
    expect(row(html, 'meta_herbst_prospecting', 'campaign-performance')).toMatch(/^Herbst-Prospecting Instagram \(geschätzt\) /);
    expect(row(html, 'meta_retargeting', 'campaigns')).not.toContain('geschätzt');
    expect(text(html)).toContain('Geschätzt: 300,00');
  });

  it('marks the month whose spend holds an estimate on the campaign\'s page', () => {
    const html = page(de, 'campaigns/meta-herbst-prospecting');
    const table = text(/<table[^>]*id="table-performance".*?<\/table>/s.exec(html)?.[0] ?? '');
    expect(table).toContain('Oktober 2026 (geschätzt)');
    expect(table).not.toContain('September 2026 (geschätzt)');
    expect(text(html)).toContain('Monate mit „(geschätzt)“');
  });

  it('marks the platform whose spend holds an estimate, and all platforms, on the attribution page', () => {
    const html = page(de, '2026-10/attribution');
    const table = text(/<table[^>]*id="table-over-attribution".*?<\/table>/s.exec(html)?.[0] ?? '');
    expect(table).toContain('Meta (geschätzt)');
    expect(table).not.toContain('LinkedIn (geschätzt)');
    expect(table).toMatch(/\(geschätzt\).*\(geschätzt\)/);
  });
});

describe('downloads', () => {
  it('writes every table linked from a page as a CSV file beside it', () => {
    const pages = files(de).filter((f) => f.endsWith('.html'));
    let links = 0;
    for (const file of pages) {
      const html = readFileSync(join(de, file), 'utf8');
      for (const [, href] of html.matchAll(/href="([^"]+\.csv)"/g)) {
        links++;
        const target = resolve(join(de, file, '..'), href ?? '');
        expect(relative(de, target).startsWith('..'), `${file} -> ${href}`).toBe(false);
        expect(existsSync(target), `${file} -> ${href}`).toBe(true);
      }
    }
    expect(links).toBeGreaterThan(300);
  });

  it("writes values rounded by kind with the keys of the data, in the locale's dialect, and guards text cells against formulas", () => {
    const channels = readFileSync(join(de, '2026-10/channels/channels.csv'), 'utf8');
    // the byte-order mark first (trim() would take it for white space)
    expect(channels.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = channels.trim().split('\r\n');
    // each figure with an interval followed by its low and high end
    expect(header).toBe(
      'channel;media_spend;other_cost;total_cost;conversions;conversions_low;conversions_high;revenue;revenue_low;revenue_high;' +
        'gross_profit;gross_profit_low;gross_profit_high;roi;roi_low;roi_high;roas;roas_low;roas_high;cpa;cpa_low;cpa_high;platform_conversion_value;spend_with_conversion_value;platform_roas',
    );
    // Numbers stay numbers, negative ones too, rounded by kind (ROI -61.677 % to a hundredth of a percent, ROAS 0.7071 to 0.71); keys stay keys.
    // ROI (0.6 x 3,168 - 6,200) / 6,200 = -0.6934 to (0.6 x 4,752 - 6,200) / 6,200 = -0.5401; CPA 6,200 / 21.6 = 287.04 to 6,200 / 14.4 = 430.56.
    expect(lines.find((l) => l.startsWith('LinkedIn;'))).toBe(
      'LinkedIn;5600;600;6200;18;14,4;21,6;3960;3168;4752;2376;1900,8;2851,2;-0,6168;-0,6934;-0,5401;0,71;0,57;0,85;344,44;287,04;430,56;6732;5600;1,2',
    );
    // A missing value stays empty, never 0.
    expect(lines.at(-1)).toBe('unattributed;0;0;0;57;45,6;68,4;3975,2;3180,16;4770,24;2385,12;1908,1;2862,14;;;;;;;0;0;0;;;');
    const english = readFileSync(join(en, '2026-10/channels/channels.csv'), 'utf8');
    expect(english.startsWith('\uFEFFchannel,media_spend,')).toBe(true);

    const unmapped = readFileSync(join(de, 'data-quality/unmapped-campaigns.csv'), 'utf8');
    expect(unmapped).toContain(`'=cmd|' /C calc'!A0`);
    expect(unmapped).toContain(`'@SUMME(1+1)`);
    expect(unmapped).toContain(`'-2+3`);
    expect(unmapped).toContain(`'+49 170 000`);
    const influencers = readFileSync(join(de, '2026-10/influencers/influencers.csv'), 'utf8');
    expect(influencers).toContain(`inf_mika;Mika <M.> Sommer;"Mika's <Hautpflege> & ""Serum""";'=MIKA10;`);
    for (const file of files(de).filter((f) => f.endsWith('.csv'))) {
      const content = readFileSync(join(de, file), 'utf8');
      expect(content, file).not.toMatch(/(^|;)"?[=+@]/m);
    }
  });
});

describe('an English report with hostile campaign names', () => {
  it('is English in texts, numbers, money and dates', () => {
    const html = page(en, '');
    expect(html).toContain('<html lang="en">');
    expect(text(html)).toContain('Data as of 15 Nov 2026');
    expect(text(html)).toContain('Headline figures');
    expect(text(tile(html, 'total_cost'))).toMatch(/€[\d,]+ ▲ up: \+[\d.]+% vs\. previous month/);
  });

  it('escapes markup in names everywhere: HTML, SVG, attributes', () => {
    for (const file of files(en).filter((f) => f.endsWith('.html'))) {
      // Inside a quoted attribute value (escaped by Astro) a "<" is text; everywhere else it must be escaped.
      const markup = readFileSync(join(en, file), 'utf8').replace(/="[^"]*"/g, '=""');
      expect(markup.includes('<img'), file).toBe(false);
      expect(/<b>|<M\.>|<script/.test(markup), file).toBe(false);
    }
    const overview = page(en, '');
    expect(overview).toContain('&lt;img src=x onerror=alert(1)&gt; Sommer/Sale');
    // Channel names are drawn in the SVG, escaped by Vega.
    expect(overview).toMatch(/<text[^>]*>Podcast "Spezial" &lt;b&gt;<\/text>/);
  });

  it('gives every campaign a safe, unique page slug', () => {
    const slugs = readdirSync(join(en, 'campaigns'));
    expect(slugs).toHaveLength(9 + HOSTILE_CAMPAIGNS.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9][a-z0-9-]{0,80}$/);
    // A key that is already a slug keeps it; the key that slugs alike gets a hash.
    expect(text(page(en, 'campaigns/sommer-sale-2026'))).toContain('Sommer Sale (Kopie)');
    expect(slugs.filter((s) => s.startsWith('sommer-sale-2026'))).toHaveLength(2);
    expect(slugs).toContain('aerger-ueber-oeko-tueten-ss');
    // Nothing was written outside the output folder.
    expect(files(join(work, 'data-en')).every((f) => f.endsWith('.arrow') || f.endsWith('.json'))).toBe(true);
    for (const file of files(en)) expect(file.split('/')).not.toContain('..');
  });
});

describe('a data folder that does not match', () => {
  it('fails the build with the message naming dataset and column', async () => {
    const data = buildFixture();
    const trend = data.datasets.monthly_trend;
    if (!trend) throw new Error('no monthly_trend');
    trend.roi = { type: 'Utf8', values: trend.roi?.values.map((v) => String(v)) ?? [] };
    const dataDir = join(work, 'bad');
    writeFixture(dataDir, data);
    await expect(build(dataDir, join(work, 'bad-out'))).rejects.toThrow(
      `build failed: dataset monthly_trend: column roi must be Float64, found Utf8 (in ${dataDir}/monthly_trend.arrow)`,
    );
  });
});
