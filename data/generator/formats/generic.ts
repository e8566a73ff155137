// The generic layout (README, "Generic layout") for platforms without an adapter: XING,
// Reddit, Taboola and Spotify, one file per platform and month under exports/<platform>/,
// the platform named on a `# platform: …` line above the header. Only the portfolio
// (scale > 1) advertises there.

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { GENERIC_PLATFORM_NAMES } from '../brand.ts';
import { Rng } from '../random.ts';
import { isoDay } from '../calendar.ts';
import { centsText, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import type { SpendPlan } from '../spend.ts';
import { claimedPurchases, clicksFor, eachSpendingAdSet, impressionsFor } from './delivery.ts';
import { liveMonths } from './x.ts';

export const GENERIC_HEADER = [
  'date', 'campaign_name', 'ad_set_name', 'currency', 'spend', 'impressions', 'clicks', 'engagements', 'conversions',
  'conversion_value', 'engagement_definition',
] as const;

export async function writeGeneric(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const summaries: FileSummary[] = [];
  for (const [platform, label] of Object.entries(GENERIC_PLATFORM_NAMES)) {
    const own = plans.filter((p) => p.campaign.platform === platform);
    if (own.length === 0) continue;
    const dir = join(out, 'exports', platform);
    await mkdir(dir, { recursive: true });
    const rng = new Rng(seed, `generic/${platform}`);
    for (const month of liveMonths(own)) {
      const name = `${month.key}.csv`;
      const sink = new FileSink(join(dir, name), `exports/${platform}/${name}`, { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' }, month.start);
      sink.rawLine(`# platform: ${label}`);
      sink.line(GENERIC_HEADER);
      for (let day = month.start; day <= month.end; day++) {
        eachSpendingAdSet(own, day, (c, adSet, cents) => {
          const spend = cents / 100;
          const impressions = impressionsFor(rng, c, spend);
          const clicks = clicksFor(rng, c, impressions);
          const engagements = clicks + Math.round(impressions * 0.002 * rng.noise(0.3));
          const { conversions, valueCents } = claimedPurchases(rng, c, spend);
          sink.row([
            isoDay(day), c.name, adSet.name, c.currency, centsText(cents), String(impressions), String(clicks),
            String(engagements), String(conversions), centsText(valueCents), 'clicks + reactions + comments + shares',
          ]);
        });
        await sink.drain();
      }
      summaries.push(await sink.close());
    }
  }
  return summaries;
}
