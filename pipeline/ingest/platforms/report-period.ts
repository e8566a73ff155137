// The reporting period of an export whose rows carry no day: Business
// Profile's bulk download (one row per location for the chosen range) and
// YouTube Studio's `Table data.csv` by content. The period is in the name
// Google gives the download (`… (Performance Report) - 2026-10-01 - 2026-10-31.csv`,
// `Content 2026-10-01_2026-10-31 <channel>/Table data.csv`), else on a title
// line above the header. A row of such a file loads as one value of a day
// (a one-day period) or of a calendar month (stored on its first day); any
// other period is refused, since a month's share of it cannot be known.
import { periodFromPreamble } from '../values.ts';
import type { Context, Values } from './format.ts';

const DAY = String.raw`(\d{4}-\d{1,2}-\d{1,2})`;
const NAMED_PERIOD = new RegExp(`${DAY}\\s*(?:_|\\s-\\s|\\s–\\s|\\s—\\s)\\s*${DAY}`);

const isoDay = (text: string) => text.split('-').map((part, i) => (i === 0 ? part : part.padStart(2, '0'))).join('-');

/** The period a file's name (or a folder's, innermost first) or its title lines name; null when none does. */
export function namedPeriod(file: string, preamble: readonly string[]): { start: string; end: string; where: string } | null {
  const parts = file.split(/[\\/]/).reverse();
  for (const part of parts) {
    const found = NAMED_PERIOD.exec(part);
    if (found) return { start: isoDay(found[1]!), end: isoDay(found[2]!), where: JSON.stringify(part) };
  }
  const titled = periodFromPreamble(preamble);
  return titled ? { ...titled, where: 'the title lines' } : null;
}

function lastDayOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The context of a file without a day column: `period_date` (the day, or the
 * month's first day) and `period_grain`, or `no_date`, the reason its rows
 * cannot be placed in a month.
 */
export function periodContext(file: string, preamble: readonly string[], what: string): Context {
  const period = namedPeriod(file, preamble);
  if (!period) {
    return {
      no_date: `${what} has no date column and names no period: keep the file name Google gives the download (it carries the dates), or add a title line "2026-10-01 - 2026-10-31" above the header`,
    };
  }
  if (period.start === period.end) return { period_date: period.start, period_grain: 'day' };
  if (period.start.endsWith('-01') && period.end === lastDayOfMonth(period.start)) return { period_date: period.start, period_grain: 'month' };
  return {
    no_date: `${what} covers ${period.start} to ${period.end} (from ${period.where}), not one day or one calendar month: a month's share of it cannot be known; download one calendar month per file`,
  };
}

/** A row's day: its own date cell, else the file's one-day or one-month period. */
export function withPeriodDate(row: Values, context: Context): Values {
  return row.date == null && context.period_date ? { ...row, date: context.period_date } : row;
}
