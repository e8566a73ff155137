// How fast the SQL attributes revenue at a large advertiser's scale: fills the
// raw tables of a scratch warehouse with generated orders and touchpoints
// (default 5 million and 50 million) straight in DuckDB, then runs every query
// of queries/ once and prints each one's time. Figures only, no assertions.
//   npx node bench/attribution.ts [--orders 5000000] [--touchpoints 50000000] [--campaigns 500]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimist } from 'zx';
import { DEFAULT_SETTINGS } from '../pipeline/config.ts';
import { rawTableDdl } from '../pipeline/ingest/raw-tables.ts';
import { runQuery } from '../pipeline/queries.ts';
import { writeSettingsTable } from '../pipeline/settings-table.ts';
import { openWarehouse } from '../pipeline/warehouse.ts';
import { loadSqlProject } from '../pipeline/warehouse-build.ts';

const args = minimist(process.argv.slice(2));
const orders = Number(args.orders ?? 5_000_000);
const touchpoints = Number(args.touchpoints ?? 50_000_000);
const campaigns = Number(args.campaigns ?? 500);
const customers = Math.round(orders * 0.8);
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

const dir = await mkdtemp(join(tmpdir(), 'bench-attribution-'));
const warehouse = await openWarehouse(join(dir, 'bench.duckdb'));
const seconds = (start: number) => (performance.now() - start) / 1000;
const rows: [string, number, number][] = [];

try {
  let start = performance.now();
  await warehouse.run(rawTableDdl());
  await writeSettingsTable(warehouse, { ...DEFAULT_SETTINGS, timezone: 'Europe/Berlin' });
  await warehouse.run(`insert into raw_campaigns (source_file, source_line, campaign, name, channel, funnel_stage, influencer, coupon_code, match)
    select 'bench', i::integer, 'c' || i, 'Campaign ' || i, 'Channel ' || (i % 8), 'conversion', null,
           case when i % 50 = 0 then 'CODE' || i end, 'utm_c' || i || '_*'
    from range(${campaigns}) t(i)`);
  // Orders spread over one year; a customer buys 1.25 times on average.
  await warehouse.run(`insert into raw_orders (source_file, source_line, order_id, ordered_at, customer_id, revenue, currency, status,
                                           refunded_amount, coupon_code, utm_source, utm_medium, utm_campaign, utm_content)
    select 'bench', i::integer + 2, 'o' || i,
           timestamptz '2025-01-01 00:00:00+00' + to_seconds((hash(i) % (365 * 86400))::bigint),
           'k' || (hash(i * 7) % ${customers}), (10 + hash(i * 13) % 20000 / 100.0)::decimal(18, 4), 'EUR',
           case when hash(i * 17) % 100 < 90 then 'paid' when hash(i * 17) % 100 < 95 then 'partially_refunded' else 'refunded' end,
           case when hash(i * 17) % 100 >= 90 then 5 end,
           case when hash(i * 19) % 100 = 0 then 'CODE' || (hash(i) % ${campaigns} // 50 * 50) end,
           null, null, null, null
    from range(${orders}) t(i)`);
  // Touchpoints of buyers and of visitors who never buy (customer ids beyond the buyers').
  await warehouse.run(`insert into raw_touchpoints (source_file, source_line, customer_id, occurred_at, utm_source, utm_medium, utm_campaign, utm_content, interaction)
    select 'bench', i::integer + 2, 'k' || (hash(i * 3) % ${Math.round(customers * 1.5)}),
           timestamptz '2024-12-01 00:00:00+00' + to_seconds((hash(i * 5) % (395 * 86400))::bigint),
           'facebook', 'paid_social', 'utm_c' || (hash(i * 11) % ${campaigns}) || '_x', null,
           case when hash(i * 23) % 5 = 0 then 'view' else 'click' end
    from range(${touchpoints}) t(i)`);
  rows.push(['generate raw orders and touchpoints', seconds(start), orders + touchpoints]);

  const { queries } = await loadSqlProject(join(projectRoot, 'queries'));
  await warehouse.run('set preserve_insertion_order = false');
  const total = performance.now();
  for (const q of queries) {
    start = performance.now();
    const n = await runQuery(warehouse, q);
    rows.push([q.name, seconds(start), n ?? 0]);
  }
  rows.push(['all queries', seconds(total), 0]);
} finally {
  warehouse.close();
  await rm(dir, { recursive: true, force: true });
}

process.stdout.write(`attribution benchmark: ${orders.toLocaleString('en-US')} orders, ${touchpoints.toLocaleString('en-US')} touchpoints, ${campaigns} campaigns\n`);
for (const [name, s, n] of rows) process.stdout.write(`${name.padEnd(40)} ${s.toFixed(2).padStart(8)} s ${n ? `${n.toLocaleString('en-US').padStart(14)} rows` : ''}\n`);
