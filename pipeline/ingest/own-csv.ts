// Our own file layouts (orders, touchpoints, costs, campaigns, fx) go straight
// through DuckDB's CSV reader, which is fast on big files. Every cell is read
// as text first, then checked in SQL, so a bad value is rejected with its line,
// column and what was expected instead of failing the whole load.
import { open } from 'node:fs/promises';
import { inputError } from '../errors.ts';
import { quoteIdent, sqlString, type Warehouse } from '../warehouse.ts';
import { decodeBytes } from './text.ts';

export type ColumnCheck =
  | { kind: 'text' }
  | { kind: 'timestamp' }
  | { kind: 'date' }
  | { kind: 'month' }
  | { kind: 'decimal' }
  | { kind: 'currency' }
  | { kind: 'oneOf'; values: readonly string[] };

export interface ColumnRule {
  name: string;
  required: boolean;
  check: ColumnCheck;
}

export interface OwnCsvSpec {
  /** Absolute path. */
  path: string;
  /** Path as the user knows it, for messages and the manifest. */
  display: string;
  columns: readonly ColumnRule[];
  /** Columns of which at least one must be present in the header (e.g. month or date). */
  oneOfColumns?: readonly string[][];
}

export interface StagedCsv {
  /** Temp view holding `_line` and every column as text, named by lower-case header. */
  table: string;
  /** The temp table behind it (see Stage). */
  base: string;
  rows: number;
  rejected: number;
  /** Lower-case column name → present in the file. */
  present: Set<string>;
  /**
   * With `keepRejected`, the rejected rows stay in `table` and this temp table
   * (`_line`, column_name, reason) names them: a Shopify export needs the Name of a
   * rejected row to know which line items belong to the order it rejected.
   */
  rejectedTable?: string;
}

async function readHeaderLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = decodeBytes(buffer.subarray(0, bytesRead)).text;
    return text.split(/\r?\n/, 1)[0] ?? '';
  } finally {
    await handle.close();
  }
}

/** The lower-case column names of a CSV file's header line. */
export async function csvColumns(path: string): Promise<string[]> {
  const line = await readHeaderLine(path);
  return line
    .split(detectDelimiter(line))
    .map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase())
    .filter((h) => h !== '');
}

function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

function check(kind: ColumnCheck, col: string): { where: string; expected: string } | null {
  switch (kind.kind) {
    case 'text':
      return null;
    case 'timestamp':
      return { where: `${timestampSql(col)} is null`, expected: 'a date and time like 2026-10-03T14:22:05Z' };
    case 'date':
      return { where: `try_strptime(trim(${col}), '%Y-%m-%d') is null`, expected: 'a date like 2026-10-03' };
    case 'month':
      return { where: `not regexp_full_match(trim(${col}), '\\d{4}-(0[1-9]|1[0-2])')`, expected: 'a month like 2026-10' };
    case 'decimal':
      return { where: `try_cast(trim(${col}) as decimal(18, 4)) is null`, expected: 'a number with a decimal point, like 49.90' };
    case 'currency':
      return { where: `not regexp_full_match(trim(${col}), '[A-Za-z]{3}')`, expected: 'a three-letter currency code like EUR' };
    case 'oneOf':
      return {
        where: `lower(trim(${col})) not in (${kind.values.map(sqlString).join(', ')})`,
        expected: `one of ${kind.values.join(', ')}`,
      };
  }
}

/**
 * A text column as a timestamp: ISO 8601, or Shopify's `2026-10-03 14:22:05 +0200`; null when neither.
 * Shopify's layout is told by its offset and never cast: a cast DuckDB cannot make costs it
 * about half a millisecond a value (an exception each), 20 s for a sample-sized export.
 */
export function timestampSql(col: string): string {
  return `case when ${col} like '% +____' or ${col} like '% -____' then try_strptime(trim(${col}), '%Y-%m-%d %H:%M:%S %z') else try_cast(${col} as timestamptz) end`;
}

/**
 * A customer key as the warehouse keeps it: an email address (Shopify's only
 * customer key) becomes its SHA-256, so no address is stored and touchpoints
 * keyed by the same address still match.
 */
export function customerKeySql(col: string): string {
  return `case when ${col} like '%@%' then sha256(lower(trim(${col}))) else nullif(trim(${col}), '') end`;
}

let stageCounter = 0;

