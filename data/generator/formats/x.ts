// X Ads Manager export (docs/formats.md): UTF-8, comma, LF, English headers, `Time period`
// holding one day, one row per ad group and day, one file per month. Only the large
// advertiser's portfolio (scale > 1) advertises on X, so the sample has no X files.

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { isoDay, monthsBetween, DATA_END, DATA_START } from '../calendar.ts';
import { centsText, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import type { SpendPlan } from '../spend.ts';
import { claimedPurchases, clicksFor, eachSpendingAdSet, impressionsFor } from './delivery.ts';

export const X_HEADER = [
  'Time period', 'Campaign name', 'Ad group name', 'Currency', 'Spend', 'Impressions', 'Engagements', 'Link clicks',
  'Video views', 'Follows', 'Results', 'Result type', 'Conversion value',
] as const;

/** Months in which any of the plans spends. */
export function liveMonths(plans: readonly SpendPlan[]): { start: number; end: number; key: string }[] {
  return monthsBetween(DATA_START, DATA_END).filter((month) =>
    plans.some((p) => p.eur.subarray(month.start - DATA_START, month.end - DATA_START + 1).some((e) => e > 0)));
}

export async function writeX(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const x = plans.filter((p) => p.campaign.platform === 'x');
  if (x.length === 0) return [];
  const dir = join(out, 'exports', 'x');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'x');
  const summaries: FileSummary[] = [];
  for (const month of liveMonths(x)) {
    const name = `x_ads_campaigns_${month.key}.csv`;
    const sink = new FileSink(join(dir, name), `exports/x/${name}`, { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' }, month.start);
    sink.line(X_HEADER);
    for (let day = month.start; day <= month.end; day++) {
      eachSpendingAdSet(x, day, (c, adSet, cents) => {
        const spend = cents / 100;
        const impressions = impressionsFor(rng, c, spend);
        const clicks = clicksFor(rng, c, impressions);
        const views = Math.round(impressions * c.videoViewRate * rng.noise(0.1));
        const engagements = clicks + Math.round(impressions * 0.003 * rng.noise(0.3));
        const { conversions, valueCents } = claimedPurchases(rng, c, spend);
        sink.row([
          isoDay(day), c.name, adSet.name, c.currency, centsText(cents), String(impressions), String(engagements),
          String(Math.round(clicks * c.linkShare)), String(views), String(rng.poisson(impressions * 0.0002)),
          String(conversions), 'Purchases', centsText(valueCents),
        ]);
      });
      await sink.drain();
    }
    summaries.push(await sink.close());
  }
  return summaries;
}
