// The benchmark's results: one record per run (kept as JSON, so runs can be compared)
// and the table printed from it.
import type { BareMeasure } from './bare-run.ts';
import type { PipelineMeasure } from './pipeline-run.ts';
import { defaultMemoryLimit } from '../pipeline/memory-budget.ts';
import { MONTHLY_RATIO_GOAL, type MonthlyResult, type RunFigures, type SyncChange } from './monthly.ts';

export const TARGETS = {
  totalSeconds: 60,
  peakBytes: 4 * 1024 ** 3,
  ingestRatio: 1.5,
  buildSeconds: 30,
  overviewBytes: 150 * 1024,
  attributionSeconds: 60,
} as const;

/** The SQL files that attribute revenue (issue 4's minute for 5 M orders and 50 M touchpoints, six models). */
export const ATTRIBUTION_QUERIES = [
  'stg_web__touchpoints', 'stg_shop__orders', 'int_orders_net', 'int_utm_campaigns_mapped', 'int_attribution_campaign_numbers', 'int_touchpoints_mapped',
  'int_attribution_touches', 'int_attribution_paths', 'int_attribution_non_conversion_paths', 'int_attribution_non_conversion_counts',
  'int_attribution_path_summary', 'int_attribution_data_driven',
  'int_attribution_shares', 'int_attribution_conversion_credits', 'int_attribution_credits', 'attribution',
] as const;

/**
 * The SQL files of the bootstrap behind every interval (issue 19): their cost is printed
 * on its own line, against the rest of the transform (the goal: at most +25 %).
 */
export const BOOTSTRAP_QUERIES = [
  'int_bootstrap_customers', 'int_attribution_replicates', 'int_roi_replicates', 'int_roi_intervals', 'roi_verdicts', 'channel_ranking', 'experiment_comparison',
] as const;
export const BOOTSTRAP_SHARE_GOAL = 0.25;

export interface BenchResult {
  scale: number;
  /** DuckDB's memory_limit for both runs (`--memory-limit`), null for DuckDB's default */
  memoryLimit?: string | null;
  seed: number;
  startedAt: string;
  machine: { cpus: number; memoryBytes: number; node: string; duckdb: string; loadBefore: number[]; loadAfter: number[] };
  data: { dir: string; generated: boolean; generatorSeconds: number; generatorPeakBytes: number; bytes: number; files: number; orders: number; touchpoints: number; adRows: number };
  pipeline: PipelineMeasure & { processSeconds: number };
  bare: BareMeasure | null;
  attributionSeconds: number;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toLocaleString('en-US', { maximumFractionDigits: 0 })} MB`;
const secs = (s: number) => (s < 10 ? s.toFixed(2) : s.toFixed(1));
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const perSecond = (rows: number, seconds: number) => (seconds > 0 && rows > 0 ? count(rows / seconds) : '');

function table(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');

/** The bootstrap's seconds and what they add to the rest of the transform step. */
export function bootstrapLine(p: PipelineMeasure): string {
  const names = new Set<string>(BOOTSTRAP_QUERIES);
  const bootstrap = p.queries.filter((q) => names.has(q.name)).reduce((n, q) => n + q.seconds, 0);
  const transform = p.steps.find((s) => s.step === 'transform')?.seconds ?? 0;
  const rest = transform - bootstrap;
  const added = rest > 0 ? bootstrap / rest : null;
  return (
    `bootstrap intervals (${BOOTSTRAP_QUERIES.length} files): ${secs(bootstrap)} s of the transform's ${secs(transform)} s` +
    (added === null ? '' : `, +${(added * 100).toFixed(0)} % on the rest of it (goal <= +${BOOTSTRAP_SHARE_GOAL * 100} %: ${verdict(added <= BOOTSTRAP_SHARE_GOAL)})`)
  );
}

