// Exit codes tell the truth (issue 18, point 7): bad input is 3, a machine that
// refuses a file operation (full disk, no permission, read-only, too many open
// files) is 9 with the path and what to do, never 1 ("a bug"), and the error
// reported is the one that happened first. Each case is a run of the command on
// a copy of test/fixtures/tiny, the way a user meets it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSettings } from '../pipeline/config.ts';
import { EXIT, machineFailure, ReportError, settingRefused } from '../pipeline/errors.ts';
import { copyFixture, runCli, tempDir, type CliResult } from './helpers/cli.ts';

async function run(data: string, options: { out?: string; warehouse?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const dir = await tempDir('exit-codes');
  return runCli(['--data', data, '--out', options.out ?? join(dir, 'out'), '--warehouse', options.warehouse ?? join(dir, 'warehouse.duckdb')], { env: options.env });
}

/** Never a stack trace, never the bug hint, never a customer's name or e-mail from the file. */
function expectPlainFailure(result: CliResult) {
  expect(result.stderr).not.toContain('    at ');
  expect(result.stderr).not.toContain('This is a bug');
  expect(result.stderr).not.toContain('Unexpected error');
  expect(result.stderr).not.toMatch(/bob\.tiny@example\.com|Bob Tinyperson|Original Line/);
}

async function editOrdersLine(data: string, line: number, edit: (text: string) => string) {
  const path = join(data, 'orders.csv');
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines[line - 1] = edit(lines[line - 1]!);
  await writeFile(path, lines.join('\n'));
}

async function editSettings(data: string, fields: Record<string, unknown>) {
  const path = join(data, 'report.json');
  await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), ...fields }));
}

describe('bad input is exit 3, naming the file and line', () => {
  it('a 50 MB field in orders.csv: the real line and its length, not DuckDB\'s count or the line itself', async () => {
    const data = await copyFixture('tiny');
    await editOrdersLine(data, 3, (l) => l.replace('Bob Tinyperson', 'x'.repeat(50_000_000)));
    const result = await run(data);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toMatch(/^error: orders\.csv line 3: /m);
    expectPlainFailure(result);
    expect(result.stderr).not.toContain('xxxxxxxxxx');
  });

  it('an unmatched quote in orders.csv names the line where the quote opens', async () => {
    const data = await copyFixture('tiny');
    await editOrdersLine(data, 3, (l) => l.replace('Bob Tinyperson', '"Bob Tinyperson'));
    const result = await run(data);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toMatch(/^error: orders\.csv line 3: /m);
    expectPlainFailure(result);
  });

  it('an unmatched quote in costs.csv that a later quoted value seems to close names the line where it opens', async () => {
    const data = await copyFixture('tiny');
    const path = join(data, 'costs.csv');
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines[3]).toContain('"Agency retainer, October"');
    lines[2] = lines[2]!.replace('Anna October fee', '"Anna October fee');
    await writeFile(path, lines.join('\n'));
    const result = await run(data);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toMatch(/^error: costs\.csv line 3: a quote \(\"\) opens a value here and the next quote, on line 4, is followed by more text/m);
    expectPlainFailure(result);
  });

  // Reading UTF-16 own files is helper "ownfiles"' part of the issue (point 1); whatever the
  // reader makes of it, the run either loads it or refuses it as input, never as a bug.
  it('a UTF-16 orders.csv is read or refused as input, never exit 1', async () => {
    const data = await copyFixture('tiny');
    const path = join(data, 'orders.csv');
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(await readFile(path, 'utf8'), 'utf16le')]));
    const result = await run(data);
    expect([EXIT.ok, EXIT.input]).toContain(result.code);
    expectPlainFailure(result);
  });

  it('a UTC offset as time zone (+05:30) is refused in report.json, naming the field', async () => {
    const data = await copyFixture('tiny');
    await editSettings(data, { timezone: '+05:30' });
    const result = await run(data);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr.trim()).toBe('error: report.json: timezone must be an IANA time zone name such as "Europe/Berlin" or "Asia/Kolkata", not a UTC offset: "+05:30"');
  });

  it('a half-life of 1e308 days is refused in report.json with its documented range', async () => {
    const data = await copyFixture('tiny');
    await editSettings(data, { time_decay_half_life_days: 1e308 });
    const result = await run(data);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr.trim()).toBe('error: report.json: time_decay_half_life_days must be a number of days from 0.5 to 3650: 1e+308');
  });

  it('settings: time zones DuckDB knows pass, offsets and numbers outside the range do not', () => {
    for (const zone of ['Europe/Berlin', 'UTC', 'Asia/Calcutta', 'Etc/GMT+5', 'europe/berlin']) {
      expect(normalizeSettings({ timezone: zone }).timezone).toBe(zone);
    }
    for (const zone of ['+05:30', '-0800', '+01']) expect(() => normalizeSettings({ timezone: zone })).toThrow('not a UTC offset');
    for (const days of [0.5, 7, 3650]) expect(normalizeSettings({ time_decay_half_life_days: days }).time_decay_half_life_days).toBe(days);
    // below half a day a touch 365 days back weighs 2^-730 or less: 0 in a double
    for (const days of [0, 0.1, 3651, 1e308, -1]) expect(() => normalizeSettings({ time_decay_half_life_days: days })).toThrow('from 0.5 to 3650');
  });
});

