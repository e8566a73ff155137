// The benchmark's results: one record per run (kept as JSON, so runs can be compared)
// and the table printed from it.
import type { BareMeasure } from './bare-run.ts';
import type { PipelineMeasure } from './pipeline-run.ts';
import { defaultMemoryLimit } from '../pipeline/memory-budget.ts';

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
  'int_attribution_touches', 'int_attribution_paths', 'int_attribution_non_conversion_paths', 'int_attribution_path_summary', 'int_attribution_data_driven',
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
