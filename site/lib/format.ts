// Numbers, money, percentages and dates for the report's locale, all through Intl.
// Every formatter returns NOT_AVAILABLE for null, so a missing value never shows as NaN.

import type { Locale } from './i18n.ts';
import { INTL_LOCALE } from './i18n.ts';
import { monthStartUtc } from './months.ts';

/** What a missing value (null) looks like in tiles, tables and charts. */
export const NOT_AVAILABLE = '–';

const NBSP = '\u00a0';

/**
 * The platform counts of the marts, and for each ratio the counts it is taken over.
 * A count no platform export reported arrives null (queries/README.md, "Metrics a
 * platform does not report"); it, and a ratio over it, read "not reported", not "–".
 */
export const PLATFORM_COUNTS = [
  'impressions',
  'clicks',
  'link_clicks',
  'engagements',
  'video_views',
  'followers_gained',
  'platform_conversions',
  'platform_conversion_value',
  'messaging_conversations',
  'new_messaging_contacts',
] as const;

export const RATIO_COUNTS: Readonly<Record<string, readonly (typeof PLATFORM_COUNTS)[number][]>> = {
  ctr: ['clicks', 'impressions'],
  cpc: ['clicks'],
  cpm: ['impressions'],
  engagement_rate: ['engagements'],
  platform_roas: ['platform_conversion_value'],
  over_attribution_factor: ['platform_conversion_value'],
  cost_per_conversation: ['messaging_conversations'],
};

/**
 * The words to show instead of the empty cells of a row's platform counts and the
 * ratios over them, when the row has platform numbers at all (`hasPlatformRows`):
 * a row without any (a campaign with only agency fees) keeps "–", since there was
 * nothing to report. `notReported` is the locale's word (i18n `notReported`).
 */
export function notReportedCells(row: Readonly<Record<string, unknown>>, hasPlatformRows: boolean, notReported: string): Record<string, string> {
  const display: Record<string, string> = {};
  if (!hasPlatformRows) return display;
  const missing = (key: string) => key in row && (row[key] === null || row[key] === undefined);
  for (const key of PLATFORM_COUNTS) if (missing(key)) display[key] = notReported;
  for (const [ratio, counts] of Object.entries(RATIO_COUNTS)) {
    if (missing(ratio) && counts.some(missing)) display[ratio] = notReported;
  }
  return display;
}

export interface FormatOptions {
  locale: Locale;
  /** ISO 4217 code, e.g. EUR. */
  currency: string;
  /** IANA time zone for instants such as generated_at, e.g. Europe/Berlin. */
  timeZone: string;
}

type Vector7<T> = [T, T, T, T, T, T, T];
type Vector12<T> = [T, T, T, T, T, T, T, T, T, T, T, T];

/** A d3-format number locale, as Vega's config.locale.number expects it. */
export interface VegaNumberLocale {
  decimal: string;
  thousands: string;
  grouping: number[];
  currency: [string, string];
  percent: string;
  minus: string;
}

/** A d3-time-format locale, as Vega's config.locale.time expects it. */
export interface VegaTimeLocale {
  dateTime: string;
  date: string;
  time: string;
  periods: [string, string];
  days: Vector7<string>;
  shortDays: Vector7<string>;
  months: Vector12<string>;
  shortMonths: Vector12<string>;
}

export interface Formatter {
  readonly locale: Locale;
  readonly intlLocale: string;
  /** 1.234,56 € / €1,234.56; `digits: 0` rounds to whole units (1.235 €). */
  money(value: number | null, digits?: 0 | 2): string;
  /** A ratio as percent: 0.123 -> 12,3 % / 12.3%. */
  percent(value: number | null, digits?: number): string;
  /** A relative change as signed percent: 0.123 -> +12,3 % / +12.3%. */
  percentChange(value: number | null): string;
  /** A difference of two ratios in percentage points: 0.041 -> +4,1 Pp. / +4.1 pp. */
  pointsChange(value: number | null): string;
  /** A plain ratio such as ROAS: 3.4167 -> 3,42 / 3.42. */
  ratio(value: number | null): string;
  /** A signed difference of plain ratios: 0.35 -> +0,35 / +0.35. */
  ratioChange(value: number | null): string;
  /** A count that may be fractional (attributed conversions): at most one decimal. */
  count(value: number | null): string;
  /** A whole number with grouping: 1234 -> 1.234 / 1,234. */
  integer(value: number | null): string;
  /** Any number, grouped, at most two decimals: 1234.5678 -> 1.234,57 / 1,234.57. */
  number(value: number | null): string;
  /** A month key in words: 2026-10 -> Oktober 2026 / October 2026. */
  month(key: string): string;
  /** A month key as a short axis label: 2026-10 -> Okt. 26 / Oct 26. */
  monthShort(key: string): string;
  /** A calendar date `YYYY-MM-DD`: 15.11.2026 / 15 Nov 2026. */
  date(isoDate: string): string;
  /** An instant, in the report's time zone: 22.11.2026, 16:30 MEZ / 22 Nov 2026, 16:30 CET. */
  dateTime(isoInstant: string): string;
  /** The same conventions for Vega, so axis labels match the rest of the page. */
  vegaLocale(): { number: VegaNumberLocale; time: VegaTimeLocale };
}

const POINTS_UNIT: Record<Locale, string> = { de: 'Pp.', en: 'pp', fr: 'pts' };