it('a time zone DuckDB refuses although Node knows it is bad input in report.json, not a bug', () => {
  const restated = settingRefused(new Error("Not implemented Error: Unknown TimeZone 'Mars/Olympus'!\n\nCandidate time zones: \"GMT0\""));
  expect(restated?.exitCode).toBe(EXIT.input);
  expect(restated?.message).toBe('report.json: timezone must be an IANA time zone name DuckDB knows, such as "Europe/Berlin": "Mars/Olympus"');
  expect(settingRefused(new Error('Binder Error: something else'))).toBeNull();
});

describe('the machine is exit 9, naming the path and what to do', () => {
  // Root (as in CI) writes into any chmod-ed folder; /sys refuses even root (EACCES,
  // or EROFS where a container mounts it read-only), and a read-only folder refuses anyone else.
  const isRoot = process.getuid?.() === 0;
  const canRefuse = !isRoot || existsSync('/sys');

  it.skipIf(!canRefuse)('an output folder the user may not write to', async () => {
    const data = await copyFixture('tiny');
    let parent = '/sys';
    if (!isRoot) {
      parent = join(await tempDir('read-only'), 'locked');
      await mkdir(parent);
      await chmod(parent, 0o555);
    }
    const out = join(parent, 'roi-exit-codes-out');
    const result = await run(data, { out });
    expect(result.code).toBe(EXIT.machine);
    expect(result.stderr).toMatch(new RegExp(`^error: the machine refused a file operation at ${parent}/roi-exit-codes-out[^ ]*: (permission denied|operation not permitted|the file system is read-only) \\((EACCES|EPERM|EROFS)\\); `, 'm'));
    expect(result.stderr).toContain('(--out, --warehouse)');
    expect(result.stderr).toMatch(/^warning +cannot write the run log .*roi-exit-codes-out\.log\.jsonl \(E[A-Z]+\); this run is not logged there$/m);
    expectPlainFailure(result);
  });

  it.skipIf(!canRefuse)('a warehouse where the user may not write', async () => {
    const data = await copyFixture('tiny');
    const result = await run(data, { warehouse: isRoot ? '/sys/roi-exit-codes.duckdb' : '/roi-exit-codes.duckdb' });
    expect(result.code).toBe(EXIT.machine);
    expect(result.stderr).toMatch(/^error: the machine refused a file operation at \/(sys\/)?roi-exit-codes\.duckdb/m);
    expectPlainFailure(result);
  });

  it('an output path through a file (--out /dev/null/x)', async () => {
    const data = await copyFixture('tiny');
    const result = await run(data, { out: '/dev/null/x' });
    expect(result.code).toBe(EXIT.machine);
    expect(result.stderr).toMatch(/^error: the machine refused a file operation at \/dev\/null[^:]*: a part of the path is a file, not a folder/m);
    expectPlainFailure(result);
  });

  it('a full disk under the warehouse (test hook: the commit fails as DuckDB does on ENOSPC)', async () => {
    const data = await copyFixture('tiny');
    const warehouse = join(await tempDir('enospc'), 'warehouse.duckdb');
    const result = await run(data, { warehouse, env: { ROI_TEST_FAULT: 'commit-enospc' } });
    expect(result.code).toBe(EXIT.machine);
    expect(result.stderr).toContain(`error: the machine refused a file operation at ${warehouse}.wal: the disk is full (ENOSPC); free space on that disk`);
    expectPlainFailure(result);
  });

  describe('a really full disk (a small tmpfs; needs mount permission, else skipped)', () => {
    const mounted: string[] = [];
    /** A tmpfs of `size`, or null where mounting is not permitted. */
    async function smallDisk(size: string): Promise<string | null> {
      const dir = join(await tempDir('tmpfs'), 'small');
      await mkdir(dir);
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
        mounted.push(dir);
        return dir;
      } catch {
        await rm(dir, { recursive: true });
        return null;
      }
    }
    let mountPoint: string | null = null;
    beforeAll(async () => {
      mountPoint = await smallDisk('300k');
    });
    afterAll(() => {
      for (const dir of mounted) execFileSync('umount', [dir], { stdio: 'ignore' });
    });

    it('an output folder on a disk that fills up is exit 9 naming the output folder (Node names no path for a failed write)', async (context) => {
      const disk = await smallDisk('48k');
      if (!disk) return context.skip('mounting a tmpfs is not permitted here; the classification is covered by the wordings test');
      const data = await copyFixture('tiny');
      const result = await run(data, { out: join(disk, 'out') });
      expect(result.code).toBe(EXIT.machine);
      expect(result.stderr).toMatch(new RegExp(`^error: the machine refused a file operation (at ${disk}/[^ ]*|writing the output \\(in ${disk}, \\d+ kB free\\)[^:]*): the disk is full \\(ENOSPC\\)`, 'm'));
      expectPlainFailure(result);
    });

    it('the warehouse on a disk that fills up is exit 9 naming the file', async (context) => {
      if (!mountPoint) return context.skip('mounting a tmpfs is not permitted here; the ROI_TEST_FAULT=commit-enospc test covers the path');
      const data = await copyFixture('tiny');
      const result = await run(data, { warehouse: join(mountPoint, 'warehouse.duckdb') });
      expect(result.code).toBe(EXIT.machine);
      expect(result.stderr).toMatch(new RegExp(`^error: the machine refused a file operation at ${mountPoint}/warehouse\\.duckdb[^ ]*: the disk is full \\(ENOSPC\\)`, 'm'));
      expectPlainFailure(result);
    });
  });

  it('Node and DuckDB wordings of every machine failure are recognised in any step', () => {
    const errno = (code: string, path: string) => Object.assign(new Error(`${code}: something, open '${path}'`), { code, path, syscall: 'open' });
    const cases: [unknown, RegExp][] = [
      [errno('EMFILE', '/w/a.csv'), /at \/w\/a\.csv: too many open files in this process \(EMFILE\); raise the open-file limit \(ulimit -n\)/],
      [errno('EROFS', '/mnt/out'), /at \/mnt\/out: the file system is read-only \(EROFS\)/],
      [errno('EPERM', '/x'), /operation not permitted \(EPERM\)/],
      [new ReportError('export failed', { exitCode: EXIT.build, cause: errno('ENOSPC', '/o/data/a.arrow') }), /at \/o\/data\/a\.arrow: the disk is full \(ENOSPC\)/],
      [new Error('IO Error: Could not write file "/w/wh.duckdb.tmp/x.block": No space left on device'), /at \/w\/wh\.duckdb\.tmp\/x\.block: the disk is full/],
      [new Error('IO Error: Cannot open file "/w/wh.duckdb": Permission denied'), /at \/w\/wh\.duckdb: permission denied \(EACCES\)/],
      [new Error('IO Error: Cannot open file "/w/wh.duckdb": Read-only file system'), /read-only \(EROFS\)/],
      [new Error('IO Error: Cannot open file "/w/a.csv": Too many open files'), /\(EMFILE\)/],
      // seen with `ulimit -n 30`: the Astro build stops (lower limits crash Node or DuckDB themselves)
      [new ReportError("build failed: EMFILE: too many open files, open '/p/node_modules/astro/dist/cli/throw-and-exit.js'", { exitCode: EXIT.build }), /at \/p\/node_modules\/astro\/dist\/cli\/throw-and-exit\.js: too many open files in this process \(EMFILE\)/],
    ];
    for (const [error, expected] of cases) {
      const restated = machineFailure(error);
      expect(restated?.exitCode).toBe(EXIT.machine);
      expect(restated?.message).toMatch(expected);
    }
    expect(machineFailure(new ReportError('build failed: ENOSPC: no space left on device, write', { exitCode: EXIT.build }))?.message).toMatch(
      /^the machine refused a file operation: the disk is full \(ENOSPC\)/,
    );
    expect(machineFailure(new Error('Binder Error: column "Permission denied" not found'))).toBeNull();
    expect(machineFailure(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }))).toBeNull();
  });
});

