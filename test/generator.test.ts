import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../data/generator/generate.ts';
import { REPORT_SETTINGS } from '../data/generator/brand.ts';
import { LINKEDIN_HEADER } from '../data/generator/formats/linkedin.ts';
import { META_HEADER, META_MONTHLY_HEADER } from '../data/generator/formats/meta.ts';
import { FACEBOOK_POSTS_HEADER, INSTAGRAM_POSTS_HEADER } from '../data/generator/formats/organic.ts';
import { PINTEREST_HEADER } from '../data/generator/formats/pinterest.ts';
import { SNAPCHAT_HEADER } from '../data/generator/formats/snapchat.ts';
import { TIKTOK_HEADER } from '../data/generator/formats/tiktok.ts';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';


let first = '';
let second = '';

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function hashes(dir: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const file of await files(dir)) {
    result.set(file, createHash('sha256').update(await readFile(join(dir, file))).digest('hex'));
  }
  return result;
}

async function inFolder(folder: string): Promise<string[]> {
  return (await files(first)).filter((f) => f.startsWith(folder.includes('/') ? `${folder}/` : `exports/${folder}/`));
}

function rows(text: string, delimiter = ','): string[][] {
  return parse(text, { delimiter, relax_column_count: true, bom: true }) as string[][];
}

const cell = (row: readonly string[] | undefined, i: number): string => row?.[i] ?? '';
/** `"1,204.50"` (already unquoted) -> 120450 hundredths */
const hundredths = (text: string): number => Math.round(Number(text.replaceAll(',', '')) * 100);

beforeAll(async () => {
  first = await mkdtemp(join(tmpdir(), 'nordlicht-a-'));
  second = await mkdtemp(join(tmpdir(), 'nordlicht-b-'));
  await generate({ out: first, seed: 42, scale: 1 });
  await generate({ out: second, seed: 42, scale: 1 });
});

