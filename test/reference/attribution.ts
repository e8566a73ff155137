// A plain reference implementation of the attribution chain (issue 21, point 3):
// the rules of queries/README.md, the SQL headers and docs/decisions.md, written
// the slow and obvious way, so that the fast SQL can be checked against it.
//
// No speed tricks: campaigns are names, not numbers; touches are objects, not
// packed integers; every local date and month is converted one row at a time
// with Intl in the report time zone; shares are exact fractions (BigInt), except
// time decay, whose weights 2^(-days / half-life) are irrational and computed
// in doubles (see `Units` below for what that means for the comparison).
//
// The rules, in the order they apply:
//   1. An order's net revenue: `paid` in full, `partially_refunded` less its
//      refunded amount (not below 0), `refunded` and `cancelled` (and anything
//      else) 0. A conversion is an order with net revenue above 0. Its month is
//      its local month in the report time zone.
//   2. A touch's campaign: its utm_campaign, trimmed and lower-cased, matched
//      against campaigns.csv `match` patterns (`*` any text, case-insensitive;
//      the longest literal part wins, then the campaign key); no match or no
//      utm_campaign is `unmapped`. A campaign without `match` matches its key.
//   3. A conversion's path: the customer's touches (clicks; views too when
//      count_views) inside the lookback window:
//        time:          order time - lookback_days x 24 h <= touch time <= order time
//                       (elapsed time, whatever daylight-saving change lies between)
//        calendar_days: 0 <= order's local date - touch's local date <= lookback_days
//                       (so a touch later on the order's own day counts)
//      ordered by time, then campaign key, then source line. Without such a touch,
//      the order's own utm (when it has utm_source or utm_campaign) is one touch
//      at the order time. Without either the order is `unattributed`.
//      path_transform collapse_repeats keeps the latest touch of each run of
//      consecutive touches of one campaign.
//   4. An order whose coupon code is a campaign's goes to that campaign under
//      every model, whatever its path.
//   5. Models over the path (a campaign's shares at several positions add up):
//        last_touch, first_touch: all to the last / first touch
//        linear: 1 / n each
//        position_based: position_based_first to the first touch,
//          position_based_last to the last, the touches between share the rest
//          equally; two touches split first : last; one touch gets all
//        time_decay: weight 2^(-elapsed days before the order / half-life), normalised
//        data_driven: Fractribution's simplified Shapley over the path summary of
//          the conversion's month (rule 6): a path of one touch gives it all;
//          otherwise m_i = max(P(path) - P(path without position i), 0) (the
//          shortened path looked up as it is; P of a path not in the summary 0),
//          normalised; all m_i 0: the last position gets everything.
//   6. The path summary of month M (window w = data_driven_window_months, the
//      months M-w+1 .. M): P(path) = conversions / (conversions + non-conversions)
//        conversions: conversions ordered in the window that have a path
//          (touches or the order's utm; coupon orders included), by their path;
//        non-conversions: every customer with no conversion ordered in the
//          window, whose last eligible touch at or before M's end lies in the
//          window; their path is their eligible touches in the lookback window
//          before that last touch (as for an order at its time), transformed.
//   7. Money and conversions: each campaign's exact units (share x order cents,
//      share x 1 000 000 micros), to a millionth of a unit (half up); floors,
//      then the units left one each to the largest fractional parts (ties:
//      campaign key ascending).

// ---------------------------------------------------------------- inputs

export interface ReferenceSettings {
  timezone: string;
  lookback_days: number;
  lookback_basis: 'time' | 'calendar_days';
  count_views: boolean;
  path_transform: 'none' | 'collapse_repeats';
  time_decay_half_life_days: number;
  position_based_first: number;
  position_based_last: number;
  data_driven_window_months: number;
}

