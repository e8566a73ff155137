// costs.csv: what no platform shows. Each row fills either `month` or `date`.

import { join } from 'node:path';
import { dayOf, isoDay, monthKey, monthsBetween, DATA_END, DATA_START } from './calendar.ts';
import { centsText, FileSink, toCents } from './sink.ts';
import type { FileSummary } from './sink.ts';

export const COSTS_HEADER = ['month', 'date', 'campaign', 'category', 'amount', 'currency', 'note'] as const;

type Category = 'agency' | 'production' | 'influencer' | 'tools' | 'staff' | 'other';

interface Cost {
  campaign: string;
  category: Category;
  amount: number;
  currency: 'EUR' | 'USD';
  note: string;
}

const MONTHLY: readonly Cost[] = [
  { campaign: 'Meta', category: 'agency', amount: 2500, currency: 'EUR', note: 'Agenturpauschale Paid Social, Setup und Reporting' },
  { campaign: 'Meta', category: 'staff', amount: 1200, currency: 'EUR', note: 'Community-Management (intern, anteilig)' },
  { campaign: 'influencer_lena', category: 'influencer', amount: 1800, currency: 'EUR', note: 'Honorar Lena Sommer, 3 Posts + Stories' },
  { campaign: 'influencer_jonas', category: 'influencer', amount: 1500, currency: 'EUR', note: 'Honorar Jonas Berg, 2 Posts + Stories' },
  { campaign: 'LinkedIn', category: 'tools', amount: 99, currency: 'USD', note: 'LinkedIn Sales Navigator, Monatslizenz' },
];

const DATED: readonly (Cost & { date: string })[] = [
  { date: '2025-09-02', campaign: 'youtube_brand_video', category: 'production', amount: 7800, currency: 'EUR', note: 'Markenvideo Herbst/Winter: Dreh, Schnitt, Musiklizenz' },
  { date: '2025-09-04', campaign: 'meta_reels_awareness', category: 'production', amount: 3200, currency: 'EUR', note: 'Reels-Dreh Herbst, 6 Clips inkl. Schnitt' },
  { date: '2025-11-06', campaign: 'meta_reels_awareness', category: 'production', amount: 1850, currency: 'EUR', note: 'Reels Black Week und Weihnachten, 4 Clips' },
  { date: '2025-11-20', campaign: 'youtube_brand_video', category: 'production', amount: 1200, currency: 'EUR', note: 'Schnittfassungen 6 s und 15 s für Bumper Ads' },
  { date: '2026-03-12', campaign: 'meta_reels_awareness', category: 'production', amount: 2400, currency: 'EUR', note: 'Reels Frühling: Produktfotos, Schnitt, Untertitel' },
  { date: '2026-08-27', campaign: 'youtube_brand_video', category: 'production', amount: 5400, currency: 'EUR', note: 'Markenvideo 2026, Dreh und Postproduktion' },
  { date: '2026-09-03', campaign: 'meta_reels_awareness', category: 'production', amount: 3600, currency: 'EUR', note: 'Reels-Dreh Herbst 2026, 6 Clips' },
];

export async function writeCosts(out: string, costScale: number): Promise<FileSummary> {
  const sink = new FileSink(join(out, 'costs.csv'), 'costs.csv', { encoding: 'utf8', bom: false, delimiter: ',', eol: '\n' });
  sink.line(COSTS_HEADER);
  const amount = (c: Cost): string => centsText(toCents(c.amount * costScale));
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    sink.at(month.start);
    for (const c of MONTHLY) sink.row([month.key, '', c.campaign, c.category, amount(c), c.currency, c.note]);
    for (const c of DATED) {
      if (monthKey(dayOf(c.date)) !== month.key) continue;
      sink.row(['', isoDay(dayOf(c.date)), c.campaign, c.category, amount(c), c.currency, c.note]);
    }
  }
  return sink.close();
}
