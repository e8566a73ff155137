// Period rows that are not a calendar month (README, "Period rows"): by default
// listed with the spend no month holds and why (marts/unplaced_spend.sql); with
// report.json "period_rows": "pro_rata" spread over their days, exact to the cent
// and marked as an estimate (int_ad_period_spread, marts/estimated_spend.sql).
// A calendar-month row is used for its month either way; a row without any
// period cannot be spread and stays listed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSettings } from '../pipeline/config.ts';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { projectRoot } from './helpers/cli.ts';
import { csv, filledWarehouse, type DataFiles } from './helpers/warehouse.ts';

// ECB layout: GBP per 1 EUR. January's last fixing 0.8 (factor 1.25), February's
// 0.5 (factor 2); 23 February, the last day of the Spring period, 0.75 (factor 4/3).
const FX = csv('Date,GBP', [
  ['2026-01-26', '0.8000'],
  ['2026-01-30', '0.8000'],
  ['2026-02-23', '0.7500'],
  ['2026-02-27', '0.5000'],
]);

function dataFiles(settings: Record<string, unknown> = {}): DataFiles {
  return {
    'report.json': JSON.stringify({ currency: 'EUR', timezone: 'Europe/Berlin', ...settings }),
    'campaigns.csv': csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
      ['spring', 'Spring', 'XING', 'awareness', null, null, 'Spring*'],
      ['summer', 'Summer', 'XING', 'awareness', null, null, 'Summer*'],
      ['autumn', 'Autumn', 'XING', 'awareness', null, null, 'Autumn*'],
      ['daily', 'Daily', 'XING', 'awareness', null, null, 'Daily*'],
      ['brand', 'Brand', 'XING', 'awareness', null, null, 'Brand*'],
    ]),
    'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [['O1', '2026-02-10T10:00:00Z', 'c1', '100.00', 'EUR', 'paid']]),
    'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', [['c1', '2026-02-09T10:00:00Z', 'xing', 'paid_social', 'Spring', 'click']]),
    'fx.csv': FX,
    'exports/xing/periods.csv': csv('platform,period_start,period_end,campaign_name,spend,currency,impressions,clicks', [
      // 27 Jan - 23 Feb: 5 days in January, 23 in February.
      ['XING', '2026-01-27', '2026-02-23', 'Spring', '365.22', 'GBP', 10001, 29],
      ['XING', '2026-02-01', '2026-02-28', 'Summer', '100.00', 'EUR', 5000, 50],
      ['XING', '2026-02-03', '2026-02-10', 'Autumn', '50.00', 'EUR', 800, 8],
      // Daily rows of the same campaign fall inside: never spread.
      ['XING', '2026-01-20', '2026-02-10', 'Daily', '30.00', 'EUR', 300, 3],
    ]),
    'exports/xing/daily.csv': csv('platform,date,campaign_name,spend,currency,impressions,clicks', [['XING', '2026-02-05', 'Daily', '10.00', 'EUR', 100, 1]]),
    // "All time": a Google Ads download with no day column and no period named.
    'exports/google/all-time.csv': ['Campaign report', 'All time', 'Campaign status,Campaign,Campaign type,Currency code,Impr.,Clicks,Cost,Conversions,Conv. value', 'Enabled,Brand,Search,EUR,700,7,77.77,0.00,0.00', ''].join('\n'),
  };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? null : String(v));

describe('the period_rows setting', () => {
  it('defaults to unused and accepts pro_rata', () => {
    expect(normalizeSettings({}).period_rows).toBe('unused');
    expect(normalizeSettings({ period_rows: 'pro_rata' }).period_rows).toBe('pro_rata');
    expect(() => normalizeSettings({ period_rows: 'spread' })).toThrow('report.json: period_rows must be one of unused, pro_rata: "spread"');
  });
});

