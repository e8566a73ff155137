// unmapped_campaigns follows the attribution model (issue 21, decision 4): one row per
// month, source, name and model, the revenue each model credits to `unmapped`, named
// by the utm value of the order's latest unmapped touch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { csv, filledWarehouse } from './helpers/warehouse.ts';

const CAMPAIGNS = csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
  ['a', 'A', 'Meta', 'conversion', null, null, 'camp_a'],
  ['b', 'B', 'Meta', 'conversion', null, null, 'camp_b'],
]);

describe('unmapped_campaigns', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await filledWarehouse({
      'report.json': JSON.stringify({ currency: 'EUR', timezone: 'Europe/Berlin', lookback_days: 30, attribution_model: 'linear' }),
      'campaigns.csv': CAMPAIGNS,
      'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [
        // newsletter first, then a: first touch gives the newsletter everything, last touch nothing
        ['o1', '2026-10-15T12:00:00Z', 'k1', '90.00', 'EUR', 'paid'],
        // only the newsletter: all of it under every model
        ['o2', '2026-10-16T12:00:00Z', 'k2', '10.00', 'EUR', 'paid'],
      ]),
      'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', [
        ['k1', '2026-10-10T12:00:00Z', 'email', 'newsletter', 'news_oct', 'click'],
        ['k1', '2026-10-14T12:00:00Z', 'facebook', 'paid_social', 'camp_a', 'click'],
        ['k2', '2026-10-15T12:00:00Z', 'email', 'newsletter', 'news_oct', 'click'],
        // a touch of another unmapped value without an order: counted, no revenue
        ['k3', '2026-10-15T12:00:00Z', 'tiktok', 'paid_social', 'tt_test', 'click'],
      ]),
    });
  });
  afterAll(() => warehouse?.close());

  it('holds every model, with the revenue each credits to the utm value', async () => {
    const rows = await warehouse.rows<{ model: string; name: string; touches: number; revenue: number }>(
      `select model, name, touches::integer as touches, revenue::double as revenue from unmapped_campaigns where source = 'utm' order by model, name`,
    );
    const byModel = (model: string) => Object.fromEntries(rows.filter((r) => r.model === model).map((r) => [r.name, [r.touches, r.revenue]]));
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set(['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'data_driven']));
    expect(byModel('last_touch')).toEqual({ news_oct: [2, 10], tt_test: [1, 0] });
    expect(byModel('first_touch')).toEqual({ news_oct: [2, 100], tt_test: [1, 0] });
    expect(byModel('linear')).toEqual({ news_oct: [2, 55], tt_test: [1, 0] });
    expect(byModel('position_based')).toEqual({ news_oct: [2, 55], tt_test: [1, 0] });
  });

  it('adds up, per month and model, to the revenue the attribution mart credits to unmapped', async () => {
    const mismatches = await warehouse.rows(`
      with utm as (select month, model, sum(revenue) as revenue from unmapped_campaigns where source = 'utm' group by all),
      credited as (select month, model, sum(revenue) as revenue from attribution where campaign = 'unmapped' group by all)
      select * from credited full outer join utm using (month, model)
      where coalesce(credited.revenue, 0) <> coalesce(utm.revenue, 0)`);
    expect(mismatches).toEqual([]);
  });
});
