// The site's helpers: page slugs, CSV with its formula guard, the sentences' choice
// of rows, coverage gaps, chart drawing with reused views, and colour contrast.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { assignSlugs, slugify } from '../site/lib/slug.ts';
import { csvCell, csvDialect, toCsv } from '../site/lib/csv.ts';
import { fileValue, workbookPath, type TableModel } from '../site/lib/table.ts';
import { tableSheet, tablesXlsx, workerFile, WorkbookWriter } from '../site/lib/xlsx.ts';
import { writeWorkbook } from '../site/lib/xlsx-workbook.ts';
import readXlsxFile from 'read-excel-file/node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    expect(toCsv(['a', 'b'], [['x', 1], [null, -2]])).toBe('\uFEFFa,b\r\nx,1\r\n,-2\r\n');
  });

  it("writes the dialect of the report's locale: semicolons and decimal commas where the decimal mark is a comma", () => {
    expect(csvDialect('de-DE')).toEqual({ separator: ';', decimal: ',' });
    expect(csvDialect('en-GB')).toEqual({ separator: ',', decimal: '.' });
    const de = csvDialect('de-DE');
    expect(csvCell(1234.5, de)).toBe('1234,5');
    expect(csvCell(-0.25, de)).toBe('-0,25');
    // a comma in text needs no quotes where the separator is a semicolon; a semicolon does
    expect(csvCell('a,b', de)).toBe('a,b');
    expect(csvCell('a;b', de)).toBe('"a;b"');
    expect(csvCell('=1;2', de)).toBe(`"'=1;2"`);
    expect(csvCell(0.0000001, de)).toBe('0,0000001');
    expect(toCsv(['a', 'b'], [['x', 1.5], [null, -2]], de)).toBe('\uFEFFa;b\r\nx;1,5\r\n;-2\r\n');
  });

  it('rounds numbers by their kind, half away from zero, and leaves missing values missing', () => {
    expect(fileValue('ratio', 1.4591277777777776)).toBe(1.46);
    expect(fileValue('money', 1.005)).toBe(1.01);
    expect(fileValue('money', -1.005)).toBe(-1.01);
    expect(fileValue('money0', 1234.567)).toBe(1234.57);
    expect(fileValue('percent', 0.123456)).toBe(0.1235);
    expect(fileValue('count', 2.333333)).toBe(2.33);
    expect(fileValue('integer', 7.5)).toBe(8);
    expect(fileValue('percentChange', -0.00001)).toBe(0);
    expect(Object.is(fileValue('percentChange', -0.00001), -0)).toBe(false);
    expect(fileValue('money', null)).toBeNull();
    expect(fileValue('text', 'a')).toBe('a');
    expect(fileValue('code', 12.3456)).toBe(12.3456);
  });
});

