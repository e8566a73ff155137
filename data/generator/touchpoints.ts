// Touchpoints: visits with utm parameters and ad views, built backwards from each order
// (the deciding last click first, then earlier touches), plus journeys of visitors who
// never buy. Rows are kept in buckets per UTC day and written in time order once no
// later order can add to a bucket any more.

import { Rng } from './random.ts';
import type { Weighted } from './random.ts';
import { berlinDay, berlinToUtcMs, isoDay, isoTimestamp, monthKey, DATA_END, DATA_START, DAY_MS } from './calendar.ts';
import { customerId } from './customers.ts';
import { NEWSLETTER_UTM, ORGANIC_UTM, secondOfDay } from './brand.ts';
import type { Influencer, UtmPlan } from './brand.ts';
import { isLive } from './spend.ts';
import type { SpendPlan } from './spend.ts';
import { cutDay } from './sink.ts';
import type { FileSink } from './sink.ts';

export const TOUCHPOINTS_HEADER = [
  'customer_id', 'occurred_at', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'interaction',
] as const;

export interface Utm {
  source: string;
  medium: string;
  campaign: string;
  content: string;
  /** `source,medium,campaign,content`, as the touchpoints file writes them */
  text: string;
  /** index in UTMS */
  id: number;
}

/** Every utm combination handed out, by id (the touch buffer keeps ids, not objects). */
const UTMS: Utm[] = [];

function makeUtm(source: string, medium: string, campaign: string, content: string): Utm {
  const utm = { source, medium, campaign, content, text: `${source},${medium},${campaign},${content}`, id: UTMS.length };
  UTMS.push(utm);
  return utm;
}

/**
 * The utm values of one plan, drawn as before (a weighted source, then a content) but
 * handed out as shared objects, so that millions of touches hold no copies.
 */
function utmDrawer(plan: UtmPlan): (rng: Rng) => Utm {
  const table = plan.sources.map(([source]) => plan.contents.map((content) => makeUtm(source, plan.medium, plan.campaign, content)));
  return (rng) => {
    const bySource = table[rng.weightedIndex(plan.sources)];
    const utm = bySource?.[rng.pickIndex(plan.contents.length)];
    if (!utm) throw new Error(`no utm values to draw for ${plan.campaign}`);
    return utm;
  };
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
    const draw = utmDrawer(c.utm);
    byPlan.set(plan, {
      label: c.name,
      isLive: (day) => isLive(plan, day),
      viewShare: c.viewShare,
      assistWeight: c.assistWeight,
      nonBuyerWeight: c.nonBuyerWeight,
      utm: (_day, rng) => draw(rng),
    });
  }
  const byInfluencer = new Map<string, TouchSource>();
  for (const inf of influencers) {
    const draw = utmDrawer(inf.utm);
    byInfluencer.set(inf.key, {
      label: inf.name,
      isLive: inData,
      viewShare: 0,
      assistWeight: inf.assistWeight,
      nonBuyerWeight: inf.nonBuyerWeight,
      utm: (_day, rng) => draw(rng),
    });
  }
  const drawOrganic = utmDrawer(ORGANIC_UTM);
  const organic: TouchSource = {
    label: 'organic', isLive: inData, viewShare: 0, assistWeight: 15, nonBuyerWeight: 12,
    utm: (_day, rng) => drawOrganic(rng),
  };
  const newsletterUtms = new Map<string, Utm>();
  const newsletter: TouchSource = {
    label: 'newsletter', isLive: inData, viewShare: 0, assistWeight: 10, nonBuyerWeight: 8,
    utm: (day, rng) => {
      const source = rng.weighted(NEWSLETTER_UTM.sources);
      const campaign = `${NEWSLETTER_UTM.campaignPrefix}${monthKey(day).replace('-', '')}`;
      const content = rng.pick(NEWSLETTER_UTM.contents);
      const key = `${source},${campaign},${content}`;
      let utm = newsletterUtms.get(key);
      if (!utm) {
        utm = makeUtm(source, NEWSLETTER_UTM.medium, campaign, content);
        newsletterUtms.set(key, utm);
      }
      return utm;
    },
  };
  const all = [...byPlan.values(), ...byInfluencer.values(), organic, newsletter];
  return { all, byPlan, byInfluencer, organic, newsletter };
}

interface LiveTable {
  sources: TouchSource[];
  /** running sums of the weights, in the order of `sources` */
  sums: Float64Array;
  total: number;
}

