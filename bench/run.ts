// The pipeline at a large advertiser's scale, side by side with bare DuckDB (issue 7).
//   npm run bench -- --scale 100 [--seed 42] [--memory-limit 3GB] [--no-bare] [--keep] [--cache .cache/bench]
//   npm run bench -- --scale 10 --monthly      the monthly run beside a cold run (bench/monthly.ts)
//   npm run bench -- --scales 10,30,100        one cold run per scale, then the cost-growth table
// Generates (or reuses) the scaled sample in .cache/bench/scale-N/, runs the whole
// pipeline cold into a scratch folder, then the same work in bare DuckDB, prints a
// table and writes .cache/bench/results-<scale>-<timestamp>.json. Figures only: no
// target is asserted (see TARGETS in results.ts for what they are measured against).
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { minimist } from 'zx';
import type { BareMeasure } from './bare-run.ts';
import { benchData, runChild } from './data.ts';
import type { PipelineMeasure } from './pipeline-run.ts';
import { MEMORY_LIMIT } from '../pipeline/report.ts';
import { runMonthly } from './monthly.ts';
import { ATTRIBUTION_QUERIES, formatGrowth, formatMonthly, formatResult, type BenchResult } from './results.ts';

export interface BenchOptions {
  scale: number;
  seed: number;
  bare: boolean;
  keep: boolean;
  /** DuckDB's memory_limit for the pipeline and the bare run, e.g. `3GB` */
  memoryLimit: string | null;
  cacheDir: string;
  projectRoot: string;
  log: (line: string) => void;
}

async function duckdbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const version = String((await connection.runAndReadAll('select version()')).getRowsJS()[0]?.[0] ?? '');
  connection.closeSync();
  instance.closeSync();
  return version;
}

