// Conformance with a peer's attribution suite: Snowplow's Fractribution test
// case (test/fixtures/fractribution, Apache-2.0, see NOTICE.md). Run through
// our SQL with its parameters, our paths, path summary, data-driven and
// last-touch attribution and ROAS reproduce its expected files to 2 decimals.
// Fractribution fits one model on every journey; we fit one per month, on the
// journeys as they stood at its end (June and July here), and keep in a month's
// summary the paths its model looks up. July's fit sees every journey but one
// customer's single touch on 1 August, so its counts are Fractribution's less that
// non-conversion. The data-driven credits of June's and July's conversions take
// their own months' fits, so Fractribution's per-channel figures are checked
// through a plain implementation of its Shapley step, which is held to
// Fractribution's figures on its summary, and to our SQL's shares on each month's
// summary.
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

/** The last fitted month: it sees every journey but the one that starts (and ends) on 1 August. */
const LAST_MONTH = '2022-07';
const AUGUST_ONLY = { customer: 'ff0008270607146019741', path: 'Organic_Search' };

/**
 * Fractribution's simplified Shapley, written plainly: a path of one touch gives its
 * campaign everything; otherwise position i earns max(P(path) - P(path without i), 0),
 * normalised, the last position everything when all earn 0; a campaign's shares add up.
 */
