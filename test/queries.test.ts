import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotatedTests } from '../pipeline/check.ts';
import { loadQueries, orderQueries, runQuery } from '../pipeline/queries.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { openSqlParser, type SqlParser } from '../pipeline/sql-analysis.ts';
import { sqlError } from '../pipeline/sql-errors.ts';
import { tempDir } from './helpers/cli.ts';

async function queryFolder(files: Record<string, string>): Promise<string> {
  const dir = join(await tempDir('queries'), 'queries');
  for (const [path, sql] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), sql);
  }
  return dir;
}

let parser: SqlParser;
beforeAll(async () => {
  parser = await openSqlParser();
});
afterAll(() => parser.close());
const load = (dir: string, reserved: string[] = []) => loadQueries(dir, reserved, dirname(dir), parser);

describe('loading and ordering the SQL', () => {
  it('orders by layer and by what each file reads', async () => {
    const dir = await queryFolder({
      'marts/b_report.sql': 'select * from a_totals',
      'marts/a_totals.sql': 'select * from int_z -- reads int_z, not stg_unused\n',
      'intermediate/int_z.sql': "select 'stg_other' as label, * from stg_x;",
      'staging/stg_x.sql': 'select * from raw_orders',
      'staging/stg_other.sql': 'select 1 as one',
    });
    const ordered = orderQueries(await load(dir, ['raw_orders']));
    expect(ordered.map((q) => q.name)).toEqual(['stg_other', 'stg_x', 'int_z', 'a_totals', 'b_report']);
    expect(ordered.find((q) => q.name === 'int_z')?.dependsOn).toEqual(['stg_x']);
    expect(ordered[0]?.display).toBe('queries/staging/stg_other.sql');
  });

  it('makes views of staging and of files that say "-- materialized: view", temporary tables of "temporary", tables of the rest', async () => {
    const dir = await queryFolder({
      'staging/stg_x.sql': 'select 1 as one',
      'staging/stg_stored.sql': '-- materialized: table\nselect 2 as two',
      'intermediate/int_big.sql': '-- One row per touch.\n-- materialized: view\nselect * from stg_x',
      'intermediate/int_run.sql': '-- materialized: temporary\nselect one + 10 as eleven from int_big',
      // only the header counts: the same words further down are a comment
      'marts/m.sql': 'select *\n-- materialized: view\nfrom int_run',
    });
    const queries = orderQueries(await load(dir));
    expect(Object.fromEntries(queries.map((q) => [q.name, q.materialized]))).toEqual({ stg_x: 'view', stg_stored: 'table', int_big: 'view', int_run: 'temporary', m: 'table' });
    const path = join(await tempDir('materialized'), 'w.duckdb');
    const kinds = async (warehouse: Warehouse) =>
      (await warehouse.rows<{ database_name: string; table_name: string; kind: string }>(
        `select database_name, table_name, 'table' as kind from duckdb_tables() union all select database_name, view_name, 'view' from duckdb_views() where not internal order by all`,
      )).map((k) => `${k.database_name}.${k.table_name} ${k.kind}`);
    let warehouse = await openWarehouse(path);
    try {
      const rows = [];
      for (const q of queries) rows.push(await runQuery(warehouse, q));
      expect(rows).toEqual([1, null, null, 1, 1]);
      // the run reads the temporary table; the file keeps a view by the same name
      expect(await kinds(warehouse)).toEqual(['temp.int_run table', 'w.int_big view', 'w.int_run view', 'w.m table', 'w.stg_stored table', 'w.stg_x view']);
      // a file that changes its mind replaces the other kind of object
      const table = { ...queries.find((q) => q.name === 'int_big')!, materialized: 'table' as const };
      expect(await runQuery(warehouse, table)).toBe(1);
      const stored = { ...queries.find((q) => q.name === 'int_run')!, materialized: 'table' as const };
      expect(await runQuery(warehouse, stored)).toBe(1);
      expect(await kinds(warehouse)).toEqual(['w.int_big table', 'w.int_run table', 'w.m table', 'w.stg_stored table', 'w.stg_x view']);
      expect(await runQuery(warehouse, queries.find((q) => q.name === 'int_run')!)).toBe(1);
    } finally {
      warehouse.close();
    }
    // after the run the temporary table is gone and the view answers for it
    warehouse = await openWarehouse(path, { fresh: false });
    try {
      expect(await kinds(warehouse)).toEqual(['w.int_big table', 'w.int_run view', 'w.m table', 'w.stg_stored table', 'w.stg_x view']);
      expect(await warehouse.rows('select * from int_run')).toEqual([{ eleven: 11 }]);
    } finally {
      warehouse.close();
    }
    const wrong = await queryFolder({ 'intermediate/int_a.sql': '-- materialized: ephemeral\nselect 1' });
    await expect(load(wrong)).rejects.toThrow('queries/intermediate/int_a.sql: "-- materialized: ephemeral" must say view, table or temporary');
  });

  it('refuses a file that is not one select', async () => {
    const two = await queryFolder({ 'marts/m.sql': 'select 1; select 2' });
    await expect(load(two)).rejects.toThrow('queries/marts/m.sql holds more than one statement');
    const ddl = await queryFolder({ 'marts/m.sql': '-- comment\ncreate table m as select 1' });
    await expect(load(ddl)).rejects.toThrow('queries/marts/m.sql must be a select (it starts with "create")');
  });

  it('refuses reads from a later layer and circles', async () => {
    const upward = await queryFolder({ 'staging/stg_a.sql': 'select * from m', 'marts/m.sql': 'select 1' });
    expect(() => orderQueries([])).not.toThrow();
    await expect(load(upward).then(orderQueries)).rejects.toThrow(
      'queries/staging/stg_a.sql reads m, which is in the later layer marts',
    );
    const circle = await queryFolder({ 'marts/a.sql': 'select * from b', 'marts/b.sql': 'select * from a' });
    await expect(load(circle).then(orderQueries)).rejects.toThrow('the queries read each other in a circle: a → b → a');
  });

  it('knows what a file reads from DuckDB\'s parser: tables, not CTEs, strings or comments', async () => {
    const dir = await queryFolder({
      'staging/stg_x.sql': 'select 1 as id',
      'marts/m.sql': "-- reads stg_y? no\nwith stg_x_renamed as (select * from stg_x) select 'stg_z' as label, * from stg_x_renamed",
    });
    expect((await load(dir)).find((q) => q.name === 'm')?.dependsOn).toEqual(['stg_x']);
  });

  it('refuses a table no file makes, at its line and column, naming the closest one', async () => {
    const dir = await queryFolder({
      'marts/campaign_roi.sql': 'select 1 as roi',
      'marts/summary.sql': 'select *\nfrom campaign_rois',
    });
    await expect(load(dir)).rejects.toThrow(
      'SQL error in queries/marts/summary.sql line 2, column 6: reads the table campaign_rois, which no SQL file makes and ingest does not write; did you mean campaign_roi?',
    );
  });

  it('refuses a CTE named like a table, which would hide the table and the dependency', async () => {
    const dir = await queryFolder({
      'marts/campaign_roi.sql': 'select 1 as roi',
      'marts/summary.sql': 'with campaign_roi as (\n    select * from campaign_roi\n)\nselect * from campaign_roi',
    });
    await expect(load(dir)).rejects.toThrow(
      'SQL error in queries/marts/summary.sql line 1, column 6: names a CTE campaign_roi, like the table campaign_roi; give the CTE another name (e.g. campaign_roi_rows)',
    );
  });

  it('refuses a file that does not parse, at its line and column', async () => {
    const dir = await queryFolder({ 'marts/m.sql': 'select\n  1 as a,\n  2 as b b\nfrom x' });
    await expect(load(dir)).rejects.toThrow(/^SQL error in queries\/marts\/m\.sql line 3, column \d+: Parser Error: syntax error at or near "b"$/);
  });
});

