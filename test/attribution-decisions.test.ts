// The attribution rules that issue 21 decided (docs/decisions.md), one test each,
// and the named macros of queries/macros.sql with their worked examples.
//   1  collapse_repeats: a merged touch keeps the time of the latest touch of its run
//   2  coupon orders and utm-fallback orders are converting paths of the data-driven
//      summary, customers whose orders were all refunded are non-converting
//   3  the data-driven model of a month is fitted on the journeys as they stood at its
//      end, within a trailing window: later data never changes a month's credits
//   6  a time-based lookback is elapsed time, across daylight-saving changes too
//   7  touches in the same second are ordered by campaign key, then source line
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQueries, runQuery } from '../pipeline/queries.ts';
import { openSqlParser } from '../pipeline/sql-analysis.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { projectRoot, tempDir } from './helpers/cli.ts';
import { pseudonymIn } from './helpers/pseudonym.ts';
import { csv, filledWarehouse, type DataFiles } from './helpers/warehouse.ts';

const CAMPAIGNS = csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
  ['a', 'A', 'Meta', 'conversion', null, null, 'camp_a'],
  ['b', 'B', 'Meta', 'conversion', null, null, 'camp_b'],
  ['c', 'C', 'LinkedIn', 'conversion', null, null, 'camp_c'],
  ['d', 'D', 'LinkedIn', 'conversion', null, null, 'camp_d'],
  ['e', 'E', 'Influencer', 'conversion', 'Erika', 'ECODE', 'camp_e'],
]);

const ORDER_HEADER = 'order_id,ordered_at,customer_id,revenue,currency,status,refunded_amount,coupon_code,utm_source,utm_campaign';
const TOUCH_HEADER = 'customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction';

type Order = [id: string, at: string, customer: string, revenue: string, status?: string, coupon?: string | null, utmCampaign?: string | null];
type Touch = [customer: string, at: string, campaign: string, interaction?: string];

function data(orders: Order[], touches: Touch[], settings: Record<string, unknown> = {}, campaigns = CAMPAIGNS): DataFiles {
  return {
    'report.json': JSON.stringify({ currency: 'EUR', timezone: 'Europe/Berlin', lookback_days: 30, ...settings }),
    'campaigns.csv': campaigns,
    'orders.csv': csv(
      ORDER_HEADER,
      orders.map(([id, at, customer, revenue, status = 'paid', coupon = null, utm = null]) => [
        id, at, customer, revenue, 'EUR', status, status === 'refunded' ? revenue : null, coupon, utm ? 'facebook' : null, utm,
      ]),
    ),
    'touchpoints.csv': csv(TOUCH_HEADER, touches.map(([customer, at, campaign, interaction = 'click']) => [customer, at, 'facebook', 'paid_social', campaign, interaction])),
  };
}

interface SummaryRow {
  order_month: string;
  path_text: string;
  conversions: number;
  conversions_in_month: number;
  non_conversions: number;
}

async function summaryOf(warehouse: Warehouse, month?: string): Promise<string[]> {
  const rows = await warehouse.rows<SummaryRow>(
    `select order_month, path_text, conversions::integer as conversions, conversions_in_month::integer as conversions_in_month,
            non_conversions::integer as non_conversions
     from int_attribution_path_summary ${month ? 'where order_month = $month' : ''} order by all`,
    month ? { month } : undefined,
  );
  return rows.map((r) => `${r.order_month} ${r.path_text}: ${r.conversions} (${r.conversions_in_month} in month) / ${r.non_conversions}`);
}

async function lastTouchOf(warehouse: Warehouse, orderId: string, model = 'last_touch'): Promise<string[]> {
  const rows = await warehouse.rows<{ campaign: string }>(
    'select campaign from int_attribution_credits where order_id = $order and model = $model and conversion_credit > 0 order by campaign',
    { order: orderId, model },
  );
  return rows.map((r) => r.campaign);
}

/** A customer's non-converting paths, one per month with touches, named. */
async function nonConversionPathsOf(warehouse: Warehouse, customer: string): Promise<string[]> {
  const rows = await warehouse.rows<{ line: string }>(
    `select paths.path_month || ' ' || array_to_string(list_transform(paths.path_numbers, n -> names.names[n]), ' > ') as line
     from int_attribution_non_conversion_paths as paths
     cross join (select list(campaign order by number) as names from int_attribution_campaign_numbers) as names
     where paths.customer_id::varchar = $customer order by all`,
    { customer: (await pseudonymIn(warehouse))(customer) },
  );
  return rows.map((r) => r.line);
}

