// Days are integers counted from 1970-01-01; instants are UTC milliseconds.
// Nothing here reads the clock or the machine's locale or time zone.

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) throw new Error(`not a date: ${iso}`);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function dayOfYmd(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function ymd(day: number): Ymd {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isoDay(day: number): string {
  const { y, m, d } = ymd(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** `YYYY-MM` */
export function monthKey(day: number): string {
  const { y, m } = ymd(day);
  return `${y}-${pad2(m)}`;
}

/** 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function daysInMonth(y: number, m: number): number {
  return dayOfYmd(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dayOfYmd(y, m, 1);
}

export function lastDayOfMonth(day: number): number {
  const { y, m } = ymd(day);
  return dayOfYmd(y, m, daysInMonth(y, m));
}

function lastSunday(y: number, m: number): number {
  let day = dayOfYmd(y, m, daysInMonth(y, m));
  while (weekday(day) !== 6) day--;
  return day;
}

/** Fourth Friday of November. */
export function blackFriday(y: number): number {
  let day = dayOfYmd(y, 11, 1);
  while (weekday(day) !== 4) day++;
  return day + 21;
}

/** Europe/Berlin: CEST from the last Sunday of March to the last Sunday of October, 01:00 UTC. */
export function berlinOffsetMs(utcMs: number): number {
  const [start, end] = summerTime(new Date(utcMs).getUTCFullYear());
  return utcMs >= start && utcMs < end ? 2 * HOUR_MS : HOUR_MS;
}

const SUMMER_TIME = new Map<number, readonly [number, number]>();

/** The instants CEST starts and ends in a year (computed once per year). */
function summerTime(y: number): readonly [number, number] {
  let range = SUMMER_TIME.get(y);
  if (!range) {
    range = [lastSunday(y, 3) * DAY_MS + HOUR_MS, lastSunday(y, 10) * DAY_MS + HOUR_MS];
    SUMMER_TIME.set(y, range);
  }
  return range;
}

/** The instant of a Berlin wall-clock time (seconds after local midnight of `day`). */
export function berlinToUtcMs(day: number, secondOfDay: number): number {
  const local = day * DAY_MS + secondOfDay * 1000;
  const summer = local - 2 * HOUR_MS;
  return berlinOffsetMs(summer) === 2 * HOUR_MS ? summer : local - HOUR_MS;
}

export function berlinDay(utcMs: number): number {
  return Math.floor((utcMs + berlinOffsetMs(utcMs)) / DAY_MS);
}

/** `2026-10-03T12:22:05Z` */
export function isoTimestamp(utcMs: number): string {
  return `${new Date(utcMs).toISOString().slice(0, 19)}Z`;
}

export function easterSunday(y: number): number {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOfYmd(y, month, dayOfMonth);
}

/** TARGET2 closing days: weekends, New Year, Good Friday, Easter Monday, 1 May, 25 and 26 December. */
export function isTargetWorkingDay(day: number): boolean {
  if (weekday(day) >= 5) return false;
  const { y, m, d } = ymd(day);
  if ((m === 1 && d === 1) || (m === 5 && d === 1) || (m === 12 && (d === 25 || d === 26))) return false;
  const easter = easterSunday(y);
  return day !== easter - 2 && day !== easter + 1;
}

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export function monthName(m: number): string {
  const name = MONTH_NAMES[m - 1];
  if (name === undefined) throw new Error(`no month ${m}`);
  return name;
}

export function monthAbbr(m: number): string {
  return monthName(m).slice(0, 3);
}

/** en-US without zero padding: `10/3/2026` */
export function usDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${m}/${d}/${y}`;
}

/** `October 1, 2026` */
export function longUsDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${monthName(m)} ${d}, ${y}`;
}

/** Calendar months overlapping [first, last], each clipped to the range. */
export function monthsBetween(first: number, last: number): { start: number; end: number; key: string }[] {
  const months: { start: number; end: number; key: string }[] = [];
  let start = first;
  while (start <= last) {
    const end = Math.min(lastDayOfMonth(start), last);
    months.push({ start, end, key: monthKey(start) });
    start = end + 1;
  }
  return months;
}

export const DATA_START = dayOf('2025-09-01');
/** Partial last month on purpose: the latest complete month is 2026-10. */
export const DATA_END = dayOf('2026-11-15');
export const FX_START = dayOf('2025-08-01');
/** The last fixing before the data end (a Friday). */
export const FX_END = dayOf('2026-11-13');
