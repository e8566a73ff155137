// Our own file layouts (orders, touchpoints, costs, campaigns, fx) go straight
// through DuckDB's CSV reader, which is fast on big files. Every cell is read
// as text first, then checked in SQL, so a bad value is rejected with its line,
// column and what was expected instead of failing the whole load.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { firstBadQuote, quoteProblem } from '../csv-failure.ts';
import { inputError } from '../errors.ts';
import { withoutRowText } from '../sql-errors.ts';
import { quoteIdent, sqlString, type Warehouse } from '../warehouse.ts';
import { decodeBytes, type Encoding } from './text.ts';
import { decideDecimalSeparator, normalizeHeader, parseNumber, type DecimalSeparator } from './values.ts';

export type ColumnCheck =
  | { kind: 'text' }
  | { kind: 'timestamp' }
  | { kind: 'date' }
  | { kind: 'month' }
  /** A number in the file's layout; `negative`: the reason a negative one is rejected (else it is allowed). */
  | { kind: 'decimal'; negative?: string }
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
  /** Further number columns, given the header's normalised names (fx.csv's currency columns). */
  numberColumns?: (headers: string[]) => string[];
  /** Checks across columns, after the column rules: `failure` is SQL over the view (given column and amount helpers). */
  rowChecks?: readonly RowCheck[];
  /** The money a rejected row holds: its amount column and currency column, for the notice of what is missing. */
  money?: { amount: string; currency?: string };
}

export interface RowCheck {
  column: string;
  failure: (sql: { c: (name: string) => string; amount: (name: string) => string }) => string;
  reason: string;
  /** SQL of the cells that break the rule, as text: the reason then ends `, found "…"`. */
  found?: (sql: { c: (name: string) => string }) => string;
}

/** What the rejected rows of a file held, per currency (null: the file names none). */
export interface RejectedMoney {
  currency: string | null;
  /** Sum of the amounts that could be read, as exact decimal text; null when none could. */
  amount: string | null;
  rows: number;
  /** Rows whose amount could not be read (the amount itself was what was wrong). */
  unreadable: number;
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
  rejectedMoney: RejectedMoney[];
  /** SQL for a number column as a decimal (Stage.amount). */
  amount: (name: string, type?: string) => string;
  /** See ReadStraight. */
  straight: ReadStraight;
}

/**
 * Whether a file was read straight: as UTF-8 from the file itself (Stage.utf8), every
 * number cell as DuckDB casts plain `49.90` (no decimal comma, thousands separator or
 * currency sign: Stage.changed false). Only then does a part of the file read on its
 * own (the lines appended since the last run, ingest/index.ts) read as a whole read
 * would: the encoding is decided for the whole file (one Windows-1252 byte anywhere
 * makes all of it Windows-1252), and so is the decimal separator, from all of a file's
 * number cells (readNumbers).
 */
export type ReadStraight = boolean;

/** What the first bytes of a file tell about reading it. */
interface Sniffed {
  encoding: Encoding;
  delimiter: string;
  /** Header names as written (quotes removed). */
  headers: string[];
  /** Lines removed before DuckDB reads the text (an Excel `sep=` line). */
  lineOffset: number;
  /** DuckDB reads UTF-8 only: anything else, or a `sep=` line, is rewritten as UTF-8 first. */
  transcode: boolean;
}

async function sniffFile(path: string): Promise<Sniffed> {
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  // A UTF-8 character cut at the end of the sample must not make the file look like Windows-1252.
  const lastNewline = bytes.length === 64 * 1024 ? bytes.lastIndexOf(0x0a) : -1;
  let decoded = decodeBytes(lastNewline > 0 ? bytes.subarray(0, lastNewline + 1) : bytes);
  if (decoded.encoding.startsWith('utf-16')) decoded = decodeBytes(bytes);
  const headerLine = decoded.text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = decoded.sepHint ?? detectDelimiter(headerLine);
  return {
    encoding: decoded.encoding,
    delimiter,
    headers: splitLine(headerLine, delimiter).map((h) => h.trim()).filter((h) => h !== ''),
    lineOffset: decoded.lineOffset,
    transcode: decoded.encoding !== 'utf-8' || decoded.lineOffset > 0,
  };
}

