// The gap rule of queries/marts/platform_coverage.sql on a small data folder
// (March 2026; the 1st is a Sunday), each day's state counted by hand:
// - a real gap: a campaign with spend before and after three weekdays without
//   data, clicked within them;
// - a paused campaign: spend before and after, but its clicks stop: idle;
// - one campaign ending before another starts: nothing runs across: idle;
// - a campaign no touchpoint names: spend before and after is enough, and a run
//   with a weekday is a gap on its weekend days too;
// - a period row covers its days ('period', not a gap);
// - a weekday-only platform: weekend days are never gaps, a run across a
//   weekend is a gap on its weekdays only;
// - a Saturday and Sunday alone without data on a platform that reports
//   weekends: idle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../pipeline/warehouse.ts';
import { csv, filledWarehouse, type DataFiles } from './helpers/warehouse.ts';

/** The March 2026 days from `first` to `last`, without the days in `except`. */
function days(first: number, last: number, except: number[] = []): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d++) if (!except.includes(d)) out.push(`2026-03-${String(d).padStart(2, '0')}`);
  return out;
}

function dailyRows(platform: string, account: string, campaign: string, dates: string[]): (string | number)[][] {
  return dates.map((date) => [platform, account, date, campaign, '10.00', 'EUR', 1000, 10]);
}

function dataFiles(): DataFiles {
  const daily = [
    // A: Spring runs 2-22 March; no rows on Tue 10 - Thu 12 (clicked on the 11th) nor on Sat 14 - Sun 15
    ...dailyRows('XING', 'A', 'Spring', days(2, 22, [10, 11, 12, 14, 15])),
    // B: Summer 2-6 and 16-20 March, clicked on the 3rd and the 17th only: paused in between
    ...dailyRows('XING', 'B', 'Summer', [...days(2, 6), ...days(16, 20)]),
    // C: Winter ends on the 4th, Autumn starts on the 9th
    ...dailyRows('XING', 'C', 'Winter', days(2, 4)),
    ...dailyRows('XING', 'C', 'Autumn', days(9, 11)),
    // D: Reel (no touchpoint names it) 2-6 and 10-13 March: Sat 7 - Mon 9 without rows
    ...dailyRows('XING', 'D', 'Reel', [...days(2, 6), ...days(10, 13)]),
    // E: Brand 2-5 and 27-31 March by day, 6-26 March in one period row
    ...dailyRows('XING', 'E', 'Brand', [...days(2, 5), ...days(27, 31)]),
  ];
  // Reddit reports weekdays only: Thread on 2-5, 10-13 and 16-20 March (Fri 6 and Mon 9 missing)
  const reddit = dailyRows('Reddit', 'R', 'Thread', [...days(2, 5), ...days(10, 13), ...days(16, 20)]);
  const touch = (day: number, campaign: string) => [`c${day}${campaign}`, `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`, 'xing', 'paid_social', campaign, 'click'];
  return {
    'report.json': JSON.stringify({ currency: 'EUR', timezone: 'UTC' }),
    'campaigns.csv': csv(
      'campaign,name,channel,funnel_stage,influencer,coupon_code,match',
      ['Spring', 'Summer', 'Winter', 'Autumn', 'Reel', 'Brand', 'Thread'].map((c) => [c.toLowerCase(), c, c === 'Thread' ? 'Reddit' : 'XING', 'awareness', null, null, c]),
    ),
    'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [['O1', '2026-03-18T10:00:00Z', 'c3Summer', '100.00', 'EUR', 'paid']]),
    'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', [touch(11, 'Spring'), touch(3, 'Summer'), touch(17, 'Summer')]),
    'fx.csv': csv('Date,USD', [['2026-03-02', '1.0800']]),
    'exports/daily.csv': csv('platform,account,date,campaign_name,spend,currency,impressions,clicks', [...daily, ...reddit]),
    'exports/brand-period.csv': csv('platform,account,period_start,period_end,campaign_name,spend,currency,impressions,clicks', [
      ['XING', 'E', '2026-03-06', '2026-03-26', 'Brand', '210.00', 'EUR', 21000, 210],
    ]),
  };
}

describe('platform_coverage: a day without data is a gap only where a campaign was running and the platform reports the day', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await filledWarehouse(dataFiles());
  });
  afterAll(() => warehouse?.close());

  it("counts each account's days by state", async () => {
    const rows = await warehouse.rows(
      `select platform, account, state, count(*)::integer as days, bool_and(is_gap = (state = 'gap')) as consistent
       from platform_coverage group by all order by platform, account, state`,
    );
    expect(rows).toEqual([
      { platform: 'reddit', account: 'R', state: 'data', days: 13, consistent: true },
      { platform: 'reddit', account: 'R', state: 'gap', days: 2, consistent: true },
      { platform: 'reddit', account: 'R', state: 'idle', days: 4, consistent: true },
      { platform: 'xing', account: 'A', state: 'data', days: 16, consistent: true },
      { platform: 'xing', account: 'A', state: 'gap', days: 3, consistent: true },
      { platform: 'xing', account: 'A', state: 'idle', days: 2, consistent: true },
      { platform: 'xing', account: 'B', state: 'data', days: 10, consistent: true },
      { platform: 'xing', account: 'B', state: 'idle', days: 9, consistent: true },
      { platform: 'xing', account: 'C', state: 'data', days: 6, consistent: true },
      { platform: 'xing', account: 'C', state: 'idle', days: 4, consistent: true },
      { platform: 'xing', account: 'D', state: 'data', days: 9, consistent: true },
      { platform: 'xing', account: 'D', state: 'gap', days: 3, consistent: true },
      { platform: 'xing', account: 'E', state: 'data', days: 9, consistent: true },
      { platform: 'xing', account: 'E', state: 'period', days: 21, consistent: true },
    ]);
  });

  it('marks exactly these days as gaps', async () => {
    const rows = await warehouse.rows(`select platform, account, strftime(date, '%Y-%m-%d') as day from platform_coverage where is_gap order by all`);
    expect(rows.map((r) => `${String(r.platform)} ${String(r.account)} ${String(r.day)}`)).toEqual([
      // the weekday-only platform: Fri 6 and Mon 9, not the weekend between
      'reddit R 2026-03-06',
      'reddit R 2026-03-09',
      // the real gap, Tue 10 - Thu 12
      'xing A 2026-03-10',
      'xing A 2026-03-11',
      'xing A 2026-03-12',
      // Sat 7 - Mon 9: a run with a weekday, on a platform that reports weekends
      'xing D 2026-03-07',
      'xing D 2026-03-08',
      'xing D 2026-03-09',
    ]);
  });

  it("gives data_quality's missing_days per platform and month from the same rule", async () => {
    const rows = await warehouse.rows(
      `select subject, month, value, detail from data_quality where measure = 'missing_days' order by subject`,
    );
    expect(rows).toEqual([
      { subject: 'reddit', month: '2026-03', value: 2, detail: '2026-03-06, 2026-03-09' },
      { subject: 'xing', month: '2026-03', value: 6, detail: '2026-03-07, 2026-03-08, 2026-03-09, 2026-03-10, 2026-03-11, 2026-03-12' },
    ]);
    const withData = await warehouse.rows(`select subject, value from data_quality where measure = 'days_with_data' order by subject`);
    // xing: every day of 2-31 March has a daily row or E's period row; Reddit's 13 weekdays with rows
    expect(withData).toEqual([
      { subject: 'reddit', value: 13 },
      { subject: 'xing', value: 30 },
    ]);
  });
});
