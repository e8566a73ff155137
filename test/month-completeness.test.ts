// Issue 18: a month counts as complete only when the orders and at least one
// paid platform reach its last day; an empty orders file or exports folder stops
// the run unless allowed; a month that is not complete is published with its
// marking but never frozen as the month's snapshot.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset, type Row } from './helpers/arrow.ts';
import { copyFixture, runCli } from './helpers/cli.ts';

async function setUp(change: (data: string) => Promise<void> = async () => {}) {
  const data = await copyFixture('tiny');
  await change(data);
  const dir = dirname(data);
  const out = join(dir, 'report');
  return { data, out, args: ['--data', data, '--out', out, '--warehouse', join(dir, 'warehouse.duckdb')] };
}

const manifestOf = async (out: string) => JSON.parse(await readFile(join(out, 'data', 'manifest.json'), 'utf8'));
const snapshotsOf = async (out: string) => (existsSync(join(out, 'data', 'snapshots')) ? (await readdir(join(out, 'data', 'snapshots'))).sort() : []);
const day = (value: unknown) => (value === null ? null : new Date(Number(value)).toISOString().slice(0, 10));
const months = (out: string) =>
  readDataset(out, 'report_months').rows.map((r: Row) => ({
    month: r.month,
    is_complete: r.is_complete,
    has_orders: r.has_orders,
    has_paid_data: r.has_paid_data,
    orders_through: day(r.orders_through),
    paid_through: day(r.paid_through),
  }));

const headerOnly = async (file: string) => writeFile(file, `${(await readFile(file, 'utf8')).split('\n')[0]}\n`);

