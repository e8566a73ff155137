// Every attribution model on small cases whose credit is worked out by hand.
// T is the order time; touches are placed in days before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { pseudonymIn } from './helpers/pseudonym.ts';
import { csv, filledWarehouse } from './helpers/warehouse.ts';

const T = Date.parse('2026-10-15T12:00:00Z');
const DAY = 86_400_000;
const at = (daysBefore: number, extraMs = 0) => new Date(T - daysBefore * DAY + extraMs).toISOString().replace('.000Z', 'Z');

const CAMPAIGNS = csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
  ['a', 'A', 'Meta', 'conversion', null, null, 'camp_a'],
  ['b', 'B', 'Meta', 'conversion', null, null, 'camp_b'],
  ['c', 'C', 'LinkedIn', 'conversion', null, null, 'camp_c'],
  ['d', 'D', 'LinkedIn', 'conversion', null, null, 'camp_d'],
  ['e', 'E', 'Influencer', 'conversion', 'Erika', 'ECODE', 'camp_e'],
]);

interface Case {
  order: string;
  revenue: string;
  touches: [campaign: string, occurredAt: string][];
  coupon?: string;
  orderedAt?: string;
}

const CASES: Record<string, Case> = {
  one: { order: 'one', revenue: '100.00', touches: [['a', at(1)]] },
  two: { order: 'two', revenue: '100.00', touches: [['a', at(10)], ['b', at(3)]] },
  // 14, 7 and 0 days apart from the order's side: time-decay weights 1 : 2 : 4.
  three: { order: 'three', revenue: '90.00', touches: [['a', at(15)], ['b', at(8)], ['c', at(1)]] },
  five: { order: 'five', revenue: '100.00', touches: [['a', at(29)], ['b', at(20)], ['c', at(10)], ['d', at(5)], ['e', at(1)]] },
  // 39.39 under position based: 1575.6, 262.6, 262.6, 262.6, 1575.6 cents, five equal fractions for three cents.
  fiveTied: { order: 'five-tied', revenue: '39.39', touches: [['a', at(29)], ['b', at(20)], ['c', at(10)], ['d', at(5)], ['e', at(1)]] },
  tie: { order: 'tie', revenue: '50.00', touches: [['b', at(2)], ['a', at(2)]] },
  boundary: { order: 'boundary', revenue: '40.00', touches: [['b', at(30, -1000)], ['a', at(30)]] },
  after: { order: 'after', revenue: '30.00', touches: [['a', at(2)], ['b', at(0, 3_600_000)]] },
  repeated: { order: 'repeated', revenue: '60.00', touches: [['a', at(3)], ['a', at(2)], ['b', at(1)]] },
  coupon: { order: 'coupon', revenue: '70.00', touches: [['b', at(1)]], coupon: 'ecode' },
  none: { order: 'none', revenue: '20.00', touches: [] },
  // Berlin leaves summer time on 25 October. A time-based lookback is elapsed time: 30 x 24 hours
  // before 13:00 CET on 10 November is 14:00 CEST on 11 October (12:00 UTC), not 13:00 CEST, the
  // same clock time 30 calendar days earlier (which c, at 11:00 UTC, would have been inside).
  acrossDst: {
    order: 'across-dst',
    revenue: '40.00',
    orderedAt: '2026-11-10T12:00:00Z',
    touches: [['c', '2026-10-11T11:00:00Z'], ['b', '2026-10-11T11:59:59Z'], ['a', '2026-10-11T12:00:00Z']],
  },
};