describe('period rows by default ("period_rows": "unused")', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await filledWarehouse(dataFiles());
  });
  afterAll(() => wh?.close());

  it('lists the spend no month holds, with the reason, in the account and the report currency', async () => {
    const rows = await wh.rows<Record<string, unknown>>(
      'select source_file, platform_campaign_key, campaign, period_start, period_end, reason, currency, spend, fx_day, spend_report, file_campaigns, file_spend, file_spend_report from unplaced_spend order by source_file, platform_campaign_key',
    );
    expect(rows.map((r) => ({ ...r, period_start: day(r.period_start), period_end: day(r.period_end), fx_day: day(r.fx_day), spend: num(r.spend), spend_report: num(r.spend_report), file_campaigns: num(r.file_campaigns), file_spend: num(r.file_spend), file_spend_report: num(r.file_spend_report) }))).toEqual([
      { source_file: 'exports/google/all-time.csv', platform_campaign_key: 'Brand', campaign: 'brand', period_start: null, period_end: null, reason: 'no_period', currency: 'EUR', spend: 77.77, fx_day: null, spend_report: 77.77, file_campaigns: 1, file_spend: 77.77, file_spend_report: 77.77 },
      { source_file: 'exports/xing/periods.csv', platform_campaign_key: 'Autumn', campaign: 'autumn', period_start: '2026-02-03', period_end: '2026-02-10', reason: 'part_of_month', currency: 'EUR', spend: 50, fx_day: null, spend_report: 50, file_campaigns: 1, file_spend: 50, file_spend_report: 50 },
      { source_file: 'exports/xing/periods.csv', platform_campaign_key: 'Daily', campaign: 'daily', period_start: '2026-01-20', period_end: '2026-02-10', reason: 'several_months', currency: 'EUR', spend: 30, fx_day: null, spend_report: 30, file_campaigns: 1, file_spend: 30, file_spend_report: 30 },
      // 365.22 GBP at the fixing of 23 February (0.75 GBP per EUR): 486.96 EUR.
      { source_file: 'exports/xing/periods.csv', platform_campaign_key: 'Spring', campaign: 'spring', period_start: '2026-01-27', period_end: '2026-02-23', reason: 'several_months', currency: 'GBP', spend: 365.22, fx_day: '2026-02-23', spend_report: 486.96, file_campaigns: 1, file_spend: 365.22, file_spend_report: 486.96 },
    ]);
  });

  it('uses a calendar-month row for its month and spreads nothing', async () => {
    const months = await wh.rows<Record<string, unknown>>("select month, platform_campaign_key, spend_report from int_ad_monthly_mapped where platform = 'xing' order by platform_campaign_key, month");
    expect(months.map((r) => [r.month, r.platform_campaign_key, num(r.spend_report)])).toEqual([
      ['2026-02', 'Daily', 10],
      ['2026-02', 'Summer', 100],
    ]);
    expect(await wh.rows('select * from int_ad_period_spread')).toEqual([]);
    expect(await wh.rows('select * from estimated_spend')).toEqual([]);
  });

  it('warns about every unused row with its reason', async () => {
    const usage = await wh.rows<{ platform_campaign_key: string; usage: string }>('select platform_campaign_key, usage from int_ad_period_rows order by platform_campaign_key');
    expect(usage.map((r) => [r.platform_campaign_key, r.usage])).toEqual([
      ['Autumn', 'not used: covers 2026-02-03 to 2026-02-10, part of a calendar month (period rows are never spread over days)'],
      ['Brand', 'not used: the export has no date column and names no reporting period; export it with a day or date column'],
      ['Daily', 'not used: covers 2026-01-20 to 2026-02-10, more than one calendar month (period rows are never spread over months)'],
      ['Spring', 'not used: covers 2026-01-27 to 2026-02-23, more than one calendar month (period rows are never spread over months)'],
      ['Summer', 'month'],
    ]);
  });
});

