// The campaigns of one month: ROI and costs under the report's model, and what the
// platforms report (reach, clicks, engagement), each campaign linked to its page.

import type { CampaignPerformanceRow } from '../data/schemas.ts';
import type { Report } from '../report.ts';
import type { TableModel, TableRow } from '../table.ts';
import { isFunnelStage } from '../i18n.ts';
import { isSpecialKey, UNATTRIBUTED, UNMAPPED } from '../channels.ts';
import { campaignsFor, monthRows } from '../select.ts';
import { csvPath, monthPath } from '../routes.ts';
import { campaignCells, column, comparable, keyColumn, notReportedNotes } from './common.ts';
import { estimatedCampaigns, estimateNotes, markEstimated } from './periods.ts';
import { notReportedCells } from '../format.ts';
import { intervalNotes, tooFewNotes, tooFewSub, withInterval } from '../intervals.ts';
import { isMessaging, messagingMessages } from '../i18n-messaging.ts';
import type { TableColumn } from '../table.ts';

/**
 * The conversations and cost per conversation of messaging campaigns (i18n-messaging.ts):
 * on the page when a row of the table reports conversations, in the CSV always.
 */
export function messagingColumns(report: Report, rows: readonly { messaging_conversations: number | null }[], withContacts = false): TableColumn[] {
  const m = messagingMessages(report.fmt.locale);
  const csvOnly = !rows.some((r) => r.messaging_conversations !== null);
  return [
    { key: 'messaging_conversations', label: m.col.messaging_conversations, kind: 'count', csvOnly },
    ...(withContacts ? [{ key: 'new_messaging_contacts', label: m.col.new_messaging_contacts, kind: 'count' as const, csvOnly: true }] : []),
    { key: 'cost_per_conversation', label: m.col.cost_per_conversation, kind: 'money', csvOnly },
  ];
}

/** Under a messaging campaign's name: judged on conversations (not "too few conversions"). */
export function messagingSub(report: Report, row: { objective: string | null }, column = 'name'): Record<string, string> | undefined {
  return isMessaging(row) ? { [column]: messagingMessages(report.fmt.locale).judgedOnConversations } : undefined;
}

/** The note under a table that shows a messaging campaign. */
export function messagingNotes(report: Report, rows: readonly { cells: Readonly<Record<string, unknown>> }[]): string[] {
  return rows.some((r) => r.cells.objective === 'messaging') ? [messagingMessages(report.fmt.locale).tableNote] : [];
}

export interface CampaignsView {
  roi: TableModel;
  performance: TableModel;
}

/**
 * A campaign_performance row in a table: the campaign's linked name, counts its
 * platform does not report in words, platform and engagement basis in words,
 * and "(estimated)" where its spend holds period rows spread pro rata.
 */
export function performanceTableRow(report: Report, estimated: ReadonlySet<string>, r: CampaignPerformanceRow, display: Record<string, string> = {}): TableRow {
  const cells = campaignCells(report, r, 'name', null);
  return markEstimated(report, estimated, {
    cells: { ...r },
    ...cells,
    display: {
      ...cells.display,
      ...notReportedCells(r, r.platform !== null, report.t.notReported),
      platform: report.platformName(r.platform),
      engagement_rate_basis: basisWords(report, r.engagement_rate_basis),
      ...display,
    },
  }, r.campaign);
}

/** A funnel stage in words. */
export function stageWords(report: Report, stage: string | null): string {
  return isFunnelStage(stage) ? report.t.funnelStages[stage] : '–';
}

