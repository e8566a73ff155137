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
  /** Temp table holding `_line` and every column as text, named by lower-case header. */
  table: string;
  rows: number;
  rejected: number;
  /** Lower-case column name → present in the file. */
  present: Set<string>;
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

/** A text column as a timestamp: ISO 8601, or Shopify's `2026-10-03 14:22:05 +0200`; null when neither. */
export function timestampSql(col: string): string {
  return `coalesce(try_cast(${col} as timestamptz), try_strptime(trim(${col}), '%Y-%m-%d %H:%M:%S %z'))`;
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

/**
 * Reads the file into a temp table of text columns with line numbers, checks
 * every rule, and records rejected rows (first failing column per line) in
 * raw_rejected_rows. The caller inserts the rows that passed into its raw table.
 */
export async function stageOwnCsv(warehouse: Warehouse, spec: OwnCsvSpec): Promise<StagedCsv> {
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

  const table = `_stage_${++stageCounter}`;
  const rejects = `_csv_rejects_${stageCounter}`;
  await warehouse.run(
    `create or replace temp table ${table} as
     select row_number() over () + 1 as _line, *
     from read_csv($path, header = true, all_varchar = true, delim = $delim, quote = '"', escape = '"', skip = 0,
                   store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scan')`,
    { path: spec.path, delim: delimiter },
  );
  // Columns are addressed by their lower-case names from here on.
  const columns = await warehouse.rows<{ column_name: string }>(`select column_name from (describe ${table})`);
  for (const { column_name } of columns) {
    if (column_name !== column_name.toLowerCase()) {
      await warehouse.run(`alter table ${table} rename column ${quoteIdent(column_name)} to ${quoteIdent(column_name.toLowerCase())}`);
    }
  }
  const structural = await warehouse.rows<{ line: number; error_type: string; error_message: string }>(
    `select line::integer as line, error_type, error_message from ${rejects} order by line limit 5`,
  );
  if (structural.length) {
    throw inputError(`${spec.display}: the file is not a consistent CSV table`, structural.map((r) => `  line ${r.line}: ${r.error_message}`));
  }

  const checks: string[] = [];
  spec.columns.forEach((rule, priority) => {
    if (!present.has(rule.name)) return;
    const col = quoteIdent(rule.name);
    if (rule.required) {
      checks.push(`select _line, ${priority * 2} as priority, ${sqlString(rule.name)} as column_name,
        ${sqlString(`is empty; expected ${describe(rule)}`)} as reason, ${col} as raw_value from ${table} where ${col} is null`);
    }
    const test = check(rule.check, col);
    if (test) {
      checks.push(`select _line, ${priority * 2 + 1} as priority, ${sqlString(rule.name)} as column_name,
        ${sqlString(`expected ${test.expected}, found `)} || '"' || ${col} || '"' as reason, ${col} as raw_value
        from ${table} where ${col} is not null and (${test.where})`);
    }
  });
  let rejected = 0;
  if (checks.length) {
    await warehouse.run(`create or replace temp table ${table}_rejected as
      select * from (${checks.join('\nunion all\n')})
      qualify row_number() over (partition by _line order by priority) = 1`);
    await warehouse.run(
      `insert into raw_rejected_rows (source_file, source_line, column_name, reason, raw_value) select $file, _line, column_name, reason, raw_value from ${table}_rejected order by _line`,
      { file: spec.display },
    );
    await warehouse.run(`delete from ${table} where _line in (select _line from ${table}_rejected)`);
    rejected = Number((await warehouse.rows<{ n: number }>(`select count(*)::integer as n from ${table}_rejected`))[0]?.n ?? 0);
  }
  const rows = Number((await warehouse.rows<{ n: number }>(`select count(*)::integer as n from ${table}`))[0]?.n ?? 0);
  return { table, rows, rejected, present };
}

function describe(rule: ColumnRule): string {
  return check(rule.check, 'x')?.expected ?? 'a value';
}

/** `"col"` when the file has the column, else `null`, for insert-selects over optional columns. */
export function columnOrNull(staged: StagedCsv, name: string): string {
  return staged.present.has(name) ? quoteIdent(name) : 'null';
}

export async function dropStage(warehouse: Warehouse, staged: StagedCsv): Promise<void> {
  await warehouse.run(`drop table if exists ${staged.table}; drop table if exists ${staged.table}_rejected`);
}
