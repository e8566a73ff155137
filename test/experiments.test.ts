// experiments.csv (issue 19, part 4): lift tests and geo experiments beside attribution.
// Every bad row is rejected with file, line, column, what was expected and what was
// found, and stops the run (exit 3) like a rejected row of any own file.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../pipeline/log.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { fillWarehouse, loadSqlProject } from '../pipeline/warehouse-build.ts';
import { copyFixture, projectRoot, runCli } from './helpers/cli.ts';
import { csv, filledWarehouse, writeDataFolder } from './helpers/warehouse.ts';

const HEADER = 'experiment_id,campaign,channel,start_date,end_date,metric,estimate,standard_error,ci_low,ci_high,ci_level,source,note';

/** The tiny fixture with an experiments.csv, loaded and transformed. */
async function tinyWithExperiments(experiments: string): Promise<{ warehouse: Warehouse; dataDir: string }> {
  const dataDir = await copyFixture('tiny');
  await writeFile(join(dataDir, 'experiments.csv'), experiments);
  const warehouse = await openWarehouse(join(dataDir, '..', 'warehouse.duckdb'));
  try {
    await fillWarehouse(warehouse, dataDir, await loadSqlProject(join(projectRoot, 'queries')), memoryLogger());
  } catch (error) {
    warehouse.close();
    throw error;
  }
  return { warehouse, dataDir };
}

// One bad row per rule, and two good ones (a negative lift is a result, not an error).
const BAD_ROWS = [
  HEADER,
  'E1,,,2026-10-01,2026-10-31,conversions,2,0.5,,,,Meta Conversion Lift,', // 2: neither campaign nor channel
  'E2,meta_sale,Meta,2026-10-01,2026-10-31,conversions,2,0.5,,,,x,', // 3: both
  'E3,,Meta,2026-10-31,2026-10-01,conversions,2,0.5,,,,x,', // 4: ends before it starts
  'E4,,Meta,2026-10-01,2026-10-31,conversions,2,0.5,1,3,0.9,x,', // 5: standard error and interval
  'E5,,Meta,2026-10-01,2026-10-31,conversions,2,,1,,0.9,x,', // 6: half an interval
  'E6,,Meta,2026-10-01,2026-10-31,conversions,2,,1,3,,x,', // 7: interval without level
  'E7,,Meta,2026-10-01,2026-10-31,conversions,2,,1,3,90,x,', // 8: level as a percentage
  'E8,,Meta,2026-10-01,2026-10-31,conversions,2,,3,4,0.9,x,', // 9: interval beside the estimate
  'E9,,Meta,2026-10-01,2026-10-31,lift,2,,,,,x,', // 10: unknown metric
  'E10,,Meta,01.10.2026,2026-10-31,revenue,2,,,,,x,', // 11: not an ISO date
  'E11,,Meta,2026-10-01,2026-10-31,revenue,zwei,,,,,x,', // 12: estimate not a number
  'E12,,Meta,2026-10-01,2026-10-31,revenue,2,-1,,,,x,', // 13: negative standard error
  'E13,,Meta,2026-10-01,2026-10-31,revenue,-20,5,,,,GeoLift,the ads cost sales', // 14: fine
  ',,Meta,2026-10-01,2026-10-31,revenue,2,,,,,x,', // 15: no id
  'E15,yt_brand,,2026-10-01,2026-10-10,iroas,0.8,,0.2,1.4,0.8,GeoLift,', // 16: fine
].join('\n');

