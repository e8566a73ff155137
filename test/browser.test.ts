// The built report in a real browser (Debian's chromium through playwright-core),
// in both locales: every page type loads without console errors, every link within
// the report (pages, CSV and Arrow downloads, #fragments) resolves, the overview's
// figures equal the values in the Arrow files, and nothing needs JavaScript.
//
// Without /usr/bin/chromium these tests are skipped with a message saying how to
// enable them; with REPORT_REQUIRE_BROWSER=1 (CI) a missing browser fails them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../pipeline/build.ts';
import { writeSiteFixture } from './fixtures/site/make-data.ts';
import type { StaticServer } from './helpers/browser.ts';
import { browserAvailability, crawl, launchBrowser, serveStatic, visit } from './helpers/browser.ts';

const ROOT = resolve(import.meta.dirname, '..');
const browser = browserAvailability();

if (!browser.available && !browser.required) {
  console.warn(`browser tests skipped: ${browser.message}`);
}

describe.runIf(!browser.available && browser.required)('the browser', () => {
  it('is installed', () => {
    throw new Error(browser.message);
  });
});

const LOCALES = [
  { locale: 'de', hostile: false, words: { dataAsOf: 'Datenstand', overview: 'Überblick' } },
  { locale: 'en', hostile: true, words: { dataAsOf: 'Data as of', overview: 'Overview' } },
] as const;

type Row = Record<string, unknown>;