describe('decision 1: collapse_repeats keeps the latest touch of a run, with its time', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await filledWarehouse(
      data(
        [['run', '2026-10-15T12:00:00Z', 'run', '60.00']],
        [['run', '2026-10-05T12:00:00Z', 'camp_a'], ['run', '2026-10-12T12:00:00Z', 'camp_a'], ['run', '2026-10-14T12:00:00Z', 'camp_b']],
        { path_transform: 'collapse_repeats' },
      ),
    );
  });
  afterAll(() => warehouse?.close());

  it('keeps the second a of a > a > b, 3 days before the order', async () => {
    const rows = await warehouse.rows<{ position: number; campaign: string; touched_at: string; days: number }>(
      `select position::integer as position, campaign, strftime(touched_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') as touched_at, days_before_end::double as days
       from int_attribution_paths order by position`,
    );
    expect(rows).toEqual([
      { position: 1, campaign: 'a', touched_at: '2026-10-12T12:00:00Z', days: 3 },
      { position: 2, campaign: 'b', touched_at: '2026-10-14T12:00:00Z', days: 1 },
    ]);
  });
});

describe('decision 2: coupon and utm-fallback orders convert, refund-only customers do not', () => {
  let summary: string[];
  beforeAll(async () => {
    const warehouse = await filledWarehouse(
      data(
        [
          ['coupon', '2026-10-10T12:00:00Z', 'coupon', '70.00', 'paid', 'ECODE'],
          ['fallback', '2026-10-11T12:00:00Z', 'fallback', '50.00', 'paid', null, 'camp_c'],
          ['refund', '2026-10-12T12:00:00Z', 'refund', '80.00', 'refunded'],
          // a conversion on d, so that the month's model looks the path d up
          ['buyer', '2026-10-13T12:00:00Z', 'buyer', '30.00'],
        ],
        [['coupon', '2026-10-05T12:00:00Z', 'camp_b'], ['refund', '2026-10-06T12:00:00Z', 'camp_d'], ['buyer', '2026-10-07T12:00:00Z', 'camp_d']],
      ),
    );
    summary = await summaryOf(warehouse);
    warehouse.close();
  });

  it("counts a coupon order's journey as a converting path", () => {
    expect(summary).toContain('2026-10 b: 1 (1 in month) / 0');
  });

  it("counts an order without touches as a converting path of its own utm campaign", () => {
    expect(summary).toContain('2026-10 c: 1 (1 in month) / 0');
  });

  it('counts a customer whose only order was refunded as a non-converting path', () => {
    expect(summary).toContain('2026-10 d: 1 (1 in month) / 1');
    expect(summary).toHaveLength(3);
  });
});

