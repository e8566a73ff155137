// The memory DuckDB may take when no --memory-limit is given: half of what this process
// may use (the machine's memory, or a container's lower limit), not DuckDB's 80%.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allocatorConf, RETURN_FREED_MEMORY } from '../pipeline/allocator.ts';
import { defaultMemoryLimit, parseCgroupLimit, usableMemoryBytes } from '../pipeline/memory-budget.ts';
import { openWarehouse } from '../pipeline/warehouse.ts';
import { projectRoot } from './helpers/cli.ts';

const GiB = 2 ** 30;

describe('the memory a run may use', () => {
  it('reads a control group limit, and takes "max" or the unset value as no limit', () => {
    expect(parseCgroupLimit('4294967296\n', 24 * GiB)).toBe(4 * GiB);
    expect(parseCgroupLimit('max\n', 24 * GiB)).toBeNull();
    // cgroup v1 writes "no limit" as 2^63 rounded down to a page
    expect(parseCgroupLimit('9223372036854771712\n', 24 * GiB)).toBeNull();
    expect(parseCgroupLimit('', 24 * GiB)).toBeNull();
    expect(parseCgroupLimit('0', 24 * GiB)).toBeNull();
  });

  it("is the machine's memory, or the container's limit when that is lower", () => {
    const files: Record<string, string> = { '/sys/fs/cgroup/memory.max': '7516192768\n' };
    expect(usableMemoryBytes(24 * GiB, (path) => files[path] ?? null)).toBe(7 * GiB);
    expect(usableMemoryBytes(24 * GiB, () => null)).toBe(24 * GiB);
    const v1: Record<string, string> = { '/sys/fs/cgroup/memory.max': 'max', '/sys/fs/cgroup/memory/memory.limit_in_bytes': String(3 * GiB) };
    expect(usableMemoryBytes(24 * GiB, (path) => v1[path] ?? null)).toBe(3 * GiB);
  });

  it('gives DuckDB half of it, in whole MiB, never less than 256 MiB', () => {
    expect(defaultMemoryLimit(24 * GiB)).toBe('12288MiB');
    expect(defaultMemoryLimit(7 * GiB)).toBe('3584MiB');
    expect(defaultMemoryLimit(300 * 2 ** 20)).toBe('256MiB');
  });
});

describe('a warehouse opened without --memory-limit', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("has DuckDB's memory_limit set to the default, and a given limit wins", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'memory-budget-'));
    dirs.push(dir);
    const bytes = Number.parseInt(defaultMemoryLimit(), 10) * 2 ** 20;
    const plain = await openWarehouse(join(dir, 'plain.duckdb'));
    try {
      const [row] = await plain.rows<{ limit: string; expected: string }>(
        `select current_setting('memory_limit') as limit, format_bytes(${bytes}::bigint) as expected`,
      );
      expect(row?.limit).toBe(row?.expected);
    } finally {
      plain.close();
    }
    const given = await openWarehouse(join(dir, 'given.duckdb'), { memoryLimit: '1GB' });
    try {
      const [row] = await given.rows<{ limit: string }>(`select current_setting('memory_limit') as limit`);
      // DuckDB shows 1GB (10^9 bytes) in binary units
      expect(row?.limit).toBe('953.6 MiB');
    } finally {
      given.close();
    }
  });
});

describe("DuckDB's allocator under --memory-limit", () => {
  it('returns freed memory at once when a limit is given, and keeps a value the user set', () => {
    expect(allocatorConf(['--data', 'd', '--memory-limit', '3GB'], {})).toBe(RETURN_FREED_MEMORY);
    expect(allocatorConf(['--memory-limit=3GB'], {})).toBe(RETURN_FREED_MEMORY);
    expect(allocatorConf(['--data', 'd'], {})).toBeNull();
    expect(allocatorConf(['--memory-limit', '3GB'], { DUCKDB_JE_MALLOC_CONF: 'dirty_decay_ms:500' })).toBeNull();
    expect(RETURN_FREED_MEMORY).toBe('dirty_decay_ms:0,muzzy_decay_ms:0');
  });

  it('is set up by the entry points before anything loads DuckDB (jemalloc reads it once, at load)', async () => {
    for (const file of ['pipeline/run.ts', 'bench/pipeline-run.ts']) {
      const imports = (await readFile(join(projectRoot, file), 'utf8')).split('\n').filter((l) => l.startsWith('import '));
      expect(imports[0], file).toMatch(/^import '(\.\.\/pipeline|\.)\/allocator\.ts';$/);
    }
  });
});
