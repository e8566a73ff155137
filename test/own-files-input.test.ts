// Our own input files as spreadsheet programs save them (issue 18, points 1, 2, 4):
// German Excel's costs.csv (Windows-1252 or UTF-16, `;`, `2.500,00 €`) gives the
// same figures as the plain one; a column name close to a known one stops the run;
// negative amounts and refunds above the order are rejected with their line; a
// rejected row of a money file stops the run unless --accept-rejected, and then
// every page says what is missing. A fast-check property throws malformed CSV at
// the readers: every row is loaded or rejected with its line, or the file is
// refused as a whole with exit 3; never a crash, never a row lost.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from '../pipeline/errors.ts';
import { ingest } from '../pipeline/ingest/index.ts';
import { resemblesColumn } from '../pipeline/ingest/own-csv.ts';
import { memoryLogger } from '../pipeline/log.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { fillWarehouse, loadSqlProject } from '../pipeline/warehouse-build.ts';
import { copyFixture, projectRoot, runCli, tempDir } from './helpers/cli.ts';
import { writeDataFolder } from './helpers/warehouse.ts';

/** The tiny fixture with some of its files replaced (bytes as written), loaded and transformed. */
async function tinyWarehouse(files: Record<string, string | Uint8Array>): Promise<Warehouse> {
  const dataDir = await copyFixture('tiny');
  for (const [name, content] of Object.entries(files)) await writeFile(join(dataDir, name), content);
  const warehouse = await openWarehouse(join(dataDir, '..', 'warehouse.duckdb'));
  try {
    await fillWarehouse(warehouse, dataDir, await loadSqlProject(join(projectRoot, 'queries')), memoryLogger());
  } catch (error) {
    warehouse.close();
    throw error;
  }
  return warehouse;
}

/** Windows-1252 bytes of a text (only Latin-1 letters and the euro sign are used here). */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => (ch === '€' ? 0x80 : ch.charCodeAt(0))));
}

function utf16le(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
}

// The tiny fixture's costs.csv as German Excel writes it: `;`, CRLF, decimal comma,
// thousands points, the euro sign after the amount (a cell format), and a quoted note.
const GERMAN_COSTS = [
  'month;date;campaign;category;amount;currency;note',
  '2026-09;;infl_anna;influencer;300,00 €;EUR;Anna September fee',
  '2026-10;;infl_anna;influencer;300,00 €;EUR;Anna October fee',
  '2026-10;;Meta;agency;100,01 €;EUR;"Agency retainer, October"',
  ';2026-10-15;yt_brand;production;500,00 €;EUR;Video edit',
].join('\r\n');

/** Every figure the costs reach, from the marts, for comparing two warehouses. */
async function costFigures(warehouse: Warehouse): Promise<unknown[]> {
  return warehouse.rows('select cost_month, cost_date::varchar as cost_date, campaign, category, amount::varchar as amount, currency, note from raw_costs order by all');
}

async function martFigures(warehouse: Warehouse): Promise<unknown[]> {
  return warehouse.rows('select * from cost_breakdown order by all');
}

