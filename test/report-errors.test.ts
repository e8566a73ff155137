// Expected failures answer in one line a marketing analyst understands, with
// the exit code the README documents, and leave the previous report alone.
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, projectRoot, runCli, tempDir } from './helpers/cli.ts';

async function scratch() {
  const dir = await tempDir('errors');
  return { out: join(dir, 'out'), warehouse: join(dir, 'warehouse.duckdb'), dir };
}

describe('the report command refuses bad input clearly', () => {
  it('names a missing data folder', async () => {
    const s = await scratch();
    const result = await runCli(['--data', join(s.dir, 'nowhere'), '--out', s.out, '--warehouse', s.warehouse]);
    expect(result.code).toBe(3);
    expect(result.stderr.trim()).toBe(`error: data folder not found: ${join(s.dir, 'nowhere')}`);
    expect(result.stderr).not.toContain('    at ');
  });

  it('names an unrecognised export, shows its header and lists the known formats', async () => {
    const data = await copyFixture('tiny');
    await writeFile(join(data, 'exports', 'print-ads.csv'), 'Datum;Kanal;Budget\n2026-10-01;Print;100\n');
    const s = await scratch();
    const result = await runCli(['--data', data, '--out', s.out, '--warehouse', s.warehouse]);
    expect(result.code).toBe(3);
    const [headline, ...details] = result.stderr.trim().split('\n');
    expect(headline).toBe('error: exports/print-ads.csv: not a recognised export format. Its header line reads: "Datum;Kanal;Budget"');
    expect(details[0]).toMatch(/^Recognised formats and the columns each needs/);
    expect(details.join('\n')).toContain('LinkedIn Campaign Manager: start date (in utc), campaign group name / campaign group id / campaign name / campaign id, total spent, impressions');
    expect(result.stdout).toBe('');
  });

  it('names the SQL file and line of a broken query, with the line and a caret', async () => {
    const root = await tempDir('broken-sql');
    const queries = join(root, 'queries');
    await cp(join(projectRoot, 'queries'), queries, { recursive: true });
    const file = join(queries, 'marts', 'attribution.sql');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const index = lines.findIndex((l) => l.includes('sum(credits.revenue_credit) as revenue'));
    lines[index] = lines[index]!.replace('credits.revenue_credit', 'credits.revenue_credits');
    await writeFile(file, lines.join('\n'));
    const s = await scratch();
    const result = await runCli(['--data', join(projectRoot, 'test/fixtures/tiny'), '--queries', queries, '--out', s.out, '--warehouse', s.warehouse]);
    expect(result.code).toBe(4);
    const [headline, code, caret] = result.stderr.trim().split('\n').filter((l) => !l.startsWith('warning'));
    const column = lines[index]!.indexOf('credits.revenue_credits') + 1;
    expect(headline).toMatch(new RegExp(`^error: SQL error in queries/marts/attribution\\.sql line ${index + 1}, column ${column}: Binder Error: .*revenue_credits`));
    expect(code).toBe(`  ${index + 1} | ${lines[index]}`);
    expect(caret?.indexOf('^')).toBe(code?.indexOf('credits.revenue_credits'));
  });

  it('refuses a malformed --month as wrong usage, and a month outside the data as bad input', async () => {
    const s = await scratch();
    const tiny = join(projectRoot, 'test/fixtures/tiny');
    const malformed = await runCli(['--data', tiny, '--month', '10/2026', '--out', s.out, '--warehouse', s.warehouse]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr.trim()).toBe('error: --month must be a month like 2026-10: 10/2026');
    const outside = await runCli(['--data', tiny, '--month', '2024-01', '--out', s.out, '--warehouse', s.warehouse]);
    expect(outside.code).toBe(3);
    expect(outside.stderr).toContain('error: --month 2024-01 is not in the data, which covers 2026-09 to 2026-11');
  });

  it('takes a DuckDB memory limit: a malformed one is wrong usage, one too small for the data is exit 8 and keeps the previous report; --out may name a folder not yet made', async () => {
    const tiny = join(projectRoot, 'test/fixtures/tiny');
    const s = await scratch();
    const malformed = await runCli(['--data', tiny, '--memory-limit', 'lots', '--out', s.out, '--warehouse', s.warehouse]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr.trim()).toBe('error: --memory-limit must be a size like 3GB or 512MB: lots');
    await mkdir(s.out, { recursive: true });
    await writeFile(join(s.out, 'index.html'), 'previous report');
    const starved = await runCli(['--data', tiny, '--memory-limit', '1MB', '--out', s.out, '--warehouse', s.warehouse]);
    expect(starved.code).toBe(8);
    expect(starved.stderr).toMatch(/^error: DuckDB ran out of memory in the (ingest|transform|check|export) step.*: Out of Memory Error: .*Raise --memory-limit/);
    expect(starved.stderr).not.toContain('This is a bug');
    expect(await readFile(join(s.out, 'index.html'), 'utf8')).toBe('previous report');
    const enough = await runCli(['--data', tiny, '--memory-limit', '256MB', '--out', join(s.dir, 'not', 'yet', 'there'), '--warehouse', join(s.dir, 'w256.duckdb')]);
    expect(enough.code).toBe(0);
  });

  it('fails the build when a data test fails, and keeps the previous report', async () => {
    const data = await copyFixture('tiny');
    const s = await scratch();
    await mkdir(s.out, { recursive: true });
    await writeFile(join(s.out, 'index.html'), 'previous report');
    await writeFile(join(data, 'costs.csv'), `${await readFile(join(data, 'costs.csv'), 'utf8')}2026-10,,meta_sales,agency,10.00,EUR,typo in the key\n`);
    const result = await runCli(['--data', data, '--out', s.out, '--warehouse', s.warehouse]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('error: 1 data test failed; the report was not built');
    expect(result.stderr).toContain('queries/tests/costs_targets_known.sql: 1 row');
    expect(result.stderr).toContain('source_file=costs.csv, source_line=6, target=meta_sales');
    expect(await readFile(join(s.out, 'index.html'), 'utf8')).toBe('previous report');
  });

  it('rejects bad rows of our own files with line, column and reason, and stops unless --accept-rejected', async () => {
    const data = await copyFixture('tiny');
    const orders = (await readFile(join(data, 'orders.csv'), 'utf8')).replace('O9,2026-10-28T12:00:00Z', 'O9,28.10.2026 12:00');
    await writeFile(join(data, 'orders.csv'), orders);
    const s = await scratch();
    const refused = await runCli(['--data', data, '--out', s.out, '--warehouse', s.warehouse]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('orders.csv: 1 row rejected (holding 70 EUR): the report would leave their money out');
    expect(refused.stderr).toContain('orders.csv line 11, column ordered_at: expected a date and time like 2026-10-03T14:22:05Z, found "28.10.2026 12:00"');
    const result = await runCli(['--data', data, '--out', s.out, '--warehouse', s.warehouse, '--accept-rejected']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'orders.csv: 1 row rejected (first: line 11, column "ordered_at": expected a date and time like 2026-10-03T14:22:05Z, found "28.10.2026 12:00")',
    );
  });
});

describe('the report command never publishes over its own inputs', () => {
  // Publishing replaces the whole output folder: each of these would delete the data, the SQL or the warehouse.
  const cases: [string, (data: string, s: { dir: string; warehouse: string }) => Promise<string>, RegExp][] = [
    ['is the data folder', async (data) => data, /--out .* is the data folder \(--data\)/],
    ['contains the data folder', async (data) => join(data, '..'), /--out .* contains the data folder \(--data\)/],
    ['lies inside the data folder', async (data) => join(data, 'report'), /--out .* lies inside the data folder \(--data\)/],
    ['contains the warehouse', async (_data, s) => s.dir, /--out .* (is|contains) the warehouse's folder \(--warehouse\)/],
    ['contains the project', async () => join(projectRoot, '..'), /--out .* contains the project folder/],
    [
      'is a link to the data folder',
      async (data, s) => {
        const link = join(s.dir, 'link');
        await symlink(data, link);
        return join(link, 'sub', '..');
      },
      /--out .* is the data folder \(--data\)/,
    ],
  ];
  for (const [what, outFor, message] of cases) {
    it(`refuses an output folder that ${what}, before writing anything`, async () => {
      const data = await copyFixture('tiny');
      const s = await scratch();
      const before = await listTree(join(data, '..'));
      const out = await outFor(data, s);
      const result = await runCli(['--data', data, '--out', out, '--warehouse', s.warehouse]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(await listTree(join(data, '..'))).toEqual(before);
      expect(existsSync(s.warehouse)).toBe(false);
    });
  }
});

async function listTree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

describe('a damaged warehouse', () => {
  // Checksums mismatch after a crash or a disk fault mid-write; such a file is rebuilt from the inputs.
  const damage: [string, (bytes: Buffer) => Buffer][] = [
    ['a block whose checksum does not match', (bytes) => {
      for (let i = 16_384; i < bytes.length; i += 7) bytes[i] = 0xab;
      return bytes;
    }],
    ['a file that is not a database', () => Buffer.from('not a database '.repeat(1000))],
    ['a file cut short', (bytes) => bytes.subarray(0, 5000)],
  ];
  for (const [what, spoil] of damage) {
    it(`is rebuilt with a warning when it has ${what}, and the report is the same`, async () => {
      const data = await copyFixture('tiny');
      const s = await scratch();
      const first = await runCli(['--data', data, '--out', s.out, '--warehouse', s.warehouse]);
      expect(first.code, first.stderr).toBe(0);
      const figures = await readFile(join(s.out, 'data', 'manifest.json'), 'utf8');
      await writeFile(s.warehouse, spoil(await readFile(s.warehouse)));
      const second = await runCli(['--data', data, '--out', s.out, '--warehouse', s.warehouse]);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/warning +the warehouse .* (is damaged|could not be opened) \(.*\); starting a new one, every input file is read again/);
      expect(second.stderr).not.toContain('in use by another process');
      const rows = (text: string) => (JSON.parse(text) as { inputs: { path: string; rows: number }[] }).inputs.map((f) => [f.path, f.rows]);
      expect(rows(await readFile(join(s.out, 'data', 'manifest.json'), 'utf8'))).toEqual(rows(figures));
    });
  }
});
