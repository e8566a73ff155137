// Intervals (issue 19): the seeded Poisson bootstrap over customers that puts an
// interval on every campaign's, channel's and month's revenue, conversions, ROI,
// ROAS and CPA (queries/macros.sql bootstrap_weight, int_attribution_replicates,
// int_roi_replicates, int_roi_intervals, roi_verdicts, channel_ranking).
// Exact tests on four orders computed by hand; statistical tests that are
// deterministic (the weights are a hash of customer and replicate, so every run
// draws the same replicates), with their tolerances justified where they are set.
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSettings } from '../pipeline/config.ts';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { projectRoot, tempDir } from './helpers/cli.ts';
import { csv, filledWarehouse, warehouseFrom, type DataFiles } from './helpers/warehouse.ts';

const ORDERS_HEADER =
  'order_id,ordered_at,customer_id,customer_email,customer_name,revenue,currency,status,refunded_amount,coupon_code,utm_source,utm_medium,utm_campaign,utm_content';

/** A shop whose orders carry the campaign in their utm fields (no touchpoints: every model credits the same). */
function shop(orders: (string | number | null)[][], costs: (string | number | null)[][], settings: Record<string, unknown>): DataFiles {
  return {
    'campaigns.csv': csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
      ['alpha', 'Alpha', 'Meta', 'conversion', null, null, 'alpha*'],
      ['beta', 'Beta', 'TikTok', 'conversion', null, null, 'beta*'],
      ['small', 'Small', 'Pinterest', 'conversion', null, null, 'small*'],
    ]),
    'costs.csv': csv('month,date,campaign,category,amount,currency,note', costs),
    'orders.csv': csv(
      ORDERS_HEADER,
      orders.map(([id, at, customer, revenue, campaign]) => [id ?? null, at ?? null, customer ?? null, null, null, revenue ?? null, 'EUR', 'paid', null, null, 'x', 'paid_social', campaign ?? null, null]),
    ),
    'report.json': JSON.stringify({ currency: 'EUR', timezone: 'Europe/Berlin', locale: 'en', gross_margin: 0.5, ...settings }),
  };
}

const plain = (rows: unknown) => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));

// Four orders: c1 buys 100.00 through alpha; c2 buys 50.00 through alpha and 30.00
// through beta; O4 is a guest's 20.00 through beta (a customer of its own).
// Costs: alpha 20.00, beta 40.00. Gross margin 50 %. Eight replicates at a 75 % level
// (low and high the 1st and 7th of 8; a verdict needs 6 of 8), small enough to follow by hand.
const FOUR_ORDERS = shop(
  [
    ['O1', '2026-10-05T10:00:00Z', 'c1', '100.00', 'alpha'],
    ['O2', '2026-10-06T10:00:00Z', 'c2', '50.00', 'alpha'],
    ['O3', '2026-10-07T10:00:00Z', 'c2', '30.00', 'beta'],
    ['O4', '2026-10-08T10:00:00Z', null, '20.00', 'beta'],
  ],
  [
    ['2026-10', null, 'alpha', 'agency', '20.00', 'EUR', null],
    ['2026-10', null, 'beta', 'agency', '40.00', 'EUR', null],
  ],
  { bootstrap_replicates: 8, interval_level: 0.75 },
);

