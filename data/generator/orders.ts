// Orders, day by day. Each order has a driver: a platform campaign (drawn from that day's
// spend x the campaign's target ROAS), an influencer (coupon code), or the shop's base
// demand (organic search, newsletter, direct). Its journey is then built backwards.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Rng } from './random.ts';
import type { Weighted } from './random.ts';
import {
  berlinToUtcMs, daysInMonth, monthsBetween, ymd, DATA_END, DATA_START, DAY_MS,
} from './calendar.ts';
import {
  growth, retailSeason, retailShape, retailWeekday, secondOfDay, AVG_DAYS_PER_MONTH, BASE_ORDERS_PER_MONTH,
  NON_BUYERS_PER_MONTH,
} from './brand.ts';
import type { Brand, Influencer } from './brand.ts';
import { CustomerRegistry, person } from './customers.ts';
import { cutDay, FileSink } from './sink.ts';
import { ShopifyOrderWriter } from './shopify.ts';
import type { FileSummary } from './sink.ts';
import { DAY_COUNT, isPortfolio } from './spend.ts';
import type { SpendPlan } from './spend.ts';
import { buildSources, JourneyBuilder, TouchBuffer, TOUCHPOINTS_HEADER } from './touchpoints.ts';
import type { Driver } from './touchpoints.ts';
import type { FxTable } from './formats/ecb.ts';

type Status = 'paid' | 'partially_refunded' | 'refunded' | 'cancelled';
const STATUSES: Weighted<Status> = [['paid', 88], ['partially_refunded', 5], ['refunded', 4], ['cancelled', 3]];
/** Expected net revenue per gross euro after refunds and cancellations (partial refunds average ~35%). */
const NET_SHARE = 0.88 + 0.05 * 0.625;
const REPEAT_SHARE = 0.44;
const WELCOME_CODE = 'WILLKOMMEN10';
/** Non-buying visitors per live portfolio campaign and platform, per day at season 1. */
const PORTFOLIO_VISITORS_PER_CAMPAIGN_DAY = 4.9;
const BASE_DRIVERS: Weighted<'organic' | 'newsletter' | 'none' | 'stale'> = [
  ['organic', 27], ['newsletter', 12], ['none', 50], ['stale', 11],
];

interface Draft {
  ms: number;
  driver: Driver;
  basketMean: number;
  coupon: string;
}

export interface OrderContext {
  out: string;
  seed: number;
  scale: number;
  brand: Brand;
  plans: readonly SpendPlan[];
  fx: FxTable;
}

/** Basket in EUR: log-normal around the campaign's mean, within 25-140. */
function basket(rng: Rng, mean: number): number {
  const sigma = mean > 80 ? 0.22 : 0.38;
  const median = mean / Math.exp((sigma * sigma) / 2);
  for (let i = 0; i < 20; i++) {
    const x = median * Math.exp(sigma * rng.normal());
    if (x >= 25 && x <= 140) return x;
  }
  return Math.min(140, Math.max(25, median));
}

/** Expected coupon orders per day: a fixed share plus bursts after each post, summing to fee x ROAS per month. */
function influencerDemand(inf: Influencer, rng: Rng): Float64Array {
  const kernel = new Float64Array(DAY_COUNT);
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    const { y, m } = ymd(month.start);
    const full = daysInMonth(y, m);
    for (let p = 0; p < inf.postsPerMonth; p++) {
      const post = month.start + rng.int(0, full - 1);
      for (let k = 0; k <= 10; k++) {
        const i = post + k - DATA_START;
        if (i < DAY_COUNT) kernel[i] = (kernel[i] ?? 0) + 0.6 ** k;
      }
    }
  }
  const demand = new Float64Array(DAY_COUNT);
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    const { y, m } = ymd(month.start);
    const covered = (month.end - month.start + 1) / daysInMonth(y, m);
    let sum = 0;
    for (let d = month.start; d <= month.end; d++) sum += 0.25 + (kernel[d - DATA_START] ?? 0);
    const revenue = inf.monthlyFee * inf.roas * retailSeason(month.start) * growth(month.start) * covered;
    for (let d = month.start; d <= month.end; d++) {
      demand[d - DATA_START] = ((0.25 + (kernel[d - DATA_START] ?? 0)) / sum) * (revenue / (55 * NET_SHARE));
    }
  }
  return demand;
}

/** With --as-of: the folder (inside the output) that holds the uncut orders.csv and touchpoints.csv while GA4 is written. */
export const FULL_FOLDER = '.as-of-full';

