// Month keys are `YYYY-MM` strings, as in every dataset. Only calendar arithmetic
// for selecting rows lives here; no metric is computed in the site.

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: unknown): value is string {
  return typeof value === 'string' && MONTH_KEY.test(value);
}

/** Year and month (1-12) of a `YYYY-MM` key; throws on anything else. */
export function parseMonth(key: string): { year: number; month: number } {
  const match = MONTH_KEY.exec(key);
  if (!match) throw new Error(`month must be YYYY-MM, found ${JSON.stringify(key)}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** The month `offset` months after `key` (negative goes back). */
export function addMonths(key: string, offset: number): string {
  const { year, month } = parseMonth(key);
  const index = year * 12 + (month - 1) + offset;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** The `count` months ending with `last`, oldest first. */
export function monthsEndingAt(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

/** Midnight UTC on the first day of the month, for Intl formatting with timeZone UTC. */
export function monthStartUtc(key: string): Date {
  const { year, month } = parseMonth(key);
  return new Date(Date.UTC(year, month - 1, 1));
}