function dataFiles(settings: Record<string, unknown> = {}) {
  const orders: (string | null)[][] = [];
  const touchpoints: (string | null)[][] = [];
  for (const [customer, c] of Object.entries(CASES)) {
    orders.push([c.order, c.orderedAt ?? at(0), customer, c.revenue, 'EUR', 'paid', null, c.coupon ?? null]);
    for (const [campaign, occurredAt] of c.touches) touchpoints.push([customer, occurredAt, 'facebook', 'paid_social', `camp_${campaign}`, 'click']);
  }
  // A customer who buys twice: the second order's window still holds the first touch.
  orders.push(['twice-1', at(4), 'twice', '100.00', 'EUR', 'paid', null, null], ['twice-2', at(0), 'twice', '50.00', 'EUR', 'paid', null, null]);
  touchpoints.push(['twice', at(9), 'facebook', 'paid_social', 'camp_a', 'click'], ['twice', at(2), 'facebook', 'paid_social', 'camp_b', 'click']);
  // Refunded in part after the month ended: only the net amount counts, in the order's month.
  orders.push(['refund', at(0), 'refund', '100.00', 'EUR', 'partially_refunded', '30.00', null]);
  touchpoints.push(['refund', at(1), 'facebook', 'paid_social', 'camp_c', 'click']);
  // Cancelled and fully refunded orders earn nobody anything.
  orders.push(['cancelled', at(0), 'cancelled', '80.00', 'EUR', 'cancelled', null, null], ['refunded', at(0), 'refunded', '80.00', 'EUR', 'refunded', '80.00', null]);
  touchpoints.push(['cancelled', at(1), 'facebook', 'paid_social', 'camp_d', 'click']);
  return {
    'report.json': JSON.stringify({ currency: 'EUR', timezone: 'Europe/Berlin', gross_margin: 0.5, lookback_days: 30, ...settings }),
    'campaigns.csv': CAMPAIGNS,
    'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status,refunded_amount,coupon_code', orders),
    'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', touchpoints),
  };
}

type Credits = Record<string, Record<string, [revenue: number, conversions: number]>>;

async function creditsOf(warehouse: Warehouse): Promise<Record<string, Credits>> {
  const rows = await warehouse.rows<{ order_id: string; model: string; campaign: string; revenue: number; conversions: number }>(
    'select order_id, model, campaign, revenue_credit::double as revenue, conversion_credit::double as conversions from int_attribution_credits order by all',
  );
  const out: Record<string, Credits> = {};
  for (const r of rows) ((out[r.order_id] ??= {})[r.model] ??= {})[r.campaign] = [r.revenue, r.conversions];
  return out;
}

const RULE_MODELS = ['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay'] as const;