export async function writeOrdersAndTouchpoints(ctx: OrderContext): Promise<FileSummary[]> {
  const { out, seed, scale, brand, plans, fx } = ctx;
  const rng = new Rng(seed, 'orders');
  const orders = new FileSink(join(out, 'orders.csv'), 'orders.csv', { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' });
  const touchSink = new FileSink(join(out, 'touchpoints.csv'), 'touchpoints.csv', {
    encoding: 'utf8', bom: false, delimiter: ',', eol: '\n',
  });
  // --as-of: the full files beside the cut ones, for the GA4 writer (generate.ts removes them)
  const full = cutDay() === null ? null : join(out, FULL_FOLDER);
  if (full) {
    await mkdir(full, { recursive: true });
    orders.tee = new FileSink(join(full, 'orders.csv'), 'orders.csv', { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' });
    touchSink.tee = new FileSink(join(full, 'touchpoints.csv'), 'touchpoints.csv', { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' });
  }
  const shopify = new ShopifyOrderWriter(seed, orders);
  touchSink.line(TOUCHPOINTS_HEADER);
  const sources = buildSources(plans, brand.influencers);
  // touchpoints are keyed by the customer's e-mail address, the one customer key a Shopify export has
  const buffer = new TouchBuffer(touchSink, (n) => person(seed, n).email);
  const journeys = new JourneyBuilder(seed, sources, buffer);
  const customers = new CustomerRegistry();
  const postRng = new Rng(seed, 'influencer-posts');
  const influencerDemands = brand.influencers.map((inf) => ({ inf, demand: influencerDemand(inf, postRng) }));
  let orderNumber = 100000;
  const portfolio = plans.filter(isPortfolio);

  for (let day = DATA_START; day <= DATA_END; day++) {
    const i = day - DATA_START;
    orders.at(day);
    const drafts: Draft[] = [];
    const add = (n: number, driver: () => Driver, basketMean: number, coupon: string): void => {
      for (let k = 0; k < n; k++) {
        drafts.push({ ms: berlinToUtcMs(day, secondOfDay(rng)), driver: driver(), basketMean, coupon });
      }
    };
    for (const plan of plans) {
      const eur = plan.eur[i] ?? 0;
      if (eur <= 0) continue;
      const c = plan.campaign;
      const source = sources.byPlan.get(plan);
      if (!source) continue;
      add(rng.poisson((eur * c.roas) / (c.basketMean * NET_SHARE)), () => ({ kind: 'click', source }), c.basketMean, '');
    }
    for (const { inf, demand } of influencerDemands) {
      const source = sources.byInfluencer.get(inf.key);
      if (!source) continue;
      const driver = (): Driver => (rng.chance(inf.clickShare) ? { kind: 'click', source } : { kind: 'none' });
      add(rng.poisson(demand[i] ?? 0), driver, 55, inf.coupon);
    }
    const level = scale * retailSeason(day) * growth(day) * retailShape(day) * retailWeekday(day) / AVG_DAYS_PER_MONTH;
    add(rng.poisson(BASE_ORDERS_PER_MONTH * level), () => {
      const kind = rng.weighted(BASE_DRIVERS);
      if (kind === 'organic') return { kind: 'click', source: sources.organic };
      if (kind === 'newsletter') return { kind: 'click', source: sources.newsletter };
      return { kind };
    }, 55, '');

    drafts.sort((a, b) => a.ms - b.ms);
    // Orders just after midnight on the 1st: still the previous month in UTC.
    const first = drafts[0];
    if (ymd(day).d === 1 && first && first.ms >= berlinToUtcMs(day, 3600)) first.ms = berlinToUtcMs(day, rng.int(300, 3300));

    for (const draft of drafts) {
      orderNumber++;
      const { n, returning } = customers.buyer(rng, REPEAT_SHARE, day);
      const who = person(seed, n);
      const status = rng.weighted(STATUSES);
      const rate = who.swiss ? fx.rate('CHF', day) : 1;
      const revenue = Math.round(basket(rng, draft.basketMean) * rate * 100);
      const refundedNet = status === 'partially_refunded' ? Math.min(revenue - 1, Math.round(revenue * rng.uniform(0.15, 0.6))) : 0;
      const coupon = draft.coupon || (!returning && rng.chance(0.08) ? WELCOME_CODE : '');
      // A Shopify export has no utm fields: the landing click is only in touchpoints.csv.
      journeys.order(n, draft.ms, day, draft.driver);
      shopify.write({
        orderNumber, createdMs: draft.ms, email: who.email, name: who.name, swiss: who.swiss, currency: who.swiss ? 'CHF' : 'EUR',
        status, netCents: revenue, refundedNetCents: refundedNet, coupon,
      });
    }

    const visitors = rng.poisson(NON_BUYERS_PER_MONTH * level);
    for (let k = 0; k < visitors; k++) journeys.visitor(customers.create(), day);
    if (portfolio.length > 0) {
      // people the portfolio reaches who never buy, in proportion to its live platform campaigns
      let live = 0;
      for (const plan of portfolio) if ((plan.eur[i] ?? 0) > 0) live++;
      const reached = rng.poisson(PORTFOLIO_VISITORS_PER_CAMPAIGN_DAY * live * retailSeason(day) * retailWeekday(day));
      for (let k = 0; k < reached; k++) journeys.portfolioVisitor(customers.create(), day);
    }

    await buffer.flushThrough(Math.floor(berlinToUtcMs(day, 0) / DAY_MS) - 48);
    await orders.drain();
  }
  await buffer.finish();
  return [await orders.close(), await touchSink.close()];
}
