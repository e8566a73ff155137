// Conformance with a peer's attribution suite: Snowplow's Fractribution test
// case (test/fixtures/fractribution, Apache-2.0, see NOTICE.md). Run through
// our SQL with its parameters, our paths, path summary, data-driven and
// last-touch attribution and ROAS reproduce its expected files to 2 decimals.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { projectRoot } from './helpers/cli.ts';
import { originalIdsIn } from './helpers/pseudonym.ts';
import { csv, filledWarehouse } from './helpers/warehouse.ts';

const fixture = join(projectRoot, 'test/fixtures/fractribution');
const read = (path: string) => parse(readFileSync(join(fixture, path), 'utf8'), { columns: true }) as Record<string, string>[];
const channels = read('expected/channel_spend.csv').map((r) => r.channel!);
const utc = (tstamp: string) => `${tstamp.replace(' ', 'T').replace(/\.000$/, '')}Z`;
const cents = (value: string | number) => Math.round(Number(value || 0) * 100);

function dataFolder(pathTransform: 'none' | 'collapse_repeats') {
  const sessions = read('input/sessions_by_customer_id.csv');
  const conversions = read('input/conversions_by_customer_id.csv');
  return {
    'report.json': JSON.stringify({ currency: 'EUR', timezone: 'UTC', lookback_days: 30, lookback_basis: 'calendar_days', path_transform: pathTransform, count_views: false }),
    'campaigns.csv': csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', channels.map((c) => [c, c, c, 'conversion', null, null, c])),
    'touchpoints.csv': csv(
      'customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction',
      sessions.map((s) => [s.customer_id!, utc(s.visit_start_tstamp!), s.source!, s.medium!, s.channel!, 'click']),
    ),
    'orders.csv': csv(
      'order_id,ordered_at,customer_id,revenue,currency,status',
      conversions.map((c) => [`${c.customer_id}@${c.conversion_tstamp}`, utc(c.conversion_tstamp!), c.customer_id!, Number(c.revenue).toFixed(2), 'EUR', 'paid']),
    ),
    // The flat spend of 10,000 per channel, as a Google Ads report.
    'exports/spend.csv': [
      'Campaign report',
      'July 1, 2022 - July 1, 2022',
      'Day,Campaign,Campaign ID,Cost,Impr.,Clicks',
      ...channels.map((c, i) => `2022-07-01,${c},${i + 1},"10,000.00",0,0`),
    ].join('\n'),
  };
}

describe('Fractribution conformance', () => {
  let collapsed: Warehouse;
  let raw: Warehouse;
  beforeAll(async () => {
    [collapsed, raw] = await Promise.all([filledWarehouse(dataFolder('collapse_repeats')), filledWarehouse(dataFolder('none'))]);
  });
  afterAll(() => {
    collapsed?.close();
    raw?.close();
  });

  // customers are pseudonyms in the warehouse, each under its warehouse's key: told by their ids again here
  const customers = read('input/sessions_by_customer_id.csv').map((s) => s.customer_id!);
  const pathsOf = async (warehouse: Warehouse, kind: 'conversion' | 'non_conversion') => {
    const original = await originalIdsIn(warehouse, customers);
    const rows = await warehouse.rows<{ path_id: string; path: string }>(
      kind === 'conversion'
        ? `select order_id as path_id, string_agg(campaign, ' > ' order by position) as path
           from int_attribution_paths join int_orders_net using (order_key) group by order_id`
        : `select customer_id as path_id, summary.path_text as path
           from int_attribution_non_conversion_paths join int_attribution_path_summary as summary using (path_numbers)`,
    );
    return kind === 'conversion' ? rows : rows.map((r) => ({ ...r, path_id: original(r.path_id) }));
  };

  it('builds the same conversion paths, raw and transformed', async () => {
    const transformed = new Map((await pathsOf(collapsed, 'conversion')).map((r) => [r.path_id, r.path]));
    const untransformed = new Map((await pathsOf(raw, 'conversion')).map((r) => [r.path_id, r.path]));
    const ours = [...transformed.keys()].map((id) => {
      const [customer, tstamp] = id.split('@');
      return [customer, tstamp!.replace(/\.000$/, ''), untransformed.get(id), transformed.get(id)].join('|');
    });
    const expected = read('expected/paths_to_conversion.csv').map((r) => [r.customer_id, r.conversion_tstamp, r.path, r.transformed_path].join('|'));
    expect(ours.sort()).toEqual(expected.sort());
  });

  it('builds the same non-conversion paths, anchored at the last touch', async () => {
    const transformed = new Map((await pathsOf(collapsed, 'non_conversion')).map((r) => [r.path_id, r.path]));
    const untransformed = new Map((await pathsOf(raw, 'non_conversion')).map((r) => [r.path_id, r.path]));
    const ours = [...transformed.keys()].map((id) => [id, untransformed.get(id), transformed.get(id)].join('|'));
    const expected = read('expected/paths_to_non_conversion.csv').map((r) => [r.customer_id, r.path, r.transformed_path].join('|'));
    expect(ours.sort()).toEqual(expected.sort());
  });

  it('summarises the same paths', async () => {
    const ours = await collapsed.rows<{ path_text: string; conversions: number; non_conversions: number; revenue: number | null }>(
      'select path_text, conversions::integer as conversions, non_conversions::integer as non_conversions, revenue::double as revenue from int_attribution_path_summary',
    );
    const line = (p: string, c: number | string, n: number | string, r: number | string | null) => `${p}|${Number(c)}|${Number(n)}|${cents(r ?? 0)}`;
    expect(ours.map((r) => line(r.path_text, r.conversions, r.non_conversions, r.revenue)).sort()).toEqual(
      read('expected/path_summary.csv').map((r) => line(r.transformed_path!, r.conversions!, r.non_conversions!, r.revenue!)).sort(),
    );
  });

  it('attributes the same conversions, revenue and ROAS per channel, data-driven and last touch', async () => {
    const ours = await collapsed.rows<{ campaign: string; model: string; conversions: number; revenue: number; spend: number; roas: number }>(`
      select campaign, model, sum(conversions)::double as conversions, sum(revenue)::double as revenue,
             sum(media_spend)::double as spend, (sum(revenue) / sum(media_spend))::double as roas
      from campaign_roi
      where model in ('data_driven', 'last_touch')
      group by all`);
    const model = (type: string) => (type === 'shapley' ? 'data_driven' : type);
    const line = (channel: string, m: string, conversions: number | string, revenue: number | string, spend: number | string, roas: number | string) =>
      [channel, m, Number(conversions).toFixed(2), Number(revenue).toFixed(2), Number(spend).toFixed(2), Number(roas).toFixed(2)].join('|');
    expect(ours.map((r) => line(r.campaign, r.model, r.conversions, r.revenue, r.spend, r.roas)).sort()).toEqual(
      read('expected/report_table.csv')
        .map((r) => line(r.CHANNEL!, model(r.ATTRIBUTION_TYPE!), r.CONVERSIONS!, r.REVENUE!, r.SPEND!, r.ROAS!))
        .sort(),
    );
    const shapley = read('expected/channel_attribution.csv').filter((r) => r.ATTRIBUTION_TYPE === 'shapley');
    for (const row of shapley) {
      const mine = ours.find((r) => r.campaign === row.CHANNEL && r.model === 'data_driven')!;
      expect(mine.revenue, row.CHANNEL).toBeCloseTo(Number(row.REVENUE), 2);
      expect(mine.conversions, row.CHANNEL).toBeCloseTo(Number(row.CONVERSIONS), 2);
    }
  });
});