describe('attribution models', () => {
  let warehouse: Warehouse;
  let credits: Record<string, Credits>;
  beforeAll(async () => {
    warehouse = await filledWarehouse(dataFiles());
    credits = await creditsOf(warehouse);
  });
  afterAll(() => warehouse?.close());

  it('gives a single touch all credit under every model', () => {
    for (const model of [...RULE_MODELS, 'data_driven']) expect(credits.one?.[model], model).toEqual({ a: [100, 1] });
  });

  it('splits two touches as each model says', () => {
    const two = credits.two!;
    expect(two.last_touch).toEqual({ b: [100, 1] });
    expect(two.first_touch).toEqual({ a: [100, 1] });
    expect(two.linear).toEqual({ a: [50, 0.5], b: [50, 0.5] });
    expect(two.position_based).toEqual({ a: [50, 0.5], b: [50, 0.5] });
    // 10 and 3 days before: weights 2^(-10/7) : 2^(-3/7) = 1 : 2.
    expect(two.time_decay).toEqual({ a: [33.33, 0.333333], b: [66.67, 0.666667] });
  });

  it('splits three touches, rounding to the cent by largest remainder', () => {
    const three = credits.three!;
    expect(three.last_touch).toEqual({ c: [90, 1] });
    expect(three.first_touch).toEqual({ a: [90, 1] });
    // The millionth left over goes to the first campaign key among equal fractions.
    expect(three.linear).toEqual({ a: [30, 0.333334], b: [30, 0.333333], c: [30, 0.333333] });
    expect(three.position_based).toEqual({ a: [36, 0.4], b: [18, 0.2], c: [36, 0.4] });
    // 1/7, 2/7, 4/7 of 90.00 = 12.857…, 25.714…, 51.428…: floors 89.98, the two cents left
    // go to the largest fractions (c .857, then a .714).
    expect(three.time_decay).toEqual({ a: [12.86, 0.142857], b: [25.71, 0.285714], c: [51.43, 0.571429] });
  });

  it('gives the middle of five touches 20 % between them under position based', () => {
    const five = credits.five!;
    expect(five.position_based).toEqual({ a: [40, 0.4], b: [6.67, 0.066667], c: [6.67, 0.066667], d: [6.66, 0.066666], e: [40, 0.4] });
    expect(five.linear).toEqual({ a: [20, 0.2], b: [20, 0.2], c: [20, 0.2], d: [20, 0.2], e: [20, 0.2] });
    expect(five.last_touch).toEqual({ e: [100, 1] });
    expect(five.first_touch).toEqual({ a: [100, 1] });
  });

  it('gives the cents left over to the first campaign keys when the fractions are equal', () => {
    // The shares 0.4 and 0.2 / 3 are not exact in binary or to 15 places; the rule still sees five equal fractions.
    expect(credits['five-tied']?.position_based).toEqual({ a: [15.76, 0.4], b: [2.63, 0.066667], c: [2.63, 0.066667], d: [2.62, 0.066666], e: [15.75, 0.4] });
  });

  it('orders touches at the same moment by campaign key', () => {
    expect(credits.tie?.first_touch).toEqual({ a: [50, 1] });
    expect(credits.tie?.last_touch).toEqual({ b: [50, 1] });
  });

  it('counts a touch exactly lookback_days before the order, and not a second earlier', () => {
    for (const model of RULE_MODELS) expect(credits.boundary?.[model], model).toEqual({ a: [40, 1] });
  });

  it('measures a time-based lookback window in elapsed hours across a daylight saving change', () => {
    for (const model of RULE_MODELS) expect(credits['across-dst']?.[model], model).toEqual({ a: [40, 1] });
  });

  it('ignores a touch after the order', () => {
    for (const model of RULE_MODELS) expect(credits.after?.[model], model).toEqual({ a: [30, 1] });
  });

  it('adds up the shares of a campaign that repeats in the path', () => {
    const repeated = credits.repeated!;
    expect(repeated.linear).toEqual({ a: [40, 0.666667], b: [20, 0.333333] });
    expect(repeated.position_based).toEqual({ a: [36, 0.6], b: [24, 0.4] });
    expect(repeated.first_touch).toEqual({ a: [60, 1] });
  });

  it('gives a coupon order to the coupon campaign under every model, whatever the touches', () => {
    for (const model of [...RULE_MODELS, 'data_driven']) expect(credits.coupon?.[model], model).toEqual({ e: [70, 1] });
  });

  it('puts an order without a touch on unattributed under every model', () => {
    for (const model of [...RULE_MODELS, 'data_driven']) expect(credits.none?.[model], model).toEqual({ unattributed: [20, 1] });
  });

  it('lets a second purchase use the touches before the first', () => {
    expect(credits['twice-1']?.last_touch).toEqual({ a: [100, 1] });
    expect(credits['twice-2']?.last_touch).toEqual({ b: [50, 1] });
    expect(credits['twice-2']?.linear).toEqual({ a: [25, 0.5], b: [25, 0.5] });
  });

  it('credits only net revenue, and nothing for cancelled or refunded orders', async () => {
    expect(credits.refund?.last_touch).toEqual({ c: [70, 1] });
    expect(credits.cancelled).toBeUndefined();
    expect(credits.refunded).toBeUndefined();
  });

  it('reconciles every model to the net revenue, to the cent', async () => {
    const rows = await warehouse.rows<{ model: string; credited: number; net: number }>(`
      select model, sum(revenue)::double as credited, (select sum(net_revenue) from int_orders_net)::double as net
      from attribution group by model order by model`);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row.credited, row.model).toBe(row.net);
    expect(rows[0]?.net).toBe(100 + 100 + 90 + 100 + 39.39 + 50 + 40 + 30 + 60 + 70 + 20 + 40 + 100 + 50 + 70);
  });

  it('adds each conversion up to its cents and to one conversion under every model, one row per model', async () => {
    const rows = await warehouse.rows<{ order_id: string; model: string; order_cents: number; campaigns: number; cents: number; micros: number }>(`
      select order_id, model, round(any_value(net_revenue) * 100)::double as order_cents, count(*)::integer as campaigns,
        sum(cents)::double as cents, sum(micros)::double as micros
      from int_attribution_conversion_credits
      inner join int_orders_net using (order_id)
      group by order_id, model`);
    const models = [...RULE_MODELS, 'data_driven'];
    expect(rows.length).toBe(Object.keys(credits).length * models.length);
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set(models));
    expect(rows.some((r) => r.campaigns > 2)).toBe(true);
    for (const row of rows) {
      expect(row.cents, `${row.order_id} ${row.model}`).toBe(row.order_cents);
      expect(row.micros, `${row.order_id} ${row.model}`).toBe(1_000_000);
    }
  });
});

