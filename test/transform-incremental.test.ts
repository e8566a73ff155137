// The month-by-month transform (pipeline/incremental-transform.ts): a declared file's table is
// computed again only for the months whose month-local inputs changed, in full when
// its code or an input read as a whole changed, and after every run it holds what a
// full computation makes.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetIncremental, INCREMENTAL_FILES, INCREMENTAL_STATE_TABLE, runIncremental, type IncrementalDeclaration, type IncrementalOutcome } from '../pipeline/incremental-transform.ts';
import { runQuery, type QueryFile } from '../pipeline/queries.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { loadSqlProject } from '../pipeline/warehouse-build.ts';
import { projectRoot, tempDir } from './helpers/cli.ts';

const open: Warehouse[] = [];
afterEach(() => {
  for (const wh of open.splice(0)) wh.close();
});

async function warehouse(): Promise<Warehouse> {
  const wh = await openWarehouse(join(await tempDir('incremental'), 'w.duckdb'));
  open.push(wh);
  return wh;
}

// sales of a month times the settings' factor, and the customers' segments looked up by key
const SQL = `select sales.order_month as month, segments.segment, sum(sales.cents) * (select factor from settings) as cents, count(*) as orders
from sales
inner join segments using (customer)
group by all`;

const DECLARATION: IncrementalDeclaration = {
  month: 'month',
  inputs: {
    sales: { column: 'order_month', cut: true },
    segments: { key: { column: 'customer', months: 'select customer as key, order_month as month from sales' }, cut: false },
  },
};

function file(sql = SQL): QueryFile {
  return { name: 'monthly_sales', layer: 'intermediate', display: 'queries/intermediate/monthly_sales.sql', sql, materialized: 'table', dependsOn: [], reads: ['sales', 'segments', 'settings'], readsThroughViews: ['sales', 'segments', 'settings'], macros: null };
}