describe('costs.csv as German Excel writes it', () => {
  let plain: Warehouse;
  beforeAll(async () => {
    plain = await tinyWarehouse({});
  });
  afterAll(() => plain?.close());

  for (const [name, bytes] of [
    ['Windows-1252', windows1252(GERMAN_COSTS)],
    ['UTF-16 LE with BOM', utf16le(GERMAN_COSTS)],
    ['UTF-16 BE with BOM', utf16be(GERMAN_COSTS)],
    ['UTF-8 with an Excel sep= line', Buffer.from(`sep=;\r\n${GERMAN_COSTS}`)],
  ] as const) {
    it(`gives exactly the figures of the plain file (${name})`, async () => {
      const german = await tinyWarehouse({ 'costs.csv': bytes });
      try {
        expect(await german.rows('select count(*)::integer as n from raw_rejected_rows')).toEqual([{ n: 0 }]);
        expect(await costFigures(german)).toEqual(await costFigures(plain));
        expect(await martFigures(german)).toEqual(await martFigures(plain));
        const lines = await german.rows<{ source_line: number }>('select source_line from raw_costs order by source_line');
        // lines as the file numbers them: below a sep= line, the header is line 2
        expect(lines.map((l) => l.source_line)).toEqual(name.includes('sep=') ? [3, 4, 5, 6] : [2, 3, 4, 5]);
      } finally {
        german.close();
      }
    });
  }

  it('reads its UTF-8 copy beside the warehouse and leaves none behind, removing one a crashed run left', async () => {
    const dataDir = await copyFixture('tiny');
    const folder = join(dataDir, '..');
    await mkdir(join(folder, '.own-csv-crashed'), { recursive: true });
    await writeFile(join(folder, '.own-csv-crashed', 'utf-8.csv'), 'left by a crash');
    await writeFile(join(dataDir, 'costs.csv'), windows1252(GERMAN_COSTS));
    const warehouse = await openWarehouse(join(folder, 'warehouse.duckdb'));
    try {
      await ingest(warehouse, dataDir);
      expect((await readdir(folder)).filter((name) => name.startsWith('.own-csv-'))).toEqual([]);
    } finally {
      warehouse.close();
    }
  });

  it('reads thousands separators and currency symbols in either layout', async () => {
    for (const [layout, amounts] of [
      ['English', ['"2,500.00"', '"€1,234.50"', 'EUR 99.90', '12.5 EUR']],
      ['German', ['2.500,00', '1.234,50 €', 'EUR 99,90', '12,5']],
    ] as const) {
      const delimiter = layout === 'English' ? ',' : ';';
      const rows = amounts.map((a, i) => ['2026-10', '', 'Meta', 'agency', a, 'EUR', `row ${i}`].join(delimiter));
      const warehouse = await tinyWarehouse({ 'costs.csv': [['month', 'date', 'campaign', 'category', 'amount', 'currency', 'note'].join(delimiter), ...rows].join('\n') });
      try {
        const read = await warehouse.rows<{ amount: string }>('select amount::varchar as amount from raw_costs order by source_line');
        expect(read.map((r) => r.amount), layout).toEqual(['2500.0000', '1234.5000', '99.9000', '12.5000']);
      } finally {
        warehouse.close();
      }
    }
  });

  it.each([
    ['Windows-1252', windows1252],
    ['UTF-16 LE', utf16le],
  ] as const)('reads a German orders.csv (semicolon, decimal comma, 2.500,00; %s) with the same revenue', async (_name, encode) => {
    const orders = await readFile(join(projectRoot, 'test/fixtures/tiny/orders.csv'), 'utf8');
    const lines = orders.trim().split('\n');
    const german = lines
      .map((line, i) => {
        const cells = line.split(',');
        if (i > 0) for (const c of [5, 8]) if (cells[c]) cells[c] = Number(cells[c]).toLocaleString('de-DE', { minimumFractionDigits: 2 });
        return cells.join(';');
      })
      .join('\r\n');
    const plain = await tinyWarehouse({});
    const warehouse = await tinyWarehouse({ 'orders.csv': encode(german) });
    try {
      const q = 'select order_id, revenue::varchar as revenue, refunded_amount::varchar as refunded from raw_orders order by order_id';
      expect(await warehouse.rows(q)).toEqual(await plain.rows(q));
      expect(await warehouse.rows<{ revenue: string }>("select revenue::varchar as revenue from raw_orders where order_id = 'O1'")).toEqual([{ revenue: '3000.0000' }]);
    } finally {
      warehouse.close();
      plain.close();
    }
  });
});

describe('fx.csv re-saved by German Excel', () => {
  it('reads the ECB layout with ; and decimal commas as the same rates', async () => {
    const fx = await readFile(join(projectRoot, 'test/fixtures/tiny/fx.csv'), 'utf8');
    const german = fx
      .trim()
      .split('\n')
      .map((line) => line.split(',').map((cell) => (/^\d+\.\d+$/.test(cell) ? cell.replace('.', ',') : cell)).join(';'))
      .join('\r\n');
    const plain = await tinyWarehouse({});
    const warehouse = await tinyWarehouse({ 'fx.csv': windows1252(german) });
    try {
      const q = 'select rate_date::varchar as day, currency, rate::varchar as rate from raw_fx_rates order by all';
      expect(await warehouse.rows(q)).toEqual(await plain.rows(q));
      expect((await warehouse.rows(q)).length).toBeGreaterThan(0);
    } finally {
      warehouse.close();
      plain.close();
    }
  });
});