export function formatResult(r: BenchResult, slowest = 8): string[] {
  const out: string[] = [];
  const p = r.pipeline;
  const bare = new Map((r.bare?.steps ?? []).map((s) => [s.step, s]));
  out.push(
    `scale ${r.scale}: ${count(r.data.orders)} orders, ${count(r.data.touchpoints)} touchpoints, ${count(r.data.adRows)} ad rows in ${count(r.data.files)} files (${mb(r.data.bytes)}); ` +
      `${r.machine.cpus} cores, load ${r.machine.loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${r.machine.loadAfter.map((l) => l.toFixed(2)).join(' ')} after; DuckDB ${r.machine.duckdb}, Node ${r.machine.node}; ` +
      `DuckDB memory limit ${r.memoryLimit ?? `default (half the usable memory: ${defaultMemoryLimit()})`}`,
    `data ${r.data.generated ? 'generated' : 'reused'}: the generator took ${secs(r.data.generatorSeconds)} s, peak ${mb(r.data.generatorPeakBytes)}`,
    '',
  );
  const rows = p.steps.map((s) => {
    const b = bare.get(s.step);
    return [
      s.step, secs(s.seconds), `${perSecond(s.rows, s.seconds)}${s.unit === 'pages' ? ' pages/s' : ''}`, mb(s.peakBytes),
      b ? secs(b.seconds) : '', b ? mb(b.peakBytes) : '', b && b.seconds > 0 ? `${(s.seconds / b.seconds).toFixed(2)}x` : '',
    ];
  });
  const peak = Math.max(...p.steps.map((s) => s.peakBytes));
  rows.push(['total', secs(p.totalSeconds), perSecond(p.inputRows, p.totalSeconds), mb(peak), '', '', '']);
  out.push(...table(['step', 'seconds', 'rows/s', 'peak memory', 'bare DuckDB s', 'bare peak', 'ours/bare'], rows, [false, true, true, true, true, true, true]));

  const queries = [...p.queries].sort((a, b) => b.seconds - a.seconds).slice(0, slowest);
  const bareQueries = new Map((r.bare?.queries ?? []).map((q) => [q.name, q.seconds]));
  out.push('', `slowest SQL files of the transform (of ${p.queries.length}):`);
  out.push(...table(['file', 'seconds', 'rows', 'bare s', 'ours/bare'], queries.map((q) => {
    const b = bareQueries.get(q.name);
    return [`${q.layer}/${q.name}`, secs(q.seconds), q.rows === null ? 'view' : count(q.rows), b === undefined ? '' : secs(b), b ? `${(q.seconds / b).toFixed(2)}x` : ''];
  }), [false, true, true, true, true]));

  if (r.bare) {
    const unread = r.bare.reads.filter((x) => x.error);
    const read = r.bare.reads.filter((x) => !x.error);
    out.push('', `bare read_csv: ${read.length} reads, ${count(read.reduce((n, x) => n + x.rows, 0))} rows, ${mb(read.reduce((n, x) => n + x.bytes, 0))}` +
      (unread.length || r.bare.unreadBytes ? `; not readable by DuckDB: ${mb(r.bare.unreadBytes)} (${[...new Set(unread.map((x) => x.what))].join(', ') || 'xlsx'})` : ''));
    for (const x of [...read].sort((a, b) => b.seconds - a.seconds).slice(0, 6)) {
      out.push(`  ${x.what.padEnd(28)} ${String(x.files).padStart(4)} files ${mb(x.bytes).padStart(9)} ${secs(x.seconds).padStart(7)} s ${perSecond(x.rows, x.seconds).padStart(12)} rows/s`);
    }
  }

  const build = p.steps.find((s) => s.step === 'build');
  const ingest = p.steps.find((s) => s.step === 'ingest');
  const bareIngest = bare.get('ingest');
  const ingestRatio = ingest && bareIngest ? ingest.seconds / bareIngest.seconds : null;
  out.push(
    '',
    `site: ${count(p.site.pages)} pages (${count(p.site.campaignPages)} campaign pages${p.site.campaignPagesSeconds === null ? '' : `, rendered in ${secs(p.site.campaignPagesSeconds)} s`}), ` +
      `overview ${(p.site.overviewBytes / 1024).toFixed(0)} KB, whole output ${mb(p.site.outputBytes)} (data ${mb(p.site.dataBytes)})`,
    `attribution SQL (${ATTRIBUTION_QUERIES.length} files, six models): ${secs(r.attributionSeconds)} s`,
    bootstrapLine(p),
    '',
    'targets:',
    `  end to end <= ${TARGETS.totalSeconds} s: ${secs(p.totalSeconds)} s, ${verdict(p.totalSeconds <= TARGETS.totalSeconds)}`,
    `  peak memory <= 4 GiB: ${mb(peak)}, ${verdict(peak <= TARGETS.peakBytes)}`,
    `  ingest <= ${TARGETS.ingestRatio}x bare DuckDB: ${ingestRatio === null ? 'not measured' : `${ingestRatio.toFixed(2)}x, ${verdict(ingestRatio <= TARGETS.ingestRatio)}`}`,
    `  site build <= ${TARGETS.buildSeconds} s: ${build ? `${secs(build.seconds)} s, ${verdict(build.seconds <= TARGETS.buildSeconds)}` : 'not measured'}`,
    `  overview <= 150 KB: ${(p.site.overviewBytes / 1024).toFixed(0)} KB, ${verdict(p.site.overviewBytes <= TARGETS.overviewBytes)}`,
    `  attribution <= ${TARGETS.attributionSeconds} s: ${secs(r.attributionSeconds)} s, ${verdict(r.attributionSeconds <= TARGETS.attributionSeconds)}`,
  );
  return out;
}