export const DEFAULT_REFERENCE_SETTINGS: ReferenceSettings = {
  timezone: 'Europe/Berlin',
  lookback_days: 30,
  lookback_basis: 'time',
  count_views: false,
  path_transform: 'none',
  time_decay_half_life_days: 7,
  position_based_first: 0.4,
  position_based_last: 0.4,
  data_driven_window_months: 12,
};

export interface ReferenceCampaign {
  campaign: string;
  coupon_code?: string | null;
  /** `|`-separated patterns; `*` is any text. Empty: the campaign's own key. */
  match?: string | null;
}

export interface ReferenceOrder {
  order_id: string;
  /** An instant, ISO 8601 with Z (as orders.csv holds it). */
  ordered_at: string;
  customer_id: string | null;
  /** Decimal text in the report currency, two places: "12.34". */
  revenue: string;
  status: 'paid' | 'partially_refunded' | 'refunded' | 'cancelled' | 'pending';
  refunded_amount?: string | null;
  coupon_code?: string | null;
  utm_source?: string | null;
  utm_campaign?: string | null;
}

export interface ReferenceTouchpoint {
  customer_id: string;
  occurred_at: string;
  utm_campaign: string | null;
  interaction: 'click' | 'view';
}

export interface ReferenceWorld {
  settings: ReferenceSettings;
  campaigns: ReferenceCampaign[];
  /** In file order: an order's source line is its index + 2 (after the header). */
  orders: ReferenceOrder[];
  touchpoints: ReferenceTouchpoint[];
}

