// The overview of one month: headline tiles, the month in words, ROI and ROAS by
// channel, cost against revenue over 13 months, the best and worst campaigns as the
// bootstrap's verdicts support them, where to move budget, and notes on spend that no
// month holds or that is estimated (period rows).

import type { CampaignRoiRow, MonthlyTrendRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { TableModel } from '../table.ts';
import type { Tile } from '../tiles.ts';
import { buildTiles } from '../tiles.ts';
import { monthSentences } from '../sentences.ts';
import { bestAndWorst, campaignsFor, trendRow } from '../select.ts';
import { csvPath, monthPath } from '../routes.ts';
import { addMonths } from '../months.ts';
import { budgetParagraphs, campaignVerdicts, intervalNotes, intervalsOn, intervalWords, judgeCampaigns, tooFewNotes, tooFewSub, unjudgedLine, withInterval } from '../intervals.ts';
import { campaignCells, channelRoasChart, channelRoiChart, column, spendRevenueChart, keyColumn } from './common.ts';
import { estimatedCampaigns, markEstimated, periodNotes } from './periods.ts';
import { isMessaging, messagingMessages } from '../i18n-messaging.ts';

export interface OverviewView {
  month: string;
  trend: MonthlyTrendRow | null;
  tiles: Tile[];
  sentences: string[];
  charts: ChartModel[];
  best: TableModel;
  worst: TableModel;
  /** How many campaigns could not be judged and why; null when every campaign with costs could. */
  unjudged: string | null;
  /** Under both tables: what the grey intervals are, "too few conversions", or (without intervals) that the tables rank by ROI alone. */
  rankedNotes: string[];
  /** How many campaigns the month has, for the link to the full table. */
  campaignCount: number;
  /** Where to move budget: the rule, then the moves the verdicts support, or why there are none. */
  budget: { heading: string; intro: string | null; lines: string[] };
  /** Spend of period rows no month holds that touch this month, and the month's estimated spend. */
  notes: string[];
}

const RANKED = 5;

export function overviewView(report: Report, month: string): OverviewView {
  const { t, model, data } = report;
  const w = intervalWords(report);
  const on = intervalsOn(report);
  const page = monthPath(month);
  const trend = trendRow(data.datasets.monthly_trend, month, model);
  const { campaigns } = campaignsFor(data.datasets.campaign_roi, month, model);
  // messaging campaigns are judged on conversations, never ranked by ROI (i18n-messaging.ts)
  const ranked = campaigns.filter((r) => !isMessaging(r));
  const messaging = campaigns.filter(isMessaging);
  // with intervals, only what the verdicts support; without, by the sign of ROI alone
  const judged = on ? judgeCampaigns(ranked, campaignVerdicts(report, month), RANKED) : null;
  const { best, worst } = judged ?? bestAndWorst(ranked, RANKED);
  const estimated = estimatedCampaigns(report, month);
  const rankedTable = (id: string, caption: string, empty: string, rows: CampaignRoiRow[]): TableModel => {
    const columns = [
      keyColumn(),
      column(report, 'name', 'text'),
      withInterval(report, column(report, 'roi', 'percent', true)),
      column(report, 'total_cost', 'money0'),
      withInterval(report, column(report, 'revenue', 'money0')),
    ];
    const tableRows = rows.map((r) => markEstimated(report, estimated, { cells: { ...r }, ...campaignCells(report, r, 'name', null), sub: tooFewSub(report, r) }, r.campaign));
    return {
      id,
      caption,
      empty,
      columns,
      rows: tableRows,
      csv: csvPath(page, id),
      datasets: on ? ['campaign_roi', 'roi_verdicts'] : ['campaign_roi'],
    };
  };
  const bestTable = on ? rankedTable('best-campaigns', w.bestCaption, w.noBest, best) : rankedTable('best-campaigns', t.bestCampaigns, t.noBestCampaigns, best);
  const worstTable = on ? rankedTable('worst-campaigns', w.worstCaption, w.noWorst, worst) : rankedTable('worst-campaigns', t.worstCampaigns, t.noWorstCampaigns, worst);
  return {
    month,
    trend,
    tiles: trend
      ? buildTiles(trend, report.fmt, t, {
          month: report.monthInfo(month).complete,
          prevMonth: report.monthInfo(addMonths(month, -1)).complete,
          prevYear: report.monthInfo(addMonths(month, -12)).complete,
        })
      : [],
    sentences: monthSentences(report, month, trend),
    charts: [channelRoiChart(report, month, page), channelRoasChart(report, month, page), spendRevenueChart(report, month, page)],
    best: bestTable,
    worst: worstTable,
    unjudged: judged ? unjudgedLine(report, judged.unjudged) : null,
    rankedNotes: [
      ...(on ? intervalNotes(report, { columns: [withInterval(report, column(report, 'roi', 'percent'))] }) : [w.rankedOff]),
      ...tooFewNotes(report, [...bestTable.rows, ...worstTable.rows]),
      ...(messaging.length > 0 ? [messagingMessages(report.fmt.locale).rankingNote(new Intl.ListFormat(report.fmt.intlLocale, { type: 'conjunction' }).format(messaging.map((r) => r.name ?? r.campaign)))] : []),
    ],
    campaignCount: campaigns.length,
    budget: { heading: w.budgetHeading, ...budgetParagraphs(report, month) },
    notes: periodNotes(report, month),
  };
}
