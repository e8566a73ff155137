// Everything a page needs, from the one data folder: manifest, rows, the locale's
// texts and formatters, the attribution model shown, the months of the archive,
// campaign slugs and the channel colours. Built once per build and kept.

import type { ReportData } from './data/load.ts';
import { reportData } from './data/load.ts';
import type { Catalog, Manifest } from './data/manifest.ts';
import type { CampaignRoiRow } from './data/schemas.ts';
import type { Formatter } from './format.ts';
import { createFormatter, NOT_AVAILABLE } from './format.ts';
import type { AttributionModel, Messages } from './i18n.ts';
import { messages } from './i18n.ts';
import { channelColor as colorOf, channelColors, isSpecialKey, UNATTRIBUTED, UNMAPPED } from './channels.ts';
import { allChannels } from './select.ts';
import { assignSlugs } from './slug.ts';
import { clearSharedCharts } from './vega.ts';

export { relativeUrl } from './routes.ts';

export interface MonthInfo {
  month: string;
  /** Whether the data reaches the month's last day. */
  complete: boolean;
  /** Last day with complete data, YYYY-MM-DD, when known. */
  completeThrough: string | null;
  /** A source the month has no data from at all, which the incomplete notice names. */
  missing: 'orders' | 'paid_data' | null;
}

export interface CampaignInfo {
  campaign: string;
  slug: string;
  name: string;
  channel: string | null;
  funnel_stage: string | null;
  platform: string | null;
  influencer: string | null;
  /** Months with a row in campaign_roi, oldest first. */
  months: string[];
}

export interface Report {
  data: ReportData;
  manifest: Manifest;
  catalog: Catalog;
  /** The selected month, YYYY-MM: the landing page. */
  month: string;
  /** Every month of the archive, oldest first. */
  months: MonthInfo[];
  model: AttributionModel;
  /** The attribution models the report computes, in the catalogue's order (the SQL's `-- model` lines). */
  models: AttributionModel[];
  /** A model's label in the report's locale, from the catalogue; else another locale's; else its key. */
  modelName(model: string): string;
  /** A model's description in the report's locale, from the catalogue; null when it has none. */
  modelText(model: string): string | null;
  /** A text of catalog.json (a metric, a data test, a dataset) in the report's locale; else another locale's; else empty. */
  text(texts: Partial<Record<string, string>>): string;
  t: Messages;
  fmt: Formatter;
  title: string;
  /** Every real campaign (not unmapped or unattributed), by key, in name order. */
  campaigns: Map<string, CampaignInfo>;
  channelColor(channel: string): string;
  /** A channel as words: the user's name, or the words for unmapped and unattributed. */
  channelName(channel: string | null): string;
  /** A campaign as words: its name, its key when it has none, or the words for unmapped and unattributed. */
  campaignName(campaign: string, name?: string | null): string;
  /** A platform key in words (meta -> Meta), else the key itself. */
  platformName(platform: string | null): string;
  monthInfo(month: string): MonthInfo;
}

let report: Report | undefined;

/** Everything a page needs; built again when the data is read again (`npm run dev` replaced the export). */
export function getReport(): Report {
  const data = reportData();
  if (report && report.data === data) return report;
  if (report) clearSharedCharts();
  const { manifest } = data;
  const { settings } = manifest;
  const t = messages(settings.locale);
  const colors = channelColors(allChannels(data.datasets));
  const fmt = createFormatter({ locale: settings.locale, currency: settings.currency, timeZone: settings.timezone });

  const monthRows = new Map(data.datasets.report_months.map((r) => [r.month, r]));
  const complete = new Set(manifest.complete_months);
  const months = manifest.months.map((month): MonthInfo => {
    const row = monthRows.get(month);
    return {
      month,
      complete: row?.is_complete ?? complete.has(month),
      completeThrough: row?.complete_through ?? row?.data_through ?? null,
      missing: row?.has_orders === false ? 'orders' : row?.has_paid_data === false ? 'paid_data' : null,
    };
  });

  const channelName = (channel: string | null) => {
    if (channel === UNMAPPED) return t.unmapped;
    if (channel === UNATTRIBUTED) return t.unattributed;
    return channel ?? NOT_AVAILABLE;
  };
  const campaignName = (campaign: string, name?: string | null) => {
    if (campaign === UNMAPPED) return t.unmapped;
    if (campaign === UNATTRIBUTED) return t.unattributed;
    return name ?? campaign;
  };

  const catalogModels = new Map(data.catalog.models.map((m) => [m.key, m]));
  const inLocale = (texts: Partial<Record<string, string>> | undefined) => texts?.[settings.locale] ?? Object.values(texts ?? {})[0] ?? null;

  report = {
    data,
    manifest,
    catalog: data.catalog,
    month: manifest.month,
    months,
    model: settings.attribution_model,
    models: data.catalog.models.map((m) => m.key),
    modelName: (model) => inLocale(catalogModels.get(model)?.label) ?? model,
    modelText: (model) => inLocale(catalogModels.get(model)?.description),
    text: (texts) => inLocale(texts) ?? '',
    t,
    fmt,
    title: manifest.title ?? t.defaultTitle,
    campaigns: campaignInfos(data.datasets.campaign_roi, fmt.intlLocale),
    channelColor: (channel) => colorOf(colors, channel),
    channelName,
    campaignName,
    platformName: (platform) => (platform === null ? NOT_AVAILABLE : ((t.platforms as Record<string, string>)[platform] ?? platform)),
    monthInfo: (month) => months.find((m) => m.month === month) ?? { month, complete: true, completeThrough: null, missing: null },
  };
  return report;
}

/** The real campaigns with their latest descriptive fields and a page slug each. */
function campaignInfos(rows: readonly CampaignRoiRow[], locale: string): Map<string, CampaignInfo> {
  const latest = new Map<string, CampaignRoiRow>();
  const months = new Map<string, Set<string>>();
  for (const row of rows) {
    if (isSpecialKey(row.campaign)) continue;
    const seen = latest.get(row.campaign);
    if (!seen || row.month > seen.month) latest.set(row.campaign, row);
    let set = months.get(row.campaign);
    if (!set) months.set(row.campaign, (set = new Set()));
    set.add(row.month);
  }
  const slugs = assignSlugs(latest.keys());
  const infos = [...latest.values()].map(
    (row): CampaignInfo => ({
      campaign: row.campaign,
      slug: slugs.get(row.campaign) ?? row.campaign,
      name: row.name ?? row.campaign,
      channel: row.channel,
      funnel_stage: row.funnel_stage,
      platform: row.platform,
      influencer: row.influencer,
      months: [...(months.get(row.campaign) ?? [])].sort(),
    }),
  );
  infos.sort((a, b) => a.name.localeCompare(b.name, locale) || a.campaign.localeCompare(b.campaign));
  return new Map(infos.map((info) => [info.campaign, info]));
}