/** Non-empty lines of a file below its first `skip` lines (newline bytes found with indexOf, which is fast). */
async function nonEmptyLinesAfter(path: string, skip: number): Promise<number> {
  let lines = 0;
  let length = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let at = chunk.indexOf(0x0a, from); at >= 0; from = at + 1, at = chunk.indexOf(0x0a, from)) {
      // a line of more than a line break (and a UTF-16 zero byte or a carriage return)
      if (length + at - from > 2) lines++;
      length = 0;
    }
    length += chunk.length - from;
  }
  if (length > 2) lines++;
  return Math.max(0, lines - skip);
}

/**
 * DuckDB's CSV reader can return no rows and no error for a file with a quote
 * that never closes (the rest of the file becomes one value it then drops), so
 * a whole orders.csv was lost with "0 rejected". Fewer rows than the file has
 * lines is also what values over several lines look like (Shopify's notes), so
 * only then is the file scanned for a quote that does not end its value, which
 * stops the run with its line.
 */
async function refuseSwallowedLines(spec: { path: string; display: string }, rows: number, lineOffset: number): Promise<void> {
  if (rows >= (await nonEmptyLinesAfter(spec.path, 1 + lineOffset))) return;
  const bad = await firstBadQuote(spec.path);
  if (!bad) return;
  const { where, what } = quoteProblem(bad);
  throw inputError(`${spec.display}${where}: ${what}`);
}

/** Fields of one CSV line, quotes honoured (`"a;b"` is one field, `""` a quote). */
function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** The delimiter of a header line: whichever of comma, semicolon and tab splits it most, outside quotes. */
function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, splitLine(headerLine, d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

/** The normalised column names of a CSV file's header line (values.ts normalizeHeader). */
export async function csvColumns(path: string): Promise<string[]> {
  return (await sniffFile(path)).headers.map(normalizeHeader);
}

/**
 * Rewrites a file as UTF-8 for DuckDB's reader, which reads no other encoding, in a
 * folder of its own beside the warehouse (mode 0700: the rows may hold personal
 * fields), dropping the first `skipLines` lines (an Excel `sep=` line). Streamed, so a
 * big file never sits in memory.
 */
async function transcode(path: string, encoding: Encoding, skipLines: number, besideFile: string): Promise<{ file: string; dir: string }> {
  const beside = besideFile !== '' && besideFile !== ':memory:';
  const base = beside ? dirname(besideFile) : tmpdir();
  if (beside) {
    // a copy a crashed run left (the run holds the warehouse's lock, so no other run is reading one now)
    for (const name of await readdir(base)) if (name.startsWith('.own-csv-')) await rm(join(base, name), { recursive: true, force: true });
  }
  const dir = await mkdtemp(join(base, '.own-csv-'));
  const file = join(dir, 'utf-8.csv');
  const decoder = new TextDecoder(encoding);
  let skip = skipLines;
  let carry = '';
  await pipeline(
    createReadStream(path),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        let text = decoder.decode(chunk, { stream: true });
        if (skip > 0) {
          text = carry + text;
          carry = '';
          while (skip > 0) {
            const end = text.indexOf('\n');
            if (end < 0) break;
            text = text.slice(end + 1);
            skip--;
          }
          if (skip > 0) {
            carry = text;
            continue;
          }
        }
        yield text;
      }
      yield decoder.decode();
    },
    createWriteStream(file, { mode: 0o600 }),
  );
  return { file, dir };
}

