// What a parsed row becomes: a daily ad row, a period ad row (reporting start
// and end differ, or the export names no day at all), a post with its lifetime
// numbers, or one row per metric of a daily page series. Rows that cannot be
// any of these are rejected with line, column and reason.
import { columnHeader, type HeaderMatch, type ParsedRow, type Rejection } from './platform-export.ts';
import type { Values } from './platforms/format.ts';
import { decideDateLayout, parseDate, previousDay, splitDateRange } from './values.ts';

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
}

const LABEL = /^[^:]{1,40}:\s*/;

/** A reporting period named on a title line (`October 1, 2026 - October 31, 2026`, `Report Time: 9/1/2026 - 9/30/2026`). */
export function periodFromPreamble(lines: readonly string[]): { start: string; end: string } | null {
  for (const raw of lines) {
    const line = raw.replace(/^["']|["',;\t]+$/g, '').trim();
    for (const candidate of [line, line.replace(LABEL, '')]) {
      const sides = splitDateRange(candidate);
      if (!sides || sides[0] === sides[1]) continue;
      const layout = decideDateLayout([...sides], 'mdy');
      const start = layout ? parseDate(sides[0], layout) : null;
      const end = layout ? parseDate(sides[1], layout) : null;
      if (start && end) return { start, end };
    }
  }
  return null;
}

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
  if (!date) return { line: row.line, column: columnHeader(match, 'date'), reason: 'the row has no date', value: null };
  const account = row.values.account ?? match.context.account ?? '';
  const records: DailyMetricRecord[] = [];
  for (const [key, value] of Object.entries(row.metrics ?? {})) {
    if (value === null) continue;
    const metric = key === '$context' ? (match.context.metric ?? 'value') : key;
    records.push({ line: row.line, date, metric, value, account });
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