describe('bootstrap_weight', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await filledWarehouse(FOUR_ORDERS);
  });
  afterAll(() => warehouse?.close());

  it('compares the hash with P(W <= k) of Poisson(1) scaled to 2^64, computed here independently', async () => {
    // e^-1 to 40 digits as a series, then the cumulative probabilities, times 2^64, rounded down
    const scale = 10n ** 40n;
    let inverseE = 0n;
    let term = scale;
    for (let k = 0; k < 60; k++) {
      if (k > 0) term /= BigInt(k);
      inverseE += k % 2 ? -term : term;
    }
    const thresholds: string[] = [];
    let cumulative = 0n;
    let share = inverseE;
    for (let k = 0; k < 10; k++) {
      if (k > 0) share /= BigInt(k);
      cumulative += share;
      thresholds.push(((cumulative << 64n) / scale).toString());
    }
    const { readFile } = await import('node:fs/promises');
    const macros = await readFile(new URL('../queries/macros.sql', import.meta.url), 'utf8');
    const inMacro = [...macros.matchAll(/< (\d+)::ubigint then (\d+)/g)].map((m) => m[1]);
    expect(inMacro).toEqual(thresholds);
  });

  it('draws Poisson(1) weights, independent between replicates (200,000 customers)', async () => {
    const [stats] = plain(
      await warehouse.rows(
        `with draws as (
             select bootstrap_weight(hash(i), 1) as w1, bootstrap_weight(hash(i), 2) as w2
             from range(200000) as t(i)
         )
         select avg(w1) as mean, var_pop(w1) as variance, avg((w1 = 0)::integer) as zeros, corr(w1, w2) as correlation
         from draws`,
      ),
    );
    // Poisson(1): mean 1, variance 1, P(0) = e^-1. With 200,000 draws the standard
    // error of the mean is 1 / sqrt(200,000) = 0.0022, of P(0) 0.0011, of a correlation
    // 0.0022: the bounds are about 4.5 standard errors.
    expect(Math.abs(stats.mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(stats.variance - 1)).toBeLessThan(0.02);
    expect(Math.abs(stats.zeros - Math.exp(-1))).toBeLessThan(0.005);
    expect(Math.abs(stats.correlation)).toBeLessThan(0.01);
  });

  it('gives customers patterns of their own (DuckDB hash of two values does not)', async () => {
    const [row] = plain(
      await warehouse.rows(
        `select count(distinct pattern) as patterns from (
             select i, list(least(bootstrap_weight(hash(md5(i::varchar)), b), 2) order by b) as pattern
             from range(10000) as t1(i), range(1, 9) as t2(b)
             group by i
         )`,
      ),
    );
    // 3^8 = 6,561 patterns of weights 0, 1, 2+ over 8 replicates; 10,000 customers drawn
    // independently fill most of them (expected about 5,000 distinct); hash(seed, b) gave 68
    expect(row.patterns).toBeGreaterThan(4000);
  });
});

