// site/lib/data/ (load.ts and what it reads with): a good data folder loads into typed rows; a folder that does
// not match the declared columns fails with one message naming dataset, column,
// what was expected and what was found.
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import { DatasetError } from '../site/lib/data/error.ts';
import { ChartSpecError } from '../site/lib/chart-specs.ts';
import { checkReportData, loadReportData, reportData } from '../site/lib/data/load.ts';
import type { FixtureData } from './fixtures/site/make-data.ts';
import { buildFixture, MONTHS, MODELS, RESTATEMENTS, writeFixture } from './fixtures/site/make-data.ts';

let dir: string;
let data: FixtureData;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'site-datasets-'));
  data = buildFixture();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const columns = (name: string) => {
  const set = data.datasets[name];
  if (!set) throw new Error(`fixture has no dataset ${name}`);
  return set;
};

/** The message of the error that `load` throws. */
function failure(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return (error as Error).message;
  }
  throw new Error('expected the load to fail');
}

describe('a good data folder', () => {
  it('loads the manifest and every dataset as typed rows', () => {
    writeFixture(dir, data);
    const report = loadReportData(dir);

    expect(report.dir).toBe(dir);
    expect(report.manifest.month).toBe('2026-10');
    expect(report.manifest.settings).toEqual({
      currency: 'EUR',
      timezone: 'Europe/Berlin',
      locale: 'de',
      gross_margin: 0.6,
      attribution_model: 'last_touch',
      lookback_days: 30,
      lookback_basis: 'time',
      time_decay_half_life_days: 7,
      count_views: false,
      path_transform: 'none',
      bootstrap_replicates: 200,
      interval_level: 0.9,
      min_conversions: 20,
    });
    expect(report.manifest.complete_months).toEqual(MONTHS);
    expect(report.catalog.marts.find((m) => m.name === 'campaign_roi')?.file).toBe('queries/marts/campaign_roi.sql');
    expect(report.catalog.tests.map((t) => t.severity)).toEqual(['error', 'warn']);
    expect(report.manifest.title).toBe('Nordlicht Naturkosmetik – Social-Media-ROI');
    expect(report.manifest.datasets.campaign_roi?.file).toBe('campaign_roi.arrow');

    const { monthly_trend, channel_roi, campaign_roi, platform_coverage, report_months, engagement_monthly } = report.datasets;
    // Dates arrive as YYYY-MM-DD, booleans as booleans.
    expect(platform_coverage[0]).toEqual({ platform: 'meta', account: 'Nordlicht DE', date: '2025-09-01', rows: 12, spend: 95.5, has_data: true, covered_by_period: false, is_gap: false });
    expect(report_months.at(-1)).toEqual({
      month: '2026-11', month_start: '2026-11-01', month_end: '2026-11-30', complete_through: '2026-11-14', data_through: '2026-11-15', is_complete: false,
      has_orders: true, has_paid_data: true,
    });
    expect(engagement_monthly.filter((r) => r.bought_followers_flag).map((r) => `${r.month} ${r.platform} ${r.source}`)).toEqual(['2026-10 tiktok organic']);
    expect(monthly_trend).toHaveLength(MONTHS.length * MODELS.length);
    expect(channel_roi.length).toBeGreaterThan(0);
    expect(campaign_roi.length).toBeGreaterThan(0);

    const october = monthly_trend.find((r) => r.month === '2026-10' && r.model === 'last_touch');
    expect(october?.media_spend).toBe(20370);
    expect(october?.total_cost).toBe(27520);
    expect(october?.revenue).toBe(59979.95);
    expect(october?.gross_profit).toBe(35987.97);
    // 2025-09 is the first month: nothing before it.
    const first = monthly_trend.find((r) => r.month === '2025-09' && r.model === 'last_touch');
    expect(first?.media_spend_prev).toBeNull();
    expect(first?.roi_change).toBeNull();

    const mika = campaign_roi.find((r) => r.campaign === 'inf_mika' && r.month === '2026-10' && r.model === 'last_touch');
    expect(mika?.name).toBe('Mika\'s <Hautpflege> & "Serum"');
    expect(mika?.platform).toBeNull();
    expect(mika?.roas).toBeNull();
  });

  it('allows extra columns and a missing title', () => {
    const fixture = buildFixture({ title: null });
    const set = fixture.datasets.channel_roi;
    if (!set) throw new Error('no channel_roi');
    set.note = { type: 'Utf8', values: set.month?.values.map(() => 'x') ?? [] };
    writeFixture(dir, fixture);
    const report = loadReportData(dir);
    expect(report.manifest.title).toBeNull();
    expect(report.datasets.channel_roi[0]).not.toHaveProperty('note');
  });
});

