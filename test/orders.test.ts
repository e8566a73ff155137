// Orders in Shopify's export layout, pseudonymous customer keys, and a
// campaign's own gross margin.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../pipeline/warehouse.ts';
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

  it('reads one order per order, Subtotal as revenue, with statuses mapped', async () => {
    const rows = await warehouse.rows<{ order_id: string; revenue: number; status: string; refunded: number | null; coupon: string | null; at: string }>(
      `select order_id, revenue::double as revenue, status, refunded_amount::double as refunded, coupon_code as coupon, strftime(ordered_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') as at
       from raw_orders order by order_id`,
    );
    expect(rows).toEqual([
      { order_id: '#1001', revenue: 89.9, status: 'paid', refunded: null, coupon: null, at: '2026-10-05T08:00:00Z' },
      { order_id: '#1002', revenue: 120, status: 'partially_refunded', refunded: 20, coupon: 'LENA15', at: '2026-10-06T06:59:00Z' },
      { order_id: '#1003', revenue: 45, status: 'cancelled', refunded: null, coupon: null, at: '2026-10-07T10:00:00Z' },
      { order_id: '#1004', revenue: 30, status: 'pending', refunded: null, coupon: null, at: '2026-10-08T10:00:00Z' },
      { order_id: '#1005', revenue: 25, status: 'cancelled', refunded: null, coupon: null, at: '2026-10-09T10:00:00Z' },
    ]);
    const [file] = await warehouse.rows<{ rows_loaded: number; rows_skipped: number }>("select rows_loaded, rows_skipped from raw_input_files where path = 'orders.csv'");
    expect(file).toEqual({ rows_loaded: 5, rows_skipped: 1 });
  });

  it('keeps no email address, only its SHA-256, and matches touchpoints by it', async () => {
    const keys = await warehouse.rows<{ customer_id: string }>('select distinct customer_id from raw_orders union select customer_id from raw_touchpoints');
    expect(keys.some((k) => k.customer_id.includes('@'))).toBe(false);
    const mia = createHash('sha256').update('mia.muster@example.de').digest('hex');
    expect(keys.map((k) => k.customer_id)).toContain(mia);
    const credits = await warehouse.rows<{ order_id: string; campaign: string; revenue: number }>(
      "select order_id, campaign, revenue_credit::double as revenue from int_attribution_credits where model = 'last_touch' order by order_id",
    );
    expect(credits).toEqual([
      { order_id: '#1001', campaign: 'meta_sale', revenue: 89.9 },
      { order_id: '#1002', campaign: 'lena', revenue: 100 },
    ]);
  });

  it('takes gross profit at the campaign\'s own margin where campaigns.csv gives one', async () => {
    const rows = await warehouse.rows<{ campaign: string; revenue: number; gross_profit: number; margin: number }>(
      "select campaign, revenue::double as revenue, gross_profit::double as gross_profit, gross_margin::double as margin from campaign_roi where model = 'last_touch' order by campaign",
    );
    expect(rows).toEqual([
      { campaign: 'lena', revenue: 100, gross_profit: 40, margin: 0.4 },
      { campaign: 'meta_sale', revenue: 89.9, gross_profit: 62.93, margin: 0.7 },
    ]);
  });
});
