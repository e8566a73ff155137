// A count a platform export does not carry is not 0 (queries/README.md, "Metrics a
// platform does not report"): it stays null from the raw table to the Arrow file,
// a ratio over it is null, a ratio over rows of which only some report it is taken
// over those rows alone, and the site shows it as "not reported" / "nicht erfasst".
// Every expected figure below is worked out by hand.
import { readFile, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { notReportedCells } from '../site/lib/format.ts';
import { messages } from '../site/lib/i18n.ts';
import { readDataset, type Row } from './helpers/arrow.ts';
import { copyFixture, runCli, tempDir, type CliResult } from './helpers/cli.ts';
import { csv, filledWarehouse, type DataFiles } from './helpers/warehouse.ts';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const DATA: DataFiles = {
  'report.json': JSON.stringify({ currency: 'EUR', timezone: 'Europe/Berlin' }),
  'campaigns.csv': csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
    ['meta_sale', 'Meta Sale', 'Social', 'conversion', null, null, 'Meta Sale*'],
    ['mixed', 'Mixed', 'Social', 'conversion', null, null, 'Mixed*'],
  ]),
  'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [['O1', '2026-10-05T10:00:00Z', 'c1', '100.00', 'EUR', 'paid']]),
  'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', [['c1', '2026-10-04T10:00:00Z', 'xing', 'paid_social', 'Mixed', 'click']]),
  'fx.csv': csv('Date,USD', [['2026-10-01', '1.1000']]),
  // A Meta export without any clicks column, and without purchases.
  'exports/meta/no-clicks.csv': csv('Reporting starts,Reporting ends,Campaign name,Amount spent (EUR),Impressions,Post engagements', [
    ['2026-10-01', '2026-10-01', 'Meta Sale', '100.00', 10000, 300],
    ['2026-10-02', '2026-10-02', 'Meta Sale', '50.00', 5000, 200],
  ]),
  // One campaign in two files of the same month: one with clicks and a conversion value, one without.
  'exports/xing/with-clicks.csv': `# platform: XING\n${csv('date,campaign_name,spend,currency,impressions,clicks,conversion_value', [['2026-10-01', 'Mixed', '20.00', 'EUR', 1000, 10, '80.00']])}`,
  'exports/xing/without-clicks.csv': `# platform: XING\n${csv('date,campaign_name,spend,currency,impressions', [
    ['2026-10-02', 'Mixed', '30.00', 'EUR', 3000],
    // a blank spend cell: the platform billed nothing on that row
    ['2026-10-03', 'Mixed', null, 'EUR', 500],
  ])}`,
};

