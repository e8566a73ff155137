// No personal data from the orders (emails, names) may reach anything under
// the output folder, the warehouse or a message. The bundled sample report is
// built (once per test run, shared with other test files) and every output file
// is searched for every such value in data/sample;
// the warehouse holds customers only as keyed hashes (pipeline/ingest/pseudonym.ts)
// in files its owner alone can read; a broken orders.csv is reported without
// the row's text.
import { createHash } from 'node:crypto';
import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/ingest/index.ts';
import { customerPseudonym, defineCustomerKey, keyPath, readOrCreateKey } from '../pipeline/ingest/pseudonym.ts';
import { withoutRowText } from '../pipeline/sql-errors.ts';
import { appendRows, openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { copyFixture, projectRoot, runCli, tempDir } from './helpers/cli.ts';
import { md5Number } from './helpers/pseudonym.ts';
import { sampleReport } from './helpers/sample-report.ts';
import { csv, filledWarehouse } from './helpers/warehouse.ts';

const sample = join(projectRoot, 'data/sample');
let out: string;
let warehousePath: string;

beforeAll(async () => {
  const report = await sampleReport('de');
  if (report.run.code !== 0) throw new Error(report.run.stderr);
  ({ out, warehouse: warehousePath } = report);
}, 600_000);

const orders = parse(readFileSync(join(sample, 'orders.csv')), { columns: true }) as Record<string, string>[];
const touchpoints = parse(readFileSync(join(sample, 'touchpoints.csv')), { columns: true }) as Record<string, string>[];
/** The sample's e-mail addresses and billing names, and the ids touchpoints.csv keys customers by. */
const personal = new Set(
  [...orders.flatMap((o) => [o.Email, o['Billing Name']]), ...touchpoints.map((t) => t.customer_id)].filter((v): v is string => !!v),
);
const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

/** Every run of text between delimiters, and every pair of neighbouring words (for full names). */
function tokens(text: string): Set<string> {
  const set = new Set<string>();
  const words = text.split(/[\s"'<>,;:()[\]{}|=\\/\x00-\x1f]+/).filter(Boolean);
  words.forEach((word, i) => {
    set.add(word);
    if (i > 0) set.add(`${words[i - 1]} ${word}`);
  });
  return set;
}

describe('privacy', () => {
  it('keeps every email and name of the sample orders and touchpoints out of the built report', () => {
    // orders.csv is a Shopify export: e-mail addresses and billing names; touchpoints.csv keys
    // the same customers, and visitors who never bought, by their e-mail address
    expect(personal.size).toBeGreaterThan(10_000);
    const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      const seen = tokens(readFileSync(join(file.parentPath, file.name)).toString('utf8'));
      for (const value of personal) if (seen.has(value)) found.push(`${value} in ${join(file.parentPath, file.name)}`);
    }
    expect(found).toEqual([]);
  });

  it('finds such a value where one is planted, so the search itself works', () => {
    const seen = tokens('<td>Anna Beispiel</td><td>anna.beispiel.7@example.de</td> "C000123",');
    expect(seen.has('Anna Beispiel') && seen.has('anna.beispiel.7@example.de') && seen.has('C000123')).toBe(true);
  });

  it('keeps no address, name or id in the warehouse, nor the plain SHA-256 of an address: a dictionary of the shop\'s customers recovers nobody', async () => {
    const emails = orders.map((o) => o.Email).filter((e): e is string => !!e);
    const dictionary = [...personal, ...[...personal].map((v) => createHash('sha256').update(v.trim().toLowerCase()).digest('hex'))];
    const wh = await openWarehouse(warehousePath, { fresh: false });
    try {
      await wh.run('create temp table dictionary (v varchar)');
      await appendRows(wh, 'dictionary', dictionary.map((v) => [v]));
      const columns = await wh.rows<{ table_name: string; column_name: string }>(
        "select table_name, column_name from information_schema.columns where table_catalog = current_database() and table_schema = 'main' and data_type = 'VARCHAR' order by all",
      );
      expect(columns.length).toBeGreaterThan(50);
      const found: string[] = [];
      for (const { table_name, column_name } of columns) {
        const [hit] = await wh.rows<{ v: string | null }>(`select any_value("${column_name}") as v from "${table_name}" where "${column_name}" in (select v from dictionary)`);
        if (hit?.v) found.push(`${table_name}.${column_name}: ${hit.v}`);
      }
      // Customer columns hold 128-bit numbers: none is the number an unkeyed scheme would keep
      // (md5_number of the address's plain SHA-256, or of the address)
      const numbers = await wh.rows<{ table_name: string; column_name: string }>(
        "select table_name, column_name from information_schema.columns where table_catalog = current_database() and table_schema = 'main' and data_type = 'UHUGEINT' order by all",
      );
      expect(numbers.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(expect.arrayContaining(['raw_orders.customer_id', 'raw_touchpoints.customer_id']));
      for (const { table_name, column_name } of numbers) {
        const [hit] = await wh.rows<{ v: string | null }>(
          `select any_value("${column_name}")::varchar as v from "${table_name}" where "${column_name}" in (select md5_number(v) from dictionary)`,
        );
        if (hit?.v) found.push(`${table_name}.${column_name}: ${hit.v}`);
      }
      expect(found).toEqual([]);

      // What is kept is the keyed hash, the same for an order's Email and a touchpoint's address.
      const { key } = await readOrCreateKey(warehousePath);
      const orderKeys = new Set(emails.map((e) => customerPseudonym(key, e)));
      const touchKeys = new Set(touchpoints.map((t) => customerPseudonym(key, t.customer_id!)));
      await wh.run('create temp table keys_orders (v varchar); create temp table keys_touch (v varchar)');
      await appendRows(wh, 'keys_orders', [...orderKeys].map((v) => [v]));
      await appendRows(wh, 'keys_touch', [...touchKeys].map((v) => [v]));
      const [keys] = await wh.rows<{ orders: number; order_keys_known: number; touchpoints: number; touch_keys_known: number; shared: number }>(
        `select (select count(distinct customer_id) from raw_orders)::integer as orders,
                (select count(distinct customer_id) from raw_orders where customer_id in (select v::uhugeint from keys_orders))::integer as order_keys_known,
                (select count(distinct customer_id) from raw_touchpoints)::integer as touchpoints,
                (select count(distinct customer_id) from raw_touchpoints where customer_id in (select v::uhugeint from keys_touch))::integer as touch_keys_known,
                (select count(distinct customer_id) from raw_touchpoints where customer_id in (select customer_id from raw_orders))::integer as shared`,
      );
      const sharedInFiles = [...touchKeys].filter((k) => orderKeys.has(k)).length;
      expect(keys).toEqual({ orders: orderKeys.size, order_keys_known: orderKeys.size, touchpoints: touchKeys.size, touch_keys_known: touchKeys.size, shared: sharedInFiles });
      expect(sharedInFiles).toBeGreaterThan(1000);
    } finally {
      wh.close();
    }
  });

  it('makes the warehouse and its key readable by their owner only', async () => {
    expect(await mode(warehousePath)).toBe('600');
    expect(await mode(keyPath(warehousePath))).toBe('600');
    expect((await readFile(keyPath(warehousePath), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    const wal = await mode(`${warehousePath}.wal`).catch(() => 'none');
    expect(['600', 'none']).toContain(wal);
  });
});

describe('the warehouse\'s files', () => {
  it('are created 0600, the write-ahead log too, and the spill folder 0700; an older file readable by others is made private', async () => {
    const path = join(await tempDir('privacy-modes'), 'wh.duckdb');
    await writeFile(`${path}.x`, '');
    const umask = process.umask();
    const wh = await openWarehouse(path, { memoryLimit: '40MB' });
    try {
      await wh.run('set threads = 1; set preserve_insertion_order = false');
      await wh.run('create table t (a integer)');
      await wh.run('insert into t select range from range(1000)');
      expect(await mode(path)).toBe('600');
      expect(await mode(`${path}.wal`)).toBe('600');
      // a sort larger than the memory limit spills to <path>.tmp/
      await wh.run('create temp table sorted as select md5(range::varchar) || md5((range + 1)::varchar) as s from range(1500000) order by s');
      expect(await mode(`${path}.tmp`)).toBe('700');
    } finally {
      wh.close();
    }
    expect(process.umask()).toBe(umask);

    const older = join(await tempDir('privacy-older'), 'wh.duckdb');
    const instance = await DuckDBInstance.create(older);
    instance.closeSync();
    expect(await mode(older)).not.toBe('600');
    (await openWarehouse(older, { fresh: false })).close();
    expect(await mode(older)).toBe('600');
  });
});

describe('the pseudonym key', () => {
  it('gives in DuckDB what node:crypto gives: SHA-256 of the key\'s hex and the id, or of the address\'s own SHA-256 (lower case, trimmed)', async () => {
    const path = join(await tempDir('privacy-sql'), 'wh.duckdb');
    const { key, created } = await readOrCreateKey(path);
    expect(created).toBe(true);
    const wh = await openWarehouse(path);
    try {
      await defineCustomerKey(wh, key);
      const plain = createHash('sha256').update('anna.beispiel@example.de').digest('hex');
      const ids = [' Anna.Beispiel@Example.DE ', 'anna.beispiel@example.de', plain, plain.toUpperCase(), 'C000123', ' C000123', 'Jürgen.Müller@Exämple.de', '', '   '];
      for (const id of ids) {
        const [row] = await wh.rows<{ k: string | null }>('select customer_key($id)::varchar as k', { id });
        expect(row?.k, id).toBe(customerPseudonym(key, id));
      }
      // md5_number() of the keyed SHA-256's hex digits: the MD5's bytes, least significant first
      expect(customerPseudonym(key, ' Anna.Beispiel@Example.DE ')).toBe(md5Number(createHash('sha256').update(`${key.toString('hex')}${plain}`).digest('hex')));
      // a touchpoints.csv keyed by the address's SHA-256 (README) names the same customer as the address
      expect(customerPseudonym(key, plain.toUpperCase())).toBe(customerPseudonym(key, 'anna.beispiel@example.de'));
      expect(customerPseudonym(key, 'C000123')).toBe(md5Number(createHash('sha256').update(`${key.toString('hex')}C000123`).digest('hex')));
      expect(customerPseudonym(key, '')).toBeNull();
    } finally {
      wh.close();
    }
  });

  it('is made once and kept; when it is lost, the next run makes a new one and reads orders and touchpoints again under it', async () => {
    const data = await copyFixture('tiny');
    const path = join(await tempDir('privacy-key'), 'wh.duckdb');
    const idsOf = async (wh: Warehouse) =>
      (await wh.rows<{ id: string }>('select customer_id::varchar as id from raw_orders union select customer_id::varchar from raw_touchpoints order by 1')).map((r) => r.id);
    let wh = await openWarehouse(path, { fresh: false });
    const first = await ingest(wh, data);
    const before = await idsOf(wh);
    wh.close();
    const key = await readFile(keyPath(path), 'utf8');
    expect(before).toContain(customerPseudonym(Buffer.from(key.trim(), 'hex'), 'tiny-cust-01'));
    expect(before.some((id) => id.startsWith('tiny-'))).toBe(false);

    wh = await openWarehouse(path, { fresh: false });
    expect((await ingest(wh, data)).readThisRun).toBe(0);
    wh.close();
    expect(await readFile(keyPath(path), 'utf8')).toBe(key);

    await rm(keyPath(path));
    wh = await openWarehouse(path, { fresh: false });
    const again = await ingest(wh, data);
    const after = await idsOf(wh);
    wh.close();
    expect(again.readThisRun).toBe(first.readThisRun);
    expect(after).toHaveLength(before.length);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    expect(await readFile(keyPath(path), 'utf8')).not.toBe(key);

    await writeFile(keyPath(path), 'not a key\n');
    wh = await openWarehouse(path, { fresh: false });
    try {
      await expect(ingest(wh, data)).rejects.toThrow(/is not a pseudonym key .*delete it/);
    } finally {
      wh.close();
    }
  });
});

describe('journeys under pseudonyms', () => {
  it('join an order to touchpoints keyed by its address, by the address\'s SHA-256, or by the same id', async () => {
    const plain = createHash('sha256').update('mia.muster@example.de').digest('hex').toUpperCase();
    const warehouse = await filledWarehouse({
      'report.json': JSON.stringify({ currency: 'EUR', timezone: 'UTC', lookback_days: 30 }),
      'campaigns.csv': csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [
        ['a', 'A', 'Meta', 'conversion', null, null, 'camp_a'],
        ['b', 'B', 'Meta', 'conversion', null, null, 'camp_b'],
        ['c', 'C', 'Meta', 'conversion', null, null, 'camp_c'],
      ]),
      'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [
        ['o1', '2026-10-15T12:00:00Z', ' Mia.Muster@Example.DE ', '100.00', 'EUR', 'paid'],
        ['o2', '2026-10-15T12:00:00Z', 'C000123', '50.00', 'EUR', 'paid'],
        ['o3', '2026-10-16T12:00:00Z', 'mia.muster@example.de', '10.00', 'EUR', 'paid'],
      ]),
      'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', [
        [plain, '2026-10-14T12:00:00Z', 'facebook', 'paid_social', 'camp_a', 'click'],
        ['C000123', '2026-10-14T12:00:00Z', 'facebook', 'paid_social', 'camp_b', 'click'],
        ['mia.muster@example.de', '2026-10-16T06:00:00Z', 'facebook', 'paid_social', 'camp_c', 'click'],
      ]),
    });
    try {
      const credits = await warehouse.rows<{ order_id: string; campaign: string }>(
        "select order_id, campaign from int_attribution_credits where model = 'last_touch' order by order_id",
      );
      expect(credits).toEqual([
        { order_id: 'o1', campaign: 'a' },
        { order_id: 'o2', campaign: 'b' },
        { order_id: 'o3', campaign: 'c' },
      ]);
    } finally {
      warehouse.close();
    }
  });
});

describe('messages about a broken orders.csv', () => {
  it('leave DuckDB\'s copy of the input line out, and the values it quotes, keeping file and line', async () => {
    const dir = await tempDir('privacy-duckdb');
    const file = join(dir, 'orders.csv');
    await writeFile(file, `order_id,email,name\n1,anna.beispiel@example.de,"Anna Beispiel ${'x'.repeat(3000)}"\n`);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const error = await connection.run(`select * from read_csv('${file}', max_line_size = 1000)`).catch((e: unknown) => e as Error);
    connection.closeSync();
    instance.closeSync();
    expect((error as Error).message).toContain('anna.beispiel@example.de');
    const message = withoutRowText((error as Error).message);
    expect(message).not.toMatch(/anna|Beispiel/i);
    expect(message).toMatch(/Line: \d+/);
    expect(message).toContain('Original Line: (left out');
    expect(withoutRowText(`Could not convert string "anna@example.de" to 'DECIMAL(18,4)' in column "revenue"`)).toBe(
      `Could not convert string (left out) to 'DECIMAL(18,4)' in column "revenue"`,
    );
  });

  it('name file, line and column but no customer: an e-mail changed under one order, a row with extra fields', async () => {
    const dir = await tempDir('privacy-broken');
    const logs: string[] = [];
    for (const damage of ['address', 'fields'] as const) {
      const data = join(dir, damage);
      await cp(sample, data, { recursive: true });
      const lines = (await readFile(join(data, 'orders.csv'), 'utf8')).split('\n');
      // line 3 is an order's first row (#100002): a second row of it with another address, or extra fields with a name
      const fields = lines[2]!.split(',');
      if (damage === 'address') lines.splice(3, 0, [fields[0], 'someone.else.99@example.de', ...fields.slice(2)].join(','));
      else lines[2] = `${lines[2]},"Petra Nowak",petra.nowak.2@example.de`;
      await writeFile(join(data, 'orders.csv'), lines.join('\n'));
      const out = join(dir, `${damage}-report`);
      const run = await runCli(['--data', data, '--out', out, '--warehouse', join(dir, `${damage}.duckdb`)]);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(damage === 'address' ? /orders\.csv line 4, column email/ : /orders\.csv.*\n.*line 3/);
      logs.push(run.stdout, run.stderr, await readFile(`${out}.log.jsonl`, 'utf8'));
    }
    const seen = tokens(logs.join('\n'));
    const found = [...personal, 'someone.else.99@example.de', 'Petra Nowak'].filter((v) => seen.has(v));
    expect(found).toEqual([]);
  });
});
