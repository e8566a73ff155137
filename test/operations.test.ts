// What operations rely on: a re-run of the same inputs gives the same bytes,
// a failed run leaves the previous report alone, one run at a time, a log a
// scheduler can keep, and published months that remember what they said.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from './helpers/arrow.ts';
import { copyFixture, projectRoot, runCli, tempDir, type CliResult } from './helpers/cli.ts';

async function fingerprint(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes = await readFile(path);
    if (entry.name === 'manifest.json') {
      const manifest = JSON.parse(bytes.toString('utf8'));
      delete manifest.generated_at;
      bytes = Buffer.from(JSON.stringify(manifest));
    }
    files.set(relative(dir, path), createHash('sha256').update(bytes).digest('hex'));
  }
  return files;
}

const logLines = async (out: string) =>
  (await readFile(`${out}.log.jsonl`, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('running the same month again', () => {
  let data: string;
  let out: string;
  let warehouse: string;
  let first: CliResult;
  let firstFiles: Map<string, string>;
  let second: CliResult;
  beforeAll(async () => {
    data = await copyFixture('tiny');
    const dir = dirname(data);
    out = join(dir, 'report');
    warehouse = join(dir, 'warehouse.duckdb');
    first = await runCli(['--data', data, '--out', out, '--warehouse', warehouse]);
    firstFiles = await fingerprint(out);
    second = await runCli(['--data', data, '--out', out, '--warehouse', warehouse]);
  });

  it('gives byte-identical output apart from the manifest\'s generated_at', async () => {
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const secondFiles = await fingerprint(out);
    expect([...secondFiles.keys()].sort()).toEqual([...firstFiles.keys()].sort());
    const differing = [...secondFiles].filter(([file, hash]) => firstFiles.get(file) !== hash).map(([file]) => file);
    expect(differing).toEqual([]);
  });

  it('reads no unchanged input file again', () => {
    expect(second.stdout).toMatch(/^ingest +9 files \(3 platform exports; 9 unchanged since the last run\)/m);
  });

  it('appends a JSON-lines log a scheduler can keep: start, steps with counts and seconds, end with the exit code', async () => {
    const lines = await logLines(out);
    const runs = [...new Set(lines.map((l) => l.run_id))];
    expect(runs).toHaveLength(2);
    const last = lines.filter((l) => l.run_id === runs[1]);
    expect(last.map((l) => (l.event === 'step' ? `step:${l.step}` : l.event))).toEqual([
      'start', 'step:ingest', 'step:transform', 'warning', 'step:check', 'step:export', 'step:build', 'end',
    ]);
    expect(last.find((l) => l.step === 'ingest')).toMatchObject({ counts: { files: 9, files_read: 0, rows_loaded: 47, rows_rejected: 0 } });
    expect(last.at(-1)).toMatchObject({ event: 'end', exit_code: 0 });
    expect(typeof last.at(-1)?.seconds).toBe('number');
  });
});

describe('a failed run', () => {
  it('leaves the previous report as it was when the site build fails half-way, and logs why', async () => {
    const data = await copyFixture('tiny');
    const dir = dirname(data);
    const out = join(dir, 'report');
    const warehouse = join(dir, 'warehouse.duckdb');
    expect((await runCli(['--data', data, '--out', out, '--warehouse', warehouse])).code).toBe(0);
    const before = await fingerprint(out);
    // A mart the site reads loses a column: transform, check and export pass, the build fails.
    const queries = join(dir, 'queries');
    await cp(join(projectRoot, 'queries'), queries, { recursive: true });
    const trend = join(queries, 'marts', 'monthly_trend.sql');
    await writeFile(trend, (await readFile(trend, 'utf8')).replace('        cur.unmapped_spend,\n', ''));
    const failed = await runCli(['--data', data, '--out', out, '--warehouse', warehouse, '--queries', queries]);
    expect(failed.code).toBe(6);
    expect(failed.stderr).toContain('error: build failed: dataset monthly_trend: column unmapped_spend must be Float64, found no such column');
    expect(await fingerprint(out)).toEqual(before);
    expect((await readdir(dir)).filter((f) => f.includes('.work-'))).toEqual([]);
    const end = (await logLines(out)).at(-1);
    expect(end).toMatchObject({ event: 'end', exit_code: 6 });
  });
});

describe('one run at a time', () => {
  it('refuses a second run while another holds the output, and takes over a lock its owner left behind', async () => {
    const data = await copyFixture('tiny');
    const dir = dirname(data);
    const out = join(dir, 'report');
    const args = ['--data', data, '--out', out, '--warehouse', join(dir, 'warehouse.duckdb')];
    await mkdir(dir, { recursive: true });
    // This test's own process is alive: its lock stands.
    await writeFile(`${out}.lock`, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), started_at: '2026-11-01T06:00:00.000Z' }));
    const refused = await runCli(args);
    expect(refused.code).toBe(7);
    expect(refused.stderr).toContain(`error: another report run is writing ${out} (process ${process.pid}`);
    // A process that has ended cannot hold it.
    await writeFile(`${out}.lock`, JSON.stringify({ pid: 2 ** 22 + 12_345, host: (await import('node:os')).hostname(), started_at: '2026-11-01T06:00:00.000Z' }));
    const taken = await runCli(args);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toContain('was left by a run that no longer runs');
    expect((await readdir(dir)).includes('report.lock')).toBe(false);
  });
});

describe('published months', () => {
  it('keep their first figures, and a later run lists what changed since', async () => {
    const data = await copyFixture('tiny');
    const dir = dirname(data);
    const out = join(dir, 'report');
    const args = ['--data', data, '--out', out, '--warehouse', join(dir, 'warehouse.duckdb')];
    expect((await runCli(args)).code).toBe(0);
    const snapshot = JSON.parse(await readFile(join(out, 'data', 'snapshots', '2026-10.json'), 'utf8'));
    expect(snapshot).toMatchObject({ month: '2026-10', model: 'last_touch', currency: 'EUR' });
    expect(snapshot.figures).toContainEqual({ campaign: 'all', metric: 'revenue', value: 3835.79 });
    // A refund arrives late: 500 of order O1 (YouTube) comes back.
    const orders = join(data, 'orders.csv');
    await writeFile(orders, (await readFile(orders, 'utf8')).replace('3000.00,EUR,paid,,', '3000.00,EUR,partially_refunded,500.00,'));
    const rerun = await runCli(args);
    expect(rerun.code, rerun.stderr).toBe(0);
    const republished = JSON.parse(await readFile(join(out, 'data', 'snapshots', '2026-10.json'), 'utf8'));
    expect(republished).toEqual(snapshot);
    const { rows } = readDataset(out, 'restatements');
    const changes = Object.fromEntries(rows.map((r) => [`${r.campaign} ${r.metric}`, [r.published_value, r.current_value, r.change]]));
    expect(changes['all revenue']).toEqual([3835.79, 3335.79, -500]);
    expect(changes['yt_brand revenue']).toEqual([3000, 2500, -500]);
    expect(changes['yt_brand gross_profit']).toEqual([1500, 1250, -250]);
    expect(changes['yt_brand roi']?.[0]).toBe(-0.25);
    expect(changes['yt_brand roi']?.[1]).toBeCloseTo((1250 - 2000) / 2000, 12);
    expect(changes['yt_brand total_cost']).toBeUndefined();
  });
});
