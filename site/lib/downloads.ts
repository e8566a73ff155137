// Every table of the report, for the download endpoint that writes each as a CSV
// file beside its page, and each page's tables as one Excel workbook. The tables come
// from the same views the pages render, so a page and its downloads show the same rows.

import type { Report } from './report.ts';
import type { TableModel } from './table.ts';
import { workbookPath } from './table.ts';
import { attributionView } from './views/attribution.ts';
import { campaignView } from './views/campaign.ts';
import { campaignsView } from './views/campaigns.ts';
import { channelsView } from './views/channels.ts';
import { costsView } from './views/costs.ts';
import { dataQualityView } from './views/data-quality.ts';
import { ga4View } from './views/ga4.ts';
import { declaredCharts } from './views/declared.ts';
import { engagementView } from './views/engagement.ts';
import { experimentsView } from './views/experiments.ts';
import { influencersView } from './views/influencers.ts';
import { localView } from './views/local.ts';
import { methodologyView } from './views/methodology.ts';
import { overviewView } from './views/overview.ts';
import { MONTH_SECTIONS } from './routes.ts';

/** The tables of every page, each once (by CSV path). */
export function allTables(report: Report): TableModel[] {
  const tables: TableModel[] = [];
  for (const { month } of report.months) {
    const overview = overviewView(report, month);
    tables.push(...overview.charts.map((c) => c.table), overview.best, overview.worst);
    const channels = channelsView(report, month);
    tables.push(...channels.charts.map((c) => c.table), channels.table);
    const campaigns = campaignsView(report, month);
    tables.push(campaigns.roi, campaigns.performance);
    const influencers = influencersView(report, month);
    tables.push(influencers.chart.table, influencers.table);
    const attribution = attributionView(report, month);
    tables.push(...attribution.charts.map((c) => c.table), ...attribution.tables);
    const experiments = experimentsView(report, month);
    tables.push(...experiments.tables, ...(experiments.chart ? [experiments.chart.table] : []), experiments.mmm);
    const engagement = engagementView(report, month);
    tables.push(...engagement.charts.map((c) => c.table), engagement.platforms, engagement.awareness);
    const organic = localView(report, month);
    for (const section of [organic.local, organic.youtube]) if (section) tables.push(section.table);
    const costs = costsView(report, month);
    tables.push(costs.chart.table, costs.byCategory, costs.byCampaign);
    for (const section of MONTH_SECTIONS) tables.push(...declaredCharts(report, section, month).map((c) => c.table));
  }
  for (const info of report.campaigns.values()) {
    const view = campaignView(report, info);
    tables.push(...view.charts.map((c) => c.table), ...view.tables);
  }
  const quality = dataQualityView(report);
  tables.push(quality.coverage.table, ...quality.tables, ...declaredCharts(report, 'data-quality', null).map((c) => c.table));
  const ga4 = ga4View(report);
  if (ga4.present && ga4.withoutOrder.rows.length > 0) tables.push(ga4.withoutOrder);
  const method = methodologyView(report);
  tables.push(method.metrics, method.marts, method.tests);

  const seen = new Map<string, TableModel>();
  for (const table of tables) {
    if (seen.has(table.csv)) throw new Error(`two tables write ${table.csv}`);
    seen.set(table.csv, table);
  }
  return [...seen.values()];
}

/** Each page's tables, by the path of the page's workbook, in the page's order. */
export function allWorkbooks(report: Report): Map<string, TableModel[]> {
  const workbooks = new Map<string, TableModel[]>();
  for (const table of allTables(report)) {
    const path = workbookPath(table);
    const tables = workbooks.get(path);
    if (tables) tables.push(table);
    else workbooks.set(path, [table]);
  }
  return workbooks;
}
