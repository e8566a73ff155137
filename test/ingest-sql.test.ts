// The SQL that turns ingested rows into what the marts read: period facts,
// duplicates across files and the rule that picks the winner, organic posts
// upserted by post id, page followers per day. Runs ingest on the tiny data
// folder plus a few export fixtures, then the staging and intermediate files
// these tables need.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/ingest/index.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { copyFixture, projectRoot, tempDir } from './helpers/cli.ts';
import { runQueriesFor } from './helpers/warehouse.ts';

const TARGETS = [
  'int_ad_daily_deduplicated', 'int_ad_duplicate_conflicts', 'int_ad_period_rows', 'int_ad_monthly_from_periods',
  'int_organic_posts_latest', 'int_organic_followers_daily',
];
const fixture = (name: string) => join(projectRoot, 'test/fixtures/exports', name);

let wh: Warehouse;
const rows = <T = Record<string, unknown>>(sql: string) => wh.rows<T>(sql);

beforeAll(async () => {
  const data = await copyFixture('tiny');
  const meta = join(data, 'exports/meta/Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv');
  const metaText = await readFile(meta, 'utf8');
  // An earlier download of the same Meta report, made on 2 October: different numbers for 1 October.
  await writeFile(
    join(data, 'exports/meta/zz-early-download.csv'),
    metaText.split('\n').filter((l, i) => i === 0 || l.startsWith('2026-09-15') || l.startsWith('2026-10-01,2026-10-01')).join('\n').replace('250.50,20000', '240.00,19000'),
  );
  // The same Google report downloaded twice, byte for byte: counted once, silently.
  await mkdir(join(data, 'exports/google-again'), { recursive: true });
  await cp(join(data, 'exports/google/Campaign report.csv'), join(data, 'exports/google-again/Campaign report (1).csv'));
  await mkdir(join(data, 'exports/meta-monthly'), { recursive: true });
  await cp(join(fixture('meta-de-periods'), 'Kampagnen-Monatsbericht.csv'), join(data, 'exports/meta-monthly/Kampagnen-Monatsbericht.csv'));
  // Organic: two Instagram exports with the same posts (lifetime numbers grow), page followers from two sources.
  await mkdir(join(data, 'organic'), { recursive: true });
  const instagram = await readFile(join(fixture('instagram-posts'), 'Instagram-Beitraege-Oktober.csv'));
  await writeFile(join(data, 'organic/ig-2026-10-25.csv'), instagram);
  const later = instagram.toString('utf8').replace('"12,400","9,870",812', '"15,100","11,020",990')
    + '17890000000000003,17841400000000001,nordlicht.naturkosmetik,Nordlicht Naturkosmetik,Adventskalender,,11/02/2026 09:00,https://www.instagram.com/p/C1c/,IG carousel,,Lifetime,900,800,70,1,0,4,12\n';
  await writeFile(join(data, 'organic/aa-ig-2026-11-03.csv'), later);
  await cp(join(fixture('linkedin-page-followers'), 'nordlicht-naturkosmetik_followers_1793525400000.xlsx'), join(data, 'organic/nordlicht-naturkosmetik_followers_1793525400000.xlsx'));
  await cp(join(fixture('facebook-follows-series'), 'Follows (1).csv'), join(data, 'organic/Follows (1).csv'));

  wh = await openWarehouse(join(await tempDir('ingest-sql'), 'wh.duckdb'));
  await ingest(wh, data);
  await runQueriesFor(wh, TARGETS);
});

afterAll(() => wh?.close());

describe('period rows', () => {
  it('uses rows covering one calendar month and says why the others are not used', async () => {
    const usage = await rows<{ source_line: number; period_start: Date; usage: string }>(
      "select source_line, usage from int_ad_period_rows where source_file like 'exports/meta-monthly/%' order by source_line",
    );
    expect(usage.map((r) => [r.source_line, r.usage])).toEqual([
      [2, 'month'],
      [3, 'month'],
      [4, 'not used: covers 2026-01-01 to 2026-10-31, more than one calendar month (period rows are never spread over months)'],
      [5, 'not used: covers 2026-10-01 to 2026-10-15, part of a calendar month (period rows are never spread over days)'],
    ]);
  });

  it('gives one row per campaign and month, with reach, and says whether daily rows exist', async () => {
    const monthly = await rows<Record<string, unknown>>(
      'select platform, platform_campaign_key, month, spend, reach, impressions, has_daily_rows, currency from int_ad_monthly_from_periods order by platform_campaign_key, month',
    );
    expect(monthly.map((r) => ({ ...r, spend: Number(r.spend), impressions: Number(r.impressions), reach: Number(r.reach) }))).toEqual([
      { platform: 'meta', platform_campaign_key: 'Autumn Sale', month: '2026-10', spend: 400, reach: 20000, impressions: 30000, has_daily_rows: true, currency: 'EUR' },
      { platform: 'meta', platform_campaign_key: 'NL | Retargeting | Warenkorb 14T', month: '2026-09', spend: 1100, reach: 20100, impressions: 90001, has_daily_rows: false, currency: 'EUR' },
      { platform: 'meta', platform_campaign_key: 'NL | Retargeting | Warenkorb 14T', month: '2026-10', spend: 1234.56, reach: 21004, impressions: 98765, has_daily_rows: false, currency: 'EUR' },
    ]);
  });

  it('never stamps a period row on one day', async () => {
    const stamped = await rows("select * from int_ad_daily_deduplicated where source_file like 'exports/meta-monthly/%'");
    expect(stamped).toEqual([]);
  });
});

