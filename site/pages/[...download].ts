// Every table of the report as a CSV file beside the page that shows it, written
// at build time: `/2026-10/channels/channels.csv`, `/campaigns/<slug>/trend.csv`.
import type { APIRoute } from 'astro';
import { getReport } from '../lib/report.ts';
import { allTables } from '../lib/downloads.ts';
import { tableCsv } from '../lib/table.ts';

export function getStaticPaths() {
  return allTables(getReport()).map((table) => ({ params: { download: table.csv }, props: { csv: tableCsv(table) } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response((props as { csv: string }).csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