function shapley(path: string[], probability: ReadonlyMap<string, number>): Map<string, number> {
  if (path.length === 1) return new Map([[path[0]!, 1]]);
  const p = probability.get(path.join(' > ')) ?? 0;
  const marginals = path.map((_, i) => Math.max(p - (probability.get(path.filter((_, j) => j !== i).join(' > ')) ?? 0), 0));
  const total = marginals.reduce((a, b) => a + b, 0);
  const shares = new Map<string, number>();
  path.forEach((campaign, i) => {
    const share = total === 0 ? (i === path.length - 1 ? 1 : 0) : marginals[i]! / total;
    shares.set(campaign, (shares.get(campaign) ?? 0) + share);
  });
  return shares;
}

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
        : // each non-converting customer's path as of the end of their last month with touches
          `select paths.customer_id::varchar as path_id, array_to_string(list_transform(paths.path_numbers, n -> names.names[n]), ' > ') as path
           from int_attribution_non_conversion_paths as paths
           cross join (select list(campaign order by number) as names from int_attribution_campaign_numbers) as names
           where paths.customer_id not in (select customer_id from int_orders_net where is_conversion and customer_id is not null)
           qualify row_number() over (partition by paths.customer_id order by paths.path_month desc) = 1`,
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

  it('summarises the same paths in the last month, less the journey of August', async () => {
    const ours = await collapsed.rows<{ path_text: string; conversions: number; non_conversions: number; revenue: number | null }>(
      `select path_text, conversions::integer as conversions, non_conversions::integer as non_conversions, revenue::double as revenue
       from int_attribution_path_summary where order_month = '${LAST_MONTH}'`,
    );
    const line = (p: string, c: number | string, n: number | string, r: number | string | null) => `${p}|${Number(c)}|${Number(n)}|${cents(r ?? 0)}`;
    const expected = new Map(
      read('expected/path_summary.csv').map((r) => {
        const nonConversions = Number(r.non_conversions) - (r.transformed_path === AUGUST_ONLY.path ? 1 : 0);
        return [r.transformed_path!, line(r.transformed_path!, r.conversions!, nonConversions, r.revenue!)];
      }),
    );
    // every path of July's conversions is there, with each of its shortenings that a journey took
    const julyPaths = read('expected/paths_to_conversion.csv').filter((r) => r.conversion_tstamp!.startsWith(LAST_MONTH)).map((r) => r.transformed_path!);
    for (const path of julyPaths) expect(ours.map((r) => r.path_text)).toContain(path);
    expect(ours.map((r) => line(r.path_text, r.conversions, r.non_conversions, r.revenue)).sort()).toEqual(ours.map((r) => expected.get(r.path_text)).sort());
    expect(read('input/sessions_by_customer_id.csv').filter((r) => r.customer_id === AUGUST_ONLY.customer).map((r) => [r.visit_start_tstamp!.slice(0, 7), r.channel])).toEqual([
      ['2022-08', AUGUST_ONLY.path],
    ]);
  });

  it('attributes the same conversions, revenue and ROAS per channel, last touch', async () => {
    const ours = await collapsed.rows<{ campaign: string; model: string; conversions: number; revenue: number; spend: number; roas: number }>(`
      select campaign, model, sum(conversions)::double as conversions, sum(revenue)::double as revenue,
             sum(media_spend)::double as spend, (sum(revenue) / sum(media_spend))::double as roas
      from campaign_roi
      where model = 'last_touch' and campaign <> 'unattributed'
      group by all`);
    const line = (channel: string, m: string, conversions: number | string, revenue: number | string, spend: number | string, roas: number | string) =>
      [channel, m, Number(conversions).toFixed(2), Number(revenue).toFixed(2), Number(spend).toFixed(2), Number(roas).toFixed(2)].join('|');
    expect(ours.map((r) => line(r.campaign, r.model, r.conversions, r.revenue, r.spend, r.roas)).sort()).toEqual(
      read('expected/report_table.csv')
        .filter((r) => r.ATTRIBUTION_TYPE === 'last_touch')
        .map((r) => line(r.CHANNEL!, r.ATTRIBUTION_TYPE!, r.CONVERSIONS!, r.REVENUE!, r.SPEND!, r.ROAS!))
        .sort(),
    );
  });

  it('attributes the same data-driven conversions and revenue per channel when fitted on every journey', () => {
    const probability = new Map(read('expected/path_summary.csv').map((r) => [r.transformed_path!, Number(r.conversions) / (Number(r.conversions) + Number(r.non_conversions))]));
    const credited = new Map<string, { conversions: number; revenue: number }>();
    for (const conversion of read('expected/paths_to_conversion.csv')) {
      for (const [channel, share] of shapley(conversion.transformed_path!.split(' > '), probability)) {
        const sums = credited.get(channel) ?? { conversions: 0, revenue: 0 };
        credited.set(channel, { conversions: sums.conversions + share, revenue: sums.revenue + share * Number(conversion.revenue) });
      }
    }
    for (const row of read('expected/channel_attribution.csv').filter((r) => r.ATTRIBUTION_TYPE === 'shapley')) {
      expect(credited.get(row.CHANNEL!)?.revenue ?? 0, row.CHANNEL).toBeCloseTo(Number(row.REVENUE), 2);
      expect(credited.get(row.CHANNEL!)?.conversions ?? 0, row.CHANNEL).toBeCloseTo(Number(row.CONVERSIONS), 2);
    }
  });

  it("gives each month's conversions the Shapley shares of that month's own summary", async () => {
    const summary = await collapsed.rows<{ order_month: string; path_text: string; probability: number; conversions_in_month: number }>(
      'select order_month, path_text, conversion_probability as probability, conversions_in_month::integer as conversions_in_month from int_attribution_path_summary',
    );
    const shares = await collapsed.rows<{ order_month: string; path_text: string; campaign: string; share: number }>(`
      select fits.order_month, summary.path_text, numbers.campaign, fits.share
      from int_attribution_data_driven as fits
      join int_attribution_path_summary as summary using (order_month, path_numbers)
      join int_attribution_campaign_numbers as numbers on numbers.number = fits.campaign_number`);
    const months = [...new Set(summary.map((r) => r.order_month))].sort();
    expect(months).toEqual(['2022-06', LAST_MONTH]);
    const expected: string[] = [];
    for (const month of months) {
      const probability = new Map(summary.filter((r) => r.order_month === month).map((r) => [r.path_text, Number(r.probability)]));
      for (const row of summary.filter((r) => r.order_month === month && r.conversions_in_month > 0)) {
        for (const [campaign, share] of shapley(row.path_text.split(' > '), probability)) expected.push(`${month}|${row.path_text}|${campaign}|${share.toFixed(12)}`);
      }
    }
    expect(shares.map((r) => `${r.order_month}|${r.path_text}|${r.campaign}|${Number(r.share).toFixed(12)}`).sort()).toEqual(expected.sort());
    // June's fit differs from the fit on every journey: Direct converts 2 in 20 by June's end, 3 in 28 in the end
    expect(summary.find((r) => r.order_month === '2022-06' && r.path_text === 'Direct')?.probability).toBeCloseTo(2 / 20, 12);
  });
});