describe('utm normalisation', () => {
  it('maps utm_campaign values whatever their case and surrounding spaces, Unicode spaces included', async () => {
    const values = ['camp_a', ' CAMP_A', 'Camp_A  ', '\u00a0camp_a', 'camp_a\u3000', 'camp_a\t', 'camp_ä '];
    const warehouse = await filledWarehouse({
      'campaigns.csv': CAMPAIGNS,
      'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [['o1', at(0), 'k1', '10.00', 'EUR', 'paid']]),
      'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', values.map((v) => ['k1', at(1), 'facebook', 'paid_social', v, 'click'])),
    });
    const rows = await warehouse.rows<{ utm_campaign: string; campaign: string }>('select utm_campaign, campaign from int_touchpoints_mapped order by source_line');
    warehouse.close();
    // DuckDB's trim() removes spaces, Unicode ones too, but not a tab
    expect(rows.map((r) => [r.utm_campaign, r.campaign])).toEqual([
      ['camp_a', 'a'], ['camp_a', 'a'], ['camp_a', 'a'], ['camp_a', 'a'], ['camp_a', 'a'], ['camp_a\t', 'unmapped'], ['camp_ä', 'unmapped'],
    ]);
  });
});

describe('attribution settings', () => {
  it('collapses repeats of a campaign with path_transform collapse_repeats', async () => {
    const warehouse = await filledWarehouse(dataFiles({ path_transform: 'collapse_repeats' }));
    const credits = await creditsOf(warehouse);
    warehouse.close();
    expect(credits.repeated?.linear).toEqual({ a: [30, 0.5], b: [30, 0.5] });
    expect(credits.repeated?.first_touch).toEqual({ a: [60, 1] });
  });

  it('counts whole calendar days with lookback_basis calendar_days, and views with count_views', async () => {
    const files = dataFiles({ lookback_basis: 'calendar_days', count_views: true });
    files['touchpoints.csv'] += `after,${at(0, 3_600_000)},youtube,paid_video,camp_d,view\n`;
    // A customer who never buys: the window ends with the last touch's day.
    files['touchpoints.csv'] += [
      `never,${at(31)},facebook,paid_social,camp_c,click`,
      `never,${at(30, -1000)},facebook,paid_social,camp_b,click`,
      `never,${at(0)},facebook,paid_social,camp_a,view`,
    ].join('\n') + '\n';
    const warehouse = await filledWarehouse(files);
    const credits = await creditsOf(warehouse);
    const [never] = await warehouse.rows<{ path: string }>(
      'select summary.path_text as path from int_attribution_non_conversion_paths join int_attribution_path_summary as summary using (path_numbers) where customer_id::varchar = $customer',
      { customer: (await pseudonymIn(warehouse))('never') },
    );
    warehouse.close();
    expect(never?.path).toBe('b > a');
    // One second beyond 30 × 24 h is still 30 calendar days before the order's day.
    expect(credits.boundary?.first_touch).toEqual({ b: [40, 1] });
    // Later on the order's day counts on a calendar-day basis (as Fractribution does), views included.
    expect(credits.after?.last_touch).toEqual({ d: [30, 1] });
  });
});

