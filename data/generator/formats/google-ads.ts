// Google Ads UI "Campaign report" download (YouTube campaigns): UTF-8 without BOM, comma,
// CRLF, a title line and a date-range line before the header, English numbers with
// thousands separators (then quoted), `--` where not applicable, totals rows at the end.
// The months are segmented by Day, except the latest complete one, which is the
// download as the UI makes it by default (as the genuine INR file in ../shared):
// no Day column, one row per campaign for the title's period, and for Video and
// Demand Gen campaigns `Interactions` and no Clicks column. Its rows are period
// rows the report uses for that month (int_ad_monthly_from_periods).

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../random.ts';
import { isoDay, longUsDate, monthsBetween, DATA_END, DATA_START } from '../calendar.ts';
import { FileSink, withThousands } from '../sink.ts';
import type { FileSummary } from '../sink.ts';
import type { SpendPlan } from '../spend.ts';

export const GOOGLE_ADS_HEADER = [
  'Day', 'Campaign', 'Campaign ID', 'Campaign type', 'Currency code', 'Cost', 'Impr.', 'Clicks', 'Interactions',
  'Views', 'Conversions', 'Conv. value',
] as const;

/**
 * The default download's columns. Campaign ID is added (Google offers it) so
 * that the month's campaigns keep the keys of the daily months; Cost and Impr.
 * sit where the daily layout has them.
 */
export const GOOGLE_ADS_MONTH_HEADER = [
  'Campaign status', 'Campaign', 'Campaign ID', 'Campaign type', 'Currency code', 'Cost', 'Impr.', 'Interactions',
  'Interaction rate', 'Avg. cost', 'Views', 'Conversions', 'Conv. value',
] as const;

/** The month written as the UI's default download: the latest complete month of the data. */
export const GOOGLE_ADS_PERIOD_MONTH = '2026-10';

/** One row's numbers, money and conversions in hundredths so that totals add up exactly. */
interface Figures {
  cost: number;
  impressions: number;
  clicks: number;
  interactions: number;
  views: number | null;
  conversions: number;
  value: number;
}

function count(n: number): string {
  return withThousands(String(n));
}

function hundredths(n: number): string {
  return `${withThousands(String(Math.floor(n / 100)))}.${String(n % 100).padStart(2, '0')}`;
}

function cells(f: Figures): string[] {
  return [
    hundredths(f.cost), count(f.impressions), count(f.clicks), count(f.interactions),
    f.views === null ? '--' : count(f.views), hundredths(f.conversions), hundredths(f.value),
  ];
}

/** The default download's figures: no clicks; interaction rate and average cost as Google rounds them. */
function monthCells(f: Figures): string[] {
  const rate = f.impressions > 0 ? `${((f.interactions / f.impressions) * 100).toFixed(2)}%` : '--';
  const average = f.interactions > 0 ? (f.cost / 100 / f.interactions).toFixed(2) : '--';
  return [
    hundredths(f.cost), count(f.impressions), count(f.interactions), rate, average,
    f.views === null ? '--' : count(f.views), hundredths(f.conversions), hundredths(f.value),
  ];
}

function total(rows: readonly Figures[]): Figures {
  const withViews = rows.filter((r) => r.views !== null);
  return {
    cost: rows.reduce((s, r) => s + r.cost, 0),
    impressions: rows.reduce((s, r) => s + r.impressions, 0),
    clicks: rows.reduce((s, r) => s + r.clicks, 0),
    interactions: rows.reduce((s, r) => s + r.interactions, 0),
    views: withViews.length === 0 ? null : withViews.reduce((s, r) => s + (r.views ?? 0), 0),
    conversions: rows.reduce((s, r) => s + r.conversions, 0),
    value: rows.reduce((s, r) => s + r.value, 0),
  };
}

export async function writeGoogleAds(out: string, plans: readonly SpendPlan[], seed: number): Promise<FileSummary[]> {
  const dir = join(out, 'exports', 'google-ads');
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed, 'google-ads');
  const google = plans.filter((p) => p.campaign.platform === 'google_ads');
  const summaries: FileSummary[] = [];
  for (const month of monthsBetween(DATA_START, DATA_END)) {
    const name = `Campaign report ${month.key}.csv`;
    const sink = new FileSink(join(dir, name), `exports/google-ads/${name}`, {
      encoding: 'utf8', bom: false, delimiter: ',', eol: '\r\n',
    }, month.start);
    const byPeriod = month.key === GOOGLE_ADS_PERIOD_MONTH;
    sink.line(['Campaign report']);
    sink.line([`${longUsDate(month.start)} - ${longUsDate(month.end)}`]);
    sink.line(byPeriod ? GOOGLE_ADS_MONTH_HEADER : GOOGLE_ADS_HEADER);
    const byType = new Map<string, Figures[]>();
    const all: Figures[] = [];
    const byCampaign = new Map<string, { plan: SpendPlan; days: Figures[] }>();
    for (let day = month.start; day <= month.end; day++) {
      for (const plan of google) {
        const c = plan.campaign;
        const cost = plan.adSetCents[0]?.[day - DATA_START] ?? 0;
        if (cost <= 0) continue;
        const eur = cost / 100;
        const impressions = Math.max(1, Math.round((eur / (c.cpm * rng.noise(0.12))) * 1000));
        const clicks = Math.round(impressions * c.ctr * rng.noise(0.2));
        const isVideo = c.googleType === 'Video';
        const views = isVideo ? Math.round(impressions * c.videoViewRate * rng.noise(0.1)) : null;
        const interactions = views ?? clicks + Math.round(clicks * 0.2 * rng.noise(0.3));
        // Google's data-driven attribution hands out fractional conversions
        const expected = (eur * c.roas * c.platformValueFactor) / c.basketMean;
        const conversions = Math.max(0, Math.round(expected * rng.noise(0.45) * 100));
        const value = Math.round((conversions / 100) * c.basketMean * rng.noise(0.12) * 100);
        const figures: Figures = { cost, impressions, clicks, interactions, views, conversions, value };
        all.push(figures);
        const type = c.googleType ?? 'Other';
        const ofType = byType.get(type) ?? [];
        ofType.push(figures);
        byType.set(type, ofType);
        if (!byPeriod) sink.row([isoDay(day), c.name, c.id, type, c.currency, ...cells(figures)]);
        else {
          const campaign = byCampaign.get(c.id) ?? { plan, days: [] };
          campaign.days.push(figures);
          byCampaign.set(c.id, campaign);
        }
      }
    }
    for (const { plan, days } of byCampaign.values()) {
      const c = plan.campaign;
      sink.row(['Enabled', c.name, c.id, c.googleType ?? 'Other', c.currency, ...monthCells(total(days))]);
    }
    const sum = total(all);
    const totalsCells = byPeriod ? monthCells : cells;
    // the default download's totals name no campaign in the columns before the figures
    const blank = byPeriod ? [' --', ' --', ' --', 'EUR'] : ['--', '--', '--', 'EUR'];
    sink.line(['Total: Account', ...blank, ...totalsCells(sum)]);
    sink.line(['Total: Campaigns', ...blank, ...totalsCells(sum)]);
    for (const type of ['Video', 'Demand Gen']) {
      const rows = byType.get(type);
      if (rows) sink.line([`Total: ${type}`, ...blank, ...totalsCells(total(rows))]);
    }
    summaries.push(await sink.close());
  }
  return summaries;
}