describe('an empty orders file or exports folder', () => {
  it('orders.csv with only its header stops the run (exit 3), naming the file and the way on', async () => {
    const { data, out, args } = await setUp((d) => headerOnly(join(d, 'orders.csv')));
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('error: orders.csv holds no orders: it has no order row, only a header or nothing.');
    expect(run.stderr).toContain('--allow-empty orders');
    expect(existsSync(out)).toBe(false);
    expect(data).toBeTruthy();
  });

  it('an exports folder with no file stops the run (exit 3), naming exports/', async () => {
    const { out, args } = await setUp(async (d) => {
      await rm(join(d, 'exports'), { recursive: true });
    });
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('error: exports/ holds no paid platform data: the folder is missing or has no file.');
    expect(run.stderr).toContain('--allow-empty exports');
    expect(existsSync(out)).toBe(false);
  });

  it('exports whose files hold no data row count as empty too', async () => {
    const { args } = await setUp(async (d) => {
      await rm(join(d, 'exports', 'google'), { recursive: true });
      await rm(join(d, 'exports', 'meta'), { recursive: true });
      // LinkedIn's UTF-16 file keeps its header line only
      const file = join(d, 'exports', 'linkedin', 'campaign_performance_report.csv');
      const bytes = await readFile(file);
      const text = bytes.toString(bytes[0] === 0xff ? 'utf16le' : 'utf8');
      const header = `${text.split('\n')[0]}\n`;
      await writeFile(file, bytes[0] === 0xff ? Buffer.from(header, 'utf16le') : header);
    });
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/error: exports\/ holds no paid platform data: its one export has no data row \(exports\/linkedin\/campaign_performance_report\.csv\)/);
  });

  it('both empty: one message names both, and one option allows both', async () => {
    const { out, args } = await setUp(async (d) => {
      await headerOnly(join(d, 'orders.csv'));
      await rm(join(d, 'exports'), { recursive: true });
    });
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('--allow-empty orders,exports');
    // nothing at all to report is still an error
    const allowed = await runCli([...args, '--allow-empty', 'orders,exports']);
    expect(allowed.code, allowed.stderr).toBe(3);
    expect(allowed.stderr).toContain('the data holds no month with platform data or orders');
    expect(existsSync(out)).toBe(false);
  });

  it('--allow-empty takes only orders and exports', async () => {
    const { args } = await setUp();
    const run = await runCli([...args, '--allow-empty', 'orders,touchpoints']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--allow-empty takes orders, exports (comma-separated), found "touchpoints"');
  });

  it('allowed empty orders: published, every month incomplete, nothing frozen', async () => {
    const { out, args } = await setUp((d) => headerOnly(join(d, 'orders.csv')));
    const run = await runCli([...args, '--allow-empty', 'orders']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('no month in the data is complete; reporting the latest month 2026-10, which is not complete (there are no orders at all)');
    const manifest = await manifestOf(out);
    expect(manifest).toMatchObject({ month: '2026-10', month_complete: false, complete_months: [], published: [], data_as_of: '2026-10-31' });
    expect(manifest.warnings).toContain(
      'orders.csv holds no orders: it has no order row, only a header or nothing; allowed by --allow-empty orders: every month is marked incomplete and none is kept as published',
    );
    expect(await snapshotsOf(out)).toEqual([]);
    expect(months(out)).toEqual([
      { month: '2026-09', is_complete: false, has_orders: false, has_paid_data: true, orders_through: null, paid_through: '2026-10-31' },
      { month: '2026-10', is_complete: false, has_orders: false, has_paid_data: true, orders_through: null, paid_through: '2026-10-31' },
    ]);
    const page = await readFile(join(out, 'index.html'), 'utf8');
    expect(page).toContain('badge-incomplete');
    expect(page).toContain('This month is incomplete: no orders for this month');
  });

  it('allowed empty exports: published, marked "no paid platform data", nothing frozen', async () => {
    const { out, args } = await setUp(async (d) => {
      await rm(join(d, 'exports'), { recursive: true });
    });
    const run = await runCli([...args, '--allow-empty', 'exports']);
    expect(run.code, run.stderr).toBe(0);
    const manifest = await manifestOf(out);
    // the last month the orders cover, not the one day of November the last order falls on
    expect(manifest).toMatchObject({ month: '2026-10', month_complete: false, complete_months: [], published: [], data_as_of: '2026-11-01' });
    expect(run.stderr).toContain(
      'no month in the data is complete; reporting the latest month the data reach the end of, 2026-10, which is not complete (there is no paid platform data at all)',
    );
    expect(await snapshotsOf(out)).toEqual([]);
    for (const m of months(out)) expect(m).toMatchObject({ is_complete: false, has_paid_data: false, paid_through: null });
    const page = await readFile(join(out, 'index.html'), 'utf8');
    expect(page).toContain('badge-incomplete');
    expect(page).toContain('This month is incomplete: no paid platform data for this month');
  });
});

describe('a month the orders do not yet reach', () => {
  it('is incomplete; published with --month but never frozen; frozen once complete, with no false restatements', async () => {
    let fullOrders = '';
    const { data, out, args } = await setUp(async (d) => {
      const file = join(d, 'orders.csv');
      fullOrders = await readFile(file, 'utf8');
      // the shop's export made on 21 October: orders through the 20th
      await writeFile(file, fullOrders.split('\n').filter((line) => !/,2026-10-(2[5-9]|3\d)T/.test(line)).join('\n'));
    });

    const partial = await runCli(args);
    expect(partial.code, partial.stderr).toBe(0);
    // the default is the latest complete month: September, not October
    expect(await manifestOf(out)).toMatchObject({ month: '2026-09', month_complete: true, complete_months: ['2026-09'], data_as_of: '2026-10-20' });
    expect(months(out)).toEqual([
      { month: '2026-09', is_complete: true, has_orders: true, has_paid_data: true, orders_through: '2026-10-20', paid_through: '2026-10-31' },
      { month: '2026-10', is_complete: false, has_orders: true, has_paid_data: true, orders_through: '2026-10-20', paid_through: '2026-10-31' },
    ]);
    expect(await snapshotsOf(out)).toEqual(['2026-09.json']);

    // asked for: published, marked, its partial figures not frozen
    const asked = await runCli([...args, '--month', '2026-10']);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stderr).toContain('2026-10 is not complete: the orders end on 2026-10-20; it is published marked incomplete');
    const manifest = await manifestOf(out);
    expect(manifest).toMatchObject({ month: '2026-10', month_complete: false });
    expect(manifest.published.map((p: { month: string }) => p.month)).toEqual(['2026-09']);
    expect(await snapshotsOf(out)).toEqual(['2026-09.json']);
    const page = await readFile(join(out, 'index.html'), 'utf8');
    expect(page).toContain('badge-incomplete');
    expect(page).toContain('This month is not complete yet: complete data through');

    // the rest of October arrives: now frozen with the real figures, and nothing restated
    await writeFile(join(data, 'orders.csv'), fullOrders);
    const complete = await runCli(args);
    expect(complete.code, complete.stderr).toBe(0);
    expect(await manifestOf(out)).toMatchObject({ month: '2026-10', month_complete: true });
    expect(await snapshotsOf(out)).toEqual(['2026-09.json', '2026-10.json']);
    const snapshot = JSON.parse(await readFile(join(out, 'data', 'snapshots', '2026-10.json'), 'utf8'));
    // the same figure operations.test.ts pins for the full tiny month
    expect(snapshot.figures).toContainEqual({ campaign: 'all', metric: 'revenue', value: 3835.79 });
    expect(readDataset(out, 'restatements').rows).toEqual([]);
  });

  it('a paid platform that stops early does not hold a month back while another reaches its end', async () => {
    const { out, args } = await setUp();
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
    // LinkedIn's last row is in early October, Google Ads reaches 31 October
    const coverage = readDataset(out, 'platform_coverage').rows.filter((r) => r.has_data);
    const lastDay = (platform: string) => coverage.filter((r) => r.platform === platform).map((r) => day(r.date)).sort().at(-1);
    expect(lastDay('linkedin')! < '2026-10-31').toBe(true);
    expect(lastDay('google_ads')).toBe('2026-10-31');
    expect(months(out).find((m) => m.month === '2026-10')).toMatchObject({ is_complete: true, paid_through: '2026-10-31' });
    // November holds one order (31 October 23:30 UTC is 1 November in Berlin) and no paid data
    expect(months(out).find((m) => m.month === '2026-11')).toMatchObject({ is_complete: false, has_orders: true, has_paid_data: false });
  });
});