describe('experiments.csv validation', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    ({ warehouse } = await tinyWithExperiments(`${BAD_ROWS}\n`));
  });
  afterAll(() => warehouse?.close());

  it('rejects every bad row with file, line, column, expected and found', async () => {
    const rejected = await warehouse.rows<{ file: string; line: number; column: string; reason: string }>(
      "select source_file as file, source_line as line, column_name as column, reason from raw_rejected_rows where source_file = 'experiments.csv' order by line",
    );
    expect(rejected).toEqual([
      { file: 'experiments.csv', line: 2, column: 'campaign', reason: 'has neither a campaign nor a channel; expected a campaign key or a channel of campaigns.csv' },
      {
        file: 'experiments.csv',
        line: 3,
        column: 'campaign',
        reason: 'has both a campaign and a channel; expected one of them (a channel experiment leaves campaign empty), found "meta_sale" and channel "Meta"',
      },
      {
        file: 'experiments.csv',
        line: 4,
        column: 'end_date',
        reason: 'is before start_date; expected the last day of the experiment, on or after its first, found "2026-10-01" before start_date "2026-10-31"',
      },
      {
        file: 'experiments.csv',
        line: 5,
        column: 'standard_error',
        reason: 'is given beside an interval (ci_low, ci_high); expected either a standard error or an interval, not both, found "0.5"',
      },
      { file: 'experiments.csv', line: 6, column: 'ci_low', reason: 'an interval needs both ends; expected ci_low and ci_high, found "1 – "' },
      { file: 'experiments.csv', line: 7, column: 'ci_level', reason: "is empty; expected the interval's level, like 0.9 for a 90 % interval" },
      { file: 'experiments.csv', line: 8, column: 'ci_level', reason: 'expected the interval\'s level as a share between 0 and 1, like 0.9 for a 90 % interval, found "90"' },
      { file: 'experiments.csv', line: 9, column: 'ci_low', reason: 'the interval does not hold the estimate; expected ci_low ≤ estimate ≤ ci_high, found "3 – 4" around "2"' },
      { file: 'experiments.csv', line: 10, column: 'metric', reason: 'expected one of conversions, revenue, iroas, found "lift"' },
      { file: 'experiments.csv', line: 11, column: 'start_date', reason: 'expected a date like 2026-10-03, found "01.10.2026"' },
      { file: 'experiments.csv', line: 12, column: 'estimate', reason: 'expected a number like 49.90 or 2,500.00, found "zwei"' },
      { file: 'experiments.csv', line: 13, column: 'standard_error', reason: 'is negative ("-1"): a standard error is 0 or more' },
      { file: 'experiments.csv', line: 15, column: 'experiment_id', reason: 'is empty; expected a value' },
    ]);
  });

  it('loads the good rows as written, a negative lift included', async () => {
    const rows = await warehouse.rows(
      `select source_line, experiment_id, target, target_kind, start_date::varchar as start_date, end_date::varchar as end_date, metric,
              estimate::varchar as estimate, standard_error::varchar as standard_error, ci_low::varchar as ci_low, ci_high::varchar as ci_high, ci_level::varchar as ci_level, source, note
       from stg_experiments__results order by source_line`,
    );
    expect(rows).toEqual([
      {
        source_line: 14, experiment_id: 'E13', target: 'Meta', target_kind: 'channel', start_date: '2026-10-01', end_date: '2026-10-31', metric: 'revenue',
        estimate: '-20.0000', standard_error: '5.0000', ci_low: null, ci_high: null, ci_level: null, source: 'GeoLift', note: 'the ads cost sales',
      },
      {
        source_line: 16, experiment_id: 'E15', target: 'yt_brand', target_kind: 'campaign', start_date: '2026-10-01', end_date: '2026-10-10', metric: 'iroas',
        estimate: '0.8000', standard_error: null, ci_low: '0.2000', ci_high: '1.4000', ci_level: '0.8000', source: 'GeoLift', note: null,
      },
    ]);
  });
});

