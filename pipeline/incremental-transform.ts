// The monthly run recomputes only what a new month changed (issue 22, part 3), for
// the SQL files declared here: a file whose rows of a month depend only on its
// inputs' rows of that month (its "month-local" inputs) and on inputs that rarely
// change (the settings, the macros). Such a file's table is kept in the warehouse
// between runs, with a fingerprint of what made each of its months
// (pipeline_incremental_state). A later run compares:
//   - the file's SQL, the macros, this declaration and DuckDB's version, and every
//     input not declared month by month (the tables it reads, directly or through
//     views), as a whole: any change recomputes the file in full, as a cold run would;
//   - each month-local input, month by month (the rows' count and the sum of their
//     hashes): only the months whose rows changed, appeared or went are computed
//     again. The file's own SQL computes them, unchanged, over its inputs cut to those
//     months (a temporary view under the input's name), and they replace the
//     table's rows of those months.
// So the analysts' SQL holds no incremental logic, and a table filled month by month
// holds what a cold run makes (test/monthly-run.test.ts compares every mart, and
// test/transform-incremental.test.ts the cases). What the declaration claims, that a month
// reads no other month of these inputs, is a property of the SQL: whoever changes
// the file so that it does must change or remove its declaration here.
//
// Input rows are fingerprinted with DuckDB's hash() of the whole row (64 bits); the
// sum over a month's rows with their count makes an accidental match of two different
// months about as likely as 1 in 2^64.
import { createHash } from 'node:crypto';
import { sqlError } from './sql-errors.ts';
import { quoteIdent, sqlString, storedObject, type Warehouse } from './warehouse.ts';

/** What this module needs of a SQL file (queries.ts's QueryFile, which imports this module). */
export interface IncrementalFile {
  name: string;
  display: string;
  sql: string;
  materialized: string;
  readsThroughViews: readonly string[];
  macros?: { sql: string } | null;
}

export interface MonthLocalInput {
  /** The input's month ('YYYY-MM'): a column, or SQL over its columns. */
  column?: string;
  /**
   * For an input without a month column of its own: its key column, and a select of
   * (key, month) pairs that gives the months each key belongs to (an order's month; a
   * row may belong to several).
   */
  key?: { column: string; months: string };
  /**
   * Whether the file reads the input cut to the months it computes. An input only
   * looked up by a key of a cut input (the customers of the month's orders) need not
   * be: its other months' rows meet nothing.
   */
  cut: boolean;
  /**
   * Columns of the input the file does not use, left out of its fingerprint: a line
   * number that moves when lines are added above (the orders of a Shopify export, newest
   * first), whose rows would otherwise all count as changed. The file must not read
   * them, nor may any view it reads them through (test/transform-incremental.test.ts).
   */
  unused?: readonly string[];
}

export interface IncrementalDeclaration {
  /** The file's month ('YYYY-MM'), a column or SQL over its columns: its rows of a month are those with this value. */
  month: string;
  /** Inputs read month by month; every other table the file reads counts as a whole. */
  inputs: Record<string, MonthLocalInput>;
}

/** The month of each order, for inputs keyed by order. */
const ORDER_MONTHS = { column: 'order_key', months: 'select order_key as key, order_month as month from int_orders_net' };

/**
 * The files computed month by month.
 * int_attribution_conversion_credits: a conversion's credits are its path's shares under
 * each model (int_attribution_shares, a view, computed inside it), the data-driven ones
 * those of the month's fit; everything is per order. About 4.5 s at scale 10.
 * int_attribution_replicates: a month's replicate
 * sums are those of the month's own credits, over the seeds of the month's orders'
 * customers (its SQL groups months into steps only to bound memory). At scale 10 it
 * was 5-6 s of the 19-20 s transform, every month.
 * Not declared, though month-local: int_ad_daily_deduplicated and int_ad_daily_mapped
 * (about 1 s each at scale 10). A monthly run recomputes three or four of their months
 * (the new one, those of re-downloaded quarterly files, the days the new fx rates reach),
 * and their fingerprints, deletes and the checkpoint of their wide rows cost more than
 * that saves: the transform took 0.6-1.1 s longer with them declared (three runs each).
 */
