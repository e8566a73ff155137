// The monthly run (issue 22, part 3): a warehouse filled from the data folder as of
// month twelve (2026-08), then the same folder synced to month thirteen (2026-09: new
// monthly exports, re-downloaded quarterly and range files, orders.csv and
// touchpoints.csv with the month appended, or orders.csv newest first as Shopify exports
// it, the new orders on top) and filled again, holds exactly the marts a cold run over
// month thirteen makes. Scale 0.2 of the sample and 20 bootstrap
// replicates (the same report.json in both folders) keep it to seconds.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syncFolder } from '../bench/monthly.ts';
import { generate } from '../data/generator/generate.ts';
import { keyPath } from '../pipeline/ingest/pseudonym.ts';
import { memoryLogger } from '../pipeline/log.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { fillWarehouse, loadSqlProject } from '../pipeline/warehouse-build.ts';
import { projectRoot, tempDir } from './helpers/cli.ts';

const SCALE = 0.2;
const open: Warehouse[] = [];
afterEach(() => {
  for (const wh of open.splice(0)) wh.close();
});

async function warehouseAt(path: string, fresh: boolean): Promise<Warehouse> {
  const wh = await openWarehouse(path, { fresh });
  open.push(wh);
  return wh;
}

/** Every mart's rows, sorted, as JSON text per row (bigints and dates as strings). */
async function marts(wh: Warehouse, names: readonly string[]): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const name of names) {
    const rows = await wh.rows(`select * from "${name}" order by all`);
    result[name] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  }
  return result;
}

/**
 * orders.csv as Shopify exports it, newest order first (the generator writes the oldest
 * first): its orders, each with its line items, in reverse order.
 */
async function newestFirst(file: string): Promise<void> {
  const [header, ...lines] = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
  const orders: string[][] = [];
  for (const line of lines) {
    const name = line.split(',')[0];
    if (orders.at(-1)?.[0]?.split(',')[0] === name) orders.at(-1)!.push(line);
    else orders.push([line]);
  }
  await writeFile(file, `${[header, ...orders.reverse().flat()].join('\n')}\n`);
}

describe('the monthly run', () => {
  it('gives the marts of a cold run over the new month', { timeout: 120_000 }, () => monthlyRun('appended'));
  it('does so when the new orders are on top of orders.csv, as in a Shopify export', { timeout: 120_000 }, () => monthlyRun('on top'));
});

async function monthlyRun(newOrders: 'appended' | 'on top'): Promise<void> {
  const base = await tempDir('monthly');
  const twelve = join(base, 'as-of-2026-08');
  const thirteen = join(base, 'as-of-2026-09');
  await generate({ out: twelve, seed: 42, scale: SCALE, asOf: '2026-08' });
  await generate({ out: thirteen, seed: 42, scale: SCALE, asOf: '2026-09' });
  for (const dir of [twelve, thirteen]) {
    const settings = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(dir, 'report.json'), `${JSON.stringify({ ...settings, bootstrap_replicates: 20 }, null, 2)}\n`);
  }
  // the new month's own files are appended: the old ones are byte prefixes of the new
  for (const file of ['orders.csv', 'touchpoints.csv']) {
    const [before, after] = await Promise.all([readFile(join(twelve, file)), readFile(join(thirteen, file))]);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
  }
  if (newOrders === 'on top') {
    for (const dir of [twelve, thirteen]) await newestFirst(join(dir, 'orders.csv'));
    // every order already there moves down: the old file, header aside, ends the new one
    const [before, after] = await Promise.all([readFile(join(twelve, 'orders.csv')), readFile(join(thirteen, 'orders.csv'))]);
    const header = before.indexOf(0x0a) + 1;
    expect(after.subarray(after.length - (before.length - header)).equals(before.subarray(header))).toBe(true);
  }

  const project = await loadSqlProject(join(projectRoot, 'queries'));
  const martNames = project.queries.filter((q) => q.layer === 'marts').map((q) => q.name);
  expect(martNames.length).toBeGreaterThan(5);

  // the scheduled job: month twelve, then the same folder and warehouse a month later
  const data = join(base, 'data');
  await syncFolder(twelve, data);
  const path = join(base, 'monthly.duckdb');
  const first = await warehouseAt(path, true);
  await fillWarehouse(first, data, project, memoryLogger());
  const ordersOf = async (wh: Warehouse) => Number((await wh.rows<{ n: bigint }>('select count(*) as n from raw_orders'))[0]?.n ?? 0);
  const twelveOrders = await ordersOf(first);
  first.close();
  open.length = 0;
  const changes = await syncFolder(thirteen, data);
  expect(changes.map((c) => `${c.change} ${c.path}`)).toEqual(expect.arrayContaining(['replaced orders.csv', 'replaced touchpoints.csv']));
  const monthly = await warehouseAt(path, false);
  const logger = memoryLogger();
  const filled = await fillWarehouse(monthly, data, project, logger);
  // orders.csv and touchpoints.csv: only the lines added since were read (pipeline/ingest/index.ts, loadAppended)
  expect(logger.lines.find((l) => l.text.startsWith('ingest'))?.text).toContain('; 2 read from the lines added since');
  // the credits and their bootstrap were computed for the new month only (pipeline/incremental-transform.ts)
  expect(Object.fromEntries(filled.incremental)).toEqual({
    int_attribution_conversion_credits: { kind: 'months', months: ['2026-09'] },
    int_attribution_replicates: { kind: 'months', months: ['2026-09'] },
  });
  expect(logger.lines.find((l) => l.text.startsWith('transform'))?.text).toMatch(/; 2 of them computed only for the months whose inputs changed \(2026-09\)$/);
  const afterMonthly = await marts(monthly, martNames);

  // the same pseudonym key, so that raw rows compare too
  await copyFile(keyPath(path), keyPath(join(base, 'cold.duckdb')));
  const cold = await warehouseAt(join(base, 'cold.duckdb'), true);
  await fillWarehouse(cold, thirteen, project, memoryLogger());
  const afterCold = await marts(cold, martNames);
  const raw = (wh: Warehouse) => marts(wh, ['raw_touchpoints', 'raw_orders', 'raw_rejected_rows', 'raw_input_files', 'raw_ingest_notes']);
  expect(await raw(monthly)).toEqual(await raw(cold));
  // the tables computed month by month, row for row
  const kept = (wh: Warehouse) => marts(wh, [...filled.incremental.keys()]);
  expect(await kept(monthly)).toEqual(await kept(cold));

  for (const name of martNames) expect(afterMonthly[name], name).toEqual(afterCold[name]);
  // and the month did move on (the comparison is not between two month-twelve warehouses)
  expect(await ordersOf(monthly)).toBe(await ordersOf(cold));
  expect(await ordersOf(monthly)).toBeGreaterThan(twelveOrders);
}
