// The monthly run (issue 22, part 3): what a scheduled job sees. The generator writes the
// data folder as of month twelve (2026-08) and as of month thirteen (2026-09); the
// pipeline runs cold on a copy of the first, the copy is synced to the second as a user
// syncs downloads (files that are gone removed, new and changed ones copied: new monthly
// exports, re-downloaded quarterly/yearly/range files, orders.csv and touchpoints.csv
// with the new month appended), and the pipeline runs again on the same warehouse and
// output folder. A cold run over the month-13 folder is the comparison.
//   npm run bench -- --scale N --monthly
import { createHash } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { benchData, runChild } from './data.ts';
import type { PipelineMeasure } from './pipeline-run.ts';

export const MONTH_12 = '2026-08';
export const MONTH_13 = '2026-09';
/** Issue 22: the monthly run at most half the cold run. */
export const MONTHLY_RATIO_GOAL = 0.5;

export interface SyncChange {
  path: string;
  change: 'added' | 'replaced' | 'removed';
  bytes: number;
  /** a replaced file's size before */
  previousBytes?: number;
}

export interface RunFigures extends PipelineMeasure {
  processSeconds: number;
  peakBytes: number;
}

export interface MonthlyResult {
  kind: 'monthly';
  scale: number;
  seed: number;
  memoryLimit: string | null;
  startedAt: string;
  machine: { cpus: number; memoryBytes: number; node: string; loadBefore: number[]; loadAfter: number[] };
  months: { cold: string; monthly: string };
  /** the cold run over month twelve (the state the monthly run starts from) */
  first: RunFigures;
  /** the monthly run: month thirteen on the first run's warehouse and output */
  monthly: RunFigures;
  /** a cold run over month thirteen, for comparison */
  cold: RunFigures;
  sync: { seconds: number; changes: SyncChange[] };
}

async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

/** Makes `target` hold what `source` holds: gone files removed, new and changed ones copied (compared by size, then content). */
export async function syncFolder(source: string, target: string): Promise<SyncChange[]> {
  const wanted = new Set(await filesOf(source));
  const changes: SyncChange[] = [];
  for (const file of await filesOf(target)) {
    if (wanted.has(file)) continue;
    changes.push({ path: file, change: 'removed', bytes: (await stat(join(target, file))).size });
    await rm(join(target, file));
  }
  for (const file of wanted) {
    const from = join(source, file);
    const to = join(target, file);
    const [a, b] = await Promise.all([stat(from), stat(to).catch(() => null)]);
    if (b && a.size === b.size && (await sha(from)) === (await sha(to))) continue;
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
    changes.push({ path: file, change: b ? 'replaced' : 'added', bytes: a.size, ...(b ? { previousBytes: b.size } : {}) });
  }
  return changes;
}

export async function runMonthly(options: { scale: number; seed: number; memoryLimit: string | null; cacheDir: string; projectRoot: string; keep: boolean; log: (line: string) => void }): Promise<{ result: MonthlyResult; file: string }> {
  const { scale, seed, cacheDir, projectRoot, log } = options;
  const startedAt = new Date();
  const loadBefore = loadavg();
  const twelve = await benchData({ projectRoot, cacheDir, scale, seed, asOf: MONTH_12, log });
  const thirteen = await benchData({ projectRoot, cacheDir, scale, seed, asOf: MONTH_13, log });
  const scratch = join(cacheDir, `monthly-${scale}`);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const limit = options.memoryLimit ? ['--memory-limit', options.memoryLimit] : [];

  const run = async (name: string, data: string, warehouse: string, out: string, warm: boolean): Promise<RunFigures> => {
    const resultFile = join(scratch, `${name}.json`);
    const started = performance.now();
    const child = await runChild(process.execPath, [
      join(projectRoot, 'bench', 'pipeline-run.ts'), '--data', data, '--out', out, '--warehouse', warehouse, '--result', resultFile, ...limit, ...(warm ? ['--warm'] : []),
    ], { cwd: projectRoot, quiet: true });
    const processSeconds = (performance.now() - started) / 1000;
    if (child.code !== 0) throw new Error(`the ${name} run failed (exit ${child.code}):\n${child.output.split('\n').slice(-30).join('\n')}`);
    const measure = JSON.parse(await readFile(resultFile, 'utf8')) as PipelineMeasure;
    return { ...measure, processSeconds, peakBytes: Math.max(...measure.steps.map((s) => s.peakBytes)) };
  };

  // the scheduled job's data folder: month twelve, then synced to month thirteen
  const data = join(scratch, 'data');
  log(`monthly   copying ${relative(projectRoot, twelve.dir)} to ${relative(projectRoot, data)} …`);
  await syncFolder(twelve.dir, data);
  const warehouse = join(scratch, 'warehouse.duckdb');
  const out = join(scratch, 'out');
  log(`monthly   cold run over ${MONTH_12} …`);
  const first = await run('first', data, warehouse, out, false);
  log(`monthly   syncing the data folder to ${MONTH_13} …`);
  const syncStarted = performance.now();
  const changes = await syncFolder(thirteen.dir, data);
  const syncSeconds = (performance.now() - syncStarted) / 1000;
  log(`monthly   the monthly run over ${MONTH_13} on the same warehouse and output …`);
  const monthly = await run('monthly', data, warehouse, out, true);
  log(`monthly   a cold run over ${MONTH_13} for comparison …`);
  const cold = await run('cold', thirteen.dir, join(scratch, 'cold.duckdb'), join(scratch, 'cold-out'), false);

  const result: MonthlyResult = {
    kind: 'monthly',
    scale,
    seed,
    memoryLimit: options.memoryLimit,
    startedAt: startedAt.toISOString(),
    machine: { cpus: cpus().length, memoryBytes: totalmem(), node: process.version, loadBefore, loadAfter: loadavg() },
    months: { cold: MONTH_12, monthly: MONTH_13 },
    first,
    monthly,
    cold,
    sync: { seconds: syncSeconds, changes },
  };
  const file = join(cacheDir, `results-monthly-${scale}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  if (!options.keep) await rm(scratch, { recursive: true, force: true });
  return { result, file };
}
