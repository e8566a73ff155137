// The SQL that analysts own: queries/<layer>/<table>.sql, one select per file,
// the file name is the table name. Files are ordered by layer and, within and
// across layers, by the tables they read.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EXIT, ReportError } from './errors.ts';
import { tablesRead, type SqlParser } from './sql-analysis.ts';
import { sqlError } from './sql-errors.ts';
import { forgetIncremental, incrementalDeclaration, runIncremental, type IncrementalOutcome } from './incremental-transform.ts';
import { quoteIdent, storedObject, type Warehouse } from './warehouse.ts';

export const LAYERS = ['staging', 'intermediate', 'marts'] as const;
export type Layer = (typeof LAYERS)[number];

export interface QueryFile {
  name: string;
  layer: Layer;
  /** Path for messages, relative to the project (or the queries folder's parent). */
  display: string;
  sql: string;
  /**
   * A view is computed when read; a table is stored; a temporary table is computed once
   * per run for that run's readers and not stored (the warehouse keeps a view of it).
   * Staging files are views, the others tables, unless a `-- materialized:` line says otherwise.
   */
  materialized: Materialization;
  /** The files it reads (their tables), the order of the run follows them. */
  dependsOn: string[];
  /** Every table it reads, the raw tables ingest writes included. */
  reads: string[];
  /** What it reads in the end: the tables read directly or through views (a view is only its select). */
  readsThroughViews: string[];
  /** queries/macros.sql, which runQuery creates in the warehouse before the file runs (null: there is none). */
  macros?: MacroFile | null;
}

/** queries/macros.sql: the DuckDB macros (named speed tricks) the SQL files may call. */
export interface MacroFile {
  display: string;
  sql: string;
}

export const MACROS_FILE = 'macros.sql';

export type Materialization = 'view' | 'table' | 'temporary';

const MATERIALIZATIONS: readonly string[] = ['view', 'table', 'temporary'] satisfies Materialization[];

export const MATERIALIZED_LINE = /^--\s*materialized:\s*(\S*)\s*$/i;

/** The comment lines at the top of a SQL file: its header, where settings such as `-- materialized:` go. */
export function headerLines(sql: string): string[] {
  const lines: string[] = [];
  for (const line of sql.split('\n')) {
    if (!line.startsWith('--')) break;
    lines.push(line);
  }
  return lines;
}