describe('SQL errors', () => {
  it('name the file and its line, and keep the caret under the culprit', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const file = 'select\n    1 as one,\n    sum(revenu) as total\nfrom (select 1 as revenue)';
    const duckdb = await connection.run(`create table t as (\n${file}\n)`).then(
      () => null,
      (e: unknown) => e,
    );
    const error = sqlError({ display: 'queries/marts/attribution.sql', lineOffset: 1 }, duckdb);
    expect(error.message).toMatch(/^SQL error in queries\/marts\/attribution\.sql line 3: Binder Error: Referenced column "revenu" not found/);
    const [code, caret] = error.details;
    expect(code).toBe('  3 |     sum(revenu) as total');
    expect(caret?.indexOf('^')).toBe(code?.indexOf('revenu'));
    expect(error.exitCode).toBe(4);
  });
});

describe('tests stated in a mart header', () => {
  it('turn unique, not_null and check lines into data tests that return the offending rows', async () => {
    const mart = {
      name: 'roi',
      display: 'queries/marts/roi.sql',
      sql: '-- Grain: one row per month and campaign.\n-- test unique: month, campaign\n-- test not_null: campaign\n-- test warn check: roi >= -1\nselect 1',
    };
    const tests = annotatedTests(mart);
    expect(tests.map((t) => [t.name, t.severity, t.description])).toEqual([
      ['roi unique', 'error', 'roi has one row per month, campaign.'],
      ['roi not_null', 'error', 'roi: campaign is never empty.'],
      ['roi check', 'warn', 'roi: roi >= -1 on every row.'],
    ]);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run("create table roi as select * from (values ('2026-10', 'a', 0.5), ('2026-10', 'a', -2.0), ('2026-10', null, null)) t(month, campaign, roi)");
    const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
    expect(await rows(tests[0]!.sql)).toEqual([{ month: '2026-10', campaign: 'a', copies: '2' }]);
    expect(await rows(tests[1]!.sql)).toHaveLength(1);
    expect(await rows(tests[2]!.sql)).toEqual([{ month: '2026-10', campaign: 'a', roi: '-2.0' }]);
  });
});

describe('reopening the warehouse between load and transform', () => {
  it('keeps the tables and the time zone the run set', async () => {
    const wh = await openWarehouse(join(await tempDir('reopen'), 'wh.duckdb'));
    await wh.run("set TimeZone = 'America/New_York'");
    await wh.run('create table kept as select 42 as n');
    await wh.reopen();
    const [row] = await wh.rows<{ n: number; tz: string; day: string }>(
      "select n, current_setting('TimeZone') as tz, cast(cast(timestamptz '2026-03-08 04:30:00+00' as date) as varchar) as day from kept",
    );
    wh.close();
    expect(row).toEqual({ n: 42, tz: 'America/New_York', day: '2026-03-07' });
  });
});