describe('decision 3: each month fitted on the journeys as they stood at its end, within the window', () => {
  it('counts conversions for the window after their month, and non-converting customers as of each month end', async () => {
    // data_driven_window_months 2. A month's summary holds the paths its model looks up:
    // those of its own conversions (a and b in June and July, b in August).
    const warehouse = await filledWarehouse(
      data(
        [
          ['p', '2026-06-12T12:00:00Z', 'p', '10.00'],
          ['w', '2026-06-02T12:00:00Z', 'w', '10.00'],
          ['s', '2026-07-02T12:00:00Z', 's', '10.00'],
          ['t', '2026-07-16T12:00:00Z', 't', '10.00'],
          ['u', '2026-08-11T12:00:00Z', 'u', '10.00'],
          // more than 30 days after r's last touch: a conversion without a path
          ['r', '2026-08-20T12:00:00Z', 'r', '10.00'],
        ],
        [
          ['p', '2026-06-10T12:00:00Z', 'camp_a'],
          ['w', '2026-06-01T12:00:00Z', 'camp_b'],
          ['q', '2026-06-20T12:00:00Z', 'camp_a'],
          ['r', '2026-06-05T12:00:00Z', 'camp_b'],
          ['r', '2026-07-10T12:00:00Z', 'camp_a'],
          ['s', '2026-07-01T12:00:00Z', 'camp_b'],
          ['t', '2026-07-15T12:00:00Z', 'camp_a'],
          ['u', '2026-08-10T12:00:00Z', 'camp_b'],
        ],
        { data_driven_window_months: 2 },
      ),
    );
    const summary = await summaryOf(warehouse);
    warehouse.close();
    expect(summary).toEqual([
      // June: p converts on a, w on b; q (a) and r (b, as of June's end) do not
      '2026-06 a: 1 (1 in month) / 1',
      '2026-06 b: 1 (1 in month) / 1',
      // July: June's conversions are still in the window; q's June path still counts, and
      // r's path as of July's end is a (b lies more than 30 days before)
      '2026-07 a: 2 (1 in month) / 2',
      '2026-07 b: 2 (1 in month) / 0',
      // August: June has left the window (w); r converted in August (and without a path)
      '2026-08 b: 2 (1 in month) / 0',
    ]);
  });

  // Journeys over six months, from a seeded random generator: customers who buy, buy again,
  // buy later, never buy, or have everything refunded, on paths of four campaigns.
  function journeys(): { orders: Order[]; touches: Touch[] } {
    let seed = 21;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const start = Date.parse('2026-06-01T00:00:00Z');
    const span = Date.parse('2026-12-01T00:00:00Z') - start;
    const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const orders: Order[] = [];
    const touches: Touch[] = [];
    for (let i = 0; i < 400; i++) {
      const customer = `c${i}`;
      const first = start + random() * span;
      const count = 1 + Math.floor(random() * 5);
      let at = first;
      for (let t = 0; t < count; t++) {
        touches.push([customer, iso(at), `camp_${'abcd'[Math.floor(random() * 4)]}`]);
        at += random() * 20 * 86_400_000;
      }
      const fate = random();
      if (fate < 0.35) orders.push([`o${i}`, iso(at), customer, '100.00']);
      else if (fate < 0.45) orders.push([`o${i}`, iso(at), customer, '100.00'], [`o${i}b`, iso(at + random() * 60 * 86_400_000), customer, '40.00']);
      else if (fate < 0.5) orders.push([`o${i}`, iso(at), customer, '100.00', 'refunded']);
    }
    // bought in October after September touches: not converting in September's fit
    touches.push(['late', '2026-09-20T12:00:00Z', 'camp_a'], ['late', '2026-09-25T12:00:00Z', 'camp_b']);
    orders.push(['late', '2026-10-03T12:00:00Z', 'late', '100.00']);
    return { orders, touches };
  }

  async function septemberOf(warehouse: Warehouse) {
    const credits = await warehouse.rows<{ order_id: string; campaign: string; revenue: number; conversions: number }>(`
      select credits.order_id, credits.campaign, credits.revenue_credit::double as revenue, credits.conversion_credit::double as conversions
      from int_attribution_credits as credits
      inner join int_orders_net as orders using (order_id)
      where credits.model = 'data_driven' and orders.order_month = '2026-09'
      order by all`);
    const shares = await warehouse.rows<{ path_text: string; campaign_number: number; share: number }>(`
      select summary.path_text, fits.campaign_number::integer as campaign_number, fits.share
      from int_attribution_data_driven as fits
      inner join int_attribution_path_summary as summary using (order_month, path_numbers)
      where fits.order_month = '2026-09'
      order by all`);
    return { summary: await summaryOf(warehouse, '2026-09'), credits, shares };
  }

  it('removes everything after a month and gets the same data-driven credits for it', async () => {
    const { orders, touches } = journeys();
    // the end of September in Europe/Berlin
    const end = Date.parse('2026-09-30T22:00:00Z');
    const full = await filledWarehouse(data(orders, touches, { data_driven_window_months: 3 }));
    const cut = await filledWarehouse(
      data(
        orders.filter((o) => Date.parse(o[1]) < end),
        touches.filter((t) => Date.parse(t[1]) < end),
        { data_driven_window_months: 3 },
      ),
    );
    const [withLater, without] = [await septemberOf(full), await septemberOf(cut)];
    const laterMonths = await full.rows<{ months: number }>("select count(distinct order_month)::integer as months from int_attribution_path_summary where order_month > '2026-09'");
    const laterFits = await summaryOf(full, '2026-10');
    full.close();
    cut.close();

    expect(withLater.credits.length).toBeGreaterThan(20);
    expect(withLater.summary.length).toBeGreaterThan(10);
    expect(withLater.shares.some((s) => s.share > 0 && s.share < 1)).toBe(true);
    expect(withLater).toEqual(without);
    // the later months do have fits of their own, which differ from September's
    expect(laterMonths[0]?.months).toBeGreaterThanOrEqual(2);
    expect(laterFits).not.toEqual(withLater.summary.map((line) => line.replace('2026-09', '2026-10')));
  });
});