describe('intervals on four orders, computed by hand', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await filledWarehouse(FOUR_ORDERS);
  });
  afterAll(() => warehouse?.close());

  it("draws each customer one weight per replicate from its first order's id, the same for all its orders", async () => {
    const weights = plain(
      await warehouse.rows(
        `select order_id, list(bootstrap_weight(hash(coalesce(first_order_id, order_id)), b) order by b) as weights
         from (
             select order_id, first_value(order_id) over (partition by customer_id order by ordered_at) as first_order_id
             from int_orders_net
         ), range(1, 9) as t(b)
         group by order_id order by order_id`,
      ),
    );
    // pinned: the weights depend on DuckDB's hash() of the pinned version only
    expect(weights).toEqual([
      { order_id: 'O1', weights: [0, 0, 1, 0, 2, 0, 0, 2] },
      { order_id: 'O2', weights: [0, 4, 0, 1, 0, 1, 1, 2] },
      { order_id: 'O3', weights: [0, 4, 0, 1, 0, 1, 1, 2] },
      { order_id: 'O4', weights: [0, 1, 1, 1, 1, 0, 0, 1] },
    ]);
  });

  it('sums weight x credit per campaign and replicate', async () => {
    const sums = plain(
      await warehouse.rows(
        `select campaign, list(revenue_cents order by replicate) as revenue_cents, list(conversion_micros order by replicate) as conversion_micros
         from int_attribution_replicates
         where model = 'last_touch'
         group by campaign order by campaign`,
      ),
    );
    // alpha = 100.00 x w(c1) + 50.00 x w(c2): replicate 1: 0 + 0 = 0; 2: 0 + 50 x 4 = 200.00;
    // 3: 100 + 0 = 100; 4: 0 + 50 = 50; 5: 200 + 0 = 200; 6: 0 + 50 = 50; 7: 50; 8: 200 + 100 = 300.
    // beta = 30.00 x w(c2) + 20.00 x w(O4): 0; 120 + 20 = 140; 0 + 20 = 20; 30 + 20 = 50;
    // 0 + 20 = 20; 30 + 0 = 30; 30; 60 + 20 = 80. Conversions likewise, one per order.
    expect(sums).toEqual([
      {
        campaign: 'alpha',
        revenue_cents: [0, 20000, 10000, 5000, 20000, 5000, 5000, 30000],
        conversion_micros: [0, 4000000, 1000000, 1000000, 2000000, 1000000, 1000000, 4000000],
      },
      {
        campaign: 'beta',
        revenue_cents: [0, 14000, 2000, 5000, 2000, 3000, 3000, 8000],
        conversion_micros: [0, 5000000, 1000000, 2000000, 1000000, 1000000, 1000000, 3000000],
      },
    ]);
  });

  it('takes low and high, ROI, ROAS and CPA from the replicates', async () => {
    const intervals = plain(
      await warehouse.rows(
        `select grain, key, revenue_low, revenue_high, conversions_low, conversions_high, roi_low, roi_high,
                cpa_low, cpa_high, roi_above_zero_share, roi_below_zero_share
         from int_roi_intervals
         where model = 'last_touch'
         order by grain, key`,
      ),
    );
    // 8 replicates at 75 %: the ⌈8 x 0.125⌉ = 1st and the ⌈8 x 0.875⌉ = 7th smallest.
    // alpha: revenue sorted 0, 50, 50, 50, 100, 200, 200, 300: 0 .. 200; ROI
    // (revenue x 0.5 - 20) / 20: -1 .. 4, above 0 where revenue > 40: 7 of 8;
    // conversions sorted 0, 1, 1, 1, 1, 2, 4, 4: 0 .. 4, CPA from 20 / 4 = 5, no upper bound.
    // beta: 0, 20, 20, 30, 30, 50, 80, 140: 0 .. 80; ROI (x 0.5 - 40) / 40: -1 .. 0, below
    // 0 where revenue < 80: 6 of 8, above in 1 (140); conversions 0, 1, 1, 1, 1, 2, 3, 5:
    // 0 .. 3, CPA from 40 / 3 = 13.33.
    // The month: 0, 340, 120, 100, 220, 80, 80, 380, sorted 0, 80, 80, 100, 120, 220, 340,
    // 380: 0 .. 340; ROI (x 0.5 - 60) / 60: -1 .. 1.83, above 0 (> 120) in 3, below in 4;
    // conversions 0, 2, 2, 2, 3, 3, 7, 9: 0 .. 7, CPA from 60 / 7 = 8.57.
    const alpha = { revenue_low: 0, revenue_high: 200, conversions_low: 0, conversions_high: 4, roi_low: -1, roi_high: 4, cpa_low: 5, cpa_high: null, roi_above_zero_share: 0.875, roi_below_zero_share: 0.125 };
    const beta = { revenue_low: 0, revenue_high: 80, conversions_low: 0, conversions_high: 3, roi_low: -1, roi_high: 0, cpa_low: 13.33, cpa_high: null, roi_above_zero_share: 0.125, roi_below_zero_share: 0.75 };
    expect(intervals).toEqual([
      { grain: 'campaign', key: 'alpha', ...alpha },
      { grain: 'campaign', key: 'beta', ...beta },
      { grain: 'channel', key: 'Meta', ...alpha },
      { grain: 'channel', key: 'TikTok', ...beta },
      { grain: 'month', key: 'all', revenue_low: 0, revenue_high: 340, conversions_low: 0, conversions_high: 7, roi_low: -1, roi_high: 1.8333333333333333, cpa_low: 8.57, cpa_high: null, roi_above_zero_share: 0.375, roi_below_zero_share: 0.5 },
    ]);
  });

  it('carries the intervals into campaign_roi and monthly_trend beside the unchanged point estimates', async () => {
    const campaigns = plain(
      await warehouse.rows(
        `select campaign, revenue, revenue_low, revenue_high, roi, roi_low, roi_high, too_few_conversions
         from campaign_roi where model = 'last_touch' order by campaign`,
      ),
    );
    expect(campaigns).toEqual([
      { campaign: 'alpha', revenue: 150, revenue_low: 0, revenue_high: 200, roi: 2.75, roi_low: -1, roi_high: 4, too_few_conversions: true },
      { campaign: 'beta', revenue: 50, revenue_low: 0, revenue_high: 80, roi: -0.375, roi_low: -1, roi_high: 0, too_few_conversions: true },
    ]);
    const [month] = plain(await warehouse.rows(`select revenue, revenue_low, revenue_high from monthly_trend where model = 'last_touch' and month = '2026-10'`));
    expect(month).toEqual({ revenue: 200, revenue_low: 0, revenue_high: 340 });
  });

  it('gives verdicts over every model, and ranks the channels per replicate', async () => {
    const verdicts = plain(await warehouse.rows(`select grain, key, verdict, models, models_earning, models_losing from roi_verdicts order by grain, key`));
    // every model credits the utm campaign alone, so all six agree: alpha's ROI is above 0
    // in 7 of 8 replicates (>= 75 %), beta's below 0 in 6 of 8 (= 75 %)
    expect(verdicts).toEqual([
      { grain: 'campaign', key: 'alpha', verdict: 'earns', models: 6, models_earning: 6, models_losing: 0 },
      { grain: 'campaign', key: 'beta', verdict: 'loses', models: 6, models_earning: 0, models_losing: 6 },
      { grain: 'channel', key: 'Meta', verdict: 'earns', models: 6, models_earning: 6, models_losing: 0 },
      { grain: 'channel', key: 'TikTok', verdict: 'loses', models: 6, models_earning: 0, models_losing: 6 },
    ]);
    // ROI per replicate, Meta (x 0.5 - 20) / 20 against TikTok (x 0.5 - 40) / 40: in
    // replicate 1 both -1 (equal: the channel key decides, Meta first from the top, TikTok
    // first from the bottom), then 4 / 0.75, 1.5 / -0.75, 0.25 / -0.38, 4 / -0.75,
    // 0.25 / -0.63, 0.25 / -0.63, 6.5 / 0: Meta is best in all 8
    const ranking = plain(await warehouse.rows(`select channel, share_best, share_worst from channel_ranking where model = 'last_touch' order by channel`));
    expect(ranking).toEqual([
      { channel: 'Meta', share_best: 1, share_worst: 0 },
      { channel: 'TikTok', share_best: 0, share_worst: 1 },
    ]);
  });
});

