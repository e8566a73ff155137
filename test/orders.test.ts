// Orders in Shopify's export layout, pseudonymous customer keys, and a
// campaign's own gross margin.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { md5Number, pseudonymIn } from './helpers/pseudonym.ts';
import { csv, filledWarehouse } from './helpers/warehouse.ts';

const SHOPIFY_HEADER =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Billing Name,Cancelled at,Refunded Amount,Id';

const shopify = [
  SHOPIFY_HEADER,
  // An order with two line items: the order's fields stand on its first row only.
  '#1001,Mia.Muster@Example.de,paid,2026-10-05 10:01:00 +0200,fulfilled,,yes,EUR,89.90,4.90,14.35,94.80,,0.00,Standard,2026-10-05 10:00:00 +0200,1,Gesichtscreme,59.90,Mia Muster,,,5001',
  '#1001,,,,,,,,,,,,,,,,1,Lippenbalsam,30.00,,,,',
  '#1002,max@example.de,partially_refunded,2026-10-06 09:00:00 +0200,fulfilled,,no,EUR,120.00,0.00,19.16,120.00,LENA15,18.00,Standard,2026-10-06 08:59:00 +0200,2,Serum,60.00,Max Beispiel,,20.00,5002',
  '#1003,eva@example.de,voided,,unfulfilled,,no,EUR,45.00,4.90,7.18,49.90,,0.00,Standard,2026-10-07 12:00:00 +0200,1,Shampoo,45.00,Eva Probe,,,5003',
  '#1004,olaf@example.de,pending,,unfulfilled,,no,EUR,30.00,4.90,4.79,34.90,,0.00,Standard,2026-10-08 12:00:00 +0200,1,Seife,30.00,Olaf Test,,,5004',
  '#1005,ida@example.de,paid,2026-10-09 12:00:00 +0200,,,no,EUR,25.00,0.00,3.99,25.00,,0.00,Standard,2026-10-09 12:00:00 +0200,1,Seife,25.00,Ida Test,2026-10-10 09:00:00 +0200,,5005',
].join('\n');

const campaigns = csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match,gross_margin', [
  ['meta_sale', 'Meta Sale', 'Meta', 'conversion', null, null, 'meta_sale*', '0.7'],
  ['lena', 'Lena', 'Influencer', 'conversion', 'Lena', 'LENA15', 'infl_lena*', null],
]);

