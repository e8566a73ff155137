// The pipeline at a large advertiser's scale, side by side with bare DuckDB (issue 7).
//   npm run bench -- --scale 100 [--seed 42] [--memory-limit 3GB] [--no-bare] [--keep] [--cache .cache/bench]
//   npm run bench -- --scale 10 --monthly      the monthly run beside a cold run (bench/monthly.ts)
//   npm run bench -- --scales 10,30,100        one cold run per scale, then the cost-growth table
//   npm run bench -- --scales 10,30,100 --fit 3GB [--fit-scales 100,50,30]
//                                             and the largest scale that completes under 3GB
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
import { ATTRIBUTION_QUERIES, formatFit, formatGrowth, formatMonthly, formatResult, type BenchResult, type FitAttempt } from './results.ts';

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

/** The pipeline's own run stopped (exit code, what it printed last, after how long). */
export class PipelineFailed extends Error {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;

  constructor(code: number | null, output: string, seconds: number) {
    super(`the pipeline failed (exit ${code}):\n${output.split('\n').slice(-30).join('\n')}`);
    this.code = code;
    this.output = output;
    this.seconds = seconds;
  }

  /** The run's own sentence about why it stopped (for exit 8: DuckDB ran out of memory in <step>). */
  get reason(): string {
    const lines = this.output.split('\n').map((l) => l.trim()).filter(Boolean);
    const line = lines.find((l) => /ran out of memory/.test(l)) ?? lines.at(-1) ?? '';
    // DuckDB's own list of remedies follows its message; the run's advice ends the line
    return line.replace(/ Possible solutions:.*?(?= Raise --memory-limit|$)/, '');
  }
}

/**
 * The largest of `candidates` whose cold run completes under `limit` (issue 22, part 4):
 * tried from the largest down, stopping at the first that completes; every attempt is
 * returned, the failed ones with the run's exit code and reason.
 */
export async function fitUnderLimit(options: Omit<BenchOptions, 'scale' | 'memoryLimit' | 'bare'>, limit: string, candidates: readonly number[]): Promise<FitAttempt[]> {
  const attempts: FitAttempt[] = [];
  for (const scale of [...new Set(candidates)].sort((a, b) => b - a)) {
    options.log(`fit       scale ${scale} under --memory-limit ${limit} …`);
    try {
      const { result, file } = await runBench({ ...options, scale, memoryLimit: limit, bare: false });
      attempts.push({ scale, result, file });
      break;
    } catch (error) {
      if (!(error instanceof PipelineFailed)) throw error;
      attempts.push({ scale, failure: { code: error.code, reason: error.reason, seconds: error.seconds } });
    }
  }
  return attempts;
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
  if (run.code !== 0) {
    if (!options.keep) await rm(scratch, { recursive: true, force: true });
    throw new PipelineFailed(run.code, run.output, processSeconds);
  }
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
  const args = minimist(process.argv.slice(2), { boolean: ['bare', 'keep', 'monthly'], string: ['cache', 'memory-limit', 'scales', 'fit', 'fit-scales'], default: { bare: true, keep: false, monthly: false, scale: 1, seed: 42 } });
  const scale = Number(args.scale);
  const seed = Number(args.seed);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`--scale must be a positive number: ${args.scale}`);
  const scales = typeof args.scales === 'string' ? args.scales.split(',').map((x) => Number(x.trim())) : null;
  if (scales && (scales.length === 0 || scales.some((x) => !(x > 0) || !Number.isFinite(x)))) throw new Error(`--scales must be positive numbers separated by commas: ${args.scales}`);
  if (scales && args.monthly) throw new Error('--monthly runs at one --scale, not with --scales');
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer: ${args.seed}`);
  const memoryLimit = typeof args['memory-limit'] === 'string' ? args['memory-limit'] : null;
  if (memoryLimit !== null && !MEMORY_LIMIT.test(memoryLimit)) throw new Error(`--memory-limit must be a size like 3GB: ${memoryLimit}`);
  const fit = typeof args.fit === 'string' ? args.fit : null;
  if (fit !== null && !MEMORY_LIMIT.test(fit)) throw new Error(`--fit must be a size like 3GB: ${fit}`);
  if (fit !== null && !scales) throw new Error('--fit goes with --scales (the scales it searches unless --fit-scales names others)');
  const fitScales = typeof args['fit-scales'] === 'string' ? args['fit-scales'].split(',').map((x) => Number(x.trim())) : scales;
  if (fitScales && fitScales.some((x) => !(x > 0) || !Number.isFinite(x))) throw new Error(`--fit-scales must be positive numbers separated by commas: ${args['fit-scales']}`);
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
    const attempts = fit && fitScales ? await fitUnderLimit({ seed, keep: Boolean(args.keep), cacheDir, projectRoot, log }, fit, fitScales) : [];
    for (const a of attempts) if (a.file) files.push(relative(userCwd, a.file));
    const fitted = attempts.flatMap((a) => (a.result ? [a.result] : []));
    for (const r of fitted) process.stdout.write(`${formatResult(r).join('\n')}\n\n`);
    process.stdout.write(`${formatGrowth([...results, ...fitted]).join('\n')}\n`);
    if (fit) process.stdout.write(`\n${formatFit(attempts, fit).join('\n')}\n`);
    process.stdout.write(`\nresults: ${files.join(', ')}\n`);
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
