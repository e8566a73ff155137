// Builds the site from the fixture with `astro build`, as the pipeline does, and
// checks the overview page's HTML. Expected strings are worked out by hand from the
// numbers in test/fixtures/site/make-data.ts (CAMPAIGNS, 2026-09 factors 0.92 / 0.8).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../pipeline/build.ts';
import { buildFixture, writeFixture, writeSiteFixture } from './fixtures/site/make-data.ts';

const ROOT = resolve(import.meta.dirname, '..');
const NBSP = '\u00a0';

let work: string;
let html: string;
let bytes: number;

function build(dataDir: string, outDir: string) {
  return buildSite({ projectRoot: ROOT, dataDir, outDir, verbose: false });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'site-build-'));
  writeSiteFixture(join(work, 'data'));
  await build(join(work, 'data'), join(work, 'out'));
  const page = join(work, 'out', 'index.html');
  html = readFileSync(page, 'utf8');
  bytes = statSync(page).size;
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The HTML of the headline tile for one metric. */
function tile(metric: string): string {
  const match = new RegExp(`<article class="tile" data-metric="${metric}">(.*?)</article>`, 's').exec(html);
  if (!match?.[1]) throw new Error(`no tile ${metric}`);
  return match[1];
}

/** The text of an HTML fragment: styles and tags removed, spaces collapsed (no-break spaces kept). */
const text = (fragment: string) =>
  fragment
    .replace(/<style>.*?<\/style>/gs, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();

describe('the overview page', () => {
  it('is German, has no script and stays small', () => {
    expect(html).toContain('<html lang="de">');
    expect(html).not.toMatch(/<script/i);
    expect(bytes).toBeLessThan(150 * 1024);
  });

  it('has the header', () => {
    expect(html).toContain('<h1>Nordlicht Naturkosmetik – Social-Media-ROI</h1>');
    expect(text(html)).toContain('Oktober 2026');
    expect(text(html)).toContain('Attributionsmodell: Letzter Kontakt');
    expect(text(html)).toContain('Datenstand: 15.11.2026');
    expect(text(html)).toContain('erstellt am 22.11.2026, 16:30 MEZ');
  });

  it('shows the six headline figures with their change against the previous month', () => {
    // Oct: media 6200+3100+4100+1500+2800+2250+420 = 20,370; other 7,150; total 27,520.
    // Sep: every cost x 0.92 -> 18,740.40 and 25,318.40: change 20370/18740.40 - 1 = +8.70 %.
    expect(text(tile('media_spend'))).toContain(`20.370${NBSP}€ ▲ gestiegen: +8,7${NBSP}% ggü. Vormonat`);
    expect(text(tile('total_cost'))).toContain(`27.520${NBSP}€ ▲ gestiegen: +8,7${NBSP}% ggü. Vormonat`);
    // Revenue without unattributed: 59,979.95; Sep every revenue x 0.8, no Adventskalender: 47,838.28 -> +25.38 %.
    expect(text(tile('revenue'))).toContain(`59.980${NBSP}€ ▲ gestiegen: +25,4${NBSP}% ggü. Vormonat`);
    // Gross profit 0.6 x revenue: 35,987.97 against 28,702.97 -> +25.38 %.
    expect(text(tile('gross_profit'))).toContain(`35.988${NBSP}€ ▲ gestiegen: +25,4${NBSP}% ggü. Vormonat`);
    // ROI (35,987.97 - 27,520) / 27,520 = 30.77 %; Sep (28,702.97 - 25,318.40) / 25,318.40 = 13.37 % -> +17.4 pp.
    expect(text(tile('roi'))).toContain(`30,8${NBSP}% ▲ gestiegen: +17,4${NBSP}Pp. ggü. Vormonat`);
    // ROAS 59,979.95 / 20,370 = 2.94; Sep 47,838.28 / 18,740.40 = 2.55 -> +0.39.
    expect(text(tile('roas'))).toContain('2,94 ▲ gestiegen: +0,39 ggü. Vormonat');
  });

  it('colours changes by meaning and adds the year-over-year line', () => {
    expect(tile('revenue')).toContain('tone-good');
    expect(tile('roi')).toContain('tone-good');
    expect(tile('total_cost')).toContain('tone-neutral');
    expect(tile('total_cost')).not.toMatch(/tone-(good|bad)/);
    for (const metric of ['media_spend', 'total_cost', 'revenue', 'gross_profit', 'roi', 'roas']) {
      expect(tile(metric)).toContain('▲');
      expect(text(tile(metric))).toContain('ggü. Vorjahresmonat');
    }
  });

  it('draws two charts as inline SVG, each with a title and a description', () => {
    const figures = [...html.matchAll(/<figure class="chart"[^>]*>(.*?)<\/figure>/gs)].map((m) => m[1] ?? '');
    expect(figures).toHaveLength(2);
    const [roi = '', trend = ''] = figures;
    expect(roi).toContain('>ROI nach Kanal</h3>');
    expect(trend).toContain('>Kosten und Umsatz, letzte 12 Monate</h3>');
    for (const figure of figures) {
      expect(figure).toContain('<svg');
      expect(figure).toMatch(/<div class="chart-svg" role="img" aria-label="[^"]+">/);
      expect(figure).toMatch(/<figcaption>[^<]+<\/figcaption>/);
    }
    // Channel ROI = (0.6 x revenue - cost) / cost: Influencer (8,538.21 - 4,300) / 4,300 = 98.6 %,
    // LinkedIn (2,376 - 6,200) / 6,200 = -61.7 %, unmapped -100 %; unattributed has no ROI.
    expect(roi).toContain(`98,6${NBSP}%`);
    expect(roi).toContain(`-61,7${NBSP}%`);
    expect(roi).toContain('Nicht zugeordnet');
    expect(roi).not.toContain('Ohne Touchpoint');
    expect(roi).not.toContain('unattributed');
    // The last month's values end the lines.
    expect(trend).toContain(`59.980${NBSP}€`);
    expect(trend).toContain(`27.520${NBSP}€`);
    expect(trend).toContain('November 2025 bis Oktober 2026');
  });

  it('lists the campaigns by ROI, then unmapped and unattributed', () => {
    const keys = [...html.matchAll(/<tr data-campaign="([^"]+)"/g)].map((m) => m[1]);
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
    const row = (key: string) => {
      const match = new RegExp(`<tr data-campaign="${key}">(.*?)</tr>`, 's').exec(html);
      return text(match?.[1] ?? '');
    };
    expect(row('meta_retargeting')).toBe(
      `Retargeting Warenkorb Meta Conversion 3.100${NBSP}€ 3.350${NBSP}€ 212 24.821${NBSP}€ 344,6${NBSP}% 8,01`,
    );
    expect(row('inf_lena')).toBe(
      `Lena Grün – Code LENA15 Influencer Conversion 0${NBSP}€ 2.500${NBSP}€ 118 11.640${NBSP}€ 179,4${NBSP}% –`,
    );
    expect(row('meta_adventskalender')).toBe(
      `Adventskalender Teaser Meta Consideration 0${NBSP}€ 0${NBSP}€ 3 182${NBSP}€ – –`,
    );
    expect(row('unmapped')).toBe(`Nicht zugeordnet – – 420${NBSP}€ 420${NBSP}€ 0 0${NBSP}€ -100,0${NBSP}% 0,00`);
    expect(row('unattributed')).toBe(`Ohne Touchpoint – – 0${NBSP}€ 0${NBSP}€ 57 3.975${NBSP}€ – –`);
    expect(html).toMatch(/<tbody class="special">\s*<tr data-campaign="unmapped">/);
  });

  it('escapes names from the data', () => {
    expect(html).toContain('Mika&#39;s &lt;Hautpflege&gt; &amp; &quot;Serum&quot;');
    expect(html).not.toContain('<Hautpflege>');
    expect(html).toContain('costs.csv: &quot;Agentur &lt;Herbst&gt;&quot; names no campaign');
  });

  it('links the data files relatively and shows the settings', () => {
    for (const file of ['campaign_roi.arrow', 'channel_roi.arrow', 'monthly_summary.arrow', 'manifest.json']) {
      expect(html).toContain(`href="data/${file}"`);
    }
    expect(html).not.toMatch(/href="\//);
    expect(text(html)).toContain(`Rohertragsmarge 60${NBSP}%`);
    expect(text(html)).toContain('Betrachtungszeitraum 30 Tage');
  });
});

describe('a data folder that does not match', () => {
  it('fails the build with the message naming dataset and column', async () => {
    const data = buildFixture();
    const summary = data.datasets.monthly_summary;
    if (!summary) throw new Error('no monthly_summary');
    summary.roi = { type: 'Utf8', values: summary.roi?.values.map((v) => String(v)) ?? [] };
    const dataDir = join(work, 'bad');
    writeFixture(dataDir, data);
    await expect(build(dataDir, join(work, 'bad-out'))).rejects.toThrow(
      `build failed: dataset monthly_summary: column roi must be Float64, found Utf8 (in ${dataDir}/monthly_summary.arrow)`,
    );
  }, 90_000);
});
