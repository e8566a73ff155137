// The fast attribution SQL gives exactly the credits of the plain reference
// implementation (test/reference/attribution.ts) on random small worlds:
// a few campaigns, up to eight customers whose touches crowd around
// daylight-saving changes and month ends (equal timestamps, repeats of one
// campaign, views), refunded, cancelled, coupon and utm-only orders, customers
// who never buy, several months (so the data-driven model's monthly fits and
// trailing window matter), and random settings.
//
// What "exactly" means (decided here, see also test/helpers/attribution-world.ts):
// - last touch, first touch, linear and position-based: the exact fractions give
//   every cent and every millionth of a conversion; the SQL must give the same.
// - time decay (weights 2^(-days / half-life) are irrational; the reference adds
//   them as doubles) and data-driven (exact fractions in the reference, shares
//   rounded to DECIMAL(18, 15) in the SQL): the same, except where a campaign's
//   exact units (share x cents, share x 1 000 000) lie within 1e-14 x the
//   conversion's units + 1e-12 of a unit of the midpoint between two millionths
//   (the SQL's shares are known to about 1e-15, so it may round there either
//   way); there the comparison accepts the allocation of either rounding, and
//   nothing else. Exact ties (equal shares) are never loosened: the campaign key
//   breaks them in both.
// - shares: within 1e-12 (the SQL's share column is a DOUBLE).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributionProject, differences, WorldRunner, worldFiles } from './helpers/attribution-world.ts';
import { localMonth, monthIndex, referenceAttribution, type ReferenceOrder, type ReferenceSettings, type ReferenceTouchpoint, type ReferenceWorld } from './reference/attribution.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

// instants near which a world's events crowd: the daylight-saving changes of its time zone
// (Berlin 29 March and 25 October 2026, New York 8 March and 1 November, Sydney 5 April
// and 4 October), and month ends, so that several months and the trailing window matter
const DST_CHANGES: Record<string, string[]> = {
  'Europe/Berlin': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'Australia/Sydney': ['2026-04-04T16:00:00Z', '2026-10-03T16:00:00Z'],
};
const MONTH_ENDS = ['2026-01-31T22:30:00Z', '2026-02-28T23:00:00Z', '2026-05-31T21:59:59Z', '2026-06-15T12:00:00Z', '2026-12-31T23:00:00Z'];
const anchorsOf = (timezone: string) => [...(DST_CHANGES[timezone] ?? []), ...(DST_CHANGES[timezone] ?? []), ...(DST_CHANGES[timezone] ?? []), ...MONTH_ENDS].map(Date.parse);

const KEYS = ['a', 'b', 'c', 'x'] as const;
// utm_campaign values: exact matches, other spellings of them, and values no campaign matches
const UTM_VALUES = ['camp_a', 'camp_b', 'camp_c', 'camp_x', ' CAMP_B', 'Camp_C', 'spring_sale', null] as const;
// half the worlds use two campaigns only: their customers take the same paths far more
// often, so that one customer's path is another's, or another's without one touch (the
// data-driven model looks both up)
const FEW_UTM_VALUES = ['camp_a', 'camp_b', ' CAMP_B'] as const;

const settingsArb: fc.Arbitrary<ReferenceSettings> = fc.record({
  timezone: fc.constantFrom('Europe/Berlin', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'UTC', 'Asia/Kolkata'),
  lookback_days: fc.constantFrom(0, 1, 1, 2, 3, 7, 30),
  lookback_basis: fc.constantFrom('time' as const, 'calendar_days' as const),
  count_views: fc.boolean(),
  path_transform: fc.constantFrom('none' as const, 'collapse_repeats' as const),
  time_decay_half_life_days: fc.constantFrom(0.5, 1, 2.5, 7, 30),
  position_based_first: fc.constant(0),
  position_based_last: fc.constant(0),
  data_driven_window_months: fc.constantFrom(1, 2, 2, 3, 3, 12),
}).chain((s) =>
  fc.constantFrom([0.4, 0.4], [0.3, 0.3], [0.5, 0.2], [0.25, 0.25], [0.2, 0.6], [1, 0], [0, 1], [0.5, 0.5], [0.333333, 0.333333]).map(([first, last]) => ({ ...s, position_based_first: first!, position_based_last: last! })),
);

