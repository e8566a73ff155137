import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { loadQueries, orderQueries, referencedNames } from '../pipeline/queries.ts';
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

describe('loading and ordering the SQL', () => {
  it('orders by layer and by what each file reads', async () => {
    const dir = await queryFolder({
      'marts/b_report.sql': 'select * from a_totals',
      'marts/a_totals.sql': 'select * from int_z -- reads int_z, not stg_unused\n',
      'intermediate/int_z.sql': "select 'stg_other' as label, * from stg_x;",
      'staging/stg_x.sql': 'select * from raw_orders',
      'staging/stg_other.sql': 'select 1 as one',
    });
    const ordered = orderQueries(await loadQueries(dir, ['raw_orders'], dirname(dir)));
    expect(ordered.map((q) => q.name)).toEqual(['stg_other', 'stg_x', 'int_z', 'a_totals', 'b_report']);
    expect(ordered.find((q) => q.name === 'int_z')?.dependsOn).toEqual(['stg_x']);
    expect(ordered[0]?.display).toBe('queries/staging/stg_other.sql');
  });

  it('refuses a file that is not one select', async () => {
    const two = await queryFolder({ 'marts/m.sql': 'select 1; select 2' });
    await expect(loadQueries(two, [], dirname(two))).rejects.toThrow('queries/marts/m.sql holds more than one statement');
    const ddl = await queryFolder({ 'marts/m.sql': '-- comment\ncreate table m as select 1' });
    await expect(loadQueries(ddl, [], dirname(ddl))).rejects.toThrow('queries/marts/m.sql must be a select (it starts with "create")');
  });

  it('refuses reads from a later layer and circles', async () => {
    const upward = await queryFolder({ 'staging/stg_a.sql': 'select * from m', 'marts/m.sql': 'select 1' });
    expect(() => orderQueries([])).not.toThrow();
    await expect(loadQueries(upward, [], dirname(upward)).then(orderQueries)).rejects.toThrow(
      'queries/staging/stg_a.sql reads m, which is in the later layer marts',
    );
    const circle = await queryFolder({ 'marts/a.sql': 'select * from b', 'marts/b.sql': 'select * from a' });
    await expect(loadQueries(circle, [], dirname(circle)).then(orderQueries)).rejects.toThrow('the queries read each other in a circle: a → b → a');
  });

  it('finds names outside comments and strings only', () => {
    expect([...referencedNames("select 'x_table' from y_table -- z_table\n/* w_table */")].sort()).toEqual(['from', 'select', 'y_table']);
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
