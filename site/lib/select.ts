// Row selection for the pages: which rows of a dataset a page shows, in which order.
// Nothing here computes a metric; values pass through as the pipeline wrote them.
// Lookups by month, model or campaign go through indexes built once per dataset,
// so 500 campaign pages do not each scan every row.

import type {
  CampaignRoiRow,
  ChannelRoiRow,
  DatasetRows,
  MonthlyTrendRow,
} from './data/schemas.ts';
import { DatasetError } from './data/error.ts';
import { isSpecialKey, UNATTRIBUTED, UNMAPPED } from './channels.ts';
import { monthsEndingAt } from './months.ts';

const indexes = new WeakMap<object, Map<string, Map<string, unknown[]>>>();

/**
 * The rows of `rows` whose `key(row)` equals `value`, from an index built on first
 * use and kept as long as the rows are. `name` names the key function.
 */
export function rowsBy<R>(rows: readonly R[], name: string, key: (row: R) => string, value: string): R[] {
  let byName = indexes.get(rows);
  if (!byName) indexes.set(rows, (byName = new Map()));
  let index = byName.get(name) as Map<string, R[]> | undefined;
  if (!index) {
    index = new Map();
    for (const row of rows) {
      const k = key(row);
      let list = index.get(k);
      if (!list) index.set(k, (list = []));
      list.push(row);
    }
    byName.set(name, index as Map<string, unknown[]>);
  }
  return index.get(value) ?? [];
}

/** The rows of one month (and model, for datasets that have one). */
export function monthRows<R extends { month: string | null; model?: string }>(rows: readonly R[], month: string, model?: string): R[] {
  if (model === undefined) return rowsBy(rows, 'month', (r) => r.month ?? '', month);
  return rowsBy(rows, 'month|model', (r) => `${r.month ?? ''}|${r.model ?? ''}`, `${month}|${model}`);
}

/** The rows of one campaign, every month and model. */
export function campaignRows<R extends { campaign: string }>(rows: readonly R[], campaign: string): R[] {
  return rowsBy(rows, 'campaign', (r) => r.campaign, campaign);
}

/** The trend row of one month and model, or null when the month has none. */
export function trendRow(rows: readonly MonthlyTrendRow[], month: string, model: string): MonthlyTrendRow | null {
  return monthRows(rows, month, model)[0] ?? null;
}

/** The trend row of the report month and model; the report cannot be built without it. */
export function trendFor(rows: readonly MonthlyTrendRow[], month: string, model: string): MonthlyTrendRow {
  const row = trendRow(rows, month, model);
  if (!row) {
    throw new DatasetError(
      `dataset monthly_trend: no row for month ${month} and model ${model}; ` +
        'expected one row per month and model, including the report month (manifest.month) and model (settings.attribution_model)',
    );
  }
  return row;
}

/** Trend rows of the `count` months ending with `month`, oldest first; months without a row are left out. */
export function trendMonths(rows: readonly MonthlyTrendRow[], month: string, model: string, count: number): MonthlyTrendRow[] {
  return monthsEndingAt(month, count).flatMap((m) => monthRows(rows, m, model));
}

/**
 * Channels of one month and model that have a ROI, best first. Unmapped and
 * unattributed rows are left out: their revenue is not bought by their costs
 * (organic and newsletter traffic lands in unmapped), so a ROI would mislead.
 */
export function channelsWithRoi(rows: readonly ChannelRoiRow[], month: string, model: string): ChannelRoiRow[] {
  return monthRows(rows, month, model)
    .filter((r) => !isSpecialKey(r.channel) && r.roi !== null)
    .sort((a, b) => (b.roi ?? 0) - (a.roi ?? 0) || a.channel.localeCompare(b.channel));
}

/** Real channels of one month and model (unmapped and unattributed apart), by ROI. */
export function channelsFor(rows: readonly ChannelRoiRow[], month: string, model: string): { channels: ChannelRoiRow[]; special: ChannelRoiRow[] } {
  const inMonth = monthRows(rows, month, model);
  return {
    channels: inMonth.filter((r) => !isSpecialKey(r.channel)).sort(byNullableDesc((r) => r.roi, (r) => r.channel)),
    special: inMonth.filter((r) => isSpecialKey(r.channel)).sort(bySpecialOrder((r) => r.channel)),
  };
}

/** Descending by a value that may be null (nulls last), then by a name. */
export function byNullableDesc<R>(value: (row: R) => number | null, name: (row: R) => string) {
  return (a: R, b: R): number => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      return vb - va;
    }
    return name(a).localeCompare(name(b));
  };
}

const SPECIAL_ORDER = [UNMAPPED, UNATTRIBUTED];

function bySpecialOrder<R>(key: (row: R) => string) {
  return (a: R, b: R) => SPECIAL_ORDER.indexOf(key(a)) - SPECIAL_ORDER.indexOf(key(b));
}

/**
 * The campaigns of one month and model: real campaigns by ROI (highest first, no ROI
 * last), and apart from them the `unmapped` and `unattributed` rows.
 */
export function campaignsFor(
  rows: readonly CampaignRoiRow[],
  month: string,
  model: string,
): { campaigns: CampaignRoiRow[]; special: CampaignRoiRow[] } {
  const inMonth = monthRows(rows, month, model);
  return {
    campaigns: inMonth.filter((r) => !isSpecialKey(r.campaign)).sort(byNullableDesc((r) => r.roi, (r) => r.name ?? r.campaign)),
    special: inMonth.filter((r) => isSpecialKey(r.campaign)).sort(bySpecialOrder((r) => r.campaign)),
  };
}

/**
 * The best and the worst campaigns by ROI (`ranked` is sorted by ROI, highest first): up
 * to `count` each. The best earned their cost (ROI above 0), the worst lost money (below
 * 0), so neither list holds a campaign the other should; a month where every campaign lost
 * money has no best campaigns. Campaigns without a ROI, or at exactly 0, are in neither.
 */
export function bestAndWorst<R extends { roi: number | null }>(ranked: readonly R[], count: number): { best: R[]; worst: R[] } {
  const best = ranked.filter((r) => r.roi !== null && r.roi > 0).slice(0, count);
  const worst = ranked.filter((r) => r.roi !== null && r.roi < 0).slice(-count).reverse();
  return { best, worst };
}

/** Every channel name in the data, for one stable colour per channel across the report. */
export function allChannels(datasets: DatasetRows): string[] {
  const names = new Set<string>();
  for (const r of datasets.channel_roi) names.add(r.channel);
  for (const r of datasets.campaign_roi) if (r.channel !== null) names.add(r.channel);
  return [...names];
}