describe('which paid data count for a month', () => {
  const onlyGeneric = (csv: string) => async (d: string) => {
    await rm(join(d, 'exports'), { recursive: true });
    await mkdir(join(d, 'exports', 'xing'), { recursive: true });
    await writeFile(join(d, 'exports', 'xing', 'export.csv'), `# platform: XING\n${csv}`);
  };

  it('a calendar month\'s period row covers the month through its last day', async () => {
    const { out, args } = await setUp(
      onlyGeneric('period_start,period_end,campaign_name,currency,spend\n2026-09-01,2026-09-30,XING Test,EUR,100.00\n2026-10-01,2026-10-31,XING Test,EUR,120.00\n'),
    );
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
    expect(months(out)).toEqual([
      { month: '2026-09', is_complete: true, has_orders: true, has_paid_data: true, orders_through: '2026-11-01', paid_through: '2026-10-31' },
      { month: '2026-10', is_complete: true, has_orders: true, has_paid_data: true, orders_through: '2026-11-01', paid_through: '2026-10-31' },
      { month: '2026-11', is_complete: false, has_orders: true, has_paid_data: false, orders_through: '2026-11-01', paid_through: '2026-10-31' },
    ]);
    expect(await manifestOf(out)).toMatchObject({ month: '2026-10', month_complete: true });
  });

  it('a month without any paid row between months with paid data is incomplete', async () => {
    const { out, args } = await setUp(onlyGeneric('date,campaign_name,currency,spend\n2026-09-10,XING Test,EUR,10.00\n2026-11-05,XING Test,EUR,12.00\n'));
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
    expect(months(out).map((m) => [m.month, m.is_complete, m.has_paid_data])).toEqual([
      ['2026-09', true, true],
      ['2026-10', false, false],
      ['2026-11', false, true],
    ]);
    expect(await manifestOf(out)).toMatchObject({ month: '2026-09', month_complete: true });
    const asked = await runCli([...args, '--month', '2026-10']);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stderr).toContain('2026-10 is not complete: it has no paid platform data;');
    expect(await snapshotsOf(out)).toEqual(['2026-09.json']);
  });
});