describe('a data folder that does not match', () => {
  it('names a missing column', () => {
    delete columns('monthly_trend').roi;
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset monthly_trend: column roi must be Float64, found no such column (in ${dir}/monthly_trend.arrow)`,
    );
  });

  it('names a column of the wrong type', () => {
    const set = columns('monthly_trend');
    set.roi = { type: 'Utf8', values: set.roi?.values.map((v) => (v === null ? null : String(v))) ?? [] };
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset monthly_trend: column roi must be Float64, found Utf8 (in ${dir}/monthly_trend.arrow)`,
    );
  });

  it('names a text column stored as a dictionary', () => {
    writeFixture(dir, data);
    // apache-arrow's default for strings; the pipeline must write plain Utf8.
    const table = new Table({ month: vectorFromArray(['2026-10']), model: vectorFromArray(['last_touch']) });
    writeFileSync(join(dir, 'channel_roi.arrow'), tableToIPC(table, 'file'));
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset channel_roi: column month must be Utf8, found Dictionary<Int32, Utf8> (in ${dir}/channel_roi.arrow)`,
    );
  });

  it('names a null key', () => {
    const set = columns('campaign_roi');
    const campaign = set.campaign?.values as (string | null)[];
    campaign[4] = null;
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset campaign_roi: column campaign must not be null, found null in row 5 (in ${dir}/campaign_roi.arrow)`,
    );
  });

  it('names a month that is not YYYY-MM', () => {
    const month = columns('channel_roi').month?.values as (string | null)[];
    month[0] = '10/2026';
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset channel_roi: column month must be a YYYY-MM month, found "10/2026" in row 1 (in ${dir}/channel_roi.arrow)`,
    );
  });

  it('names a number that is not finite', () => {
    const roas = columns('channel_roi').roas?.values as (number | null)[];
    roas[2] = Number.POSITIVE_INFINITY;
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset channel_roi: column roas must be a finite number, found Infinity in row 3 (in ${dir}/channel_roi.arrow)`,
    );
  });

  it('names two rows for the same key', () => {
    const set = columns('monthly_trend');
    const model = set.model?.values as (string | null)[];
    model[1] = model[0] ?? null;
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset monthly_trend: rows 1 and 2 are both for month 2025-09, model last_touch; expected one row each (in ${dir}/monthly_trend.arrow)`,
    );
  });

  it('names a missing dataset file', () => {
    writeFixture(dir, data);
    rmSync(join(dir, 'campaign_roi.arrow'));
    expect(failure(() => loadReportData(dir))).toBe(`dataset campaign_roi: file not found (in ${dir}/campaign_roi.arrow)`);
  });

  it('names a bad manifest field', () => {
    (data.manifest.settings as Record<string, unknown>).locale = 'es';
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `manifest.json: settings.locale must be "de", "en" or "fr", found "es" (in ${dir}/manifest.json)`,
    );
  });

  it('names a missing manifest', () => {
    expect(failure(() => loadReportData(dir))).toBe(`manifest.json: file not found (in ${dir}/manifest.json)`);
  });
});

describe('column types and catalog.json', () => {
  it('names a boolean column of the wrong type', () => {
    const set = columns('report_months');
    set.is_complete = { type: 'Utf8', values: set.is_complete?.values.map((v) => String(v)) ?? [] };
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset report_months: column is_complete must be Bool, found Utf8 (in ${dir}/report_months.arrow)`,
    );
  });

  it('names a date column of the wrong type', () => {
    const set = columns('platform_coverage');
    set.date = { type: 'Utf8', values: set.date?.values ?? [] } as (typeof set)['date'] & object;
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset platform_coverage: column date must be Date32, found Utf8 (in ${dir}/platform_coverage.arrow)`,
    );
  });

  it('names a campaign_roi column the sentences need', () => {
    delete columns('campaign_roi').roi_change;
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset campaign_roi: column roi_change must be Float64, found no such column (in ${dir}/campaign_roi.arrow)`,
    );
  });

  it('names a bad catalog entry', () => {
    (data.catalog.metrics as Record<string, unknown>[])[1] = { name: 'ROI', definition: 42, file: 'x.sql' };
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(`catalog.json: metrics[1].definition must be a string or a text per locale, found 42 (in ${dir}/catalog.json)`);
  });

  it('names a missing catalog', () => {
    writeFixture(dir, data);
    rmSync(join(dir, 'catalog.json'));
    expect(failure(() => loadReportData(dir))).toBe(`catalog.json: file not found (in ${dir}/catalog.json)`);
  });
});

