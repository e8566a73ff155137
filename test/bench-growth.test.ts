// The bench's cost-growth table and its search for the largest scale under a limit
// (issue 22, part 4): what they count as linear, which peaks they set aside, and how a
// stopped run is reported. Figures are made up here; the bench measures the real ones.
import { describe, expect, it } from 'vitest';
import { PipelineFailed } from '../bench/run.ts';
import { formatFit, formatGrowth, limitBytes, peakCapped, type BenchResult, type FitAttempt } from '../bench/results.ts';

const GB = 1e9;

function result(scale: number, touchpoints: number, seconds: number, peakBytes: number, memoryLimit: string | null = null): BenchResult {
  const step = (name: string, share: number) => ({ step: name, seconds: seconds * share, rows: 1, unit: 'rows', peakBytes, childPeakBytes: 0, summary: '' });
  return {
    scale,
    memoryLimit,
    seed: 42,
    startedAt: '2026-12-06T00:00:00.000Z',
    machine: { cpus: 2, memoryBytes: 24 * 2 ** 30, node: 'v24', duckdb: 'v1.5.6', loadBefore: [1, 1, 1], loadAfter: [1, 1, 1] },
    data: { dir: `scale-${scale}`, generated: false, generatorSeconds: 0, generatorPeakBytes: 0, bytes: 0, files: 1, orders: touchpoints / 10, touchpoints, adRows: 0 },
    pipeline: {
      totalSeconds: seconds,
      month: '2026-10',
      steps: [step('ingest', 0.5), step('transform', 0.4), step('build', 0.1)],
      queries: [],
      inputBytes: 0,
      inputRows: 0,
      exportRows: 0,
      orders: touchpoints / 10,
      touchpoints,
      rejectedRows: 0,
      warnings: 0,
      site: { pages: 1, campaignPages: 0, campaignPagesSeconds: null, overviewBytes: 0, outputBytes: 0, dataBytes: 0 },
      peakResetWorks: true,
      processSeconds: seconds,
    },
    bare: null,
    attributionSeconds: 0,
  } as BenchResult;
}

describe('cost growth', () => {
  it('reads memory limits as DuckDB does (GB = 1000^3, GiB = 1024^3)', () => {
    expect(limitBytes('3GB')).toBe(3e9);
    expect(limitBytes('12059MiB')).toBe(12059 * 2 ** 20);
    expect(limitBytes('1.5 GiB')).toBe(1.5 * 2 ** 30);
    expect(limitBytes('lots')).toBeNull();
  });

  it('calls a peak capped when the transform reached 90 % of the limit', () => {
    expect(peakCapped(result(30, 15e6, 120, 2.8 * GB, '3GB'))).toBe(true);
    expect(peakCapped(result(30, 15e6, 120, 2.6 * GB, '3GB'))).toBe(false);
  });

  it('judges time over the default-limit runs and memory over the uncapped ones', () => {
    const lines = formatGrowth([
      result(10, 5e6, 50, 3.0 * GB),
      result(30, 15e6, 120, 8.7 * GB),
      // at scale 100 the default limit (half of the machine's 24 GiB) caps the peak: left out of the memory line
      result(100, 50e6, 430, 13.3 * GB),
      // under 3GB it spills: shown, but outside both lines
      result(30, 15e6, 400, 2.9 * GB, '3GB'),
    ]);
    const text = lines.join('\n');
    expect(text).toMatch(/seconds ±13 % at worst, meets/);
    expect(text).toMatch(/peak memory ±2 % at worst over 2 runs clear of the limit, meets/);
    expect(text).toMatch(/12,684 MB \(at the limit\)/);
    expect(text).toMatch(/ 30  3GB .* 2,766 MB \(at the limit\) +26\.7 +184 *\n/);
  });

  it('misses when a scale costs more than 20 % off the mean per row', () => {
    const text = formatGrowth([result(10, 5e6, 50, 3 * GB), result(30, 15e6, 300, 9 * GB)]).join('\n');
    expect(text).toMatch(/seconds ±33 % at worst, MISSES/);
  });
});

describe('the largest scale under a limit', () => {
  it('reports each attempt: the stopped ones with their exit and reason, the completed one against 4 GiB', () => {
    const attempts: FitAttempt[] = [
      { scale: 100, failure: { code: 8, reason: 'DuckDB ran out of memory in queries/intermediate/int_attribution_path_summary.sql', seconds: 301 } },
      { scale: 30, result: result(30, 15e6, 150, 3.9 * 2 ** 30, '3GB') },
    ];
    const text = formatFit(attempts, '3GB').join('\n');
    expect(text).toContain('scale 100: stopped after 301.0 s with exit 8: DuckDB ran out of memory in queries/intermediate/int_attribution_path_summary.sql');
    expect(text).toMatch(/scale 30: completed in 150\.0 s, 15,000,000 touchpoints, resident peak 3,994 MB .*: meets\)/);
    expect(formatFit([attempts[0]!], '3GB').join('\n')).toContain('none of the scales tried completed');
  });

  it('takes the reason from the run: its out-of-memory sentence, else its last line', () => {
    const oom = new PipelineFailed(8, 'ingest done\nerror: DuckDB ran out of memory in queries/x.sql: Out of Memory Error\n\n', 12);
    expect(oom.reason).toBe('error: DuckDB ran out of memory in queries/x.sql: Out of Memory Error');
    expect(new PipelineFailed(4, 'a\nSQL error in queries/y.sql\n', 3).reason).toBe('SQL error in queries/y.sql');
    // DuckDB's remedies are left out, the run's own advice kept
    const duckdb = new PipelineFailed(
      8,
      "error: DuckDB ran out of memory in the transform step (queries/z.sql): Out of Memory Error: failed to pin block of size 256.0 KiB (2.7 GiB/2.7 GiB used) Possible solutions: * Reducing the number of threads (SET threads=X) See also https://duckdb.org/docs. Raise --memory-limit (by default DuckDB may use half the machine's memory)",
      1,
    );
    expect(duckdb.reason).toBe(
      "error: DuckDB ran out of memory in the transform step (queries/z.sql): Out of Memory Error: failed to pin block of size 256.0 KiB (2.7 GiB/2.7 GiB used) Raise --memory-limit (by default DuckDB may use half the machine's memory)",
    );
  });
});
