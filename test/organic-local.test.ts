// Google Business Profile and YouTube Studio as organic sources: each file
// recognised by its header, read into (account, item, day, metric) values with
// exact figures, YouTube's total row checked against its rows (dropped when it
// agrees, rejected with the difference when not, never counted), malformed
// numbers rejected with file, line, column, what was expected and what was
// found; then the two marts the engagement page reads, by hand-computed values.
import { cp, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';
import { ingest } from '../pipeline/ingest/index.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { copyFixture, projectRoot, tempDir } from './helpers/cli.ts';
import { runQueriesFor } from './helpers/warehouse.ts';

const FIXTURES = join(projectRoot, 'test/fixtures/organic-local');
const GBP_MONTH = 'gbp/Nordlicht Naturkosmetik (Performance Report) - 2026-10-1 - 2026-10-31.csv';
const GBP_DAILY = 'gbp-daily/gbp-daily-metrics.csv';
const GBP_BAD = 'gbp-bad/Nordlicht Naturkosmetik (Performance Report) - 2026-10-1 - 2026-10-31.csv';
const YT_VIDEOS = 'youtube/Content 2026-10-01_2026-10-31 Nordlicht Naturkosmetik/Table data.csv';
const YT_DAYS = 'youtube-days/Date 2026-11-01_2026-11-02 Nordlicht Naturkosmetik/Table data.csv';
const YT_TOTAL_OFF = 'youtube-total-off/Content 2026-11-01_2026-11-30 Nordlicht Naturkosmetik/Table data.csv';

async function extract(relative: string, bytes?: Uint8Array) {
  const file = await recogniseFile(relative, bytes ?? new Uint8Array(await readFile(join(FIXTURES, relative))));
  if (file.unknown) throw file.unknown;
  return extractFile(file, { currency: 'EUR' });
}

/** The loaded values as `line account item date metric=value`. */
const values = (rows: unknown[][]) => rows.map(([, line, , , account, date, metric, value, , item]) => `${line} ${account} ${item ?? '-'} ${date} ${metric}=${value}`);

describe('Google Business Profile performance', () => {
  it('reads the bulk download: one calendar month per location from the file name, the description row a note', async () => {
    const x = await extract(GBP_MONTH);
    expect(x.formats).toEqual(['google_business_profile']);
    expect(x.platforms).toEqual(['google_business']);
    expect({ loaded: x.loaded, rejected: x.rejected, totals: x.totalsDropped }).toEqual({ loaded: 2, rejected: 0, totals: 0 });
    expect(x.notes.map((n) => n.message)).toEqual([
      `${GBP_MONTH} line 2: the row under the header describes the columns ("Number of people that viewed your Business Profile on Google Search using Mobile" …); not a data row`,
    ]);
    expect(values(x.rows.raw_organic_daily)).toEqual([
      '3 Nordlicht Naturkosmetik Hamburg - 2026-10-01 views_search_mobile=1204',
      '3 Nordlicht Naturkosmetik Hamburg - 2026-10-01 views_search_desktop=310',
      '3 Nordlicht Naturkosmetik Hamburg - 2026-10-01 views_maps_mobile=655',
      '3 Nordlicht Naturkosmetik Hamburg - 2026-10-01 views_maps_desktop=88',
      '3 Nordlicht Naturkosmetik Hamburg - 2026-10-01 calls=27',
      '3 Nordlicht Naturkosmetik Hamburg - 2026-10-01 conversations=4',
      '3 Nordlicht Naturkosmetik Hamburg - 2026-10-01 direction_requests=61',
      '3 Nordlicht Naturkosmetik Hamburg - 2026-10-01 website_clicks=143',
      '4 Nordlicht Naturkosmetik Lübeck - 2026-10-01 views_search_mobile=512',
      '4 Nordlicht Naturkosmetik Lübeck - 2026-10-01 views_search_desktop=97',
      '4 Nordlicht Naturkosmetik Lübeck - 2026-10-01 views_maps_mobile=301',
      '4 Nordlicht Naturkosmetik Lübeck - 2026-10-01 views_maps_desktop=40',
      '4 Nordlicht Naturkosmetik Lübeck - 2026-10-01 calls=9',
      '4 Nordlicht Naturkosmetik Lübeck - 2026-10-01 conversations=0',
      '4 Nordlicht Naturkosmetik Lübeck - 2026-10-01 bookings=3',
      '4 Nordlicht Naturkosmetik Lübeck - 2026-10-01 direction_requests=33',
      '4 Nordlicht Naturkosmetik Lübeck - 2026-10-01 website_clicks=58',
    ]);
  });

  it('reads the Performance API daily metrics as columns, an empty cell not reported', async () => {
    const x = await extract(GBP_DAILY);
    expect({ loaded: x.loaded, rejected: x.rejected }).toEqual({ loaded: 4, rejected: 0 });
    const lines = values(x.rows.raw_organic_daily);
    expect(lines).toHaveLength(4 * 9 - 2);
    expect(lines.filter((l) => l.includes(' bookings='))).toEqual([
      '4 Nordlicht Naturkosmetik Lübeck - 2026-11-01 bookings=1',
      '5 Nordlicht Naturkosmetik Lübeck - 2026-11-02 bookings=0',
    ]);
    expect(lines.filter((l) => l.startsWith('2 '))).toContain('2 Nordlicht Naturkosmetik Hamburg - 2026-11-01 views_maps_desktop=3');
  });

  it('rejects a malformed number with file, line, column, what was expected and what was found', async () => {
    const x = await extract(GBP_BAD);
    expect({ loaded: x.loaded, rejected: x.rejected }).toEqual({ loaded: 1, rejected: 1 });
    expect(x.rows.raw_rejected_rows).toEqual([[GBP_BAD, 2, 'Calls', 'expected a number (decimal separator "."), found "27x"', '27x', null]]);
  });

  it('refuses a bulk download whose period is not one day or one calendar month, and one that names no period', async () => {
    const bytes = new Uint8Array(await readFile(join(FIXTURES, GBP_MONTH)));
    const weeks = await extract('Nordlicht (Performance Report) - 2026-10-5 - 2026-10-18.csv', bytes);
    expect(weeks.loaded).toBe(0);
    expect(weeks.rows.raw_rejected_rows.map((r) => [r[1], r[2], r[3]])).toEqual([3, 4].map((line) => [
      line, 'date',
      'the Business Profile download covers 2026-10-05 to 2026-10-18 (from "Nordlicht (Performance Report) - 2026-10-5 - 2026-10-18.csv"), not one day or one calendar month: a month\'s share of it cannot be known; download one calendar month per file',
    ]));
    const unnamed = await extract('renamed.csv', bytes);
    expect(unnamed.loaded).toBe(0);
    expect(unnamed.rows.raw_rejected_rows[0]?.[3]).toContain('has no date column and names no period');
  });
});

describe('YouTube Studio Table data.csv', () => {
  it('reads one row per video for the month of the download, the agreeing Total row dropped as a totals row', async () => {
    const x = await extract(YT_VIDEOS);
    expect(x.formats).toEqual(['youtube_studio_table']);
    expect({ loaded: x.loaded, rejected: x.rejected, totals: x.totalsDropped }).toEqual({ loaded: 3, rejected: 0, totals: 1 });
    expect(x.notes.map((n) => n.message)).toEqual([`${YT_VIDEOS} line 2: the total row is the sum of the 3 rows; dropped as a totals row`]);
    expect(values(x.rows.raw_organic_daily)).toEqual([
      '3 Nordlicht Naturkosmetik dQw4w9WgXcQ 2026-10-01 views=2500',
      '3 Nordlicht Naturkosmetik dQw4w9WgXcQ 2026-10-01 watch_hours=180.5000',
      '3 Nordlicht Naturkosmetik dQw4w9WgXcQ 2026-10-01 subscribers_gained=25',
      '3 Nordlicht Naturkosmetik dQw4w9WgXcQ 2026-10-01 impressions=32000',
      '3 Nordlicht Naturkosmetik dQw4w9WgXcQ 2026-10-01 impressions_ctr=5.5',
      '4 Nordlicht Naturkosmetik 9bZkp7q19f0 2026-10-01 views=1500',
      '4 Nordlicht Naturkosmetik 9bZkp7q19f0 2026-10-01 watch_hours=110.2425',
      '4 Nordlicht Naturkosmetik 9bZkp7q19f0 2026-10-01 subscribers_gained=10',
      '4 Nordlicht Naturkosmetik 9bZkp7q19f0 2026-10-01 impressions=25000',
      '4 Nordlicht Naturkosmetik 9bZkp7q19f0 2026-10-01 impressions_ctr=4.8',
      '5 Nordlicht Naturkosmetik kJQP7kiw5Fk 2026-10-01 views=210',
      '5 Nordlicht Naturkosmetik kJQP7kiw5Fk 2026-10-01 watch_hours=11.0000',
      '5 Nordlicht Naturkosmetik kJQP7kiw5Fk 2026-10-01 subscribers_gained=2',
      '5 Nordlicht Naturkosmetik kJQP7kiw5Fk 2026-10-01 impressions=4250',
    ]);
  });

  it('reads a table by date, its Total row checked the same way', async () => {
    const x = await extract(YT_DAYS);
    expect({ loaded: x.loaded, rejected: x.rejected, totals: x.totalsDropped }).toEqual({ loaded: 2, rejected: 0, totals: 1 });
    expect(values(x.rows.raw_organic_daily).filter((l) => l.includes(' views='))).toEqual([
      '3 Nordlicht Naturkosmetik - 2026-11-01 views=120',
      '4 Nordlicht Naturkosmetik - 2026-11-02 views=210',
    ]);
  });

  it('rejects a Total row that is not the sum of the rows, naming the figure; the rows load and the total never counts', async () => {
    const x = await extract(YT_TOTAL_OFF);
    expect({ loaded: x.loaded, rejected: x.rejected, totals: x.totalsDropped }).toEqual({ loaded: 2, rejected: 1, totals: 0 });
    expect(x.rows.raw_rejected_rows).toEqual([[
      YT_TOTAL_OFF, 2, null,
      'the total row is not the sum of the rows (Views 1900, the rows add up to 1700): the rows are loaded, the total is not',
      'Views 1900, the rows add up to 1700', null,
    ]]);
    expect(x.rows.raw_organic_daily.filter((r) => r[6] === 'views').map((r) => r[7])).toEqual(['800', '900']);
  });

  it('accepts watch hours that each row rounds at its last decimal, and no more', async () => {
    const text = (await readFile(join(FIXTURES, YT_VIDEOS), 'utf8'));
    const off = (total: string) => new TextEncoder().encode(text.replace('4210,301.7425', `4210,${total}`));
    expect((await extract(YT_VIDEOS, off('301.7426'))).totalsDropped).toBe(1);
    const far = await extract(YT_VIDEOS, off('301.7428'));
    expect(far.rows.raw_rejected_rows[0]?.[3]).toBe('the total row is not the sum of the rows (Watch time (hours) 301.7428, the rows add up to 301.7425): the rows are loaded, the total is not');
  });

  it('rejects a malformed number in a video row with its line and column; the total then disagrees and is rejected too', async () => {
    const text = (await readFile(join(FIXTURES, YT_VIDEOS), 'utf8')).replace('1500,110.2425', '1500,110h');
    const x = await extract(YT_VIDEOS, new TextEncoder().encode(text));
    expect({ loaded: x.loaded, rejected: x.rejected, totals: x.totalsDropped }).toEqual({ loaded: 2, rejected: 2, totals: 0 });
    expect(x.rows.raw_rejected_rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      [2, null, 'the total row is not the sum of the rows (Views 4210, the rows add up to 2710; Watch time (hours) 301.7425, the rows add up to 191.5000; Subscribers 37, the rows add up to 27; Impressions 61250, the rows add up to 36250): the rows are loaded, the total is not'],
      [4, 'Watch time (hours)', 'expected a number (decimal separator "."), found "110h"'],
    ]);
  });
});