describe('counts a platform export does not carry, through the SQL', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await filledWarehouse(DATA);
  });
  afterAll(() => wh?.close());

  it('keeps them null in staging, and a blank spend 0', async () => {
    const rows = await wh.rows<Record<string, unknown>>('select platform, report_date::varchar as day, impressions, clicks, spend from stg_platforms__ad_daily order by platform, day');
    expect(rows.map((r) => [r.platform, r.day, num(r.impressions), num(r.clicks), num(r.spend)])).toEqual([
      ['meta', '2026-10-01', 10000, null, 100],
      ['meta', '2026-10-02', 5000, null, 50],
      ['xing', '2026-10-01', 1000, 10, 20],
      ['xing', '2026-10-02', 3000, null, 30],
      ['xing', '2026-10-03', 500, null, 0],
    ]);
  });

  it('leaves clicks, CTR and CPC empty where no row reports clicks, and takes ratios over the rows that report their count', async () => {
    const rows = await wh.rows<Record<string, unknown>>(
      "select campaign, spend, impressions, clicks, ctr, cpc, cpm, engagements, engagement_rate_basis, engagement_rate, platform_conversion_value, spend_with_conversion_value from campaign_performance where month = '2026-10' order by campaign",
    );
    expect(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && k !== 'campaign' && k !== 'engagement_rate_basis' ? Number(v) : typeof v === 'bigint' ? Number(v) : v])))).toEqual([
      {
        campaign: 'meta_sale',
        spend: 150,
        impressions: 15000,
        clicks: null,
        ctr: null,
        cpc: null,
        // 150.00 / 15,000 × 1,000
        cpm: 10,
        engagements: 500,
        engagement_rate_basis: 'impressions',
        engagement_rate: 500 / 15000,
        platform_conversion_value: null,
        spend_with_conversion_value: null,
      },
      {
        campaign: 'mixed',
        spend: 50,
        impressions: 4500,
        clicks: 10,
        // 10 clicks over the 1,000 impressions of the row with clicks, not over 4,500
        ctr: 0.01,
        // 20.00 of the row with clicks / 10, not 50.00 / 10
        cpc: 2,
        // 50.00 / 4,500 × 1,000
        cpm: 50 / 4.5,
        engagements: null,
        engagement_rate_basis: null,
        engagement_rate: null,
        platform_conversion_value: 80,
        spend_with_conversion_value: 20,
      },
    ]);
  });

  it('gives platform ROAS over the spend that reports a conversion value, and none where no row does', async () => {
    const campaigns = await wh.rows<Record<string, unknown>>("select campaign, media_spend, platform_conversion_value, platform_roas, roi from campaign_roi where month = '2026-10' and model = 'last_touch' order by campaign");
    expect(campaigns.map((r) => [r.campaign, num(r.media_spend), num(r.platform_conversion_value), num(r.platform_roas)])).toEqual([
      ['meta_sale', 150, null, null],
      ['mixed', 50, 80, 4],
    ]);
    const channels = await wh.rows<Record<string, unknown>>("select channel, media_spend, platform_conversion_value, platform_roas from channel_roi where month = '2026-10' and model = 'last_touch' and channel = 'Social'");
    // 80.00 / 20.00, not 80.00 / 200.00
    expect(channels.map((r) => [r.channel, num(r.media_spend), num(r.platform_conversion_value), num(r.platform_roas)])).toEqual([['Social', 200, 80, 4]]);
    const platforms = await wh.rows<Record<string, unknown>>(
      "select platform, media_spend, platform_conversion_value, platform_roas, over_attribution_factor from over_attribution where month = '2026-10' and model = 'last_touch' order by platform",
    );
    expect(platforms.map((r) => [r.platform, num(r.media_spend), num(r.platform_conversion_value), num(r.platform_roas), num(r.over_attribution_factor)])).toEqual([
      // all: the platforms that report a value (XING), as XING's own row; Meta reports none and is in no column of it
      ['all', 50, 80, 4, 0.8],
      ['meta', 150, null, null, null],
      ['xing', 50, 80, 4, 0.8],
    ]);
  });

  it('leaves a paid engagement rate empty when engagements are not reported', async () => {
    const rows = await wh.rows<Record<string, unknown>>("select platform, impressions, engagements, engagement_rate from engagement_monthly where month = '2026-10' and source = 'paid' order by platform");
    expect(rows.map((r) => [r.platform, num(r.impressions), num(r.engagements), num(r.engagement_rate)])).toEqual([
      ['meta', 15000, 500, 500 / 15000],
      ['xing', 4500, null, null],
    ]);
  });

  it('changes no money: media spend and the month totals', async () => {
    const [trend] = await wh.rows<Record<string, unknown>>("select media_spend, total_cost, revenue from monthly_trend where month = '2026-10' and model = 'last_touch'");
    expect([num(trend?.media_spend), num(trend?.total_cost), num(trend?.revenue)]).toEqual([200, 200, 100]);
  });
});

