// The runs behind `npm run dev` (pipeline/dev-runner.ts), on a copy of the tiny data
// folder and of queries/: saving a SQL file re-runs it and what reads it and renews
// the export the server reads; a changed input file re-runs everything; a SQL error,
// a failing data test or a declared chart that no longer fits its mart print what
// `npm run report` prints and leave the last good export in place.
import { cp, mkdir, readdir, readFile, readlink, realpath, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevRunner, watchSources, type DevRunResult } from '../pipeline/dev-runner.ts';
import { memoryLogger } from '../pipeline/log.ts';
import type { TreeWatcher } from '../pipeline/watch-tree.ts';
import { readDataset } from './helpers/arrow.ts';
import { copyFixture, projectRoot, runCli } from './helpers/cli.ts';

let data: string;
let queries: string;
let charts: string;
let work: string;
let runner: DevRunner;
let watcher: TreeWatcher;
const logger = memoryLogger();

/** The rows of a dataset of the export the link points at (readDataset reads <dir>/data/<name>.arrow; the link is <cache>/data). */
const exported = (name: string) => readDataset(dirname(runner.dataLink), name).rows;
/** The export the link points at. */
const linked = async () => realpath(runner.dataLink);

/** The next run's result, after `change` (a file saved, so the watcher asks for it). */
async function nextRun(change: () => Promise<void>): Promise<DevRunResult> {
  const seen = runner.last;
  await change();
  while (runner.last === seen) await new Promise((done) => setTimeout(done, 20));
  return runner.last!;
}

/** What the logger said since `from`, as text. */
const said = (from: number) => logger.lines.slice(from).map((l) => l.text).join('\n');

const edit = async (path: string, from: string, to: string) => {
  const text = await readFile(path, 'utf8');
  expect(text, path).toContain(from);
  await writeFile(path, text.replace(from, to));
};

beforeAll(async () => {
  data = await copyFixture('tiny');
  work = dirname(data);
  queries = join(work, 'queries');
  charts = join(work, 'site', 'charts');
  await cp(join(projectRoot, 'queries'), queries, { recursive: true });
  await mkdir(charts, { recursive: true });
  runner = new DevRunner(
    {
      dataDir: data,
      queriesDir: queries,
      warehousePath: join(work, 'warehouse.duckdb'),
      cacheDir: join(work, 'cache'),
      chartsDir: charts,
      publishedDataDir: null,
      month: null,
      debounceMs: 50,
    },
    logger,
  );
  watcher = watchSources(runner);
});

afterAll(async () => {
  watcher?.close();
  await runner?.close();
});

