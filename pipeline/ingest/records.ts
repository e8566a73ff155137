// What a parsed row becomes: a daily ad row, a period ad row (reporting start
// and end differ, or the export names no day at all), a post with its lifetime
// numbers, or one row per metric of a daily page series. Rows that cannot be
// any of these are rejected with line, column and reason.
import { columnHeader, type HeaderMatch, type ParsedRow, type Rejection } from './platform-export.ts';
import type { Values } from './platforms/format.ts';
import { periodFromPreamble, previousDay } from './values.ts';

export interface AdRecord {
  line: number;
  /** `daily`: report_date is set; `period`: period_start/period_end (both null when the export names no period). */
  grain: 'daily' | 'period';
  values: Values;
  platform: string;
}

export interface PostRecord {
  line: number;
  values: Values;
  account: string;
}

export interface DailyMetricRecord {
  line: number;
  date: string;
  metric: string;
  value: string;
  account: string;
  /** What within the account the value is of (a YouTube video); null for the account's own series. */
  item: string | null;
}

export { periodFromPreamble };

/**
 * The line that stands where a period should (Google Ads' second title line,
 * `All time`) when no period could be read from the lines above the header;
 * null when there is no such line.
 */
export function unreadPeriodLine(lines: readonly string[]): string | null {
  if (periodFromPreamble(lines) !== null) return null;
  const filled = lines.map((l) => l.replace(/^["']|["',;\t]+$/g, '').trim()).filter((l) => l !== '');
  return filled.length >= 2 ? filled[filled.length - 1]! : null;
}

function hasDateColumns(match: HeaderMatch): boolean {
  return ['date', 'period_start', 'period'].some((f) => f in match.columns);
}

/** A parsed ad row as a daily or period row, or why it cannot be loaded. */
export function completeAdRow(row: ParsedRow, match: HeaderMatch, filePeriod: { start: string; end: string } | null): AdRecord | Rejection {
  const values: Values = { ...row.values };
  const line = row.line;
  let grain: 'daily' | 'period' = 'daily';
  if (hasDateColumns(match)) {
    if (!values.date) {
      let start = values.period_start ?? null;
      let end = values.period_end ?? null;
      if (!start && values.period) [start, end] = values.period.split('..') as [string, string];
      if (!start) {
        const column = 'date' in match.columns ? 'date' : 'period_start' in match.columns ? 'period_start' : 'period';
        return { line, column: columnHeader(match, column), reason: 'the row has no date', value: null };
      }
      end ??= start;
      if (row.endsAtMidnight && end > start) end = previousDay(end);
      if (end < start) {
        return { line, column: columnHeader(match, 'period_end' in match.columns ? 'period_end' : 'period'), reason: `the period ends (${end}) before it starts (${start})`, value: `${start}..${end}` };
      }
      if (start === end) values.date = start;
      else {
        grain = 'period';
        values.period_start = start;
        values.period_end = end;
      }
    }
  } else {
    grain = 'period';
    values.period_start = filePeriod?.start ?? null;
    values.period_end = filePeriod?.end ?? null;
  }
  if (!values.campaign_name && !values.campaign_id) {
    return { line, column: columnHeader(match, 'campaign_name' in match.columns ? 'campaign_name' : 'campaign_id'), reason: 'the row names no campaign', value: null };
  }
  if (values.currency && !/^[A-Za-z]{3}$/.test(values.currency)) {
    return { line, column: columnHeader(match, 'currency'), reason: `expected a three-letter currency code, found ${JSON.stringify(values.currency)}`, value: values.currency };
  }
  values.currency = values.currency?.toUpperCase() ?? null;
  const platform = match.format.platform || values.platform_name || '';
  if (!platform) {
    return {
      line,
      column: 'platform',
      reason: 'the generic layout needs a platform: add a platform column, or a line "platform: <name>" above the header',
      value: null,
    };
  }
  return { line, grain, values, platform };
}

/** A parsed post row, or why it cannot be loaded. */
export function completePostRow(row: ParsedRow, match: HeaderMatch): PostRecord | Rejection {
  const values = row.values;
  if (!values.post_id) {
    return { line: row.line, column: columnHeader(match, 'post_id' in match.columns ? 'post_id' : 'permalink'), reason: 'the row names no post', value: null };
  }
  if (!values.published_at) {
    return { line: row.line, column: columnHeader(match, 'published_at'), reason: 'the post has no publish time', value: null };
  }
  return { line: row.line, values, account: values.account ?? values.account_id ?? match.context.account ?? '' };
}

/** The metric rows of one day of a page series, or why the day cannot be loaded. */
export function completeDailyRow(row: ParsedRow, match: HeaderMatch): DailyMetricRecord[] | Rejection {
  const date = row.values.date;
  if (!date) return { line: row.line, column: columnHeader(match, 'date'), reason: match.context.no_date ?? 'the row has no date', value: null };
  const account = row.values.account ?? match.context.account ?? '';
  const item = row.values.post_id ?? null;
  const records: DailyMetricRecord[] = [];
  for (const [key, value] of Object.entries(row.metrics ?? {})) {
    if (value === null) continue;
    const metric = key === '$context' ? (match.context.metric ?? 'value') : key;
    records.push({ line: row.line, date, metric, value, account, item });
  }
  return records;
}

export function isRejection<T extends object>(value: T | Rejection): value is Rejection {
  return 'reason' in value;
}

/** A decimal text as an integer count of its smallest unit at `scale` places, for exact sums. */
function scaled(text: string, scale: number): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const value = BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
  return negative ? -value : value;
}

function equalsSumOf(total: string, parts: readonly string[]): boolean {
  const scale = Math.max(...[total, ...parts].map((t) => t.split('.')[1]?.length ?? 0));
  return scaled(total, scale) === parts.reduce((sum, part) => sum + scaled(part, scale), 0n);
}

/**
 * The account (or campaign group) summary row some exports put among their
 * rows, as Meta Ads Manager's first row with an empty campaign name: a row
 * that names no campaign, in a table that has a campaign column, whose spend
 * is not zero and equals the sum of the spend of all other rows to the last
 * decimal (and its impressions theirs, when it has them). Such a row is a
 * totals row; any other row without a campaign stays a rejected row. Returns
 * its index in `rows`, or -1.
 */
export function accountSummaryRow(rows: readonly ParsedRow[], match: HeaderMatch): number {
  if (!('campaign_name' in match.columns) && !('campaign_id' in match.columns)) return -1;
  if (rows.length < 2) return -1;
  for (const [index, row] of rows.entries()) {
    const summary = row.values;
    if (summary.campaign_name || summary.campaign_id) continue;
    if (!summary.spend || /^-?0*\.?0*$/.test(summary.spend)) continue;
    const others = rows.filter((_, i) => i !== index).map((r) => r.values);
    if (!equalsSumOf(summary.spend, others.map((v) => v.spend ?? '0'))) continue;
    if (summary.impressions && !equalsSumOf(summary.impressions, others.map((v) => v.impressions ?? '0'))) continue;
    return index;
  }
  return -1;
}

/**
 * How a checked totals row (YouTube Studio's `Total`) differs from the sum of
 * the other rows, metric by metric; empty when it agrees. A metric the total
 * leaves empty is not compared. Each row's figure may be rounded at its last
 * decimal (watch hours to four places), so a sum may differ from the total by
 * up to half a unit of that place per row; counts must agree exactly.
 */
export function totalDifferences(total: ParsedRow, rows: readonly ParsedRow[], metrics: readonly string[]): { metric: string; total: string; sum: string }[] {
  const differences: { metric: string; total: string; sum: string }[] = [];
  for (const metric of metrics) {
    const stated = total.metrics?.[metric];
    if (stated == null) continue;
    const parts = rows.map((r) => r.metrics?.[metric]).filter((v): v is string => v != null);
    const scale = Math.max(...[stated, ...parts].map((t) => t.split('.')[1]?.length ?? 0));
    const sum = parts.reduce((acc, part) => acc + scaled(part, scale), 0n);
    const diff = scaled(stated, scale) - sum;
    // in units of the last decimal place: half a unit per rounded row
    const tolerance = scale === 0 ? 0n : (BigInt(parts.length) + 1n) / 2n;
    if ((diff < 0n ? -diff : diff) > tolerance) differences.push({ metric, total: stated, sum: unscaled(sum, scale) });
  }
  return differences;
}

function unscaled(value: bigint, scale: number): string {
  if (scale === 0) return String(value);
  const negative = value < 0n;
  const digits = String(negative ? -value : value).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