describe('decision 6: a time-based lookback is elapsed time', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    // Berlin leaves summer time on 25 October 2026 at 01:00 UTC.
    warehouse = await filledWarehouse(
      data(
        [
          ['window', '2026-11-10T12:00:00Z', 'window', '40.00'],
          ['decay', '2026-10-28T12:00:00Z', 'decay', '40.00'],
        ],
        [
          // 30 x 24 h before the order is 12:00 UTC (14:00 CEST); 13:00 CEST, 30 calendar days before, is not in it
          ['window', '2026-10-11T11:00:00Z', 'camp_c'],
          ['window', '2026-10-11T11:59:59Z', 'camp_b'],
          ['window', '2026-10-11T12:00:00Z', 'camp_a'],
          ['window', '2026-11-09T12:00:00Z', 'camp_d'],
          // 7 x 24 h before the order, across the change (14:00 CEST to 13:00 CET)
          ['decay', '2026-10-21T12:00:00Z', 'camp_a'],
          // never buys: the window ends at the last touch, 30 x 24 h back
          ['never', '2026-10-01T09:59:59Z', 'camp_b'],
          ['never', '2026-10-01T10:00:00Z', 'camp_a'],
          ['never', '2026-10-31T10:00:00Z', 'camp_c'],
        ],
      ),
    );
  });
  afterAll(() => warehouse?.close());

  it('counts a touch exactly lookback_days x 24 hours before the order, and not a second earlier', async () => {
    expect(await lastTouchOf(warehouse, 'window', 'first_touch')).toEqual(['a']);
  });

  it('measures the days before the order in time-decay as elapsed time', async () => {
    const [row] = await warehouse.rows<{ days: number }>(
      "select days_before_end::double as days from int_attribution_paths inner join int_orders_net using (order_key) where order_id = 'decay'",
    );
    expect(row?.days).toBe(7);
  });

  it("ends a non-converting customer's window exactly lookback_days x 24 hours before their last touch", async () => {
    expect(await nonConversionPathsOf(warehouse, 'never')).toEqual(['2026-10 a > c']);
  });
});

describe('decision 7: touches in the same second are ordered by campaign key, then source line', () => {
  let warehouse: Warehouse;
  // keys whose order differs from their utm values' and their lines'
  const campaigns = csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
    ['x-first', 'X', 'Meta', 'conversion', null, null, 'utm_z'],
    ['y-second', 'Y', 'Meta', 'conversion', null, null, 'utm_a'],
  ]);
  beforeAll(async () => {
    warehouse = await filledWarehouse(
      data(
        [['same', '2026-10-15T12:00:00Z', 'same', '30.00'], ['lines', '2026-10-15T12:00:00Z', 'lines', '30.00']],
        [
          ['same', '2026-10-14T12:00:00Z', 'utm_a'],
          ['same', '2026-10-14T12:00:00Z', 'utm_z'],
          ['lines', '2026-10-14T12:00:00Z', 'utm_z'],
          ['lines', '2026-10-14T12:00:00Z', 'utm_a'],
          ['lines', '2026-10-14T12:00:00Z', 'utm_z'],
          ['never', '2026-10-14T12:00:00Z', 'utm_a'],
          ['never', '2026-10-14T12:00:00Z', 'utm_z'],
        ],
        {},
        campaigns,
      ),
    );
  });
  afterAll(() => warehouse?.close());

  it('puts the campaign with the smaller key first, whatever the file order', async () => {
    expect(await lastTouchOf(warehouse, 'same', 'first_touch')).toEqual(['x-first']);
    expect(await lastTouchOf(warehouse, 'same', 'last_touch')).toEqual(['y-second']);
  });

  it('orders touches of the same campaign and second by their line in touchpoints.csv', async () => {
    const rows = await warehouse.rows<{ campaign: string; line: number }>(
      `select paths.campaign, paths.source_line::integer as line from int_attribution_paths as paths
       inner join int_orders_net as orders using (order_key) where orders.order_id = 'lines' order by paths.position`,
    );
    // lines: header 1, then "same" 2-3, "lines" 4-6
    expect(rows).toEqual([{ campaign: 'x-first', line: 4 }, { campaign: 'x-first', line: 6 }, { campaign: 'y-second', line: 5 }]);
  });

  it("orders a non-converting customer's touches the same way", async () => {
    expect(await nonConversionPathsOf(warehouse, 'never')).toEqual(['2026-10 x-first > y-second']);
  });
});

