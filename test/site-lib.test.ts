// The site's helpers: page slugs, CSV with its formula guard, the sentences' choice
// of rows, coverage gaps, chart drawing with reused views, and colour contrast.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { assignSlugs, slugify } from '../site/lib/slug.ts';
import { csvCell, toCsv } from '../site/lib/csv.ts';
import { reasonOf, roiMovers } from '../site/lib/sentences.ts';
import { coverageGaps } from '../site/lib/views/data-quality.ts';
import { barInput, barSpec, lineSpec } from '../site/lib/charts.ts';
import { compactSvg, renderChart } from '../site/lib/vega.ts';
import { createFormatter } from '../site/lib/format.ts';
import { PALETTE } from '../site/lib/channels.ts';
import type { CampaignRoiRow, PlatformCoverageRow } from '../site/lib/data/schemas.ts';
import { SCHEMAS } from '../site/lib/data/schemas.ts';

describe('slugs', () => {
  it('are lower-case ASCII with umlauts spelled out, whatever the key holds', () => {
    expect(slugify('Sommer/Sale 2026')).toBe('sommer-sale-2026');
    expect(slugify('Ärger über Öko-Tüten ß')).toBe('aerger-ueber-oeko-tueten-ss');
    expect(slugify('Café Crème')).toBe('cafe-creme');
    expect(slugify('..')).toBe('');
    expect(slugify('<script>alert(1)</script>')).toBe('script-alert-1-script');
    expect(slugify('x'.repeat(300))).toHaveLength(60);
  });

  it('are unique, stable and never empty', () => {
    const keys = ['Sommer/Sale 2026', 'sommer-sale-2026', '..', '../..', '日本語', 'a'.repeat(80), `${'a'.repeat(80)}b`, 'meta_retargeting'];
    const slugs = assignSlugs(keys);
    const values = [...slugs.values()];
    expect(new Set(values).size).toBe(keys.length);
    for (const slug of values) expect(slug).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    // A key that is already a slug keeps it.
    expect(slugs.get('sommer-sale-2026')).toBe('sommer-sale-2026');
    expect(slugs.get('Sommer/Sale 2026')).toMatch(/^sommer-sale-2026-[a-z0-9]{7}$/);
    expect(slugs.get('..')).toMatch(/^campaign-[a-z0-9]{7}$/);
    expect(slugs.get('meta_retargeting')).toBe('meta-retargeting');
    // The order of the rows does not matter.
    expect(assignSlugs([...keys].reverse())).toEqual(slugs);
  });
});

describe('CSV', () => {
  it('quotes where needed and guards text that a spreadsheet would run as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+49 170')).toBe("'+49 170");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    // Numbers are numbers, negative ones too.
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(1234.5)).toBe('1234.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(toCsv(['a', 'b'], [['x', 1], [null, -2]])).toBe('a,b\r\nx,1\r\n,-2\r\n');
  });
});

describe('the month in words', () => {
  const row = (v: Partial<CampaignRoiRow>) =>
    ({ ...Object.fromEntries(Object.keys(SCHEMAS.campaign_roi).map((k) => [k, null])), month: '2026-10', model: 'last_touch', ...v }) as CampaignRoiRow;

  it('tells why a ROI moved by comparing how revenue and cost moved', () => {
    expect(reasonOf(0.25, 0.087)).toBe('revenueOutgrewCost');
    expect(reasonOf(0.05, 0.2)).toBe('costOutgrewRevenue');
    expect(reasonOf(0.1, -0.1)).toBe('moreRevenueLessCost');
    expect(reasonOf(-0.1, 0.1)).toBe('lessRevenueMoreCost');
    expect(reasonOf(-0.3, -0.1)).toBe('revenueFellFaster');
    expect(reasonOf(-0.1, -0.3)).toBe('costFellFaster');
    expect(reasonOf(null, 0.1)).toBeNull();
  });

  it('picks the largest ROI changes, risers and fallers, leaving out unmapped and campaigns without a previous ROI', () => {
    const rows = [
      row({ campaign: 'a', roi: 1, roi_prev: 0.5, roi_change: 0.5 }),
      row({ campaign: 'b', roi: 0.2, roi_prev: 1.2, roi_change: -1 }),
      row({ campaign: 'c', roi: 0.3, roi_prev: 0.1, roi_change: 0.2 }),
      row({ campaign: 'd', roi: 0.3, roi_prev: null, roi_change: null }),
      row({ campaign: 'unmapped', roi: -1, roi_prev: -3, roi_change: 2 }),
      row({ campaign: 'e', roi: 0.1, roi_prev: 0.15, roi_change: -0.05 }),
    ];
    const { up, down } = roiMovers(rows, 2);
    expect(up.map((r) => r.campaign)).toEqual(['a', 'c']);
    expect(down.map((r) => r.campaign)).toEqual(['b', 'e']);
  });
});

