// Genuine Shopify Admin orders exports (../shared/exports/samples/genuine/shopify/, see that
// folder's README for the hand-counted totals). Every further line item of an order repeats
// Name, Email and Created at on its own row; the order's fields stand on its first row.
// Read from ../shared, never copied into the repository.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { describeGenuine, genuine } from './helpers/genuine.ts';
import { csv, filledWarehouse } from './helpers/warehouse.ts';

const USD = 'shopify/orders_export_1 (USD, redacted).csv';
const GBP = 'shopify/orders_export_1 (GBP, redacted).csv';

const campaigns = csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [['any', 'Any', 'Meta', 'conversion', null, null, 'any*']]);

async function load(file: string, currency: string): Promise<Warehouse> {
  return filledWarehouse({
    'report.json': JSON.stringify({ currency }),
    'campaigns.csv': campaigns,
    'orders.csv': readFileSync(genuine(file), 'utf8'),
  });
}

interface FileCounts {
  rows_loaded: number;
  rows_rejected: number;
  rows_skipped: number;
}

const fileCounts = (warehouse: Warehouse) =>
  warehouse.rows<FileCounts>("select rows_loaded, rows_rejected, rows_skipped from raw_input_files where path = 'orders.csv'");

const byStatus = (warehouse: Warehouse) =>
  warehouse.rows<{ status: string; orders: number; subtotal: string; refunded: string | null; net: string }>(
    `select int_orders_net.status, count(*)::integer as orders, sum(booked_amount)::varchar as subtotal,
            sum(raw_orders.refunded_amount)::varchar as refunded, sum(net_revenue)::varchar as net
     from int_orders_net join raw_orders using (order_id) group by all order by all`,
  );

describeGenuine('a genuine Shopify orders export in USD', [USD], () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await load(USD, 'USD');
  });
  afterAll(() => warehouse?.close());

  it('reads 81 orders, 17 line-item rows and no rejected row from 98 records', async () => {
    expect(await fileCounts(warehouse)).toEqual([{ rows_loaded: 81, rows_rejected: 0, rows_skipped: 17 }]);
    expect(await warehouse.rows('select * from raw_rejected_rows')).toEqual([]);
  });

  // Sum of each order's Subtotal: 2,956.00 USD (the folder's README), of which 2,921.00 paid in
  // 80 orders and 35.00 in the one partially refunded order #1009 (Subtotal 35.00, Shipping 4.90,
  // Taxes 2.39 = 6% of 39.90, Total 42.29; Refunded Amount 10.60 = 10.00 of goods + 6% tax).
  // Its refund on the Subtotal's basis: 10.60 x (42.29 - 2.39) / 42.29 = 10.0009 -> 10.00.
  // Net revenue: 2,921.00 + 35.00 - 10.00 = 2,946.00 USD. #1080 is paid with a Subtotal of 0.00
  // (a 35.00 discount): an order, not a conversion. #1067's Total holds a 2.50 tip, which is no revenue.
  it('adds up to the hand totals, with the tax-inclusive refund taken out of tax', async () => {
    expect(await byStatus(warehouse)).toEqual([
      { status: 'paid', orders: 80, subtotal: '2921.0000', refunded: '0.0000', net: '2921.00' },
      { status: 'partially_refunded', orders: 1, subtotal: '35.0000', refunded: '10.0000', net: '25.00' },
    ]);
    const [totals] = await warehouse.rows<{ subtotal: string; net: string; conversions: number }>(
      'select sum(booked_amount)::varchar as subtotal, sum(net_revenue)::varchar as net, count(*) filter (where is_conversion)::integer as conversions from int_orders_net',
    );
    expect(totals).toEqual({ subtotal: '2956.0000', net: '2946.00', conversions: 80 });
  });

  it('keys customers by the hash of Email, and leaves orders without an address unkeyed', async () => {
    const [keys] = await warehouse.rows<{ keyed: number; unkeyed: number; customers: number; type: string }>(
      `select count(customer_id)::integer as keyed, count(*) filter (where customer_id is null)::integer as unkeyed,
              count(distinct customer_id)::integer as customers, any_value(typeof(customer_id)) as type
       from raw_orders`,
    );
    // a 128-bit number: no address fits in it
    expect(keys).toMatchObject({ keyed: 58, unkeyed: 23, type: 'UHUGEINT' });
  });
});

describeGenuine('a genuine Shopify orders export in GBP (TikTok Shop)', [GBP], () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await load(GBP, 'GBP');
  });
  afterAll(() => warehouse?.close());

  // The file holds 61 records (multi-line Note Attributes inside quotes) but 60 orders: #1050
  // has two line items (36.98 each, less a 9.56 seller discount: Subtotal 64.40); its second
  // row repeats Name, Email and Created at. The folder's README counts the 61 records as orders.
  it('reads 60 orders and 1 line-item row from 61 records, none rejected', async () => {
    expect(await fileCounts(warehouse)).toEqual([{ rows_loaded: 60, rows_rejected: 0, rows_skipped: 1 }]);
    expect(await warehouse.rows('select * from raw_rejected_rows')).toEqual([]);
    const [order] = await warehouse.rows<{ revenue: string; line: number }>("select revenue::varchar as revenue, source_line as line from raw_orders where order_id = '#1050'");
    expect(order).toEqual({ revenue: '64.4000', line: 12 });
  });

  // `paid` 1,903.40 GBP in 52 orders; the 8 cancelled orders (Financial Status refunded, Cancelled
  // at set, each refunded its Total, no tax) have Subtotals of 254.07 GBP and count nothing.
  // Net revenue: 1,903.40 GBP.
  it('adds up to the hand totals: paid 1,903.40, cancelled 254.07, net 1,903.40', async () => {
    expect(await byStatus(warehouse)).toEqual([
      { status: 'cancelled', orders: 8, subtotal: '254.0700', refunded: '254.0700', net: '0.00' },
      { status: 'paid', orders: 52, subtotal: '1903.4000', refunded: '0.0000', net: '1903.40' },
    ]);
  });
});