async function rowsOf(wh: Warehouse, sql: string): Promise<string[]> {
  const rows = await wh.rows(`${sql} order by all`);
  return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** Runs the file month by month and checks its table against the same select computed in full. */
async function runAndCompare(wh: Warehouse, q = file()): Promise<IncrementalOutcome> {
  const full = async () => {
    await wh.run(`create or replace table monthly_sales as ${q.sql}`);
  };
  const outcome = await runIncremental(wh, q, DECLARATION, full);
  expect(await rowsOf(wh, 'select * from monthly_sales')).toEqual(await rowsOf(wh, q.sql));
  return outcome;
}

async function seed(wh: Warehouse): Promise<void> {
  await wh.run('create table settings as select 2 as factor');
  await wh.run(`create table segments as select * from (values ('c1', 'new'), ('c2', 'loyal'), ('c3', 'new')) as t(customer, segment)`);
  // a temporary table, as the attribution steps are within a run
  await wh.run(`create temp table sales as select * from (values
      ('2026-01', 'c1', 1000), ('2026-01', 'c2', 250), ('2026-02', 'c2', 700), ('2026-02', 'c3', 50)
    ) as t(order_month, customer, cents)`);
}

describe('a file computed month by month', () => {
  it('computes only the months whose inputs changed, and holds what a full run makes', async () => {
    const wh = await warehouse();
    await seed(wh);
    expect(await runAndCompare(wh)).toEqual({ kind: 'full', reason: 'no earlier run kept it' });
    expect(await runAndCompare(wh)).toEqual({ kind: 'unchanged' });

    // a new month
    await wh.run(`insert into sales values ('2026-03', 'c1', 400), ('2026-03', 'c3', 90)`);
    expect(await runAndCompare(wh)).toEqual({ kind: 'months', months: ['2026-03'] });
    // a restated row of an earlier month
    await wh.run(`update sales set cents = 260 where order_month = '2026-01' and customer = 'c2'`);
    expect(await runAndCompare(wh)).toEqual({ kind: 'months', months: ['2026-01'] });
    // a month that went away
    await wh.run(`delete from sales where order_month = '2026-02'`);
    expect(await runAndCompare(wh)).toEqual({ kind: 'months', months: ['2026-02'] });
    expect(await rowsOf(wh, "select month from monthly_sales where month = '2026-02'")).toEqual([]);
    // a lookup input changed for one customer: the months of that customer's sales
    await wh.run(`update segments set segment = 'loyal' where customer = 'c3'`);
    expect(await runAndCompare(wh)).toEqual({ kind: 'months', months: ['2026-03'] });

    // the input cut to the months is the whole temporary table again afterwards
    expect(await rowsOf(wh, 'select count(*) as n from sales')).toEqual(['{"n":"4"}']);
    expect(await rowsOf(wh, "select table_name from duckdb_tables() where temporary")).toEqual(['{"table_name":"sales"}']);
    expect(await rowsOf(wh, 'select view_name from duckdb_views() where temporary and not internal')).toEqual([]);
  });

  it('cuts an input without a month column by the months of the rows it belongs to', async () => {
    const wh = await warehouse();
    await seed(wh);
    await wh.run(`create temp table refunds as select * from (values ('c1', 100), ('c2', 20)) as t(customer, cents)`);
    // refunds of a customer belong to the months of their sales; reading them cut keeps a month's sums its own
    const q: QueryFile = {
      ...file(`select sales.order_month as month, sum(sales.cents) as sold, sum(refunds.cents) as refunded
from sales
inner join refunds using (customer)
group by all`),
      readsThroughViews: ['refunds', 'sales'],
    };
    const declaration: IncrementalDeclaration = {
      month: 'month',
      inputs: {
        sales: { column: 'order_month', cut: true },
        refunds: { key: { column: 'customer', months: 'select customer as key, order_month as month from sales' }, cut: true },
      },
    };
    const run = async () => {
      const outcome = await runIncremental(wh, q, declaration, async () => {
        await wh.run(`create or replace table monthly_sales as ${q.sql}`);
      });
      expect(await rowsOf(wh, 'select * from monthly_sales')).toEqual(await rowsOf(wh, q.sql));
      return outcome;
    };
    expect(await run()).toMatchObject({ kind: 'full' });
    await wh.run(`update refunds set cents = 30 where customer = 'c2'`);
    expect(await run()).toEqual({ kind: 'months', months: ['2026-01', '2026-02'] });
    await wh.run(`insert into sales values ('2026-03', 'c1', 400)`);
    expect(await run()).toEqual({ kind: 'months', months: ['2026-03'] });
    expect(await rowsOf(wh, 'select count(*) as n from refunds')).toEqual(['{"n":"2"}']);
  });

  it('computes everything again when an input read as a whole, its SQL or its table changed', async () => {
    const wh = await warehouse();
    await seed(wh);
    await runAndCompare(wh);
    await wh.run('update settings set factor = 3');
    expect(await runAndCompare(wh)).toEqual({ kind: 'full', reason: 'settings changed' });
    expect(await runAndCompare(wh, file(`${SQL}\nhaving count(*) > 0`))).toEqual({ kind: 'full', reason: 'its SQL, the macros, its declaration or DuckDB changed' });
    await wh.run('drop table monthly_sales');
    expect(await runAndCompare(wh, file(`${SQL}\nhaving count(*) > 0`))).toEqual({ kind: 'full', reason: 'its table is gone' });
  });

  it('is computed in full when an input gained a column its select passes on', async () => {
    const wh = await warehouse();
    await seed(wh);
    const q: QueryFile = { ...file("select * exclude (order_month), order_month as month from sales"), readsThroughViews: ['sales'] };
    const declaration: IncrementalDeclaration = { month: 'month', inputs: { sales: { column: 'order_month', cut: true } } };
    const run = async () => {
      const outcome = await runIncremental(wh, q, declaration, async () => {
        await wh.run(`create or replace table monthly_sales as ${q.sql}`);
      });
      expect(await rowsOf(wh, 'select * from monthly_sales')).toEqual(await rowsOf(wh, q.sql));
      return outcome;
    };
    await run();
    await wh.run(`alter table sales add column channel varchar default 'shop'`);
    expect(await run()).toEqual({ kind: 'full', reason: 'the columns of its select changed' });
  });

  it('is computed in full after the table was made another way', async () => {
    const wh = await warehouse();
    await seed(wh);
    await runAndCompare(wh);
    await forgetIncremental(wh, 'monthly_sales');
    expect(await runAndCompare(wh)).toEqual({ kind: 'full', reason: 'no earlier run kept it' });
    // a declared file made without the month-by-month run (npm run dev) forgets its fingerprints
    await wh.run(`insert into ${INCREMENTAL_STATE_TABLE} values ('int_attribution_replicates', null, 'x')`);
    await runQuery(wh, { ...file(), name: 'int_attribution_replicates', sql: "select '2026-01' as month" });
    expect(await rowsOf(wh, `select model from ${INCREMENTAL_STATE_TABLE} group by model`)).toEqual(['{"model":"monthly_sales"}']);
  });

  it('leaves table, fingerprints and inputs as they were when a month fails', async () => {
    const wh = await warehouse();
    await seed(wh);
    const failing = file(SQL.replace('count(*) as orders', "count(*) as orders, max(case when sales.cents = 13 then error('no 13 cents') end) as check_column"));
    await runAndCompare(wh, failing);
    const before = await rowsOf(wh, 'select * from monthly_sales');
    const state = await rowsOf(wh, `select * from ${INCREMENTAL_STATE_TABLE}`);
    await wh.run(`insert into sales values ('2026-03', 'c1', 13)`);
    await expect(runIncremental(wh, failing, DECLARATION, async () => undefined)).rejects.toThrow(/no 13 cents/);
    expect(await rowsOf(wh, 'select * from monthly_sales')).toEqual(before);
    expect(await rowsOf(wh, `select * from ${INCREMENTAL_STATE_TABLE}`)).toEqual(state);
    expect(await rowsOf(wh, 'select count(*) as n from sales')).toEqual(['{"n":"5"}']);
  });
});

describe('the files declared month by month', () => {
  it('use none of the columns their declarations leave out of the fingerprints, nor read them through a view', async () => {
    const project = await loadSqlProject(join(projectRoot, 'queries'));
    const byName = new Map(project.queries.map((q) => [q.name, q]));
    const code = (sql: string) => sql.replace(/--[^\n]*/g, '');
    let checked = 0;
    for (const [name, declaration] of Object.entries(INCREMENTAL_FILES)) {
      const q = byName.get(name);
      expect(q, name).toBeDefined();
      // the file's SQL, and that of every view it reads, through views
      const texts = [code(q!.sql)];
      const seen = new Set<string>();
      const queue = [...q!.reads];
      while (queue.length) {
        const read = queue.pop()!;
        if (seen.has(read)) continue;
        seen.add(read);
        const view = byName.get(read);
        if (view?.materialized !== 'view') continue;
        texts.push(code(view.sql));
        queue.push(...view.reads);
      }
      for (const [input, spec] of Object.entries(declaration.inputs)) {
        for (const column of spec.unused ?? []) {
          checked++;
          expect(texts.some((t) => new RegExp(`\\b${column}\\b`).test(t)), `${name} or a view it reads mentions ${column}, which its declaration leaves out of ${input}'s fingerprint`).toBe(false);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