describe('optional column names close to known ones', () => {
  it.each([
    ['coupon code', 'coupon_code'],
    ['refund_amount', 'refunded_amount'],
    ['Refunded amount', 'refunded_amount'],
    ['UTM-Campaign', 'utm_campaign'],
  ])('"%s" in orders.csv stops the run, naming %s', async (header, known) => {
    const orders = (await readFile(join(projectRoot, 'test/fixtures/tiny/orders.csv'), 'utf8')).replace(known, header);
    expect(orders).toContain(header);
    const error = await tinyWarehouse({ 'orders.csv': orders }).then(
      (w) => {
        w.close();
        return null;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).exitCode).toBe(3);
    expect((error as ReportError).message).toContain(`"${header}" looks like the column ${known}`);
  });

  it('reads headers in any case and typography (NFKC, non-breaking spaces)', async () => {
    const orders = (await readFile(join(projectRoot, 'test/fixtures/tiny/orders.csv'), 'utf8')).replace('coupon_code', 'Coupon_Code').replace('order_id', 'ORDER_ID\u00a0');
    const warehouse = await tinyWarehouse({ 'orders.csv': orders });
    try {
      expect((await warehouse.rows<{ n: number }>('select count(*)::integer as n from raw_orders where coupon_code is not null'))[0]!.n).toBeGreaterThan(0);
    } finally {
      warehouse.close();
    }
  });

  it('"close" means equal but for case and separators, or at most 2 letters apart on names of 5 or more', () => {
    expect(resemblesColumn('coupon code', 'coupon_code')).toBe(true);
    expect(resemblesColumn('refund_amount', 'refunded_amount')).toBe(true);
    expect(resemblesColumn('Refunded amount', 'refunded_amount')).toBe(true);
    expect(resemblesColumn('utm_campain', 'utm_campaign')).toBe(true);
    expect(resemblesColumn('customer_email', 'customer_id')).toBe(false);
    expect(resemblesColumn('customer_name', 'customer_id')).toBe(false);
    expect(resemblesColumn('utm_term', 'utm_medium')).toBe(false);
    expect(resemblesColumn('date', 'rate')).toBe(false);
  });
});

describe('sign rules of orders.csv and costs.csv', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    const header = 'order_id,ordered_at,customer_id,revenue,currency,status,refunded_amount,coupon_code,utm_source,utm_medium,utm_campaign,utm_content';
    warehouse = await tinyWarehouse({
      'orders.csv': [
        header,
        'A1,2026-10-05T10:00:00Z,c1,100.00,EUR,paid,,,,,,',
        'A2,2026-10-05T10:00:00Z,c2,-16.52,EUR,paid,,,,,,',
        'A3,2026-10-05T10:00:00Z,c3,16.52,EUR,partially_refunded,-516.10,,,,,',
        'A4,2026-10-05T10:00:00Z,c4,16.52,EUR,partially_refunded,20.00,,,,,',
        'A5,2026-10-05T10:00:00Z,c5,16.52,EUR,refunded,16.52,,,,,',
      ].join('\n'),
      'costs.csv': 'month,campaign,category,amount,currency,note\n2026-10,Meta,agency,100.00,EUR,fee\n2026-10,Meta,agency,-40.00,EUR,credit note\n',
    });
  });
  afterAll(() => warehouse?.close());

  it('rejects negative revenue, negative refunds and refunds above the order, with file, line and column', async () => {
    const rejected = await warehouse.rows<{ file: string; line: number; column: string; reason: string }>(
      'select source_file as file, source_line as line, column_name as column, reason from raw_rejected_rows order by file, line',
    );
    expect(rejected.map(({ file, line, column }) => ({ file, line, column }))).toEqual([
      { file: 'costs.csv', line: 3, column: 'amount' },
      { file: 'orders.csv', line: 3, column: 'revenue' },
      { file: 'orders.csv', line: 4, column: 'refunded_amount' },
      { file: 'orders.csv', line: 5, column: 'refunded_amount' },
    ]);
    expect(rejected[0]!.reason).toContain('a credit note is not a cost row');
    expect(rejected[2]!.reason).toContain('positive amount');
    expect(rejected[3]!.reason).toContain("larger than the order's revenue");
    const orders = await warehouse.rows<{ order_id: string }>('select order_id from raw_orders order by order_id');
    expect(orders.map((o) => o.order_id)).toEqual(['A1', 'A5']);
  });

  it('says what the rejected rows held', async () => {
    const files = await warehouse.rows<{ source_file: string; message: string }>(
      "select source_file, message from raw_ingest_notes where severity = 'rejected_money' order by source_file",
    );
    expect(files.map((f) => [f.source_file, JSON.parse(f.message)])).toEqual([
      ['costs.csv', { currency: 'EUR', amount: '-40', rows: 1, unreadable: 0 }],
      ['orders.csv', { currency: 'EUR', amount: '16.52', rows: 3, unreadable: 0 }],
    ]);
  });

  it('leaves the data tests nothing to fail on (no reconciliation failure without a file and line)', async () => {
    // the transform ran in fillWarehouse; a negative amount never reached it
    expect(await warehouse.rows('select * from raw_orders where revenue < 0 or refunded_amount < 0 or refunded_amount > revenue')).toEqual([]);
    expect(await warehouse.rows('select * from raw_costs where amount < 0')).toEqual([]);
  });
});

