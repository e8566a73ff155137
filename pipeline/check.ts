// SQL data tests: queries/tests/<name>.sql returns the rows that break an
// invariant. `-- severity: error` fails the build; `-- severity: warn` warns.
// `-- test [<locale>] <text>` lines say what the test checks in each locale of the
// report (the methodology page and the report's notes show them); the other header
// comments are the analysts' description, which the run log shows.
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
import { everyLocale, lineLocale, requireEveryLocale, type LocaleTexts } from './locale-lines.ts';
import { note } from './notes.ts';

export interface DataTest {
  name: string;
  display: string;
  severity: 'error' | 'warn';
  description: string;
  /** What the test checks, per locale, for the reader (`code` in backticks). */
  texts: LocaleTexts;
  sql: string;
}

const TEXT_LINE = /^test\s+\[([a-z]{2})\]\s+(.+)$/;

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
    const comments = leadingComments(sql);
    const description = comments
      .filter((l) => !/severity:/i.test(l) && !TEXT_LINE.test(l.trim()))
      .join(' ')
      .trim();
    const texts: LocaleTexts = {};
    for (const line of comments) {
      const m = TEXT_LINE.exec(line.trim());
      if (!m) continue;
      const locale = lineLocale(m[1]!, display, '-- test');
      texts[locale] = texts[locale] ? `${texts[locale]} ${m[2]!.trim()}` : m[2]!.trim();
    }
    tests.push({
      name: entry.slice(0, -4),
      display,
      severity,
      description,
      texts: Object.keys(texts).length ? requireEveryLocale(texts, display, '-- test') : everyLocale(description),
      sql,
    });
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

const code = (names: string[]) => names.map((n) => `\`${n}\``);
const list = (items: string[], and: string) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}` : items.join(''));

/** What a test stated in a mart's header checks, in every locale (names as code). */
const ANNOTATED_TEXTS = {
  unique: (table: string, columns: string[]): LocaleTexts => ({
    de: `\`${table}\` hat genau eine Zeile je ${list(code(columns), 'und')}.`,
    en: `\`${table}\` has one row per ${list(code(columns), 'and')}.`,
    fr: `\`${table}\` a une seule ligne par ${list(code(columns), 'et')}.`,
  }),
  not_null: (table: string, columns: string[]): LocaleTexts => ({
    de: `\`${table}\`: ${list(code(columns), 'und')} ${columns.length === 1 ? 'ist' : 'sind'} nie leer.`,
    en: `\`${table}\`: ${list(code(columns), 'and')} ${columns.length === 1 ? 'is' : 'are'} never empty.`,
    fr: `\`${table}\` : ${list(code(columns), 'et')} ${columns.length === 1 ? 'n’est jamais vide' : 'ne sont jamais vides'}.`,
  }),
  check: (table: string, body: string): LocaleTexts => ({
    de: `\`${table}\`: \`${body}\` gilt in jeder Zeile.`,
    en: `\`${table}\`: \`${body}\` on every row.`,
    fr: `\`${table}\` : \`${body}\` sur chaque ligne.`,
  }),
};

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
      return [{ ...base, name: `${file.name} unique`, description: `${file.name} has one row per ${columns.join(', ')}.`, texts: ANNOTATED_TEXTS.unique(file.name, columns),
        sql: `select ${columns.join(', ')}, count(*) as copies from ${table} group by ${columns.join(', ')} having count(*) > 1 order by copies desc` }];
    }
    if (kind === 'not_null') {
      return [{ ...base, name: `${file.name} not_null`, description: `${file.name}: ${columns.join(', ')} ${columns.length === 1 ? 'is' : 'are'} never empty.`, texts: ANNOTATED_TEXTS.not_null(file.name, columns),
        sql: `select * from ${table} where ${columns.map((c) => `${c} is null`).join(' or ')}` }];
    }
    return [{ ...base, name: `${file.name} check`, description: `${file.name}: ${body} on every row.`, texts: ANNOTATED_TEXTS.check(file.name, body), sql: `select * from ${table} where not coalesce((${body}), true)` }];
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
      warnings.push(note('dataTest', { test: failure.test.name, file: failure.test.display, rows: failure.rows }, first!));
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