describe('coverage gaps', () => {
  it('are runs of days without data per platform and account', () => {
    const day = (platform: string, date: string, has_data: boolean): PlatformCoverageRow => ({ platform, account: 'A', date, rows: 1, spend: 1, has_data });
    const rows = [
      day('meta', '2026-01-01', true),
      day('meta', '2026-01-02', false),
      day('meta', '2026-01-03', false),
      day('meta', '2026-01-04', true),
      day('meta', '2026-01-05', false),
      day('linkedin', '2026-01-01', false),
    ];
    expect(coverageGaps(rows)).toEqual([
      { platform: 'linkedin', account: 'A', from: '2026-01-01', to: '2026-01-01' },
      { platform: 'meta', account: 'A', from: '2026-01-02', to: '2026-01-03' },
      { platform: 'meta', account: 'A', from: '2026-01-05', to: '2026-01-05' },
    ]);
  });
});

describe('charts', () => {
  const fmt = createFormatter({ locale: 'de', currency: 'EUR', timeZone: 'Europe/Berlin' });
  const bars = (values: number[]) => values.map((value, i) => ({ label: `Kanal ${i} <&>`, value, color: '#2f6db5', text: `${value} %` }));

  it('draws the same SVG from a reused view as from a new one', async () => {
    const spec = barSpec({ width: 300, narrow: false }, { labelLimit: 180 });
    const fresh = (values: number[]) => renderChart({ spec: { ...spec, description: `fresh ${values.join()}` } as TopLevelSpec, ...barInput(bars(values), 300) }, fmt);
    const reused = (values: number[]) => renderChart({ spec, ...barInput(bars(values), 300) }, fmt);
    await reused([1, 2, 3]);
    const [a, b] = await Promise.all([reused([0.5, -0.25]), reused([4, 5, 6, 7])]);
    const strip = (svg: string) => svg.replace(/<desc>.*?<\/desc>/, '');
    expect(strip(a)).toBe(strip(await fresh([0.5, -0.25])));
    expect(strip(b)).toBe(strip(await fresh([4, 5, 6, 7])));
    // Vega escapes the text it draws.
    expect(a).toContain('Kanal 0 &lt;&amp;&gt;');
  });

  it('writes the font once and coordinates to two decimals, leaving the drawn text alone', () => {
    const font = 'system-ui, &quot;Segoe UI&quot;, sans-serif';
    const svg = `<svg class="marks" width="358"><g transform="translate(0.5,19.50000000000002)"><text transform="translate(-8,51.4961)" font-family="${font}">1.23456 €</text>` +
      `<text font-family="serif">Titel</text><path d="M-0.004,3.141592h200.995v5Z"/></g></svg>`;
    expect(compactSvg(svg)).toBe(`<svg font-family="${font}" class="marks" width="358"><g transform="translate(0.5,19.5)"><text transform="translate(-8,51.5)">1.23456 €</text>` +
      `<text font-family="serif">Titel</text><path d="M-0,3.14h201v5Z"/></g></svg>`);
  });

  it('draws a chart no heavier than its marks need', async () => {
    const svg = await renderChart({ spec: barSpec({ width: 300, narrow: false }, { labelLimit: 180 }), ...barInput(bars([1.5, 2.25, -3]), 300) }, fmt);
    expect(svg.match(/font-family=/g)).toHaveLength(1);
    expect(svg.match(/<[^>]*\d\.\d{3,}[^>]*>/)).toBeNull();
    expect(svg).toContain('Kanal 2 &lt;&amp;&gt;');
  });

  it('lays a reused chart out again for wider axis labels, and back', async () => {
    const series = [
      { name: 'A', color: '#1f3a5f', dash: [1, 0], shape: 'circle' },
      { name: 'B', color: '#7b8794', dash: [5, 3], shape: 'square' },
    ];
    const spec = lineSpec({ width: 290, narrow: true }, { series, format: '$,.0f' });
    const rows = (scale: number) =>
      [0, 1, 2].flatMap((i) => series.map((s, j) => ({ i, month: `M${i}`, series: s.name, value: scale * (i + j + 1), text: `${i}`, last: i === 2 })));
    const small = await renderChart({ spec, values: rows(100) }, fmt);
    const large = await renderChart({ spec, values: rows(100_000) }, fmt);
    const fresh = await renderChart({ spec: { ...spec, description: 'fresh' } as TopLevelSpec, values: rows(100_000) }, fmt);
    expect(large).toBe(fresh.replace(/<desc>.*?<\/desc>/, ''));
    expect(await renderChart({ spec, values: rows(100) }, fmt)).toBe(small);
  });
});

describe('contrast', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const css = readFileSync(new URL('../site/styles/report.css', import.meta.url), 'utf8');
  const variable = (name: string) => new RegExp(`--${name}: (#[0-9a-f]{6});`).exec(css)?.[1] ?? '';

  it('keeps text at 4.5:1 on the page and on cards, and chart colours at 3:1', () => {
    for (const text of ['text', 'muted', 'accent', 'good', 'bad', 'neutral']) {
      for (const background of ['surface', 'canvas']) {
        expect(ratio(variable(text), variable(background)), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(ratio('#8a4b00', '#fff7e8'), 'incomplete badge').toBeGreaterThanOrEqual(4.5);
    for (const color of PALETTE) expect(ratio(color, '#ffffff'), color).toBeGreaterThanOrEqual(3);
  });
});
