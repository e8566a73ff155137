// Daily media spend per platform campaign and ad set, in the account currency (cents).
// Platform exports print it; orders are drawn from it (spend drives orders).

import { Rng } from './random.ts';
import { blackFriday, ymd, DATA_END, DATA_START } from './calendar.ts';
import {
  b2bSeason, b2bWeekday, growth, retailSeason, retailShape, retailWeekday, AVG_DAYS_PER_MONTH,
} from './brand.ts';
import type { PlatformCampaign } from './brand.ts';
import type { FxTable } from './formats/ecb.ts';

export const DAY_COUNT = DATA_END - DATA_START + 1;

export interface SpendPlan {
  campaign: PlatformCampaign;
  /** per ad set, indexed by day - DATA_START, in cents of the account currency */
  adSetCents: Int32Array[];
  /** whole campaign per day in EUR (converted at the ECB rate of the day) */
  eur: Float64Array;
}

export function spendOn(plan: SpendPlan, day: number): number {
  const i = day - DATA_START;
  let cents = 0;
  for (const series of plan.adSetCents) cents += series[i] ?? 0;
  return cents;
}

/** A campaign of the large advertiser's portfolio (scale > 1), not one of the sample's own. */
export function isPortfolio(plan: SpendPlan): boolean {
  return plan.campaign.key?.startsWith('portfolio_') ?? false;
}

export function isLive(plan: SpendPlan, day: number): boolean {
  return (plan.eur[day - DATA_START] ?? 0) > 0;
}

function saleWeight(day: number): number {
  const bf = blackFriday(ymd(day).y);
  if (day > bf) return 4.5 - 0.4 * (day - bf);
  const x = Math.max(0, 1 - (bf - day) / 14);
  return day === bf ? 5.5 : 1 + 3 * x * x;
}

export function planSpend(campaigns: readonly PlatformCampaign[], fx: FxTable, seed: number): SpendPlan[] {
  return campaigns.map((campaign, index) => {
    const rng = new Rng(seed, `spend/${index}/${campaign.name}`);
    const adSetCents = campaign.adSets.map(() => new Int32Array(DAY_COUNT));
    const eur = new Float64Array(DAY_COUNT);
    for (const [first, last] of campaign.flights) {
      let saleTotal = 0;
      if (campaign.profile === 'sale') for (let d = first; d <= last; d++) saleTotal += saleWeight(d);
      for (let day = Math.max(first, DATA_START); day <= Math.min(last, DATA_END); day++) {
        let amount: number;
        if (campaign.profile === 'sale') {
          amount = (campaign.monthlySpend * saleWeight(day)) / saleTotal;
        } else if (campaign.profile === 'b2b') {
          amount = (campaign.monthlySpend * b2bSeason(day) * growth(day) * b2bWeekday(day)) / AVG_DAYS_PER_MONTH;
          // LinkedIn often delivers nothing on a weekend day
          if (b2bWeekday(day) < 1 && rng.chance(0.35)) amount = 0;
        } else {
          amount = (campaign.monthlySpend * retailSeason(day) * growth(day) * retailShape(day) * retailWeekday(day))
            / AVG_DAYS_PER_MONTH;
        }
        amount *= rng.noise(0.14);
        const shares = campaign.adSets.map((a) => a.share * rng.noise(0.12));
        const shareSum = shares.reduce((s, x) => s + x, 0);
        let cents = 0;
        campaign.adSets.forEach((_, k) => {
          const c = Math.round((amount * (shares[k] ?? 0) * 100) / shareSum);
          const series = adSetCents[k];
          if (series) series[day - DATA_START] = c;
          cents += c;
        });
        eur[day - DATA_START] = campaign.currency === 'EUR' ? cents / 100 : cents / 100 / fx.rate(campaign.currency, day);
      }
    }
    return { campaign, adSetCents, eur };
  });
}
