// The overview of one month: headline tiles, the month in words, ROI and ROAS by
// channel, cost against revenue over 13 months, the best and worst campaigns, and
// notes on spend that no month holds or that is estimated (period rows).

import type { CampaignRoiRow, MonthlyTrendRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { TableModel } from '../table.ts';
import type { Tile } from '../tiles.ts';
import { buildTiles } from '../tiles.ts';
import { monthSentences } from '../sentences.ts';
import { bestAndWorst, campaignsFor, trendRow } from '../select.ts';
import { csvPath, monthPath } from '../routes.ts';
import { campaignCells, channelRoasChart, channelRoiChart, column, spendRevenueChart, keyColumn } from './common.ts';
import { estimatedCampaigns, markEstimated, periodNotes } from './periods.ts';

export interface OverviewView {
  month: string;
  trend: MonthlyTrendRow | null;
  tiles: Tile[];
  sentences: string[];
  charts: ChartModel[];
  best: TableModel;
  worst: TableModel;
  /** How many campaigns the month has, for the link to the full table. */
  campaignCount: number;
  /** Spend of period rows no month holds that touch this month, and the month's estimated spend. */
  notes: string[];
}

const RANKED = 5;

export function overviewView(report: Report, month: string): OverviewView {
  const { t, model, data } = report;
  const page = monthPath(month);
  const trend = trendRow(data.datasets.monthly_trend, month, model);
  const { campaigns } = campaignsFor(data.datasets.campaign_roi, month, model);
  const { best, worst } = bestAndWorst(campaigns, RANKED);
  const estimated = estimatedCampaigns(report, month);
  const ranked = (id: string, caption: string, empty: string, rows: CampaignRoiRow[]): TableModel => ({
    id,
    caption,
    empty,
    columns: [
      keyColumn(),
      column(report, 'name', 'text'),
      column(report, 'roi', 'percent', true),
      column(report, 'total_cost', 'money0'),
      column(report, 'revenue', 'money0'),
    ],
    rows: rows.map((r) => markEstimated(report, estimated, { cells: { ...r }, ...campaignCells(report, r, 'name', null) }, r.campaign)),
    csv: csvPath(page, id),
    datasets: ['campaign_roi'],
  });
  return {
    month,
    trend,
    tiles: trend ? buildTiles(trend, report.fmt, t) : [],
    sentences: monthSentences(report, month, trend),
    charts: [channelRoiChart(report, month, page), channelRoasChart(report, month, page), spendRevenueChart(report, month, page)],
    best: ranked('best-campaigns', t.bestCampaigns, t.noBestCampaigns, best),
    worst: ranked('worst-campaigns', t.worstCampaigns, t.noWorstCampaigns, worst),
    campaignCount: campaigns.length,
    notes: periodNotes(report, month),
  };
}
