// Which month the report shows: the one asked for (--month), else the latest complete
// one (orders and paid platform data both reach its last day), else, with a warning,
// the latest one the sources with data reach the end of. A month that is not complete
// is published marked so, and says what it lacks.
import { inputError } from './errors.ts';
import type { Logger } from './log.ts';

/** A row of report_months as the month choice reads it (days as YYYY-MM-DD). */
export interface ReportMonth {
  month: string;
  is_complete: boolean;
  has_orders: boolean;
  has_paid_data: boolean;
  month_end: string;
  orders_through: string | null;
  paid_through: string | null;
}

/** Why a month is not complete, in words: what is missing from it. */
export function whyIncomplete(m: ReportMonth): string {
  const missing: string[] = [];
  if (m.orders_through === null) missing.push('there are no orders at all');
  else if (!m.has_orders) missing.push('it has no orders');
  else if (m.orders_through < m.month_end) missing.push(`the orders end on ${m.orders_through}`);
  if (m.paid_through === null) missing.push('there is no paid platform data at all');
  else if (!m.has_paid_data) missing.push('it has no paid platform data');
  else if (m.paid_through < m.month_end) missing.push(`the paid platform data end on ${m.paid_through}`);
  return missing.length ? missing.join(' and ') : 'the data do not reach its last day';
}

const NOT_FROZEN = "it is published marked incomplete, and its figures are not kept as the month's published snapshot (the first run on the complete month keeps them)";

/**
 * Whether the sources that have data reach the month's end, a source with no data
 * at all (an empty input allowed by --allow-empty) aside. Among months that are
 * not complete, it picks the one to show: a brand without a shop wants its last
 * full month of platform data, not the one day of the next.
 */
function coveredByPresentSources(m: ReportMonth): boolean {
  const orders = m.orders_through === null || (m.has_orders && m.orders_through >= m.month_end);
  const paid = m.paid_through === null || (m.has_paid_data && m.paid_through >= m.month_end);
  return orders && paid;
}

/**
 * The month to report: the one asked for, else the latest complete one, else (with
 * a warning) the latest one the sources with data reach the end of, else the latest.
 */
export function chooseMonth(months: ReportMonth[], wanted: string | null, warnings: string[], logger: Logger): string {
  if (months.length === 0) throw inputError('the data holds no month with platform data or orders: nothing to report');
  const first = months[0]!.month;
  const last = months.at(-1)!.month;
  if (wanted !== null) {
    const found = months.find((m) => m.month === wanted);
    if (!found) throw inputError(`--month ${wanted} is not in the data, which covers ${first} to ${last}`);
    if (!found.is_complete) {
      const message = `${wanted} is not complete: ${whyIncomplete(found)}; ${NOT_FROZEN}`;
      warnings.push(message);
      logger.warn(message);
    }
    return wanted;
  }
  const complete = months.filter((m) => m.is_complete).at(-1);
  if (complete) return complete.month;
  const fallback = months.filter(coveredByPresentSources).at(-1) ?? months.at(-1)!;
  const which = fallback.month === last ? 'the latest month' : 'the latest month the data reach the end of,';
  const message = `no month in the data is complete; reporting ${which} ${fallback.month}, which is not complete (${whyIncomplete(fallback)}); ${NOT_FROZEN}`;
  warnings.push(message);
  logger.warn(message);
  return fallback.month;
}