describe('"not reported" on the site', () => {
  const row = { platform: 'meta', impressions: 15000, clicks: null, ctr: null, cpc: null, cpm: 10, engagements: null, engagement_rate: null, reach: null, spend: 150 };

  it('names the empty platform counts and the ratios over them, in both locales', () => {
    expect(notReportedCells(row, true, messages('en').notReported)).toEqual({ clicks: 'not reported', ctr: 'not reported', cpc: 'not reported', engagements: 'not reported', engagement_rate: 'not reported' });
    expect(notReportedCells(row, true, messages('de').notReported)).toEqual({ clicks: 'nicht erfasst', ctr: 'nicht erfasst', cpc: 'nicht erfasst', engagements: 'nicht erfasst', engagement_rate: 'nicht erfasst' });
  });

  it('names an over-attribution factor empty because the platform reports no conversion value', () => {
    const meta = { platform: 'meta', media_spend: 150, platform_conversions: null, platform_conversion_value: null, attributed_revenue: 0, platform_roas: null, over_attribution_factor: null };
    expect(notReportedCells(meta, true, messages('de').notReported)).toEqual({
      platform_conversions: 'nicht erfasst',
      platform_conversion_value: 'nicht erfasst',
      platform_roas: 'nicht erfasst',
      over_attribution_factor: 'nicht erfasst',
    });
  });

  it('keeps "–" for a row without platform numbers, and for a ratio empty because its divisor is 0', () => {
    expect(notReportedCells({ ...row, platform: null }, false, 'not reported')).toEqual({});
    expect(notReportedCells({ platform: 'meta', impressions: 0, clicks: 0, ctr: null, cpc: null, cpm: null }, true, 'not reported')).toEqual({});
  });
});

describe('a Meta export without clicks, through the whole report', () => {
  let out: string;
  let run: CliResult;
  beforeAll(async () => {
    const data = await copyFixture('tiny');
    const file = join(data, 'exports/meta/Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const header = lines[0]!.split(',');
    const drop = new Set([header.indexOf('Clicks (all)'), header.indexOf('Link clicks')]);
    expect([...drop].every((i) => i >= 0)).toBe(true);
    await writeFile(file, lines.map((l) => l.split(',').filter((_, i) => !drop.has(i)).join(',')).join('\n'));
    const dir = await tempDir('missing-metrics');
    out = join(dir, 'report');
    run = await runCli(['--data', data, '--out', out, '--warehouse', join(dir, 'warehouse.duckdb')]);
  });

  it('exports clicks, CTR and CPC as null, and the rest as before', () => {
    expect(run.code, run.stderr).toBe(0);
    const { rows } = readDataset(out, 'campaign_performance');
    const sale = rows.find((r: Row) => r.month === '2026-10' && r.campaign === 'meta_sale')!;
    // the tiny e2e figures: October spend 250.50 + 149.50, impressions 30,000
    expect([sale.spend, sale.impressions, sale.clicks, sale.link_clicks, sale.ctr, sale.cpc]).toEqual([400, 30000, null, null, null, null]);
    expect(sale.cpm).toBeCloseTo(400 / 30, 10);
  });

  it('shows "not reported" on the page and leaves the CSV cell empty', async () => {
    const page = await readFile(join(out, '2026-10/campaigns/index.html'), 'utf8');
    const tableRow = page.split('<tr').find((tr) => tr.includes('Meta Autumn Sale') && tr.includes('not reported'));
    expect(tableRow).toBeDefined();
    expect(tableRow).not.toMatch(/>0(\.0)?\s?%</);
    const csvFile = readdirSync(join(out, '2026-10/campaigns'), { recursive: true }).map(String).find((f) => f.endsWith('campaign-performance.csv'));
    expect(csvFile).toBeDefined();
    const lines = (await readFile(join(out, '2026-10/campaigns', csvFile!), 'utf8')).split('\r\n');
    const header = lines[0]!.split(',');
    const sale = lines.find((l) => l.startsWith('meta_sale,'))!.split(',');
    expect(sale[header.indexOf('clicks')]).toBe('');
    expect(sale[header.indexOf('ctr')]).toBe('');
    expect(sale[header.indexOf('impressions')]).toBe('30000');
  });
});