// A shop of 300 customers with one to three orders each (amounts from a fixed linear
// congruential sequence, so the data set is the same in every run), most through
// alpha or beta, and a campaign `small` with exactly 5 orders.
function manyCustomers(copies: number, settings: Record<string, unknown>): DataFiles {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const base: { customer: string; revenue: string; campaign: string }[] = [];
  for (let c = 1; c <= 300; c++) {
    const orders = 1 + Math.floor(next() * 3);
    for (let o = 0; o < orders; o++) {
      const campaign = next() < 0.6 ? 'alpha' : 'beta';
      base.push({ customer: `c${c}`, revenue: (10 + Math.floor(next() * 19000) / 100).toFixed(2), campaign });
    }
  }
  for (let s = 1; s <= 5; s++) base.push({ customer: `s${s}`, revenue: '40.00', campaign: 'small' });
  const orders: (string | number | null)[][] = [];
  for (let copy = 1; copy <= copies; copy++) {
    base.forEach((order, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      orders.push([`O${i}-${copy}`, `2026-10-${day}T10:00:00Z`, `${order.customer}-${copy}`, order.revenue, order.campaign]);
    });
  }
  return shop(
    orders,
    [
      ['2026-10', null, 'alpha', 'agency', (5000 * copies).toFixed(2), 'EUR', null],
      ['2026-10', null, 'beta', 'agency', (5000 * copies).toFixed(2), 'EUR', null],
      ['2026-10', null, 'small', 'agency', '50.00', 'EUR', null],
    ],
    settings,
  );
}

