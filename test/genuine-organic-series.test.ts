// Business Suite daily series know their platform. Facebook's and Instagram's
// series share one layout and, for some metrics, one title, so the platform
// comes from the title where it names one, else a `# platform:` line, else a
// facebook/instagram folder; a series none of these places is rejected with
// the way to place it, never filed under a guessed platform. The genuine
// downloads are read from ../shared (test/helpers/genuine.ts); the SQL part
// runs on made-up series in the same layout, so it runs without ../shared.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';
import { ingest } from '../pipeline/ingest/index.ts';
import { openWarehouse, type Warehouse } from '../pipeline/warehouse.ts';
import { copyFixture, projectRoot, tempDir } from './helpers/cli.ts';
import { describeGenuine, genuine } from './helpers/genuine.ts';
import { runQueriesFor } from './helpers/warehouse.ts';

const FOLDER = 'facebook_instagram_daily';
const FILES = ['Follows.csv', 'Interactions.csv', 'Interactions (1).csv', 'Visits (1).csv'];

const utf16 = (text: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
const fromUtf16 = (bytes: Uint8Array) => Buffer.from(bytes.subarray(2)).toString('utf16le');

async function read(display: string, bytes: Uint8Array) {
  const file = await recogniseFile(display, bytes);
  expect(file.unknown, display).toBeUndefined();
  const extracted = extractFile(file, { currency: 'EUR' });
  const daily = extracted.rows.raw_organic_daily;
  return {
    format: extracted.formats.join('+'),
    platforms: extracted.platforms,
    loaded: extracted.loaded,
    rejected: extracted.rejected,
    days: new Set(daily.map((r) => r[5])).size,
    metrics: [...new Set(daily.map((r) => r[6]))],
    rowPlatforms: [...new Set(daily.map((r) => r[3]))],
    total: daily.reduce((sum, r) => sum + Number(r[7]), 0),
    reasons: [...new Set(extracted.rows.raw_rejected_rows.map((r) => r[3]))],
    notes: extracted.notes.map((n) => n.message),
  };
}

const genuineBytes = async (name: string) => new Uint8Array(await readFile(genuine(`${FOLDER}/${name}`)));

describeGenuine('Business Suite daily series (genuine downloads)', FILES.map((f) => `${FOLDER}/${f}`), () => {
  // totals added up from each file with a plain CSV reader: 105 days, 1 January to 15 April 2025
  it('reads the Facebook page\'s "Follows" in organic/facebook/ as Facebook follows: 105 days, 66 follows', async () => {
    expect(await read('organic/facebook/Follows.csv', await genuineBytes('Follows.csv'))).toMatchObject({
      format: 'facebook_page_daily', platforms: ['facebook'], rowPlatforms: ['facebook'], loaded: 105, rejected: 0, days: 105,
      metrics: ['followers_gained'], total: 66, notes: [],
    });
  });

  it('reads the Facebook page\'s "Content interactions" in organic/facebook/: 105 days, 208 interactions', async () => {
    expect(await read('organic/facebook/Interactions.csv', await genuineBytes('Interactions.csv'))).toMatchObject({
      format: 'facebook_page_daily', platforms: ['facebook'], loaded: 105, rejected: 0, days: 105, metrics: ['content_interactions'], total: 208,
    });
  });

  it('reads the Instagram account\'s "Content interactions" as Instagram\'s under an instagram folder: 105 days, 749', async () => {
    expect(await read('organic/instagram/Interactions (1).csv', await genuineBytes('Interactions (1).csv'))).toMatchObject({
      format: 'instagram_daily', platforms: ['instagram'], rowPlatforms: ['instagram'], loaded: 105, rejected: 0, days: 105,
      metrics: ['content_interactions'], total: 749, notes: [],
    });
  });

  it('reads it as Instagram\'s with a platform line above the title, wherever the file is', async () => {
    const text = fromUtf16(await genuineBytes('Interactions (1).csv'));
    for (const edited of [`# platform: instagram\n${text}`, text.replace('sep=,\n', 'sep=,\n# platform: Instagram\n')]) {
      expect(edited).toContain('platform');
      expect(await read('Interactions (1).csv', utf16(edited))).toMatchObject({
        format: 'instagram_daily', platforms: ['instagram'], loaded: 105, rejected: 0, days: 105, total: 749,
      });
    }
  });

  it('does not load a "Content interactions" or "Follows" series that nothing places, and says how to place it', async () => {
    for (const name of ['Interactions (1).csv', 'Interactions.csv', 'Follows.csv']) {
      const result = await read(`organic/${name}`, await genuineBytes(name));
      expect(result).toMatchObject({ format: 'business_suite_daily', platforms: [], loaded: 0, rejected: 105, days: 0 });
      expect(result.reasons).toHaveLength(1);
      expect(result.reasons[0]).toContain('put the file in organic/instagram/ or organic/facebook/, or add a line "# platform: instagram"');
    }
  });

  it('reads "Instagram profile visits" as Instagram\'s from its title alone: 105 days, 449 visits', async () => {
    expect(await read('Visits (1).csv', await genuineBytes('Visits (1).csv'))).toMatchObject({
      format: 'instagram_daily', platforms: ['instagram'], loaded: 105, rejected: 0, days: 105, metrics: ['profile_visits'], total: 449, notes: [],
    });
  });

  it('lets the title win over a folder that says otherwise, with a warning', async () => {
    const result = await read('organic/facebook/Visits (1).csv', await genuineBytes('Visits (1).csv'));
    expect(result).toMatchObject({ platforms: ['instagram'], loaded: 105 });
    expect(result.notes).toEqual([
      'organic/facebook/Visits (1).csv: the daily series "Instagram profile visits": its title says instagram, its folder says facebook; loaded as instagram (the title, then the platform line, then the folder decides)',
    ]);
  });
});

describe('a platform line that names neither platform', () => {
  it('rejects the series and says which names it takes', async () => {
    const bytes = utf16('# platform: Threads\nsep=,\n"Content interactions"\n"Date","Primary"\n"2026-10-01T00:00:00","4"\n');
    const result = await read('organic/instagram/Interactions.csv', bytes);
    expect(result).toMatchObject({ format: 'business_suite_daily', loaded: 0, rejected: 1 });
    expect(result.reasons).toEqual([
      'the platform line names "threads", but a Business Suite daily series is facebook or instagram; write "# platform: facebook" or "# platform: instagram" above the title',
    ]);
  });
});

// Made-up series in the Business Suite layout, through ingest and the SQL.
const series = (title: string, days: [string, number][], preface = '') =>
  utf16(`${preface}sep=,\n"${title}"\n"Date","Primary"\n${days.map(([d, v]) => `"${d}T00:00:00","${v}"`).join('\n')}\n`);

describe('organic series in the warehouse', () => {
  let wh: Warehouse;
  let warnings: string[];
  const rows = <T = Record<string, unknown>>(sql: string) => wh.rows<T>(sql);

  beforeAll(async () => {
    const data = await copyFixture('tiny');
    for (const folder of ['organic/facebook', 'organic/instagram']) await mkdir(join(data, folder), { recursive: true });
    const files: Record<string, Uint8Array> = {
      // the same title on both platforms, the same days, other numbers: two series
      'organic/facebook/Interactions.csv': series('Content interactions', [['2026-10-01', 5], ['2026-10-02', 6], ['2026-10-03', 7]]),
      'organic/instagram/Interactions.csv': series('Content interactions', [['2026-10-01', 50], ['2026-10-02', 60], ['2026-10-03', 70]]),
      // a later Instagram download overlapping two days: 2 October restated (61), 3 October identical, 4 October new
      'organic/instagram/Interactions (1).csv': series('Content interactions', [['2026-10-02', 61], ['2026-10-03', 70], ['2026-10-04', 80]]),
      // follows of both platforms, one placed by its title, one by a platform line
      'organic/Follows.csv': series('Facebook follows', [['2026-10-01', 3], ['2026-10-02', 4]]),
      'organic/Follows (1).csv': series('Follows', [['2026-10-01', 30], ['2026-10-02', 40]], '# platform: instagram\n'),
      // nothing places this one
      'organic/Views.csv': series('Views', [['2026-10-01', 900]]),
    };
    for (const [path, bytes] of Object.entries(files)) await writeFile(join(data, path), bytes);

    wh = await openWarehouse(join(await tempDir('organic-series'), 'wh.duckdb'));
    warnings = (await ingest(wh, data)).warnings;
    await runQueriesFor(wh, ['int_organic_daily_deduplicated', 'int_organic_daily_conflicts', 'int_organic_followers_daily']);
  });
  afterAll(() => wh?.close());

  it('keeps Facebook\'s and Instagram\'s series of one title apart, and counts an overlapping day once with the later file\'s value', async () => {
    const series = await rows<{ platform: string; day: string; value: number; source_file: string }>(
      "select platform, strftime(metric_date, '%Y-%m-%d') as day, cast(value as integer) as value, source_file from int_organic_daily_deduplicated where metric = 'content_interactions' order by platform, day",
    );
    expect(series).toEqual([
      { platform: 'facebook', day: '2026-10-01', value: 5, source_file: 'organic/facebook/Interactions.csv' },
      { platform: 'facebook', day: '2026-10-02', value: 6, source_file: 'organic/facebook/Interactions.csv' },
      { platform: 'facebook', day: '2026-10-03', value: 7, source_file: 'organic/facebook/Interactions.csv' },
      { platform: 'instagram', day: '2026-10-01', value: 50, source_file: 'organic/instagram/Interactions.csv' },
      { platform: 'instagram', day: '2026-10-02', value: 61, source_file: 'organic/instagram/Interactions (1).csv' },
      { platform: 'instagram', day: '2026-10-03', value: 70, source_file: 'organic/instagram/Interactions (1).csv' },
      { platform: 'instagram', day: '2026-10-04', value: 80, source_file: 'organic/instagram/Interactions (1).csv' },
    ]);
  });

  it('lists the one day the two Instagram downloads disagree on, not the day they agree on', async () => {
    expect(await rows(
      "select platform, metric, strftime(metric_date, '%Y-%m-%d') as day, files, winning_file, list_transform(value_per_copy, v -> cast(v as integer)) as values, copies from int_organic_daily_conflicts",
    )).toEqual([{
      platform: 'instagram', metric: 'content_interactions', day: '2026-10-02',
      files: ['organic/instagram/Interactions (1).csv', 'organic/instagram/Interactions.csv'],
      winning_file: 'organic/instagram/Interactions (1).csv', values: [61, 60], copies: 2n,
    }]);
  });

  it('gives each platform its own follows', async () => {
    expect(await rows("select platform, strftime(date, '%Y-%m-%d') as day, followers_gained from int_organic_followers_daily where platform in ('facebook', 'instagram') order by platform, day")).toEqual([
      { platform: 'facebook', day: '2026-10-01', followers_gained: 3n },
      { platform: 'facebook', day: '2026-10-02', followers_gained: 4n },
      { platform: 'instagram', day: '2026-10-01', followers_gained: 30n },
      { platform: 'instagram', day: '2026-10-02', followers_gained: 40n },
    ]);
  });

  it('loads nothing of the series nothing places, and warns how to place it', async () => {
    expect(await rows("select count(*) as n from raw_organic_daily where source_file = 'organic/Views.csv'")).toEqual([{ n: 0n }]);
    expect(await rows("select format, platform, rows_loaded, rows_rejected from raw_input_files where path = 'organic/Views.csv'")).toEqual([
      { format: 'business_suite_daily', platform: null, rows_loaded: 0, rows_rejected: 1 },
    ]);
    expect(warnings.filter((w) => w.startsWith('organic/Views.csv'))).toEqual([
      'organic/Views.csv: 1 row rejected (first: line 4: the daily series "Views" does not say whether it is the Facebook page\'s or the Instagram account\'s (Business Suite gives both the same title), so it is not loaded; put the file in organic/instagram/ or organic/facebook/, or add a line "# platform: instagram" (or facebook) above the title)',
    ]);
  });
});
