// The whole pipeline on a tiny hand-made data folder (test/fixtures/tiny),
// whose every expected figure is worked out by hand below.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset, type Row } from './helpers/arrow.ts';
import { projectRoot, runCli, tempDir, type CliResult } from './helpers/cli.ts';

const fixture = join(projectRoot, 'test/fixtures/tiny');
let out: string;
let run: CliResult;

beforeAll(async () => {
  const dir = await tempDir('e2e');
  out = join(dir, 'report');
  run = await runCli(['--data', fixture, '--out', out, '--warehouse', join(dir, 'warehouse.duckdb')]);
});

const pick = (rows: Row[], where: Row) => rows.filter((r) => Object.entries(where).every(([k, v]) => r[k] === v));
const one = (rows: Row[], where: Row) => {
  const found = pick(rows, where);
  expect(found, JSON.stringify(where)).toHaveLength(1);
  return found[0]!;
};

describe('npm run report on the tiny data folder', () => {
  it('runs every step and says what each did', () => {
    expect(run.code, run.stderr).toBe(0);
    const steps = run.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0]);
    expect(steps).toEqual(['ingest', 'transform', 'check', 'export', 'build', 'report']);
    expect(run.stdout).toMatch(/^ingest +9 files \(3 platform exports\), 47 rows loaded, 0 rejected, 2 totals rows skipped in \d+\.\d s$/m);
    expect(run.stdout).toMatch(/^report +2026-10 ready: .*index\.html/m);
  });

  it('credits revenue by last touch, with coupons first, to the cent (October)', () => {
    const { rows } = readDataset(out, 'attribution');
    const october = Object.fromEntries(pick(rows, { month: '2026-10', model: 'last_touch' }).map((r) => [r.campaign, [r.conversions, r.revenue, r.gross_profit]]));
    expect(october).toEqual({
      yt_brand: [1, 3000, 1500], // O1: last click YouTube (the later Instagram view does not count)
      li_b2b: [1, 600, 300], // O2: 650 less a 50 refund; the Meta click 39 days before is outside the lookback
      meta_sale: [1, 115.79, 57.9], // O5: 110 CHF / 0.95 = 115.789… → 115.79; gross profit 57.895 → 57.90
      infl_anna: [1, 120, 60], // O6: the coupon code beats the Meta retargeting click
      unmapped: [1, 45, 22.5], // O8: the order's own utm_campaign matches no campaign
      unattributed: [1, 70, 35], // O9: no touch at all
    });
  });

  it('puts an order on its day in the report time zone, and refunds and cancellations nowhere', () => {
    const { rows } = readDataset(out, 'attribution');
    // O7 at 2026-10-31 23:30 UTC is 1 November in Berlin; its own utm names meta_sale.
    expect(pick(rows, { month: '2026-11', model: 'last_touch' }).map((r) => [r.campaign, r.revenue])).toEqual([['meta_sale', 60]]);
    const revenueByMonth = (month: string) => pick(rows, { month, model: 'last_touch' }).reduce((sum, r) => sum + Math.round((r.revenue as number) * 100), 0);
    expect(revenueByMonth('2026-09')).toBe(20_000);
    expect(revenueByMonth('2026-10')).toBe(395_079); // 3000 + 600 + 115.79 + 120 + 45 + 70; O3 refunded, O4 cancelled
  });

  it('computes costs, ROI and ROAS per campaign (October)', () => {
    const { rows } = readDataset(out, 'campaign_roi');
    const oct = (campaign: string) => one(rows, { month: '2026-10', campaign, model: 'last_touch' });
    // Meta: 250.50 + 149.50 spend; agency 100.01 spread 400:100 by largest remainder → 80.01 and 20.00.
    expect(oct('meta_sale')).toMatchObject({ media_spend: 400, other_cost: 80.01, total_cost: 480.01, revenue: 115.79, gross_profit: 57.9, cpa: 480.01 });
    expect(oct('meta_sale').roi).toBeCloseTo((57.9 - 480.01) / 480.01, 12);
    expect(oct('meta_sale').roas).toBeCloseTo(115.79 / 400, 12);
    expect(oct('meta_retarget')).toMatchObject({ media_spend: 100, other_cost: 20, total_cost: 120, revenue: 0, roi: -1, roas: 0, cpa: null });
    // LinkedIn bills in USD: 220.00 on Saturday 3 Oct at Friday's fixing 1.1000 → 200.00.
    expect(oct('li_b2b')).toMatchObject({ media_spend: 200, total_cost: 200, revenue: 600, gross_profit: 300, roi: 0.5, roas: 3, platform: 'linkedin' });
    // YouTube: "1,500.00" from the Google Ads report plus a dated production cost of 500.00.
    expect(oct('yt_brand')).toMatchObject({ media_spend: 1500, other_cost: 500, total_cost: 2000, revenue: 3000, roi: -0.25, roas: 2, platform: 'google_ads' });
    expect(oct('infl_anna')).toMatchObject({ media_spend: 0, other_cost: 300, total_cost: 300, revenue: 120, roi: -0.8, roas: null });
    expect(oct('unmapped')).toMatchObject({ media_spend: 20, revenue: 45, channel: 'unmapped', name: null });
    expect(oct('unattributed')).toMatchObject({ total_cost: 0, revenue: 70, roi: null, channel: 'unattributed' });
  });

  it('sums the month for the headline, with the change against the previous month', () => {
    const { rows } = readDataset(out, 'monthly_trend');
    const oct = one(rows, { month: '2026-10', model: 'last_touch' });
    // Costs: media 400 + 100 + 200 + 1500 + 20 (unmapped spend is real money); other 80.01 + 20 + 500 + 300.
    // Revenue: campaigns of campaigns.csv only; the 45 unmapped and 70 unattributed are shown apart.
    expect(oct).toMatchObject({
      media_spend: 2220, other_cost: 900.01, total_cost: 3120.01, revenue: 3835.79, gross_profit: 1917.9,
      paid_media_revenue: 3715.79, net_revenue: 3950.79, unattributed_revenue: 70, unmapped_revenue: 45, unmapped_spend: 20,
      media_spend_prev: 1200, total_cost_prev: 1500, revenue_prev: 200, gross_profit_prev: 100,
      media_spend_prev_year: null, revenue_change_year: null,
    });
    expect(oct.roi).toBeCloseTo((1917.9 - 3120.01) / 3120.01, 12);
    // ROAS leaves out the influencer's coupon revenue: it was bought with a fee, not media.
    expect(oct.roas).toBeCloseTo(3715.79 / 2220, 12);
    expect(oct.media_spend_change).toBeCloseTo((2220 - 1200) / 1200, 12);
    expect(oct.revenue_change).toBeCloseTo((3835.79 - 200) / 200, 12);
    expect(oct.roi_change).toBeCloseTo((1917.9 - 3120.01) / 3120.01 - (100 - 1500) / 1500, 12);
  });

  it('keeps platform numbers per campaign and month, deduplicated and converted', () => {
    const { rows } = readDataset(out, 'campaign_performance');
    expect(one(rows, { month: '2026-10', campaign: 'meta_sale' })).toMatchObject({
      platform: 'meta', channel: 'Meta', funnel_stage: 'conversion', impressions: 30000, clicks: 600, engagements: 750,
      spend: 400, other_cost: 80.01, total_cost: 480.01, platform_conversions: 8, platform_conversion_value: 650,
      // The monthly export's reach for October (daily reach does not add up); the daily rows give the rest.
      reach: 20000, engagement_rate_basis: 'reach', engagement_rate: 750 / 20000,
    });
    expect(one(rows, { month: '2026-10', campaign: 'li_b2b' })).toMatchObject({ spend: 200, platform_conversions: 2, platform_conversion_value: 163.64 });
  });

  it('writes a manifest with the month, the inputs and their hashes, and the warnings', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'data', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ month: '2026-10', months: ['2026-09', '2026-10', '2026-11'], complete_months: ['2026-09', '2026-10'], data_as_of: '2026-10-31', title: 'Tiny Test Shop' });
    expect(manifest.settings).toMatchObject({ currency: 'EUR', locale: 'en', gross_margin: 0.5, attribution_model: 'last_touch' });
    const meta = manifest.inputs.find((i: { path: string }) => i.path.startsWith('exports/meta/'));
    const bytes = readFileSync(join(fixture, meta.path));
    expect(meta).toMatchObject({ format: 'meta_ads', platform: 'meta', rows: 6, rejected: 0, skipped: 0, period_rows: 1, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(manifest.inputs.find((i: { path: string }) => i.path === 'orders.csv')).toMatchObject({ rows: 10, rejected: 0 });
    // 12 campaign months under each of the six models.
    expect(manifest.datasets.campaign_roi).toMatchObject({ file: 'campaign_roi.arrow', rows: 72 });
    expect(manifest.warnings.some((w: string) => w.includes('queries/tests/platform_campaigns_mapped.sql: 1 row'))).toBe(true);
  });

  it('exports numbers as Float64 and months as text', () => {
    const { types } = readDataset(out, 'campaign_roi');
    expect(types).toMatchObject({ month: 'Utf8', campaign: 'Utf8', total_cost: 'Float64', roi: 'Float64' });
  });

  it('shows the same figures on the overview page, in English as report.json asks', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const text = html.replace(/<style[\s\S]*?<\/style>|<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;|\u00a0/g, ' ').replace(/\s+/g, ' ');
    const tile = (metric: string) => {
      const match = new RegExp(`<article class="tile" data-metric="${metric}">([\\s\\S]*?)</article>`).exec(html);
      return (match?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    };
    expect(html).toMatch(/<html lang="en"/);
    expect(text).toContain('Tiny Test Shop');
    expect(text).toContain('October 2026');
    // Whole currency units on the page; the cents stay in the Arrow files.
    expect(tile('media_spend')).toContain('€2,220');
    expect(tile('media_spend')).toContain('+85.0%'); // (2220 - 1200) / 1200
    expect(tile('total_cost')).toContain('€3,120');
    expect(tile('revenue')).toContain('€3,836'); // 3835.79
    expect(tile('revenue')).toContain('+1,817.9%'); // (3835.79 - 200) / 200
    expect(tile('gross_profit')).toContain('€1,918'); // 1917.90
    expect(tile('roi')).toContain('-38.5%'); // (1917.90 - 3120.01) / 3120.01
    expect(tile('roi')).toContain('+54.8 pp'); // -38.53 % against -93.33 % in September
    expect(tile('roas')).toContain('1.67'); // 3715.79 / 2220
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html).not.toContain('<script');
  });

  it('lists every campaign of the month on the campaigns page', () => {
    const html = readFileSync(join(out, '2026-10', 'campaigns', 'index.html'), 'utf8');
    const text = html.replace(/<style[\s\S]*?<\/style>|<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;|\u00a0/g, ' ').replace(/\s+/g, ' ');
    // ROI against September, ROAS, platform-reported ROAS (163.64 / 200), CPA; under
    // conversions, revenue, ROI, ROAS and CPA their 90 % interval (one order each: the
    // customer's Poisson weight ranges 0 .. 3 over the 200 replicates), and the mark of too few conversions.
    expect(text).toMatch(/LinkedIn B2B too few conversions to judge LinkedIn Consideration €200 €200 1 0 – 3 €600 €0 – €1,800 50\.0% -100% – 350% \+150\.0 pp 3\.00 0\.00 – 9\.00 0\.82 €200\.00 €66\.67 or more/);
    expect(text).toMatch(/YouTube Brand too few conversions to judge YouTube Awareness €1,500 €2,000 1 0 – 3 €3,000 €0 – €9,000 -25\.0% -100% – 125% \+75\.0 pp 2\.00 0\.00 – 6\.00 0\.05 €2,000\.00 €666\.67 or more/);
    expect(text).toMatch(/Meta Autumn Sale too few conversions to judge Meta Conversion €400 €480 1 0 – 3 €116 €0 – €347 -87\.9% -100% – -64% -87\.9 pp 0\.29 0\.00 – 0\.87 1\.63 €480\.01 €160\.00 or more/);
    expect(text).toMatch(/Unattributed – – €0 €0 1 0 – 3 €70 €0 – €210 – – – – €0\.00 Download/);
  });

  const contract = join(projectRoot, '../shared/tools/check-contract.mjs');
  it.runIf(existsSync(contract))('holds the output contract of DESIGN.md', () => {
    const said = execFileSync(process.execPath, [contract, out], { cwd: projectRoot, encoding: 'utf8' });
    expect(said.trim()).toBe(`output contract holds in ${out}`);
  });

  it("measures all platforms' over-claim as each platform's: claims against what the model credits, every figure of a row agreeing", () => {
    const { rows } = readDataset(out, 'over_attribution');
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    let checked = 0;
    for (const row of rows.filter((r) => r.over_attribution_factor !== null)) {
      expect(close(row.over_attribution_factor as number, (row.platform_conversion_value as number) / (row.attributed_revenue as number)), JSON.stringify(row)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    for (const all of rows.filter((r) => r.platform === 'all' && r.over_attribution_factor !== null)) {
      const reporting = rows.filter((r) => r.month === all.month && r.model === all.model && r.platform !== 'all' && r.platform_conversion_value !== null);
      const sum = (key: string) => reporting.reduce((total, r) => total + (r[key] as number), 0);
      // the platforms that report a value, and only they, in every column
      expect(close(all.platform_conversion_value as number, sum('platform_conversion_value'))).toBe(true);
      expect(close(all.media_spend as number, sum('media_spend'))).toBe(true);
      // each campaign once: at most the platforms' attributed revenue added up
      expect((all.attributed_revenue as number) <= sum('attributed_revenue') + 1e-9).toBe(true);
      if (all.attributed_roas !== null) expect(close(all.attributed_roas as number, (all.attributed_revenue as number) / (all.media_spend as number))).toBe(true);
    }
  });

  it('lets no personal data from the orders reach any output file', () => {
    const orders = readFileSync(join(fixture, 'orders.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const personal = orders.flatMap((cells) => [cells[2], cells[3], cells[4]]).filter((v): v is string => !!v);
    expect(personal.length).toBe(30);
    const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name)).toString('latin1');
      for (const value of personal) expect(text.includes(value), `${value} in ${file.name}`).toBe(false);
    }
  });
});