describe('a rejected row of a money file', () => {
  it('stops the run (exit 3, file, line, column), or with --accept-rejected is said on every page', async () => {
    const dataDir = await copyFixture('tiny');
    await writeFile(join(dataDir, 'costs.csv'), windows1252(`${GERMAN_COSTS}\r\n2026-10;;Meta;agency;zweitausend €;EUR;typo\r\n2026-10;;Meta;agency;-1.250,50 €;EUR;Gutschrift\r\n`));
    const out = join(dataDir, '..', 'dist');
    const warehouse = join(dataDir, '..', 'warehouse.duckdb');
    const refused = await runCli(['--data', dataDir, '--out', out, '--warehouse', warehouse]);
    expect(refused.code).toBe(3);
    expect(refused.stderr + refused.stdout).toContain('costs.csv: 2 rows rejected (holding -1250.5 EUR, 1 amount unreadable)');
    expect(refused.stderr + refused.stdout).toContain('costs.csv line 7, column amount: is negative ("-1.250,50 €"): a credit note is not a cost row');
    expect(refused.stderr + refused.stdout).toContain('costs.csv line 6, column amount: expected a number like 49,90 or 2.500,00');
    expect(refused.stderr + refused.stdout).toContain('--accept-rejected');

    const accepted = await runCli(['--data', dataDir, '--out', out, '--warehouse', warehouse, '--accept-rejected']);
    expect(accepted.code, accepted.stderr).toBe(0);
    for (const page of ['index.html', 'methodology/index.html', 'data-quality/index.html', '2026-10/costs/index.html']) {
      const html = await readFile(join(out, page), 'utf8');
      expect(html, page).toContain('Rejected input rows are missing from every figure of this report: costs.csv: 2 rows (-€1,250.50, 1 amount unreadable).');
    }
    const manifest = JSON.parse(await readFile(join(out, 'data/manifest.json'), 'utf8'));
    expect(manifest.inputs.find((i: { path: string }) => i.path === 'costs.csv').rejected_money).toEqual([{ currency: 'EUR', amount: '-1250.5', rows: 2, unreadable: 1 }]);
    // figures without the rejected money are never frozen as the month's published ones
    expect(manifest.month_complete).toBe(true);
    expect(manifest.published).toEqual([]);
    expect(manifest.warnings.join('\n')).toContain("2026-10 is not kept as the month's published snapshot: rows of costs.csv were rejected");
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });
});