describe('intervals, statistically (deterministic)', () => {
  let once: Warehouse;
  let fourTimes: Warehouse;
  let again: Warehouse;
  let off: Warehouse;
  beforeAll(async () => {
    // 1,000 replicates: a quantile of the replicates then has a relative standard error
    // of about 3 % (below), small enough to test a halving within ±15 %
    once = await filledWarehouse(manyCustomers(1, { bootstrap_replicates: 1000 }));
    fourTimes = await filledWarehouse(manyCustomers(4, { bootstrap_replicates: 1000 }));
    again = await filledWarehouse(manyCustomers(1, { bootstrap_replicates: 1000 }));
    off = await filledWarehouse(manyCustomers(1, { bootstrap_replicates: 0 }));
  });
  afterAll(() => {
    for (const w of [once, fourTimes, again, off]) w?.close();
  });

  const relativeWidths = async (warehouse: Warehouse) =>
    plain(
      await warehouse.rows(
        `select key, (revenue_high - revenue_low) / revenue_mean as width
         from int_roi_intervals where model = 'last_touch' and grain = 'campaign' and key in ('alpha', 'beta') order by key`,
      ),
    ) as { key: string; width: number }[];

  it('halves the relative interval width when every customer appears four times', async () => {
    // Four copies of every customer: the replicate sum is the sum of four independent
    // draws of the same shop, so its standard deviation doubles while the revenue
    // quadruples; relative to the revenue the interval halves. Each width is a difference
    // of two quantiles of 1,000 replicates, whose sampling error for the 5 % and 95 %
    // quantiles of a near-normal sum is about sqrt(0.05 x 0.95 / 1000) / phi(1.645) = 0.067
    // standard deviations each, 0.095 for their difference against a width of 3.29: 2.9 %,
    // so the ratio of two widths has about 4 %. ±15 % is well beyond that.
    const single = await relativeWidths(once);
    const quadruple = await relativeWidths(fourTimes);
    for (const [i, { key, width }] of single.entries()) {
      const ratio = quadruple[i]!.width / width;
      expect(quadruple[i]!.key).toBe(key);
      expect(ratio, `${key}: ${ratio}`).toBeGreaterThan(0.5 * 0.85);
      expect(ratio, `${key}: ${ratio}`).toBeLessThan(0.5 * 1.15);
    }
  });

  it("keeps the bootstrap mean within 4 standard errors of the point estimate", async () => {
    // A replicate's revenue is sum(w_i x_i) over customers with Poisson(1) weights: its
    // mean is the point estimate sum(x_i), its variance sum(x_i^2); the mean of B
    // independent replicates is off by sqrt(sum(x_i^2) / B) in standard deviation.
    const rows = plain(
      await once.rows(
        `with customers as (
             select campaign, customers.seed, sum(revenue_credit) as revenue
             from int_attribution_credits as credits
             inner join int_bootstrap_customers as customers using (order_key)
             where model = 'last_touch'
             group by all
         ),
         spread as (
             select campaign, sum(revenue) as point, sqrt(sum(revenue * revenue) / 1000) as standard_error
             from customers group by all
         )
         select spread.campaign, spread.point, spread.standard_error, intervals.revenue_mean
         from spread
         inner join int_roi_intervals as intervals
             on intervals.key = spread.campaign and intervals.grain = 'campaign' and intervals.model = 'last_touch'
         order by spread.campaign`,
      ),
    ) as { campaign: string; point: number; standard_error: number; revenue_mean: number }[];
    expect(rows.map((r) => r.campaign)).toEqual(['alpha', 'beta', 'small']);
    for (const r of rows) expect(Math.abs(r.revenue_mean - r.point), r.campaign).toBeLessThanOrEqual(4 * r.standard_error);
  });

  it('marks a campaign with 5 conversions as too few to judge, and still gives its interval', async () => {
    const rows = plain(
      await once.rows(
        `select campaign, conversions, too_few_conversions, revenue_low, revenue_high
         from campaign_roi where model = 'last_touch' order by campaign`,
      ),
    ) as { campaign: string; conversions: number; too_few_conversions: boolean; revenue_low: number | null; revenue_high: number | null }[];
    const small = rows.find((r) => r.campaign === 'small')!;
    expect(small).toMatchObject({ conversions: 5, too_few_conversions: true });
    expect(small.revenue_low).not.toBeNull();
    expect(small.revenue_high!).toBeGreaterThan(small.revenue_low!);
    for (const r of rows.filter((r) => r.campaign !== 'small')) expect(r.too_few_conversions, r.campaign).toBe(false);
    const [verdict] = plain(await once.rows(`select too_few_conversions from roi_verdicts where grain = 'campaign' and key = 'small'`));
    expect(verdict).toEqual({ too_few_conversions: true });
  });

  it('is the same in every run, to the last bit', async () => {
    const all = 'select * from int_roi_intervals order by all';
    expect(JSON.stringify(plain(await again.rows(all)))).toBe(JSON.stringify(plain(await once.rows(all))));
  });

  it('with 0 replicates gives no intervals and the same point estimates', async () => {
    const points = 'select month, campaign, model, revenue, conversions, gross_profit, roi, roas, cpa from campaign_roi order by all';
    expect(plain(await off.rows(points))).toEqual(plain(await once.rows(points)));
    const [counts] = plain(
      await off.rows(
        `select (select count(*) from int_attribution_replicates) as replicates,
                (select count(*) from roi_verdicts) as verdicts,
                (select count(*) from channel_ranking) as ranking,
                (select count(*) from campaign_roi where revenue_low is not null or roi_high is not null) as with_interval`,
      ),
    );
    expect(counts).toEqual({ replicates: 0, verdicts: 0, ranking: 0, with_interval: 0 });
  });
});

