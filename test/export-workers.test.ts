// Platform exports are parsed in worker threads (pipeline/ingest/export-workers.ts).
// What a worker parses must be exactly what the main thread parses, in the same
// order, and a file's failure must stop the run with the same words and exit code,
// before any export is recorded as loaded.
import { createHash } from 'node:crypto';
import { copyFile, cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/ingest/index.ts';
import { exportWorkerCount, extractExportFile, extractExports, PARALLEL_FROM_BYTES, type ExportJob } from '../pipeline/ingest/export-workers.ts';
import type { Extracted } from '../pipeline/ingest/export-file.ts';
import { keyPath } from '../pipeline/ingest/pseudonym.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { projectRoot, tempDir } from './helpers/cli.ts';
import { reportFailure } from './helpers/failure.ts';
import { GENUINE_ROOT } from './helpers/genuine.ts';

const open: Warehouse[] = [];
const savedWorkers = process.env.REPORT_INGEST_WORKERS;
afterEach(() => {
  for (const wh of open.splice(0)) wh.close();
  if (savedWorkers === undefined) delete process.env.REPORT_INGEST_WORKERS;
  else process.env.REPORT_INGEST_WORKERS = savedWorkers;
});

async function warehouse(): Promise<Warehouse> {
  const wh = await openWarehouse(join(await tempDir('workers'), 'wh.duckdb'));
  open.push(wh);
  return wh;
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.') && e.name !== 'expected.csv' && !e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name)).sort();
}

async function jobs(root: string, paths: string[]): Promise<ExportJob[]> {
  return Promise.all(paths.map(async (absolute) => ({ path: relative(root, absolute), absolute, sha256: createHash('sha256').update(await readFile(absolute)).digest('hex') })));
}

async function collect(all: ExportJob[], workers: number, window?: number): Promise<Extracted[]> {
  const out: Extracted[] = [];
  for await (const extracted of extractExports(all, 'EUR', { workers, window })) out.push(extracted);
  return out;
}

const json = (rows: unknown[]) => rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

describe('exports parsed in worker threads', () => {
  it('gives every fixture layout exactly the rows, notes and counts the main thread gives, in the files\' order', async () => {
    const root = join(projectRoot, 'test/fixtures/exports');
    const all = await jobs(root, await filesBelow(root));
    expect(all.length).toBeGreaterThan(30);
    const onMain = await collect(all, 0);
    // two workers and a window of one file: results must still come back in order
    expect(await collect(all, 2, 1)).toEqual(onMain);
    expect(await collect(all, 3)).toEqual(onMain);
    expect(onMain.reduce((n, x) => n + x.loaded, 0)).toBeGreaterThan(50);
  });

  it('parses the genuine downloads alike in workers and on the main thread', async (context) => {
    const paths = (await filesBelow(GENUINE_ROOT).catch(() => [])).filter((p) => !p.endsWith('.md') && !p.includes('/shopify/'));
    if (paths.length === 0) return context.skip();
    const all = await jobs(GENUINE_ROOT, paths);
    expect(await collect(all, 2)).toEqual(await collect(all, 0));
  });

  it('fills the raw tables of the sample row for row as the main thread does, in the same insertion order', async () => {
    const data = join(projectRoot, 'data/sample');
    const tables = ['raw_ad_daily', 'raw_ad_periods', 'raw_organic_posts', 'raw_organic_daily', 'raw_rejected_rows', 'raw_ingest_notes', 'raw_input_files'];
    const load = async (workers: string, like?: Warehouse) => {
      process.env.REPORT_INGEST_WORKERS = workers;
      const wh = await warehouse();
      if (like) await copyFile(keyPath(like.path), keyPath(wh.path));
      await ingest(wh, data);
      const held: Record<string, string[]> = {};
      for (const table of tables) held[table] = json(await wh.rows(`select * from ${table} order by rowid`));
      return { wh, held };
    };
    const main = await load('0');
    const parallel = await load('2', main.wh);
    expect(parallel.held).toEqual(main.held);
    expect(main.held.raw_ad_daily!.length).toBeGreaterThan(1000);
  });

  it('stops the run with the damaged file\'s own message and exit code, and records no export as loaded', async () => {
    const data = join(await tempDir('workers-damaged'), 'data');
    await cp(join(projectRoot, 'test/fixtures/tiny'), data, { recursive: true });
    const header = 'Day,Campaign name,Amount spent (EUR),Impressions';
    await writeFile(join(data, 'exports', 'zz-cut.csv'), [header, '2026-10-01,A,10.00', '2026-10-02,B,5.00', '2026-10-03,C,1.00,1'].join('\n'));
    for (const workers of ['0', '2']) {
      process.env.REPORT_INGEST_WORKERS = workers;
      const wh = await warehouse();
      const error = await reportFailure(() => ingest(wh, data));
      expect(error.exitCode).toBe(3);
      expect(error.message).toBe('exports/zz-cut.csv: 2 of its 3 data rows are damaged, more than half; the file is cut short or not a clean export: download it again');
      expect(error.details[0]).toMatch(/^First damaged lines: line 2: the row has 3 fields and the header 4/);
      expect(await wh.rows("select path from raw_input_files where kind in ('export', 'organic')")).toEqual([]);
      expect(await wh.rows('select count(*)::integer as n from raw_ad_daily')).toEqual([{ n: 0 }]);
    }
  });

  it('refuses a file whose bytes changed after the run hashed them, naming it', async () => {
    const dir = await tempDir('workers-changed');
    const file = join(dir, 'meta.csv');
    await writeFile(file, 'Day,Campaign name,Amount spent (EUR),Impressions\n2026-10-01,A,10.00,100\n');
    const [job] = await jobs(dir, [file]);
    await writeFile(file, 'Day,Campaign name,Amount spent (EUR),Impressions\n2026-10-01,A,99.00,100\n');
    for (const workers of [0, 1]) {
      const error = await reportFailure(() => collect([job!], workers));
      expect(error.message).toBe('meta.csv changed while the run was reading it (it is being written or downloaded?); run the report again once it is complete');
    }
    await expect(extractExportFile({ ...job!, sha256: createHash('sha256').update(await readFile(file)).digest('hex') }, 'EUR')).resolves.toMatchObject({ loaded: 1 });
  });

  it('starts workers only for enough bytes, unless REPORT_INGEST_WORKERS says how many', () => {
    expect(exportWorkerCount(PARALLEL_FROM_BYTES - 1, {})).toBe(0);
    expect(exportWorkerCount(PARALLEL_FROM_BYTES, {})).toBeGreaterThanOrEqual(1);
    expect(exportWorkerCount(PARALLEL_FROM_BYTES, {})).toBeLessThanOrEqual(4);
    expect(exportWorkerCount(1, { REPORT_INGEST_WORKERS: '3' })).toBe(3);
    expect(exportWorkerCount(10 ** 9, { REPORT_INGEST_WORKERS: '0' })).toBe(0);
    expect(() => exportWorkerCount(1, { REPORT_INGEST_WORKERS: 'two' })).toThrow(
      'REPORT_INGEST_WORKERS must be a whole number of worker threads (0: parse exports on the main thread), found "two"',
    );
  });
});
