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

/**
 * Workbooks being written, by path. The site build renders the pages first and the
 * downloads last; the workbooks, written in a worker thread (xlsx.ts), are started when
 * Astro lists the paths, so the worker writes them while the pages render instead of the
 * build waiting for each in turn. Their bytes are small beside the report's data, which
 * the build holds anyway. Not in `astro dev`, which lists the paths for every request.
 */
const started = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

export function getStaticPaths() {
  const report = getReport();
  const workbooks = [...allWorkbooks(report)];
  if (import.meta.env.PROD) {
    for (const [path, tables] of workbooks) {
      const bytes = tablesXlsx(tables, report.fmt.locale);
      bytes.catch(() => {}); // its route awaits it and fails the build; until then a failure is not unhandled
      started.set(path, bytes);
    }
  }
  return [
    ...allTables(report).map((table) => ({ params: { download: table.csv }, props: { format: 'csv', table } satisfies Props })),
    ...workbooks.map(([path, tables]) => ({ params: { download: path }, props: { format: 'xlsx', tables } satisfies Props })),
  ];
}

export const GET: APIRoute = async ({ props, params }) => {
  const download = props as Props;
  const { fmt } = getReport();
  if (download.format === 'xlsx') {
    const path = params.download ?? '';
    const bytes = started.get(path) ?? tablesXlsx(download.tables, fmt.locale);
    started.delete(path);
    return new Response(await bytes, {
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
  }
  return new Response(tableCsv(download.table, csvDialect(fmt.intlLocale)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