/** Issue 22: cost grows linearly when each scale's cost per row is within ±20 % of the mean across scales. */
export const GROWTH_TOLERANCE = 0.2;

/** One try of `--fit`: a scale's cold run under the limit, completed or stopped. */
export interface FitAttempt {
  scale: number;
  result?: BenchResult;
  file?: string;
  failure?: { code: number | null; reason: string; seconds: number };
}

/** What the issue allows the whole process tree under a 3 GB DuckDB limit (issue 22, part 1). */
export const FIT_RESIDENT_GOAL = 4 * 1024 ** 3;

const SIZE_UNITS: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** A memory_limit such as `3GB` or `12059MiB` in bytes (DuckDB reads GB as 1000^3), null when unreadable. */
export function limitBytes(limit: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(limit.trim());
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  return m && unit ? Number(m[1]) * unit : null;
}

/**
 * A run's peak says how memory grows only while DuckDB stayed clear of its limit: at the
 * limit DuckDB keeps what it may as cache and spills the rest, so the peak is the limit's,
 * not the data's. Capped: the transform's peak reached 90 % of the limit.
 */
export function peakCapped(r: BenchResult): boolean {
  // the default limit as the run's machine had it (its memory; a cgroup limit is not recorded)
  const limit = limitBytes(r.memoryLimit ?? defaultMemoryLimit(r.machine.memoryBytes));
  const transform = r.pipeline.steps.find((s) => s.step === 'transform');
  return limit !== null && transform !== undefined && transform.peakBytes >= 0.9 * limit;
}

/**
 * One line per scale (`--scales 10,30,100`): seconds and peak memory per million
 * touchpoints, and their deviation from the mean. Linear means every per-row cost within
 * ±GROWTH_TOLERANCE of the mean, taken over the runs at DuckDB's default limit (a run under
 * a smaller limit spills and is shown beside them); memory over the runs whose peak the
 * limit did not cap.
 */
