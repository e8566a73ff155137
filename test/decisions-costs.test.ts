// Issue 21's decisions about costs and platform numbers (docs/decisions.md),
// each on a small data folder with hand-computed figures:
// - a monthly cost row in a foreign currency converts at the average of that
//   month's ECB rates, rounded to the cent once, half away from zero;
// - a monthly period row never adds spend to a month that has daily rows for
//   the same campaign: the daily rows give the spend, the monthly row its reach;
// - Google Ads' Clicks are link clicks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { csv, filledWarehouse, type DataFiles } from './helpers/warehouse.ts';

// ECB layout: units per 1 EUR on the three days of March 2026 the file has a
// rate for. USD averages (1.08 + 1.09 + 1.10) / 3 = 1.09; CHF (1.9 + 2.0 + 2.1) / 3 = 2.0.
// The month's last fixing (31 March) is 1.10 and 2.1: a monthly cost converted
// at it would give other figures, so the test tells the two rules apart.
const FX = csv('Date,USD,CHF', [
  ['2026-03-31', '1.1000', '2.1000'],
  ['2026-03-10', '1.0900', '2.0000'],
  ['2026-03-02', '1.0800', '1.9000'],
]);

function dataFiles(): DataFiles {
  return {
    'report.json': JSON.stringify({ currency: 'EUR', timezone: 'Europe/Berlin' }),
    'campaigns.csv': csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
      ['spring', 'Spring', 'XING', 'awareness', null, null, 'Spring*'],
      ['brand', 'Brand', 'Google Ads', 'conversion', null, null, 'Brand*'],
      ['summer', 'Summer', 'XING', 'awareness', null, null, 'Summer*'],
      ['autumn', 'Autumn', 'XING', 'awareness', null, null, 'Autumn*'],
      ['winter', 'Winter', 'XING', 'awareness', null, null, 'Winter*'],
    ]),
    'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [['O1', '2026-03-10T10:00:00Z', 'c1', '100.00', 'EUR', 'paid']]),
    'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', [['c1', '2026-03-09T10:00:00Z', 'xing', 'paid_social', 'Spring', 'click']]),
    'fx.csv': FX,
    'costs.csv': csv('month,date,campaign,category,amount,currency,note', [
      // 1,000.00 USD / 1.09 = 917.431192… → 917.43 (at the last fixing: 909.09)
      ['2026-03', null, 'spring', 'agency', '1000.00', 'USD', 'monthly fee'],
      // 100.05 CHF / 2.0 = 50.025 → 50.03: half a cent rounds away from zero
      ['2026-03', null, 'spring', 'production', '100.05', 'CHF', 'monthly retainer'],
      // a dated cost keeps the rate of its day: 109.00 USD / 1.09 = 100.00
      [null, '2026-03-10', 'spring', 'tools', '109.00', 'USD', 'licence'],
      // in the report currency: as it is
      ['2026-03', null, 'spring', 'staff', '12.34', 'EUR', null],
    ]),
    // Daily rows of Spring in March (spend 10.00 + 15.50), and a monthly
    // export of the same campaign for March from another file: its spend
    // (40.00) must not add to the month, its reach (900) is the month's reach.
    'exports/xing/daily.csv': csv('platform,date,campaign_name,spend,currency,impressions,clicks', [
      ['XING', '2026-03-05', 'Spring', '10.00', 'EUR', 1000, 10],
      ['XING', '2026-03-20', 'Spring', '15.50', 'EUR', 2000, 30],
    ]),
    'exports/xing/march.csv': csv('platform,period_start,period_end,campaign_name,spend,currency,impressions,reach,clicks', [
      ['XING', '2026-03-01', '2026-03-31', 'Spring', '40.00', 'EUR', 3500, 900, 45],
    ]),
    // The same campaign from an export with campaign IDs (daily) and one
    // without (monthly): matched by name, so Summer's spend is its daily 20.00.
    // Campaign 888 is named `Autumn Teaser` in the daily rows and `Winter
    // Teaser` in the monthly export, which maps to another campaign key: its
    // spend is the daily rows' (Autumn), and Winter gets the reach alone.
    'exports/xing/daily-with-ids.csv': csv('platform,date,campaign_id,campaign_name,spend,currency,impressions,clicks', [
      ['XING', '2026-03-06', '777', 'Summer Sale', '20.00', 'EUR', 500, 5],
      ['XING', '2026-03-07', '888', 'Autumn Teaser', '5.00', 'EUR', 100, 1],
    ]),
    'exports/xing/march-summer.csv': csv('platform,period_start,period_end,campaign_name,spend,currency,impressions,reach,clicks', [
      ['XING', '2026-03-01', '2026-03-31', 'Summer Sale', '60.00', 'EUR', 1500, 400, 15],
    ]),
    'exports/xing/march-with-ids.csv': csv('platform,period_start,period_end,campaign_id,campaign_name,spend,currency,impressions,reach,clicks', [
      ['XING', '2026-03-01', '2026-03-31', '888', 'Winter Teaser', '7.00', 'EUR', 140, 300, 2],
    ]),
    // A Google Ads download as the UI gives it, with a Day column: Clicks 264.
    'exports/google/Campaign report.csv': [
      'Campaign report',
      'March 1, 2026 - March 31, 2026',
      'Day,Campaign,Currency code,Impr.,Clicks,Cost,Conversions,Conv. value',
      '2026-03-12,Brand Search,EUR,8800,264,52.80,0.00,0.00',
      '',
    ].join('\n'),
  };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

