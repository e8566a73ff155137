// touchpoints.csv and orders.csv are re-exported every month with the new month's lines appended:
// when the bytes the last run loaded are a byte prefix of the new file, ingest reads
// only the appended lines, numbered as a whole read numbers them; anything else
// (an earlier line changed, no line break at the old end) reloads the whole file.
// Either way the warehouse holds what a cold load of the same folder holds.
import { createHash } from 'node:crypto';
import { appendFile, copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256FileAndPrefix } from '../pipeline/ingest/files.ts';
import { ingest } from '../pipeline/ingest/index.ts';
import { keyPath } from '../pipeline/ingest/pseudonym.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { copyFixture, tempDir } from './helpers/cli.ts';
import { describeGenuine, genuine } from './helpers/genuine.ts';

const open: Warehouse[] = [];
afterEach(() => {
  for (const wh of open.splice(0)) wh.close();
});

async function warehouse(): Promise<Warehouse> {
  const wh = await openWarehouse(join(await tempDir('append'), 'wh.duckdb'));
  open.push(wh);
  return wh;
}

const json = (rows: unknown[]) => rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

/** What the warehouse holds of touchpoints.csv: its rows, rejected rows and file record. */
async function touchpoints(wh: Warehouse): Promise<Record<string, string[]>> {
  return {
    rows: json(await wh.rows('select * from raw_touchpoints order by source_line')),
    rejected: json(await wh.rows("select * exclude (rowid_) from (select rowid as rowid_, * from raw_rejected_rows) where source_file = 'touchpoints.csv' order by source_line")),
    record: json(await wh.rows("select * from raw_input_files where path = 'touchpoints.csv'")),
  };
}

/** What the warehouse holds of orders.csv: its rows, rejected rows, notes and file record. */
async function orders(wh: Warehouse): Promise<Record<string, string[]>> {
  return {
    rows: json(await wh.rows('select * from raw_orders order by source_line')),
    rejected: json(await wh.rows("select * exclude (rowid_) from (select rowid as rowid_, * from raw_rejected_rows) where source_file = 'orders.csv' order by source_line")),
    notes: json(await wh.rows("select * from raw_ingest_notes where source_file = 'orders.csv' order by all")),
    record: json(await wh.rows("select * from raw_input_files where path = 'orders.csv'")),
  };
}

/** A cold load of the same folder, into a fresh warehouse with the same pseudonym key as `like`. */
async function cold(data: string, like: Warehouse, holds: (wh: Warehouse) => Promise<Record<string, string[]>> = touchpoints): Promise<Record<string, string[]>> {
  const wh = await warehouse();
  await copyFile(keyPath(like.path), keyPath(wh.path));
  await ingest(wh, data);
  return holds(wh);
}

const LINES = [
  'tiny-cust-07,2026-10-20T08:00:00Z,facebook,paid_social,meta_sale_oct,ad_2,click',
  'tiny-cust-08,2026-10-21T09:30:00Z,,,,,click',
  'tiny-cust-09,2026-10-22T10:00:00Z,youtube,paid_video,yt_brand_autumn,,view',
];