/** A file read into a temp table (see readStage), ready to be checked and loaded. */
export interface Stage {
  /** The temp table DuckDB's CSV reader filled, every column as text, named by lower-case header. */
  base: string;
  /** A view of it with `_line`, the record's line in the file (the header is line 1). */
  view: string;
  /** `_line` in terms of the temp table's own columns, for deleting rows from it. */
  line: string;
  rows: number;
  present: Set<string>;
}

/**
 * Reads the file into a temp table of text columns. Line numbers come from the
 * table's rowid: the reader fills it in file order (insertion order is kept
 * during ingest), in parallel, which numbering the rows as they are read (a
 * window over the scan) would not allow; the rows then carry ids 0, 1, 2, …
 * Inside a transaction rows carry provisional ids instead (still in file order),
 * and the rows are numbered in a copy, which costs a second pass over the table;
 * so the big files, orders and touchpoints, are read before their file's
 * transaction begins (prepareOrders, prepareTouchpoints).
 */
export async function readStage(warehouse: Warehouse, spec: OwnCsvSpec): Promise<Stage> {
  const headerLine = await readHeaderLine(spec.path);
  const delimiter = detectDelimiter(headerLine);
  const headers = headerLine
    .split(delimiter)
    .map((h) => h.trim().replace(/^"|"$/g, ''))
    .filter((h) => h !== '');
  const present = new Set(headers.map((h) => h.toLowerCase()));
  const missing = spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
  for (const group of spec.oneOfColumns ?? []) {
    if (!group.some((name) => present.has(name))) missing.push(group.join(' or '));
  }
  if (missing.length) {
    throw inputError(`${spec.display}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header has: ${headers.join(', ')})`);
  }
  const duplicate = headers.find((h, i) => headers.findIndex((x) => x.toLowerCase() === h.toLowerCase()) !== i);
  if (duplicate) throw inputError(`${spec.display}: the column ${duplicate} appears twice in the header`);

  const base = `_stage_${++stageCounter}`;
  const rejects = `_csv_rejects_${stageCounter}`;
  await warehouse.run(
    `create or replace temp table ${base} as
     select *
     from read_csv($path, header = true, all_varchar = true, delim = $delim, quote = '"', escape = '"', skip = 0,
                   store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scan')`,
    { path: spec.path, delim: delimiter },
  );
  // Columns are addressed by their lower-case names from here on.
  const columns = await warehouse.rows<{ column_name: string }>(`select column_name from (describe ${base})`);
  for (const { column_name } of columns) {
    if (column_name !== column_name.toLowerCase()) {
      await warehouse.run(`alter table ${base} rename column ${quoteIdent(column_name)} to ${quoteIdent(column_name.toLowerCase())}`);
    }
  }
  const structural = await warehouse.rows<{ line: number; error_type: string; error_message: string }>(
    `select line::integer as line, error_type, error_message from ${rejects} order by line limit 5`,
  );
  await warehouse.run(`drop table if exists ${rejects}; drop table if exists ${rejects}_scan`);
  if (structural.length) {
    await warehouse.run(`drop table if exists ${base}`);
    throw inputError(`${spec.display}: the file is not a consistent CSV table`, structural.map((r) => `  line ${r.line}: ${r.error_message}`));
  }
  const view = `${base}_lines`;
  const [ids] = await warehouse.rows<{ n: number; plain: boolean }>(
    `select count(*)::integer as n, count(*) = 0 or (min(rowid) = 0 and max(rowid) = count(*) - 1) as plain from ${base}`,
  );
  if (ids?.plain) {
    await warehouse.run(`create or replace temp view ${view} as select rowid + 2 as _line, * from ${base}`);
  } else {
    // Inside a transaction the rows carry provisional ids, still in file order: number them once, in a copy.
    await warehouse.run(
      `create temp table ${base}_numbered as select row_number() over (order by rowid) + 1 as _line, * from ${base};
       drop table ${base};
       alter table ${base}_numbered rename to ${base};
       create or replace temp view ${view} as select * from ${base}`,
    );
  }
  return { base, view, line: ids?.plain ? 'rowid + 2' : '_line', rows: ids?.n ?? 0, present };
}