describe('a rejected row of experiments.csv', () => {
  it('stops the run with exit 3 naming file, line and column; an unknown campaign or a repeated id fails the data tests', async () => {
    const dataDir = await copyFixture('tiny');
    const out = join(dataDir, '..', 'dist');
    const warehouse = join(dataDir, '..', 'warehouse.duckdb');
    await writeFile(join(dataDir, 'experiments.csv'), `${HEADER}\nE1,,Meta,2026-10-01,2026-10-31,conversions,2,0.5,1,3,0.9,Meta Conversion Lift,\n`);
    const refused = await runCli(['--data', dataDir, '--out', out, '--warehouse', warehouse]);
    expect(refused.code).toBe(3);
    const said = refused.stderr + refused.stdout;
    expect(said).toContain('experiments.csv: 1 row rejected');
    expect(said).toContain('experiments.csv line 2, column standard_error: is given beside an interval (ci_low, ci_high)');
    expect(said).toContain('--accept-rejected to publish without them (the attribution pages then say what is missing)');

    await writeFile(join(dataDir, 'experiments.csv'), `${HEADER}\nE1,meta_sael,,2026-10-01,2026-10-31,conversions,2,0.5,,,,,\nE1,,Meta,2026-10-01,2026-10-31,conversions,2,0.5,,,,,\n`);
    const failed = await runCli(['--data', dataDir, '--out', out, '--warehouse', warehouse]);
    expect(failed.code).toBe(5);
    expect(failed.stderr + failed.stdout).toContain('source_file=experiments.csv, source_line=2, experiment_id=E1, target_kind=campaign, target=meta_sael');
    expect(failed.stderr + failed.stdout).toContain('experiment_id=E1, source_lines=[2, 3]');
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });
});

describe('media_mix_weekly: the weekly table for media-mix tools', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    const dataDir = await copyFixture('tiny');
    const orders = await readFile(join(dataDir, 'orders.csv'), 'utf8');
    // Sunday 25 October 2026 at 23:30 UTC is Monday 00:30 in Berlin (winter time from that
    // morning): the next ISO week; 21:30 UTC is 22:30 on the Sunday, still the week before.
    await writeFile(
      join(dataDir, 'orders.csv'),
      `${orders.trimEnd()}\nO10,2026-10-25T23:30:00Z,tiny-cust-12,,,40.00,EUR,paid,,,,,,\nO11,2026-10-25T21:30:00Z,tiny-cust-13,,,30.00,EUR,paid,,,,,,\n`,
    );
    warehouse = await openWarehouse(join(dataDir, '..', 'warehouse.duckdb'));
    await fillWarehouse(warehouse, dataDir, await loadSqlProject(join(projectRoot, 'queries')), memoryLogger());
  });
  afterAll(() => warehouse?.close());

  const week = (start: string) =>
    warehouse.rows<Record<string, unknown>>(
      `select strftime(week_end, '%Y-%m-%d') as week_end, iso_week, is_complete, channel, media_spend::double as media_spend, impressions::double as impressions,
              clicks::double as clicks, attributed_revenue::double as attributed_revenue, attributed_conversions::double as attributed_conversions,
              shop_revenue::double as shop_revenue, shop_orders::integer as shop_orders
       from media_mix_weekly where week_start = '${start}' order by channel`,
    );

  it('puts Sunday night in the report time zone into its own week: 22:30 on Sunday before, 00:30 on Monday after', async () => {
    // week 43 (19-25 Oct): O5 110 CHF (115.79 EUR), O6 120 (Influencer's coupon), O11 30 (Sunday 22:30)
    const w43 = await week('2026-10-19');
    expect(w43.map((r) => [r.channel, r.shop_revenue, r.shop_orders])).toEqual(
      ['Influencer', 'LinkedIn', 'Meta', 'YouTube', 'unattributed', 'unmapped'].map((c) => [c, 265.79, 3]),
    );
    expect(w43.find((r) => r.channel === 'unattributed')).toMatchObject({ attributed_revenue: 30, attributed_conversions: 1 });
  });

  it('holds a week that spans two months whole, ending on its Sunday (26 Oct - 1 Nov)', async () => {
    // O10 (Monday 00:30), O9 28 Oct, O8 31 Oct 23:30, O7 1 Nov 00:30 local: 40 + 70 + 45 + 60
    const w44 = await week('2026-10-26');
    expect(w44).toEqual([
      { week_end: '2026-11-01', iso_week: '2026-W44', is_complete: false, channel: 'Influencer', media_spend: 0, impressions: 0, clicks: 0, attributed_revenue: 0, attributed_conversions: 0, shop_revenue: 215, shop_orders: 4 },
      { week_end: '2026-11-01', iso_week: '2026-W44', is_complete: false, channel: 'LinkedIn', media_spend: 0, impressions: 0, clicks: 0, attributed_revenue: 0, attributed_conversions: 0, shop_revenue: 215, shop_orders: 4 },
      { week_end: '2026-11-01', iso_week: '2026-W44', is_complete: false, channel: 'Meta', media_spend: 149.5, impressions: 10000, clicks: 200, attributed_revenue: 60, attributed_conversions: 1, shop_revenue: 215, shop_orders: 4 },
      { week_end: '2026-11-01', iso_week: '2026-W44', is_complete: false, channel: 'YouTube', media_spend: 1500, impressions: 70000, clicks: 700, attributed_revenue: 0, attributed_conversions: 0, shop_revenue: 215, shop_orders: 4 },
      { week_end: '2026-11-01', iso_week: '2026-W44', is_complete: false, channel: 'unattributed', media_spend: 0, impressions: 0, clicks: 0, attributed_revenue: 110, attributed_conversions: 2, shop_revenue: 215, shop_orders: 4 },
      { week_end: '2026-11-01', iso_week: '2026-W44', is_complete: false, channel: 'unmapped', media_spend: 20, impressions: 1000, clicks: 10, attributed_revenue: 45, attributed_conversions: 1, shop_revenue: 215, shop_orders: 4 },
    ]);
  });

  it('has every week from the first to the last day of data, complete only where orders and platform data both cover its seven days', async () => {
    const weeks = await warehouse.rows<{ week_start: string; is_complete: boolean }>(
      "select distinct strftime(week_start, '%Y-%m-%d') as week_start, is_complete from media_mix_weekly order by week_start",
    );
    // orders from 20 Sep (local), platform rows from 15 Sep to 31 Oct
    expect(weeks).toEqual([
      { week_start: '2026-09-14', is_complete: false },
      { week_start: '2026-09-21', is_complete: true },
      { week_start: '2026-09-28', is_complete: true },
      { week_start: '2026-10-05', is_complete: true },
      { week_start: '2026-10-12', is_complete: true },
      { week_start: '2026-10-19', is_complete: true },
      { week_start: '2026-10-26', is_complete: false },
    ]);
  });
});