/** What the file's header says, if anything; a line further down is only a comment. */
function materialization(sql: string, layer: Layer, display: string): Materialization {
  const said = headerLines(sql).map((line) => MATERIALIZED_LINE.exec(line)?.[1]).find((value) => value !== undefined);
  if (said === undefined) return layer === 'staging' ? 'view' : 'table';
  if (!MATERIALIZATIONS.includes(said)) {
    throw new ReportError(`${display}: "-- materialized: ${said}" must say view, table or temporary`, { exitCode: EXIT.sql });
  }
  return said as Materialization;
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** SQL without comments and string literals, for finding the names a query reads. */
export function stripCommentsAndStrings(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** The file's SQL without a trailing semicolon; throws when it is not a single select. */
function singleSelect(sql: string, display: string): string {
  const body = sql.replace(/;\s*$/, '');
  const code = stripCommentsAndStrings(body).trim();
  if (code === '') throw new ReportError(`${display} is empty: write one select statement`, { exitCode: EXIT.sql });
  if (code.includes(';')) {
    throw new ReportError(`${display} holds more than one statement: each file is one select, and the file name is the table it makes`, { exitCode: EXIT.sql });
  }
  if (!/^(\(|with\b|select\b|from\b|values\b|pivot\b|unpivot\b)/i.test(code)) {
    throw new ReportError(`${display} must be a select (it starts with "${code.split(/\s/)[0]}"); the pipeline creates the table itself`, { exitCode: EXIT.sql });
  }
  return body;
}

const MACRO_STATEMENT = /^create\s+(or\s+replace\s+)?((temp|temporary)\s+)?macro\b/i;

/**
 * Reads queries/macros.sql, if there is one: only `create macro` statements. They are
 * created in the parser's own database here, so a broken macro fails before anything
 * runs, with its file, line and column. A macro is a function, never a table: the
 * dependency analysis sees its calls as function calls and orders nothing by them.
 */
export async function loadMacros(queriesDir: string, displayRoot: string, parser: SqlParser): Promise<MacroFile | null> {
  const path = join(queriesDir, MACROS_FILE);
  let sql: string;
  try {
    sql = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const display = relative(displayRoot, path);
  for (const statement of stripCommentsAndStrings(sql).split(';')) {
    const code = statement.trim();
    if (code !== '' && !MACRO_STATEMENT.test(code)) {
      throw new ReportError(`${display} holds "${code.split(/\s+/).slice(0, 3).join(' ')} …": only create macro statements belong there (a table is a file in a layer folder)`, { exitCode: EXIT.sql });
    }
  }
  try {
    await parser.execute(sql);
  } catch (error) {
    throw sqlError({ display, lineOffset: 0, text: sql }, error);
  }
  return { display, sql };
}

/** The macros each warehouse connection has, as last created by createMacros (so each run creates them once). */
const macrosCreated = new WeakMap<Warehouse, string>();

/**
 * Creates queries/macros.sql's macros in the warehouse, unless this warehouse already has
 * this text of them. They are stored in the warehouse file, so that its views, and a later
 * `npm run sql`, find them.
 */
export async function createMacros(warehouse: Warehouse, macros: MacroFile | null | undefined): Promise<void> {
  if (!macros || macrosCreated.get(warehouse) === macros.sql) return;
  try {
    await warehouse.run(macros.sql);
  } catch (error) {
    throw sqlError({ display: macros.display, lineOffset: 0, text: macros.sql }, error);
  }
  macrosCreated.set(warehouse, macros.sql);
}

/**
 * Reads queries/<layer>/*.sql. What each file reads comes from DuckDB's parser;
 * a file that does not parse, or reads a table that neither another file nor
 * ingest makes, fails here, before anything runs.
 */
export async function loadQueries(queriesDir: string, reserved: Iterable<string>, displayRoot: string, parser: SqlParser): Promise<QueryFile[]> {
  const files: Omit<QueryFile, 'dependsOn' | 'reads' | 'readsThroughViews'>[] = [];
  const reservedNames = new Set(reserved);
  for (const layer of LAYERS) {
    let entries: string[];
    try {
      entries = (await readdir(join(queriesDir, layer))).filter((f) => f.endsWith('.sql')).sort();
    } catch {
      entries = [];
    }
    for (const entry of entries) {
      const path = join(queriesDir, layer, entry);
      const display = relative(displayRoot, path);
      const name = entry.slice(0, -'.sql'.length);
      if (!NAME.test(name)) {
        throw new ReportError(`${display}: a table name must be lower case letters, digits and _ (it becomes the table name)`, { exitCode: EXIT.sql });
      }
      if (reservedNames.has(name)) throw new ReportError(`${display}: ${name} is a table the pipeline writes itself; choose another file name`, { exitCode: EXIT.sql });
      const clash = files.find((f) => f.name === name);
      if (clash) throw new ReportError(`${display} and ${clash.display} would both make the table ${name}`, { exitCode: EXIT.sql });
      const sql = singleSelect(await readFile(path, 'utf8'), display);
      files.push({ name, layer, display, sql, materialized: materialization(sql, layer, display) });
    }
  }
  if (files.length === 0) throw new ReportError(`no SQL files found in ${queriesDir}/{${LAYERS.join(',')}}`, { exitCode: EXIT.sql });
  const macros = await loadMacros(queriesDir, displayRoot, parser);
  const names = new Set(files.map((f) => f.name));
  const known = new Set([...names, ...reservedNames]);
  const queries: QueryFile[] = [];
  for (const f of files) {
    const tables = await tablesRead(parser, { display: f.display, lineOffset: 0, text: f.sql }, known);
    const reads = tables.filter((t) => t !== f.name);
    queries.push({ ...f, dependsOn: reads.filter((t) => names.has(t)), reads, readsThroughViews: [], macros });
  }
  const byName = new Map(queries.map((q) => [q.name, q]));
  const behind = (name: string, seen: Set<string>): string[] => {
    const q = byName.get(name);
    if (!q || q.materialized !== 'view') return [name];
    if (seen.has(name)) return []; // a cycle, which orderQueries reports
    return q.reads.flatMap((r) => behind(r, new Set([...seen, name])));
  };
  for (const q of queries) q.readsThroughViews = [...new Set(q.reads.flatMap((r) => behind(r, new Set([q.name]))))].sort();
  return queries;
}

/** Layer order, and dependencies first within it; a read from a later layer or a cycle is an error. */
export function orderQueries(queries: QueryFile[]): QueryFile[] {
  const byName = new Map(queries.map((q) => [q.name, q]));
  for (const q of queries) {
    for (const dep of q.dependsOn) {
      const d = byName.get(dep)!;
      if (LAYERS.indexOf(d.layer) > LAYERS.indexOf(q.layer)) {
        throw new ReportError(`${q.display} reads ${dep}, which is in the later layer ${d.layer}: staging reads raw tables, intermediate reads staging, marts read either`, { exitCode: EXIT.sql });
      }
    }
  }
  const ordered: QueryFile[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (q: QueryFile, trail: string[]) => {
    if (state.get(q.name) === 'done') return;
    if (state.get(q.name) === 'visiting') {
      throw new ReportError(`the queries read each other in a circle: ${[...trail, q.name].join(' → ')}`, { exitCode: EXIT.sql });
    }
    state.set(q.name, 'visiting');
    for (const dep of q.dependsOn) visit(byName.get(dep)!, [...trail, q.name]);
    state.set(q.name, 'done');
    ordered.push(q);
  };
  for (const layer of LAYERS) for (const q of queries.filter((x) => x.layer === layer)) visit(q, []);
  return ordered;
}

/**
 * The statements that make a file's object. Staging files become views (they only
 * rename and cast, so storing a second copy of every raw row would cost time for
 * nothing); the other layers become tables, except files that say
 * `-- materialized: view` (a per-row step whose few readers compute it faster than
 * DuckDB writes tens of millions of rows) or `-- materialized: temporary` (a large
 * step read by several files of the same run: DuckDB keeps it in memory, spilling
 * beyond the memory limit, instead of compressing it into the warehouse file; the
 * warehouse keeps a view of the same select, so that `npm run sql` and later runs
 * still find the name, computed when read). Within the run the temporary table
 * hides the view, as DuckDB looks up temporary objects first.
 * The select is wrapped so that DuckDB's line numbers are the file's line numbers plus one.
 */
export function createStatements(q: QueryFile): string[] {
  const as = `"${q.name}" as (\n${q.sql}\n)`;
  if (q.materialized === 'temporary') return [`create or replace view ${as}`, `create or replace temp table ${as}`];
  return [`create or replace ${q.materialized} ${as}`];
}

/** What the warehouse file holds under a file's name: a view, or a table. */
function storedKind(q: QueryFile): 'VIEW' | 'BASE TABLE' {
  return q.materialized === 'table' ? 'BASE TABLE' : 'VIEW';
}

export interface RunQueryOptions {
  /**
   * Run a file declared in pipeline/incremental-transform.ts month by month (the transform of a
   * report run); each such file's outcome is passed here. Without it the file is made in
   * full and its fingerprints forgotten (`npm run dev`, the bench's single steps).
   */
  incremental?: (outcome: IncrementalOutcome) => void;
}

/** Runs one file; returns the rows of the table it made (null for a view, which holds none). */
export async function runQuery(warehouse: Warehouse, q: QueryFile, options: RunQueryOptions = {}): Promise<number | null> {
  await createMacros(warehouse, q.macros);
  const declaration = incrementalDeclaration(q);
  if (declaration && options.incremental) {
    options.incremental(await runIncremental(warehouse, q, declaration, () => makeObject(warehouse, q)));
  } else {
    if (declaration) await forgetIncremental(warehouse, q.name);
    await makeObject(warehouse, q);
  }
  if (q.materialized === 'view') return null;
  const [row] = await warehouse.rows<{ n: number }>(`select count(*)::integer as n from "${q.name}"`);
  return row?.n ?? 0;
}

/** Makes the file's object anew from its select. */
async function makeObject(warehouse: Warehouse, q: QueryFile): Promise<void> {
  try {
    // An earlier run may have made the other kind of object under this name.
    const existing = await storedObject(warehouse, q.name);
    if (existing && existing.type !== storedKind(q)) {
      // named in full: a temporary table by the same name would be found first
      await warehouse.run(`drop ${existing.type === 'VIEW' ? 'view' : 'table'} ${quoteIdent(existing.catalog)}.main."${q.name}"`);
    }
    // a temporary table of an earlier file by this name (same run, the file changed its mind)
    if (q.materialized !== 'temporary') await warehouse.run(`drop table if exists temp.main."${q.name}"`);
    for (const statement of createStatements(q)) await warehouse.run(statement);
  } catch (error) {
    throw sqlError({ display: q.display, lineOffset: 1, text: q.sql }, error);
  }
}
