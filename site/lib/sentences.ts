// The month in words: a few sentences assembled from dataset values. Nothing is
// computed here: rows are picked and ordered (largest ROI change first), numbers
// are formatted, and the words around them come from the locale. A sentence whose
// values are missing is left out.

import type { CampaignRoiRow, MonthlyTrendRow } from './data/schemas.ts';
import { isSpecialKey } from './channels.ts';
import type { Reason } from './i18n.ts';
import type { Report } from './report.ts';
import { monthRows } from './select.ts';
import { addMonths } from './months.ts';
import { channelSentences, intervalWords } from './intervals.ts';

/** Why a ROI moved, told by how revenue and cost moved (a comparison, not a computation). */
export function reasonOf(revenueChange: number | null, costChange: number | null): Reason | null {
  if (revenueChange === null || costChange === null) return null;
  if (revenueChange >= 0 && costChange <= 0) return revenueChange === 0 && costChange === 0 ? null : 'moreRevenueLessCost';
  if (revenueChange <= 0 && costChange >= 0) return 'lessRevenueMoreCost';
  if (revenueChange > 0) return revenueChange > costChange ? 'revenueOutgrewCost' : 'costOutgrewRevenue';
  return revenueChange < costChange ? 'revenueFellFaster' : 'costFellFaster';
}

/** Campaigns whose ROI changed most against the previous month: risers and fallers, largest first. */
export function roiMovers(rows: readonly CampaignRoiRow[], count: number): { up: CampaignRoiRow[]; down: CampaignRoiRow[] } {
  const moved = rows.filter((r) => !isSpecialKey(r.campaign) && r.roi_change !== null && r.roi !== null && r.roi_prev !== null);
  const up = moved.filter((r) => (r.roi_change ?? 0) > 0).sort((a, b) => (b.roi_change ?? 0) - (a.roi_change ?? 0));
  const down = moved.filter((r) => (r.roi_change ?? 0) < 0).sort((a, b) => (a.roi_change ?? 0) - (b.roi_change ?? 0));
  return { up: up.slice(0, count), down: down.slice(0, count) };
}

export function monthSentences(report: Report, month: string, trend: MonthlyTrendRow | null): string[] {
  const { t, fmt, model, data } = report;
  const s = t.sentences;
  const sentences: string[] = [];
  const monthWords = fmt.month(month);
  if (!trend) return sentences;

  // a month that is not complete, or one compared with a month that is not, is compared with nothing
  const complete = (m: string) => report.monthInfo(m).complete;
  const vsMonth = complete(month) && complete(addMonths(month, -1));
  const vsYear = complete(month) && complete(addMonths(month, -12));
  sentences.push(
    s.headline({
      month: monthWords,
      cost: fmt.money(trend.total_cost, 0),
      costChange: trend.total_cost_change === null || !vsMonth ? null : fmt.percentChange(trend.total_cost_change),
      revenue: fmt.money(trend.revenue, 0),
      revenueChange: trend.revenue_change === null || !vsMonth ? null : fmt.percentChange(trend.revenue_change),
      roi: fmt.percent(trend.roi, 1),
      roiChange: trend.roi_change === null || !vsMonth ? null : fmt.pointsChange(trend.roi_change),
    }),
  );
  if (vsYear && (trend.revenue_change_year !== null || trend.roi_change_year !== null)) {
    sentences.push(
      s.yearAgo({
        revenueChange: trend.revenue_change_year === null ? null : fmt.percentChange(trend.revenue_change_year),
        roiChange: trend.roi_change_year === null ? null : fmt.pointsChange(trend.roi_change_year),
      }),
    );
  }

  const { up, down } = vsMonth ? roiMovers(monthRows(data.datasets.campaign_roi, month, model), 2) : { up: [], down: [] };
  const mover = (r: CampaignRoiRow, direction: 'up' | 'down') =>
    s.mover({
      direction,
      campaign: report.campaignName(r.campaign, r.name),
      // a ROI from too few conversions moves by chance: said beside the channel
      channel: r.too_few_conversions === true ? `${report.channelName(r.channel)}; ${intervalWords(report).tooFew}` : report.channelName(r.channel),
      from: fmt.percent(r.roi_prev, 1),
      to: fmt.percent(r.roi, 1),
      change: fmt.pointsChange(r.roi_change),
      revenue: r.revenue_change === null ? `${fmt.money(r.revenue_prev, 0)} → ${fmt.money(r.revenue, 0)}` : fmt.percentChange(r.revenue_change),
      cost: r.total_cost_change === null ? `${fmt.money(r.total_cost_prev, 0)} → ${fmt.money(r.total_cost, 0)}` : fmt.percentChange(r.total_cost_change),
      reason: reasonOf(r.revenue_change, r.total_cost_change),
    });
  for (const r of up) sentences.push(mover(r, 'up'));
  for (const r of down) sentences.push(mover(r, 'down'));

  // which channels earned their cost, best and worst: only what the bootstrap's verdicts support
  sentences.push(...channelSentences(report, month));

  const all = monthRows(data.datasets.over_attribution, month, model).find((r) => r.platform === 'all');
  if (all && all.over_attribution_factor !== null && all.platform_conversion_value !== null && all.attributed_revenue !== null) {
    sentences.push(
      s.overAttribution({
        claimed: fmt.money(all.platform_conversion_value, 0),
        factor: fmt.ratio(all.over_attribution_factor),
        revenue: fmt.money(all.attributed_revenue, 0),
      }),
    );
  }

  const share = monthRows(data.datasets.data_quality, month).find((r) => r.measure === 'unattributed_share' && r.subject === null);
  if (share?.value !== null && share?.value !== undefined && trend.unattributed_revenue !== null) {
    sentences.push(s.unattributed({ share: fmt.percent(share.value, 1), revenue: fmt.money(trend.unattributed_revenue, 0) }));
  }

  const flagged = monthRows(data.datasets.engagement_monthly, month).filter((r) => r.bought_followers_flag === true);
  for (const r of flagged) {
    sentences.push(s.boughtFollowers({ platform: report.platformName(r.platform), source: t.sources[r.source === 'organic' ? 'organic' : 'paid'] }));
  }
  return sentences;
}
