// Meta Ads Manager "Export table data", German UI: UTF-8 with BOM, comma, CRLF, header on
// line 1, one row per campaign x ad set x day with delivery, one file per month.
// Beside them, a monthly campaign-level export in English (`Reporting starts` = the 1st,
// `Reporting ends` = the last day): period rows whose value is the deduplicated monthly
// reach, which no sum of daily rows can give; their other numbers equal the daily sums.

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { dayOf, isoDay, monthAbbr, monthsBetween, ymd, DATA_END, DATA_START } from '../calendar.ts';
import { centsText, FileSink } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import type { SpendPlan } from '../spend.ts';
import { WHATSAPP_CAMPAIGN } from '../brand.ts';

export const META_HEADER = [
  'Kampagnenname', 'Name der Anzeigengruppe', 'Berichtsstart', 'Berichtsende', 'Ausgegebener Betrag (EUR)',
  'Impressionen', 'Reichweite', 'Klicks (alle)', 'Link-Klicks', 'Beitragsinteraktionen', 'Ergebnisse',
  'Indikator für Ergebnisse', 'Websites-Käufe', 'Websites-Käufe – Conversion-Wert',
] as const;

const PURCHASE = 'actions:offsite_conversion.fb_pixel_purchase';
const MESSAGING = 'actions:onsite_conversion.messaging_conversation_started_7d';

/**
 * The click-to-WhatsApp campaign's row of a day (brand.ts, WHATSAPP_CAMPAIGN), or null
 * before it starts; from its own random stream, so no other row changes with it.
 */
function whatsappRow(day: number, rng: Rng): string[] | null {
  const c = WHATSAPP_CAMPAIGN;
  if (day < dayOf(c.first)) return null;
  const cents = Math.round(c.dailyEuros * rng.noise(0.15) * 100);
  const spend = cents / 100;
  const impressions = Math.max(1, Math.round((spend / (c.cpm * rng.noise(0.1))) * 1000));
  const reach = Math.min(impressions, Math.round(impressions / (1.3 * rng.noise(0.05))));
  const clicks = Math.round(impressions * c.ctr * rng.noise(0.15));
  const linkClicks = Math.round(clicks * 0.8 * rng.noise(0.05));
  const engagements = clicks + Math.round(impressions * 0.003 * rng.noise(0.3));
  const conversations = rng.poisson(spend / c.costPerConversation);
  return [
    c.name, c.adSet, isoDay(day), isoDay(day), centsText(cents), String(impressions), String(reach),
    String(clicks), String(Math.min(clicks, linkClicks)), String(engagements), String(conversations), MESSAGING, '', '',
  ];
}

export const META_MONTHLY_HEADER = [
  'Reporting starts', 'Reporting ends', 'Campaign name', 'Reach', 'Impressions', 'Frequency', 'Amount spent (EUR)',
  'Clicks (all)', 'Link clicks', 'Post engagements', 'Purchases', 'Purchases conversion value',
] as const;

interface MonthTotals {
  campaign: string;
  cents: number;
  impressions: number;
  dailyReach: number;
  maxDailyReach: number;
  clicks: number;
  linkClicks: number;
  engagements: number;
  purchases: number;
  valueCents: number;
  hasPurchases: boolean;
}

export function metaFileName(start: number, end: number): string {
  const a = ymd(start);
  const b = ymd(end);
  return `Nordlicht-DE-Kampagnen-${monthAbbr(a.m)}-${a.d}-${a.y}-${monthAbbr(b.m)}-${b.d}-${b.y}.csv`;
}

export async function writeMeta(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'exports', 'meta');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'meta');
  const whatsappRng = new Rng(seed, 'meta-whatsapp');
  const meta = plans.filter((p) => p.campaign.platform === 'meta');
  const summaries: FileSummary[] = [];
  const monthly = new Map<string, Map<string, MonthTotals>>();
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    const totals = new Map<string, MonthTotals>();
    monthly.set(month.key, totals);
    const name = metaFileName(month.start, month.end);
    const sink = new FileSink(join(dir, name), `exports/meta/${name}`, {
      encoding: 'utf8', bom: true, delimiter: ',', eol: '\r\n',
    }, month.start);
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
          const t = totals.get(c.name) ?? {
            campaign: c.name, cents: 0, impressions: 0, dailyReach: 0, maxDailyReach: 0, clicks: 0, linkClicks: 0,
            engagements: 0, purchases: 0, valueCents: 0, hasPurchases: false,
          };
          t.cents += cents;
          t.impressions += impressions;
          t.dailyReach += reach;
          t.maxDailyReach = Math.max(t.maxDailyReach, reach);
          t.clicks += clicks;
          t.linkClicks += linkClicks;
          t.engagements += engagements;
          if (purchases !== '') {
            t.hasPurchases = true;
            t.purchases += Number(purchases);
            t.valueCents += Math.round(Number(value) * 100);
          }
          totals.set(c.name, t);
        });
      }
      const whatsapp = whatsappRow(day, whatsappRng);
      if (whatsapp) sink.row(whatsapp);
      await sink.drain();
    }
    summaries.push(await sink.close());
  }
  summaries.push(...(await writeMetaMonthly(out, monthly, seed)));
  return summaries;
}

/** The monthly reach exports, for complete months only (a user exports a month once it is over). */
async function writeMetaMonthly(out: string, monthly: Map<string, Map<string, MonthTotals>>, seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'exports', 'meta-monthly');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'meta-monthly');
  const summaries: FileSummary[] = [];
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    const { y, m, d } = ymd(month.end);
    if (d !== new Date(Date.UTC(y, m, 0)).getUTCDate()) continue;
    const name = `Nordlicht-Monthly-Reach-${monthAbbr(m)}-${y}.csv`;
    const sink = new FileSink(join(dir, name), `exports/meta-monthly/${name}`, { encoding: 'utf8', bom: true, delimiter: ',', eol: '\n' }, month.start);
    sink.line(META_MONTHLY_HEADER);
    for (const t of monthly.get(month.key)?.values() ?? []) {
      // the same people see a campaign on many days: monthly reach is well below the sum of daily reach
      const reach = Math.max(t.maxDailyReach, Math.round(t.dailyReach * 0.38 * rng.noise(0.08)));
      sink.row([
        isoDay(month.start), isoDay(month.end), t.campaign, String(reach), String(t.impressions), (t.impressions / reach).toFixed(2),
        centsText(t.cents), String(t.clicks), String(t.linkClicks), String(t.engagements),
        t.hasPurchases ? String(t.purchases) : '', t.hasPurchases ? centsText(t.valueCents) : '',
      ]);
    }
    summaries.push(await sink.close());
  }
  return summaries;
}