describe('the marts the engagement page reads', () => {
  let wh: Warehouse;
  const rows = <T = Record<string, unknown>>(sql: string) => wh.rows<T>(sql);

  beforeAll(async () => {
    const data = await copyFixture('tiny');
    await mkdir(join(data, 'organic'), { recursive: true });
    for (const dir of ['gbp', 'gbp-daily', 'youtube', 'youtube-days', 'youtube-total-off']) {
      await cp(join(FIXTURES, dir), join(data, 'organic', dir), { recursive: true });
    }
    wh = await openWarehouse(join(await tempDir('organic-local'), 'wh.duckdb'));
    await ingest(wh, data);
    await runQueriesFor(wh, ['local_activity_monthly', 'youtube_channel_monthly']);
  });
  afterAll(async () => wh?.close());

  it('local_activity_monthly: per month and location, a figure not reported stays empty', async () => {
    const got = await rows(`select month, location, profile_views, views_search, views_maps, views_mobile, views_desktop,
      website_clicks, calls, direction_requests, bookings, conversations, local_interactions from local_activity_monthly order by month, location`);
    expect(got.map((r) => Object.values(r).map((v) => (typeof v === 'bigint' ? Number(v) : v)))).toEqual([
      ['2026-10', 'Nordlicht Naturkosmetik Hamburg', 2257, 1514, 743, 1859, 398, 143, 27, 61, null, 4, 235],
      ['2026-10', 'Nordlicht Naturkosmetik Lübeck', 950, 609, 341, 813, 137, 58, 9, 33, 3, 0, 103],
      ['2026-11', 'Nordlicht Naturkosmetik Hamburg', 149, 98, 51, 124, 25, 10, 1, 5, null, 1, 17],
      ['2026-11', 'Nordlicht Naturkosmetik Lübeck', 52, 34, 18, 44, 8, 5, 3, 1, 1, 0, 10],
    ]);
  });

  it('youtube_channel_monthly: the videos of October; in November the days count and the videos do not', async () => {
    const got = await rows(`select month, channel, basis, videos, views, watch_hours::double as watch_hours, subscribers_gained, impressions, youtube_ctr::double as youtube_ctr
      from youtube_channel_monthly order by month`);
    expect(got.map((r) => Object.values(r).map((v) => (typeof v === 'bigint' ? Number(v) : v)))).toEqual([
      ['2026-10', 'Nordlicht Naturkosmetik', 'videos', 3, 4210, 301.7, 37, 61250, 0.05193],
      ['2026-11', 'Nordlicht Naturkosmetik', 'days', 0, 330, 21.5, 4, 5200, 0.047538],
    ]);
  });
});