/** The expected text of a figure, formatted with Intl directly (not with the site's formatter). */
function expectedFormat(locale: 'de' | 'en', currency: string) {
  const tag = locale === 'de' ? 'de-DE' : 'en-GB';
  const nf = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(tag, options);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const or = (v: unknown, f: (n: number) => string) => {
    const n = num(v);
    return n === null ? '–' : f(n);
  };
  return {
    money: (v: unknown) => or(v, (n) => nf({ style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(n)),
    percent: (v: unknown) => or(v, (n) => nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)),
    /** A bootstrap interval as the tables write it under a figure: whole percent, a no-break space before the dash. */
    percentRange: (low: unknown, high: unknown) => {
      const whole = (v: unknown) => or(v, (n) => nf({ style: 'percent', maximumFractionDigits: 0 }).format(n));
      return `${whole(low)}\u00a0– ${whole(high)}`;
    },
    moneyRange: (low: unknown, high: unknown) => {
      const money = (v: unknown) => or(v, (n) => nf({ style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(n));
      return `${money(low)}\u00a0– ${money(high)}`;
    },
    percentChange: (v: unknown) => or(v, (n) => nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(n)),
    points: (v: unknown) =>
      or(v, (n) => `${nf({ minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(n * 100)}\u00a0${locale === 'de' ? 'Pp.' : 'pp'}`),
    ratio: (v: unknown) => or(v, (n) => nf({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)),
    ratioChange: (v: unknown) => or(v, (n) => nf({ minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(n)),
  };
}

function readArrow(dir: string, name: string): Row[] {
  return tableFromIPC(readFileSync(join(dir, `${name}.arrow`)))
    .toArray()
    .map((r) => r.toJSON() as Row);
}

describe.runIf(browser.available)('the report in Chromium', () => {
  let work: string;
  let chromium: Browser;
  const sites = new Map<string, { server: StaticServer; data: string; context: BrowserContext }>();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'site-browser-'));
    // Served from a sub-folder, as a report often is: every link must be relative.
    await Promise.all(
      LOCALES.map(async ({ locale, hostile }) => {
        const data = join(work, `data-${locale}`);
        writeSiteFixture(data, { locale, hostile });
        await buildSite({ projectRoot: ROOT, dataDir: data, outDir: join(work, locale, 'reports', 'october'), verbose: false });
        // The pipeline moves the data folder into the built site.
        const { cpSync } = await import('node:fs');
        cpSync(data, join(work, locale, 'reports', 'october', 'data'), { recursive: true });
      }),
    );
    chromium = await launchBrowser();
    for (const { locale } of LOCALES) {
      const server = await serveStatic(join(work, locale), '/');
      const context = await chromium.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
      sites.set(locale, { server, data: join(work, `data-${locale}`), context });
    }
  });

  afterAll(async () => {
    for (const { server, context } of sites.values()) {
      await context.close();
      await server.close();
    }
    await chromium?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const site = (locale: string) => {
    const found = sites.get(locale);
    if (!found) throw new Error(`no site for ${locale}`);
    return { ...found, base: `${found.server.url}reports/october/` };
  };

  describe.each(LOCALES)('in $locale', ({ locale, words }) => {
    it('shows every page type without console errors or failed requests', async () => {
      const { context, base } = site(locale);
      const campaignLinks = async () => {
        const { page } = await visit(context, `${base}2026-10/campaigns/`);
        const links = await page.$$eval('#table-campaigns a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
        await page.close();
        return links;
      };
      const campaigns = await campaignLinks();
      expect(campaigns.length).toBeGreaterThanOrEqual(9);
      const paths = [
        '',
        '2026-10/',
        ...['channels', 'campaigns', 'influencers', 'attribution', 'engagement', 'costs'].map((s) => `2026-10/${s}/`),
        '2025-09/',
        '2026-11/',
        '2026-11/attribution/',
        'data-quality/',
        'methodology/',
      ].map((p) => `${base}${p}`);
      for (const url of [...paths, ...campaigns]) {
        const { page, status, problems } = await visit(context, url);
        expect(status, url).toBe(200);
        expect(problems.errors, url).toEqual([]);
        expect(await page.getAttribute('html', 'lang'), url).toBe(locale);
        expect(await page.locator('h1').count(), url).toBe(1);
        expect(await page.locator('.report-meta').innerText(), url).toContain(words.dataAsOf);
        expect(await page.locator('nav.site-nav a').count(), url).toBe(9);
        await page.close();
      }
    });

    it('has no broken link within the report, downloads included', async () => {
      const { context, base } = site(locale);
      const result = await crawl(context, base, base);
      expect(result.broken).toEqual([]);
      expect(result.errors).toEqual([]);
      // 15 months x 7 pages, the landing page, data quality, methodology, the campaigns.
      expect(result.pages.length).toBeGreaterThanOrEqual(15 * 7 + 3 + 9);
      expect(result.files.filter((f) => f.endsWith('.csv')).length).toBeGreaterThan(300);
      expect(result.files.some((f) => f.endsWith('/data/campaign_roi.arrow'))).toBe(true);
      expect(result.files.some((f) => f.endsWith('/data/manifest.json'))).toBe(true);
    });

    it("shows the overview's figures as the Arrow data has them", async () => {
      const { context, base, data } = site(locale);
      const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8')) as {
        month: string;
        settings: { currency: string; attribution_model: string };
      };
      const { month, settings } = manifest;
      const model = settings.attribution_model;
      const f = expectedFormat(locale, settings.currency);
      const trend = readArrow(data, 'monthly_trend').find((r) => r.month === month && r.model === model);
      if (!trend) throw new Error('no trend row');

      const { page } = await visit(context, base);
      const tile = async (metric: string) => ({
        value: (await page.locator(`[data-metric="${metric}"] .tile-value`).innerText()).trim(),
        month: (await page.locator(`[data-metric="${metric}"] .tile-change:not(.tile-change-year) .change-value`).innerText()).trim(),
        year: (await page.locator(`[data-metric="${metric}"] .tile-change-year .change-value`).innerText()).trim(),
      });
      for (const metric of ['media_spend', 'total_cost', 'revenue', 'gross_profit']) {
        expect(await tile(metric), metric).toEqual({
          value: f.money(trend[metric]),
          month: f.percentChange(trend[`${metric}_change`]),
          year: f.percentChange(trend[`${metric}_change_year`]),
        });
      }
      expect(await tile('roi')).toEqual({ value: f.percent(trend.roi), month: f.points(trend.roi_change), year: f.points(trend.roi_change_year) });
      expect(await tile('roas')).toEqual({ value: f.ratio(trend.roas), month: f.ratioChange(trend.roas_change), year: f.ratioChange(trend.roas_change_year) });

      // ROI by channel: one bar label per channel with a ROI, unmapped and unattributed left out.
      const channels = readArrow(data, 'channel_roi').filter(
        (r) => r.month === month && r.model === model && r.roi !== null && r.channel !== 'unmapped' && r.channel !== 'unattributed',
      );
      const barLabels = await page.locator('#channel-roi .chart-wide svg text').allTextContents();
      for (const r of channels) {
        expect(barLabels, String(r.channel)).toContain(String(r.channel));
        expect(barLabels, String(r.channel)).toContain(f.percent(r.roi));
      }
      // each ROI with its interval under it
      const squeeze = (c: string) => c.replace(/[ \t\r\n]+/g, ' ').trim();
      const roiCells = await page.locator('#table-channel-roi tbody tr td:last-child').allTextContents();
      expect(roiCells.map(squeeze).sort()).toEqual(channels.map((r) => `${f.percent(r.roi)} ${f.percentRange(r.roi_low, r.roi_high)}`).sort());

      // Best and worst campaigns: their ROI and revenue with intervals as campaign_roi has them, and only
      // campaigns whose verdict (roi_verdicts) is earns, respectively loses, with enough conversions.
      const verdicts = new Map(
        readArrow(data, 'roi_verdicts')
          .filter((r) => r.month === month && r.grain === 'campaign')
          .map((r) => [String(r.key), r]),
      );
      const campaigns = new Map(
        readArrow(data, 'campaign_roi')
          .filter((r) => r.month === month && r.model === model)
          .map((r) => [String(r.campaign), r]),
      );
      for (const id of ['best-campaigns', 'worst-campaigns']) {
        const rows = page.locator(`#table-${id} tbody tr`);
        expect(await rows.count()).toBeGreaterThan(0);
        for (const row of await rows.all()) {
          const key = (await row.getAttribute('data-key')) ?? '';
          const cells = (await row.locator('td').allTextContents()).map(squeeze);
          const data = campaigns.get(key);
          expect(cells, key).toEqual([
            `${f.percent(data?.roi)} ${f.percentRange(data?.roi_low, data?.roi_high)}`,
            f.money(data?.total_cost),
            `${f.money(data?.revenue)} ${f.moneyRange(data?.revenue_low, data?.revenue_high)}`,
          ]);
          expect(verdicts.get(key)?.verdict, key).toBe(id === 'best-campaigns' ? 'earns' : 'loses');
          expect(verdicts.get(key)?.too_few_conversions, key).toBe(false);
        }
      }
      await page.close();
    });

    it('reads on a phone without sideways scrolling, and the month picker works without JavaScript', async () => {
      const { base } = site(locale);
      const phone = await chromium.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
      try {
        const { page } = await visit(phone, base);
        for (const url of [base, `${base}campaigns/meta-retargeting/`]) {
          await page.goto(url);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width, url).toBeLessThanOrEqual(390);
          // The narrow variant of each chart is the one shown.
          const shown = await page.locator('.chart-narrow svg, .chart-single svg').first().isVisible();
          expect(shown, url).toBe(true);
        }
        await page.goto(base);
        await page.locator('.month-picker summary').click();
        await page.locator('.month-picker a', { hasText: locale === 'de' ? 'September 2026' : 'September 2026' }).click();
        await page.waitForURL(/2026-09\/$/);
        expect(await page.locator('.report-month').innerText()).toBe('September 2026');
      } finally {
        await phone.close();
      }
    });

    it('prints the overview and a campaign page on A4', async () => {
      const { context, base } = site(locale);
      for (const url of [base, `${base}campaigns/meta-retargeting/`]) {
        const { page } = await visit(context, url);
        await page.emulateMedia({ media: 'print' });
        // Nothing that only works on screen is printed, and the charts are there.
        expect(await page.locator('nav.site-nav').isVisible()).toBe(false);
        expect(await page.locator('.chart-svg svg:visible').count()).toBeGreaterThan(0);
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        await page.close();
      }
    });
  });
});