// A shop small enough to credit by hand (last touch, clicks, 30 days; Europe/Berlin):
//   A1 c1 3 Oct 100.00 -> meta_a      A2 c2 6 Oct 50.00 -> meta_b     A3 c2 20 Oct 30.00 -> meta_b
//   A4 c3 5 Oct 200.00 -> yt          A5 c4 31 Oct 23:30 UTC = 1 Nov 00:30 local 80.00 -> meta_a
//   A6 c5 30 Sep 22:30 UTC = 1 Oct 00:30 local 40.00 -> meta_a
// Meta's daily rows: 30 Sep meta_a 100.00 spend, 1 purchase, 60.00; 1 Oct meta_a 100.00, 2, 150.00;
// 6 Oct meta_b 50.00, 1, 90.00; 15 Oct meta_a 100.00, 3, 90.00; 1 Nov meta_b 30.00, 5, 300.00.
const SHOP = {
  'report.json': JSON.stringify({ currency: 'EUR', timezone: 'Europe/Berlin', locale: 'en', gross_margin: 0.5, attribution_model: 'last_touch', lookback_days: 30 }),
  'campaigns.csv': csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
    ['meta_a', 'Meta A', 'Meta', 'conversion', null, null, 'Meta A*|meta_a*'],
    ['meta_b', 'Meta B', 'Meta', 'conversion', null, null, 'Meta B*|meta_b*'],
    ['yt', 'YouTube X', 'YouTube', 'awareness', null, null, 'yt*'],
  ]),
  'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [
    ['A1', '2026-10-03T10:00:00Z', 'c1', '100.00', 'EUR', 'paid'],
    ['A2', '2026-10-06T10:00:00Z', 'c2', '50.00', 'EUR', 'paid'],
    ['A3', '2026-10-20T10:00:00Z', 'c2', '30.00', 'EUR', 'paid'],
    ['A4', '2026-10-05T10:00:00Z', 'c3', '200.00', 'EUR', 'paid'],
    ['A5', '2026-10-31T23:30:00Z', 'c4', '80.00', 'EUR', 'paid'],
    ['A6', '2026-09-30T22:30:00Z', 'c5', '40.00', 'EUR', 'paid'],
  ]),
  'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,utm_content,interaction', [
    ['c1', '2026-10-02T08:00:00Z', 'facebook', 'paid_social', 'meta_a', null, 'click'],
    ['c2', '2026-10-05T08:00:00Z', 'facebook', 'paid_social', 'meta_b', null, 'click'],
    ['c2', '2026-10-19T08:00:00Z', 'facebook', 'paid_social', 'meta_b', null, 'click'],
    ['c3', '2026-10-04T08:00:00Z', 'youtube', 'paid_video', 'yt', null, 'click'],
    ['c4', '2026-10-10T08:00:00Z', 'facebook', 'paid_social', 'meta_a', null, 'click'],
    ['c5', '2026-09-29T08:00:00Z', 'facebook', 'paid_social', 'meta_a', null, 'click'],
  ]),
  'exports/meta/campaigns.csv': csv(
    'Reporting starts,Reporting ends,Campaign name,Ad set name,Amount spent (EUR),Impressions,Reach,Clicks (all),Link clicks,Post engagements,Results,Result indicator,Purchases,Purchases conversion value',
    [
      ['2026-09-30', '2026-09-30', 'Meta A Herbst', 'Alle', '100.00', 1000, 800, 10, 8, 5, 1, 'actions:offsite_conversion.fb_pixel_purchase', 1, '60.00'],
      ['2026-10-01', '2026-10-01', 'Meta A Herbst', 'Alle', '100.00', 1000, 800, 10, 8, 5, 2, 'actions:offsite_conversion.fb_pixel_purchase', 2, '150.00'],
      ['2026-10-06', '2026-10-06', 'Meta B Herbst', 'Alle', '50.00', 500, 400, 5, 4, 2, 1, 'actions:offsite_conversion.fb_pixel_purchase', 1, '90.00'],
      ['2026-10-15', '2026-10-15', 'Meta A Herbst', 'Alle', '100.00', 1000, 800, 10, 8, 5, 3, 'actions:offsite_conversion.fb_pixel_purchase', 3, '90.00'],
      ['2026-11-01', '2026-11-01', 'Meta B Herbst', 'Alle', '30.00', 300, 200, 3, 2, 1, 5, 'actions:offsite_conversion.fb_pixel_purchase', 5, '300.00'],
    ],
  ),
  'experiments.csv': csv(HEADER, [
    ['E1', null, 'Meta', '2026-10-01', '2026-10-31', 'conversions', 2, 0.5, null, null, null, 'Meta Conversion Lift', null],
    ['E2', 'meta_b', null, '2026-10-06', '2026-10-06', 'revenue', 40, null, 10, 70, 0.8, 'GeoLift', null],
    ['E3', 'meta_a', null, '2026-10-01', '2026-10-15', 'iroas', 0.5, null, null, null, null, 'Manual', 'no interval given'],
    ['E4', null, 'Meta', '2026-09-28', '2026-10-03', 'conversions', 0, null, null, null, null, 'GeoLift', 'no effect found'],
  ]),
};

