// Benchmark: a 100,000-row export in every recognised layout, written into a
// temp folder, then recognised, parsed and loaded into a DuckDB warehouse the
// way ingest does it (one transaction per file). Prints rows per second for
// each step; also times 1,000,000 orders through DuckDB's own CSV reader.
//   npx node bench/ingest-exports.ts [--rows 100000] [--orders 1000000]
// No assertions: the figures go into the closing note of a change, not a test.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeXlsx, type XlsxCell } from '../data/generator/xlsx.ts';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';
import { loadOrders } from '../pipeline/ingest/own-files.ts';
import { FILE_TABLES, RAW_TABLES } from '../pipeline/ingest/raw-tables.ts';
import { appendRows, openWarehouse } from '../pipeline/warehouse.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, orders: { type: 'string', default: '1000000' } } });
const ROWS = Number(values.rows);
const ORDERS = Number(values.orders);

const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
const dmy = (i: number) => day(i).split('-').reverse().join('.');
const mdy = (i: number) => { const [y, m, d] = day(i).split('-'); return `${Number(m)}/${Number(d)}/${y}`; };
const money = (i: number) => `${(i % 9000) + 10}.${String(i % 100).padStart(2, '0')}`;
const campaign = (i: number) => `Campaign ${i % 40}`;

interface Layout {
  name: string;
  file: string;
  header: string[];
  row: (i: number) => string[];
  delimiter?: string;
  encoding?: 'utf8' | 'utf8bom' | 'utf16le';
  preamble?: string[];
}