describe('period rows spread pro rata ("period_rows": "pro_rata")', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await filledWarehouse({
      ...dataFiles({ period_rows: 'pro_rata' }),
      'exports/xing/overlaps.csv': csv('platform,period_start,period_end,campaign_name,spend,currency', [
        // Overlaps the calendar-month row of Summer (February): never spread.
        ['XING', '2026-02-15', '2026-03-10', 'Summer', '20.00', 'EUR'],
        // Two periods of one campaign in one file that overlap: their days cannot be told apart.
        ['XING', '2026-01-01', '2026-02-28', 'Winter', '90.00', 'EUR'],
        ['XING', '2026-02-01', '2026-02-10', 'Winter', '15.00', 'EUR'],
      ]),
    });
  });
  afterAll(() => wh?.close());

  it('splits spend and counts by days, to the cent by largest remainder, adding up to the row exactly', async () => {
    const pieces = await wh.rows<Record<string, unknown>>(
      "select month, piece_days, period_days, is_estimate, spend, impressions, clicks, report_factor, spend_report from int_ad_period_spread where platform_campaign_key = 'Spring' order by month",
    );
    // 36,522 cents × 5/28 = 6,521 rem 22, × 23/28 = 30,000 rem 6: the cent left goes to January.
    // 10,001 impressions: 1,785 rem 25 and 8,215 rem 3, the one left to January;
    // 29 clicks: 5 rem 5 and 23 rem 23, the one left to February.
    expect(pieces.map((p) => [p.month, num(p.piece_days), num(p.period_days), p.is_estimate, num(p.spend), num(p.impressions), num(p.clicks), num(p.report_factor), num(p.spend_report)])).toEqual([
      ['2026-01', 5, 28, true, 65.22, 1786, 5, 1.25, 81.525],
      ['2026-02', 23, 28, true, 300, 8215, 24, 2, 600],
    ]);
    // The data tests that hold every spread to its row and to an ECB rate.
    for (const test of ['period_spread_adds_up', 'period_spread_fx_available']) {
      expect(await wh.rows(await readFile(join(projectRoot, 'queries/tests', `${test}.sql`), 'utf8')), test).toEqual([]);
    }
  });

  it('places a row inside one month whole in that month, not as an estimate', async () => {
    const pieces = await wh.rows<Record<string, unknown>>("select month, is_estimate, spend from int_ad_period_spread where platform_campaign_key = 'Autumn'");
    expect(pieces.map((p) => [p.month, p.is_estimate, num(p.spend)])).toEqual([['2026-02', false, 50]]);
  });

  it('adds the spread spend to its months; a calendar-month row is unchanged', async () => {
    const months = await wh.rows<Record<string, unknown>>("select month, platform_campaign_key, spend_report, impressions from int_ad_monthly_mapped where platform = 'xing' order by platform_campaign_key, month");
    expect(months.map((r) => [r.month, r.platform_campaign_key, num(r.spend_report), num(r.impressions)])).toEqual([
      ['2026-02', 'Autumn', 50, 800],
      ['2026-02', 'Daily', 10, 100],
      ['2026-01', 'Spring', 81.525, 1786],
      ['2026-02', 'Spring', 600, 8215],
      ['2026-02', 'Summer', 100, 5000],
    ]);
  });

  it('marks the campaigns and platforms whose spend holds an estimate', async () => {
    const estimated = await wh.rows<Record<string, unknown>>('select month, platform, campaign, files, spend_report, platform_spend_report from estimated_spend order by month');
    expect(estimated.map((r) => [r.month, r.platform, r.campaign, num(r.files), num(r.spend_report), num(r.platform_spend_report)])).toEqual([
      ['2026-01', 'xing', 'spring', 1, 81.53, 81.53],
      ['2026-02', 'xing', 'spring', 1, 600, 600],
    ]);
  });

  it('still lists a row without a period, and a row that daily rows overlap, with the reason', async () => {
    const rows = await wh.rows<Record<string, unknown>>('select platform_campaign_key, reason, spend, detail from unplaced_spend order by platform_campaign_key, spend desc');
    expect(rows.map((r) => [r.platform_campaign_key, r.reason, num(r.spend)])).toEqual([
      ['Brand', 'no_period', 77.77],
      ['Daily', 'overlaps_daily', 30],
      ['Summer', 'overlaps_month', 20],
      ['Winter', 'overlaps_period', 90],
      ['Winter', 'overlaps_period', 15],
    ]);
    expect(rows[1]!.detail).toBe(
      'not used: covers 2026-01-20 to 2026-02-10, and daily rows of the same campaign fall on some of these days (a period row is spread only where no daily rows are)',
    );
  });
});
