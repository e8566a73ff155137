// Ingest is incremental and idempotent: the warehouse keeps each file's rows
// between runs, keyed by path and content hash; unchanged files are not read
// again, changed files replace their rows, vanished files take theirs along,
// and a run that fails half-way never leaves a file marked as loaded.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/ingest/index.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { copyFixture, projectRoot, tempDir } from './helpers/cli.ts';

const open: Warehouse[] = [];
afterEach(() => {
  for (const wh of open.splice(0)) wh.close();
});

async function warehouseAt(path: string): Promise<Warehouse> {
  const wh = await openWarehouse(path, { fresh: false });
  open.push(wh);
  return wh;
}

async function counts(wh: Warehouse): Promise<Record<string, number>> {
  const tables = ['raw_ad_daily', 'raw_ad_periods', 'raw_orders', 'raw_touchpoints', 'raw_costs', 'raw_campaigns', 'raw_fx_rates', 'raw_rejected_rows', 'raw_input_files', 'raw_organic_posts', 'raw_organic_daily'];
  const result: Record<string, number> = {};
  for (const t of tables) result[t] = Number((await wh.rows<{ n: bigint }>(`select count(*) as n from ${t}`))[0]?.n ?? 0);
  return result;
}

const META = 'exports/meta/Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv';

describe('incremental ingest', () => {
  it('reads nothing twice: a second run on the same files loads no row again', async () => {
    const data = await copyFixture('tiny');
    const path = join(await tempDir('incremental'), 'wh.duckdb');
    let wh = await warehouseAt(path);
    const first = await ingest(wh, data);
    const before = await counts(wh);
    expect(first.readThisRun).toBe(9);
    expect(before).toMatchObject({ raw_ad_daily: 9, raw_ad_periods: 1, raw_orders: 10, raw_input_files: 9 });
    wh.close();
    open.length = 0;

    wh = await warehouseAt(path);
    const second = await ingest(wh, data);
    expect(second.readThisRun).toBe(0);
    expect(second.summary).toBe('9 files (3 platform exports; 9 unchanged since the last run), 47 rows loaded, 0 rejected, 2 totals rows skipped');
    expect(await counts(wh)).toEqual(before);
    expect(second.files).toEqual(first.files);
    expect(second.warnings).toEqual(first.warnings);
  });

  it('replaces the rows of a changed file and removes those of a vanished one', async () => {
    const data = await copyFixture('tiny');
    const wh = await warehouseAt(join(await tempDir('incremental'), 'wh.duckdb'));
    await ingest(wh, data);
    const meta = join(data, META);
    const text = await readFile(meta, 'utf8');
    await writeFile(meta, text.split('\n').filter((l) => !l.includes('Brand Test')).join('\n'));
    const changed = await ingest(wh, data);
    expect(changed.readThisRun).toBe(1);
    expect(await counts(wh)).toMatchObject({ raw_ad_daily: 8, raw_ad_periods: 1 });
    expect(changed.files.find((f) => f.path === META)).toMatchObject({ rows: 5, period_rows: 1 });

    await rm(join(data, 'exports/google'), { recursive: true });
    const gone = await ingest(wh, data);
    expect(gone.readThisRun).toBe(0);
    expect(gone.files.map((f) => f.path)).not.toContain('exports/google/Campaign report.csv');
    expect(await counts(wh)).toMatchObject({ raw_ad_daily: 6, raw_input_files: 8 });
    expect(await wh.rows("select * from raw_ad_daily where source_file like 'exports/google/%'")).toEqual([]);
  });

  it('replaces everything when --data points at another folder', async () => {
    const tiny = await copyFixture('tiny');
    const other = join(await tempDir('other'), 'data');
    await mkdir(join(other, 'exports'), { recursive: true });
    await cp(join(tiny, 'campaigns.csv'), join(other, 'campaigns.csv'));
    await writeFile(join(other, 'orders.csv'), 'order_id,ordered_at,customer_id,revenue,currency,status\nX1,2026-10-02T10:00:00Z,c1,10.00,EUR,paid\n');
    await cp(join(projectRoot, 'test/fixtures/exports/generic-xing/xing-oktober.csv'), join(other, 'exports/xing.csv'));
    const wh = await warehouseAt(join(await tempDir('incremental'), 'wh.duckdb'));
    await ingest(wh, tiny);
    const result = await ingest(wh, other);
    expect(result.files.map((f) => f.path)).toEqual(['campaigns.csv', 'exports/xing.csv', 'orders.csv']);
    expect(await counts(wh)).toMatchObject({ raw_ad_daily: 2, raw_ad_periods: 0, raw_orders: 1, raw_touchpoints: 0, raw_fx_rates: 0, raw_costs: 0, raw_input_files: 3 });
    // campaigns.csv has the same bytes in both folders: it is kept, not read again
    expect(result.readThisRun).toBe(2);
  });

  it('never marks a file as loaded when its load failed half-way; the next run loads it once', async () => {
    const data = await copyFixture('tiny');
    const path = join(await tempDir('incremental'), 'wh.duckdb');
    const wh = await warehouseAt(path);
    await ingest(wh, data);
    await writeFile(join(data, META), `${await readFile(join(data, META), 'utf8')}2026-10-30,2026-10-30,Autumn Sale,Women 25-44,1.00,10,10,1,1,1,0,x,0,0.00\n`);
    // The file's rows are in, then recording its hash fails (a crash at the worst moment).
    const failing: Warehouse = {
      ...wh,
      connection: new Proxy(wh.connection, {
        get(target, prop) {
          const value = Reflect.get(target, prop, target);
          if (prop === 'createAppender') {
            return async (table: string) => {
              if (table === 'raw_input_files') throw new Error('simulated crash while recording the file');
              return (value as (t: string) => Promise<unknown>).call(target, table);
            };
          }
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    };
    await expect(ingest(failing, data)).rejects.toThrow('simulated crash');
    // The failed file is as the last good run left it: old rows, old hash, so the next run reads it.
    expect(await counts(wh)).toMatchObject({ raw_ad_daily: 9, raw_ad_periods: 1, raw_input_files: 9 });
    const retry = await ingest(wh, data);
    expect(retry.readThisRun).toBe(1);
    expect(await counts(wh)).toMatchObject({ raw_ad_daily: 10, raw_ad_periods: 1, raw_input_files: 9 });
  });

  it('stops on an unknown export, or with --skip-unknown lists it as skipped and asks again next time', async () => {
    const data = await copyFixture('tiny');
    await writeFile(join(data, 'exports', 'print-ads.csv'), 'Datum;Kanal;Budget\n2026-10-01;Print;100\n');
    const wh = await warehouseAt(join(await tempDir('incremental'), 'wh.duckdb'));
    await expect(ingest(wh, data)).rejects.toThrow('exports/print-ads.csv: not a recognised export format. Its header line reads: "Datum;Kanal;Budget"');
    expect(await counts(wh)).toMatchObject({ raw_input_files: 0, raw_ad_daily: 0 });

    const skipped = await ingest(wh, data, { skipUnknown: true });
    expect(skipped.files.find((f) => f.path === 'exports/print-ads.csv')).toMatchObject({ status: 'skipped', format: null, rows: 0 });
    expect(skipped.warnings.some((w) => w.startsWith('exports/print-ads.csv: not a recognised export format') && w.endsWith('; skipped (--skip-unknown)'))).toBe(true);
    expect(skipped.summary).toMatch(/^10 files \(3 platform exports, 1 unrecognised, skipped\), 47 rows loaded/);
    await expect(ingest(wh, data)).rejects.toThrow('exports/print-ads.csv: not a recognised export format');
  });
});
