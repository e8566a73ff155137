// Row selection for the pages: which rows of a dataset a page shows, in which order.
// Nothing here computes a metric; values pass through as the pipeline wrote them.

import type { CampaignRoiRow, ChannelRoiRow, DatasetRows, MonthlySummaryRow } from './datasets.ts';
import { DatasetError } from './datasets.ts';
import { isSpecialKey, UNATTRIBUTED, UNMAPPED } from './channels.ts';
import { monthsEndingAt } from './months.ts';

/** The summary row of one month and model; the report cannot be built without it. */
export function summaryFor(rows: readonly MonthlySummaryRow[], month: string, model: string): MonthlySummaryRow {
  const row = rows.find((r) => r.month === month && r.model === model);
  if (!row) {
    throw new DatasetError(
      `dataset monthly_summary: no row for month ${month} and model ${model}; ` +
        'expected one row per month and model, including the report month (manifest.month) and model (settings.attribution_model)',
    );
  }
  return row;
}

/** Summary rows of the `count` months ending with `month`, oldest first; months without a row are left out. */
export function summaryTrend(
  rows: readonly MonthlySummaryRow[],
  month: string,
  model: string,
  count: number,
): MonthlySummaryRow[] {
  return monthsEndingAt(month, count).flatMap((m) => rows.filter((r) => r.month === m && r.model === model));
}

/**
 * Channels of one month and model that have a ROI, best first. Unmapped and
 * unattributed rows are left out: their revenue is not bought by their costs
 * (organic and newsletter traffic lands in unmapped), so a ROI would mislead.
 */
export function channelsWithRoi(rows: readonly ChannelRoiRow[], month: string, model: string): ChannelRoiRow[] {
  return rows
    .filter((r) => r.month === month && r.model === model && !isSpecialKey(r.channel) && r.roi !== null)
    .sort((a, b) => (b.roi ?? 0) - (a.roi ?? 0) || a.channel.localeCompare(b.channel));
}

const compareByRoi = (a: CampaignRoiRow, b: CampaignRoiRow): number => {
  if (a.roi === null || b.roi === null) {
    if (a.roi !== b.roi) return a.roi === null ? 1 : -1;
  } else if (a.roi !== b.roi) {
    return b.roi - a.roi;
  }
  return (a.name ?? a.campaign).localeCompare(b.name ?? b.campaign);
};

const SPECIAL_ORDER = [UNMAPPED, UNATTRIBUTED];

/**
 * The campaigns of one month and model: real campaigns by ROI (highest first, no ROI
 * last), and apart from them the `unmapped` and `unattributed` rows.
 */
export function campaignsFor(
  rows: readonly CampaignRoiRow[],
  month: string,
  model: string,
): { campaigns: CampaignRoiRow[]; special: CampaignRoiRow[] } {
  const inMonth = rows.filter((r) => r.month === month && r.model === model);
  return {
    campaigns: inMonth.filter((r) => !isSpecialKey(r.campaign)).sort(compareByRoi),
    special: inMonth
      .filter((r) => isSpecialKey(r.campaign))
      .sort((a, b) => SPECIAL_ORDER.indexOf(a.campaign) - SPECIAL_ORDER.indexOf(b.campaign)),
  };
}

/** Every channel name in the data, for one stable colour per channel across the report. */
export function allChannels(datasets: DatasetRows): string[] {
  const names = new Set<string>();
  for (const r of datasets.channel_roi) names.add(r.channel);
  for (const r of datasets.campaign_roi) if (r.channel !== null) names.add(r.channel);
  return [...names];
}