/**
 * Picks a live source by weight on a day, exactly as `rng.weighted` over the live sources
 * in their order would (one draw, the same source), but from a table of running sums
 * kept per day, so that thousands of sources cost a binary search instead of a scan.
 * The weights are whole numbers, so the sums and comparisons are exact.
 */
class SourcePicker {
  private readonly sources: readonly TouchSource[];
  private readonly weight: (s: TouchSource) => number;
  private readonly tables = new Map<number, LiveTable | null>();

  constructor(sources: readonly TouchSource[], weight: (s: TouchSource) => number) {
    this.weight = weight;
    this.sources = sources.filter((s) => weight(s) > 0);
    for (const s of this.sources) {
      if (!Number.isInteger(weight(s))) throw new Error(`source weights must be whole numbers: ${s.label} has ${weight(s)}`);
    }
  }

  private table(day: number): LiveTable | null {
    let table = this.tables.get(day);
    if (table !== undefined) return table;
    const live = this.sources.filter((s) => s.isLive(day));
    if (live.length === 0) table = null;
    else {
      const sums = new Float64Array(live.length);
      let total = 0;
      live.forEach((s, i) => {
        total += this.weight(s);
        sums[i] = total;
      });
      table = { sources: live, sums, total };
    }
    if (this.tables.size >= 400) this.tables.clear();
    this.tables.set(day, table);
    return table;
  }

