// Touchpoints: visits with utm parameters and ad views, built backwards from each order
// (the deciding last click first, then earlier touches), plus journeys of visitors who
// never buy. Rows are kept in buckets per UTC day and written in time order once no
// later order can add to a bucket any more.

import { Rng } from './random.ts';
import type { Weighted } from './random.ts';
import { berlinDay, berlinToUtcMs, isoTimestamp, monthKey, DATA_END, DATA_START, DAY_MS } from './calendar.ts';
import { NEWSLETTER_UTM, ORGANIC_UTM, secondOfDay } from './brand.ts';
import type { Influencer, UtmPlan } from './brand.ts';
import { isLive } from './spend.ts';
import type { SpendPlan } from './spend.ts';
import type { FileSink } from './sink.ts';

export const TOUCHPOINTS_HEADER = [
  'customer_id', 'occurred_at', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'interaction',
] as const;

export interface Utm {
  source: string;
  medium: string;
  campaign: string;
  content: string;
}

export type Interaction = 'click' | 'view';

export interface TouchSource {
  label: string;
  isLive(day: number): boolean;
  viewShare: number;
  assistWeight: number;
  nonBuyerWeight: number;
  utm(day: number, rng: Rng): Utm;
}

function fromPlan(plan: UtmPlan, rng: Rng): Utm {
  return {
    source: rng.weighted(plan.sources),
    medium: plan.medium,
    campaign: plan.campaign,
    content: rng.pick(plan.contents),
  };
}

const inData = (day: number): boolean => day >= DATA_START && day <= DATA_END;

export interface SourceSet {
  all: TouchSource[];
  byPlan: Map<SpendPlan, TouchSource>;
  byInfluencer: Map<string, TouchSource>;
  organic: TouchSource;
  newsletter: TouchSource;
}

export function buildSources(plans: readonly SpendPlan[], influencers: readonly Influencer[]): SourceSet {
  const byPlan = new Map<SpendPlan, TouchSource>();
  for (const plan of plans) {
    const c = plan.campaign;
    byPlan.set(plan, {
      label: c.name,
      isLive: (day) => isLive(plan, day),
      viewShare: c.viewShare,
      assistWeight: c.assistWeight,
      nonBuyerWeight: c.nonBuyerWeight,
      utm: (_day, rng) => fromPlan(c.utm, rng),
    });
  }
  const byInfluencer = new Map<string, TouchSource>();
  for (const inf of influencers) {
    byInfluencer.set(inf.key, {
      label: inf.name,
      isLive: inData,
      viewShare: 0,
      assistWeight: inf.assistWeight,
      nonBuyerWeight: inf.nonBuyerWeight,
      utm: (_day, rng) => fromPlan(inf.utm, rng),
    });
  }
  const organic: TouchSource = {
    label: 'organic', isLive: inData, viewShare: 0, assistWeight: 15, nonBuyerWeight: 12,
    utm: (_day, rng) => fromPlan(ORGANIC_UTM, rng),
  };
  const newsletter: TouchSource = {
    label: 'newsletter', isLive: inData, viewShare: 0, assistWeight: 10, nonBuyerWeight: 8,
    utm: (day, rng) => ({
      source: rng.weighted(NEWSLETTER_UTM.sources),
      medium: NEWSLETTER_UTM.medium,
      campaign: `${NEWSLETTER_UTM.campaignPrefix}${monthKey(day).replace('-', '')}`,
      content: rng.pick(NEWSLETTER_UTM.contents),
    }),
  };
  const all = [...byPlan.values(), ...byInfluencer.values(), organic, newsletter];
  return { all, byPlan, byInfluencer, organic, newsletter };
}

function pickSource(rng: Rng, sources: readonly TouchSource[], day: number, weight: (s: TouchSource) => number): TouchSource | null {
  const live: [TouchSource, number][] = [];
  for (const s of sources) if (weight(s) > 0 && s.isLive(day)) live.push([s, weight(s)]);
  return live.length === 0 ? null : rng.weighted(live);
}

// ---------------------------------------------------------------- buffer

interface PendingTouch {
  ms: number;
  line: string;
}

const FIRST_MS = berlinToUtcMs(DATA_START, 0);
const LAST_MS = berlinToUtcMs(DATA_END + 1, 0) - 1000;

export class TouchBuffer {
  private readonly sink: FileSink;
  private readonly buckets = new Map<number, PendingTouch[]>();
  private flushedThrough = -Infinity;

  constructor(sink: FileSink) {
    this.sink = sink;
  }

  add(customer: string, ms: number, utm: Utm, interaction: Interaction): void {
    if (ms < FIRST_MS || ms > LAST_MS) return;
    const key = Math.floor(ms / DAY_MS);
    if (key <= this.flushedThrough) throw new Error(`touch at ${isoTimestamp(ms)} arrived after its day was written`);
    const line = [customer, isoTimestamp(ms), utm.source, utm.medium, utm.campaign, utm.content, interaction].join(',');
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = [];
      this.buckets.set(key, bucket);
    }
    bucket.push({ ms, line });
  }

  /** Writes every bucket up to and including UTC day `key`. */
  async flushThrough(key: number): Promise<void> {
    const keys = [...this.buckets.keys()].filter((k) => k <= key).sort((a, b) => a - b);
    for (const k of keys) {
      const bucket = this.buckets.get(k) ?? [];
      bucket.sort((a, b) => a.ms - b.ms || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
      for (const t of bucket) this.sink.rawLine(t.line, true);
      this.buckets.delete(k);
      await this.sink.drain();
    }
    this.flushedThrough = Math.max(this.flushedThrough, key);
  }

  async finish(): Promise<void> {
    await this.flushThrough(Infinity);
  }
}

