// SQL data tests: queries/tests/<name>.sql returns the rows that break an
// invariant. `-- severity: error` fails the build; `-- severity: warn` warns.
// A mart may also state its grain and invariants in its header, which become
// tests of the same kind:
//   -- test unique: month, campaign, model      (one row per these columns)
//   -- test not_null: month, campaign            (none of these is empty)
//   -- test check: total_cost >= 0               (true, or empty, on every row)
//   -- test warn check: roi < 100                (a warning instead of an error)
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EXIT, ReportError } from './errors.ts';
import { sqlError } from './sql-errors.ts';
import { plural, timedStep, type Logger } from './log.ts';
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
    const description = leadingComments(sql)
      .filter((l) => !/severity:/i.test(l))
      .join(' ')
      .trim();
    tests.push({ name: entry.slice(0, -4), display, severity, description, sql });
  }
  return tests;
}

function leadingComments(sql: string): string[] {
  const lines: string[] = [];
  for (const line of sql.split('\n')) {
    if (!line.startsWith('--')) break;
    lines.push(line.replace(/^--\s?/, ''));
  }
  return lines;
}

const ANNOTATION = /^test\s+(?:(warn|error)\s+)?(unique|not_null|check):\s*(.+)$/i;

/** The tests a file states in its header with `-- test unique|not_null|check: …`. */
export function annotatedTests(file: { name: string; display: string; sql: string }): DataTest[] {
  const table = `"${file.name}"`;
  return leadingComments(file.sql).flatMap((comment): DataTest[] => {
    const match = ANNOTATION.exec(comment.trim());
    if (!match) return [];
    const severity = match[1]?.toLowerCase() === 'warn' ? 'warn' : 'error';
    const kind = match[2]!.toLowerCase();
    const body = match[3]!.trim();
    const columns = body.split(',').map((c) => c.trim()).filter(Boolean);
    const base = { display: file.display, severity } as const;
    if (kind === 'unique') {
      return [{ ...base, name: `${file.name} unique`, description: `${file.name} has one row per ${columns.join(', ')}.`,
        sql: `select ${columns.join(', ')}, count(*) as copies from ${table} group by ${columns.join(', ')} having count(*) > 1 order by copies desc` }];
    }
    if (kind === 'not_null') {
      return [{ ...base, name: `${file.name} not_null`, description: `${file.name}: ${columns.join(', ')} ${columns.length === 1 ? 'is' : 'are'} never empty.`,
        sql: `select * from ${table} where ${columns.map((c) => `${c} is null`).join(' or ')}` }];
    }
    return [{ ...base, name: `${file.name} check`, description: `${file.name}: ${body} on every row.`, sql: `select * from ${table} where not coalesce((${body}), true)` }];
  });
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
      throw sqlError({ display: test.display, lineOffset: 1, text: test.sql }, error, 'SQL error in data test');
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

/** The check step: every test run, warnings printed and kept, errors fail the build with their rows. */
export async function checkStep(warehouse: Warehouse, tests: DataTest[], warnings: string[], logger: Logger): Promise<void> {
  await timedStep(logger, 'check', async () => {
    const failures = await runDataTests(warehouse, tests);
    const errors = failures.filter((f) => f.test.severity === 'error');
    const warned = failures.filter((f) => f.test.severity === 'warn');
    for (const failure of warned) {
      const [first, ...rest] = failureLines(failure);
      logger.warn([first, ...rest].join('\n'));
      warnings.push(first!);
    }
    if (errors.length) {
      throw new ReportError(`${plural(errors.length, 'data test')} failed; the report was not built`, {
        exitCode: EXIT.check,
        details: errors.flatMap(failureLines),
      });
    }
    return {
      result: undefined,
      summary: `${plural(tests.length, 'data test')}: ${tests.length - failures.length} passed, ${warned.length} warned, 0 failed`,
      counts: { tests: tests.length, passed: tests.length - failures.length, warned: warned.length, failed: 0 },
    };
  });
}