describe('a path of the wrong kind is wrong usage, found before anything is written', () => {
  it('an --out that is a file is refused (publishing would move it aside and later remove it)', async () => {
    const data = await copyFixture('tiny');
    const dir = await tempDir('out-file');
    const out = join(dir, 'report.html');
    await writeFile(out, 'keep me');
    const result = await run(data, { out });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr.trim()).toBe(`error: --out ${out} is a file, not a folder: the report is a folder of pages; choose another path`);
    expect(await readFile(out, 'utf8')).toBe('keep me');
  });

  it('a --warehouse that is a folder is refused', async () => {
    const data = await copyFixture('tiny');
    const folder = await tempDir('warehouse-folder');
    const result = await run(data, { warehouse: folder });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr.trim()).toBe(`error: --warehouse ${folder} is a folder: the warehouse is one DuckDB file; give a file path such as ${folder}/warehouse.duckdb`);
  });
});

describe('the real error is the one reported', () => {
  it('a failed load whose ROLLBACK fails too reports the load error, the rollback as a detail (test hook)', async () => {
    const data = await copyFixture('tiny');
    const costs = join(data, 'costs.csv');
    await writeFile(costs, (await readFile(costs, 'utf8')).replace('month,date,campaign,category,amount,currency,note', 'month,date,campaign,category,currency,note'));
    const plain = await run(data);
    const result = await run(data, { env: { ROI_TEST_FAULT: 'rollback' } });
    expect(plain.code).toBe(EXIT.input);
    const headline = plain.stderr.split('\n').find((l) => l.startsWith('error: '));
    expect(headline).toMatch(/^error: costs\.csv: /);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain(`${headline}\n`);
    expect(result.stderr).toContain('the ROLLBACK that followed failed too: TransactionContext Error: rollback failed (test fault ROI_TEST_FAULT=rollback)');
    expectPlainFailure(result);
  });
});
