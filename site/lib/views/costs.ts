// The costs of one month: media, agency, production, influencer, tools, staff and
// other costs, over 13 months and per campaign.

import type { CostBreakdownRow } from '../data/schemas.ts';
import type { ChartModel } from '../figure.ts';
import type { Report } from '../report.ts';
import type { TableModel } from '../table.ts';
import { stackSpec } from '../charts.ts';
import { isSpecialKey } from '../channels.ts';
import { monthsEndingAt } from '../months.ts';
import { monthRows, trendRow } from '../select.ts';
import { csvPath, monthPath } from '../routes.ts';
import { campaignCells, column, incompleteMonths, namedColumn, keyColumn } from './common.ts';
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
  const page = monthPath(month, 'costs');
  const trend = costTrend(report, month);
  const monthTotals = monthRows(report.data.datasets.cost_breakdown, month)
    .filter((r) => r.campaign === ALL_CAMPAIGNS)
    .sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
  return {
    facts: costFacts(report, month),
    chart: costTrendChart(report, month, page, trend, monthTotals),
    byCategory: categoryTable(report, month, page, monthTotals),
    byCampaign: campaignTable(report, month, page, trend.categories),
  };
}

/** The 13 months up to `month` that have costs, each month's total per category, and the categories: the known ones in their order, then any other the data holds. */
interface CostTrend {
  shown: string[];
  totals: CostBreakdownRow[];
  categories: string[];
}

function categoryNamer(report: Report): (c: string) => string {
  return (c) => (report.t.categories as Record<string, string>)[c] ?? c;
}

/** Media, other and total cost of the month under the report's model. */
function costFacts(report: Report, month: string): Fact[] {
  const { t, fmt, model, data } = report;
  const trend = trendRow(data.datasets.monthly_trend, month, model);
  return trend
    ? [
        { label: t.col.media_spend, value: fmt.money(trend.media_spend, 0) },
        { label: t.col.other_cost, value: fmt.money(trend.other_cost, 0) },
        { label: t.col.total_cost, value: fmt.money(trend.total_cost, 0) },
      ]
    : [];
}

function costTrend(report: Report, month: string): CostTrend {
  const months = monthsEndingAt(month, 13);
  const totals = months.flatMap((m) => monthRows(report.data.datasets.cost_breakdown, m).filter((r) => r.campaign === ALL_CAMPAIGNS));
  const shown = months.filter((m) => totals.some((r) => r.month === m));
  const categories = [...CATEGORIES, ...new Set(totals.map((r) => r.category).filter((c) => !CATEGORIES.includes(c)))];
  return { shown, totals, categories };
}

/** The costs per category over the 13 months, stacked. */
function costTrendChart(report: Report, month: string, page: string, trend: CostTrend, monthTotals: readonly CostBreakdownRow[]): ChartModel {
  const { t, fmt } = report;
  const categoryName = categoryNamer(report);
  const { shown, totals, categories } = trend;
  const partial = incompleteMonths(report, shown);
  const values = totals
    .filter((r) => r.amount !== null)
    .map((r) => ({ i: shown.indexOf(r.month), month: fmt.monthShort(r.month), category: categoryName(r.category), order: CATEGORIES.indexOf(r.category), value: r.amount, incomplete: partial.has(r.month) }));
  const chartTable: TableModel = {
    id: 'cost-trend',
    caption: t.costTrendTitle,
    columns: [column(report, 'month', 'month'), ...categories.map((c) => namedColumn(c, categoryName(c), 'money0'))],
    rows: shown.map((m) => {
      const cells: Record<string, string | number | null> = { month: m };
      for (const c of categories) cells[c] = totals.find((r) => r.month === m && r.category === c)?.amount ?? null;
      return { cells, display: partial.monthCell(m) };
    }),
    csv: csvPath(page, 'cost-trend'),
    datasets: ['cost_breakdown'],
  };
  const words = fmt.month(month);
  return {
    id: 'cost-trend',
    title: t.costTrendTitle,
    caption: t.costTrendCaption(fmt.month(shown[0] ?? month), words) + partial.caption('stack'),
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
  };
}

/** The month's total per cost category. */
function categoryTable(report: Report, month: string, page: string, monthTotals: readonly CostBreakdownRow[]): TableModel {
  const categoryName = categoryNamer(report);
  return {
    id: 'cost-categories',
    caption: report.t.costCategoriesCaption(report.fmt.month(month)),
    columns: [column(report, 'category', 'text'), column(report, 'amount', 'money')],
    rows: monthTotals.map((r) => ({ cells: { ...r }, display: { category: categoryName(r.category) } })),
    csv: csvPath(page, 'cost-categories'),
    datasets: ['cost_breakdown'],
  };
}

/** One row per campaign with its cost per category, by name; unattributed and unmapped last. */
function campaignTable(report: Report, month: string, page: string, categories: readonly string[]): TableModel {
  const categoryName = categoryNamer(report);
  const inMonth = monthRows(report.data.datasets.cost_breakdown, month);
  const perCampaign = new Map<string, CostBreakdownRow[]>();
  for (const r of inMonth) {
    if (r.campaign === ALL_CAMPAIGNS) continue;
    let list = perCampaign.get(r.campaign);
    if (!list) perCampaign.set(r.campaign, (list = []));
    list.push(r);
  }
  const campaignRows = [...perCampaign.values()]
    .map((rows) => ({ rows, first: rows[0]! }))
    .sort((a, b) => Number(isSpecialKey(a.first.campaign)) - Number(isSpecialKey(b.first.campaign)) || report.campaignName(a.first.campaign, a.first.name).localeCompare(report.campaignName(b.first.campaign, b.first.name)));
  return {
    id: 'cost-campaigns',
    caption: report.t.costCampaignsCaption(report.fmt.month(month)),
    columns: [keyColumn(), column(report, 'name', 'text'), column(report, 'channel', 'text'), ...categories.map((c) => namedColumn(c, categoryName(c), 'money0'))],
    rows: campaignRows.map(({ rows, first }) => {
      const cells: Record<string, string | number | null> = { campaign: first.campaign, name: first.name, channel: first.channel };
      for (const c of categories) cells[c] = rows.find((r) => r.category === c)?.amount ?? null;
      return { cells, ...campaignCells(report, first) };
    }),
    csv: csvPath(page, 'cost-campaigns'),
    datasets: ['cost_breakdown'],
  };
}