function isNum(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

export function createFormatter({ locale, currency, timeZone }: FormatOptions): Formatter {
  const intlLocale = INTL_LOCALE[locale];
  const nf = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(intlLocale, options);

  const money2 = nf({ style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const money0 = nf({ style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 });
  const percentCache = new Map<number, Intl.NumberFormat>();
  const percentFormat = (digits: number) => {
    let f = percentCache.get(digits);
    if (!f) {
      f = nf({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
      percentCache.set(digits, f);
    }
    return f;
  };
  const signedPercent = nf({
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const signedOneDecimal = nf({ minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const twoDecimals = nf({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const signedTwoDecimals = nf({ minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const countFormat = nf({ minimumFractionDigits: 0, maximumFractionDigits: 1 });
  const integerFormat = nf({ maximumFractionDigits: 0 });
  const numberFormat = nf({ maximumFractionDigits: 2 });

  const monthLong = new Intl.DateTimeFormat(intlLocale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthShortFormat = new Intl.DateTimeFormat(intlLocale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const dateFormat = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeZone: 'UTC' });
  const instantDate = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeZone });
  const instantTime = new Intl.DateTimeFormat(intlLocale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    timeZone,
  });

  const or = (value: number | null, f: (v: number) => string) => (isNum(value) ? f(value) : NOT_AVAILABLE);

  return {
    locale,
    intlLocale,
    money: (value, digits = 2) => or(value, (v) => (digits === 0 ? money0 : money2).format(v)),
    percent: (value, digits = 1) => or(value, (v) => percentFormat(digits).format(v)),
    percentChange: (value) => or(value, (v) => signedPercent.format(v)),
    pointsChange: (value) =>
      or(value, (v) => `${signedOneDecimal.format(v * 100)}${NBSP}${POINTS_UNIT[locale]}`),
    ratio: (value) => or(value, (v) => twoDecimals.format(v)),
    ratioChange: (value) => or(value, (v) => signedTwoDecimals.format(v)),
    count: (value) => or(value, (v) => countFormat.format(v)),
    integer: (value) => or(value, (v) => integerFormat.format(v)),
    number: (value) => or(value, (v) => numberFormat.format(v)),
    month: (key) => monthLong.format(monthStartUtc(key)),
    monthShort: (key) => monthShortFormat.format(monthStartUtc(key)),
    date: (isoDate) => dateFormat.format(parseIsoDate(isoDate)),
    dateTime: (isoInstant) => {
      const instant = new Date(isoInstant);
      if (Number.isNaN(instant.getTime())) throw new Error(`not an ISO timestamp: ${JSON.stringify(isoInstant)}`);
      return `${instantDate.format(instant)}, ${instantTime.format(instant)}`;
    },
    vegaLocale: () => ({
      number: vegaNumberLocale(intlLocale, currency),
      time: vegaTimeLocale(intlLocale),
    }),
  };
}

/** `YYYY-MM-DD` as midnight UTC; throws on anything else. */
export function parseIsoDate(isoDate: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== isoDate) {
    throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(isoDate)}`);
  }
  return date;
}

function vegaNumberLocale(intlLocale: string, currency: string): VegaNumberLocale {
  const parts = new Intl.NumberFormat(intlLocale, { style: 'currency', currency }).formatToParts(-1234567.5);
  const part = (type: Intl.NumberFormatPartTypes, fallback: string) =>
    parts.find((p) => p.type === type)?.value ?? fallback;
  // Everything before the first digit (minus sign aside) is the currency prefix,
  // everything after the last digit the suffix: "€" + "" or "" + " €".
  const firstDigit = parts.findIndex((p) => p.type === 'integer');
  const lastDigit = parts.findLastIndex((p) => p.type === 'integer' || p.type === 'fraction');
  const affix = (slice: Intl.NumberFormatPart[]) =>
    slice.filter((p) => p.type !== 'minusSign').map((p) => p.value).join('');
  const percentParts = new Intl.NumberFormat(intlLocale, { style: 'percent' }).formatToParts(0.5);
  const afterNumber = percentParts.slice(percentParts.findLastIndex((p) => p.type === 'integer') + 1);
  return {
    decimal: part('decimal', '.'),
    thousands: part('group', ','),
    grouping: [3],
    currency: [affix(parts.slice(0, firstDigit)), affix(parts.slice(lastDigit + 1))],
    percent: afterNumber.map((p) => p.value).join('').replace('%', '') + '%',
    minus: part('minusSign', '-'),
  };
}

function vegaTimeLocale(intlLocale: string): VegaTimeLocale {
  const names = (options: Intl.DateTimeFormatOptions, date: (i: number) => Date) => {
    const f = new Intl.DateTimeFormat(intlLocale, { ...options, timeZone: 'UTC' });
    return (i: number) => f.format(date(i));
  };
  // 2023-01-01 was a Sunday; d3 lists days from Sunday.
  const day = (i: number) => new Date(Date.UTC(2023, 0, 1 + i));
  const month = (i: number) => new Date(Date.UTC(2023, i, 1));
  const week = <T,>(f: (i: number) => T): Vector7<T> => [f(0), f(1), f(2), f(3), f(4), f(5), f(6)];
  const year = <T,>(f: (i: number) => T): Vector12<T> => [
    f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7), f(8), f(9), f(10), f(11),
  ];
  const dmy = intlLocale.startsWith('de') ? '%d.%m.%Y' : '%d/%m/%Y';
  return {
    dateTime: `${dmy}, %H:%M:%S`,
    date: dmy,
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: week(names({ weekday: 'long' }, day)),
    shortDays: week(names({ weekday: 'short' }, day)),
    months: year(names({ month: 'long' }, month)),
    shortMonths: year(names({ month: 'short' }, month)),
  };
}

/** Every `YYYY-MM-DD` inside a text (a list of days the SQL wrote) as the locale writes dates. */
export function localDates(text: string, fmt: Formatter): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => {
    try {
      return fmt.date(day);
    } catch {
      return day;
    }
  });
}