describe('a quote that never closes in a large orders.csv', () => {
  // DuckDB's reader returned no rows and no error for it: the whole file was lost with "0 rejected".
  it('stops the run naming the line of the quote', async () => {
    const dataDir = await copyFixture('tiny');
    const lines = (await readFile(join(projectRoot, 'data', 'sample', 'orders.csv'), 'utf8')).split('\n');
    lines[5] = lines[5]!.replace(',', ',"');
    await writeFile(join(dataDir, 'orders.csv'), lines.join('\n'));
    const result = await runCli(['--data', dataDir, '--out', join(dataDir, '..', 'dist'), '--warehouse', join(dataDir, '..', 'warehouse.duckdb')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('error: orders.csv line 6: a quote (") opens a value here and no later quote closes it');
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });
});

describe('a rejected row of a paid platform export', () => {
  // Each row of an ad export is a day (or period) of spend: rejected, its money is missing too.
  it('stops the run too, and with --accept-rejected is said on every page', async () => {
    const dataDir = await copyFixture('tiny');
    const file = join(dataDir, 'exports', 'meta', 'Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv');
    await writeFile(file, `${await readFile(file, 'utf8')}2026-10-20,2026-10-20,Autumn Sale,Women 25-44,zwölf,1000,800,20,15,30,0,,0,0.00\n`);
    const out = join(dataDir, '..', 'dist');
    const warehouse = join(dataDir, '..', 'warehouse.duckdb');
    const refused = await runCli(['--data', dataDir, '--out', out, '--warehouse', warehouse]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('exports/meta/Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv: 1 row rejected: the report would leave their money out');
    expect(refused.stderr).toMatch(/Tiny-Campaigns-Sep-1-2026-Oct-31-2026\.csv line \d+, column Amount spent \(EUR\): expected a number/);
    const accepted = await runCli(['--data', dataDir, '--out', out, '--warehouse', warehouse, '--accept-rejected']);
    expect(accepted.code, accepted.stderr).toBe(0);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('Rejected input rows are missing from every figure of this report: exports/meta/Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv: 1 row');
    const manifest = JSON.parse(await readFile(join(out, 'data/manifest.json'), 'utf8'));
    expect(manifest.inputs.find((i: { path: string }) => i.path.endsWith('Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv')).money_left_out).toBe(true);
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });
});

// ---------------------------------------------------------------- fuzzing

const TOKENS = ['', ' ', '"', '""', ',', ';', '\t', '\r', '\n', '\r\n', 'é', '€', '\u00a0', '-', '–', 'N/A', '1', '2.500,00', '2,500.00', '-5', '49.90', '1e3', '(3)', '2026-10', '2026-10-15', 'x'.repeat(300), 'Meta', 'agency'];
const cell = fc.array(fc.constantFrom(...TOKENS), { maxLength: 4 }).map((parts) => parts.join(''));
const csvCell = (value: string) => (/[",;\t\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value);

describe('malformed CSV thrown at the own-file readers (fast-check)', () => {
  let dataDir: string;
  let warehouse: Warehouse;
  beforeAll(async () => {
    dataDir = await writeDataFolder({
      'campaigns.csv': 'campaign,name,channel\nmeta,Meta,Meta\n',
      'orders.csv': 'order_id,ordered_at,revenue,status\nO1,2026-10-05T10:00:00Z,10.00,paid\n',
    });
    warehouse = await openWarehouse(join(await tempDir('fuzz'), 'warehouse.duckdb'));
  });
  afterAll(() => warehouse?.close());

  it('loads or rejects every row of costs.csv with its line, or refuses the file with exit 3; never crashes, never loses a row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('2026-10', '2026-1', '', '2026-10-15'), cell, fc.constantFrom('agency', 'tools', 'x'), cell, cell), { maxLength: 8 }),
        fc.constantFrom(',', ';'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (rows, delimiter, newline, quoteAll) => {
          const header = ['month', 'campaign', 'category', 'amount', 'note'].join(delimiter);
          const text = [header, ...rows.map((r) => r.map((c) => (quoteAll ? `"${c.replaceAll('"', '""')}"` : csvCell(c))).join(delimiter))].join(newline) + newline;
          await writeFile(join(dataDir, 'costs.csv'), text);
          try {
            await ingest(warehouse, dataDir);
          } catch (error) {
            if (error instanceof ReportError && error.exitCode === 3) return;
            throw error;
          }
          const [loaded] = await warehouse.rows<{ n: number }>("select count(*)::integer as n from raw_costs where source_file = 'costs.csv'");
          const rejected = await warehouse.rows<{ line: number | null }>("select source_line as line from raw_rejected_rows where source_file = 'costs.csv'");
          expect(loaded!.n + rejected.length).toBe(rows.length);
          for (const r of rejected) expect(r.line).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);

  it('the same for orders.csv (the reader of big files, which reads number layouts only when a row fails)', async () => {
    await writeFile(join(dataDir, 'costs.csv'), 'month,campaign,category,amount\n');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, fc.constantFrom('2026-10-05T10:00:00Z', '05.10.2026', ''), cell, cell, fc.constantFrom('paid', 'refunded', 'partially_refunded', 'x')), {
          maxLength: 8,
        }),
        fc.constantFrom(',', ';'),
        async (rows, delimiter) => {
          const header = ['order_id', 'ordered_at', 'revenue', 'refunded_amount', 'status'].join(delimiter);
          await writeFile(join(dataDir, 'orders.csv'), [header, ...rows.map((r) => r.map(csvCell).join(delimiter))].join('\n') + '\n');
          try {
            await ingest(warehouse, dataDir);
          } catch (error) {
            if (error instanceof ReportError && error.exitCode === 3) return;
            throw error;
          }
          const [loaded] = await warehouse.rows<{ n: number }>("select count(*)::integer as n from raw_orders where source_file = 'orders.csv'");
          const rejected = await warehouse.rows<{ line: number | null }>("select source_line as line from raw_rejected_rows where source_file = 'orders.csv'");
          expect(loaded!.n + rejected.length).toBe(rows.length);
          expect(new Set(rejected.map((r) => r.line)).size).toBe(rejected.length);
          for (const r of rejected) expect(r.line).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);
});

describe('an empty own file', () => {
  it('says the file is empty, not which columns it lacks', async () => {
    const dataDir = await copyFixture('tiny');
    await writeFile(join(dataDir, 'orders.csv'), '');
    const result = await runCli(['--data', dataDir, '--out', join(dataDir, '..', 'dist'), '--warehouse', join(dataDir, '..', 'warehouse.duckdb')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('error: orders.csv is empty: it has no header line and no rows.');
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });
});