export async function runBench(options: BenchOptions): Promise<{ result: BenchResult; file: string }> {
  const { scale, seed, cacheDir, projectRoot, log } = options;
  const startedAt = new Date();
  const loadBefore = loadavg();
  const data = await benchData({ projectRoot, cacheDir, scale, seed, log });

  const files = (await readdir(data.dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  let dataBytes = 0;
  for (const f of files) dataBytes += (await stat(join(f.parentPath, f.name))).size;

  const scratch = join(cacheDir, `run-${scale}`);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const warehouse = join(scratch, 'warehouse.duckdb');
  const pipelineResult = join(scratch, 'pipeline.json');
  const limit = options.memoryLimit ? ['--memory-limit', options.memoryLimit] : [];
  log(`pipeline  cold run into ${relative(projectRoot, scratch)}/out …`);
  const started = performance.now();
  const run = await runChild(process.execPath, [join(projectRoot, 'bench', 'pipeline-run.ts'), '--data', data.dir, '--out', join(scratch, 'out'), '--warehouse', warehouse, '--result', pipelineResult, ...limit], { cwd: projectRoot, quiet: true });
  const processSeconds = (performance.now() - started) / 1000;
  if (run.code !== 0) throw new Error(`the pipeline failed (exit ${run.code}):\n${run.output.split('\n').slice(-30).join('\n')}`);
  const pipeline = JSON.parse(await readFile(pipelineResult, 'utf8')) as PipelineMeasure;

  let bare: BareMeasure | null = null;
  if (options.bare) {
    log('bare      the same work in bare DuckDB …');
    const bareResult = join(scratch, 'bare.json');
    const b = await runChild(process.execPath, [join(projectRoot, 'bench', 'bare-run.ts'), '--data', data.dir, '--warehouse', warehouse, '--work', join(scratch, 'bare'), '--result', bareResult, ...limit], { cwd: projectRoot, quiet: true });
    if (b.code !== 0) throw new Error(`the bare DuckDB run failed (exit ${b.code}):\n${b.output.split('\n').slice(-30).join('\n')}`);
    bare = JSON.parse(await readFile(bareResult, 'utf8')) as BareMeasure;
    const check = bare.steps.find((s) => s.step === 'check');
    const ours = pipeline.steps.find((s) => s.step === 'check');
    if (check && ours) check.rows = ours.rows;
  }

  const attribution = new Set<string>(ATTRIBUTION_QUERIES);
  const result: BenchResult = {
    scale,
    seed,
    memoryLimit: options.memoryLimit,
    startedAt: startedAt.toISOString(),
    machine: { cpus: cpus().length, memoryBytes: totalmem(), node: process.version, duckdb: await duckdbVersion(), loadBefore, loadAfter: loadavg() },
    data: {
      dir: relative(projectRoot, data.dir),
      generated: data.generated,
      generatorSeconds: data.seconds,
      generatorPeakBytes: data.peakBytes,
      bytes: dataBytes,
      files: files.length,
      orders: pipeline.orders,
      touchpoints: pipeline.touchpoints,
      adRows: pipeline.exportRows,
    },
    pipeline: { ...pipeline, processSeconds },
    bare,
    attributionSeconds: pipeline.queries.filter((q) => attribution.has(q.name)).reduce((n, q) => n + q.seconds, 0),
  };

  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = join(cacheDir, `results-${scale}-${stamp}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  if (!options.keep) await rm(scratch, { recursive: true, force: true });
  return { result, file };
}

async function main(): Promise<void> {
  const projectRoot = fileURLToPath(new URL('..', import.meta.url));
  const args = minimist(process.argv.slice(2), { boolean: ['bare', 'keep', 'monthly'], string: ['cache', 'memory-limit', 'scales'], default: { bare: true, keep: false, monthly: false, scale: 1, seed: 42 } });
  const scale = Number(args.scale);
  const seed = Number(args.seed);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`--scale must be a positive number: ${args.scale}`);
  const scales = typeof args.scales === 'string' ? args.scales.split(',').map((x) => Number(x.trim())) : null;
  if (scales && (scales.length === 0 || scales.some((x) => !(x > 0) || !Number.isFinite(x)))) throw new Error(`--scales must be positive numbers separated by commas: ${args.scales}`);
  if (scales && args.monthly) throw new Error('--monthly runs at one --scale, not with --scales');
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer: ${args.seed}`);
  const memoryLimit = typeof args['memory-limit'] === 'string' ? args['memory-limit'] : null;
  if (memoryLimit !== null && !MEMORY_LIMIT.test(memoryLimit)) throw new Error(`--memory-limit must be a size like 3GB: ${memoryLimit}`);
  const userCwd = process.env.INIT_CWD ?? process.cwd();
  const cacheDir = typeof args.cache === 'string' ? resolve(userCwd, args.cache) : join(projectRoot, '.cache', 'bench');
  const log = (l: string) => process.stderr.write(`${l}\n`);
  if (args.monthly) {
    const { result, file } = await runMonthly({ scale, seed, memoryLimit, cacheDir, projectRoot, keep: Boolean(args.keep), log });
    process.stdout.write(`${formatMonthly(result).join('\n')}\n\nresults: ${relative(userCwd, file)}\n`);
    return;
  }
  if (scales) {
    const results: BenchResult[] = [];
    const files: string[] = [];
    for (const s of scales) {
      log(`growth    scale ${s} …`);
      const { result, file } = await runBench({ scale: s, seed, bare: Boolean(args.bare), keep: Boolean(args.keep), memoryLimit, cacheDir, projectRoot, log });
      results.push(result);
      files.push(relative(userCwd, file));
      process.stdout.write(`${formatResult(result).join('\n')}\n\n`);
    }
    process.stdout.write(`${formatGrowth(results).join('\n')}\n\nresults: ${files.join(', ')}\n`);
    return;
  }
  const { result, file } = await runBench({ scale, seed, bare: Boolean(args.bare), keep: Boolean(args.keep), memoryLimit, cacheDir, projectRoot, log });
  process.stdout.write(`${formatResult(result).join('\n')}\n\nresults: ${relative(userCwd, file)}\n`);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