/**
 * An instant near one of the world's anchors, on a half-hour grid (so that equal timestamps
 * are common), or a month or two after it (so that customers come back in later months,
 * where the data-driven fits and their trailing windows differ), as ISO text.
 */
const instantArb = (anchors: number[]) =>
  fc
    .record({ anchor: fc.constantFrom(...anchors), months: fc.constantFrom(0, 0, 0, 1, 2), halfHours: fc.integer({ min: -160, max: 160 }), seconds: fc.constantFrom(0, 0, 0, 1, 59) })
    .map(({ anchor, months, halfHours, seconds }) => new Date(anchor + months * 30 * DAY + halfHours * 30 * MINUTE + seconds * 1000).toISOString().replace('.000Z', 'Z'));

const worldArb: fc.Arbitrary<ReferenceWorld> = fc
  .record({
    settings: settingsArb,
    couponKey: fc.constantFrom(...KEYS),
    utmValues: fc.constantFrom<readonly (string | null)[]>(UTM_VALUES, FEW_UTM_VALUES),
  })
  .chain((world) => fc.uniqueArray(fc.constantFrom(...anchorsOf(world.settings.timezone)), { minLength: 1, maxLength: 3 }).map((anchors) => ({ ...world, anchors })))
  .chain(({ settings, anchors, couponKey, utmValues }) => {
    const at = instantArb(anchors);
    const touchArb = fc.record({
      at,
      utm: fc.constantFrom(...utmValues),
      view: fc.boolean(),
      // a second touch of the same campaign soon after (a repeat), or at the same instant
      repeat: fc.constantFrom(null, null, 0, 30, 1440),
    });
    const orderArb = fc.record({
      at,
      cents: fc.oneof(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(3939, 9000, 100, 1)),
      status: fc.constantFrom('paid', 'paid', 'paid', 'paid', 'partially_refunded', 'refunded', 'cancelled', 'pending'),
      refundShare: fc.double({ min: 0, max: 1, noNaN: true }),
      coupon: fc.constantFrom(null, null, null, null, 'own', 'unknown', 'lower'),
      utm: fc.constantFrom(null, null, 'campaign', 'source'),
      utmCampaign: fc.constantFrom(...UTM_VALUES),
      // at the same instant as a touch of the customer
      atTouch: fc.boolean(),
      // touches placed on the edges of the order's lookback window: exactly lookback_days x 24 h
      // before it, a second earlier, an hour either side (where a daylight-saving change
      // makes calendar days and elapsed time differ), later on the order's day
      edges: fc.array(fc.record({ edge: fc.constantFrom(0, -1000, 3_600_000, -3_600_000, -3_600_000, 'later' as const), utm: fc.constantFrom(...utmValues) }), { maxLength: 3 }),
    });
    const customerArb = fc.record({
      touches: fc.array(touchArb, { maxLength: 8 }),
      orders: fc.array(orderArb, { maxLength: 3 }),
    });
    return fc.record({ customers: fc.array(customerArb, { minLength: 1, maxLength: 8 }), orphanOrder: fc.option(orderArb, { freq: 4 }) }).map(({ customers, orphanOrder }) => {
      const campaigns = KEYS.map((key) => ({ campaign: key, match: `camp_${key}`, coupon_code: key === couponKey ? `CODE_${key.toUpperCase()}` : null }));
      const orders: ReferenceOrder[] = [];
      const touchpoints: ReferenceTouchpoint[] = [];
      const makeOrder = (o: typeof orderArb extends fc.Arbitrary<infer T> ? T : never, customer: string | null, id: string, touchAt?: string): ReferenceOrder => {
        const revenue = (o.cents / 100).toFixed(2);
        const refund = o.status === 'partially_refunded' ? (Math.floor(o.refundShare * (o.cents - 1)) / 100).toFixed(2) : o.status === 'refunded' ? revenue : null;
        return {
          order_id: id,
          ordered_at: o.atTouch && touchAt ? touchAt : o.at,
          customer_id: customer,
          revenue,
          status: o.status as ReferenceOrder['status'],
          refunded_amount: refund,
          coupon_code: o.coupon === 'own' ? `CODE_${couponKey.toUpperCase()}` : o.coupon === 'lower' ? ` code_${couponKey} ` : o.coupon === 'unknown' ? 'NOPE10' : null,
          utm_source: o.utm ? 'facebook' : null,
          utm_campaign: o.utm === 'campaign' ? o.utmCampaign : null,
        };
      };
      customers.forEach((c, i) => {
        const id = `k${i + 1}`;
        for (const t of c.touches) {
          touchpoints.push({ customer_id: id, occurred_at: t.at, utm_campaign: t.utm, interaction: t.view ? 'view' : 'click' });
          if (t.repeat !== null) {
            const later = new Date(Date.parse(t.at) + t.repeat * MINUTE).toISOString().replace('.000Z', 'Z');
            touchpoints.push({ customer_id: id, occurred_at: later, utm_campaign: t.utm, interaction: 'click' });
          }
        }
        c.orders.forEach((o, j) => {
          const order = makeOrder(o, id, `o${i + 1}-${j + 1}`, c.touches[j]?.at);
          orders.push(order);
          const orderedAt = Date.parse(order.ordered_at);
          for (const { edge, utm } of o.edges) {
            const touchAt = edge === 'later' ? orderedAt + 90 * MINUTE : orderedAt - settings.lookback_days * DAY + edge;
            touchpoints.push({ customer_id: id, occurred_at: new Date(touchAt).toISOString().replace('.000Z', 'Z'), utm_campaign: utm, interaction: 'click' });
          }
        });
      });
      if (orphanOrder) orders.push(makeOrder(orphanOrder, null, 'o-guest'));
      // the pipeline stops on an empty orders.csv or touchpoints.csv (a failed download, far more often than not)
      if (orders.length === 0) orders.push(makeOrder({ ...customers[0]!.orders[0] ?? defaultOrder, status: 'paid' }, 'k1', 'o-first'));
      if (touchpoints.length === 0) touchpoints.push({ customer_id: 'k1', occurred_at: orders[0]!.ordered_at, utm_campaign: 'camp_a', interaction: 'click' });
      return { settings, campaigns, orders, touchpoints };
    });
  });

