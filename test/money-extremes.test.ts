// Money of every size a real shop has runs through the whole SQL without
// overflowing and reconciles to the cent: a 10,000.00 order (which used to
// stop the report with "Overflow in multiplication of DECIMAL(18)"), a
// 99,999,999.99 order in the report currency and in a foreign one, costs and
// platform spend in the millions, and a shop that reports in yen.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataTests, runDataTests } from '../pipeline/check.ts';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { projectRoot } from './helpers/cli.ts';
import { csv, filledWarehouse } from './helpers/warehouse.ts';

const CAMPAIGNS = csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
  ['a', 'A', 'Meta', 'conversion', null, null, 'camp_a'],
  ['b', 'B', 'XING', 'conversion', null, null, 'camp_b'],
]);

function folder(currency: string, orders: (string | null)[][], fx: string, costs: (string | null)[][], spend: string[][]) {
  const touchpoints = orders.flatMap(([, orderedAt, customer = null]) => {
    const t = Date.parse(orderedAt!);
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    return [
      [customer, iso(t - 5 * 86_400_000), 'facebook', 'paid_social', 'camp_a', 'click'],
      [customer, iso(t - 2 * 86_400_000), 'xing', 'paid_social', 'camp_b', 'click'],
      [customer, iso(t - 86_400_000), 'facebook', 'paid_social', 'camp_a', 'click'],
    ];
  });
  return {
    'report.json': JSON.stringify({ currency, timezone: 'Europe/Berlin', gross_margin: 0.5, lookback_days: 30 }),
    'campaigns.csv': CAMPAIGNS,
    'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status,refunded_amount,coupon_code', orders),
    'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', touchpoints),
    'costs.csv': csv('month,campaign,category,amount,currency,note', costs),
    'fx.csv': fx,
    'exports/xing.csv': `# platform: XING\n${csv('date,campaign_name,currency,spend,impressions,clicks', spend)}`,
  };
}

async function failedDataTests(warehouse: Warehouse): Promise<string[]> {
  const tests = await loadDataTests(join(projectRoot, 'queries'), 'queries');
  const failures = await runDataTests(warehouse, tests);
  return failures.filter((f) => f.test.severity === 'error').map((f) => f.test.name);
}

async function warehouseOf(files: Record<string, string>): Promise<Warehouse> {
  try {
    return await filledWarehouse(files);
  } catch (error) {
    // the failing data test's lines, so a failure here says which and where
    throw new Error([(error as Error).message, ...((error as { details?: string[] }).details ?? [])].join('\n'));
  }
}

/** The same ECB rate on every day of October 2026. */
const octoberRates = (currency: string, rate: string) =>
  csv('date,currency,rate', Array.from({ length: 31 }, (_, i) => [`2026-10-${String(i + 1).padStart(2, '0')}`, currency, rate]));

const cents = (warehouse: Warehouse, sql: string) => warehouse.rows<Record<string, string>>(sql);

describe('money of every size', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await warehouseOf(
      folder(
        'EUR',
        [
          ['big', '2026-10-10T10:00:00Z', 'c1', '10000.00', 'EUR', 'paid', null, null],
          ['huge', '2026-10-11T10:00:00Z', 'c2', '99999999.99', 'EUR', 'paid', null, null],
          ['huge-usd', '2026-10-12T10:00:00Z', 'c3', '99999999.99', 'USD', 'paid', null, null],
          ['refunded-part', '2026-10-13T10:00:00Z', 'c4', '50000.00', 'EUR', 'partially_refunded', '12345.67', null],
        ],
        // 1 EUR = 1.25 USD: a dollar is exactly 0.8 euro.
        octoberRates('USD', '1.25'),
        [
          ['2026-10', 'a', 'agency', '10000000.00', 'USD', 'retainer'],
          ['2026-10', 'Meta', 'production', '2500000.00', 'EUR', 'shoot'],
        ],
        [
          ['2026-10-01', 'XING camp_b', 'USD', '1234567.89', '1000', '10'],
          ['2026-10-02', 'XING camp_b', 'EUR', '99999999.99', '1000', '10'],
          ['2026-10-31', 'XING camp_b', 'EUR', '1.00', '10', '1'],
        ],
      ),
    );
  });
  afterAll(() => warehouse?.close());

  it('nets every order exactly, in the report currency', async () => {
    expect(await cents(warehouse, 'select order_id, net_revenue::varchar as net from int_orders_net order by order_id')).toEqual([
      { order_id: 'big', net: '10000.00' },
      { order_id: 'huge', net: '99999999.99' },
      // 99,999,999.99 USD x 0.8 = 79,999,999.992, rounded to the cent
      { order_id: 'huge-usd', net: '79999999.99' },
      { order_id: 'refunded-part', net: '37654.33' },
    ]);
  });

  it('converts costs and spend in the millions exactly', async () => {
    expect(await cents(warehouse, `select campaign, category, amount_report::varchar as amount from int_costs_converted order by all`)).toEqual([
      { campaign: 'a', category: 'agency', amount: '8000000.00' },
      { campaign: null, category: 'production', amount: '2500000.00' },
    ]);
    const [spend] = await cents(warehouse, `select sum(spend_report)::varchar as spend from int_ad_daily_mapped`);
    // 1,234,567.89 USD x 0.8 = 987,654.312 + 99,999,999.99 + 1.00
    expect(Number(spend?.spend)).toBeCloseTo(987_654.312 + 99_999_999.99 + 1, 4);
  });

  it('attributes every cent under every model and passes every data test', async () => {
    const rows = await cents(
      warehouse,
      `select model, sum(revenue_credit)::varchar as revenue from int_attribution_credits group by model order by model`,
    );
    // 10,000.00 + 99,999,999.99 + 79,999,999.99 + 37,654.33
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row.revenue, row.model).toBe('180047654.31');
    expect(await failedDataTests(warehouse)).toEqual([]);
  });
});

describe('a shop that reports in yen', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await warehouseOf(
      folder(
        'JPY',
        [
          ['yen', '2026-10-10T10:00:00Z', 'c1', '12345678', 'JPY', 'paid', null, null],
          ['yen-big', '2026-10-11T10:00:00Z', 'c2', '9999999999', 'JPY', 'partially_refunded', '1', null],
          // 1,000.00 EUR at 160 yen to the euro
          ['euro', '2026-10-12T10:00:00Z', 'c3', '1000.00', 'EUR', 'paid', null, null],
        ],
        octoberRates('JPY', '160'),
        [['2026-10', 'a', 'agency', '5000000', 'JPY', 'retainer']],
        [['2026-10-01', 'XING camp_b', 'JPY', '250000', '1000', '10'], ['2026-10-31', 'XING camp_b', 'JPY', '1', '10', '1']],
      ),
    );
  });
  afterAll(() => warehouse?.close());

  it('nets and attributes yen amounts exactly', async () => {
    expect(await cents(warehouse, 'select order_id, net_revenue::varchar as net from int_orders_net order by order_id')).toEqual([
      { order_id: 'euro', net: '160000.00' },
      { order_id: 'yen', net: '12345678.00' },
      { order_id: 'yen-big', net: '9999999998.00' },
    ]);
    const rows = await cents(warehouse, `select model, sum(revenue_credit)::varchar as revenue from int_attribution_credits group by model`);
    for (const row of rows) expect(row.revenue, row.model).toBe('10012505676.00');
    expect(await failedDataTests(warehouse)).toEqual([]);
  });
});