export function formatGrowth(results: readonly BenchResult[]): string[] {
  const rows = results.map((r) => {
    const peak = Math.max(...r.pipeline.steps.map((s) => s.peakBytes));
    const millions = r.data.touchpoints / 1e6;
    const ingest = r.pipeline.steps.find((s) => s.step === 'ingest');
    const bareIngest = r.bare?.steps.find((s) => s.step === 'ingest');
    return {
      r, peak, secondsPerM: r.pipeline.totalSeconds / millions, mbPerM: peak / MB / millions,
      ingestRatio: ingest && bareIngest && bareIngest.seconds > 0 ? ingest.seconds / bareIngest.seconds : null,
      inLine: !r.memoryLimit, capped: peakCapped(r),
    };
  });
  const mean = (xs: readonly number[]) => xs.reduce((n, x) => n + x, 0) / Math.max(1, xs.length);
  const timed = rows.filter((x) => x.inLine);
  const sized = timed.filter((x) => !x.capped);
  const meanSeconds = mean(timed.map((x) => x.secondsPerM));
  const meanMb = mean(sized.map((x) => x.mbPerM));
  const deviation = (value: number, m: number) => (m > 0 ? value / m - 1 : 0);
  const pct = (d: number) => `${d >= 0 ? '+' : ''}${(d * 100).toFixed(0)} %`;
  const body = rows.map((x) => [
    String(x.r.scale), x.r.memoryLimit ?? 'default', count(x.r.data.touchpoints), count(x.r.data.orders), secs(x.r.pipeline.totalSeconds), `${mb(x.peak)}${x.capped ? ' (at the limit)' : ''}`,
    secs(x.secondsPerM), count(x.mbPerM),
    x.inLine ? pct(deviation(x.secondsPerM, meanSeconds)) : '', x.inLine && !x.capped ? pct(deviation(x.mbPerM, meanMb)) : '',
    x.ingestRatio === null ? '' : `${x.ingestRatio.toFixed(2)}x`,
  ]);
  const worst = (xs: typeof rows, f: (x: (typeof rows)[number]) => number, m: number) => Math.max(0, ...xs.map((x) => Math.abs(deviation(f(x), m))));
  const worstSeconds = worst(timed, (x) => x.secondsPerM, meanSeconds);
  const worstMb = worst(sized, (x) => x.mbPerM, meanMb);
  const loads = results.map((r) => `${r.scale}${r.memoryLimit ? ` under ${r.memoryLimit}` : ''}: ${r.machine.loadBefore.map((l) => l.toFixed(2)).join(' ')}`).join('; ');
  const memoryVerdict = sized.length < 2
    ? `peak memory: fewer than two runs clear of the limit, nothing to compare`
    : `peak memory ${pct(worstMb).replace('+', '±')} at worst over ${sized.length} runs clear of the limit, ${verdict(worstMb <= GROWTH_TOLERANCE)}`;
  return [
    `cost growth (one cold run per scale; load before each run ${loads}):`,
    ...table(
      ['scale', 'memory limit', 'touchpoints', 'orders', 'seconds', 'peak memory', 's per M touchpoints', 'peak MB per M touchpoints', 's/M vs mean', 'MB/M vs mean', 'ingest ours/bare'],
      body,
      [true, false, true, true, true, true, true, true, true, true, true],
    ),
    `  linear (per-row cost within ±${GROWTH_TOLERANCE * 100} % of the mean, runs at the default limit): seconds ${pct(worstSeconds).replace('+', '±')} at worst, ${verdict(worstSeconds <= GROWTH_TOLERANCE)}; ${memoryVerdict}`,
  ];
}

/** The search for the largest scale that completes under a limit (`--fit`), attempt by attempt. */
export function formatFit(attempts: readonly FitAttempt[], limit: string): string[] {
  const out = [`largest scale under --memory-limit ${limit} (tried from the largest down):`];
  for (const a of attempts) {
    if (a.result) {
      const peak = Math.max(...a.result.pipeline.steps.map((s) => s.peakBytes));
      out.push(
        `  scale ${a.scale}: completed in ${secs(a.result.pipeline.totalSeconds)} s, ${count(a.result.data.touchpoints)} touchpoints, ` +
          `resident peak ${mb(peak)} (whole process tree; goal at most ${mb(FIT_RESIDENT_GOAL)}: ${verdict(peak <= FIT_RESIDENT_GOAL)})`,
      );
    } else if (a.failure) {
      out.push(`  scale ${a.scale}: stopped after ${secs(a.failure.seconds)} s with exit ${a.failure.code}: ${a.failure.reason}`);
    }
  }
  if (!attempts.some((a) => a.result)) out.push('  none of the scales tried completed');
  return out;
}