// ATTRIBUTION_SEED and ATTRIBUTION_RUNS explore further worlds (a failure prints its world)
const SEED = Number(process.env.ATTRIBUTION_SEED ?? 20261025);
const RUNS = Number(process.env.ATTRIBUTION_RUNS ?? 100);

/** The UTC offset of an instant in a time zone, as Intl names it ("GMT+02:00"). */
const offsetAt = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')!.value;

/** What a world holds of the situations the property is about, counted with the reference. */
function situations(world: ReferenceWorld) {
  const result = referenceAttribution(world);
  const s = world.settings;
  const count: Record<string, number> = {};
  const add = (name: string, n = 1) => (count[name] = (count[name] ?? 0) + n);
  for (const c of result.conversions) {
    const names = new Set(c.path.map((t) => t.campaign));
    if (names.size > 1 && c.credited_by === 'touch') add('split conversions');
    if (c.credited_by === 'coupon') add('coupon conversions');
    if (c.credited_by === 'none') add('unattributed conversions');
    if (c.from_order_utm) add('utm-fallback conversions');
    if (c.conversion.customer_id === null) add('guest conversions');
    if (c.path.some((t, i) => i > 0 && t.at === c.path[i - 1]!.at && t.campaign !== c.path[i - 1]!.campaign)) add('same-instant touches of two campaigns');
    if (c.path.length < c.untransformed_length) add('repeats collapsed');
    if (c.path.some((t) => offsetAt(t.at, s.timezone) !== offsetAt(c.conversion.at, s.timezone)) && names.size > 1) add('split paths across a daylight-saving change');
    for (const model of ['time_decay', 'data_driven'] as const) {
      if (c.allowed[model].cents.length > 1 || c.allowed[model].micros.length > 1) add('near-midpoint roundings allowed either way');
    }
  }
  // touches of the order's customer within an hour of lookback_days x 24 h before it, with the offset changed in between
  for (const o of world.orders) {
    const start = Date.parse(o.ordered_at) - s.lookback_days * DAY;
    const near = world.touchpoints.some((t) => t.customer_id === o.customer_id && Math.abs(Date.parse(t.occurred_at) - start) <= 3_600_000);
    if (near && offsetAt(start, s.timezone) !== offsetAt(Date.parse(o.ordered_at), s.timezone)) add('touches at a lookback edge across a daylight-saving change');
  }
  if (result.summaries.size > 1) add('worlds with data-driven fits of several months');
  // a customer who converted in one month and touched again in a later one
  for (const c of result.conversions) {
    const later = world.touchpoints.some((t) => t.customer_id === c.conversion.customer_id && monthIndex(localMonth(Date.parse(t.occurred_at), s.timezone)) > monthIndex(c.conversion.order_month));
    if (later) add('customers touched again in a month after their conversion');
  }
  if ([...result.summaries.values()].some((summary) => [...summary.values()].some((r) => r.non_conversions > 0))) add('worlds with non-converting paths');
  return count;
}