afterAll(async () => {
  for (const dir of [first, second]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sample data generator', () => {
  it('writes byte-identical files for the same seed and scale', async () => {
    const a = await hashes(first);
    const b = await hashes(second);
    // 98 files, a Business Profile download and a YouTube Studio table for each of the 14 complete months,
    // and 61 daily tables of the GA4 export (ga4/events_YYYYMMDD.json.gz)
    expect(a.size).toBe(187);
    expect([...a.keys()].filter((f) => f.startsWith('ga4/'))).toHaveLength(61);
    expect([...b.entries()]).toEqual([...a.entries()]);
  });

  it('stays within the size budget at scale 1', async () => {
    let bytes = 0;
    for (const file of await files(first)) bytes += (await readFile(join(first, file))).length;
    // 6 MiB since orders.csv is a Shopify export (a row per line item) and touchpoints are keyed
    // by e-mail address, the one customer key such an export has (4.3 MB before, 5.8 MB after)
    expect(bytes).toBeLessThan(6 * 1024 * 1024);
  });

  it('writes report.json and the campaign taxonomy', async () => {
    expect(JSON.parse(await readFile(join(first, 'report.json'), 'utf8'))).toEqual(REPORT_SETTINGS);
    const text = await readFile(join(first, 'campaigns.csv'), 'utf8');
    const table = rows(text);
    expect(table[0]).toEqual(['campaign', 'name', 'channel', 'funnel_stage', 'influencer', 'coupon_code', 'match']);
    // 13 campaigns since the click-to-WhatsApp campaign (issue 17), 12 before
    expect(table).toHaveLength(14);
    expect(text).toContain('meta_whatsapp_beratung,WhatsApp Hautberatung (Click-to-WhatsApp),Meta,consideration,,,"NL * WhatsApp*"\n');
    expect(text).toContain('meta_prospecting,Meta Prospecting – Broad,Meta,conversion,,,"NL * Prospecting*|nl_prospecting*"\n');
  });

  it('writes Meta exports as UTF-8 with BOM and CRLF, one row per campaign, ad set and day', async () => {
    const names = await inFolder('meta');
    expect(names).toHaveLength(15);
    expect(names).toContain('exports/meta/Nordlicht-DE-Kampagnen-Oct-1-2026-Oct-31-2026.csv');
    expect(names).toContain('exports/meta/Nordlicht-DE-Kampagnen-Nov-1-2026-Nov-15-2026.csv');
    for (const name of names) {
      const bytes = await readFile(join(first, name));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
      const table = rows(text);
      expect(table[0]).toEqual([...META_HEADER]);
      const keys = new Set<string>();
      for (const row of table.slice(1)) {
        expect(cell(row, 2)).toBe(cell(row, 3));
        expect(cell(row, 4)).toMatch(/^\d+\.\d{2}$/);
        keys.add(`${cell(row, 0)}|${cell(row, 1)}|${cell(row, 2)}`);
      }
      expect(keys.size).toBe(table.length - 1);
    }
    const october = await readFile(join(first, 'exports/meta/Nordlicht-DE-Kampagnen-Oct-1-2026-Oct-31-2026.csv'), 'utf8');
    expect(october).toContain('NL | Test | Neue Zielgruppe Lookalike');
    expect(october).toMatch(/NL \| Reels Awareness \| Q4,[^\r]*,reach,,\r\n/);
    // the click-to-WhatsApp campaign: one row a day from 2 March 2026 (259 days to 15 November),
    // its results started conversations, no purchases
    let whatsapp = 0;
    for (const name of names) {
      for (const row of rows(await readFile(join(first, name), 'utf8')).slice(1)) {
        if (cell(row, 0) !== 'NL | WhatsApp | Hautberatung') continue;
        whatsapp++;
        expect(cell(row, 2) >= '2026-03-02').toBe(true);
        expect([cell(row, 11), cell(row, 12), cell(row, 13)]).toEqual(['actions:onsite_conversion.messaging_conversation_started_7d', '', '']);
      }
    }
    expect(whatsapp).toBe(259);
  });

  it('writes LinkedIn exports as UTF-16LE with BOM, TAB-separated', async () => {
    const names = await inFolder('linkedin');
    expect(names).toEqual([
      'exports/linkedin/campaign_performance_report_2025Q3.csv',
      'exports/linkedin/campaign_performance_report_2025Q4.csv',
      'exports/linkedin/campaign_performance_report_2026Q1.csv',
      'exports/linkedin/campaign_performance_report_2026Q2.csv',
      'exports/linkedin/campaign_performance_report_2026Q3.csv',
      'exports/linkedin/campaign_performance_report_2026Q4.csv',
    ]);
    for (const name of names) {
      const bytes = await readFile(join(first, name));
      expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
      const lines = bytes.subarray(2).toString('utf16le').split('\n');
      expect(lines[0]?.split('\t')).toEqual([...LINKEDIN_HEADER]);
      expect(lines[1]).toMatch(/^\d{1,2}\/\d{1,2}\/20\d\d\tNordlicht Naturkosmetik GmbH\tUSD\t614000111\t/);
    }
  });

  it('writes Google Ads reports whose totals rows add up', async () => {
    const names = await inFolder('google-ads');
    expect(names).toHaveLength(15);
    for (const name of names) {
      const text = await readFile(join(first, name), 'utf8');
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      const table = rows(text);
      expect(cell(table[0], 0)).toBe('Campaign report');
      expect(cell(table[1], 0)).toMatch(/^[A-Z][a-z]+ 1, 20\d\d - [A-Z][a-z]+ \d{1,2}, 20\d\d$/);
      // the latest complete month is the UI's default download: no Day column, one row per campaign
      expect(cell(table[2], 0)).toBe(name.endsWith('2026-10.csv') ? 'Campaign status' : 'Day');
      const data = table.slice(3).filter((r) => !cell(r, 0).startsWith('Total:'));
      const totals = new Map(table.filter((r) => cell(r, 0).startsWith('Total:')).map((r) => [cell(r, 0), r]));
      const sum = (subset: string[][], col: number): number => subset.reduce((s, r) => s + hundredths(cell(r, col)), 0);
      expect(cell(totals.get('Total: Account'), 5)).toBeTruthy();
      expect(hundredths(cell(totals.get('Total: Account'), 5))).toBe(sum(data, 5));
      expect(hundredths(cell(totals.get('Total: Campaigns'), 5))).toBe(sum(data, 5));
      expect(hundredths(cell(totals.get('Total: Account'), 6))).toBe(sum(data, 6));
      for (const type of ['Video', 'Demand Gen']) {
        const ofType = data.filter((r) => cell(r, 3) === type);
        const total = totals.get(`Total: ${type}`);
        if (ofType.length === 0) expect(total).toBeUndefined();
        else expect(hundredths(cell(total, 5))).toBe(sum(ofType, 5));
      }
    }
    const october = await readFile(join(first, 'exports/google-ads/Campaign report 2026-10.csv'), 'utf8');
    expect(october.split('\r\n')[1]).toBe('"October 1, 2026 - October 31, 2026"');
    expect(october.split('\r\n')[2]).toBe('Campaign status,Campaign,Campaign ID,Campaign type,Currency code,Cost,Impr.,Interactions,Interaction rate,Avg. cost,Views,Conversions,Conv. value');
    expect(october).toMatch(/,"\d{1,3},\d{3}",/);
  });

  it('writes six paid platforms and both organic sources in their own layouts', async () => {
    const firstLine = async (name: string) => (await readFile(join(first, name), 'utf8')).replace(/^\ufeff/, '').split('\n')[0];
    const tiktok = await inFolder('tiktok');
    expect(tiktok[0]).toBe('exports/tiktok/Custom report 2026-Q1.csv');
    expect(await firstLine(tiktok[0]!)).toBe(TIKTOK_HEADER.join(','));
    const pinterest = await inFolder('pinterest');
    expect(pinterest).toHaveLength(3);
    expect(await firstLine(pinterest[0]!)).toBe(PINTEREST_HEADER.join(','));
    expect(await readFile(join(first, pinterest[0]!), 'utf8')).toMatch(/\n1[5-9]\/10\/2025,/);
    const snapchat = await inFolder('snapchat');
    expect(await firstLine(snapchat[0]!)).toBe(SNAPCHAT_HEADER.join(','));
    expect(await readFile(join(first, snapchat[0]!), 'utf8')).toMatch(/\n2026-05-04 00:00:00,2026-05-05 00:00:00,SC - Story Ads Gen Z,/);
    const monthly = await inFolder('meta-monthly');
    expect(monthly).toHaveLength(14);
    expect(await firstLine('exports/meta-monthly/Nordlicht-Monthly-Reach-Oct-2026.csv')).toBe(META_MONTHLY_HEADER.join(','));
    const facebook = await inFolder('organic/facebook');
    expect(facebook).toContain('organic/facebook/Follows.csv');
    expect(await firstLine(facebook.find((f) => f.includes('Sep-01-2026_Oct-31-2026'))!)).toBe(FACEBOOK_POSTS_HEADER.map((h) => (h.includes(',') ? `"${h}"` : h)).join(','));
    const follows = await readFile(join(first, 'organic/facebook/Follows.csv'));
    expect([...follows.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(follows.subarray(2).toString('utf16le').split('\n').slice(0, 3)).toEqual(['sep=,', '"Facebook follows"', '"Date","Primary"']);
    expect(await firstLine((await inFolder('organic/instagram'))[0]!)).toBe(INSTAGRAM_POSTS_HEADER.join(','));
    expect(await inFolder('organic/linkedin')).toEqual([
      'organic/linkedin/nordlicht-naturkosmetik_followers_1794787200000.xlsx',
      'organic/linkedin/nordlicht-naturkosmetik_updates_1794787200000.xlsx',
    ]);
  });

  it('writes exports that every reader recognises and loads without a rejected row', async () => {
    const exports = (await files(first)).filter((f) => f.startsWith('exports/') || f.startsWith('organic/'));
    const formats = new Set<string>();
    for (const name of exports) {
      const file = await recogniseFile(name, new Uint8Array(await readFile(join(first, name))));
      expect(file.unknown, name).toBeUndefined();
      const extracted = extractFile(file, { currency: 'EUR' });
      expect(extracted.rejected, name).toBe(0);
      expect(extracted.notes.filter((n) => n.severity === 'warning'), name).toEqual([]);
      extracted.formats.forEach((f) => formats.add(f));
    }
    expect([...formats].sort()).toEqual([
      'facebook_page_daily', 'facebook_posts', 'google_ads', 'google_business_profile', 'instagram_posts', 'linkedin_campaign_manager',
      'linkedin_page_followers', 'linkedin_page_posts', 'linkedin_page_updates_daily', 'meta_ads', 'pinterest_ads', 'snapchat_ads', 'tiktok_ads',
      'youtube_studio_table',
    ]);
  });

  it('writes monthly Meta exports whose numbers equal the daily rows, and whose reach is below their sum', async () => {
    const daily = rows(await readFile(join(first, 'exports/meta/Nordlicht-DE-Kampagnen-Oct-1-2026-Oct-31-2026.csv'), 'utf8')).slice(1);
    const monthly = rows(await readFile(join(first, 'exports/meta-monthly/Nordlicht-Monthly-Reach-Oct-2026.csv'), 'utf8')).slice(1);
    for (const row of monthly) {
      const ofCampaign = daily.filter((d) => cell(d, 0) === cell(row, 2));
      expect(cell(row, 0)).toBe('2026-10-01');
      expect(cell(row, 1)).toBe('2026-10-31');
      expect(hundredths(cell(row, 6))).toBe(ofCampaign.reduce((s, d) => s + hundredths(cell(d, 4)), 0));
      expect(Number(cell(row, 4))).toBe(ofCampaign.reduce((s, d) => s + Number(cell(d, 5)), 0));
      expect(Number(cell(row, 3))).toBeLessThan(ofCampaign.reduce((s, d) => s + Number(cell(d, 6)), 0));
    }
  });

  it('writes fx.csv in the ECB layout: TARGET days only, newest first, trailing commas', async () => {
    const lines = (await readFile(join(first, 'fx.csv'), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toMatch(/^Date,USD,JPY,BGN,CYP,.*,THB,ZAR,$/);
    const dates = lines.slice(1).map((l) => l.slice(0, 10));
    expect(dates[0]).toBe('2026-11-13');
    expect(dates.at(-1)).toBe('2025-08-01');
    for (const line of lines) expect(line.endsWith(',')).toBe(true);
    for (let i = 1; i < dates.length; i++) expect((dates[i] ?? '') < (dates[i - 1] ?? '')).toBe(true);
    for (const date of dates) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      expect(weekday === 0 || weekday === 6).toBe(false);
    }
    for (const holiday of ['2025-12-25', '2025-12-26', '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01']) {
      expect(dates).not.toContain(holiday);
    }
  });

  it('writes orders as a Shopify export: line items, VAT-inclusive totals, refunds with tax', async () => {
    const table = rows(await readFile(join(first, 'orders.csv'), 'utf8'));
    const header = table[0] ?? [];
    const col = (name: string): number => header.indexOf(name);
    const firsts = table.slice(1).filter((row) => cell(row, col('Financial Status')) !== '');
    expect(firsts.length).toBeGreaterThan(7000);
    expect(firsts.length).toBeLessThan(9000);
    // more rows than orders: further line items repeat Name, Email and Created at
    expect(table.length - 1).toBeGreaterThan(firsts.length * 1.3);
    const seen = new Map<string, readonly string[]>();
    for (const row of table.slice(1)) {
      const order = seen.get(cell(row, col('Name')));
      if (!order) {
        seen.set(cell(row, col('Name')), row);
        continue;
      }
      for (const name of ['Email', 'Created at']) expect(cell(row, col(name))).toBe(cell(order, col(name)));
      for (const name of ['Financial Status', 'Subtotal', 'Total']) expect(cell(row, col(name))).toBe('');
    }
    for (const row of firsts) {
      const status = cell(row, col('Financial Status'));
      expect(['paid', 'partially_refunded', 'refunded', 'voided']).toContain(status);
      const [subtotal, shipping, taxes, total, refunded] = ['Subtotal', 'Shipping', 'Taxes', 'Total', 'Refunded Amount'].map((n) => hundredths(cell(row, col(n))));
      // prices include VAT: Total = Subtotal + Shipping, with 19% VAT inside (none for Swiss customers)
      expect(total).toBe(subtotal! + shipping!);
      expect(taxes).toBe(cell(row, col('Currency')) === 'CHF' ? 0 : Math.round((total! * 19) / 119));
      if (status === 'refunded') expect(refunded).toBe(total);
      else if (status === 'partially_refunded') expect(refunded).toBeLessThan(subtotal!);
      else expect(refunded).toBe(0);
      expect(cell(row, col('Cancelled at')) !== '').toBe(status === 'voided');
      expect(cell(row, col('Created at'))).toMatch(/^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d \+0[12]00$/);
    }
  });

  it('writes touchpoints in time order', async () => {
    const lines = (await readFile(join(first, 'touchpoints.csv'), 'utf8')).trimEnd().split('\n').slice(1);
    let previous = '';
    for (const line of lines) {
      const at = line.split(',')[1] ?? '';
      expect(at >= previous).toBe(true);
      previous = at;
    }
  });

  it('tells the intended ROI story under last click (30 days, clicks only, coupons first)', async () => {
    const spend = new Map<string, number>();
    const addSpend = (key: string, amount: number): void => void spend.set(key, (spend.get(key) ?? 0) + amount);
    const metaKey = (name: string): string => name.replace(/^NL \| ([A-Za-z]+( [A-Za-z]+)?).*$/, '$1');
    for (const name of await inFolder('meta')) {
      for (const row of rows(await readFile(join(first, name), 'utf8')).slice(1)) addSpend(metaKey(cell(row, 0)), Number(cell(row, 4)));
    }
    for (const name of await inFolder('google-ads')) {
      for (const row of rows(await readFile(join(first, name), 'utf8')).slice(3)) {
        if (!cell(row, 0).startsWith('Total:')) addSpend(cell(row, 1), hundredths(cell(row, 5)) / 100);
      }
    }
    const clicks = new Map<string, { at: number; campaign: string }[]>();
    for (const row of rows(await readFile(join(first, 'touchpoints.csv'), 'utf8')).slice(1)) {
      if (cell(row, 6) !== 'click') continue;
      const list = clicks.get(cell(row, 0)) ?? [];
      list.push({ at: Date.parse(cell(row, 1)), campaign: cell(row, 4) });
      clicks.set(cell(row, 0), list);
    }
    const revenue = new Map<string, number>();
    // Shopify layout: an order's first row carries its status and amounts (Name 0, Email 1,
    // Financial Status 2, Subtotal 6, Taxes 8, Total 9, Discount Code 10, Created at 12,
    // Refunded Amount 18); revenue is the Subtotal less refunds, out of VAT as the report takes it.
    for (const row of rows(await readFile(join(first, 'orders.csv'), 'utf8')).slice(1)) {
      const status = cell(row, 2);
      if (status !== 'paid' && status !== 'partially_refunded') continue;
      const at = Date.parse(cell(row, 12).replace(' ', 'T').replace(/ ([+-]\d\d)(\d\d)$/, '$1:$2'));
      const total = Number(cell(row, 9));
      const net = ((Number(cell(row, 6)) - (status === 'partially_refunded' ? Number(cell(row, 18)) : 0)) * (total - Number(cell(row, 8)))) / total;
      const last = (clicks.get(cell(row, 1)) ?? []).filter((c) => c.at <= at && c.at >= at - 30 * 86_400_000).at(-1);
      const key = cell(row, 10) === 'LENA15' || cell(row, 10) === 'JONAS10' ? cell(row, 10) : (last?.campaign ?? '');
      revenue.set(key, (revenue.get(key) ?? 0) + net);
    }
    const roas = (utm: string, spendKey: string): number => (revenue.get(utm) ?? 0) / (spend.get(spendKey) ?? Infinity);
    const feeMonths = 14.5;
    expect(roas('nl_retargeting_cart', 'Retargeting')).toBeGreaterThan(5.5);
    expect(roas('nl_prospecting_broad', 'Prospecting')).toBeGreaterThan(2.4);
    expect(roas('nl_prospecting_broad', 'Prospecting')).toBeLessThan(3.6);
    expect(((revenue.get('nl_blackfriday_2025') ?? 0) + (revenue.get('nl_blackfriday_2026') ?? 0)) / (spend.get('Black Friday') ?? 1)).toBeGreaterThan(3.2);
    expect(roas('nl_reels_awareness', 'Reels Awareness')).toBeLessThan(0.8);
    expect(roas('yt_brand_autumn', 'YT - Markenvideo Herbst/Winter')).toBeLessThan(0.7);
    expect(roas('yt_demandgen_bestseller', 'YT - Demand Gen Bestseller')).toBeGreaterThan(1.8);
    expect(roas('yt_demandgen_bestseller', 'YT - Demand Gen Bestseller')).toBeLessThan(3.3);
    expect((revenue.get('LENA15') ?? 0) / (1800 * feeMonths)).toBeGreaterThan(3);
    expect((revenue.get('JONAS10') ?? 0) / (1500 * feeMonths)).toBeLessThan(1.2);
  });
});