describe('a Shopify orders export as orders.csv', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await filledWarehouse({
      'report.json': JSON.stringify({ gross_margin: 0.4 }),
      'campaigns.csv': campaigns,
      'orders.csv': shopify,
      // Touchpoints keyed by the shop's email address match the orders' hashed keys.
      'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', [['mia.muster@example.de', '2026-10-04T08:00:00Z', 'facebook', 'paid_social', 'meta_sale_oct', 'click']]),
    });
  });
  afterAll(() => warehouse?.close());

  // These orders are taxes-included (German prices include VAT: Total = Subtotal + Shipping, with
  // Taxes inside), so Subtotal and refunds are taken out of tax at (Total - Taxes) / Total:
  // #1001 89.90 x 80.45 / 94.80 = 76.29; #1002 120.00 x 100.84 / 120.00 = 100.84, refund 20.00 -> 16.81;
  // #1003 45.00 x 42.72 / 49.90 = 38.53; #1004 30.00 x 30.11 / 34.90 = 25.88; #1005 25.00 x 21.01 / 25.00 = 21.01.
  it('reads one order per order, Subtotal net of tax as revenue, with statuses mapped', async () => {
    const rows = await warehouse.rows<{ order_id: string; revenue: number; status: string; refunded: number | null; coupon: string | null; at: string }>(
      `select order_id, revenue::double as revenue, status, refunded_amount::double as refunded, coupon_code as coupon, strftime(ordered_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') as at
       from raw_orders order by order_id`,
    );
    expect(rows).toEqual([
      { order_id: '#1001', revenue: 76.29, status: 'paid', refunded: null, coupon: null, at: '2026-10-05T08:00:00Z' },
      { order_id: '#1002', revenue: 100.84, status: 'partially_refunded', refunded: 16.81, coupon: 'LENA15', at: '2026-10-06T06:59:00Z' },
      { order_id: '#1003', revenue: 38.53, status: 'cancelled', refunded: null, coupon: null, at: '2026-10-07T10:00:00Z' },
      { order_id: '#1004', revenue: 25.88, status: 'pending', refunded: null, coupon: null, at: '2026-10-08T10:00:00Z' },
      { order_id: '#1005', revenue: 21.01, status: 'cancelled', refunded: null, coupon: null, at: '2026-10-09T10:00:00Z' },
    ]);
    const [file] = await warehouse.rows<{ rows_loaded: number; rows_skipped: number }>("select rows_loaded, rows_skipped from raw_input_files where path = 'orders.csv'");
    expect(file).toEqual({ rows_loaded: 5, rows_skipped: 1 });
  });

  it('keeps no email address, nor its plain SHA-256, only its keyed hash, and matches touchpoints by it', async () => {
    const keys = await warehouse.rows<{ customer_id: string; type: string }>(
      'select distinct customer_id::varchar as customer_id, typeof(customer_id) as type from raw_orders union select customer_id::varchar, typeof(customer_id) from raw_touchpoints',
    );
    // a 128-bit number holds no address; nor is it the number the address's plain SHA-256 would give
    expect(new Set(keys.map((k) => k.type))).toEqual(new Set(['UHUGEINT']));
    expect(keys.map((k) => k.customer_id)).not.toContain(md5Number(createHash('sha256').update('mia.muster@example.de').digest('hex')));
    expect(keys.map((k) => k.customer_id)).toContain((await pseudonymIn(warehouse))('mia.muster@example.de'));
    const credits = await warehouse.rows<{ order_id: string; campaign: string; revenue: number }>(
      "select order_id, campaign, revenue_credit::double as revenue from int_attribution_credits where model = 'last_touch' order by order_id",
    );
    expect(credits).toEqual([
      { order_id: '#1001', campaign: 'meta_sale', revenue: 76.29 },
      // 100.84 - 16.81
      { order_id: '#1002', campaign: 'lena', revenue: 84.03 },
    ]);
  });

  it('takes gross profit at the campaign\'s own margin where campaigns.csv gives one', async () => {
    const rows = await warehouse.rows<{ campaign: string; revenue: number; gross_profit: number; margin: number }>(
      "select campaign, revenue::double as revenue, gross_profit::double as gross_profit, gross_margin::double as margin from campaign_roi where model = 'last_touch' order by campaign",
    );
    expect(rows).toEqual([
      { campaign: 'lena', revenue: 84.03, gross_profit: 33.61, margin: 0.4 },
      { campaign: 'meta_sale', revenue: 76.29, gross_profit: 53.4, margin: 0.7 },
    ]);
  });
});

// A tax-exclusive shop as genuine US exports show it: every further line-item row repeats
// Name, Email and Created at; Total = Subtotal + Shipping + Taxes; Refunded Amount is the
// money returned, tax included. Revenue is Subtotal; a refund counts at (Total - Taxes) / Total.
const SHOPIFY_US_HEADER = 'Name,Email,Financial Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Refunded Amount';
const shopifyUs = [
  SHOPIFY_US_HEADER,
  // line 2-4: three line items; Subtotal 100.00, Shipping 5.00, Taxes 6% of 105.00
  '#2001,ann@example.com,paid,USD,100.00,5.00,6.30,111.30,,2026-10-05 10:00:00 -0400,1,Hoodie,60.00,,0.00',
  '#2001,ann@example.com,,,,,,,,2026-10-05 10:00:00 -0400,1,Cap,25.00,,',
  '#2001,ann@example.com,,,,,,,,2026-10-05 10:00:00 -0400,1,Socks,15.00,,',
  // line 5: a full refund of a taxed order: 82.10 = 74.80 + 7.30 tax
  '#2002,bo@example.com,refunded,USD,74.80,0.00,7.30,82.10,,2026-10-06 09:00:00 -0400,2,Mug,37.40,,82.10',
  // line 6-7: goods and their tax refunded, shipping kept: still nothing left of the Subtotal
  '#2003,cy@example.com,partially_refunded,USD,74.80,4.90,7.30,87.00,,2026-10-06 11:00:00 -0400,1,Lamp,50.00,,82.10',
  '#2003,cy@example.com,,,,,,,,2026-10-06 11:00:00 -0400,1,Bulb,24.80,,',
  // line 8: a partial refund of 21.20 = 20.00 of goods + 6% tax: 30.00 remain
  '#2004,di@example.com,partially_refunded,USD,50.00,5.00,3.30,58.30,SUMMER10,2026-10-07 12:00:00 -0400,1,Shirt,50.00,,21.20',
  // line 9-10: cancelled and refunded
  '#2005,ed@example.com,refunded,USD,20.00,0.00,1.20,21.20,,2026-10-08 12:00:00 -0400,1,Soap,10.00,2026-10-08 15:00:00 -0400,21.20',
  '#2005,ed@example.com,,,,,,,,2026-10-08 12:00:00 -0400,1,Soap,10.00,,',
  // line 11-12: a broken order: its first row has no Subtotal; its line item goes with it
  '#2006,fay@example.com,paid,USD,,0.00,0.00,30.00,,2026-10-09 12:00:00 -0400,1,Towel,30.00,,0.00',
  '#2006,fay@example.com,,,,,,,,2026-10-09 12:00:00 -0400,1,Towel,30.00,,',
  // line 13-14: a second order under the Name #2007 (its own Subtotal): rejected, not merged
  '#2007,gil@example.com,paid,USD,12.00,0.00,0.72,12.72,,2026-10-10 12:00:00 -0400,1,Pen,12.00,,0.00',
  '#2007,hal@example.com,paid,USD,18.00,0.00,1.08,19.08,,2026-10-11 12:00:00 -0400,1,Pad,18.00,,0.00',
].join('\n');