const LAYOUTS: Layout[] = [
  { name: 'Meta (English)', file: 'meta-en.csv', encoding: 'utf8bom', header: ['Day', 'Campaign name', 'Ad set name', 'Platform', 'Amount spent (EUR)', 'Impressions', 'Reach', 'Clicks (all)', 'Link clicks', 'Post engagements', 'Results', 'Result indicator', 'Purchases', 'Purchases conversion value'], row: (i) => [day(i), campaign(i), `Ad set ${i % 7}`, i % 2 ? 'Facebook' : 'Instagram', money(i), String(1000 + i), String(800 + i), String(i % 300), String(i % 200), String(i % 500), String(i % 5), 'actions:offsite_conversion.fb_pixel_purchase', String(i % 5), money(i * 3)] },
  { name: 'Meta (German, ; and decimal commas)', file: 'meta-de.csv', delimiter: ';', encoding: 'utf8bom', header: ['Tag', 'Kampagnenname', 'Name der Anzeigengruppe', 'Ausgegebener Betrag (EUR)', 'Impressionen', 'Reichweite', 'Klicks (alle)', 'Link-Klicks', 'Websites-Käufe', 'Websites-Käufe – Conversion-Wert'], row: (i) => [dmy(i), campaign(i), `Anzeigengruppe ${i % 7}`, money(i).replace('.', ','), `${1 + (i % 90)}.${String(i % 1000).padStart(3, '0')}`, String(800 + (i % 900)), String(i % 300), String(i % 200), String(i % 5), money(i * 3).replace('.', ',')] },
  { name: 'LinkedIn Campaign Manager (UTF-16, TAB)', file: 'linkedin.csv', delimiter: '\t', encoding: 'utf16le', header: ['Start Date (in UTC)', 'Account Name', 'Currency', 'Campaign Group ID', 'Campaign Group Name', 'Campaign ID', 'Campaign Name', 'Total Spent', 'Impressions', 'Clicks', 'Clicks to Landing Page', 'Total Engagements', 'Reach', 'Conversions', 'Total Conversion Value'], row: (i) => [mdy(i), 'Shop', 'USD', String(600 + (i % 40)), campaign(i), String(900 + (i % 80)), `Li campaign ${i % 80}`, money(i), String(1000 + i), String(i % 90), String(i % 70), String(i % 150), String(700 + i), String(i % 3), money(i)] },
  { name: 'Google Ads (title lines, totals)', file: 'google-ads.csv', preamble: ['Campaign report', 'January 1, 2026 - December 31, 2026'], header: ['Day', 'Campaign', 'Campaign ID', 'Campaign type', 'Currency code', 'Cost', 'Impr.', 'Clicks', 'Interactions', 'Views', 'Conversions', 'Conv. value'], row: (i) => [day(i), campaign(i), String(2000 + (i % 40)), 'Video', 'EUR', `"1,${String(i % 1000).padStart(3, '0')}.50"`, `"${10 + (i % 80)},${String(i % 1000).padStart(3, '0')}"`, String(i % 900), String(i % 900), '--', '1.50', '82.40'] },
  { name: 'TikTok Ads Manager', file: 'tiktok.csv', encoding: 'utf8bom', header: ['By Day', 'Campaign name', 'Campaign ID', 'Ad group name', 'Cost', 'Impressions', 'Reach', 'Clicks (destination)', '2-second video views', 'Likes', 'Comments', 'Shares', 'Conversions', 'Total complete payment value', 'Currency'], row: (i) => [day(i), campaign(i), String(1780 + (i % 40)), `Ad group ${i % 9}`, money(i), String(2000 + i), String(1500 + i), String(i % 400), String(i % 5000), String(i % 300), String(i % 20), String(i % 15), String(i % 4), money(i), 'EUR'] },
  { name: 'X Ads', file: 'x.csv', header: ['Time period', 'Campaign name', 'Ad group name', 'Currency', 'Spend', 'Impressions', 'Engagements', 'Link clicks', 'Video views', 'Follows'], row: (i) => [day(i), campaign(i), `Ad group ${i % 9}`, 'EUR', money(i), String(3000 + i), String(i % 600), String(i % 100), String(i % 2000), String(i % 5)] },
  { name: 'Pinterest Ads', file: 'pinterest.csv', header: ['Date', 'Campaign name', 'Campaign ID', 'Ad group name', 'Spend in account currency', 'Paid impressions', 'Pin clicks', 'Outbound clicks', 'Saves', 'Engagements', 'Total conversions', 'Total conversion value', 'Currency'], row: (i) => [day(i), campaign(i), String(6267 + (i % 40)), `Ad group ${i % 9}`, money(i), String(900 + i), String(i % 100), String(i % 60), String(i % 40), String(i % 180), String(i % 2), money(i), 'EUR'] },
  { name: 'Snapchat Ads', file: 'snapchat.csv', header: ['Start Time', 'End Time', 'Campaign Name', 'Ad Squad Name', 'Currency', 'Amount Spent', 'Paid Impressions', 'Swipe Ups', 'Video Views', 'Purchases', 'Purchases Value'], row: (i) => [`${day(i)} 00:00:00`, `${day(i + 1)} 00:00:00`, campaign(i), `Squad ${i % 9}`, 'EUR', money(i), String(4000 + i), String(i % 50), String(i % 2000), String(i % 2), money(i)] },
  { name: 'Microsoft Advertising', file: 'microsoft.csv', encoding: 'utf8bom', header: ['Date', 'Campaign ID', 'Campaign', 'Spend', 'Clicks', 'Impr.', 'Conv.', 'Currency code'], row: (i) => [day(i), `[${436534626 + (i % 40)}]`, campaign(i), money(i), String(i % 300), String(2000 + i), String(i % 9), 'EUR'] },
  { name: 'Generic layout (XING)', file: 'generic.csv', preamble: ['# platform: xing'], header: ['date', 'campaign_name', 'ad_set_name', 'currency', 'spend', 'impressions', 'clicks', 'engagements'], row: (i) => [day(i), campaign(i), `Ad set ${i % 9}`, 'EUR', money(i), String(1500 + i), String(i % 40), String(i % 90)] },
  { name: 'Facebook Page posts', file: 'facebook-posts.csv', encoding: 'utf8bom', header: ['Post ID', 'Page ID', 'Page name', 'Title', 'Description', 'Publish time', 'Permalink', 'Post type', 'Date', 'Views', 'Reach', 'Reactions, Comments and Shares', 'Reactions', 'Comments', 'Shares', 'Total clicks'], row: (i) => [`104_${i}`, '104', 'Page', '', `Post ${i}`, `${mdy(i).split('/').map((p, k) => (k < 2 ? p.padStart(2, '0') : p)).join('/')} 18:00`, `https://fb.com/${i}`, 'Photos', 'Lifetime', String(5000 + i), String(4000 + i), String(i % 900), String(i % 700), String(i % 100), String(i % 100), String(i % 300)] },
  { name: 'Instagram posts', file: 'instagram.csv', encoding: 'utf8bom', header: ['Post ID', 'Account ID', 'Account username', 'Description', 'Publish time', 'Permalink', 'Post type', 'Date', 'Views', 'Reach', 'Likes', 'Shares', 'Follows', 'Comments', 'Saves'], row: (i) => [String(17890000000000000 + i), '1784', 'shop', `Post ${i}`, `${mdy(i).split('/').map((p, k) => (k < 2 ? p.padStart(2, '0') : p)).join('/')} 12:15`, `https://ig.com/p/${i}`, 'IG reel', 'Lifetime', `"${1 + (i % 90)},${String(i % 1000).padStart(3, '0')}"`, String(900 + (i % 900)), String(i % 800), String(i % 40), String(i % 20), String(i % 30), String(i % 100)] },
];

