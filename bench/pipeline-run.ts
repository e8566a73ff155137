// One cold run of the real pipeline (runReport) for the benchmark, in a process of
// its own: a fresh warehouse, a scratch output folder. Per step it records the wall
// time, what the step read or wrote, and the peak memory: this process's VmHWM
// (reset at every step, so DuckDB's memory and JavaScript blocked in a parse both
// count) and the sampled resident memory of the process tree (the Astro build is a
// child process). Writes its findings as JSON to the file named by --result.
//   node bench/pipeline-run.ts --data DIR --out DIR --warehouse FILE --result FILE [--memory-limit 3GB] [--warm]
// --warm: the next run on the warehouse and output folder an earlier run left (the monthly run).
// first: sets DuckDB's allocator up for --memory-limit before anything loads DuckDB
import '../pipeline/allocator.ts';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimist } from 'zx';
import { outOfMemory, ReportError } from '../pipeline/errors.ts';
import type { Logger } from '../pipeline/log.ts';
import { runReport } from '../pipeline/report.ts';
import { processMemory, resetPeak, TreeSampler } from './memory.ts';

export interface StepMeasure {
  step: string;
  seconds: number;
  summary: string;
  /** rows (or pages, for build) the step read or wrote; see `unit` */
  rows: number;
  unit: string;
  /** peak resident memory of the pipeline process and its children during the step, bytes */
  peakBytes: number;
  /** of which the child processes (the Astro build) */
  childPeakBytes: number;
}

export interface QueryMeasure {
  name: string;
  layer: string;
  seconds: number;
  rows: number | null;
}

export interface PipelineMeasure {
  totalSeconds: number;
  month: string;
  steps: StepMeasure[];
  queries: QueryMeasure[];
  inputBytes: number;
  inputRows: number;
  /** rows of the platform export files (daily and period ad rows) */
  exportRows: number;
  /** records of orders.csv and touchpoints.csv (loaded and rejected) */
  orders: number;
  touchpoints: number;
  rejectedRows: number;
  warnings: number;
  site: { pages: number; campaignPages: number; campaignPagesSeconds: number | null; overviewBytes: number; outputBytes: number; dataBytes: number };
  peakResetWorks: boolean;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Astro prints one line per page with its render time: `├─ /campaigns/x/index.html (+4ms)`. */
export function campaignPageSeconds(log: string): { pages: number; seconds: number } | null {
  let pages = 0;
  let ms = 0;
  for (const match of log.matchAll(/\/campaigns\/[^\s]*\.html\s+\(\+(\d+(?:\.\d+)?)\s*(ms|s)\)/g)) {
    pages++;
    ms += Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  }
  return pages ? { pages, seconds: ms / 1000 } : null;
}

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['data', 'out', 'warehouse', 'result', 'queries', 'memory-limit'], boolean: ['warm'] });
  const memoryLimit = typeof args['memory-limit'] === 'string' ? args['memory-limit'] : undefined;
  const projectRoot = fileURLToPath(new URL('..', import.meta.url));
  const dataDir = resolve(String(args.data));
  const outDir = resolve(String(args.out));
  const warehousePath = resolve(String(args.warehouse));
  const queriesDir = resolve(typeof args.queries === 'string' ? args.queries : join(projectRoot, 'queries'));
  // a cold run: no warehouse, no earlier output (--warm: both as the last run left them)
  if (!args.warm) for (const path of [warehousePath, `${warehousePath}.wal`, outDir]) await rm(path, { recursive: true, force: true });

  const steps: StepMeasure[] = [];
  const queries: QueryMeasure[] = [];
  const infoLines: string[] = [];
  let warnings = 0;
  let phase = 0;
  const peakResetWorks = resetPeak();
  const sampler = new TreeSampler(process.pid, String(phase)).start(100);
  const logger: Logger = {
    step(verb, summary, seconds) {
      sampler.sample();
      const tree = sampler.peaks.get(String(phase)) ?? { tree: 0, children: 0 };
      const own = processMemory('self')?.peak ?? 0;
      steps.push({ step: verb, seconds, summary, rows: 0, unit: 'rows', peakBytes: Math.max(tree.tree, own + tree.children), childPeakBytes: tree.children });
      process.stderr.write(`  ${verb.padEnd(9)} ${summary} (${seconds.toFixed(1)} s)\n`);
      resetPeak();
      sampler.phase(String(++phase));
    },
    warn() {
      warnings++;
    },
    info(message) {
      infoLines.push(message);
    },
    error(message, details = []) {
      process.stderr.write(`${message}\n${details.join('\n')}\n`);
    },
  };

  const started = performance.now();
  const summary = await runReport(
    {
      projectRoot, dataDir, outDir, queriesDir, warehousePath, month: null, debug: true, memoryLimit,
      observer: { query: (q, seconds, rows) => queries.push({ name: q.name, layer: q.layer, seconds, rows }) },
    },
    logger,
  );
  const totalSeconds = (performance.now() - started) / 1000;
  sampler.stop();

  const manifest = summary.manifest;
  const inputRows = manifest.inputs.reduce((n, f) => n + f.rows + f.rejected, 0);
  const recordsOf = (path: string) => manifest.inputs.filter((f) => f.path === path).reduce((n, f) => n + f.rows + f.rejected, 0);
  const rowsOf = new Map(queries.map((q) => [q.name, q.rows ?? 0]));
  const byStep: Record<string, number> = {
    ingest: inputRows,
    transform: queries.reduce((n, q) => n + (q.rows ?? 0), 0),
    // the data tests read the tables transform made; count each table once
    check: [...rowsOf.values()].reduce((n, r) => n + r, 0),
    export: Object.values(manifest.datasets).reduce((n, d) => n + d.rows, 0),
  };
  const pages = (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.html')).length;
  for (const step of steps) {
    if (step.step === 'build') {
      step.rows = pages;
      step.unit = 'pages';
    } else step.rows = byStep[step.step] ?? 0;
  }
  const campaigns = campaignPageSeconds(infoLines.join('\n'));
  const measure: PipelineMeasure = {
    totalSeconds,
    month: summary.month,
    steps,
    queries,
    inputBytes: manifest.inputs.reduce((n, f) => n + f.bytes, 0),
    inputRows,
    exportRows: manifest.inputs.filter((f) => f.kind === 'export').reduce((n, f) => n + f.rows, 0),
    orders: recordsOf('orders.csv'),
    touchpoints: recordsOf('touchpoints.csv'),
    rejectedRows: manifest.inputs.reduce((n, f) => n + f.rejected, 0),
    warnings,
    site: {
      pages,
      campaignPages: campaigns?.pages ?? (await readdir(join(outDir, 'campaigns')).catch(() => [])).length,
      campaignPagesSeconds: campaigns?.seconds ?? null,
      overviewBytes: (await stat(join(outDir, 'index.html'))).size,
      outputBytes: await folderBytes(outDir),
      dataBytes: await folderBytes(join(outDir, 'data')),
    },
    peakResetWorks,
  };
  await writeFile(String(args.result), `${JSON.stringify(measure, null, 2)}\n`);
}

try {
  await main();
} catch (error) {
  // as `npm run report` says it: one line and its exit code (8 when DuckDB ran out of memory)
  const failure = outOfMemory(error) ?? error;
  if (!(failure instanceof ReportError)) throw error;
  process.stderr.write(`error: ${failure.message}\n`);
  process.exit(failure.exitCode); // the memory sampler would keep the process alive
}