describe('restatements, an optional dataset', () => {
  it('loads as typed rows', () => {
    writeFixture(dir, data);
    const report = loadReportData(dir);
    expect(report.absent).toEqual([]);
    expect(report.datasets.restatements).toHaveLength(RESTATEMENTS.length);
    expect(report.datasets.restatements.at(-1)).toEqual({
      month: '2026-08', campaign: 'all', name: null, metric: 'total_cost', published_at: '2026-09-01T06:00:00Z',
      published_value: 24337.6, current_value: 24217.6, change: -120, relative_change: -120 / 24337.6,
    });
  });

  it('reads as no rows when the data folder has no file for it', () => {
    writeFixture(dir, buildFixture({ restatements: false }));
    const report = loadReportData(dir);
    expect(report.datasets.restatements).toEqual([]);
    expect(report.absent).toEqual(['restatements']);
  });

  it('names a publication time that is not an ISO timestamp', () => {
    const published = columns('restatements').published_at?.values as (string | null)[];
    published[2] = '2.10.2026';
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset restatements: column published_at must be an ISO timestamp, found "2.10.2026" in row 3 (in ${dir}/restatements.arrow)`,
    );
  });

  it('has one row per month, campaign and metric', () => {
    const metric = columns('restatements').metric?.values as (string | null)[];
    metric[1] = 'revenue';
    writeFixture(dir, data);
    expect(failure(() => loadReportData(dir))).toBe(
      `dataset restatements: rows 1 and 2 are both for month 2026-09, campaign all, metric revenue; expected one row each (in ${dir}/restatements.arrow)`,
    );
  });
});

describe('the data of a running dev server', () => {
  it('is read again when the export changes: a new manifest, or the folder linked to another export', () => {
    const saved = { data: process.env.REPORT_DATA_DIR, charts: process.env.REPORT_CHARTS_DIR };
    try {
      writeFixture(join(dir, 'one'), data);
      writeFixture(join(dir, 'two'), buildFixture({ month: '2026-09' }));
      symlinkSync('one', join(dir, 'data'));
      process.env.REPORT_DATA_DIR = join(dir, 'data');
      delete process.env.REPORT_CHARTS_DIR;
      const first = reportData();
      expect(first.manifest.month).toBe('2026-10');
      expect(first.dir).toBe(join(dir, 'one'));
      // Nothing changed: the same object, read once.
      expect(reportData()).toBe(first);
      // The export is rewritten in place: a newer manifest.json.
      const later = new Date(Date.now() + 5000);
      utimesSync(join(dir, 'one', 'manifest.json'), later, later);
      const second = reportData();
      expect(second).not.toBe(first);
      // The link moves to another export in one rename.
      symlinkSync('two', join(dir, 'data.next'));
      renameSync(join(dir, 'data.next'), join(dir, 'data'));
      const third = reportData();
      expect(third.manifest.month).toBe('2026-09');
      expect(third.dir).toBe(join(dir, 'two'));
    } finally {
      if (saved.data === undefined) delete process.env.REPORT_DATA_DIR;
      else process.env.REPORT_DATA_DIR = saved.data;
      if (saved.charts !== undefined) process.env.REPORT_CHARTS_DIR = saved.charts;
    }
  });
});

describe('REPORT_DATA_DIR', () => {
  it('must be set', () => {
    const saved = process.env.REPORT_DATA_DIR;
    delete process.env.REPORT_DATA_DIR;
    try {
      expect(failure(() => reportData())).toBe(
        'REPORT_DATA_DIR is not set: set it to the folder with manifest.json and the <dataset>.arrow files ' +
          '(the pipeline sets it when it builds the site)',
      );
    } finally {
      if (saved !== undefined) process.env.REPORT_DATA_DIR = saved;
    }
  });
});

describe('checkReportData, which npm run dev runs on each new export', () => {
  it('says whether the export builds, and returns the problem that would stop the build, typed', () => {
    writeFixture(dir, data);
    expect(checkReportData(dir, null)).toEqual({ ok: true });

    const charts = join(dir, 'charts');
    mkdirSync(charts);
    writeFileSync(join(charts, 'broken.vl.json'), '{');
    const chart = checkReportData(dir, charts);
    expect(chart.ok).toBe(false);
    if (!chart.ok) {
      expect(chart.problem).toBeInstanceOf(ChartSpecError);
      expect(chart.problem.message).toMatch(/^chart spec \S*broken\.vl\.json: not valid JSON/);
    }

    rmSync(join(dir, 'manifest.json'));
    const missing = checkReportData(dir, null);
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.problem).toBeInstanceOf(DatasetError);
      expect(missing.problem.message).toMatch(/^manifest\.json: file not found/);
    }
  });
});