describe('Excel workbook', () => {
  const table: TableModel = {
    id: 'trend',
    caption: 'Trend',
    csv: 'campaigns/x/trend.csv',
    datasets: [],
    columns: [
      { key: 'month', label: 'Monat', kind: 'month' },
      { key: 'day', label: 'Tag', kind: 'date' },
      { key: 'total_cost', label: 'Gesamt\u00adkosten', kind: 'money' },
      { key: 'roas', label: 'ROAS', kind: 'ratio' },
      { key: 'campaign', label: 'Kampagne', kind: 'text' },
    ],
    rows: [
      { cells: { month: '2026-10', day: '2026-10-31', total_cost: 1234.567, roas: null, campaign: '=x' } },
    ],
  };

  it('holds the labels, the keys, then typed cells with formats by kind', () => {
    const [header, keys, row] = tableSheet(table, 'de');
    expect(header?.map((c) => (c as { value: string }).value)).toEqual(['Monat', 'Tag', 'Gesamtkosten', 'ROAS', 'Kampagne']);
    expect(keys?.map((c) => (c as { value: string }).value)).toEqual(['month', 'day', 'total_cost', 'roas', 'campaign']);
    expect(row).toEqual([
      { value: new Date(Date.UTC(2026, 9, 1)), type: Date, format: 'mmm yyyy' },
      { value: new Date(Date.UTC(2026, 9, 31)), type: Date, format: 'dd.mm.yyyy' },
      { value: 1234.57, type: Number, format: '#,##0.00' },
      null,
      { value: '=x', type: String },
    ]);
    expect(workbookPath(table)).toBe('campaigns/x/campaigns-x.xlsx');
    expect(workbookPath({ ...table, csv: '2026-10/roi.csv' })).toBe('2026-10/2026-10.xlsx');
  });

  it('gives the same bytes whenever it is written (the zip entries carry no time of writing)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2021-03-04T05:06:07Z'));
      const first = await tablesXlsx([table], 'de');
      vi.setSystemTime(new Date('2026-11-30T23:59:58Z'));
      const second = await tablesXlsx([table], 'de');
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      // every local header says 1980-01-01 00:00
      const view = new DataView(first.buffer);
      let headers = 0;
      for (let i = 0; i + 4 <= first.byteLength; i++) {
        if (view.getUint32(i, true) !== 0x04034b50) continue;
        headers++;
        expect([view.getUint16(i + 10, true), view.getUint16(i + 12, true)]).toEqual([0, 0x0021]);
      }
      expect(headers).toBeGreaterThan(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is written in a worker thread, byte for byte as in the calling thread', async () => {
    const sheets = [{ data: tableSheet(table, 'de'), sheet: 'trend', columns: [{ width: 12 }], stickyRowsCount: 2 }];
    const file = workerFile();
    expect(file).toMatch(/xlsx-worker\.ts$/);
    const writer = new WorkbookWriter(file!);
    const [inWorker, again] = await Promise.all([writer.write(sheets), writer.write(sheets)]);
    expect(Buffer.from(inWorker).equals(Buffer.from(await writeWorkbook(sheets)))).toBe(true);
    expect(Buffer.from(again).equals(Buffer.from(inWorker))).toBe(true);
    // the writer's own refusal reaches the page that asked, and the next workbook is written
    await expect(writer.write([{ ...sheets[0]!, sheet: 'a/b' }])).rejects.toThrow(/^xlsx: .*a\/b/);
    expect(Buffer.from(await writer.write(sheets)).equals(Buffer.from(inWorker))).toBe(true);
  });

  it('reads back in a spreadsheet reader as numbers and dates, a sheet per table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xlsx-'));
    try {
      // a page's tables, a sheet each; ids cut to Excel's 31 characters stay apart
      const long = { ...table, id: 'a-table-id-longer-than-excel-allows-x', rows: [] };
      const longer = { ...long, id: 'a-table-id-longer-than-excel-allows-y' };
      await writeFile(join(dir, 'page.xlsx'), await tablesXlsx([table, long, longer], 'en'));
      const sheets = await readXlsxFile(join(dir, 'page.xlsx'));
      expect(sheets.map((s) => s.sheet)).toEqual(['trend', 'a-table-id-longer-than-excel-al', 'a-table-id-longer-than-excel-2']);
      expect(sheets[0]?.data[2]).toEqual([new Date(Date.UTC(2026, 9, 1)), new Date(Date.UTC(2026, 9, 31)), 1234.57, null, '=x']);
      expect(sheets[1]?.data).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
  it('are runs of gap days per platform and account; days without data that are no gap (idle) are not listed', () => {
    const day = (platform: string, date: string, has_data: boolean, is_gap = false): PlatformCoverageRow => ({
      platform,
      account: 'A',
      date,
      rows: has_data ? 1 : 0,
      spend: has_data ? 1 : 0,
      has_data,
      covered_by_period: false,
      is_gap,
    });
    const rows = [
      day('meta', '2026-01-01', true),
      day('meta', '2026-01-02', false, true),
      day('meta', '2026-01-03', false, true),
      day('meta', '2026-01-04', true),
      day('meta', '2026-01-05', false, true),
      day('meta', '2026-01-06', false),
      day('meta', '2026-01-07', false, true),
      day('linkedin', '2026-01-01', false, true),
      day('linkedin', '2026-01-02', false),
    ];
    expect(coverageGaps(rows)).toEqual([
      { platform: 'linkedin', account: 'A', from: '2026-01-01', to: '2026-01-01' },
      { platform: 'meta', account: 'A', from: '2026-01-02', to: '2026-01-03' },
      { platform: 'meta', account: 'A', from: '2026-01-05', to: '2026-01-05' },
      { platform: 'meta', account: 'A', from: '2026-01-07', to: '2026-01-07' },
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
    const svg = `<svg class="marks" width="358"><g transform="translate(0.5,19.50000000000002)"><text transform="translate(-8,51.4961)" font-family="${font}" opacity="1">1.23456 €</text>` +
      `<text font-family="serif" opacity="0.5">Titel opacity="1"</text><path d="M-0.004,3.141592h200.995v5Z" opacity="1"/></g></svg>`;
    // opacity="1" is SVG's default and goes; another opacity, and the drawn text, stay
    expect(compactSvg(svg)).toBe(`<svg font-family="${font}" class="marks" width="358"><g transform="translate(0.5,19.5)"><text transform="translate(-8,51.5)">1.23456 €</text>` +
      `<text font-family="serif" opacity="0.5">Titel opacity="1"</text><path d="M-0,3.14h201v5Z"/></g></svg>`);
  });

  it('draws a chart no heavier than its marks need', async () => {
    const svg = await renderChart({ spec: barSpec({ width: 300, narrow: false }, { labelLimit: 180 }), ...barInput(bars([1.5, 2.25, -3]), 300) }, fmt);
    expect(svg.match(/font-family=/g)).toHaveLength(1);
    expect(svg.match(/<[^>]*\d\.\d{3,}[^>]*>/)).toBeNull();
    // hidden from screen readers once, at the root; no default opacity written out
    expect(svg.match(/aria-hidden=/g)).toHaveLength(1);
    expect(svg).toMatch(/^<svg focusable="false" aria-hidden="true" /);
    expect(svg).not.toContain('opacity="1"');
    expect(svg).toContain('Kanal 2 &lt;&amp;&gt;');
  });

  it('draws the zero line of a bar chart once, not once per bar', async () => {
    const svg = await renderChart({ spec: barSpec({ width: 300, narrow: false }, { labelLimit: 180 }), ...barInput(bars([1.5, 2.25, -3, 4, 5]), 300) }, fmt);
    const rules = /<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    expect(rules.match(/<line /g)).toHaveLength(1);
    // at zero: the bars of 1.5 and -3 meet on it
    const x = /<line transform="translate\(([\d.]+),0\)"/.exec(rules)?.[1];
    expect(svg).toMatch(new RegExp(`<path d="M${x!.replace('.', '\\.')},`));
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
