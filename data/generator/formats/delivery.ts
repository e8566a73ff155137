// What a platform reports for an ad set's spend on a day, shared by the export
// formats: impressions at the campaign's CPM, clicks at its CTR, the purchases it
// claims (platformValueFactor over what really sold) and their value. Each format
// draws these in this order from its own Rng, so the files do not change when a
// format adds columns of its own between them.
import type { Rng } from '../random.ts';
import { DATA_START } from '../calendar.ts';
import type { SpendPlan } from '../spend.ts';

type Campaign = SpendPlan['campaign'];
type AdSet = Campaign['adSets'][number];

/** Calls `draw` for every ad set of the plans that spends on `day`, in plan and ad set order. */
export function eachSpendingAdSet(plans: readonly SpendPlan[], day: number, draw: (campaign: Campaign, adSet: AdSet, cents: number) => void): void {
  for (const plan of plans) {
    const c = plan.campaign;
    c.adSets.forEach((adSet, k) => {
      const cents = plan.adSetCents[k]?.[day - DATA_START] ?? 0;
      if (cents > 0) draw(c, adSet, cents);
    });
  }
}

export function impressionsFor(rng: Rng, c: Campaign, spend: number): number {
  return Math.max(1, Math.round((spend / (c.cpm * rng.noise(0.15))) * 1000));
}

export function clicksFor(rng: Rng, c: Campaign, impressions: number): number {
  return Math.round(impressions * c.ctr * rng.noise(0.2));
}

/** The purchases the platform claims for the spend, and their value in cents. */
export function claimedPurchases(rng: Rng, c: Campaign, spend: number): { conversions: number; valueCents: number } {
  const conversions = rng.poisson((spend * c.roas * c.platformValueFactor) / c.basketMean);
  return { conversions, valueCents: conversions === 0 ? 0 : Math.round(conversions * c.basketMean * rng.noise(0.15) * 100) };
}