const defaultOrder = { at: '2026-06-15T12:00:00Z', cents: 1000, status: 'paid', refundShare: 0, coupon: null, utm: null, utmCampaign: null, atTouch: false, edges: [] };

/** A world as the files of a given/ folder (test/attribution-cases/README.md), to paste into a new case. */
function describeWorld(world: ReferenceWorld): string {
  return Object.entries(worldFiles(world))
    .map(([name, text]) => `--- given/${name}\n${text.trimEnd()}`)
    .join('\n');
}

/** The worlds one step smaller: without one customer, one order or one touch (at least one of each left). */
function smallerWorlds(world: ReferenceWorld): ReferenceWorld[] {
  const out: ReferenceWorld[] = [];
  const customers = [...new Set([...world.orders.map((o) => o.customer_id), ...world.touchpoints.map((t) => t.customer_id)])];
  for (const customer of customers) {
    out.push({ ...world, orders: world.orders.filter((o) => o.customer_id !== customer), touchpoints: world.touchpoints.filter((t) => t.customer_id !== customer) });
  }
  world.orders.forEach((_, i) => out.push({ ...world, orders: world.orders.filter((__, j) => j !== i) }));
  world.touchpoints.forEach((_, i) => out.push({ ...world, touchpoints: world.touchpoints.filter((__, j) => j !== i) }));
  return out.filter((w) => w.orders.length > 0 && w.touchpoints.length > 0);
}

/**
 * A failing world made smaller, one customer, order or touch at a time, while the SQL and
 * the reference still disagree (at most `budget` runs of the SQL): fast-check's own
 * shrinking would run the SQL for hundreds of candidates.
 */
async function smallestFailing(world: ReferenceWorld, fails: (w: ReferenceWorld) => Promise<string[]>, budget = 80) {
  let smallest = world;
  let problems = await fails(world);
  let runs = 1;
  for (let shrunk = true; shrunk && runs < budget; ) {
    shrunk = false;
    for (const candidate of smallerWorlds(smallest)) {
      if (runs++ >= budget) break;
      const found = await fails(candidate);
      if (found.length) {
        [smallest, problems, shrunk] = [candidate, found, true];
        break;
      }
    }
  }
  return { world: smallest, problems };
}

describe('attribution SQL against the reference implementation', () => {
  let runner: WorldRunner;
  beforeAll(async () => {
    runner = await WorldRunner.open(await attributionProject());
  });
  afterAll(() => runner?.close());

  it('meets, in the worlds of its seed, every situation it is about', () => {
    const total: Record<string, number> = {};
    for (const world of fc.sample(worldArb, { seed: SEED, numRuns: RUNS })) {
      for (const [name, n] of Object.entries(situations(world))) total[name] = (total[name] ?? 0) + n;
    }
    console.log(`${RUNS} worlds:`, total);
    for (const name of [
      'split conversions', 'coupon conversions', 'unattributed conversions', 'utm-fallback conversions', 'guest conversions',
      'same-instant touches of two campaigns', 'repeats collapsed', 'split paths across a daylight-saving change',
      'touches at a lookback edge across a daylight-saving change', 'worlds with data-driven fits of several months', 'worlds with non-converting paths',
      'customers touched again in a month after their conversion',
    ]) expect(total[name] ?? 0, name).toBeGreaterThanOrEqual(Math.min(5, RUNS / 20));
  });

  it('gives every conversion exactly the reference credits under every model, on random worlds', async () => {
    const runs = RUNS;
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        const disagreements = async (w: ReferenceWorld) => differences(await runner.credits(worldFiles(w)), referenceAttribution(w));
        if ((await disagreements(world)).length === 0) return;
        const smallest = await smallestFailing(world, disagreements);
        throw new Error(
          `${smallest.problems.length} difference(s) in the smallest failing world found:\n${smallest.problems.slice(0, 12).join('\n')}\n${describeWorld(smallest.world)}`,
        );
      }),
      { seed: SEED, numRuns: runs, endOnFailure: true },
    );
  }, 600_000);
});