/** The monthly run beside the cold run over the same month (bench/monthly.ts). */
export function formatMonthly(r: MonthlyResult, slowest = 8): string[] {
  const { monthly, cold, first } = r;
  const changes = r.sync.changes;
  const n = (c: SyncChange['change']) => changes.filter((x) => x.change === c).length;
  const out: string[] = [
    `monthly run, scale ${r.scale}: cold run over ${r.months.cold} (${secs(first.totalSeconds)} s, peak ${mb(first.peakBytes)}), then ${r.months.monthly}'s files synced into the same data folder ` +
      `(${n('added')} added, ${n('replaced')} replaced, ${n('removed')} removed; ${mb(changes.filter((x) => x.change !== 'removed').reduce((s, x) => s + x.bytes, 0))} copied in ${secs(r.sync.seconds)} s) ` +
      `and run again on the same warehouse and output folder; a cold run over ${r.months.monthly} beside it`,
    `${r.machine.cpus} cores, load ${r.machine.loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${r.machine.loadAfter.map((l) => l.toFixed(2)).join(' ')} after; DuckDB memory limit ${r.memoryLimit ?? `default (${defaultMemoryLimit()})`}`,
    '',
  ];
  const coldSteps = new Map(cold.steps.map((s) => [s.step, s]));
  const rows = monthly.steps.map((s) => {
    const c = coldSteps.get(s.step);
    return [s.step, c ? secs(c.seconds) : '', c ? mb(c.peakBytes) : '', secs(s.seconds), mb(s.peakBytes), c && c.seconds > 0 ? `${(s.seconds / c.seconds).toFixed(2)}x` : ''];
  });
  rows.push(['total', secs(cold.totalSeconds), mb(cold.peakBytes), secs(monthly.totalSeconds), mb(monthly.peakBytes), `${(monthly.totalSeconds / cold.totalSeconds).toFixed(2)}x`]);
  out.push(...table(['step', 'cold s', 'cold peak', 'monthly s', 'monthly peak', 'monthly/cold'], rows, [false, true, true, true, true, true]));
  const ingest = monthly.steps.find((s) => s.step === 'ingest');
  out.push('', `ingest of the monthly run: ${ingest?.summary ?? ''}`);
  // the ingest line counts the files read from their new lines alone (only orders.csv and touchpoints.csv can be)
  const bigTwoChanged = changes.filter((x) => (x.path === 'orders.csv' || x.path === 'touchpoints.csv') && x.change === 'replaced');
  const partly = Number(/(\d+) read from the lines added since/.exec(ingest?.summary ?? '')?.[1] ?? 0) >= bigTwoChanged.length && bigTwoChanged.length > 0;
  const newBytes = (c: SyncChange) => (partly && bigTwoChanged.includes(c) && c.previousBytes !== undefined ? c.bytes - c.previousBytes : null);
  out.push(`files it re-read (the ones the sync added or replaced; unchanged files are known by their hash), largest first:`);
  for (const c of [...changes].filter((x) => x.change !== 'removed').sort((a, b) => b.bytes - a.bytes).slice(0, 10)) {
    const added = newBytes(c);
    out.push(`  ${c.change.padEnd(8)} ${mb(c.bytes).padStart(9)}  ${c.path}${added === null ? '' : `  (read: only the ${mb(added)} added since the last run)`}`);
  }
  const bigTwo = changes.filter((x) => x.path === 'orders.csv' || x.path === 'touchpoints.csv').reduce((s, x) => s + x.bytes, 0);
  const copied = changes.filter((x) => x.change !== 'removed').reduce((s, x) => s + x.bytes, 0);
  if (copied > 0) out.push(`  orders.csv and touchpoints.csv: ${mb(bigTwo)} of the ${mb(copied)} copied (${((bigTwo / copied) * 100).toFixed(0)} %)${partly ? ', hashed whole, read only from their new lines' : ''}`);
  const coldQueries = new Map(cold.queries.map((q) => [q.name, q.seconds]));
  const transform = (p: RunFigures) => p.queries.reduce((s, q) => s + q.seconds, 0);
  out.push('', `transform: ${secs(transform(monthly))} s monthly, ${secs(transform(cold))} s cold; slowest SQL files of the monthly run:`);
  out.push(...table(['file', 'monthly s', 'cold s'], [...monthly.queries].sort((a, b) => b.seconds - a.seconds).slice(0, slowest)
    .map((q) => [`${q.layer}/${q.name}`, secs(q.seconds), secs(coldQueries.get(q.name) ?? 0)]), [false, true, true]));
  const ratio = monthly.totalSeconds / cold.totalSeconds;
  out.push(
    '',
    'targets:',
    `  monthly run <= ${MONTHLY_RATIO_GOAL}x the cold run: ${secs(monthly.totalSeconds)} s against ${secs(cold.totalSeconds)} s, ${ratio.toFixed(2)}x, ${verdict(ratio <= MONTHLY_RATIO_GOAL)}`,
    `  peak memory <= 4 GiB: monthly ${mb(monthly.peakBytes)} (cold ${mb(cold.peakBytes)}), ${verdict(monthly.peakBytes <= TARGETS.peakBytes)}`,
  );
  return out;
}
