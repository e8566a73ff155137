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
  }, 60_000);
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
  }, 120_000);
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
  }, 60_000);
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