describe('data-driven attribution', () => {
  // Paths and outcomes: [a] 1 conversion / 1 not; [b] 1 / 3; [a, b] 1 / 0; [c] 1 / 0; [a, c] 1 / 1.
  const paths: [customer: string, campaigns: string[], converts: boolean][] = [
    ['a1', ['a'], true], ['a2', ['a'], false],
    ['b1', ['b'], true], ['b2', ['b'], false], ['b3', ['b'], false], ['b4', ['b'], false],
    ['ab1', ['a', 'b'], true],
    ['c1', ['c'], true],
    ['ac1', ['a', 'c'], true], ['ac2', ['a', 'c'], false],
  ];
  let credits: Record<string, Credits>;
  beforeAll(async () => {
    const orders: (string | null)[][] = [];
    const touches: (string | null)[][] = [];
    for (const [customer, campaigns, converts] of paths) {
      if (converts) orders.push([`o-${customer}`, at(0), customer, '100.00', 'EUR', 'paid']);
      campaigns.forEach((campaign, i) => touches.push([customer, at(10 - i), 'facebook', 'paid_social', `camp_${campaign}`, 'click']));
    }
    const warehouse = await filledWarehouse({
      'campaigns.csv': CAMPAIGNS,
      'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', orders),
      'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', touches),
    });
    credits = await creditsOf(warehouse);
    warehouse.close();
  });

  it('weighs each touch by how much the path converts better with it than without it', () => {
    // P(a, b) = 1, P(b) = 1/4, P(a) = 1/2: a earns 1 - 1/4 = 0.75, b earns 1 - 1/2 = 0.5; normalised 0.6 and 0.4.
    expect(credits['o-ab1']?.data_driven).toEqual({ a: [60, 0.6], b: [40, 0.4] });
  });

  it('gives the last touch everything when no touch adds anything', () => {
    // P(a, c) = 1/2, P(c) = 1, P(a) = 1/2: both differences are at most 0.
    expect(credits['o-ac1']?.data_driven).toEqual({ c: [100, 1] });
  });
});

describe('currency', () => {
  const files = (fx: string) => ({
    'campaigns.csv': CAMPAIGNS,
    'fx.csv': fx,
    'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [
      // Saturday 17 October 2026, 10:00 in Berlin: Friday's fixing applies.
      ['usd-saturday', '2026-10-17T08:00:00Z', 'k1', '120.00', 'USD', 'paid'],
    ]),
  });

  it('converts at the last fixing before a weekend', async () => {
    const warehouse = await filledWarehouse(files('Date,USD,CHF,\n2026-10-19,1.5000,0.9000,\n2026-10-16,1.2000,0.9000,\n'));
    const [row] = await warehouse.rows<{ net: number; factor: number }>("select net_revenue::double as net, report_factor::double as factor from int_orders_net where order_id = 'usd-saturday'");
    warehouse.close();
    expect(row?.net).toBe(100);
    expect(row?.factor).toBeCloseTo(1 / 1.2, 10);
  });

  it('fails the build naming currency and day when no rate is known', async () => {
    await expect(filledWarehouse(files('Date,CHF,\n2026-10-16,0.9000,\n'))).rejects.toThrow(/1 data test failed/);
    const error = await filledWarehouse(files('Date,CHF,\n2026-10-16,0.9000,\n')).catch((e: { details: string[] }) => e);
    expect((error as { details: string[] }).details.join('\n')).toContain('amount=order, source_file=orders.csv, source_line=2, currency=USD, day=2026-10-17');
  });
});