  pick(rng: Rng, day: number): TouchSource | null {
    const table = this.table(day);
    if (!table) return null;
    const r = rng.next() * table.total;
    // the first source whose running sum exceeds r (rng.weighted: r minus each weight in turn, until below 0)
    let lo = 0;
    let hi = table.sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((table.sums[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return table.sources[lo] ?? null;
  }
}

// ---------------------------------------------------------------- buffer

/** A growable column of 32-bit integers, off the JavaScript heap. */
class IntColumn {
  values = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** One UTC day's touches, column by column: second of the day, customer number, utm id (negative: a view). */
interface Bucket {
  seconds: IntColumn;
  customers: IntColumn;
  utms: IntColumn;
}

const FIRST_MS = berlinToUtcMs(DATA_START, 0);
const LAST_MS = berlinToUtcMs(DATA_END + 1, 0) - 1000;

export class TouchBuffer {
  private readonly sink: FileSink;
  private readonly buckets = new Map<number, Bucket>();
  private flushedThrough = -Infinity;
  /** A customer number's key in touchpoints.csv. */
  private readonly key: (customer: number) => string;

  constructor(sink: FileSink, key: (customer: number) => string = customerId) {
    this.sink = sink;
    this.key = key;
  }

  /** A touch at `ms` (whole seconds) by customer number `customer`. */
  add(customer: number, ms: number, utm: Utm, interaction: Interaction): void {
    if (ms < FIRST_MS || ms > LAST_MS) return;
    if (ms % 1000 !== 0) throw new Error(`touch at ${ms} ms is not a whole second`);
    const key = Math.floor(ms / DAY_MS);
    if (key <= this.flushedThrough) throw new Error(`touch at ${isoTimestamp(ms)} arrived after its day was written`);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { seconds: new IntColumn(), customers: new IntColumn(), utms: new IntColumn() };
      this.buckets.set(key, bucket);
    }
    bucket.seconds.push((ms - key * DAY_MS) / 1000);
    bucket.customers.push(customer);
    bucket.utms.push(interaction === 'view' ? -1 - utm.id : utm.id);
  }

  /** Writes every bucket up to and including UTC day `key`, each in time order (then by the line's text). */
  async flushThrough(key: number): Promise<void> {
    const keys = [...this.buckets.keys()].filter((k) => k <= key).sort((a, b) => a - b);
    for (const k of keys) {
      const bucket = this.buckets.get(k);
      this.buckets.delete(k);
      if (!bucket) continue;
      const n = bucket.seconds.length;
      const seconds = bucket.seconds.values.subarray(0, n);
      const customers = bucket.customers.values.subarray(0, n);
      const utms = bucket.utms.values.subarray(0, n);
      const day = isoDay(k);
      const ids = Array.from(customers, (n) => this.key(n));
      const lines = ids.map((id, i) => {
        const u = utms[i] ?? 0;
        return `${id},${day}T${clock(seconds[i] ?? 0)}Z,${UTMS[u < 0 ? -1 - u : u]?.text ?? ''},${u < 0 ? 'view' : 'click'}`;
      });
      // --as-of: touches from the Berlin midnight after the cut on are left out (the tee keeps them)
      const cut = cutDay();
      const cutSecond = cut === null ? Infinity : (berlinToUtcMs(cut + 1, 0) - k * DAY_MS) / 1000;
      for (const i of timeOrder(seconds, ids, lines)) {
        this.sink.muted = (seconds[i] ?? 0) >= cutSecond;
        this.sink.rawLine(lines[i] ?? '', true);
      }
      await this.sink.drain();
    }
    this.flushedThrough = Math.max(this.flushedThrough, key);
  }

  async finish(): Promise<void> {
    await this.flushThrough(Infinity);
  }
}

/**
 * The order of a day's touches by time, then by the line's text: a counting sort over the
 * seconds of the day, then an insertion sort among touches of the same second (by the
 * customer id, which begins the line and is followed by a comma, else by the whole line).
 */
function timeOrder(seconds: Int32Array, ids: readonly string[], lines: readonly string[]): Int32Array {
  const starts = new Int32Array(86_401);
  for (const s of seconds) starts[s + 1]!++;
  for (let i = 1; i <= 86_400; i++) starts[i]! += starts[i - 1]!;
  const order = new Int32Array(seconds.length);
  const next = starts.slice(0, 86_400);
  seconds.forEach((s, i) => {
    order[next[s]!++] = i;
  });
  const before = (a: number, b: number): boolean => {
    const ia = ids[a] ?? '';
    const ib = ids[b] ?? '';
    if (ia !== ib) return ia < ib;
    return (lines[a] ?? '') < (lines[b] ?? '');
  };
  for (let second = 0; second < 86_400; second++) {
    const from = starts[second]!;
    const to = starts[second + 1]!;
    for (let j = from + 1; j < to; j++) {
      const item = order[j]!;
      let at = j;
      while (at > from && before(item, order[at - 1]!)) {
        order[at] = order[at - 1]!;
        at--;
      }
      order[at] = item;
    }
  }
  return order;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `hh:mm:ss` of a second of the (UTC) day. */
function clock(second: number): string {
  return `${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}`;
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
/** A large advertiser's portfolio reaches people many times before they buy or leave (mean 3.75). */
const PORTFOLIO_VISITOR_TOUCHES: Weighted<number> = [[1, 20], [2, 20], [3, 15], [4, 15], [6, 15], [8, 15]];
const LOOKBACK_MAX_MS = 45 * DAY_MS;

const wholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

export class JourneyBuilder {
  private readonly rng: Rng;
  private readonly sources: SourceSet;
  private readonly buffer: TouchBuffer;
  private readonly views: SourcePicker;
  private readonly assists: SourcePicker;
  private readonly visits: SourcePicker;

  constructor(seed: number, sources: SourceSet, buffer: TouchBuffer) {
    this.rng = new Rng(seed, 'journeys');
    this.sources = sources;
    this.buffer = buffer;
    this.views = new SourcePicker(sources.all.filter((s) => s.viewShare > 0), (x) => x.assistWeight);
    this.assists = new SourcePicker(sources.all, (x) => x.assistWeight);
    this.visits = new SourcePicker(sources.all, (x) => x.nonBuyerWeight);
  }

  /** Touches around one order; returns the utms of the landing session when the order came straight from the last click. */
  order(customer: number, orderMs: number, orderDay: number, driver: Driver): Utm | null {
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
        const s = this.views.pick(rng, berlinDay(t));
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
  visitor(customer: number, day: number): void {
    this.visitorTouches(customer, day, this.rng.weighted(VISITOR_TOUCHES), 20);
  }

  /** Someone the portfolio reaches who never buys: 1-8 touches in the four weeks up to `day`. */
  portfolioVisitor(customer: number, day: number): void {
    this.visitorTouches(customer, day, this.rng.weighted(PORTFOLIO_VISITOR_TOUCHES), 27);
  }

  private visitorTouches(customer: number, day: number, n: number, spread: number): void {
    const rng = this.rng;
    for (let i = 0; i < n; i++) {
      const d = day - rng.int(0, spread);
      if (d < DATA_START) continue;
      const t = berlinToUtcMs(d, secondOfDay(rng));
      const s = this.visits.pick(rng, d) ?? this.sources.organic;
      this.buffer.add(customer, t, s.utm(d, rng), rng.chance(s.viewShare) ? 'view' : 'click');
    }
  }

  private assist(customer: number, ms: number): void {
    const day = berlinDay(ms);
    if (day < DATA_START) return;
    const s = this.assists.pick(this.rng, day) ?? this.sources.organic;
    this.buffer.add(customer, ms, s.utm(day, this.rng), this.rng.chance(s.viewShare) ? 'view' : 'click');
  }
}
