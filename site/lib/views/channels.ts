// The channels of one month: ROI and ROAS by channel, and every channel's figures,
// with unmapped spend and unattributed revenue apart.

import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { TableModel } from '../table.ts';
import { isSpecialKey } from '../channels.ts';
import { channelsFor } from '../select.ts';
import { notReportedCells } from '../format.ts';
import { csvPath, monthPath } from '../routes.ts';
import { channelRoasChart, channelRoiChart, column, namedColumn } from './common.ts';
import { intervalNotes, withInterval } from '../intervals.ts';

export interface ChannelsView {
  charts: ChartModel[];
  table: TableModel;
}

export function channelsView(report: Report, month: string): ChannelsView {
  const { t, model, data, fmt } = report;
  const page = monthPath(month, 'channels');
  const { channels, special } = channelsFor(data.datasets.channel_roi, month, model);
  const columns = [
    column(report, 'channel', 'text'),
    column(report, 'media_spend', 'money0'),
    column(report, 'other_cost', 'money0'),
    column(report, 'total_cost', 'money0'),
    withInterval(report, column(report, 'conversions', 'count')),
    withInterval(report, column(report, 'revenue', 'money0')),
    withInterval(report, column(report, 'gross_profit', 'money0')),
    withInterval(report, column(report, 'roi', 'percent', true)),
    withInterval(report, column(report, 'roas', 'ratio')),
    // in the downloads: the page's table is wide enough with the platform's figures
    { ...withInterval(report, column(report, 'cpa', 'money'), 'cpa', true), csvOnly: true },
    // the platform's figures in the downloads: the page shows them in the ROAS table above,
    // with the spend platform ROAS divides (only the campaigns that report a value)
    { ...column(report, 'platform_conversion_value', 'money0'), csvOnly: true },
    { ...namedColumn('spend_with_conversion_value', t.truth.spendWithValue, 'money0'), csvOnly: true },
    { ...column(report, 'platform_roas', 'ratio'), csvOnly: true },
  ];
  return {
    charts: [channelRoiChart(report, month, page), channelRoasChart(report, month, page)],
    table: {
      id: 'channels',
      caption: t.channelsCaption(fmt.month(month), report.modelName(model)),
      columns,
      rows: [...channels, ...special].map((r) => ({
        cells: { ...r },
        // media spend comes only from platform rows: a channel without any has nothing to report
        display: { ...notReportedCells(r, (r.media_spend ?? 0) > 0, t.notReported), channel: report.channelName(r.channel) },
        swatch: isSpecialKey(r.channel) ? null : { column: 'channel', color: report.channelColor(r.channel) },
        special: isSpecialKey(r.channel),
      })),
      csv: csvPath(page, 'channels'),
      datasets: ['channel_roi'],
      notes: [...(special.length > 0 ? [t.unmappedNote, t.unattributedNote] : []), ...intervalNotes(report, { columns })],
    },
  };
}