export const INCREMENTAL_FILES: Readonly<Record<string, IncrementalDeclaration>> = {
  int_attribution_conversion_credits: {
    month: 'order_month',
    inputs: {
      // source_line: the order's line in orders.csv (also on a path's stand-in touch from the order's utm fields)
      int_orders_net: { column: 'order_month', cut: true, unused: ['source_line'] },
      int_attribution_paths: { key: ORDER_MONTHS, cut: true, unused: ['source_line'] },
      int_attribution_data_driven: { column: 'order_month', cut: true },
    },
  },
  int_attribution_replicates: {
    month: 'month',
    inputs: {
      int_attribution_conversion_credits: { column: 'order_month', cut: true },
      int_bootstrap_customers: { key: ORDER_MONTHS, cut: false },
    },
  },
};

/** Why a file is computed in full on a warehouse's first run: not worth a word in the log. */
const FIRST_RUN = 'no earlier run kept it';

/** Where the fingerprints live; a name no SQL file may take. */
export const INCREMENTAL_STATE_TABLE = 'pipeline_incremental_state';

export type IncrementalOutcome =
  | { kind: 'full'; reason: string }
  | { kind: 'months'; months: string[] }
  | { kind: 'unchanged' };

/**
 * What the transform's line adds about the files computed month by month: nothing after
 * a first run; else the months computed again, and why a file was computed in full.
 */
export function describeOutcomes(outcomes: ReadonlyMap<string, IncrementalOutcome>): string {
  const parts: string[] = [];
  const partial = [...outcomes.values()].filter((o) => o.kind !== 'full');
  if (partial.length > 0) {
    const months = [...new Set(partial.flatMap((o) => (o.kind === 'months' ? o.months : [])))].sort();
    const shown = months.length > 4 ? `${months.slice(0, 2).join(', ')}, … ${months.at(-1)}` : months.join(', ');
    parts.push(
      months.length === 0
        ? `${partial.length} of them unchanged since the last run`
        : `${partial.length} of them computed only for the months whose inputs changed (${shown})`,
    );
  }
  for (const [name, o] of outcomes) if (o.kind === 'full' && o.reason !== FIRST_RUN) parts.push(`${name} computed in full: ${o.reason}`);
  return parts.join('; ');
}

export function incrementalDeclaration(q: IncrementalFile): IncrementalDeclaration | null {
  // only a stored table outlives the run; a file made a view or a temporary table is computed in full
  if (q.materialized !== 'table') return null;
  return INCREMENTAL_FILES[q.name] ?? null;
}

async function ensureStateTable(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`create table if not exists ${INCREMENTAL_STATE_TABLE} (model varchar not null, month varchar, fingerprint varchar not null)`);
}

/** Forgets what made a file's table: it was made some other way (a full run, `npm run dev`), so its next run is full. */
export async function forgetIncremental(warehouse: Warehouse, name: string): Promise<void> {
  if (await storedObject(warehouse, INCREMENTAL_STATE_TABLE)) await warehouse.run(`delete from ${INCREMENTAL_STATE_TABLE} where model = $model`, { model: name });
}

const fingerprintSql = (rowsSql: string) =>
  `select month::varchar as month, count(*)::varchar || ':' || coalesce(sum(hash(input_row)), 0)::varchar as fingerprint from (${rowsSql}) group by all`;

/**
 * The file's whole fingerprint, as JSON: a hash of its code (SQL, macros, declaration,
 * DuckDB's version), and each input not declared month by month by name, so that a full
 * run can say which changed.
 */
async function wholeFingerprint(warehouse: Warehouse, q: IncrementalFile, declaration: IncrementalDeclaration): Promise<string> {
  const version = (await warehouse.rows<{ version: string }>('select library_version as version from pragma_version()'))[0]?.version ?? null;
  const code = createHash('sha256').update(JSON.stringify({ sql: q.sql, macros: q.macros?.sql ?? null, declaration, version })).digest('hex');
  const inputs: Record<string, string> = {};
  for (const input of q.readsThroughViews) {
    if (declaration.inputs[input]) continue;
    const [row] = await warehouse.rows<{ fingerprint: string }>(
      `select count(*)::varchar || ':' || coalesce(sum(hash(input_row)), 0)::varchar as fingerprint from ${quoteIdent(input)} as input_row`,
    );
    inputs[input] = row?.fingerprint ?? '';
  }
  return JSON.stringify({ code, inputs });
}