describe('a Shopify export with line items, taxes and refunds', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await filledWarehouse({
      'report.json': JSON.stringify({ currency: 'USD', timezone: 'America/New_York' }),
      'campaigns.csv': campaigns,
      'orders.csv': shopifyUs,
    });
  });
  afterAll(() => warehouse?.close());

  it('reads one order per Name, line-item rows as line items, and only real problems as rejected', async () => {
    const [file] = await warehouse.rows<{ rows_loaded: number; rows_rejected: number; rows_skipped: number }>(
      "select rows_loaded, rows_rejected, rows_skipped from raw_input_files where path = 'orders.csv'",
    );
    // 13 rows: 6 orders, 5 line-item rows (2 of #2001, 1 each of #2003, #2005, #2006), 2 rejected
    expect(file).toEqual({ rows_loaded: 6, rows_rejected: 2, rows_skipped: 5 });
    const rejected = await warehouse.rows<{ line: number; column_name: string; reason: string }>(
      "select source_line as line, column_name, reason from raw_rejected_rows where source_file = 'orders.csv' order by line",
    );
    expect(rejected).toEqual([
      { line: 11, column_name: 'subtotal', reason: "is empty on the order's first row; expected the order's Subtotal, like 49.90" },
      { line: 14, column_name: 'subtotal', reason: 'another order with the same Name: the order\'s first row (line 13) has 12.0000, found "18.0000"' },
    ]);
  });

  it('says what the rejected orders held: the second #2007 its 18.00, the #2006 without Subtotal nothing readable', async () => {
    const [note] = await warehouse.rows<{ message: string }>("select message from raw_ingest_notes where source_file = 'orders.csv' and severity = 'rejected_money'");
    expect(JSON.parse(note!.message)).toEqual({ currency: 'USD', amount: '18', rows: 2, unreadable: 1 });
  });

  it('puts revenue and refunds on one basis, so a taxed full refund leaves 0', async () => {
    const rows = await warehouse.rows<{ order_id: string; status: string; revenue: number; refunded: number | null; net: number }>(
      `select order_id, net.status, booked_amount::double as revenue, raw_orders.refunded_amount::double as refunded, net_revenue::double as net
       from int_orders_net as net join raw_orders using (order_id) order by order_id`,
    );
    expect(rows).toEqual([
      { order_id: '#2001', status: 'paid', revenue: 100, refunded: 0, net: 100 },
      // 82.10 x (82.10 - 7.30) / 82.10 = 74.80
      { order_id: '#2002', status: 'refunded', revenue: 74.8, refunded: 74.8, net: 0 },
      // 82.10 x (87.00 - 7.30) / 87.00 = 75.21, no more than the Subtotal: 74.80
      { order_id: '#2003', status: 'partially_refunded', revenue: 74.8, refunded: 74.8, net: 0 },
      // 21.20 x (58.30 - 3.30) / 58.30 = 20.00; 50.00 - 20.00 = 30.00
      { order_id: '#2004', status: 'partially_refunded', revenue: 50, refunded: 20, net: 30 },
      { order_id: '#2005', status: 'cancelled', revenue: 20, refunded: 20, net: 0 },
      { order_id: '#2007', status: 'paid', revenue: 12, refunded: 0, net: 12 },
    ]);
  });
});
