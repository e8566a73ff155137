// What a SQL file reads, from DuckDB's own parser (json_serialize_sql): the
// tables it names, minus its CTEs. The pipeline orders the files by it and
// refuses, before loading a row, a file that reads a table nobody makes,
// naming the closest table that exists.
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlErrorAt, type SqlSource } from './sql-errors.ts';
import { lineAndColumn } from './sql-errors.ts';

export type Analysis = { tables: string[]; ctes: string[] } | { error: string; position: number | null };

export interface SqlParser {
  analyse(sql: string): Promise<Analysis>;
  /** Runs statements in the parser's own in-memory database (queries/macros.sql, to check it before the run); throws DuckDB's error. */
  execute(sql: string): Promise<void>;
  close(): void;
}

function collect(node: unknown, tables: Set<string>, ctes: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, tables, ctes);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.type === 'BASE_TABLE' && typeof record.table_name === 'string') tables.add(record.table_name.toLowerCase());
  const cteMap = record.cte_map as { map?: { key?: unknown }[] } | undefined;
  for (const entry of cteMap?.map ?? []) if (typeof entry.key === 'string') ctes.add(entry.key.toLowerCase());
  for (const value of Object.values(record)) collect(value, tables, ctes);
}

/** A DuckDB parser of its own (in memory), so analysis needs no warehouse. */
export async function openSqlParser(): Promise<SqlParser> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    async analyse(sql) {
      const reader = await connection.runAndReadAll('select json_serialize_sql($sql::varchar) as ast', { sql });
      const ast = JSON.parse(String(reader.getRowObjectsJS()[0]?.ast)) as { error?: boolean; error_message?: string; position?: string };
      if (ast.error) return { error: ast.error_message ?? 'syntax error', position: ast.position === undefined ? null : Number(ast.position) };
      const tables = new Set<string>();
      const ctes = new Set<string>();
      collect(ast, tables, ctes);
      return { tables: [...tables].filter((t) => !ctes.has(t)).sort(), ctes: [...ctes].sort() };
    },
    async execute(sql) {
      await connection.run(sql);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

export function closestName(name: string, known: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== null && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(3, Math.floor(name.length / 3)) ? best : null;
}

/** Where a name first stands in a SQL text, outside comments and strings. */
function firstUse(sql: string, name: string): number {
  const code = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, (m) => m.replace(/[^\n]/g, ' '));
  const match = new RegExp(`(?<![\\w."])"?${name.replace(/[^\w]/g, '\\$&')}"?(?![\\w"])`, 'i').exec(code);
  return match?.index ?? 0;
}

const SYSTEM_SCHEMAS = /^(information_schema|pg_catalog|duckdb_|pragma_)/;

/**
 * The tables a file reads, checked against the tables that exist when it runs:
 * a parse error or an unknown table throws with file, line, column and, for a
 * table, the closest known name.
 */
export async function tablesRead(parser: SqlParser, source: SqlSource & { text: string }, known: ReadonlySet<string>, what = 'SQL error'): Promise<string[]> {
  const analysis = await parser.analyse(source.text);
  if ('error' in analysis) {
    const { line, column } = lineAndColumn(source.text, analysis.position ?? 0);
    throw sqlErrorAt(source, line, column, `Parser Error: ${analysis.error}`, undefined, what);
  }
  for (const cte of analysis.ctes) {
    if (!known.has(cte)) continue;
    // A CTE named like a table hides that table from everything after it, and from the file's dependencies.
    const { line, column } = lineAndColumn(source.text, firstUse(source.text, cte));
    throw sqlErrorAt(source, line, column, `names a CTE ${cte}, like the table ${cte}; give the CTE another name (e.g. ${cte}_rows)`, undefined, what);
  }
  for (const table of analysis.tables) {
    if (known.has(table) || SYSTEM_SCHEMAS.test(table)) continue;
    const { line, column } = lineAndColumn(source.text, firstUse(source.text, table));
    const suggestion = closestName(table, known);
    throw sqlErrorAt(
      source,
      line,
      column,
      `reads the table ${table}, which no SQL file makes and ingest does not write${suggestion ? `; did you mean ${suggestion}?` : ''}`,
      undefined,
      what,
    );
  }
  return analysis.tables;
}