/** Why a file whose whole fingerprint changed is computed in full: its code, or the inputs that changed. */
function wholeChange(before: string, now: string): string {
  let old: { code?: string; inputs?: Record<string, string> };
  try {
    old = JSON.parse(before) as typeof old;
  } catch {
    old = {};
  }
  const current = JSON.parse(now) as { code: string; inputs: Record<string, string> };
  if (old.code !== current.code) return 'its SQL, the macros, its declaration or DuckDB changed';
  const changed = Object.keys({ ...old.inputs, ...current.inputs }).filter((name) => old.inputs?.[name] !== current.inputs[name]);
  return `${changed.sort().join(', ')} changed`;
}

/** Each month's fingerprint over every month-local input. */
async function monthFingerprints(warehouse: Warehouse, declaration: IncrementalDeclaration): Promise<Map<string, string>> {
  const perInput: string[] = [];
  for (const [input, spec] of Object.entries(declaration.inputs).sort(([a], [b]) => a.localeCompare(b))) {
    const rows = monthRows(spec, quoteIdent(input));
    perInput.push(`select ${sqlString(input)} as input, * from (${fingerprintSql(rows)})`);
  }
  const combined = await warehouse.rows<{ month: string | null; fingerprint: string }>(
    `select month, string_agg(input || '=' || fingerprint, ' ' order by input) as fingerprint from (${perInput.join(' union all ')}) group by month`,
  );
  // a null month is a month too: its rows are computed and replaced like any other's
  return new Map(combined.map((r) => [r.month ?? '', r.fingerprint]));
}

/** The input's rows (as the struct input_row) with the month each belongs to. */
function monthRows(spec: MonthLocalInput, self: string): string {
  const rows = spec.unused?.length ? `(select * exclude (${spec.unused.map(quoteIdent).join(', ')}) from ${self})` : self;
  if (spec.key) {
    return `select keyed.month, input_row from ${rows} as input_row inner join (${spec.key.months}) as keyed on keyed.key = input_row.${quoteIdent(spec.key.column)}`;
  }
  return `select ${spec.column ?? 'month'} as month, input_row from ${rows} as input_row`;
}

/** The input's rows of the given months, each once. */
function cutRows(spec: MonthLocalInput, self: string, inMonths: (column: string) => string): string {
  if (spec.key) {
    return `select * from ${self} where ${quoteIdent(spec.key.column)} in (select key from (${spec.key.months}) where ${inMonths('month')})`;
  }
  return `select * from ${self} where ${inMonths(spec.column ?? 'month')}`;
}

/**
 * Whether the stored table has the columns, in order and type, that the select gives now
 * (an input that gained a column a `select *` passes on): DuckDB only binds the select.
 */
async function sameColumns(warehouse: Warehouse, q: IncrementalFile): Promise<boolean> {
  const columns = async (sql: string) =>
    (await warehouse.rows<{ column_name: string; column_type: string }>(sql)).map((c) => `${c.column_name} ${c.column_type}`).join(', ');
  try {
    return (await columns(`describe select * from (\n${q.sql}\n)`)) === (await columns(`describe ${quoteIdent(q.name)}`));
  } catch {
    return false; // the full run says what is wrong with the select
  }
}

/**
 * Runs a declared file: in full when its code, a whole input or its table changed,
 * else only the months whose month-local inputs changed. `full` makes the table as
 * runQuery does (statements of createStatements).
 */