/** z of a two-sided 90 % interval, the standard normal's 95 % quantile. */
const Z90 = 1.6448536269514722;

describe('experiment_comparison on a shop credited by hand', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await filledWarehouse(SHOP);
  });
  afterAll(() => warehouse?.close());

  const rows = () =>
    warehouse.rows<Record<string, unknown>>(
      `select month, experiment_id, channel, campaign, metric, days::integer as days, media_spend::double as media_spend,
              platform_conversions::double as platform_conversions, platform_conversion_value::double as platform_conversion_value,
              attributed_conversions::double as attributed_conversions, attributed_revenue::double as attributed_revenue,
              attributed_value, platform_value, experiment_estimate, experiment_low, experiment_high, experiment_level,
              attribution_to_experiment, platform_to_experiment
       from experiment_comparison order by experiment_id, month`,
    );

  it('gives each side over exactly the experiment days (orders in the report time zone), and the ratios', async () => {
    const got = await rows();
    const pick = (r: Record<string, unknown>) => ({ ...r, experiment_low: undefined, experiment_high: undefined });
    expect(got.map(pick)).toEqual([
      // E1, Meta, 1-31 Oct: A6 (1 Oct 00:30 local), A1, A2, A3; not A5 (1 Nov 00:30 local). Platform 2 + 1 + 3 purchases.
      {
        month: '2026-10', experiment_id: 'E1', channel: 'Meta', campaign: null, metric: 'conversions', days: 31, media_spend: 250,
        platform_conversions: 6, platform_conversion_value: 330, attributed_conversions: 4, attributed_revenue: 220,
        attributed_value: 4, platform_value: 6, experiment_estimate: 2, experiment_low: undefined, experiment_high: undefined, experiment_level: 0.9,
        attribution_to_experiment: 2, platform_to_experiment: 3,
      },
      // E2, meta_b on 6 Oct: A2 50.00 against 40 incremental; Meta's 90.00
      {
        month: '2026-10', experiment_id: 'E2', channel: 'Meta', campaign: 'meta_b', metric: 'revenue', days: 1, media_spend: 50,
        platform_conversions: 1, platform_conversion_value: 90, attributed_conversions: 1, attributed_revenue: 50,
        attributed_value: 50, platform_value: 90, experiment_estimate: 40, experiment_low: undefined, experiment_high: undefined, experiment_level: 0.8,
        attribution_to_experiment: 1.25, platform_to_experiment: 2.25,
      },
      // E3, meta_a 1-15 Oct: (40 + 100) / 200 = 0.7 attributed, (150 + 90) / 200 = 1.2 claimed, against an iROAS of 0.5
      {
        month: '2026-10', experiment_id: 'E3', channel: 'Meta', campaign: 'meta_a', metric: 'iroas', days: 15, media_spend: 200,
        platform_conversions: 5, platform_conversion_value: 240, attributed_conversions: 2, attributed_revenue: 140,
        attributed_value: 0.7, platform_value: 1.2, experiment_estimate: 0.5, experiment_low: undefined, experiment_high: undefined, experiment_level: null,
        attribution_to_experiment: 1.4, platform_to_experiment: 2.4,
      },
      // E4, Meta 28 Sep - 3 Oct: a row for each month it touches; no effect found, so no ratio
      ...['2026-09', '2026-10'].map((month) => ({
        month, experiment_id: 'E4', channel: 'Meta', campaign: null, metric: 'conversions', days: 6, media_spend: 200,
        platform_conversions: 3, platform_conversion_value: 210, attributed_conversions: 2, attributed_revenue: 140,
        attributed_value: 2, platform_value: 3, experiment_estimate: 0, experiment_low: undefined, experiment_high: undefined, experiment_level: null,
        attribution_to_experiment: null, platform_to_experiment: null,
      })),
    ]);
  });

  it("takes the experiment's interval as given, or as estimate ± z × standard error at the report's level", async () => {
    const got = await rows();
    const e1 = got.find((r) => r.experiment_id === 'E1')!;
    expect(e1.experiment_low).toBeCloseTo(2 - Z90 * 0.5, 14);
    expect(e1.experiment_high).toBeCloseTo(2 + Z90 * 0.5, 14);
    expect(got.filter((r) => r.experiment_id === 'E2').map((r) => [r.experiment_low, r.experiment_high])).toEqual([[10, 70]]);
    expect(got.filter((r) => r.experiment_id !== 'E1' && r.experiment_id !== 'E2').map((r) => [r.experiment_low, r.experiment_high])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it("puts the bootstrap's replicate sums of the period's customers at the quantiles quantile_disc picks", async () => {
    // the same interval by the plain route: each customer's credits on the days times its weight, per replicate
    const [settings] = await warehouse.rows<{ replicates: number; level: number }>(
      'select bootstrap_replicates::integer as replicates, interval_level::double as level from stg_report__settings',
    );
    expect(settings!.replicates).toBeGreaterThan(0);
    const plain = await warehouse.rows<{ low: number; high: number }>(
      `with sums as (
           select r.range as replicate, sum(c.conversion_credit * bootstrap_weight(hash(coalesce((select arg_min(f.order_id, (f.ordered_at, f.order_id)) from int_orders_net as f where f.customer_id = o.customer_id), o.order_id)), r.range)) as total
           from range(1, ${settings!.replicates + 1}) as r
           cross join int_attribution_credits as c
           inner join int_orders_net as o using (order_key)
           inner join stg_taxonomy__campaigns as t using (campaign)
           where c.model = 'last_touch' and t.channel = 'Meta' and o.order_date between '2026-10-01' and '2026-10-31'
           group by all
       )
       select quantile_disc(total, ${(1 - settings!.level) / 2}::decimal(18, 9))::double as low, quantile_disc(total, ${(1 + settings!.level) / 2}::decimal(18, 9))::double as high from sums`,
    );
    const [e1] = await warehouse.rows<{ low: number; high: number }>("select attributed_low as low, attributed_high as high from experiment_comparison where experiment_id = 'E1'");
    expect(e1).toEqual(plain[0]);
    // every replicate sum of whole conversions is a whole number, and the point estimate 4 lies within
    expect(Number.isInteger(e1!.low) && Number.isInteger(e1!.high) && e1!.low <= 4 && 4 <= e1!.high).toBe(true);
  });
});

describe('the attribution page', () => {
  it('shows the experiments of the month per channel, says so when none covers the month, and offers the weekly media-mix CSV', async () => {
    const dataDir = await writeDataFolder({ ...SHOP, 'report.json': SHOP['report.json'].replace('"locale":"en"', '"locale":"de"') });
    const out = join(dataDir, '..', 'dist');
    const run = await runCli(['--data', dataDir, '--out', out, '--warehouse', join(dataDir, '..', 'warehouse.duckdb'), '--month', '2026-10']);
    expect(run.code, run.stderr).toBe(0);
    const october = (await readFile(join(out, '2026-10/attribution/index.html'), 'utf8')).replace(/\s+</g, '<').replace(/>\s+/g, '>');
    expect(october).toContain('Experimente neben der Attribution');
    expect(october).toContain('Experimente im Kanal Meta');
    expect(october).toContain('Meta · Meta Conversion Lift');
    expect(october).toContain('Meta A · Manual');
    // E1: the platform's 6 purchases, the model's 4 conversions, the experiment's 2 (1,2 – 2,8), the ratios
    expect(october).toMatch(/>6<\/td><td class="num">4 \(\d+ – \d+\)<\/td><td class="num">2 \(1,2 – 2,8\)<\/td><td class="num">2,00×<\/td><td class="num">3,00×<\/td>/);
    expect(october).toContain('Wochendaten für Media-Mix-Modelle');
    const november = await readFile(join(out, '2026-11/attribution/index.html'), 'utf8');
    expect(november).toContain('Kein Experiment deckt den November 2026 ab.');
    // the media-mix file: plain CSV for programs, the complete weeks up to October's end (orders begin on 1 Oct, local)
    const mmm = await readFile(join(out, '2026-10/attribution/media-mix-weekly.csv'), 'utf8');
    expect(mmm.split('\r\n').slice(0, 2)).toEqual([
      'time,meta_spend,meta_impressions,meta_clicks,revenue,conversions,revenue_per_conversion',
      '2026-10-05,50,500,5,250,2,125',
    ]);
    expect(mmm.split('\r\n').filter(Boolean).map((l) => l.split(',')[0])).toEqual(['time', '2026-10-05', '2026-10-12', '2026-10-19']);
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });
});
