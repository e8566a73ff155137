// The influencers of one month: fee, codes, coupon orders, attributed revenue, ROI.

import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { TableModel } from '../table.ts';
import { barInput, barSpec } from '../charts.ts';
import type { BarRow } from '../charts.ts';
import { byNullableDesc, monthRows } from '../select.ts';
import { campaignPath, csvPath, monthPath } from '../routes.ts';
import { column, keyColumn } from './common.ts';
import { intervalNotes, tooFewNotes, tooFewSub, whiskerCaption, withInterval } from '../intervals.ts';

export interface InfluencersView {
  chart: ChartModel;
  table: TableModel;
}

export function influencersView(report: Report, month: string): InfluencersView {
  const { t, fmt, model, data } = report;
  const page = monthPath(month, 'influencers');
  const rows = monthRows(data.datasets.influencer_roi, month, model).sort(byNullableDesc((r) => r.roi, (r) => r.name ?? r.campaign));
  const withRoi = rows.filter((r) => r.roi !== null);
  const channelOf = (campaign: string) => report.campaigns.get(campaign)?.channel ?? null;
  const label = (r: (typeof rows)[number]) => r.influencer ?? r.name ?? r.campaign;
  const bars: BarRow[] = withRoi.map((r) => {
    const channel = channelOf(r.campaign);
    return { label: label(r), value: r.roi ?? 0, color: channel ? report.channelColor(channel) : '#7a4fb0', text: fmt.percent(r.roi, 1), lo: r.roi_low, hi: r.roi_high };
  });
  const words = fmt.month(month);
  const columns = [
    keyColumn(),
    column(report, 'influencer', 'text'),
    column(report, 'name', 'text'),
    column(report, 'coupon_code', 'code'),
    column(report, 'fee', 'money0'),
    column(report, 'other_cost', 'money0'),
    column(report, 'total_cost', 'money0'),
    column(report, 'coupon_orders', 'count'),
    column(report, 'coupon_revenue', 'money0'),
    withInterval(report, column(report, 'conversions', 'count')),
    withInterval(report, column(report, 'revenue', 'money0')),
    column(report, 'gross_profit', 'money0'),
    withInterval(report, column(report, 'roi', 'percent', true)),
    { ...column(report, 'too_few_conversions', 'text'), csvOnly: true },
  ];
  const tableRows = rows.map((r) => {
    const info = report.campaigns.get(r.campaign);
    return { cells: { ...r }, display: { influencer: label(r), name: r.name ?? r.campaign }, href: info ? campaignPath(info.slug) : null, sub: tooFewSub(report, r, 'influencer') };
  });
  const table: TableModel = {
    id: 'influencers',
    caption: t.influencersCaption(words, report.modelName(model)),
    columns,
    rows: tableRows,
    csv: csvPath(page, 'influencers'),
    datasets: ['influencer_roi'],
    notes: [t.influencerNote, ...intervalNotes(report, { columns }), ...tooFewNotes(report, tableRows)],
  };
  return {
    chart: {
      id: 'influencer-roi',
      title: t.influencerRoiTitle,
      caption: `${t.influencerRoiCaption(words)} ${t.truth.orderByRoi}` + whiskerCaption(report),
      label: t.influencerRoiLabel(words, bars.map((b) => `${b.label} ${b.text}`).join(', ')),
      drawing: bars.length === 0 ? null : { spec: (size) => barSpec(size, { labelLimit: 180, whiskers: true }), input: (size) => barInput(bars, size.width), widths: { wide: 420, narrow: 200 } },
      table: { ...table, id: 'influencer-roi', caption: t.influencerRoiTitle, columns: table.columns.filter((c) => ['campaign', 'influencer', 'total_cost', 'gross_profit', 'roi'].includes(c.key)), csv: csvPath(page, 'influencer-roi'), notes: [...intervalNotes(report, { columns }), ...tooFewNotes(report, tableRows)] },
    },
    table,
  };
}