export const MODELS = ['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'data_driven'] as const;
export type Model = (typeof MODELS)[number];

// ---------------------------------------------------------------- exact fractions

/** An exact fraction n / d, d > 0, in lowest terms. */
export class Fraction {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d = 1n) {
    if (d === 0n) throw new Error('Fraction: division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    this.n = g > 1n ? n / g : n;
    this.d = g > 1n ? d / g : d;
  }
  static readonly ZERO = new Fraction(0n);
  static readonly ONE = new Fraction(1n);
  /** "0.4", "12.34", "3" exactly. */
  static parse(text: string): Fraction {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!m) throw new Error(`Fraction.parse: not a decimal: ${text}`);
    const decimals = m[3] ?? '';
    const n = BigInt(m[2]! + decimals) * (m[1] ? -1n : 1n);
    return new Fraction(n, 10n ** BigInt(decimals.length));
  }
  /** A JavaScript number's shortest decimal text, exactly (0.3 is 3/10). */
  static ofNumber(value: number): Fraction {
    const text = String(value);
    if (/e/i.test(text)) throw new Error(`Fraction.ofNumber: ${text}`);
    return Fraction.parse(text);
  }
  add(o: Fraction): Fraction {
    return new Fraction(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Fraction): Fraction {
    return new Fraction(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Fraction): Fraction {
    return new Fraction(this.n * o.n, this.d * o.d);
  }
  div(o: Fraction): Fraction {
    return new Fraction(this.n * o.d, this.d * o.n);
  }
  cmp(o: Fraction): number {
    const a = this.n * o.d;
    const b = o.n * this.d;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  max(o: Fraction): Fraction {
    return this.cmp(o) >= 0 ? this : o;
  }
  toNumber(): number {
    // to 17 significant digits without losing the magnitude of big parts
    const whole = this.n / this.d;
    const rest = this.n - whole * this.d;
    return Number(whole) + Number((rest * 10n ** 18n) / this.d) / 1e18;
  }
  toString(): string {
    return this.d === 1n ? `${this.n}` : `${this.n}/${this.d}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

const sum = (parts: Fraction[]) => parts.reduce((a, b) => a.add(b), Fraction.ZERO);

// ---------------------------------------------------------------- the report time zone

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a time zone, by Intl. */
function localParts(ms: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** The instant's local date, "YYYY-MM-DD". */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant's local month, "YYYY-MM". */
export function localMonth(ms: number, timeZone: string): string {
  return localDate(ms, timeZone).slice(0, 7);
}

/** Whole calendar days from date a to date b ("YYYY-MM-DD"), b - a. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The instant at which a local wall-clock time begins (a local midnight, here), found by trying offsets. */
function localStart(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  // the offset (local - UTC) near that wall time; try it and the offsets around it
  for (const guessAt of [wall, wall - DAY_MS, wall + DAY_MS]) {
    const p = localParts(guessAt, timeZone);
    const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - guessAt;
    const candidate = wall - offset;
    const q = localParts(candidate, timeZone);
    if (q.year === year && q.month === month && q.day === day && q.hour === 0 && q.minute === 0 && q.second === 0) return candidate;
  }
  throw new Error(`no local midnight on ${year}-${month}-${day} in ${timeZone}`);
}

/** Months as counts since year 0, for arithmetic: "2026-03" -> 2026 * 12 + 2. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}
function monthOfIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
/** The instant the local month begins. */
function monthStart(month: string, timeZone: string): number {
  return localStart(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1, timeZone);
}

// ---------------------------------------------------------------- campaigns

function trimSpaces(text: string): string {
  // as DuckDB's trim(): spaces, Unicode spaces included, but not a tab or a line break
  return text.replace(/^[\p{Zs}]+|[\p{Zs}]+$/gu, '');
}

interface Pattern {
  campaign: string;
  regex: RegExp;
  specificity: number;
}

function patternsOf(campaigns: ReferenceCampaign[]): Pattern[] {
  const out: Pattern[] = [];
  for (const c of campaigns) {
    for (const raw of (c.match || c.campaign).split('|')) {
      const pattern = raw.trim().toLowerCase();
      if (!pattern) continue;
      const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
      out.push({ campaign: c.campaign, regex, specificity: pattern.replaceAll('*', '').length });
    }
  }
  return out;
}

/** The campaign a utm_campaign value maps to: the most specific pattern, then the campaign key; else `unmapped`. */
function campaignOfUtm(utmCampaign: string | null | undefined, patterns: Pattern[]): string {
  if (utmCampaign == null || utmCampaign === '') return 'unmapped';
  const value = trimSpaces(utmCampaign).toLowerCase();
  const matches = patterns.filter((p) => p.regex.test(value));
  matches.sort((a, b) => b.specificity - a.specificity || compareKeys(a.campaign, b.campaign));
  return matches[0]?.campaign ?? 'unmapped';
}

/** Campaign keys compare as DuckDB compares VARCHARs (byte order; code units for the keys tests use). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------- orders and touches

export interface Conversion {
  order_id: string;
  source_line: number;
  customer_id: string | null;
  at: number;
  order_date: string;
  order_month: string;
  cents: bigint;
  coupon_campaign: string | null;
  utm_source: string | null;
  utm_campaign: string | null;
}

interface Touch {
  customer_id: string;
  at: number;
  date: string;
  campaign: string;
  source_line: number;
  interaction: 'click' | 'view';
}

/** A touch of a path, after the transform. */
export interface PathTouch {
  campaign: string;
  at: number;
}

function cents(decimalText: string): bigint {
  const f = Fraction.parse(decimalText).mul(new Fraction(100n));
  if (f.d !== 1n) throw new Error(`not whole cents: ${decimalText}`);
  return f.n;
}

function netCents(order: ReferenceOrder): bigint {
  const booked = cents(order.revenue);
  if (order.status === 'paid') return booked;
  if (order.status === 'partially_refunded') {
    const left = booked - cents(order.refunded_amount || '0');
    return left > 0n ? left : 0n;
  }
  return 0n;
}

const clean = (value: string | null | undefined) => {
  if (value == null) return null;
  const t = trimSpaces(value);
  return t === '' ? null : t;
};

/** Orders of the time order a path follows: time, campaign key, source line. */
function byPathOrder(a: Touch, b: Touch): number {
  return a.at - b.at || compareKeys(a.campaign, b.campaign) || a.source_line - b.source_line;
}

/** collapse_repeats: the last touch of each run of one campaign stays (with its time). */
function transform(touches: PathTouch[], how: ReferenceSettings['path_transform']): PathTouch[] {
  if (how === 'none') return touches;
  return touches.filter((t, i) => i === touches.length - 1 || touches[i + 1]!.campaign !== t.campaign);
}

/** The touches that may count inside the lookback window ending at `end` (an order or a last touch). */
function inLookback(touch: Touch, endAt: number, endDate: string, s: ReferenceSettings): boolean {
  if (s.lookback_basis === 'time') return touch.at <= endAt && touch.at >= endAt - s.lookback_days * DAY_MS;
  const days = daysBetween(touch.date, endDate);
  return days >= 0 && days <= s.lookback_days;
}

// ---------------------------------------------------------------- units and largest remainder

/**
 * A campaign's exact units of a conversion (cents or micros), as millionths of a unit
 * (`millionths`, rounded half up, as the rule's "exact to a millionth of the unit").
 * `alternative` is set when the true value lies so near the half-millionth between two
 * roundings that the SQL, whose shares are DECIMAL(18, 15) or DOUBLE for time decay
 * and data-driven, may round it the other way: the comparison then accepts either.
 */
export interface Units {
  millionths: bigint;
  alternative?: bigint;
}

/** Near a rounding's midpoint: within 1e-14 x the units of the whole plus 1e-12 of a unit (the SQL's share is known to ~1e-15). */
const nearness = (wholeUnits: bigint) => 1e-14 * Number(wholeUnits) + 1e-12;

function unitsOfFraction(share: Fraction, wholeUnits: bigint, approximateInSql: boolean): Units {
  const scaled = share.mul(new Fraction(wholeUnits * 1_000_000n));
  // half up: floor(x + 1/2)
  const shifted = scaled.add(new Fraction(1n, 2n));
  const millionths = shifted.n / shifted.d - (shifted.n % shifted.d < 0n ? 1n : 0n);
  if (!approximateInSql) return { millionths };
  // distance from the midpoint (millionths - 1/2), in units
  const distance = scaled.sub(new Fraction(millionths * 2n - 1n, 2n));
  const below = Math.abs(distance.toNumber()) / 1e6;
  const above = Math.abs(new Fraction(millionths * 2n + 1n, 2n).sub(scaled).toNumber()) / 1e6;
  const limit = nearness(wholeUnits);
  if (below > 0 && below < limit) return { millionths, alternative: millionths - 1n };
  if (above > 0 && above < limit) return { millionths, alternative: millionths + 1n };
  return { millionths };
}

function unitsOfDouble(share: number, wholeUnits: bigint): Units {
  const scaled = share * Number(wholeUnits) * 1e6;
  const millionths = BigInt(Math.floor(scaled + 0.5));
  const fraction = scaled - Math.floor(scaled);
  const limit = nearness(wholeUnits) * 1e6;
  if (Math.abs(fraction - 0.5) < limit) {
    return { millionths, alternative: Number(millionths) === Math.floor(scaled) ? millionths + 1n : millionths - 1n };
  }
  return { millionths };
}

/**
 * Largest remainder: each campaign gets the floor of its exact units, and the units left
 * go one each to the largest fractional parts (ties: campaign key ascending).
 */
export function largestRemainder(items: { campaign: string; millionths: bigint }[], wholeUnits: bigint): Map<string, bigint> {
  const floors = items.map((i) => ({ campaign: i.campaign, floor: i.millionths / 1_000_000n, fraction: i.millionths % 1_000_000n }));
  let left = wholeUnits - floors.reduce((a, f) => a + f.floor, 0n);
  const ranked = [...floors].sort((a, b) => (a.fraction > b.fraction ? -1 : a.fraction < b.fraction ? 1 : compareKeys(a.campaign, b.campaign)));
  const out = new Map(floors.map((f) => [f.campaign, f.floor]));
  for (const f of ranked) {
    if (left <= 0n) break;
    out.set(f.campaign, out.get(f.campaign)! + 1n);
    left -= 1n;
  }
  return out;
}

/** Every allocation the units allow (one, unless some lie near a rounding midpoint). */
function allocations(items: { campaign: string; units: Units }[], wholeUnits: bigint): Map<string, bigint>[] {
  const ambiguous = items.filter((i) => i.units.alternative !== undefined);
  if (ambiguous.length > 8) throw new Error('too many near-midpoint units to enumerate');
  const out: Map<string, bigint>[] = [];
  for (let mask = 0; mask < 1 << ambiguous.length; mask++) {
    const chosen = items.map((i) => {
      const k = ambiguous.indexOf(i);
      return { campaign: i.campaign, millionths: k >= 0 && mask & (1 << k) ? i.units.alternative! : i.units.millionths };
    });
    out.push(largestRemainder(chosen, wholeUnits));
  }
  return out;
}

// ---------------------------------------------------------------- the chain

export interface ReferenceCredit {
  order_id: string;
  order_month: string;
  model: Model;
  campaign: string;
  /** The exact share (time decay: a double). */
  share: Fraction | number;
  /** The credits, if the SQL rounds as the rule says; see `allowed` for near-midpoint cases. */
  cents: bigint;
  micros: bigint;
}

export interface ReferenceConversion {
  conversion: Conversion;
  /** The path after the transform ([] when none: coupon or unattributed decide). */
  path: PathTouch[];
  /** The path before the transform. */
  untransformed_length: number;
  /** The path is the order's own utm (no touch in the window). */
  from_order_utm: boolean;
  credited_by: 'touch' | 'coupon' | 'none';
  /** Per model: the shares of each campaign with a share above 0. */
  shares: Record<Model, Map<string, Fraction | number>>;
  /** Per model and unit: every allocation the rule allows (more than one only near a rounding midpoint). */
  allowed: Record<Model, { cents: Map<string, bigint>[]; micros: Map<string, bigint>[] }>;
}

export interface ReferenceResult {
  conversions: ReferenceConversion[];
  credits: ReferenceCredit[];
  /** Per conversion month: the path summary the data-driven model was fitted on ("a > b" -> counts). */
  summaries: Map<string, Map<string, { conversions: number; non_conversions: number }>>;
}

const pathKey = (campaigns: string[]) => campaigns.join(' > ');

export function referenceAttribution(world: ReferenceWorld): ReferenceResult {
  const s = world.settings;
  const tz = s.timezone;
  const patterns = patternsOf(world.campaigns);
  const couponCampaigns = new Map<string, string>();
  for (const c of world.campaigns) if (c.coupon_code) couponCampaigns.set(c.coupon_code.toUpperCase(), c.campaign);

  // rule 1: conversions
  const conversions: Conversion[] = [];
  world.orders.forEach((order, index) => {
    const net = netCents(order);
    if (net <= 0n) return;
    const at = Date.parse(order.ordered_at);
    const coupon = clean(order.coupon_code)?.toUpperCase() ?? null;
    conversions.push({
      order_id: order.order_id,
      source_line: index + 2,
      customer_id: clean(order.customer_id),
      at,
      order_date: localDate(at, tz),
      order_month: localMonth(at, tz),
      cents: net,
      coupon_campaign: coupon ? (couponCampaigns.get(coupon) ?? null) : null,
      utm_source: clean(order.utm_source),
      utm_campaign: clean(order.utm_campaign),
    });
  });

  // rule 2: eligible touches, with their campaigns
  const touches: Touch[] = world.touchpoints
    .map((t, index) => {
      const at = Date.parse(t.occurred_at);
      return { customer_id: t.customer_id, at, date: localDate(at, tz), campaign: campaignOfUtm(t.utm_campaign, patterns), source_line: index + 2, interaction: t.interaction };
    })
    .filter((t) => t.interaction === 'click' || s.count_views);
  const touchesOf = new Map<string, Touch[]>();
  for (const t of touches) {
    if (!touchesOf.has(t.customer_id)) touchesOf.set(t.customer_id, []);
    touchesOf.get(t.customer_id)!.push(t);
  }
  for (const list of touchesOf.values()) list.sort(byPathOrder);

  // rule 3: conversion paths
  const pathOf = new Map<Conversion, PathTouch[]>();
  const fromOrderUtm = new Set<Conversion>();
  const untransformedLength = new Map<Conversion, number>();
  for (const c of conversions) {
    const journey = (c.customer_id === null ? [] : (touchesOf.get(c.customer_id) ?? [])).filter((t) => inLookback(t, c.at, c.order_date, s));
    let path: PathTouch[] = journey.map((t) => ({ campaign: t.campaign, at: t.at }));
    if (path.length === 0 && (c.utm_source !== null || c.utm_campaign !== null)) {
      path = [{ campaign: campaignOfUtm(c.utm_campaign, patterns), at: c.at }];
      fromOrderUtm.add(c);
    }
    untransformedLength.set(c, path.length);
    pathOf.set(c, transform(path, s.path_transform));
  }

  // rule 6: one path summary per month with conversions
  const summaries = new Map<string, Map<string, { conversions: number; non_conversions: number }>>();
  for (const month of new Set(conversions.map((c) => c.order_month))) summaries.set(month, pathSummary(month));

  function pathSummary(month: string) {
    const last = monthIndex(month);
    const first = last - s.data_driven_window_months + 1;
    const inWindow = (m: string) => monthIndex(m) >= first && monthIndex(m) <= last;
    const windowStart = monthStart(monthOfIndex(first), tz);
    const monthEnd = monthStart(monthOfIndex(last + 1), tz); // the first instant after M
    const counts = new Map<string, { conversions: number; non_conversions: number }>();
    const count = (key: string) => {
      if (!counts.has(key)) counts.set(key, { conversions: 0, non_conversions: 0 });
      return counts.get(key)!;
    };
    const converted = new Set<string>();
    for (const c of conversions) {
      if (!inWindow(c.order_month)) continue;
      if (c.customer_id !== null) converted.add(c.customer_id);
      const path = pathOf.get(c)!;
      if (path.length) count(pathKey(path.map((t) => t.campaign))).conversions += 1;
    }
    for (const [customer, list] of touchesOf) {
      if (converted.has(customer)) continue;
      const upToEnd = list.filter((t) => t.at < monthEnd);
      const lastTouch = upToEnd.at(-1);
      if (!lastTouch || lastTouch.at < windowStart) continue;
      const journey = upToEnd.filter((t) => inLookback(t, lastTouch.at, lastTouch.date, s));
      const path = transform(journey.map((t) => ({ campaign: t.campaign, at: t.at })), s.path_transform);
      count(pathKey(path.map((t) => t.campaign))).non_conversions += 1;
    }
    return counts;
  }

  const probability = (month: string, campaigns: string[]): Fraction => {
    const row = summaries.get(month)!.get(pathKey(campaigns));
    if (!row) return Fraction.ZERO;
    return new Fraction(BigInt(row.conversions), BigInt(row.conversions + row.non_conversions));
  };

  // rules 4, 5 and 7
  const first = Fraction.ofNumber(s.position_based_first);
  const lastWeight = Fraction.ofNumber(s.position_based_last);
  const out: ReferenceConversion[] = [];
  const credits: ReferenceCredit[] = [];
  for (const c of conversions) {
    const path = pathOf.get(c)!;
    const credited_by = c.coupon_campaign !== null ? 'coupon' : path.length ? 'touch' : 'none';
    const shares = {} as Record<Model, Map<string, Fraction | number>>;
    if (credited_by !== 'touch') {
      const campaign = c.coupon_campaign ?? 'unattributed';
      for (const model of MODELS) shares[model] = new Map([[campaign, Fraction.ONE]]);
    } else {
      const n = path.length;
      const byPosition = (weights: Fraction[]) => {
        const m = new Map<string, Fraction>();
        path.forEach((t, i) => m.set(t.campaign, (m.get(t.campaign) ?? Fraction.ZERO).add(weights[i]!)));
        return m;
      };
      shares.last_touch = byPosition(path.map((_, i) => (i === n - 1 ? Fraction.ONE : Fraction.ZERO)));
      shares.first_touch = byPosition(path.map((_, i) => (i === 0 ? Fraction.ONE : Fraction.ZERO)));
      shares.linear = byPosition(path.map(() => new Fraction(1n, BigInt(n))));
      shares.position_based = byPosition(path.map((_, i) => {
        if (n === 1) return Fraction.ONE;
        if (n === 2) return (i === 0 ? first : lastWeight).div(first.add(lastWeight));
        if (i === 0) return first;
        if (i === n - 1) return lastWeight;
        return Fraction.ONE.sub(first).sub(lastWeight).div(new Fraction(BigInt(n - 2)));
      }));
      // elapsed days before the order (negative for a touch later on the order's day under calendar_days)
      const weights = path.map((t) => 2 ** (-((c.at - t.at) / DAY_MS) / s.time_decay_half_life_days));
      const total = weights.reduce((a, b) => a + b, 0);
      const decay = new Map<string, number>();
      path.forEach((t, i) => decay.set(t.campaign, (decay.get(t.campaign) ?? 0) + weights[i]!));
      // one campaign: exactly all of it, whatever the doubles say
      shares.time_decay = decay.size === 1 ? new Map([[path[0]!.campaign, Fraction.ONE]]) : new Map([...decay].map(([k, w]) => [k, w / total]));
      shares.data_driven = byPosition(dataDriven(c.order_month, path.map((t) => t.campaign)));
    }
    for (const model of MODELS) {
      for (const [campaign, share] of shares[model]) if (isZero(share)) shares[model].delete(campaign);
    }
    const allowed = {} as ReferenceConversion['allowed'];
    for (const model of MODELS) {
      const approximate = model === 'time_decay' || model === 'data_driven';
      const unitsFor = (whole: bigint) =>
        [...shares[model]].map(([campaign, share]) => ({
          campaign,
          units: typeof share === 'number' ? unitsOfDouble(share, whole) : unitsOfFraction(share, whole, approximate),
        }));
      allowed[model] = { cents: allocations(unitsFor(c.cents), c.cents), micros: allocations(unitsFor(1_000_000n), 1_000_000n) };
      for (const [campaign, share] of shares[model]) {
        credits.push({
          order_id: c.order_id, order_month: c.order_month, model, campaign, share,
          cents: allowed[model].cents[0]!.get(campaign)!, micros: allowed[model].micros[0]!.get(campaign)!,
        });
      }
    }
    out.push({ conversion: c, path, untransformed_length: untransformedLength.get(c)!, from_order_utm: fromOrderUtm.has(c), credited_by, shares, allowed });
  }
  return { conversions: out, credits, summaries };

  /** Rule 5, data-driven: each position's share of the path, in month's summary. */
  function dataDriven(month: string, campaigns: string[]): Fraction[] {
    const n = campaigns.length;
    if (n === 1) return [Fraction.ONE];
    const whole = probability(month, campaigns);
    const marginal = campaigns.map((_, i) => whole.sub(probability(month, campaigns.filter((__, j) => j !== i))).max(Fraction.ZERO));
    const total = sum(marginal);
    if (total.isZero()) return campaigns.map((_, i) => (i === n - 1 ? Fraction.ONE : Fraction.ZERO));
    return marginal.map((m) => m.div(total));
  }
}

function isZero(share: Fraction | number): boolean {
  return typeof share === 'number' ? share === 0 : share.isZero();
}

export function shareValue(share: Fraction | number): number {
  return typeof share === 'number' ? share : share.toNumber();
}
