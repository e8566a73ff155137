// The genuine Google Ads, Meta and LinkedIn downloads in
// ../shared/exports/samples/genuine/ against the totals counted by hand in
// that folder's README. They are read from there, never copied into the
// repository; the project's own fixtures (test/fixtures/exports/google-ads-*,
// meta-en-*, linkedin-en-*) cover the same layouts when ../shared is absent.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';
import { describeGenuine, genuine } from './helpers/genuine.ts';

const GBP = 'google_ads/Campaign report (utf16 tab, en-GB, GBP).csv';
const INR = 'google_ads/Campaign report (video + demand gen, INR).csv';
const META_TOTAL = 'meta/Campaigns-11-Fe-2026-16-Mar-2026 (account total row first).csv';
const META_EMPTY = 'meta/Campaigns-1-Sep-2024-30-Sep-2024 (no data).csv';
const LINKEDIN_EMPTY = 'linkedin/creative_performance_report (no rows).csv';

async function extract(relative: string) {
  const name = relative.split('/').at(-1)!;
  const file = await recogniseFile(name, new Uint8Array(readFileSync(genuine(relative))));
  expect(file.unknown).toBeUndefined();
  return { file, extracted: extractFile(file, { currency: 'EUR' }) };
}

/** Adds decimal texts exactly, in hundredths. */
function cents(values: readonly unknown[]): number {
  return values.reduce<number>((sum, v) => sum + Math.round(Number(v) * 100), 0);
}

// raw_ad_periods columns: 6 period_start, 7 period_end, 9 campaign_name, 14 impressions,
// 16 clicks, 20 spend, 21 conversions, 22 conversion_value; 5 currency
describeGenuine('genuine paid exports (Google Ads, Meta, LinkedIn)', [GBP, INR, META_TOTAL, META_EMPTY, LINKEDIN_EMPTY], () => {
  it('Google Ads en-GB "CSV (Excel)": 1 campaign over the title period, Cost 365.22 GBP, Impr. 9,380, Clicks 264, Conversions 25.00, Conv. value 841.23', async () => {
    const { file, extracted } = await extract(GBP);
    expect(file).toMatchObject({ encoding: 'utf-16le (BOM)' });
    expect(file.tables[0]).toMatchObject({ delimiter: '\t', headerLine: 3 });
    expect(extracted).toMatchObject({ formats: ['google_ads'], platforms: ['google_ads'], loaded: 1, periodRows: 1, rejected: 0, totalsDropped: 2, notes: [] });
    expect(extracted.rows.raw_ad_daily).toEqual([]);
    const [row] = extracted.rows.raw_ad_periods;
    expect([5, 6, 7, 9, 14, 16, 20, 21, 22].map((i) => row?.[i])).toEqual([
      'GBP', '2026-01-27', '2026-02-23', 'Office Fruit Campaign', '9380', '264', '365.22', '25.00', '841.23',
    ]);
  });

  // The genuine folder's README gives 2,565.92 INR, the figure of the file's
  // `Total: Campaigns` row; its two data rows (1,661.67 + 904.26) add up to
  // 2,565.93: Google adds unrounded costs for its totals rows. The loaded rows
  // are the data rows, so their sum is 2,565.93.
  it('Google Ads video + Demand Gen CSV: Cost 2,565.93 INR over its data rows (totals row 2,565.92), clicks unknown (no Clicks column), totals per campaign type dropped', async () => {
    const { file, extracted } = await extract(INR);
    expect(file).toMatchObject({ encoding: 'utf-8' });
    expect(file.tables[0]).toMatchObject({ delimiter: ',', headerLine: 3 });
    expect(extracted).toMatchObject({ formats: ['google_ads'], loaded: 2, periodRows: 2, rejected: 0, totalsDropped: 4, notes: [] });
    const rows = extracted.rows.raw_ad_periods;
    expect(cents(rows.map((r) => r[20]))).toBe(256_593);
    expect(rows.map((r) => [r[5], r[6], r[7], r[9], r[14], r[16]])).toEqual([
      ['INR', '2025-07-08', '2025-07-31', 'Video views - 2025-07-19', '25881', null],
      ['INR', '2025-07-08', '2025-07-31', 'MH-m-sand', '20287', null],
    ]);
  });

  it('Meta campaign export: 82.62 EUR, the account total row first dropped as a totals row, nothing rejected', async () => {
    const { extracted } = await extract(META_TOTAL);
    expect(extracted).toMatchObject({ formats: ['meta_ads'], loaded: 13, periodRows: 13, rejected: 0, totalsDropped: 1 });
    const rows = extracted.rows.raw_ad_periods;
    expect(cents(rows.map((r) => r[20]))).toBe(8_262);
    expect(rows.every((r) => r[5] === 'EUR' && r[6] === '2026-02-11' && r[7] === '2026-03-16' && r[9] !== null)).toBe(true);
    expect(rows.some((r) => r[1] === 2)).toBe(false);
  });

  it('Meta "No data available." export: 0 rows, 0 rejected, no date warning', async () => {
    const { extracted } = await extract(META_EMPTY);
    expect(extracted).toMatchObject({ formats: ['meta_ads'], platforms: ['meta'], loaded: 0, rejected: 0, totalsDropped: 0 });
    expect(extracted.notes.filter((n) => n.severity === 'warning')).toEqual([]);
  });

  it('LinkedIn ad report of an empty selection (title lines only): 0 rows, 0 rejected', async () => {
    const { file, extracted } = await extract(LINKEDIN_EMPTY);
    expect(file).toMatchObject({ encoding: 'utf-16le (BOM)' });
    expect(extracted).toMatchObject({ formats: ['linkedin_campaign_manager'], platforms: ['linkedin'], loaded: 0, rejected: 0, totalsDropped: 0 });
    expect(extracted.notes.filter((n) => n.severity === 'warning')).toEqual([]);
  });
});
