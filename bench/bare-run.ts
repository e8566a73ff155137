// The same work done by bare DuckDB, for the benchmark's ratios, in a process of its
// own and a fresh DuckDB file:
//   ingest     read_csv with its defaults (types sniffed) on the own-format files and on
//              every export file DuckDB can read (folder by folder; xlsx it cannot);
//   transform  the raw tables copied from the pipeline's warehouse (not timed), then the
//              SQL files of queries/ in the pipeline's order, staging as views and the
//              rest as `create table … as`, with the pipeline's session settings;
//   check      each data test as `select count(*) from (…)`;
//   export     each mart sorted by all its columns and written by COPY … (format parquet).
//   node bench/bare-run.ts --data DIR --warehouse PIPELINE_FILE --work DIR --result FILE
import { mkdir, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { minimist } from 'zx';
import { readSettings } from '../pipeline/config.ts';
import { RAW_TABLES } from '../pipeline/ingest/raw-tables.ts';
import { createStatements } from '../pipeline/queries.ts';
import { loadSqlProject } from '../pipeline/warehouse-build.ts';
import { processMemory, resetPeak } from './memory.ts';
import { defaultMemoryLimit } from '../pipeline/memory-budget.ts';

export interface BareRead {
  /** folder or file, relative to the data folder */
  what: string;
  files: number;
  bytes: number;
  rows: number;
  seconds: number;
  /** set when DuckDB could not read it (then it is not in the ingest total) */
  error?: string;
}

export interface BareStep {
  step: string;
  seconds: number;
  rows: number;
  peakBytes: number;
}

export interface BareMeasure {
  steps: BareStep[];
  reads: BareRead[];
  queries: { name: string; seconds: number }[];
  /** export files DuckDB could not read (left out of the bare ingest) */
  unreadBytes: number;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** What read_csv needs to be told about a file that its sniffer does not find itself. */
async function csvOptions(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const utf16 = head[0] === 0xff && head[1] === 0xfe;
    const text = utf16 ? head.subarray(2).toString('utf16le') : head.toString('utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).slice(0, 10);
    const options = utf16 ? ["encoding = 'utf-16'"] : [];
    // lines above the header: the one with the most delimiters among the first lines is the header
    const fields = (l: string) => Math.max(l.split(',').length, l.split('\t').length, l.split(';').length);
    const widest = Math.max(...lines.map(fields));
    const header = lines.findIndex((l) => fields(l) === widest);
    if (header > 0) options.push(`skip = ${header}`);
    return options;
  } finally {
    await handle.close();
  }
}

async function filesBelow(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch {
    return [];
  }
}

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['data', 'warehouse', 'work', 'result', 'queries', 'memory-limit'] });
  const projectRoot = fileURLToPath(new URL('..', import.meta.url));
  const dataDir = resolve(String(args.data));
  const work = resolve(String(args.work));
  const queriesDir = resolve(typeof args.queries === 'string' ? args.queries : join(projectRoot, 'queries'));
  await rm(work, { recursive: true, force: true });
  await mkdir(join(work, 'export'), { recursive: true });
  const settings = await readSettings(join(dataDir, 'report.json'));
  const { queries, tests } = await loadSqlProject(queriesDir);

  const instance = await DuckDBInstance.create(join(work, 'bare.duckdb'), { memory_limit: typeof args['memory-limit'] === 'string' ? args['memory-limit'] : defaultMemoryLimit() });
  const db = await instance.connect();
  const count = async (sql: string) => Number((await db.runAndReadAll(sql)).getRowsJS()[0]?.[0] ?? 0);
  await db.run(`set TimeZone = ${quote(settings.timezone)}`);

  const steps: BareStep[] = [];
  const reads: BareRead[] = [];
  const timings: { name: string; seconds: number }[] = [];
  let unreadBytes = 0;
  const step = async (name: string, body: () => Promise<number>) => {
    resetPeak();
    const started = performance.now();
    const rows = await body();
    steps.push({ step: name, seconds: (performance.now() - started) / 1000, rows, peakBytes: processMemory('self')?.peak ?? 0 });
    process.stderr.write(`  bare ${name.padEnd(9)} ${(steps.at(-1)?.seconds ?? 0).toFixed(1)} s\n`);
  };

  // ingest: the own files, then each export folder
  await step('ingest', async () => {
    let rows = 0;
    const groups: { what: string; files: string[] }[] = [];
    for (const name of ['campaigns.csv', 'orders.csv', 'touchpoints.csv', 'costs.csv', 'fx.csv']) {
      if (await stat(join(dataDir, name)).catch(() => null)) groups.push({ what: name, files: [join(dataDir, name)] });
    }
    for (const top of ['exports', 'organic']) {
      const byFolder = new Map<string, string[]>();
      for (const file of await filesBelow(join(dataDir, top))) {
        if (!/\.(csv|tsv|txt)$/i.test(file)) {
          unreadBytes += (await stat(file)).size;
          continue;
        }
        const folder = file.slice(dataDir.length + 1, file.lastIndexOf('/'));
        // files of one folder share a layout, except organic page series beside post exports
        const key = `${folder}|${(await csvOptions(file)).join(',')}|${/Follows|Views|Reach/i.test(file) ? file : ''}`;
        byFolder.set(key, [...(byFolder.get(key) ?? []), file]);
      }
      for (const [key, files] of byFolder) groups.push({ what: key.split('|')[0] ?? key, files });
    }
    let index = 0;
    for (const group of groups) {
      const options = await csvOptions(group.files[0]!);
      const list = `[${group.files.map(quote).join(', ')}]`;
      const bytes = (await Promise.all(group.files.map((f) => stat(f)))).reduce((n, s) => n + s.size, 0);
      const started = performance.now();
      try {
        await db.run(`create table bare_${index++} as select * from read_csv(${list}${group.files.length > 1 ? ', union_by_name = true' : ''}${options.map((o) => `, ${o}`).join('')})`);
        const n = await count(`select count(*) from bare_${index - 1}`);
        rows += n;
        reads.push({ what: group.what, files: group.files.length, bytes, rows: n, seconds: (performance.now() - started) / 1000 });
      } catch (error) {
        unreadBytes += bytes;
        reads.push({ what: group.what, files: group.files.length, bytes, rows: 0, seconds: 0, error: (error instanceof Error ? error.message : String(error)).split('\n')[0] });
      }
    }
    return rows;
  });

  // the raw tables as the pipeline loaded them (setup, not timed)
  await db.run(`attach ${quote(resolve(String(args.warehouse)))} as pipeline (read_only)`);
  for (const table of Object.keys(RAW_TABLES)) {
    const exists = await count(`select count(*) from duckdb_tables() where database_name = 'pipeline' and table_name = ${quote(table)}`);
    if (exists) await db.run(`create table ${table} as select * from pipeline.${table}`);
    else await db.run(`create table ${table} (${RAW_TABLES[table as keyof typeof RAW_TABLES]})`);
  }
  await db.run('detach pipeline');
  await db.run('checkpoint');

  await step('transform', async () => {
    await db.run('set preserve_insertion_order = false');
    // queries/macros.sql, as runQuery creates it before the first file
    const macros = queries[0]?.macros;
    if (macros) await db.run(macros.sql);
    let rows = 0;
    for (const q of queries) {
      const started = performance.now();
      for (const statement of createStatements(q)) await db.run(statement);
      timings.push({ name: q.name, seconds: (performance.now() - started) / 1000 });
      if (q.materialized !== 'view') rows += await count(`select count(*) from "${q.name}"`);
    }
    return rows;
  });

  await step('check', async () => {
    for (const test of tests) await count(`select count(*) from (\n${test.sql}\n)`);
    return tests.length;
  });

  await step('export', async () => {
    let rows = 0;
    for (const mart of queries.filter((q) => q.layer === 'marts')) {
      await db.run(`copy (select * from "${mart.name}" order by all) to ${quote(join(work, 'export', `${mart.name}.parquet`))} (format parquet)`);
      rows += await count(`select count(*) from "${mart.name}"`);
    }
    return rows;
  });

  db.closeSync();
  instance.closeSync();
  const measure: BareMeasure = { steps, reads, queries: timings, unreadBytes };
  await writeFile(String(args.result), `${JSON.stringify(measure, null, 2)}\n`);
}

await main();