describe('the bootstrap in steps of months', () => {
  it('gives the same sums, bit for bit, when every month is a step of its own, and those of the rule written plainly', async () => {
    // int_attribution_replicates builds its lists a step of months at a time (about 4
    // million credits a step, so that they fit a small memory limit); the sample's year
    // is one step. The same file with steps of one credit makes every month a step, and
    // must give every replicate's sums unchanged.
    const dataDir = join(await tempDir('steps'), 'data');
    await cp(join(projectRoot, 'data', 'sample'), dataDir, { recursive: true });
    const warehouse = await warehouseFrom(dataDir);
    try {
      const sql = await readFile(join(projectRoot, 'queries', 'intermediate', 'int_attribution_replicates.sql'), 'utf8');
      expect(sql.match(/ \/\/ 4000000\b/g)).toHaveLength(1);
      const monthByMonth = `(\n${sql.replace(' // 4000000', ' // 1')}\n)`;
      const [shipped] = plain(await warehouse.rows('select count(*) as rows, count(distinct month) as months from int_attribution_replicates'));
      expect(shipped.months).toBeGreaterThan(2);
      expect(shipped.rows).toBeGreaterThan(0);
      const [difference] = plain(
        await warehouse.rows(
          `select
               (select count(*) from (select * from int_attribution_replicates except all select * from ${monthByMonth})) as missing,
               (select count(*) from (select * from ${monthByMonth} except all select * from int_attribution_replicates)) as extra`,
        ),
      );
      expect(difference).toEqual({ missing: 0, extra: 0 });

      // The file's lists are a speed trick (per month's campaign one list of seeds and per
      // model one zero-filled list of credits, summed by dot products with each replicate's
      // weights). Its rows must be those of the rule written plainly: every credit times
      // its customer's weight in every replicate, summed per month, campaign, model and
      // replicate, with a row of zeros for a model that credits the campaign nothing in
      // the month.
      const plainSums = `(
        with credits as (
            select credits.order_month as month, credits.campaign, credits.model, credits.cents, credits.micros, customers.seed
            from int_attribution_conversion_credits as credits
            inner join int_bootstrap_customers as customers using (order_key)
        ),
        replicates as (
            select unnest(range(1, bootstrap_replicates + 1)) as replicate from stg_report__settings
        ),
        sums as (
            select month, campaign, model, replicate,
                sum(bootstrap_weight(seed, replicate) * cents) as revenue_cents,
                sum(bootstrap_weight(seed, replicate) * micros) as conversion_micros
            from credits cross join replicates
            group by all
        ),
        every_model as (
            select month, campaign, models.model, replicate
            from (select distinct month, campaign from credits)
            cross join (select distinct model from credits) as models
            cross join replicates
        )
        select every_model.month, every_model.campaign, every_model.model, every_model.replicate,
            cast(coalesce(sums.revenue_cents, 0) as double) as revenue_cents,
            cast(coalesce(sums.conversion_micros, 0) as double) as conversion_micros
        from every_model left join sums using (month, campaign, model, replicate)
      )`;
      const [againstPlain] = plain(
        await warehouse.rows(
          `select
               (select count(*) from int_attribution_replicates) as rows,
               (select count(*) from (select * from int_attribution_replicates except all select * from ${plainSums})) as missing,
               (select count(*) from (select * from ${plainSums} except all select * from int_attribution_replicates)) as extra`,
        ),
      );
      expect(againstPlain).toEqual({ rows: shipped.rows, missing: 0, extra: 0 });
    } finally {
      warehouse.close();
    }
  });
});

describe('report.json settings of the bootstrap', () => {
  it('defaults to 200 replicates at 90 % and 20 conversions, and refuses what is out of range', () => {
    expect(normalizeSettings({})).toMatchObject({ bootstrap_replicates: 200, interval_level: 0.9, min_conversions: 20 });
    expect(normalizeSettings({ bootstrap_replicates: 0 }).bootstrap_replicates).toBe(0);
    expect(() => normalizeSettings({ bootstrap_replicates: 2.5 })).toThrow('report.json: bootstrap_replicates must be a whole number from 0 (no intervals) to 10000: 2.5');
    expect(() => normalizeSettings({ interval_level: 90 })).toThrow('report.json: interval_level must be a share from 0.5 to below 1 (0.9 = a 90 % interval): 90');
    expect(() => normalizeSettings({ min_conversions: -1 })).toThrow('report.json: min_conversions must be a number of conversions, 0 or more: -1');
  });
});
