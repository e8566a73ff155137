// Pinterest Ads campaign report (docs/formats.md): UTF-8, comma, LF, English headers,
// paid columns, dates day first as a European account writes them, one file per flight.

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { isoDay, monthsBetween, ymd, DATA_END, DATA_START } from '../calendar.ts';
import { centsText, cutEnd, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import { isPortfolio } from '../spend.ts';
import type { SpendPlan } from '../spend.ts';
import { claimedPurchases, clicksFor, eachSpendingAdSet, impressionsFor } from './delivery.ts';

export const PINTEREST_HEADER = [
  'Date', 'Advertiser name', 'Campaign name', 'Campaign ID', 'Ad group name', 'Ad group ID', 'Currency',
  'Spend in account currency', 'Paid impressions', 'Pin clicks', 'Outbound clicks', 'Saves', 'Engagements',
  'Total conversions', 'Total conversion value',
] as const;

const ADVERTISER = 'Nordlicht Naturkosmetik GmbH';

function dayFirst(day: number): string {
  const { y, m, d } = ymd(day);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

export async function writePinterest(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'exports', 'pinterest');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'pinterest');
  const summaries: FileSummary[] = [];
  const pinterest = plans.filter((p) => p.campaign.platform === 'pinterest');
  const writeDay = (sink: FileSink, plan: SpendPlan, day: number): void => {
    eachSpendingAdSet([plan], day, (c, adSet, cents) => {
      const spend = cents / 100;
      const impressions = impressionsFor(rng, c, spend);
      const pinClicks = clicksFor(rng, c, impressions);
      const outbound = Math.round(pinClicks * c.linkShare * rng.noise(0.1));
      const saves = Math.round(impressions * 0.004 * rng.noise(0.3));
      const { conversions, valueCents } = claimedPurchases(rng, c, spend);
      sink.row([
        dayFirst(day), ADVERTISER, c.name, c.id, adSet.name, adSet.id, c.currency, centsText(cents),
        String(impressions).replace(/\B(?=(\d{3})+(?!\d))/g, ','), String(pinClicks), String(outbound), String(saves),
        String(pinClicks + saves), String(conversions), centsText(valueCents),
      ]);
    });
  };
  // the shop's own campaigns: one file per flight
  for (const plan of pinterest.filter((p) => !isPortfolio(p))) {
    for (const [first, last] of plan.campaign.flights) {
      const from = Math.max(first, DATA_START);
      const to = Math.min(last, DATA_END);
      if (from > to) continue;
      // a flight still running at the --as-of cut is downloaded up to the cut, and named so
      const name = `pinterest_campaign_report_${isoDay(from)}_${isoDay(cutEnd(to))}.csv`;
      const sink = new FileSink(join(dir, name), `exports/pinterest/${name}`, { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' }, from);
      sink.line(PINTEREST_HEADER);
      for (let day = from; day <= to; day++) writeDay(sink.at(day), plan, day);
      summaries.push(await sink.close());
    }
  }
  // the portfolio (scale > 1): one file per month for all its campaigns
  const portfolio = pinterest.filter(isPortfolio);
  if (portfolio.length === 0) return summaries;
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    if (!portfolio.some((p) => p.adSetCents.some((s) => s.slice(month.start - DATA_START, month.end - DATA_START + 1).some((c) => c > 0)))) continue;
    const name = `pinterest_portfolio_report_${month.key}.csv`;
    const sink = new FileSink(join(dir, name), `exports/pinterest/${name}`, { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' }, month.start);
    sink.line(PINTEREST_HEADER);
    for (let day = month.start; day <= month.end; day++) {
      for (const plan of portfolio) writeDay(sink, plan, day);
      await sink.drain();
    }
    summaries.push(await sink.close());
  }
  return summaries;
}
