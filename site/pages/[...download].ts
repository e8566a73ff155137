// Every table of the report as a CSV file beside the page that shows it, and the page's
// tables as one Excel workbook, written at build time: `/2026-10/channels/channels.csv`
// and `/2026-10/channels/2026-10-channels.xlsx`, `/campaigns/<slug>/trend.csv`. The CSV
// file is in the dialect of the report's locale (csv.ts); the workbook has typed numbers
// and dates, a sheet per table (xlsx.ts).
import type { APIRoute } from 'astro';
import { getReport } from '../lib/report.ts';
import { allTables, allWorkbooks } from '../lib/downloads.ts';
import { csvDialect } from '../lib/csv.ts';
import { tableCsv, type TableModel } from '../lib/table.ts';
import { tablesXlsx } from '../lib/xlsx.ts';

type Props = { format: 'csv'; table: TableModel } | { format: 'xlsx'; tables: TableModel[] };

export function getStaticPaths() {
  const report = getReport();
  return [
    ...allTables(report).map((table) => ({ params: { download: table.csv }, props: { format: 'csv', table } satisfies Props })),
    ...[...allWorkbooks(report)].map(([path, tables]) => ({ params: { download: path }, props: { format: 'xlsx', tables } satisfies Props })),
  ];
}

export const GET: APIRoute = async ({ props }) => {
  const download = props as Props;
  const { fmt } = getReport();
  if (download.format === 'xlsx') {
    return new Response(await tablesXlsx(download.tables, fmt.locale), {
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
  }
  return new Response(tableCsv(download.table, csvDialect(fmt.intlLocale)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