export async function runIncremental(
  warehouse: Warehouse,
  q: IncrementalFile,
  declaration: IncrementalDeclaration,
  full: () => Promise<void>,
): Promise<IncrementalOutcome> {
  await ensureStateTable(warehouse);
  const whole = await wholeFingerprint(warehouse, q, declaration);
  const months = await monthFingerprints(warehouse, declaration);
  const state = await warehouse.rows<{ month: string | null; fingerprint: string }>(
    `select month, fingerprint from ${INCREMENTAL_STATE_TABLE} where model = $model`,
    { model: q.name },
  );
  const before = state.find((r) => r.month === null)?.fingerprint;
  let reason: string | null = null;
  const unread = Object.keys(declaration.inputs).filter((input) => !q.readsThroughViews.includes(input));
  if (unread.length > 0) reason = `pipeline/incremental-transform.ts names ${unread.join(', ')}, which it does not read`;
  else if (before === undefined) reason = FIRST_RUN;
  else if (before !== whole) reason = wholeChange(before, whole);
  else if ((await storedObject(warehouse, q.name))?.type !== 'BASE TABLE') reason = 'its table is gone';
  else if (!(await sameColumns(warehouse, q))) reason = 'the columns of its select changed';

  if (reason !== null) {
    // forgotten first: a run that stops before the end leaves no fingerprint of a table it did not finish
    await forgetIncremental(warehouse, q.name);
    await full();
    await writeState(warehouse, q.name, whole, months, null);
    return { kind: 'full', reason };
  }

  const previous = new Map(state.filter((r) => r.month !== null).map((r) => [r.month as string, r.fingerprint]));
  const changed = [...new Set([...months.keys(), ...previous.keys()])].filter((m) => months.get(m) !== previous.get(m)).sort();
  if (changed.length === 0) return { kind: 'unchanged' };

  const monthList = `[${changed.map(sqlString).join(', ')}]`;
  const inMonths = (month: string) => `coalesce((${month})::varchar, '') in (select unnest(${monthList}))`;
  const table = quoteIdent(q.name);
  await warehouse.run('begin transaction');
  try {
    const restore: string[] = [];
    for (const [input, spec] of Object.entries(declaration.inputs)) {
      if (!spec.cut) continue;
      const hidden = quoteIdent(`_incremental_full_${input}`);
      // a temporary table (computed this run) is renamed, a stored one named in full, for the view to read
      const [temp] = await warehouse.rows("select 1 from duckdb_tables() where temporary and table_name = $name", { name: input });
      let source: string;
      if (temp) {
        await warehouse.run(`alter table temp.main.${quoteIdent(input)} rename to ${hidden}`);
        source = `temp.main.${hidden}`;
        restore.push(`drop view temp.main.${quoteIdent(input)}`, `alter table temp.main.${hidden} rename to ${quoteIdent(input)}`);
      } else {
        source = `${quoteIdent(await currentDatabase(warehouse))}.main.${quoteIdent(input)}`;
        restore.push(`drop view temp.main.${quoteIdent(input)}`);
      }
      const cut = cutRows(spec, source, inMonths);
      await warehouse.run(`create temp view ${quoteIdent(input)} as ${cut}`);
    }
    await warehouse.run(`delete from ${table} where ${inMonths(declaration.month)}`);
    try {
      await warehouse.run(`insert into ${table} by name select * from (\n${q.sql}\n) where ${inMonths(declaration.month)}`);
    } catch (error) {
      throw sqlError({ display: q.display, lineOffset: 1, text: q.sql }, error);
    }
    for (const statement of restore) await warehouse.run(statement);
    await writeState(warehouse, q.name, whole, months, changed);
    await warehouse.run('commit');
  } catch (error) {
    await warehouse.run('rollback').catch(() => undefined);
    throw error;
  }
  return { kind: 'months', months: changed };
}

async function currentDatabase(warehouse: Warehouse): Promise<string> {
  const [row] = await warehouse.rows<{ name: string }>('select current_database() as name');
  return row?.name ?? 'main';
}

/** Records the fingerprints: all of them after a full run, else those of the months computed again. */
async function writeState(warehouse: Warehouse, model: string, whole: string, months: Map<string, string>, changed: string[] | null): Promise<void> {
  if (changed === null) {
    await warehouse.run(`delete from ${INCREMENTAL_STATE_TABLE} where model = $model`, { model });
    await warehouse.run(`insert into ${INCREMENTAL_STATE_TABLE} values ($model, null, $whole)`, { model, whole });
  } else {
    await warehouse.run(`delete from ${INCREMENTAL_STATE_TABLE} where model = $model and month in (${changed.map(sqlString).join(', ')})`, { model });
  }
  const rows = [...months].filter(([month]) => changed === null || changed.includes(month));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await warehouse.run(
      `insert into ${INCREMENTAL_STATE_TABLE} values ${chunk.map(([month, fp]) => `(${sqlString(model)}, ${sqlString(month)}, ${sqlString(fp)})`).join(', ')}`,
    );
  }
}
