// The costs of one month: media, agency, production, influencer, tools, staff and
// other costs, over 13 months and per campaign.

import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { TableModel } from '../table.ts';
import { stackSpec } from '../charts.ts';
import { isSpecialKey } from '../channels.ts';
import { monthsEndingAt } from '../months.ts';
import { monthRows, trendRow } from '../select.ts';
import { csvPath, monthPath } from '../routes.ts';
import { campaignCells, column, namedColumn, keyColumn } from './common.ts';
import { CATEGORIES, CATEGORY_COLORS } from './campaign.ts';
import type { Fact } from './campaign.ts';

export const ALL_CAMPAIGNS = 'all';

export interface CostsView {
  facts: Fact[];
  chart: ChartModel;
  byCategory: TableModel;
  byCampaign: TableModel;
}

export function costsView(report: Report, month: string): CostsView {
  const { t, fmt, model, data } = report;
  const page = monthPath(month, 'costs');
  const trend = trendRow(data.datasets.monthly_trend, month, model);
  const categoryName = (c: string) => (t.categories as Record<string, string>)[c] ?? c;
  const facts: Fact[] = trend
    ? [
        { label: t.col.media_spend, value: fmt.money(trend.media_spend, 0) },
        { label: t.col.other_cost, value: fmt.money(trend.other_cost, 0) },
        { label: t.col.total_cost, value: fmt.money(trend.total_cost, 0) },
      ]
    : [];

  const months = monthsEndingAt(month, 13);
  const totals = months.flatMap((m) => monthRows(data.datasets.cost_breakdown, m).filter((r) => r.campaign === ALL_CAMPAIGNS));
  const shown = months.filter((m) => totals.some((r) => r.month === m));
  const values = totals
    .filter((r) => r.amount !== null)
    .map((r) => ({ i: shown.indexOf(r.month), month: fmt.monthShort(r.month), category: categoryName(r.category), order: CATEGORIES.indexOf(r.category), value: r.amount }));
  const categories = [...CATEGORIES, ...new Set(totals.map((r) => r.category).filter((c) => !CATEGORIES.includes(c)))];
  const chartTable: TableModel = {
    id: 'cost-trend',
    caption: t.costTrendTitle,
    columns: [column(report, 'month', 'month'), ...categories.map((c) => namedColumn(c, categoryName(c), 'money0'))],
    rows: shown.map((m) => {
      const cells: Record<string, string | number | null> = { month: m };
      for (const c of categories) cells[c] = totals.find((r) => r.month === m && r.category === c)?.amount ?? null;
      return { cells };
    }),
    csv: csvPath(page, 'cost-trend'),
    datasets: ['cost_breakdown'],
  };

  const inMonth = monthRows(data.datasets.cost_breakdown, month);
  const monthTotals = inMonth.filter((r) => r.campaign === ALL_CAMPAIGNS).sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
  const perCampaign = new Map<string, (typeof inMonth)[number][]>();
  for (const r of inMonth) {
    if (r.campaign === ALL_CAMPAIGNS) continue;
    let list = perCampaign.get(r.campaign);
    if (!list) perCampaign.set(r.campaign, (list = []));
    list.push(r);
  }
  const campaignRows = [...perCampaign.values()]
    .map((rows) => ({ rows, first: rows[0]! }))
    .sort((a, b) => Number(isSpecialKey(a.first.campaign)) - Number(isSpecialKey(b.first.campaign)) || report.campaignName(a.first.campaign, a.first.name).localeCompare(report.campaignName(b.first.campaign, b.first.name)));
  const words = fmt.month(month);
  return {
    facts,
    chart: {
      id: 'cost-trend',
      title: t.costTrendTitle,
      caption: t.costTrendCaption(fmt.month(shown[0] ?? month), words),
      label: t.costTrendLabel(words, monthTotals.map((r) => `${categoryName(r.category)} ${fmt.money(r.amount, 0)}`).join(', ')),
      drawing:
        values.length === 0
          ? null
          : {
              spec: (size) => stackSpec(size, { categories: CATEGORIES.map((c) => ({ name: categoryName(c), color: CATEGORY_COLORS[c] ?? '#999' })), format: '$,.0f' }),
              input: () => ({ values }),
              widths: { wide: 820, narrow: 260 },
              shared: false,
            },
      table: chartTable,
    },
    byCategory: {
      id: 'cost-categories',
      caption: t.costCategoriesCaption(words),
      columns: [column(report, 'category', 'text'), column(report, 'amount', 'money')],
      rows: monthTotals.map((r) => ({ cells: { ...r }, display: { category: categoryName(r.category) } })),
      csv: csvPath(page, 'cost-categories'),
      datasets: ['cost_breakdown'],
    },
    byCampaign: {
      id: 'cost-campaigns',
      caption: t.costCampaignsCaption(words),
      columns: [keyColumn(), column(report, 'name', 'text'), column(report, 'channel', 'text'), ...categories.map((c) => namedColumn(c, categoryName(c), 'money0'))],
      rows: campaignRows.map(({ rows, first }) => {
        const cells: Record<string, string | number | null> = { campaign: first.campaign, name: first.name, channel: first.channel };
        for (const c of categories) cells[c] = rows.find((r) => r.category === c)?.amount ?? null;
        return { cells, ...campaignCells(report, first) };
      }),
      csv: csvPath(page, 'cost-campaigns'),
      datasets: ['cost_breakdown'],
    },
  };
}
