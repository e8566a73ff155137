// One run holds its warehouse for the whole run. Another process that opens
// the file (a DuckDB shell, a notebook) makes the run wait for it rather than
// crash; `npm run sql` waits for the run rather than open the file under it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../pipeline/errors.ts';
import { openWarehouse } from '../pipeline/warehouse.ts';
import { projectRoot, tempDir } from './helpers/cli.ts';

/** Another process that opens the warehouse read-only, says so, and holds it for `ms`. */
async function holdWarehouse(path: string, ms: number): Promise<ChildProcess & { exited: Promise<unknown> }> {
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const db = await DuckDBInstance.create(${JSON.stringify(path)}, { access_mode: 'READ_ONLY' });
    const c = await db.connect();
    await c.run('select 1');
    process.stdout.write('holding\\n');
    setTimeout(() => { c.closeSync(); db.closeSync(); }, ${ms});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  // listened for from the start: the process may well be gone before the test asks
  const exited = once(child, 'exit');
  await once(child.stdout!, 'data');
  return Object.assign(child, { exited });
}

/** A warehouse file with one table, written by a process of its own (a file this test process opened stays locked by it). */
async function warehouseFile(): Promise<string> {
  const path = join(await tempDir('lock'), 'warehouse.duckdb');
  const writer = spawn(process.execPath, ['--input-type=module', '-e', `
    import { DuckDBInstance } from '@duckdb/node-api';
    const db = await DuckDBInstance.create(${JSON.stringify(path)});
    const c = await db.connect();
    await c.run('create table t as select 42 as answer');
    c.closeSync();
    db.closeSync();`], { cwd: projectRoot, stdio: 'inherit' });
  const [code] = await once(writer, 'exit');
  expect(code).toBe(0);
  return path;
}

describe('the warehouse held by another process', () => {
  it('makes the run wait until the other process lets go, then goes on', async () => {
    const path = await warehouseFile();
    const reader = await holdWarehouse(path, 1500);
    const started = Date.now();
    const warehouse = await openWarehouse(path, { fresh: false });
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(await warehouse.rows('select answer from t')).toEqual([{ answer: 42 }]);
    warehouse.close();
    await reader.exited;
  });

  it('stops with exit 7 naming the process when it is not let go in time, and leaves the file alone', async () => {
    const path = await warehouseFile();
    const reader = await holdWarehouse(path, 5000);
    try {
      const error = await openWarehouse(path, { fresh: false, lockWaitMs: 600 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportError);
      expect((error as ReportError).exitCode).toBe(7);
      expect((error as ReportError).message).toMatch(
        new RegExp(`^the warehouse .*warehouse\\.duckdb is held by another process \\(process ${reader.pid}\\) and was not let go within 1 s; close the program`),
      );
    } finally {
      reader.kill();
    }
    await reader.exited;
    const warehouse = await openWarehouse(path, { fresh: false });
    expect(await warehouse.rows('select answer from t')).toEqual([{ answer: 42 }]);
    warehouse.close();
  });
});

describe('npm run sql during a run', () => {
  it('says a run is using the warehouse instead of opening it', async () => {
    const path = await warehouseFile();
    await writeFile(`${path}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), started_at: '2026-11-02T06:00:00.000Z' }));
    const child = spawn(process.execPath, [join(projectRoot, 'pipeline/sql.ts'), '--warehouse', path, 'select 1'], { cwd: projectRoot });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(7);
    expect(stderr).toBe(`a report run (process ${process.pid} on ${hostname()}, started 2026-11-02T06:00:00.000Z) is using ${path}; run the query when it has finished\n`);
  });
});