let wh: Warehouse;
beforeAll(async () => {
  wh = await filledWarehouse(dataFiles());
});
afterAll(() => wh?.close());

describe('a monthly cost row in a foreign currency', () => {
  it("converts at the average of the month's ECB rates, rounded to the cent half away from zero", async () => {
    const rows = await wh.rows<Record<string, unknown>>(
      'select category, cost_month, currency, amount::decimal(18, 2)::varchar as amount, amount_report::varchar as amount_report from int_costs_converted order by source_line',
    );
    expect(rows).toEqual([
      { category: 'agency', cost_month: '2026-03', currency: 'USD', amount: '1000.00', amount_report: '917.43' },
      { category: 'production', cost_month: '2026-03', currency: 'CHF', amount: '100.05', amount_report: '50.03' },
      { category: 'tools', cost_month: '2026-03', currency: 'USD', amount: '109.00', amount_report: '100.00' },
      { category: 'staff', cost_month: '2026-03', currency: 'EUR', amount: '12.34', amount_report: '12.34' },
    ]);
  });

  it('takes the average over the days the file has a rate for, beside the last fixing', async () => {
    const rows = await wh.rows<Record<string, unknown>>(
      "select currency, fixing_days, average_to_report_factor::varchar as average, to_report_factor::varchar as last from int_fx_monthly_rates where month = '2026-03' order by currency",
    );
    expect(rows).toEqual([
      { currency: 'CHF', fixing_days: 3n, average: '0.5000000000', last: '0.4761904762' },
      { currency: 'EUR', fixing_days: 3n, average: '1.0000000000', last: '1.0000000000' },
      { currency: 'USD', fixing_days: 3n, average: '0.9174311927', last: '0.9090909091' },
    ]);
  });

  it('reaches the cost marts at that amount', async () => {
    const [row] = await wh.rows<Record<string, unknown>>("select spend, other_cost from campaign_performance where month = '2026-03' and campaign = 'spring'");
    // 917.43 + 50.03 + 100.00 + 12.34
    expect(num(row?.other_cost)).toBe(1079.8);
  });
});

describe('a monthly cost row when the report currency is not the euro', () => {
  it('converts at the ratio of the two currencies\' monthly averages, as the ECB publishes them', async () => {
    // USD averages 1.09 and GBP (0.85 + 0.86 + 0.87) / 3 = 0.86 per EUR: 1 GBP = 1.09 / 0.86
    // = 1.2674418605 USD, so 1,000.00 GBP is 1,267.44 USD. (Averaging the three days'
    // GBP/USD cross rates instead would give 1,267.47.)
    const usd = await filledWarehouse({
      'report.json': JSON.stringify({ currency: 'USD', timezone: 'Europe/Berlin' }),
      'campaigns.csv': csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [['spring', 'Spring', 'XING', 'awareness', null, null, 'Spring*']]),
      'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [['O1', '2026-03-10T10:00:00Z', 'c1', '100.00', 'USD', 'paid']]),
      'fx.csv': csv('Date,USD,GBP', [
        ['2026-03-02', '1.0800', '0.8500'],
        ['2026-03-10', '1.0900', '0.8600'],
        ['2026-03-31', '1.1000', '0.8700'],
      ]),
      'costs.csv': csv('month,campaign,category,amount,currency,note', [['2026-03', 'spring', 'agency', '1000.00', 'GBP', null]]),
      'exports/xing/daily.csv': csv('platform,date,campaign_name,spend,currency,impressions,clicks', [['XING', '2026-03-10', 'Spring', '10.00', 'USD', 1000, 10]]),
    });
    try {
      const rows = await usd.rows<Record<string, unknown>>('select currency, amount_report::varchar as amount_report, report_factor::varchar as factor from int_costs_converted');
      expect(rows).toEqual([{ currency: 'GBP', amount_report: '1267.44', factor: '1.2674418605' }]);
    } finally {
      usd.close();
    }
  });
});

