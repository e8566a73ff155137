// TikTok Ads Manager custom report, English UI (docs/formats.md): UTF-8 with BOM,
// comma, LF, `By Day` as the date, one row per ad group and day, one file per quarter.

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { isoDay, ymd, DATA_END, DATA_START } from '../calendar.ts';
import { centsText, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import type { SpendPlan } from '../spend.ts';

export const TIKTOK_HEADER = [
  'By Day', 'Campaign name', 'Campaign ID', 'Ad group name', 'Ad group ID', 'Currency', 'Cost', 'Impressions', 'Reach',
  'Clicks (destination)', 'CTR (destination)', '2-second video views', '6-second video views', 'Likes', 'Comments', 'Shares',
  'Follows', 'Conversions', 'Total complete payment value',
] as const;

export async function writeTikTok(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'exports', 'tiktok');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'tiktok');
  const tiktok = plans.filter((p) => p.campaign.platform === 'tiktok');
  const summaries: FileSummary[] = [];
  let sink: FileSink | null = null;
  let quarter = '';
  for (let day = DATA_START; day <= DATA_END; day++) {
    const { y, m } = ymd(day);
    const q = `${y}-Q${Math.ceil(m / 3)}`;
    const live = tiktok.some((p) => p.adSetCents.some((s) => (s[day - DATA_START] ?? 0) > 0));
    if (q !== quarter && live) {
      if (sink) summaries.push(await sink.close());
      quarter = q;
      const name = `Custom report ${q}.csv`;
      sink = new FileSink(join(dir, name), `exports/tiktok/${name}`, { encoding: 'utf8', bom: true, delimiter: ',', eol: '\n' }, day);
      sink.line(TIKTOK_HEADER);
    }
    if (!sink || q !== quarter) continue;
    sink.at(day);
    for (const plan of tiktok) {
      const c = plan.campaign;
      c.adSets.forEach((adSet, k) => {
        const cents = plan.adSetCents[k]?.[day - DATA_START] ?? 0;
        if (cents <= 0 || !sink) return;
        const spend = cents / 100;
        const impressions = Math.max(1, Math.round((spend / (c.cpm * rng.noise(0.15))) * 1000));
        const reach = Math.min(impressions, Math.round(impressions / (c.frequency * rng.noise(0.05))));
        const clicks = Math.round(impressions * c.ctr * rng.noise(0.2));
        const views2s = Math.round(impressions * c.videoViewRate * rng.noise(0.1));
        const views6s = Math.round(views2s * 0.42 * rng.noise(0.1));
        const likes = Math.round(views2s * 0.05 * rng.noise(0.3));
        const conversions = rng.poisson((spend * c.roas * c.platformValueFactor) / c.basketMean);
        const value = conversions === 0 ? 0 : Math.round(conversions * c.basketMean * rng.noise(0.15) * 100);
        sink.row([
          isoDay(day), c.name, c.id, adSet.name, adSet.id, c.currency, centsText(cents), String(impressions), String(reach),
          String(clicks), `${((clicks / impressions) * 100).toFixed(2)}%`, String(views2s), String(views6s), String(likes),
          String(Math.round(likes * 0.06)), String(Math.round(likes * 0.04)), String(rng.poisson(likes * 0.02)),
          String(conversions), centsText(value),
        ]);
      });
    }
    await sink.drain();
  }
  if (sink) summaries.push(await sink.close());
  return summaries;
}
