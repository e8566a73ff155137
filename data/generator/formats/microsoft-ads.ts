// Microsoft Advertising campaign report with a day column (docs/formats.md): UTF-8 with
// BOM, comma, CRLF, IDs in brackets, `-` where a text cell does not apply, a `Search
// total` row at the end, dates M/D/YYYY. Only the portfolio (scale > 1) runs search ads.

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { usDate } from '../calendar.ts';
import { centsText, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import type { SpendPlan } from '../spend.ts';
import { claimedPurchases, clicksFor, eachSpendingAdSet, impressionsFor } from './delivery.ts';
import { liveMonths } from './x.ts';

export const MICROSOFT_ADS_HEADER = [
  'Date', 'Campaign ID', 'Campaign', 'Ad group', 'Campaign Type', 'Currency code', 'Spend', 'Impr.', 'Clicks', 'CTR',
  'Avg. CPC', 'Conv.', 'Revenue',
] as const;

export async function writeMicrosoftAds(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const microsoft = plans.filter((p) => p.campaign.platform === 'microsoft_ads');
  if (microsoft.length === 0) return [];
  const dir = join(out, 'exports', 'microsoft-ads');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'microsoft-ads');
  const summaries: FileSummary[] = [];
  for (const month of liveMonths(microsoft)) {
    const name = `Campaign_Report_${month.key}.csv`;
    const sink = new FileSink(join(dir, name), `exports/microsoft-ads/${name}`, { encoding: 'utf8', bom: true, delimiter: ',', eol: '\r\n' }, month.start);
    sink.line(MICROSOFT_ADS_HEADER);
    let totalCents = 0;
    let totalImpressions = 0;
    let totalClicks = 0;
    let totalConversions = 0;
    let totalValue = 0;
    for (let day = month.start; day <= month.end; day++) {
      eachSpendingAdSet(microsoft, day, (c, adSet, cents) => {
        const spend = cents / 100;
        const impressions = impressionsFor(rng, c, spend);
        const clicks = clicksFor(rng, c, impressions);
        const { conversions, valueCents } = claimedPurchases(rng, c, spend);
        totalCents += cents;
        totalImpressions += impressions;
        totalClicks += clicks;
        totalConversions += conversions;
        totalValue += valueCents;
        sink.row([
          usDate(day), `[${c.id}]`, c.name, adSet.name, 'Search', c.currency, centsText(cents), String(impressions),
          String(clicks), `${((clicks / impressions) * 100).toFixed(2)}%`, clicks === 0 ? '0.00' : centsText(Math.round(cents / clicks)),
          String(conversions), centsText(valueCents),
        ]);
      });
      await sink.drain();
    }
    sink.line([
      'Search total', '-', '-', '-', '-', 'EUR', centsText(totalCents), String(totalImpressions), String(totalClicks),
      `${((totalClicks / Math.max(1, totalImpressions)) * 100).toFixed(2)}%`, totalClicks === 0 ? '0.00' : centsText(Math.round(totalCents / totalClicks)),
      String(totalConversions), centsText(totalValue),
    ]);
    summaries.push(await sink.close());
  }
  return summaries;
}