describe('rows repeated across files', () => {
  it('counts identical copies once and silently', async () => {
    const google = await rows<{ file_copies: bigint; spend: string }>("select file_copies, spend from int_ad_daily_deduplicated where platform = 'google_ads' order by report_date");
    expect(google.map((r) => [Number(r.file_copies), Number(r.spend)])).toEqual([[2, 1000], [2, 1500]]);
    expect(await rows("select * from int_ad_duplicate_conflicts where platform = 'google_ads'")).toEqual([]);
  });

  it('lists copies that differ, and takes the one from the file whose data reach the latest day', async () => {
    const conflicts = await rows<Record<string, unknown>>(
      'select platform, platform_campaign_key, report_date, files, winning_file, spend_per_copy, impressions_per_copy, data_through_per_copy from int_ad_duplicate_conflicts',
    );
    expect(conflicts).toHaveLength(1);
    const c = conflicts[0]!;
    expect(c).toMatchObject({ platform: 'meta', platform_campaign_key: 'Autumn Sale', winning_file: 'exports/meta/Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv' });
    expect((c.report_date as Date).toISOString().slice(0, 10)).toBe('2026-10-01');
    expect(c.files).toEqual(['exports/meta/Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv', 'exports/meta/zz-early-download.csv']);
    expect((c.spend_per_copy as unknown[]).map(Number)).toEqual([250.5, 240]);
    expect((c.data_through_per_copy as Date[]).map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-10-31', '2026-10-01']);
    // The path of the early download sorts last, yet the later export wins.
    const used = await rows<{ spend: string; source_file: string }>("select spend, source_file from int_ad_daily_deduplicated where platform = 'meta' and report_date = '2026-10-01'");
    expect(used.map((r) => [Number(r.spend), r.source_file])).toEqual([[250.5, 'exports/meta/Tiny-Campaigns-Sep-1-2026-Oct-31-2026.csv']]);
  });

  it('labels every platform row with what its engagement count counts', async () => {
    const labels = await rows<{ platform: string; engagement_definition: string }>('select distinct platform, engagement_definition from int_ad_daily_deduplicated order by platform');
    expect(labels.map((l) => l.platform)).toEqual(['google_ads', 'linkedin', 'meta']);
    expect(labels.every((l) => l.engagement_definition.length > 10)).toBe(true);
  });
});

describe('organic', () => {
  it('keeps each post once, with the numbers of the latest export that has it (never summed)', async () => {
    const posts = await rows<Record<string, unknown>>(
      'select platform, post_id, published_month, impressions, reach, engagements, engagement_definition, source_file, exported_through from int_organic_posts_latest order by post_id',
    );
    expect(posts.map((p) => [p.post_id, p.published_month, Number(p.impressions), Number(p.reach), p.source_file, (p.exported_through as Date).toISOString().slice(0, 10)])).toEqual([
      ['17890000000000001', '2026-10', 15100, 11020, 'organic/aa-ig-2026-11-03.csv', '2026-11-02'],
      ['17890000000000002', '2026-10', 3020, 2411, 'organic/aa-ig-2026-11-03.csv', '2026-11-02'],
      ['17890000000000003', '2026-11', 900, 800, 'organic/aa-ig-2026-11-03.csv', '2026-11-02'],
    ]);
    expect(posts[0]).toMatchObject({ platform: 'instagram', engagement_definition: 'likes + comments + shares + saves' });
    expect(Number(posts[0]!.engagements)).toBe(990 + 37 + 44 + 120);
  });

  it('gives page followers gained per platform and day', async () => {
    const followers = await rows<Record<string, unknown>>('select platform, account, date, followers_gained, followers_organic from int_organic_followers_daily order by platform, date');
    expect(followers.map((f) => [f.platform, f.account, (f.date as Date).toISOString().slice(0, 10), Number(f.followers_gained), f.followers_organic === null ? null : Number(f.followers_organic)])).toEqual([
      ['facebook', '', '2026-10-01', 20, null],
      ['facebook', '', '2026-10-02', 17, null],
      ['facebook', '', '2026-10-03', 0, null],
      ['linkedin', 'nordlicht-naturkosmetik', '2026-10-01', 7, 5],
      ['linkedin', 'nordlicht-naturkosmetik', '2026-10-02', 3, 3],
      ['linkedin', 'nordlicht-naturkosmetik', '2026-10-03', 1, 0],
    ]);
  });
});