// ---------------------------------------------------------------- journeys

/** How an order came about, seen from the touchpoints. */
export type Driver =
  | { kind: 'click'; source: TouchSource }
  | { kind: 'none' }
  | { kind: 'stale' };

/** Share of clicked orders placed in the session the last click opened (the order then carries its utms). */
const SESSION_SHARE = 0.75;
const EARLIER_TOUCHES: Weighted<number> = [[0, 35], [1, 25], [2, 18], [3, 12], [4, 10]];
const VISITOR_TOUCHES: Weighted<number> = [[1, 42], [2, 30], [3, 17], [4, 11]];
const LOOKBACK_MAX_MS = 45 * DAY_MS;

const wholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

export class JourneyBuilder {
  private readonly rng: Rng;
  private readonly sources: SourceSet;
  private readonly buffer: TouchBuffer;
  private readonly viewSources: TouchSource[];

  constructor(seed: number, sources: SourceSet, buffer: TouchBuffer) {
    this.rng = new Rng(seed, 'journeys');
    this.sources = sources;
    this.buffer = buffer;
    this.viewSources = sources.all.filter((s) => s.viewShare > 0);
  }

  /** Touches around one order; returns the utms of the landing session when the order came straight from the last click. */
  order(customer: string, orderMs: number, orderDay: number, driver: Driver): Utm | null {
    const rng = this.rng;
    let landing: Utm | null = null;
    if (driver.kind === 'stale') {
      // touched once, but longer ago than the 30-day lookback
      const n = rng.int(1, 3);
      for (let i = 0; i < n; i++) this.assist(customer, wholeSecond(orderMs - rng.uniform(31 * DAY_MS, LOOKBACK_MAX_MS)));
    } else if (driver.kind === 'click') {
      const src = driver.source;
      const dayStart = berlinToUtcMs(orderDay, 0);
      const session = rng.chance(SESSION_SHARE);
      let clickMs: number;
      if (session) {
        clickMs = orderMs - rng.int(120, 2400) * 1000;
        if (!src.isLive(berlinDay(clickMs))) clickMs = Math.max(clickMs, dayStart);
      } else {
        let lag = 0;
        while (lag < 20 && rng.chance(0.7)) lag++;
        let clickDay = orderDay - lag;
        while (clickDay < orderDay && (clickDay < DATA_START || !src.isLive(clickDay))) clickDay++;
        clickMs = clickDay === orderDay
          ? Math.max(dayStart, orderMs - rng.int(1800, 14400) * 1000)
          : berlinToUtcMs(clickDay, secondOfDay(rng));
      }
      const utm = src.utm(berlinDay(clickMs), rng);
      this.buffer.add(customer, clickMs, utm, 'click');
      if (session) landing = utm;
      const earlier = rng.weighted(EARLIER_TOUCHES);
      const lo = orderMs - LOOKBACK_MAX_MS;
      const hi = clickMs - 60_000;
      for (let i = 0; i < earlier && hi > lo; i++) this.assist(customer, wholeSecond(rng.uniform(lo, hi)));
      // an ad seen between the last click and the order: only counts when views count
      if (rng.chance(0.06) && orderMs - clickMs > 120_000) {
        const t = wholeSecond(rng.uniform(clickMs + 60_000, orderMs));
        const s = pickSource(rng, this.viewSources, berlinDay(t), (x) => x.assistWeight);
        if (s) this.buffer.add(customer, t, s.utm(berlinDay(t), rng), 'view');
      }
    }
    if (rng.chance(0.05)) {
      const t = orderMs + rng.int(3600, 7 * 86400) * 1000;
      const s = rng.chance(0.55) ? this.sources.organic : this.sources.newsletter;
      this.buffer.add(customer, t, s.utm(berlinDay(t), rng), 'click');
    }
    return landing;
  }

  /** Someone who never buys: 1-4 touches in the three weeks up to `day`. */
  visitor(customer: string, day: number): void {
    const rng = this.rng;
    const n = rng.weighted(VISITOR_TOUCHES);
    for (let i = 0; i < n; i++) {
      const d = day - rng.int(0, 20);
      if (d < DATA_START) continue;
      const t = berlinToUtcMs(d, secondOfDay(rng));
      const s = pickSource(rng, this.sources.all, d, (x) => x.nonBuyerWeight) ?? this.sources.organic;
      this.buffer.add(customer, t, s.utm(d, rng), rng.chance(s.viewShare) ? 'view' : 'click');
    }
  }

  private assist(customer: string, ms: number): void {
    const day = berlinDay(ms);
    if (day < DATA_START) return;
    const s = pickSource(this.rng, this.sources.all, day, (x) => x.assistWeight) ?? this.sources.organic;
    this.buffer.add(customer, ms, s.utm(day, this.rng), this.rng.chance(s.viewShare) ? 'view' : 'click');
  }
}
