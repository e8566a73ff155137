// Messaging campaigns (click-to-WhatsApp, click-to-Messenger) from Meta Ads (issue 17,
// point 3): the genuine Meta export against its hand-counted totals, Meta's `Results`
// of a messaging result type as conversations, and the whole pipeline on a small
// hand-made folder (test/fixtures/messaging) with a messaging and a sales campaign:
// conversations, cost per conversation to the cent, the objective label, the messaging
// campaign kept out of the ranking by ROI, and the totals holding its spend in full.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';
import { resultsAsPurchases } from '../pipeline/ingest/platforms/meta.ts';
import { expectedColumns } from '../pipeline/ingest/raw-tables.ts';
import { readDataset, type Row } from './helpers/arrow.ts';
import { projectRoot, runCli, tempDir, type CliResult } from './helpers/cli.ts';
import { describeGenuine, genuine } from './helpers/genuine.ts';
import { pageText } from './helpers/page-text.ts';

const META_TOTAL = 'meta/Campaigns-11-Fe-2026-16-Mar-2026 (account total row first).csv';
const column = (name: string) => expectedColumns('raw_ad_periods').findIndex((c) => c.name === name);

describeGenuine('the genuine Meta export with messaging conversations', [META_TOTAL], () => {
  it('reads 314 conversations started, 304 new messaging contacts and 82.62 EUR, as counted by hand', async () => {
    const file = await recogniseFile('campaigns.csv', new Uint8Array(readFileSync(genuine(META_TOTAL))));
    const { rows } = extractFile(file, { currency: 'EUR' });
    const periods = rows.raw_ad_periods;
    expect(periods).toHaveLength(13);
    const sum = (name: string) => periods.reduce<number>((s, r) => s + Number(r[column(name)] ?? 0), 0);
    // 14 + 2 + 163 + 46 + 4 + 18 + 64 + 3 (the account total row, whose cell is empty, is dropped)
    expect(sum('messaging_conversations')).toBe(314);
    // 14 + 2 + 162 + 43 + 4 + 18 + 58 + 3
    expect(sum('new_messaging_contacts')).toBe(304);
    expect(Math.round(sum('spend') * 100)).toBe(8_262);
    // the campaigns Meta optimised for started conversations: 9achech store, second half romdhan,
    // the two REDIX WA campaigns, amber 1 bouaziz (active): 163 + 46 + 4 + 18 + 64 conversations, 52.57 EUR
    const messaging = periods.filter((r) => String(r[column('result_indicator')]).includes('messaging_conversation_started'));
    expect(messaging.map((r) => r[column('campaign_name')])).toEqual([
      '9achech store', '3M Lounge second half romdhan', 'REDIX | Engagement | WA | TN | $35L | Cat_v1', 'REDIX | Engagement | WA | TN | $35L | Cat_v1 – Copy', 'amber 1 bouaziz',
    ]);
    expect(messaging.reduce((s, r) => s + Number(r[column('messaging_conversations')]), 0)).toBe(295);
    expect(messaging.reduce((s, r) => s + Math.round(Number(r[column('spend')]) * 100), 0)).toBe(5_257);
    // a campaign without conversations has an empty cell, not 0
    const archived = periods.find((r) => r[column('campaign_name')] === 'El_Mednini_Awareness_Jan_5EUR_Final');
    expect(archived?.[column('messaging_conversations')]).toBeNull();
  });
});

describe("Meta's results of a messaging result type", () => {
  it('are the conversations where the file has no column for them, and never purchases', () => {
    const indicator = 'actions:onsite_conversion.messaging_conversation_started_7d';
    expect(resultsAsPurchases({ result_count: '9', result_indicator: indicator })).toEqual({ result_count: '9', result_indicator: indicator, messaging_conversations: '9' });
    expect(resultsAsPurchases({ result_count: '9', result_indicator: 'Messaging conversations started' }).messaging_conversations).toBe('9');
    // the file's own column wins; results of another type are no conversations
    expect(resultsAsPurchases({ result_count: '9', result_indicator: indicator, messaging_conversations: '8' }).messaging_conversations).toBe('8');
    expect(resultsAsPurchases({ result_count: '17135', result_indicator: 'actions:post_engagement' }).messaging_conversations).toBeUndefined();
    expect(resultsAsPurchases({ result_count: '3', result_indicator: 'actions:offsite_conversion.fb_pixel_purchase' })).toMatchObject({ conversions: '3' });
  });
});

const fixture = join(projectRoot, 'test/fixtures/messaging');
let out: string;
let run: CliResult;

beforeAll(async () => {
  const dir = await tempDir('messaging');
  out = join(dir, 'report');
  run = await runCli(['--data', fixture, '--out', out, '--warehouse', join(dir, 'warehouse.duckdb')]);
}, 120_000);

const byCampaign = (rows: Row[], where: Row = {}) =>
  Object.fromEntries(rows.filter((r) => r.month === '2026-10' && Object.entries(where).every(([k, v]) => r[k] === v)).map((r) => [r.campaign, r]));
