#!/usr/bin/env node
// Ad-hoc queries against the warehouse: `npm run sql -- "select * from campaign_roi limit 5"`.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { minimist } from 'zx';
import { lockHolder } from './lock.ts';
import { duckdbMessage } from './sql-errors.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const args = minimist(process.argv.slice(2), { string: ['warehouse'] });
const sql = args._.join(' ').trim();
if (!sql) {
  process.stderr.write('Usage: npm run sql -- [--warehouse FILE] "select …"\n');
  process.exit(2);
}
const path = resolve(process.env.INIT_CWD ?? process.cwd(), typeof args.warehouse === 'string' ? args.warehouse : resolve(projectRoot, '.cache/warehouse.duckdb'));
// A report run holds the warehouse for its whole run and closes it for a moment between
// ingest and transform: opening it then would make the run wait, so this waits for the run.
const holder = await lockHolder(path);
if (holder) {
  process.stderr.write(`a report run (process ${holder.pid} on ${holder.host}, started ${holder.started_at}) is using ${path}; run the query when it has finished\n`);
  process.exit(7);
}
try {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const rows = reader.getRowsJS().map((row) => row.map((v) => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v))));
  const widths = names.map((n, i) => Math.min(40, Math.max(n.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (cells: string[]) => cells.map((c, i) => (c.length > 40 ? `${c.slice(0, 39)}…` : c).padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  process.stdout.write(`${line(names)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  process.stdout.write(`(${rows.length} row${rows.length === 1 ? '' : 's'})\n`);
} catch (error) {
  process.stderr.write(`${duckdbMessage(error)}\n`);
  process.exit(4);
}