function encode(layout: Layout, rows: number): Uint8Array {
  const d = layout.delimiter ?? ',';
  const quote = (c: string) => (c.startsWith('"') || (!c.includes(d) && !c.includes('"')) ? c : `"${c.replaceAll('"', '""')}"`);
  const lines = [...(layout.preamble ?? []), layout.header.map(quote).join(d)];
  for (let i = 0; i < rows; i++) lines.push(layout.row(i).map(quote).join(d));
  const text = `${lines.join('\n')}\n`;
  if (layout.encoding === 'utf16le') return new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
  const bytes = Buffer.from(text, 'utf8');
  return layout.encoding === 'utf8bom' ? new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])) : new Uint8Array(bytes);
}

function xlsxFollowers(rows: number): Uint8Array {
  const sheet: XlsxCell[][] = [['Aggregated data for new followers.'], ['Date', 'Sponsored followers', 'Organic followers', 'Total followers']];
  for (let i = 0; i < rows; i++) sheet.push([{ date: day(i) }, i % 3, i % 5, (i % 3) + (i % 5)]);
  return writeXlsx([{ name: 'New followers', rows: sheet }]);
}

const dir = await mkdtemp(join(tmpdir(), 'roi-bench-'));
const wh = await openWarehouse(join(dir, 'warehouse.duckdb'));
await wh.run(Object.entries(RAW_TABLES).map(([name, columns]) => `create table ${name} (${columns});`).join('\n'));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`${ROWS.toLocaleString('en-US')} rows per export; times in seconds (recognise + parse + load = total), rows/s of the total\n`);
console.log(`${'layout'.padEnd(44)} ${'MB'.padStart(6)} ${'recog.'.padStart(7)} ${'parse'.padStart(7)} ${'load'.padStart(7)} ${'total'.padStart(7)} ${'rows/s'.padStart(10)}`);

const inputs: { name: string; file: string; bytes: Uint8Array }[] = [
  ...LAYOUTS.map((l) => ({ name: l.name, file: l.file, bytes: encode(l, ROWS) })),
  { name: 'LinkedIn page followers (xlsx)', file: 'linkedin_followers.xlsx', bytes: xlsxFollowers(ROWS) },
];
for (const input of inputs) {
  const path = join(dir, input.file);
  await writeFile(path, input.bytes);
  const t0 = performance.now();
  const bytes = new Uint8Array(await readFile(path));
  const file = await recogniseFile(input.file, bytes);
  if (file.unknown) throw file.unknown;
  const t1 = performance.now();
  const extracted = extractFile(file, { currency: 'EUR' });
  const t2 = performance.now();
  await wh.run('begin transaction');
  for (const table of FILE_TABLES) await wh.run(`delete from ${table} where source_file = $path`, { path: input.file });
  for (const [table, rows] of Object.entries(extracted.rows)) await appendRows(wh, table, rows);
  await wh.run('commit');
  const t3 = performance.now();
  if (extracted.loaded + extracted.rejected !== ROWS) throw new Error(`${input.name}: ${extracted.loaded} loaded + ${extracted.rejected} rejected of ${ROWS}`);
  const s = (ms: number) => (ms / 1000).toFixed(2).padStart(7);
  console.log(`${input.name.padEnd(44)} ${(input.bytes.length / 1e6).toFixed(1).padStart(6)} ${s(t1 - t0)} ${s(t2 - t1)} ${s(t3 - t2)} ${s(t3 - t0)} ${fmt(ROWS / ((t3 - t0) / 1000)).padStart(10)}`);
}

// Orders go through DuckDB's own CSV reader, not a per-row JavaScript path.
const orders = join(dir, 'orders.csv');
const lines = ['order_id,ordered_at,customer_id,revenue,currency,status,refunded_amount,coupon_code,utm_source,utm_medium,utm_campaign,utm_content'];
for (let i = 0; i < ORDERS; i++) lines.push(`O${i},2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T12:00:00Z,C${i % 90000},${money(i)},EUR,paid,,,instagram,paid_social,nl_prospecting,ad_001`);
await writeFile(orders, `${lines.join('\n')}\n`);
const t0 = performance.now();
await wh.run('begin transaction');
const result = await loadOrders(wh, orders, 'orders.csv');
await wh.run('commit');
const seconds = (performance.now() - t0) / 1000;
console.log(`\n${ORDERS.toLocaleString('en-US')} orders through DuckDB's CSV reader: ${result.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s (${fmt(result.rows / seconds)} rows/s)`);

wh.close();
await rm(dir, { recursive: true, force: true });