describe('the dev runner', () => {
  let first: DevRunResult;
  let all: number;

  it('fills the warehouse and exports into a folder of its own, linked as <cache>/data', async () => {
    first = await runner.run();
    expect(first.ok, String(first.error)).toBe(true);
    expect(first.month).toBe('2026-10');
    all = first.transformed.length;
    expect(all).toBeGreaterThan(40);
    expect(await readlink(runner.dataLink)).toMatch(/^exports\//);
    expect(await linked()).toBe(await realpath(first.exportDir!));
    const manifest = JSON.parse(await readFile(join(runner.dataLink, 'manifest.json'), 'utf8'));
    expect(manifest.month).toBe('2026-10');
    expect(exported('channel_roi').map((r) => r.channel)).toContain('Meta');
    expect(said(0)).toMatch(/^ingest 9 files/m);
    // one dataset per mart in queries/marts
    const marts = (await readdir(join(projectRoot, 'queries', 'marts'))).filter((f) => f.endsWith('.sql')).length;
    expect(said(0)).toMatch(new RegExp(`^export ${marts} datasets`, 'm'));
  });

  it('re-runs a saved SQL file alone when nothing reads it, and renews the export', async () => {
    const before = await linked();
    const from = logger.lines.length;
    const run = await nextRun(() => edit(join(queries, 'marts', 'channel_roi.sql'), '        channel,\n        model,', '        upper(channel) as channel,\n        model,'));
    expect(run.ok, String(run.error)).toBe(true);
    expect(run.transformed).toEqual(['channel_roi']);
    expect(said(from)).toContain('changed   ');
    expect(said(from)).toMatch(/^transform 1 of \d+ tables \(queries\/marts\/channel_roi\.sql\)/m);
    expect(await linked()).not.toBe(before);
    expect(exported('channel_roi').map((r) => r.channel)).toContain('META');
    // The export before stays (a page may be reading it); older ones go.
    expect(existsSync(before)).toBe(true);
  });

  it('re-runs what reads a saved file, and nothing upstream of it', async () => {
    const run = await nextRun(() => edit(join(queries, 'marts', 'campaign_roi.sql'), '-- test unique: month, campaign, model', '-- test unique: month, campaign, model\n-- (edited)'));
    expect(run.ok, String(run.error)).toBe(true);
    expect(run.transformed[0]).toBe('campaign_roi');
    expect(run.transformed).toEqual(expect.arrayContaining(['channel_roi', 'monthly_trend', 'model_comparison', 'influencer_roi', 'restatements']));
    expect(run.transformed).not.toContain('attribution');
    expect(run.transformed.length).toBeLessThan(all);
  });

  it('re-runs everything when an input file changes', async () => {
    const run = await nextRun(() => edit(join(data, 'report.json'), '"Tiny Test Shop"', '"Tiny Test Shop (dev)"'));
    expect(run.ok, String(run.error)).toBe(true);
    expect(run.transformed).toHaveLength(all);
    expect(JSON.parse(await readFile(join(runner.dataLink, 'manifest.json'), 'utf8')).title).toBe('Tiny Test Shop (dev)');
  });

  it('prints a SQL error as `npm run report` does, and keeps the last good export', async () => {
    const before = await linked();
    const from = logger.lines.length;
    const run = await nextRun(() => edit(join(queries, 'marts', 'channel_roi.sql'), 'sum(revenue) as revenue', 'sum(revenu) as revenue'));
    expect(run.ok).toBe(false);
    expect(await linked()).toBe(before);
    const error = logger.lines.slice(from).find((l) => l.kind === 'error')?.text ?? '';
    const cli = await runCli(['--data', data, '--queries', queries, '--out', join(work, 'report'), '--warehouse', join(work, 'cli.duckdb')]);
    expect(cli.code).toBe(4);
    const printed = cli.stderr.split('\n');
    const at = printed.findIndex((l) => l.startsWith('error: '));
    expect(error.split('\n')).toEqual(printed.slice(at, at + 3));
    expect(error).toMatch(/^error: SQL error in queries\/marts\/channel_roi\.sql line \d+, column \d+: Binder Error: Referenced column "revenu" not found/);
    expect(said(from)).toContain('waiting   for the next change; the server keeps the last good data');
    // Fixed: the next save runs again.
    const fixed = await nextRun(() => edit(join(queries, 'marts', 'channel_roi.sql'), 'sum(revenu) as revenue', 'sum(revenue) as revenue'));
    expect(fixed.ok, String(fixed.error)).toBe(true);
    expect(fixed.transformed).toEqual(['channel_roi']);
  });

  it('prints failing data tests as `npm run report` does, and keeps the last good export', async () => {
    const before = await linked();
    const from = logger.lines.length;
    const campaigns = join(data, 'campaigns.csv');
    const good = await readFile(campaigns, 'utf8');
    const run = await nextRun(() => writeFile(campaigns, `${good}${good.split('\n')[1]}\n`));
    expect(run.ok).toBe(false);
    expect(await linked()).toBe(before);
    expect(said(from)).toMatch(/^error: \d+ data tests failed; the report was not built$/m);
    expect(said(from)).toContain('queries/tests/campaign_keys_unique.sql: 1 row');
    const back = await nextRun(() => writeFile(campaigns, good));
    expect(back.ok, String(back.error)).toBe(true);
  });

  it('takes a new mart and its chart, and refuses an export that the chart no longer fits, as the site build would', async () => {
    const mart = join(queries, 'marts', 'channel_clicks.sql');
    const added = await nextRun(async () => {
      await writeFile(join(charts, 'channel_clicks.vl.json'), JSON.stringify({ title: 'Klicks', usermeta: { report: { page: 'channels' } }, mark: 'bar', encoding: { y: { field: 'channel', type: 'nominal' }, x: { field: 'clicks', type: 'quantitative' } } }));
      await writeFile(mart, 'select month, channel, sum(clicks) as clicks from campaign_performance group by all');
    });
    expect(added.ok, String(added.error)).toBe(true);
    expect(added.transformed).toEqual(['channel_clicks']);
    expect(exported('channel_clicks').length).toBeGreaterThan(0);

    const before = await linked();
    const from = logger.lines.length;
    const run = await nextRun(() => edit(mart, 'as clicks from', 'as link_clicks from'));
    expect(run.ok).toBe(false);
    expect(await linked()).toBe(before);
    expect(said(from)).toMatch(/^error: build failed: dataset channel_clicks: no column clicks, which the chart .*channel_clicks\.vl\.json uses in its spec; the mart has month, channel, link_clicks/m);
    const back = await nextRun(() => edit(mart, 'as link_clicks from', 'as clicks from'));
    expect(back.ok, String(back.error)).toBe(true);
  });

  it('makes one run of several saves in a row, and one more for a save during a run', async () => {
    const runs: DevRunResult[] = [];
    runner.onRun((r) => runs.push(r));
    for (let i = 0; i < 5; i++) runner.request(`save ${i}`);
    await new Promise((done) => setTimeout(done, 120));
    runner.request('during the run');
    runner.request('during the run, again');
    await runner.idle();
    expect(runs.map((r) => r.reasons)).toEqual([
      ['save 0', 'save 1', 'save 2', 'save 3', 'save 4'],
      ['during the run', 'during the run, again'],
    ]);
  });
});