export function campaignsView(report: Report, month: string): CampaignsView {
  const { t, model, data, fmt } = report;
  const page = monthPath(month, 'campaigns');
  const { campaigns, special } = campaignsFor(data.datasets.campaign_roi, month, model);
  const performance = monthRows(data.datasets.campaign_performance, month)
    .filter((r) => !isSpecialKey(r.campaign))
    .sort((a, b) => (b.spend ?? 0) - (a.spend ?? 0) || (a.name ?? a.campaign).localeCompare(b.name ?? b.campaign));
  const notes = [
    special.some((r) => r.campaign === UNMAPPED) ? t.unmappedNote : null,
    special.some((r) => r.campaign === UNATTRIBUTED) ? t.unattributedNote : null,
    ...estimateNotes(report, month),
  ].filter((n) => n !== null);
  // Campaigns whose spend holds period rows spread pro rata: "(estimated)" after the name.
  const estimated = estimatedCampaigns(report, month);
  const performanceRows: TableRow[] = performance.map((r) => performanceTableRow(report, estimated, r, { funnel_stage: stageWords(report, r.funnel_stage) }));
  const roiColumns = [
    keyColumn(), column(report, 'name', 'text'),
    column(report, 'channel', 'text'),
    column(report, 'funnel_stage', 'text'),
    column(report, 'media_spend', 'money0'),
    column(report, 'total_cost', 'money0'),
    withInterval(report, column(report, 'conversions', 'count')),
    withInterval(report, column(report, 'revenue', 'money0')),
    { ...withInterval(report, column(report, 'gross_profit', 'money0')), csvOnly: true },
    withInterval(report, column(report, 'roi', 'percent', true)),
    // a month that is not complete (or follows one) is compared with nothing: no column, not a red one
    ...(comparable(report, month) ? [column(report, 'roi_change', 'pointsChange', true)] : []),
    withInterval(report, column(report, 'roas', 'ratio')),
    column(report, 'platform_roas', 'ratio'),
    withInterval(report, column(report, 'cpa', 'money'), 'cpa', true),
    // the flag in the downloads; the page writes it under the campaign's name
    { ...column(report, 'too_few_conversions', 'text'), csvOnly: true },
    ...messagingColumns(report, campaigns),
    { key: 'objective', label: 'objective', kind: 'code' as const, csvOnly: true },
  ];
  const roiRows: TableRow[] = [...campaigns, ...special].map((r) => {
    const cells = campaignCells(report, r);
    const notReported = notReportedCells(r, (r.media_spend ?? 0) > 0, t.notReported);
    const sub = cells.special ? undefined : (messagingSub(report, r) ?? tooFewSub(report, r));
    return markEstimated(report, estimated, { cells: { ...r }, ...cells, display: { ...notReported, ...cells.display, funnel_stage: stageWords(report, r.funnel_stage) }, sub }, r.campaign);
  });
  return {
    roi: {
      id: 'campaigns',
      caption: t.campaignsCaption(fmt.month(month)),
      columns: roiColumns,
      rows: roiRows,
      csv: csvPath(page, 'campaigns'),
      datasets: ['campaign_roi'],
      notes: [...notes, ...intervalNotes(report, { columns: roiColumns }), ...tooFewNotes(report, roiRows), ...messagingNotes(report, roiRows)],
    },
    performance: {
      id: 'campaign-performance',
      caption: t.performanceCaption(fmt.month(month)),
      columns: [
        keyColumn(), column(report, 'name', 'text'),
        column(report, 'platform', 'text'),
        column(report, 'funnel_stage', 'text'),
        column(report, 'spend', 'money0'),
        column(report, 'impressions', 'integer'),
        column(report, 'reach', 'integer'),
        column(report, 'clicks', 'integer'),
        column(report, 'ctr', 'percent'),
        column(report, 'cpc', 'money'),
        column(report, 'cpm', 'money'),
        column(report, 'engagement_rate', 'percent'),
        column(report, 'engagement_rate_basis', 'text'),
        { ...column(report, 'platform_conversions', 'count'), csvOnly: true },
        { ...column(report, 'link_clicks', 'integer'), csvOnly: true },
        { ...column(report, 'engagements', 'integer'), csvOnly: true },
        { ...column(report, 'video_views', 'integer'), csvOnly: true },
        { ...column(report, 'followers_gained', 'integer'), csvOnly: true },
        { ...column(report, 'platform_conversion_value', 'money'), csvOnly: true },
        ...messagingColumns(report, performance, true),
      ],
      rows: performanceRows,
      csv: csvPath(page, 'campaign-performance'),
      datasets: ['campaign_performance'],
      notes: [t.engagementBasisNote, ...notReportedNotes(report, performanceRows)],
    },
  };
}

/** What an engagement rate is divided by, in words. */
export function basisWords(report: Report, basis: string | null): string {
  if (basis === 'reach') return report.t.basis.reach;
  if (basis === 'impressions') return report.t.basis.impressions;
  return basis ?? '–';
}
