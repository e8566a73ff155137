// Golden tests: every export fixture (one per platform and per quirk, in
// test/fixtures/exports/<case>/) is recognised and read into raw-table rows,
// which must equal the case's expected.csv (sorted CSV text, one line per raw
// row, rejection and note). A changed output is written beside the golden as
// expected.actual.csv for review; the golden itself is rewritten only when
// asked for outside CI (UPDATE_GOLDENS=1 npx vitest run test/ingest-fixtures.test.ts).
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';
import { projectRoot } from './helpers/cli.ts';

const fixtures = join(projectRoot, 'test/fixtures/exports');
const GOLDEN = 'expected.csv';
const ACTUAL = 'expected.actual.csv';

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Everything the reader makes of one file, as sorted CSV lines. */
export async function goldenText(path: string, display: string): Promise<string> {
  const file = await recogniseFile(display, new Uint8Array(readFileSync(path)));
  if (file.unknown) return `unknown,${csvCell(file.unknown.message)}\n`;
  const extracted = extractFile(file, { currency: 'EUR' });
  const lines: string[] = [];
  for (const [table, rows] of Object.entries(extracted.rows)) {
    for (const row of rows) lines.push([table, ...row.slice(1)].map(csvCell).join(','));
  }
  for (const note of extracted.notes) lines.push([note.severity, note.message].map(csvCell).join(','));
  lines.push(
    [
      'summary',
      `encoding=${file.encoding}`,
      `formats=${extracted.formats.join('+')}`,
      `platforms=${extracted.platforms.join('+')}`,
      `loaded=${extracted.loaded}`,
      `period_rows=${extracted.periodRows}`,
      `rejected=${extracted.rejected}`,
      `totals_dropped=${extracted.totalsDropped}`,
      ...file.tables.map((t) => `header_line=${t.sheet ? `${t.sheet}:` : ''}${t.headerLine}`),
    ].map(csvCell).join(','),
  );
  return `${lines.sort().join('\n')}\n`;
}

const cases = readdirSync(fixtures, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('export fixtures against their golden rows', () => {
  it('has a fixture for every platform and organic source', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(fixtures, name);
      // an export in a subfolder (organic/instagram/…) is read under its path in the case, as under its path in a data folder
      const input = (readdirSync(dir, { recursive: true }) as string[])
        .map((f) => f.split(sep).join('/'))
        .find((f) => f !== GOLDEN && f !== ACTUAL && statSync(join(dir, f)).isFile());
      expect(input, `${dir} holds no export`).toBeTruthy();
      const actual = await goldenText(join(dir, input!), input!);
      const goldenPath = join(dir, GOLDEN);
      const golden = existsSync(goldenPath) ? readFileSync(goldenPath, 'utf8') : null;
      if (golden === actual) {
        rmSync(join(dir, ACTUAL), { force: true });
        return;
      }
      if (process.env.UPDATE_GOLDENS === '1' && !process.env.CI) {
        writeFileSync(goldenPath, actual);
        rmSync(join(dir, ACTUAL), { force: true });
        return;
      }
      writeFileSync(join(dir, ACTUAL), actual);
      expect(actual, `${name}: output differs from ${GOLDEN}; review ${ACTUAL} beside it`).toBe(golden);
    });
  }
});