const prose = (page: string) => pageText(readFileSync(join(out, page), 'utf8')).prose;

describe('a messaging campaign beside a sales campaign (test/fixtures/messaging)', () => {
  it('builds the report', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('counts conversations and their cost to the cent; the sales campaign reports none (missing, not 0)', () => {
    const performance = byCampaign(readDataset(out, 'campaign_performance').rows);
    // 13 + 17 conversations, 11 + 15 new contacts; 40.00 + 33.33 = 73.33 EUR / 30 = 2.4443… → 2.44
    expect(performance.meta_whatsapp).toMatchObject({ objective: 'messaging', spend: 73.33, messaging_conversations: 30, new_messaging_contacts: 26 });
    expect((performance.meta_whatsapp!.cost_per_conversation as number).toFixed(2)).toBe('2.44');
    expect(performance.meta_sales).toMatchObject({ objective: null, spend: 200, messaging_conversations: null, new_messaging_contacts: null, cost_per_conversation: null, platform_conversions: 5 });
  });

  it('keeps the messaging campaign’s costs in every total, to the cent', () => {
    const roi = byCampaign(readDataset(out, 'campaign_roi').rows, { model: 'last_touch' });
    // the Meta agency fee of 100.00 spread by media spend: 200 / 273.33 → 73.17, 73.33 / 273.33 → 26.83
    expect(roi.meta_sales).toMatchObject({ media_spend: 200, total_cost: 273.17, revenue: 800, gross_profit: 400, objective: null });
    expect(roi.meta_whatsapp).toMatchObject({ media_spend: 73.33, total_cost: 100.16, revenue: 150, gross_profit: 75, objective: 'messaging', messaging_conversations: 30 });
    // its ROI is still computed (no verdict is drawn from it): (75 − 100.16) / 100.16
    expect((roi.meta_whatsapp!.roi as number).toFixed(4)).toBe('-0.2512');
    const trend = readDataset(out, 'monthly_trend').rows.find((r) => r.month === '2026-10' && r.model === 'last_touch');
    expect(trend).toMatchObject({ media_spend: 273.33, total_cost: 373.33, revenue: 950 });
    const channel = readDataset(out, 'channel_roi').rows.find((r) => r.month === '2026-10' && r.model === 'last_touch' && r.channel === 'Meta');
    expect(channel).toMatchObject({ media_spend: 273.33, total_cost: 373.33 });
  });

  it('draws no verdict on the messaging campaign’s ROI', () => {
    const verdicts = readDataset(out, 'roi_verdicts').rows;
    expect(verdicts.filter((r) => r.grain === 'campaign' && r.key === 'meta_whatsapp')).toEqual([]);
  });

  it('labels it by its objective on its page, with conversations first and ROI and ROAS as no verdict', () => {
    const page = prose('campaigns/meta-whatsapp/index.html');
    expect(page).toContain('Objective\nMessaging (WhatsApp, Messenger)');
    expect(page).toContain('It is judged on the conversations it started and their cost; ROI and ROAS are shown for completeness only and are no verdict on it.');
    expect(page).toContain('Conversations started\n30\nCost per conversation\n€2.44\nTotal cost\n€100');
    expect(page).toContain('ROI (no verdict: messaging campaign)\n-25.1%\nROAS (no verdict: messaging campaign)\n2.05');
    const sales = prose('campaigns/meta-sales/index.html');
    expect(sales).not.toContain('Messaging (WhatsApp, Messenger)');
    expect(sales).toContain('ROI\n46.4%');
  });

  it('keeps it out of the best and worst campaigns, and says why', () => {
    const overview = prose('index.html');
    const ranking = overview.slice(overview.indexOf('Best and worst campaigns'), overview.indexOf('Where to move budget'));
    // with a ROI of −25.1 % it would be the worst campaign if it were ranked by ROI
    expect(ranking).toContain('Worst campaigns by ROI (ROI below 0): No campaign lost money this month.');
    expect(ranking).toContain('Meta Autumn Sales');
    expect(ranking).toContain('Not ranked by ROI, as judged on conversations: WhatsApp Advice.');
  });

  it('shows conversations and cost per conversation in the month’s campaigns table, "not reported" for the sales campaign', () => {
    const page = prose('2026-10/campaigns/index.html');
    expect(page).toContain('WhatsApp Advice Messaging campaign: judged on conversations\nMeta\nConsideration');
    expect(page).toContain('€100.16\n30\n€2.44');
    expect(page).toContain('€273.17\nnot reported\nnot reported');
    const csv = readFileSync(join(out, '2026-10/campaigns/campaigns.csv'), 'utf8');
    expect(csv).toContain('meta_whatsapp,WhatsApp Advice,Meta,consideration,73.33,100.16,1,150,75,-0.2512,,2.05,,100.16,true,30,2.44,messaging');
    expect(csv).toContain('meta_sales,Meta Autumn Sales,Meta,conversion,200,273.17,1,800,400,0.4643,,4,2,273.17,true,,,');
  });
});
