// LinkedIn Campaign Manager campaign performance report, English UI: UTF-16LE with BOM,
// TAB-separated, LF, no preamble, no totals row; one file per quarter, dates M/D/YYYY (UTC days).
// The account bills in USD. LinkedIn "campaigns" are the ad sets of a campaign group.

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { usDate, ymd, DATA_END, DATA_START } from '../calendar.ts';
import { centsText, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import { spendOn } from '../spend.ts';
import type { SpendPlan } from '../spend.ts';

export const LINKEDIN_HEADER = [
  'Start Date (in UTC)', 'Account Name', 'Currency', 'Campaign Group ID', 'Campaign Group Name', 'Campaign ID',
  'Campaign Name', 'Campaign Type', 'Total Spent', 'Impressions', 'Clicks', 'Click Through Rate', 'Average CPC',
  'Clicks to Landing Page', 'Total Engagements', 'Reach', 'Conversions', 'Total Conversion Value', 'Follows',
] as const;

const ACCOUNT = 'Nordlicht Naturkosmetik GmbH';

export async function writeLinkedIn(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'exports', 'linkedin');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'linkedin');
  const linkedin = plans.filter((p) => p.campaign.platform === 'linkedin');
  const summaries: FileSummary[] = [];
  let sink: FileSink | null = null;
  let quarter = '';
  for (let day = DATA_START; day <= DATA_END; day++) {
    const { y, m } = ymd(day);
    const q = `${y}Q${Math.ceil(m / 3)}`;
    if (q !== quarter) {
      if (sink) summaries.push(await sink.close());
      quarter = q;
      const name = `campaign_performance_report_${q}.csv`;
      sink = new FileSink(join(dir, name), `exports/linkedin/${name}`, {
        encoding: 'utf16le', bom: true, delimiter: '\t', eol: '\n',
      }, day);
      sink.line(LINKEDIN_HEADER);
    }
    if (!sink) continue;
    sink.at(day);
    for (const plan of linkedin) {
      const c = plan.campaign;
      c.adSets.forEach((adSet, k) => {
        const cents = plan.adSetCents[k]?.[day - DATA_START] ?? 0;
        if (cents <= 0 || !sink) return;
        const spend = cents / 100;
        const impressions = Math.max(1, Math.round((spend / (c.cpm * rng.noise(0.15))) * 1000));
        const clicks = Math.round(impressions * c.ctr * rng.noise(0.25));
        const landing = Math.min(clicks, Math.round(clicks * c.linkShare * rng.noise(0.1)));
        const engagements = clicks + rng.poisson(impressions * 0.0025);
        const reach = Math.min(impressions, Math.round(impressions / (c.frequency * rng.noise(0.05))));
        const eur = (plan.eur[day - DATA_START] ?? 0) * (cents / Math.max(1, spendOn(plan, day)));
        const conversions = rng.poisson((eur * c.roas * c.platformValueFactor) / c.basketMean);
        const value = conversions === 0 ? 0 : Math.round(conversions * c.basketMean * 1.15 * rng.noise(0.2) * 100);
        const ctr = clicks === 0 ? '0%' : `${((clicks / impressions) * 100).toFixed(2)}%`;
        const cpc = clicks === 0 ? '0.00' : centsText(Math.round(cents / clicks));
        sink.row([
          usDate(day), ACCOUNT, c.currency, c.id, c.name, adSet.id, adSet.name, 'Sponsored Content', centsText(cents),
          String(impressions), String(clicks), ctr, cpc, String(landing), String(engagements), String(reach),
          String(conversions), centsText(value), String(rng.poisson(0.25)),
        ]);
      });
    }
    await sink.drain();
  }
  if (sink) summaries.push(await sink.close());
  return summaries;
}
