// Snapchat Ads Manager export (docs/formats.md): UTF-8, comma, LF; each day's row
// runs from midnight to the next midnight (`Start Time`, `End Time`).

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { dayOf, isoDay, monthsBetween, DATA_END, DATA_START } from '../calendar.ts';
import { centsText, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import { isPortfolio } from '../spend.ts';
import type { SpendPlan } from '../spend.ts';
import { claimedPurchases, clicksFor, eachSpendingAdSet, impressionsFor } from './delivery.ts';

export const SNAPCHAT_HEADER = [
  'Start Time', 'End Time', 'Campaign Name', 'Ad Squad Name', 'Currency', 'Amount Spent', 'Paid Impressions', 'Swipe Ups',
  'Video Views', 'Story Opens', 'Purchases', 'Purchases Value',
] as const;

export async function writeSnapchat(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'exports', 'snapchat');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'snapchat');
  const snapchat = plans.filter((p) => p.campaign.platform === 'snapchat');
  const writeDay = (sink: FileSink, plans: readonly SpendPlan[], day: number): void => {
    eachSpendingAdSet(plans, day, (c, adSet, cents) => {
      const spend = cents / 100;
      const impressions = impressionsFor(rng, c, spend);
      const swipes = clicksFor(rng, c, impressions);
      const views = Math.round(impressions * c.videoViewRate * rng.noise(0.1));
      const { conversions: purchases, valueCents } = claimedPurchases(rng, c, spend);
      sink.row([
        `${isoDay(day)} 00:00:00`, `${isoDay(day + 1)} 00:00:00`, c.name, adSet.name, c.currency, centsText(cents),
        String(impressions), String(swipes), String(views), String(Math.round(impressions * 0.01)), String(purchases), centsText(valueCents),
      ]);
    });
  };
  const name = 'snapchat_ads_daily_2026.csv';
  // the year's download: made once 2026 has begun
  const sink = new FileSink(join(dir, name), `exports/snapchat/${name}`, { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' }, dayOf('2026-01-01'));
  sink.line(SNAPCHAT_HEADER);
  const own = snapchat.filter((p) => !isPortfolio(p));
  for (let day = DATA_START; day <= DATA_END; day++) writeDay(sink.at(day), own, day);
  const summaries = [await sink.close()];
  // the portfolio (scale > 1): one file per month
  const portfolio = snapchat.filter(isPortfolio);
  if (portfolio.length === 0) return summaries;
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    const live = (day: number) => portfolio.some((p) => (p.eur[day - DATA_START] ?? 0) > 0);
    let any = false;
    for (let day = month.start; day <= month.end && !any; day++) any = live(day);
    if (!any) continue;
    const monthly = `snapchat_ads_daily_${month.key}.csv`;
    const out = new FileSink(join(dir, monthly), `exports/snapchat/${monthly}`, { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' }, month.start);
    out.line(SNAPCHAT_HEADER);
    for (let day = month.start; day <= month.end; day++) {
      writeDay(out, portfolio, day);
      await out.drain();
    }
    summaries.push(await out.close());
  }
  return summaries;
}