describe('a monthly period row beside daily rows of the same campaign', () => {
  it("adds no spend to the month; its reach is the month's reach", async () => {
    const rows = await wh.rows<Record<string, unknown>>(
      "select numbers_from, spend_report, reach, impressions, clicks from int_ad_monthly_mapped where campaign = 'spring' order by month",
    );
    expect(rows.map((r) => ({ ...r, spend_report: num(r.spend_report), reach: num(r.reach), impressions: num(r.impressions), clicks: num(r.clicks) }))).toEqual([
      { numbers_from: 'daily', spend_report: 25.5, reach: 900, impressions: 3000, clicks: 40 },
    ]);
    const [mart] = await wh.rows<Record<string, unknown>>("select spend, reach, impressions, clicks from campaign_performance where month = '2026-03' and campaign = 'spring'");
    expect([num(mart?.spend), num(mart?.reach), num(mart?.impressions), num(mart?.clicks)]).toEqual([25.5, 900, 3000, 40]);
  });

  it('is the same campaign when one export has campaign IDs and the other not (same name)', async () => {
    const rows = await wh.rows<Record<string, unknown>>(
      "select platform_campaign_key, numbers_from, spend_report, reach, impressions from int_ad_monthly_mapped where campaign = 'summer'",
    );
    expect(rows.map((r) => ({ ...r, spend_report: num(r.spend_report), reach: num(r.reach), impressions: num(r.impressions) }))).toEqual([
      { platform_campaign_key: '777', numbers_from: 'daily', spend_report: 20, reach: 400, impressions: 500 },
    ]);
  });

  it('adds reach but no spend when the export maps the campaign to another key', async () => {
    const rows = await wh.rows<Record<string, unknown>>(
      "select campaign, numbers_from, spend_report, reach, impressions from int_ad_monthly_mapped where platform_campaign_key = '888' order by campaign",
    );
    expect(rows.map((r) => ({ ...r, spend_report: num(r.spend_report), reach: num(r.reach), impressions: num(r.impressions) }))).toEqual([
      { campaign: 'autumn', numbers_from: 'daily', spend_report: 5, reach: null, impressions: 100 },
      { campaign: 'winter', numbers_from: 'reach only', spend_report: 0, reach: 300, impressions: null },
    ]);
    // XING's media spend in March is the daily rows' alone: 25.50 + 20.00 + 5.00
    const [total] = await wh.rows<{ spend: unknown }>("select sum(spend) as spend from campaign_performance where month = '2026-03' and channel = 'XING'");
    expect(num(total?.spend)).toBe(50.5);
  });
});

describe("Google Ads' Clicks", () => {
  it('load as clicks and as link clicks', async () => {
    const [raw] = await wh.rows<Record<string, unknown>>("select clicks, link_clicks from raw_ad_daily where platform = 'google_ads'");
    expect([num(raw?.clicks), num(raw?.link_clicks)]).toEqual([264, 264]);
    const [mart] = await wh.rows<Record<string, unknown>>("select clicks, link_clicks, cpc, ctr from campaign_performance where month = '2026-03' and campaign = 'brand'");
    expect([num(mart?.clicks), num(mart?.link_clicks)]).toEqual([264, 264]);
    // CPC and CTR over Google's Clicks: 52.80 / 264 = 0.20; 264 / 8800 = 3 %
    expect(num(mart?.cpc)).toBeCloseTo(0.2, 12);
    expect(num(mart?.ctr)).toBeCloseTo(0.03, 12);
  });
});
