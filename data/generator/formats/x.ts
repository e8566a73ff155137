// X Ads Manager export (FORMATS.md §4, [I]): UTF-8, comma, LF, English headers, `Time period`
// holding one day, one row per ad group and day, one file per month. Only the large
// advertiser's portfolio (scale > 1) advertises on X, so the sample has no X files.

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { isoDay, monthsBetween, DATA_END, DATA_START } from '../calendar.ts';
import { centsText, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import type { SpendPlan } from '../spend.ts';

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
    const sink = new FileSink(join(dir, name), `exports/x/${name}`, { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' });
    sink.line(X_HEADER);
    for (let day = month.start; day <= month.end; day++) {
      for (const plan of x) {
        const c = plan.campaign;
        c.adSets.forEach((adSet, k) => {
          const cents = plan.adSetCents[k]?.[day - DATA_START] ?? 0;
          if (cents <= 0) return;
          const spend = cents / 100;
          const impressions = Math.max(1, Math.round((spend / (c.cpm * rng.noise(0.15))) * 1000));
          const clicks = Math.round(impressions * c.ctr * rng.noise(0.2));
          const views = Math.round(impressions * c.videoViewRate * rng.noise(0.1));
          const engagements = clicks + Math.round(impressions * 0.003 * rng.noise(0.3));
          const conversions = rng.poisson((spend * c.roas * c.platformValueFactor) / c.basketMean);
          const value = conversions === 0 ? 0 : Math.round(conversions * c.basketMean * rng.noise(0.15) * 100);
          sink.row([
            isoDay(day), c.name, adSet.name, c.currency, centsText(cents), String(impressions), String(engagements),
            String(Math.round(clicks * c.linkShare)), String(views), String(rng.poisson(impressions * 0.0002)),
            String(conversions), 'Purchases', centsText(value),
          ]);
        });
      }
      await sink.drain();
    }
    summaries.push(await sink.close());
  }
  return summaries;
}
