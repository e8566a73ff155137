// SQL data tests: queries/tests/<name>.sql returns the rows that break an
// invariant. `-- severity: error` fails the build; `-- severity: warn` warns.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EXIT, ReportError } from './errors.ts';
import { sqlError } from './sql-errors.ts';
import type { Warehouse } from './warehouse.ts';

export interface DataTest {
  name: string;
  display: string;
  severity: 'error' | 'warn';
  description: string;
  sql: string;
}

export interface TestFailure {
  test: DataTest;
  rows: number;
  examples: Record<string, unknown>[];
}

const EXAMPLES = 5;

export async function loadDataTests(queriesDir: string, displayRoot: string): Promise<DataTest[]> {
  const dir = join(queriesDir, 'tests');
  let entries: string[];
  try {
    entries = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  } catch {
    return [];
  }
  const tests: DataTest[] = [];
  for (const entry of entries) {
    const path = join(dir, entry);
    const display = relative(displayRoot, path);
    const sql = (await readFile(path, 'utf8')).replace(/;\s*$/, '');
    const severity = /^--\s*severity:\s*(error|warn)\b/im.exec(sql)?.[1];
    if (severity !== 'error' && severity !== 'warn') {
      throw new ReportError(`${display}: start the file with a "-- severity: error" or "-- severity: warn" line`, { exitCode: EXIT.sql });
    }
    const description = sql
      .split('\n')
      .filter((l) => l.startsWith('--') && !/severity:/i.test(l))
      .map((l) => l.replace(/^--\s?/, ''))
      .join(' ')
      .trim();
    tests.push({ name: entry.slice(0, -4), display, severity, description, sql });
  }
  return tests;
}

export function formatExample(row: Record<string, unknown>): string {
  return Object.entries(row)
    .map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString().slice(0, 10) : Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
    .join(', ');
}

export async function runDataTests(warehouse: Warehouse, tests: DataTest[]): Promise<TestFailure[]> {
  const failures: TestFailure[] = [];
  for (const test of tests) {
    let count: number;
    let examples: Record<string, unknown>[];
    try {
      const [row] = await warehouse.rows<{ n: number }>(`select count(*)::integer as n from (\n${test.sql}\n)`);
      count = row?.n ?? 0;
      examples = count > 0 ? await warehouse.rows(`select * from (\n${test.sql}\n) limit ${EXAMPLES}`) : [];
    } catch (error) {
      throw sqlError({ display: test.display, lineOffset: 1 }, error, 'SQL error in data test');
    }
    if (count > 0) failures.push({ test, rows: count, examples });
  }
  return failures;
}

export function failureLines(failure: TestFailure): string[] {
  return [
    `${failure.test.display}: ${failure.rows} row${failure.rows === 1 ? '' : 's'} — ${failure.test.description}`,
    ...failure.examples.map((row) => `    ${formatExample(row)}`),
    ...(failure.rows > failure.examples.length ? [`    … and ${failure.rows - failure.examples.length} more`] : []),
  ];
}