function check(kind: ColumnCheck, col: string, amount?: string, decimal: DecimalSeparator = '.'): { where: string; expected: string } | null {
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
      return {
        where: `${amount ?? `try_cast(trim(${col}) as decimal(18, 4))`} is null`,
        expected: decimal === ',' ? 'a number like 49,90 or 2.500,00 (the file writes decimal commas)' : 'a number like 49.90 or 2,500.00',
      };
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

let stageCounter = 0;

/** A file read into a temp table (see readStage), ready to be checked and loaded. */
export interface Stage {
  /** The temp table DuckDB's CSV reader filled, every column as text, named by normalised header. */
  base: string;
  /** A view of it with `_line`, the record's line in the file (the header is line 1). */
  view: string;
  /** `_line` in terms of the temp table's own columns, for deleting rows from it. */
  line: string;
  rows: number;
  present: Set<string>;
  /** The file's decimal separator, decided once from all its amounts (values.ts decideDecimalSeparator). */
  decimal: DecimalSeparator;
  /** SQL for a number column of the view as a decimal of `type`, null when the cell is not a number in the file's layout. */
  amount(name: string, type?: string): string;
  /** Whether a scan of the view yields the rows in file order (not when number cells are joined in). */
  inFileOrder: boolean;
  /**
   * Whether the number cells were read in the file's layout (readStageNumbers); until then `amount`
   * is DuckDB's cast of plain `49.90`, which is all a clean file has (loadOwnCsv reads the rest only
   * when some row did not pass, so the common file costs no extra scan).
   */
  numbersRead: boolean;
  /** Whether reading the numbers changed how any cell reads (a decimal comma, or cells the cast cannot read). */
  changed?: boolean;
  numberColumns: string[];
  /** SQL of `_line` over the temp table as `b`, or null when the table has a `_line` column. */
  lineColumn: string | null;
  /** Whether the file was read as UTF-8 straight from the file (not rewritten from UTF-16 or Windows-1252 first). */
  utf8: boolean;
}

/** Names compared without case, spaces, underscores, dashes, dots and quotes: `Coupon Code` = `coupon_code`. */
function squash(name: string): string {
  return normalizeHeader(name).replace(/[\s_\-.'/]/g, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Whether a header the file has is a misspelling of a column we read: the same name
 * but for case, spaces and separators (`coupon code`, `Refunded-Amount`), or, for
 * names of 5 characters or more, at most 2 letters apart (`refund_amount`,
 * `refunded_ammount`). A column read under no name is worse than a stopped run:
 * `coupon code` ignored halves influencer revenue.
 */
export function resemblesColumn(header: string, known: string): boolean {
  const a = squash(header);
  const b = squash(known);
  if (a === b) return true;
  return Math.min(a.length, b.length) >= 5 && editDistance(a, b) <= 2;
}

/** Stops on a header that is none of the known columns but resembles one the file lacks. */
function refuseNearMisses(spec: OwnCsvSpec, headers: string[]): void {
  const keys = new Set(headers.map(normalizeHeader));
  const known = [...new Set([...spec.columns.map((c) => c.name), ...(spec.oneOfColumns ?? []).flat()])];
  const absent = known.filter((k) => !keys.has(k));
  const found: string[] = [];
  for (const header of headers) {
    if (known.includes(normalizeHeader(header))) continue;
    const like = absent.find((k) => resemblesColumn(header, k));
    if (like) found.push(`"${header}" looks like the column ${like}`);
  }
  if (found.length) {
    throw inputError(
      `${spec.display}: ${found.join('; ')}, which is read only under its exact name (case, spaces and typographic quotes aside). ` +
        'Rename the column in the header (or, if it is another column, give it a name further from this one)',
      [`the header has: ${headers.join(', ')}`],
    );
  }
}

/** A DuckDB CSV error in words a user can act on, without the row's text (it may hold personal fields). */
function csvReadError(spec: OwnCsvSpec, error: unknown): Error {
  const message = withoutRowText(error instanceof Error ? error.message : String(error));
  const kept = message.split('\n').filter((l) => l.trim() !== '' && !/Original Line|^\s*Possible|^\s*\*|^\s*-/.test(l)).slice(0, 3);
  return inputError(`${spec.display}: the file cannot be read as a CSV table: ${kept.join(' ')}`);
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
 *
 * The file is read the way spreadsheets write it (text.ts decodeBytes): UTF-8
 * straight from the file; UTF-16 and Windows-1252, or a file with Excel's `sep=`
 * line, rewritten as UTF-8 into a temp file first; comma, semicolon or tab.
 */
export async function readStage(warehouse: Warehouse, spec: OwnCsvSpec, options: { numbers?: boolean; lineBase?: number } = {}): Promise<Stage> {
  const sniffed = await sniffFile(spec.path);
  const headers = sniffed.headers;
  const keys = headers.map(normalizeHeader);
  const present = new Set(keys);
  refuseNearMisses(spec, headers);
  const missing = spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
  for (const group of spec.oneOfColumns ?? []) {
    if (!group.some((name) => present.has(name))) missing.push(group.join(' or '));
  }
  if (headers.every((h) => h.trim() === '')) {
    throw inputError(`${spec.display} is empty: it has no header line and no rows. Export the file again (a download that failed or was cut off leaves an empty file)`);
  }
  if (missing.length) {
    throw inputError(`${spec.display}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header has: ${headers.join(', ')})`);
  }
  const duplicate = headers.find((_, i) => keys.indexOf(keys[i]!) !== i);
  if (duplicate) throw inputError(`${spec.display}: the column ${duplicate} appears twice in the header`);

  const base = `_stage_${++stageCounter}`;
  const rejects = `_csv_rejects_${stageCounter}`;
  const read = (path: string) =>
    warehouse.run(
      `create or replace temp table ${base} as
       select *
       from read_csv($path, header = true, all_varchar = true, delim = $delim, quote = '"', escape = '"', skip = 0,
                     store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scan')`,
      { path, delim: sniffed.delimiter },
    );
  let lineOffset = sniffed.lineOffset;
  let temp: { file: string; dir: string } | null = null;
  try {
    if (sniffed.transcode) temp = await transcode(spec.path, sniffed.encoding, sniffed.lineOffset, warehouse.path);
    try {
      await read(temp?.file ?? spec.path);
    } catch (error) {
      // UTF-8 in the first 64 kB, a Windows-1252 byte further on: the whole file is Windows-1252.
      if (temp || !/unicode|utf-?8/i.test(error instanceof Error ? error.message : '')) throw csvReadError(spec, error);
      temp = await transcode(spec.path, 'windows-1252', 0, warehouse.path);
      lineOffset = 0;
      try {
        await read(temp.file);
      } catch (again) {
        throw csvReadError(spec, again);
      }
    }
  } finally {
    if (temp) await rm(temp.dir, { recursive: true, force: true });
  }
  // Columns are addressed by their normalised names from here on.
  const columns = await warehouse.rows<{ column_name: string }>(`select column_name from (describe ${base})`);
  for (const { column_name } of columns) {
    const key = normalizeHeader(column_name);
    if (column_name !== key && key !== '') await warehouse.run(`alter table ${base} rename column ${quoteIdent(column_name)} to ${quoteIdent(key)}`);
  }
  const structural = await warehouse.rows<{ line: number; error_type: string; error_message: string }>(
    `select line::integer as line, error_type, error_message from ${rejects} order by line limit 5`,
  );
  await warehouse.run(`drop table if exists ${rejects}; drop table if exists ${rejects}_scan`);
  if (structural.length) {
    await warehouse.run(`drop table if exists ${base}`);
    throw inputError(
      `${spec.display}: the file is not a consistent CSV table (read with the delimiter ${JSON.stringify(sniffed.delimiter)})`,
      structural.map((r) => `  line ${r.line + lineOffset}: ${withoutRowText(r.error_message.split('\n')[0] ?? '')}`),
    );
  }
  const view = `${base}_lines`;
  const [ids] = await warehouse.rows<{ n: number; plain: boolean }>(
    `select count(*)::integer as n, count(*) = 0 or (min(rowid) = 0 and max(rowid) = count(*) - 1) as plain from ${base}`,
  );
  // lineBase: records of the file before these (an appended part read on its own, index.ts), so lines continue
  const first = 2 + lineOffset + (options.lineBase ?? 0);
  await refuseSwallowedLines(spec, ids?.n ?? 0, lineOffset);
  if (!ids?.plain) {
    // Inside a transaction the rows carry provisional ids, still in file order: number them once, in a copy.
    await warehouse.run(
      `create temp table ${base}_numbered as select row_number() over (order by rowid) + ${first - 1} as _line, * from ${base};
       drop table ${base};
       alter table ${base}_numbered rename to ${base}`,
    );
  }
  const line = ids?.plain ? `rowid + ${first}` : '_line';
  const numberColumns = [...new Set([...spec.columns.filter((c) => c.check.kind === 'decimal').map((c) => c.name), ...(spec.numberColumns?.(keys) ?? [])])].filter((n) =>
    present.has(n),
  );
  const stage: Stage = {
    base, view, line, rows: ids?.n ?? 0, present, decimal: '.', amount: () => '', inFileOrder: true, numbersRead: false, numberColumns, lineColumn: ids?.plain ? `b.rowid + ${first}` : null,
    utf8: temp === null,
  };
  return options.numbers === false ? numberView(warehouse, stage, null) : readStageNumbers(warehouse, stage);
}

/** Reads the stage's number cells (readNumbers) and makes its view and `amount` read them in the file's layout. */
export async function readStageNumbers(warehouse: Warehouse, stage: Stage): Promise<Stage> {
  return numberView(warehouse, stage, await readNumbers(warehouse, stage.base, stage.numberColumns));
}

async function numberView(warehouse: Warehouse, stage: Stage, numbers: Awaited<ReturnType<typeof readNumbers>> | null): Promise<Stage> {
  const joined = numbers ? stage.numberColumns.filter((n) => numbers.mapped.has(n)) : [];
  await warehouse.run(
    `create or replace temp view ${stage.view} as
     select ${stage.lineColumn ? `${stage.lineColumn} as _line, ` : ''}b.*${joined.map((n, i) => `, n${i}.value as ${quoteIdent(`#number ${n}`)}`).join('')}
     from ${stage.base} as b
     ${joined.map((n, i) => `left join ${numbers!.table} as n${i} on n${i}.raw = b.${quoteIdent(n)}`).join('\n     ')}`,
  );
  const amount = (name: string, type = 'decimal(18, 4)') => {
    const col = quoteIdent(name);
    if (!stage.present.has(name)) return `null::${type}`;
    return joined.includes(name) ? `try_cast(coalesce(${quoteIdent(`#number ${name}`)}, trim(${col})) as ${type})` : `try_cast(trim(${col}) as ${type})`;
  };
  return { ...stage, decimal: numbers?.decimal ?? '.', amount, inFileOrder: joined.length === 0, numbersRead: numbers !== null, changed: joined.length > 0 || numbers?.decimal === ',' };
}

const PLAIN_NUMBER: Record<DecimalSeparator, string> = { '.': '-?\\d+(\\.\\d+)?', ',': '-?\\d+' };

/**
 * Decides the file's decimal separator and reads its number cells that DuckDB's
 * cast would not (`2.500,00`, `2,500.00`, `€ 49,90`, `49.90 EUR`) with values.ts
 * parseNumber, into a table of distinct cell → plain decimal text ('' when the cell
 * is no number in the file's layout). The common file (digits and a decimal point)
 * costs one scan per number column and no table.
 */
async function readNumbers(
  warehouse: Warehouse,
  base: string,
  columns: string[],
): Promise<{ decimal: DecimalSeparator; table: string; mapped: Set<string> }> {
  const table = `${base}_numbers`;
  const none = { decimal: '.' as DecimalSeparator, table, mapped: new Set<string>() };
  if (columns.length === 0) return none;
  const cells = (where: string) => columns.map((n) => `select ${quoteIdent(n)} as v, ${sqlString(n)} as col from ${base} where ${quoteIdent(n)} is not null and ${where.replaceAll('$v', quoteIdent(n))}`);
  const odd = await warehouse.rows<{ v: string; col: string }>(
    `select distinct v, col from (${cells(`not regexp_full_match($v, '${PLAIN_NUMBER['.']}')`).join(' union all ')})`,
  );
  if (odd.length === 0) return none;
  const points = await warehouse.rows<{ v: string }>(`select v from (${cells(`contains($v, '.')`).join(' union all ')}) limit 2000`);
  const decimal = decideDecimalSeparator([...odd.map((r) => r.v), ...points.map((r) => r.v)]);
  const toRead = decimal === '.' ? odd : await warehouse.rows<{ v: string; col: string }>(
    `select distinct v, col from (${cells(`not regexp_full_match($v, '${PLAIN_NUMBER[',']}')`).join(' union all ')})`,
  );
  const mapped = new Set(toRead.map((r) => r.col));
  const values = new Map<string, string>();
  for (const { v } of toRead) {
    if (values.has(v)) continue;
    const parsed = parseNumber(v, decimal);
    values.set(v, parsed && !parsed.percent ? parsed.text : '');
  }
  await warehouse.run(`create or replace temp table ${table} (raw varchar primary key, value varchar)`);
  const entries = [...values];
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000);
    await warehouse.run(`insert into ${table} values ${chunk.map(([raw, value]) => `(${sqlString(raw)}, ${sqlString(value)})`).join(', ')}`);
  }
  return { decimal, table, mapped };
}

/** One SQL select per column rule of the file, returning the lines that break it, with column and reason. */
function ruleChecks(spec: OwnCsvSpec, stage: Stage): { failure: string; select: string }[] {
  const checks: { failure: string; select: string }[] = [];
  const push = (failure: string, priority: number, column: string, reason: string, raw: string) =>
    checks.push({
      failure,
      select: `select _line, ${priority} as priority, ${sqlString(column)} as column_name, ${reason} as reason, ${raw} as raw_value from ${stage.view} where ${failure}`,
    });
  spec.columns.forEach((rule, index) => {
    if (!stage.present.has(rule.name)) return;
    const col = quoteIdent(rule.name);
    const priority = index * 3;
    if (rule.required) push(`${col} is null`, priority, rule.name, sqlString(`is empty; expected ${describe(rule, stage.decimal)}`), col);
    const amount = rule.check.kind === 'decimal' ? stage.amount(rule.name) : undefined;
    const test = check(rule.check, col, amount, stage.decimal);
    if (test) push(`${col} is not null and (${test.where})`, priority + 1, rule.name, `${sqlString(`expected ${test.expected}, found `)} || '"' || ${col} || '"'`, col);
    if (rule.check.kind === 'decimal' && rule.check.negative) {
      push(`${amount} < 0`, priority + 2, rule.name, `${sqlString(`is negative ("`)} || ${col} || ${sqlString(`"): ${rule.check.negative}`)}`, col);
    }
  });
  const c = (name: string) => (stage.present.has(name) ? quoteIdent(name) : 'null');
  (spec.rowChecks ?? []).forEach((rowCheck, index) => {
    const reason = rowCheck.found ? `${sqlString(`${rowCheck.reason}, found "`)} || coalesce(${rowCheck.found({ c })}, '') || '"'` : sqlString(rowCheck.reason);
    push(rowCheck.failure({ c, amount: stage.amount }), spec.columns.length * 3 + index, rowCheck.column, reason, c(rowCheck.column));
  });
  return checks;
}

/**
 * What a row that passes every rule of ruleChecks satisfies, as one predicate: the
 * same verdict, with one cast per number column (DuckDB does not share a cast between
 * predicates; three per column cost 0.3 s on 3 million orders).
 */
function passesAll(spec: OwnCsvSpec, stage: Stage): string {
  const parts: string[] = [];
  spec.columns.forEach((rule) => {
    if (!stage.present.has(rule.name)) return;
    const col = quoteIdent(rule.name);
    if (rule.check.kind === 'decimal') {
      const ok = `coalesce(${stage.amount(rule.name)} ${rule.check.negative ? '>= 0' : 'is not null'}, false)`;
      parts.push(rule.required ? `(${col} is not null and ${ok})` : `(${col} is null or ${ok})`);
      return;
    }
    if (rule.required) parts.push(`${col} is not null`);
    const test = check(rule.check, col, undefined, stage.decimal);
    if (test) parts.push(`not coalesce(${col} is not null and (${test.where}), false)`);
  });
  const c = (name: string) => (stage.present.has(name) ? quoteIdent(name) : 'null');
  for (const rowCheck of spec.rowChecks ?? []) parts.push(`not coalesce(${rowCheck.failure({ c, amount: stage.amount })}, false)`);
  return parts.length ? parts.join('\n       and ') : 'true';
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
 * The money the rejected rows of a stage held, per currency, as far as their
 * amounts can be read: what the report's notice says is missing.
 */
async function rejectedMoney(warehouse: Warehouse, spec: OwnCsvSpec, stage: Stage, rejectedLines: string): Promise<RejectedMoney[]> {
  if (!spec.money || !stage.present.has(spec.money.amount)) return [];
  const amount = stage.amount(spec.money.amount);
  const currency = spec.money.currency && stage.present.has(spec.money.currency) ? `nullif(upper(trim(${quoteIdent(spec.money.currency)})), '')` : 'null';
  const rows = await warehouse.rows<{ currency: string | null; amount: string | null; rows: number; unreadable: number }>(
    `select ${currency} as currency, sum(${amount})::varchar as amount, count(*)::integer as rows, count(*) filter (where ${amount} is null)::integer as unreadable
     from ${stage.view} where _line in (${rejectedLines}) group by all order by currency nulls first`,
  );
  return rows.map((r) => ({ ...r, amount: r.amount === null ? null : trimZeros(r.amount) }));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * Reads the file into a temp table of text columns with line numbers, checks
 * every rule, and records rejected rows (first failing column per line) in
 * raw_rejected_rows. The caller inserts the rows that passed into its raw table
 * (with `keepRejected`, the rows not in `rejectedTable`). `prepared`: the file already
 * read by readStage (with its numbers), before the caller's transaction.
 */
export async function stageOwnCsv(warehouse: Warehouse, spec: OwnCsvSpec, options: { keepRejected?: boolean; prepared?: Stage | null } = {}): Promise<StagedCsv> {
  const stage = options.prepared ?? (await readStage(warehouse, spec));
  const checks = ruleChecks(spec, stage);
  let rejected = 0;
  let rejectedTable: string | undefined;
  let money: RejectedMoney[] = [];
  if (checks.length) {
    const table = await recordRejects(warehouse, spec, stage, checks);
    rejected = Number((await warehouse.rows<{ n: number }>(`select count(*)::integer as n from ${table}`))[0]?.n ?? 0);
    if (rejected > 0) money = await rejectedMoney(warehouse, spec, stage, `select _line from ${table}`);
    if (options.keepRejected) rejectedTable = table;
    else await warehouse.run(`delete from ${stage.base} where ${stage.line} in (select _line from ${table})`);
  }
  return { table: stage.view, base: stage.base, rows: stage.rows - rejected, rejected, present: stage.present, rejectedTable, rejectedMoney: money, amount: stage.amount, straight: stage.utf8 && !stage.changed };
}

/**
 * Loads a file of our own layout straight into its raw table: the rows that
 * pass every rule go in with `select` (over the staged columns and `_line`, in
 * the raw table's column order; `c(name)` is a column, or null when the file has
 * none, `amount(name)` a number column as a decimal, and $file is bound), in file
 * order. Only when some row did not pass are the rules checked one by one, to
 * record each rejected row with its line, column and reason, exactly as
 * stageOwnCsv does; a clean file is read once.
 */
export async function loadOwnCsv(
  warehouse: Warehouse,
  spec: OwnCsvSpec,
  target: string,
  select: (c: (name: string) => string, amount: (name: string, type?: string) => string) => string,
  prepared?: Stage | null,
): Promise<{ rows: number; rejected: number; rejectedMoney: RejectedMoney[]; straight: ReadStraight }> {
  let stage = prepared ?? (await readStage(warehouse, spec, { numbers: false }));
  const insert = async () => {
    const checks = ruleChecks(spec, stage);
    const passes = passesAll(spec, stage);
    const c = (name: string) => (stage.present.has(name) ? quoteIdent(name) : 'null');
    const result = await warehouse.connection.run(
      `insert into ${target} select ${select(c, stage.amount)} from ${stage.view} where ${passes}${stage.inFileOrder ? '' : ' order by _line'}`,
      { file: spec.display },
    );
    return { checks, rows: Number(result.rowsChanged) };
  };
  let { checks, rows } = await insert();
  if (rows < stage.rows && !stage.numbersRead && stage.numberColumns.length) {
    // Some row did not pass: perhaps only because the file writes 49,90 or 2,500.00. Read its numbers, and load again.
    stage = await readStageNumbers(warehouse, stage);
    if (stage.changed) {
      await warehouse.run(`delete from ${target} where source_file = $file`, { file: spec.display });
      ({ checks, rows } = await insert());
    }
  }
  let money: RejectedMoney[] = [];
  if (rows < stage.rows) {
    const table = await recordRejects(warehouse, spec, stage, checks);
    money = await rejectedMoney(warehouse, spec, stage, `select _line from ${table}`);
  }
  await dropStage(warehouse, { table: stage.view, base: stage.base });
  return { rows, rejected: stage.rows - rows, rejectedMoney: money, straight: stage.utf8 && !stage.changed };
}

function describe(rule: ColumnRule, decimal: DecimalSeparator = '.'): string {
  return check(rule.check, 'x', undefined, decimal)?.expected ?? 'a value';
}

/** `"col"` when the file has the column, else `null`, for insert-selects over optional columns. */
export function columnOrNull(staged: StagedCsv, name: string): string {
  return staged.present.has(name) ? quoteIdent(name) : 'null';
}

export async function dropStage(warehouse: Warehouse, staged: Pick<StagedCsv, 'table' | 'base'>): Promise<void> {
  await warehouse.run(
    `drop view if exists ${staged.table}; drop table if exists ${staged.base}; drop table if exists ${staged.base}_rejected; drop table if exists ${staged.base}_numbers`,
  );
}
