// Meta Ads Manager "Export table data", German UI: UTF-8 with BOM, comma, CRLF, header on
// line 1, one row per campaign x ad set x day with delivery, one file per month.

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { isoDay, monthAbbr, monthsBetween, ymd, DATA_END, DATA_START } from '../calendar.ts';
import { centsText, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import type { SpendPlan } from '../spend.ts';

export const META_HEADER = [
  'Kampagnenname', 'Name der Anzeigengruppe', 'Berichtsstart', 'Berichtsende', 'Ausgegebener Betrag (EUR)',
  'Impressionen', 'Reichweite', 'Klicks (alle)', 'Link-Klicks', 'Beitragsinteraktionen', 'Ergebnisse',
  'Indikator für Ergebnisse', 'Websites-Käufe', 'Websites-Käufe – Conversion-Wert',
] as const;

const PURCHASE = 'actions:offsite_conversion.fb_pixel_purchase';

export function metaFileName(start: number, end: number): string {
  const a = ymd(start);
  const b = ymd(end);
  return `Nordlicht-DE-Kampagnen-${monthAbbr(a.m)}-${a.d}-${a.y}-${monthAbbr(b.m)}-${b.d}-${b.y}.csv`;
}

export async function writeMeta(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'exports', 'meta');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'meta');
  const meta = plans.filter((p) => p.campaign.platform === 'meta');
  const summaries: FileSummary[] = [];
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    const name = metaFileName(month.start, month.end);
    const sink = new FileSink(join(dir, name), `exports/meta/${name}`, {
      encoding: 'utf8', bom: true, delimiter: ',', eol: '\r\n',
    });
    sink.line(META_HEADER);
    for (let day = month.start; day <= month.end; day++) {
      for (const plan of meta) {
        const c = plan.campaign;
        c.adSets.forEach((adSet, k) => {
          const cents = plan.adSetCents[k]?.[day - DATA_START] ?? 0;
          if (cents <= 0) return;
          const spend = cents / 100;
          const impressions = Math.max(1, Math.round((spend / (c.cpm * rng.noise(0.12))) * 1000));
          const reach = Math.min(impressions, Math.round(impressions / (c.frequency * rng.noise(0.05))));
          const clicks = Math.round(impressions * c.ctr * rng.noise(0.18));
          const linkClicks = Math.min(clicks, Math.round(clicks * c.linkShare * rng.noise(0.08)));
          const videoViews = Math.round(impressions * c.videoViewRate * rng.noise(0.1));
          const reactions = Math.round(impressions * 0.004 * rng.noise(0.3));
          const engagements = clicks + reactions + videoViews;
          let results: string;
          let indicator: string;
          let purchases = '';
          let value = '';
          if (c.funnel === 'awareness') {
            indicator = adSet.resultIndicator ?? 'reach';
            results = String(indicator === 'reach' ? reach : videoViews);
          } else {
            const n = rng.poisson((spend * c.roas * c.platformValueFactor) / c.basketMean);
            indicator = PURCHASE;
            results = String(n);
            purchases = String(n);
            value = centsText(n === 0 ? 0 : Math.round(n * c.basketMean * rng.noise(0.15) * 100));
          }
          sink.row([
            c.name, adSet.name, isoDay(day), isoDay(day), centsText(cents), String(impressions), String(reach),
            String(clicks), String(linkClicks), String(engagements), results, indicator, purchases, value,
          ]);
        });
      }
      await sink.drain();
    }
    summaries.push(await sink.close());
  }
  return summaries;
}