/** One SQL select per column rule of the file, returning the lines that break it, with column and reason. */
function ruleChecks(spec: OwnCsvSpec, stage: Stage): { failure: string; select: string }[] {
  const checks: { failure: string; select: string }[] = [];
  spec.columns.forEach((rule, priority) => {
    if (!stage.present.has(rule.name)) return;
    const col = quoteIdent(rule.name);
    if (rule.required) {
      const failure = `${col} is null`;
      checks.push({
        failure,
        select: `select _line, ${priority * 2} as priority, ${sqlString(rule.name)} as column_name,
        ${sqlString(`is empty; expected ${describe(rule)}`)} as reason, ${col} as raw_value from ${stage.view} where ${failure}`,
      });
    }
    const test = check(rule.check, col);
    if (test) {
      const failure = `${col} is not null and (${test.where})`;
      checks.push({
        failure,
        select: `select _line, ${priority * 2 + 1} as priority, ${sqlString(rule.name)} as column_name,
        ${sqlString(`expected ${test.expected}, found `)} || '"' || ${col} || '"' as reason, ${col} as raw_value
        from ${stage.view} where ${failure}`,
      });
    }
  });
  return checks;
}

/** Records the rejected lines of a stage (the first failing rule of each line) in raw_rejected_rows; returns them as a temp table. */
async function recordRejects(warehouse: Warehouse, spec: OwnCsvSpec, stage: Stage, checks: { select: string }[]): Promise<string> {
  const rejected = `${stage.base}_rejected`;
  await warehouse.run(`create or replace temp table ${rejected} as
    select * from (${checks.map((c) => c.select).join('\nunion all\n')})
    qualify row_number() over (partition by _line order by priority) = 1`);
  await warehouse.run(
    `insert into raw_rejected_rows (source_file, source_line, column_name, reason, raw_value) select $file, _line, column_name, reason, raw_value from ${rejected} order by _line`,
    { file: spec.display },
  );
  return rejected;
}

/**
 * Reads the file into a temp table of text columns with line numbers, checks
 * every rule, and records rejected rows (first failing column per line) in
 * raw_rejected_rows. The caller inserts the rows that passed into its raw table
 * (with `keepRejected`, the rows not in `rejectedTable`).
 */
export async function stageOwnCsv(warehouse: Warehouse, spec: OwnCsvSpec, options: { keepRejected?: boolean } = {}): Promise<StagedCsv> {
  const stage = await readStage(warehouse, spec);
  const checks = ruleChecks(spec, stage);
  let rejected = 0;
  let rejectedTable: string | undefined;
  if (checks.length) {
    const table = await recordRejects(warehouse, spec, stage, checks);
    if (options.keepRejected) rejectedTable = table;
    else await warehouse.run(`delete from ${stage.base} where ${stage.line} in (select _line from ${table})`);
    rejected = Number((await warehouse.rows<{ n: number }>(`select count(*)::integer as n from ${table}`))[0]?.n ?? 0);
  }
  return { table: stage.view, base: stage.base, rows: stage.rows - rejected, rejected, present: stage.present, rejectedTable };
}

/**
 * Loads a file of our own layout straight into its raw table: the rows that
 * pass every rule go in with `select` (over the staged columns and `_line`, in
 * the raw table's column order; `c(name)` is a column, or null when the file has
 * none, and $file is bound), in file order. Only when some row did not pass are
 * the rules checked one by one, to record each rejected row with its line,
 * column and reason, exactly as stageOwnCsv does; a clean file is read once.
 */
export async function loadOwnCsv(
  warehouse: Warehouse,
  spec: OwnCsvSpec,
  target: string,
  select: (c: (name: string) => string) => string,
  prepared?: Stage | null,
): Promise<{ rows: number; rejected: number }> {
  const stage = prepared ?? (await readStage(warehouse, spec));
  const checks = ruleChecks(spec, stage);
  const passes = checks.length ? checks.map((c) => `not coalesce(${c.failure}, false)`).join('\n       and ') : 'true';
  const c = (name: string) => (stage.present.has(name) ? quoteIdent(name) : 'null');
  const result = await warehouse.connection.run(`insert into ${target} select ${select(c)} from ${stage.view} where ${passes}`, { file: spec.display });
  const rows = Number(result.rowsChanged);
  if (rows < stage.rows) await recordRejects(warehouse, spec, stage, checks);
  await dropStage(warehouse, { table: stage.view, base: stage.base });
  return { rows, rejected: stage.rows - rows };
}

function describe(rule: ColumnRule): string {
  return check(rule.check, 'x')?.expected ?? 'a value';
}

/** `"col"` when the file has the column, else `null`, for insert-selects over optional columns. */
export function columnOrNull(staged: StagedCsv, name: string): string {
  return staged.present.has(name) ? quoteIdent(name) : 'null';
}

export async function dropStage(warehouse: Warehouse, staged: Pick<StagedCsv, 'table' | 'base'>): Promise<void> {
  await warehouse.run(`drop view if exists ${staged.table}; drop table if exists ${staged.base}; drop table if exists ${staged.base}_rejected`);
}