describe('append-aware touchpoints.csv', () => {
  it('reads only the appended lines, numbered as a whole read numbers them', async () => {
    const data = await copyFixture('tiny');
    const file = join(data, 'touchpoints.csv');
    const wh = await warehouse();
    await ingest(wh, data);
    const before = (await wh.rows('select count(*)::integer as n from raw_touchpoints'))[0];

    await appendFile(file, `${LINES.join('\n')}\n`);
    const second = await ingest(wh, data);
    expect(second.readThisRun).toBe(1);
    expect(second.appendedThisRun).toBe(1);
    expect(second.summary).toContain('1 read from the lines added since');
    expect((await wh.rows('select count(*)::integer as n from raw_touchpoints'))[0]).toEqual({ n: (before as { n: number }).n + 3 });
    expect(await touchpoints(wh)).toEqual(await cold(data, wh));

    // month after month: the record's counts, length and hash follow the whole file
    await appendFile(file, 'tiny-cust-10,2026-10-23T08:00:00Z,instagram,paid_social,meta_sale_oct,ad_1,click\n');
    expect((await ingest(wh, data)).appendedThisRun).toBe(1);
    await appendFile(file, 'tiny-cust-11,2026-10-24T08:00:00Z,linkedin,paid_social,li_b2b_q3,,click\n');
    expect((await ingest(wh, data)).appendedThisRun).toBe(1);
    expect(await touchpoints(wh)).toEqual(await cold(data, wh));
    expect((await ingest(wh, data)).readThisRun).toBe(0);
  });

  it('gives a rejected appended line its line in the file', async () => {
    const data = await copyFixture('tiny');
    const wh = await warehouse();
    await ingest(wh, data);
    await appendFile(join(data, 'touchpoints.csv'), `${LINES[0]}\ntiny-cust-12,2026-10-25T08:00:00Z,facebook,paid_social,meta_sale_oct,ad_2,hover\n${LINES[1]}\n`);
    const second = await ingest(wh, data);
    expect(second.appendedThisRun).toBe(1);
    const mine = await touchpoints(wh);
    expect(mine.rejected).toHaveLength(1);
    const lines = (await readFile(join(data, 'touchpoints.csv'), 'utf8')).split('\n');
    expect(mine.rejected?.[0]).toContain(`"source_line":${lines.findIndex((l) => l.includes('hover')) + 1}`);
    expect(mine).toEqual(await cold(data, wh));
  });

  it('reads the whole file when it was not read as UTF-8: the encoding is decided for a whole file', async () => {
    const data = await copyFixture('tiny');
    const file = join(data, 'touchpoints.csv');
    // Windows-1252, as Excel saves it: "frühling" with the single byte 0xFC
    const text = await readFile(file, 'utf8');
    await writeFile(file, Buffer.from(`${text}tiny-cust-07,2026-10-20T08:00:00Z,facebook,paid_social,meta_fr\u00fchling,ad_2,click\n`, 'latin1'));
    const wh = await warehouse();
    await ingest(wh, data);
    // a line appended in UTF-8: read alone it would say "frühling"; the whole file, read as Windows-1252, does not
    await appendFile(file, 'tiny-cust-08,2026-10-21T09:30:00Z,facebook,paid_social,meta_fr\u00fchling,ad_2,click\n');
    const second = await ingest(wh, data);
    expect(second.readThisRun).toBe(1);
    expect(second.appendedThisRun).toBe(0);
    expect(await touchpoints(wh)).toEqual(await cold(data, wh));
  });

  it('reloads the whole file when an earlier line changed, or the old end had no line break', async () => {
    const data = await copyFixture('tiny');
    const file = join(data, 'touchpoints.csv');
    const wh = await warehouse();
    await ingest(wh, data);
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text.replace('tiny-cust-01', 'tiny-cust-99')}${LINES[0]}\n`);
    const changed = await ingest(wh, data);
    expect(changed.readThisRun).toBe(1);
    expect(changed.appendedThisRun).toBe(0);
    expect(await touchpoints(wh)).toEqual(await cold(data, wh));

    // a file that ended without a line break: what follows may continue its last line
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n$/, ''));
    await ingest(wh, data);
    await appendFile(file, `\n${LINES[1]}\n`);
    const grown = await ingest(wh, data);
    expect(grown.appendedThisRun).toBe(0);
    expect(await touchpoints(wh)).toEqual(await cold(data, wh));
  });
});

const ORDER_LINES = [
  'O10,2026-11-02T10:00:00Z,tiny-cust-12,kim.tiny@example.com,Kim Tinyperson,80.00,EUR,paid,,,,,,',
  'O11,2026-11-03T11:00:00Z,tiny-cust-02,bob.tiny@example.com,Bob Tinyperson,120.50,EUR,partially_refunded,20.50,,,,,',
];

// Shopify's layout as genuine US exports write it (see orders.test.ts): line items repeat Name, Email and Created at.
const SHOPIFY_HEADER = 'Name,Email,Financial Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Refunded Amount';
const SHOPIFY = [
  '#2001,ann@example.com,paid,EUR,100.00,5.00,6.30,111.30,,2026-10-05 10:00:00 +0200,1,Hoodie,60.00,,0.00',
  '#2001,ann@example.com,,,,,,,,2026-10-05 10:00:00 +0200,1,Cap,40.00,,',
  '#2002,bo@example.com,partially_refunded,EUR,50.00,5.00,3.30,58.30,,2026-10-07 12:00:00 +0200,1,Shirt,50.00,,21.20',
];
const SHOPIFY_NEXT = [
  '#2003,cy@example.com,paid,EUR,74.80,4.90,7.30,87.00,,2026-11-06 11:00:00 +0100,1,Lamp,50.00,,0.00',
  '#2003,cy@example.com,,,,,,,,2026-11-06 11:00:00 +0100,1,Bulb,24.80,,',
  '#2004,di@example.com,refunded,EUR,20.00,0.00,1.20,21.20,,2026-11-08 12:00:00 +0100,1,Soap,20.00,2026-11-08 15:00:00 +0100,21.20',
];

describe('append-aware orders.csv', () => {
  it('reads only the appended orders, numbered as a whole read numbers them', async () => {
    const data = await copyFixture('tiny');
    const file = join(data, 'orders.csv');
    const wh = await warehouse();
    await ingest(wh, data);
    await appendFile(file, `${ORDER_LINES.join('\n')}\n`);
    const second = await ingest(wh, data);
    expect(second.readThisRun).toBe(1);
    expect(second.appendedThisRun).toBe(1);
    const mine = await orders(wh);
    expect(mine.rows).toHaveLength(12);
    expect(mine.rows?.at(-1)).toContain('"source_line":13');
    expect(mine).toEqual(await cold(data, wh, orders));
  });

  it("folds a Shopify export's appended line items into their orders", async () => {
    const data = await copyFixture('tiny');
    const file = join(data, 'orders.csv');
    await writeFile(file, `${[SHOPIFY_HEADER, ...SHOPIFY].join('\n')}\n`);
    const wh = await warehouse();
    await ingest(wh, data);
    await appendFile(file, `${SHOPIFY_NEXT.join('\n')}\n`);
    const second = await ingest(wh, data);
    expect(second.appendedThisRun).toBe(1);
    const mine = await orders(wh);
    expect(mine.rows).toHaveLength(4);
    expect(JSON.parse(mine.record![0]!)).toMatchObject({ rows_loaded: 4, rows_rejected: 0, rows_skipped: 2 });
    expect(mine).toEqual(await cold(data, wh, orders));

    // a second order under a Name the file already had: alone, the part would take it as an
    // order; the whole file rejects it (another order with the same Name), so it is read whole
    await appendFile(file, '#2004,ed@example.com,paid,EUR,30.00,0.00,1.80,31.80,,2026-11-09 12:00:00 +0100,1,Soap,30.00,,0.00\n');
    const third = await ingest(wh, data);
    expect(third.readThisRun).toBe(1);
    expect(third.appendedThisRun).toBe(0);
    const whole = await orders(wh);
    expect(whole.rejected).toHaveLength(1);
    expect(whole.rejected?.[0]).toContain('another order with the same Name');
    expect(whole).toEqual(await cold(data, wh, orders));
  });

  it('reads the whole file when a part would read otherwise: a rejected row, numbers not plain', async () => {
    const data = await copyFixture('tiny');
    const file = join(data, 'orders.csv');
    const wh = await warehouse();
    await ingest(wh, data);
    // "49,90" alone reads as a decimal comma; among the file's "80.00" it is no number in the file's layout
    const original = await readFile(file, 'utf8');
    await appendFile(file, 'O14,2026-11-04T09:00:00Z,tiny-cust-13,,,"49,90",EUR,paid,,,,,,\n');
    const comma = await ingest(wh, data);
    expect(comma.appendedThisRun).toBe(0);
    expect((await orders(wh)).rejected).toHaveLength(1);
    expect(await orders(wh)).toEqual(await cold(data, wh, orders));
    await writeFile(file, original);
    await ingest(wh, data);

    // a rejected appended row: read whole, it gets its line and the same reason as in a cold load
    await appendFile(file, `${ORDER_LINES[0]}\nO12,2026-11-04T09:00:00Z,tiny-cust-13,,,abc,EUR,paid,,,,,,\n`);
    const rejectedPart = await ingest(wh, data);
    expect(rejectedPart.appendedThisRun).toBe(0);
    const mine = await orders(wh);
    expect(mine.rejected).toHaveLength(1);
    expect(mine.rejected?.[0]).toContain('"source_line":13');
    expect(mine).toEqual(await cold(data, wh, orders));

    // ...and while the file holds a rejected row, every later append too
    await appendFile(file, `${ORDER_LINES[1]}\n`);
    expect((await ingest(wh, data)).appendedThisRun).toBe(0);
    expect(await orders(wh)).toEqual(await cold(data, wh, orders));

    // a thousands separator ("1,250.00"): the file's decimal separator is decided from all its numbers
    const text = (await readFile(file, 'utf8')).split('\n').filter((l) => !l.startsWith('O12,')).join('\n');
    await writeFile(file, text.replace('O1,2026-10-05T10:00:00Z,tiny-cust-02,bob.tiny@example.com,Bob Tinyperson,3000.00', 'O1,2026-10-05T10:00:00Z,tiny-cust-02,bob.tiny@example.com,Bob Tinyperson,"3,000.00"'));
    await ingest(wh, data);
    expect(await orders(wh)).toEqual(await cold(data, wh, orders));
    await appendFile(file, 'O13,2026-11-05T09:00:00Z,tiny-cust-14,,,15.00,EUR,paid,,,,,,\n');
    const notPlain = await ingest(wh, data);
    expect(notPlain.readThisRun).toBe(1);
    expect(notPlain.appendedThisRun).toBe(0);
    expect(await orders(wh)).toEqual(await cold(data, wh, orders));
  });
});

// A Shopify export lists the newest order first: downloaded again, it has the new orders on top.
const GENUINE_USD = 'shopify/orders_export_1 (USD, redacted).csv';

describeGenuine('orders.csv with the new orders on top, as Shopify exports them', [GENUINE_USD], () => {
  it('reads only the new lines, and moves the rows already loaded down by their count', async () => {
    const data = await copyFixture('tiny');
    const file = join(data, 'orders.csv');
    const whole = await readFile(genuine(GENUINE_USD), 'utf8');
    const [header, ...lines] = whole.split('\n');
    // the three newest orders with their line items (a line item repeats its order's Name)
    const names = [...new Set(lines.map((l) => l.split(',')[0]))].slice(0, 3);
    const newest = lines.filter((l) => names.includes(l.split(',')[0])).length;
    await writeFile(file, [header, ...lines.slice(newest)].join('\n'));
    const wh = await warehouse();
    await ingest(wh, data);
    const before = await orders(wh);

    await writeFile(file, whole);
    const second = await ingest(wh, data);
    expect(second.readThisRun).toBe(1);
    expect(second.appendedThisRun).toBe(1);
    expect(second.summary).toContain('1 read from the lines added since');
    const mine = await orders(wh);
    expect(mine.rows?.length).toBe((before.rows?.length ?? 0) + 3);
    expect(JSON.parse(mine.record![0]!)).toMatchObject({ rows_loaded: 81, rows_rejected: 0, rows_skipped: 17 });
    expect(mine).toEqual(await cold(data, wh, orders));
  });

  it('reads orders of our layout added on top the same way', async () => {
    const data = await copyFixture('tiny');
    const file = join(data, 'orders.csv');
    const wh = await warehouse();
    await ingest(wh, data);
    const [header, ...lines] = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, [header, ...ORDER_LINES, ...lines].join('\n'));
    const second = await ingest(wh, data);
    expect(second.appendedThisRun).toBe(1);
    const mine = await orders(wh);
    expect(mine.rows?.[0]).toContain('"source_line":2,"order_id":"O10"');
    expect(mine).toEqual(await cold(data, wh, orders));
  });
});

describe('the hash of a file and of its first bytes', () => {
  it('is taken in one pass, as two separate hashes give it', async () => {
    const dir = await tempDir('prefix-hash');
    const path = join(dir, 'data.bin');
    // over two read chunks (1 MiB each), with the prefix ending inside and at the end of one
    const bytes = Buffer.from(Array.from({ length: (1 << 20) * 2 + 4321 }, (_v, i) => (i * 7919) % 251));
    await writeFile(path, bytes);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    for (const prefix of [0, 1, 4321, 1 << 20, (1 << 20) + 1, bytes.length - 1, bytes.length]) {
      expect(await sha256FileAndPrefix(path, prefix), `prefix ${prefix}`).toEqual({ sha256: sha(bytes), prefix: sha(bytes.subarray(0, prefix)) });
    }
    expect(await sha256FileAndPrefix(path, bytes.length + 1)).toEqual({ sha256: sha(bytes), prefix: null });
    expect(await sha256FileAndPrefix(path, null)).toEqual({ sha256: sha(bytes), prefix: null });
  });
});