describe('queries/macros.sql', () => {
  let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;
  beforeAll(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(readFileSync(join(projectRoot, 'queries/macros.sql'), 'utf8'));
  });
  const value = async (sql: string) => {
    const reader = await connection.runAndReadAll(`select (${sql})::varchar as v`);
    return reader.getRowObjectsJS()[0]?.v;
  };

  it('offset_slot: the position of an instant’s UTC hour in int_timezone_offsets’ lists', async () => {
    expect(await value("epoch_us(timestamptz '2026-10-25 00:30:00+00')")).toBe('1792888200000000');
    expect(await value('1792888200000000 // 3600000000')).toBe('498024');
    expect(await value('offset_slot(1792888200000000, 498020)')).toBe('5');
  });

  it('local_time: the wall-clock time from the hour’s offset, or timezone() where it changes', async () => {
    // the offset of 00:00-01:00 UTC on 25 October 2026 in Berlin is +2 h; the next hour's changes (null)
    expect(await value("local_time(timestamptz '2026-10-25 00:30:00+00', [7200000000::bigint, null], 498024, 'Europe/Berlin')")).toBe('2026-10-25 02:30:00');
    expect(await value("local_time(timestamptz '2026-10-25 01:30:00+00', [7200000000::bigint, null], 498024, 'Europe/Berlin')")).toBe('2026-10-25 02:30:00');
    expect(await value("timezone('Europe/Berlin', timestamptz '2026-10-25 00:30:00+00')")).toBe('2026-10-25 02:30:00');
  });

  it('pack_touch and its inverses: a touch as one BIGINT sorting by (time, campaign)', async () => {
    expect(await value('pack_touch(1000005, 3, 1000000, 8)')).toBe('43');
    expect(await value('pack_touch(1000006, 2, 1000000, 8)')).toBe('50');
    expect(await value('packed_touch_us(50, 1000000, 8)')).toBe('1000006');
    expect(await value('packed_touch_campaign(50, 8)')).toBe('2');
  });

  it('utm_source_name and ga4_value: one spelling of a source, GA4 placeholders as no value', async () => {
    expect(await value("utm_source_name(' FB ')")).toBe('facebook');
    expect(await value("utm_source_name('Twitter')")).toBe('x');
    expect(await value("utm_source_name('newsletter')")).toBe('newsletter');
    expect(await value("coalesce(ga4_value('(not set)'), 'null')")).toBe('null');
    expect(await value("coalesce(ga4_value(' (direct) '), 'null')")).toBe('null');
    expect(await value("ga4_value('spring_sale')")).toBe('spring_sale');
  });

  it('month_number, month_number_of and month_text: months as integers', async () => {
    expect(await value("month_number('2026-10')")).toBe('24321');
    expect(await value("month_text(month_number('2026-10') - 11)")).toBe('2025-11');
    expect(await value("month_number_of(timestamp '2026-10-25 02:30')")).toBe('24321');
  });

  it('the runner creates the macros before a file runs, in the warehouse file, and refuses other statements', async () => {
    const dir = join(await tempDir('macros'), 'queries');
    const write = async (path: string, text: string) => {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    };
    await write('macros.sql', '-- twice(x): x doubled.\ncreate or replace macro twice(x) as x * 2;\n');
    await write('intermediate/int_answer.sql', '-- materialized: view\nselect twice(21) as answer');
    const parser = await openSqlParser();
    try {
      const [query] = await loadQueries(dir, [], dirname(dir), parser);
      expect(query?.dependsOn).toEqual([]);
      const path = join(dirname(dir), 'warehouse.duckdb');
      const warehouse = await openWarehouse(path);
      await runQuery(warehouse, query!);
      warehouse.close();
      // as `npm run sql` opens it: the view still finds its macro
      const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
      const reader = await (await instance.connect()).runAndReadAll('select answer from int_answer');
      expect(reader.getRowsJS()).toEqual([[42]]);
      instance.closeSync();

      await write('macros.sql', 'create or replace macro twice(x) as x * 2;\ncreate table t as select 1;\n');
      await expect(loadQueries(dir, [], dirname(dir), parser)).rejects.toThrow('queries/macros.sql holds "create table t …": only create macro statements belong there');
      await write('macros.sql', 'create or replace macro twice(x) as x * * 2;\n');
      await expect(loadQueries(dir, [], dirname(dir), parser)).rejects.toThrow(/SQL error in queries\/macros.sql line 1/);
    } finally {
      parser.close();
    }
  });
});
