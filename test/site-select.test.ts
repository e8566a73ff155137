// Row selection, headline tiles, channel colours and links: the site's small pure parts.
import { describe, expect, it } from 'vitest';
import type { CampaignRoiRow, ChannelRoiRow, MonthlyTrendRow } from '../site/lib/data/schemas.ts';
import { SCHEMAS } from '../site/lib/data/schemas.ts';
import { createFormatter } from '../site/lib/format.ts';
import { messages } from '../site/lib/i18n.ts';
import { bestAndWorst, campaignsFor, channelsWithRoi, trendFor, trendMonths } from '../site/lib/select.ts';
import { buildTiles, isChange } from '../site/lib/tiles.ts';
import { channelColors, PALETTE, SPECIAL_COLORS } from '../site/lib/channels.ts';
import { relativeUrl } from '../site/lib/report.ts';
import { addMonths, monthsEndingAt } from '../site/lib/months.ts';

/** A row with every declared column null, then the given values. */
function row<T>(schema: Record<string, unknown>, values: Partial<T>): T {
  return { ...Object.fromEntries(Object.keys(schema).map((k) => [k, null])), ...values } as T;
}
const trend = (v: Partial<MonthlyTrendRow>) => row<MonthlyTrendRow>(SCHEMAS.monthly_trend, { model: 'last_touch', ...v });
const channel = (v: Partial<ChannelRoiRow>) => row<ChannelRoiRow>(SCHEMAS.channel_roi, { month: '2026-10', model: 'last_touch', ...v });
const campaign = (v: Partial<CampaignRoiRow>) =>
  row<CampaignRoiRow>(SCHEMAS.campaign_roi, { month: '2026-10', model: 'last_touch', ...v });

describe('months', () => {
  it('steps over year ends', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(monthsEndingAt('2026-10', 12)).toEqual([
      '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04',
      '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10',
    ]);
  });
});

describe('selection', () => {
  it('finds the trend row of the month and model, or says which is missing', () => {
    const rows = [trend({ month: '2026-10', roi: 0.3 }), trend({ month: '2026-10', model: 'linear', roi: 0.1 })];
    expect(trendFor(rows, '2026-10', 'linear').roi).toBe(0.1);
    expect(() => trendFor(rows, '2026-09', 'last_touch')).toThrow(
      'dataset monthly_trend: no row for month 2026-09 and model last_touch;',
    );
  });

  it('takes the thirteen months up to the report month, oldest first, skipping gaps', () => {
    const rows = ['2025-09', '2025-10', '2025-11', '2026-01', '2026-10', '2026-11'].map((month) => trend({ month }));
    expect(trendMonths(rows, '2026-10', 'last_touch', 13).map((r) => r.month)).toEqual(['2025-10', '2025-11', '2026-01', '2026-10']);
  });

  it('leaves unmapped, unattributed and channels without ROI out of the channel chart', () => {
    const rows = [
      channel({ channel: 'Meta', roi: 0.5 }),
      channel({ channel: 'unattributed', roi: null }),
      channel({ channel: 'LinkedIn', roi: -0.4 }),
      channel({ channel: 'TikTok', roi: null }),
      channel({ channel: 'unmapped', roi: -1 }),
      channel({ channel: 'YouTube', roi: 0.5, month: '2026-09' }),
    ];
    expect(channelsWithRoi(rows, '2026-10', 'last_touch').map((r) => r.channel)).toEqual(['Meta', 'LinkedIn']);
  });

  it('sorts campaigns by ROI, no ROI last, unmapped and unattributed apart', () => {
    const rows = [
      campaign({ campaign: 'unattributed', roi: null }),
      campaign({ campaign: 'b', name: 'B', roi: null }),
      campaign({ campaign: 'c', name: 'C', roi: -0.2 }),
      campaign({ campaign: 'unmapped', roi: -1 }),
      campaign({ campaign: 'd', name: 'D', roi: 1.5 }),
      campaign({ campaign: 'a', name: 'A', roi: null }),
      campaign({ campaign: 'e', name: 'E', roi: 1.5, model: 'linear' }),
    ];
    const { campaigns, special } = campaignsFor(rows, '2026-10', 'last_touch');
    expect(campaigns.map((r) => r.campaign)).toEqual(['d', 'c', 'a', 'b']);
    expect(special.map((r) => r.campaign)).toEqual(['unmapped', 'unattributed']);
  });

  it('lists as best only campaigns that earned their cost, and as worst only those that lost money', () => {
    const ranked = [0.9, 0.5, 0.1, 0, -0.2, -0.8].map((roi, i) => ({ campaign: `c${i}`, roi }));
    expect(bestAndWorst(ranked, 5)).toEqual({ best: ranked.slice(0, 3), worst: [ranked[5], ranked[4]] });
    expect(bestAndWorst([...ranked, { campaign: 'none', roi: null }], 2)).toEqual({ best: ranked.slice(0, 2), worst: [ranked[5], ranked[4]] });
    // every campaign lost money: no best campaign (the old rule took the top half, losses included)
    const losing = [-0.1, -0.3, -0.5].map((roi, i) => ({ campaign: `l${i}`, roi }));
    expect(bestAndWorst(losing, 5)).toEqual({ best: [], worst: [losing[2], losing[1], losing[0]] });
    expect(bestAndWorst([], 5)).toEqual({ best: [], worst: [] });
  });
});

describe('headline tiles', () => {
  const fmt = createFormatter({ locale: 'en', currency: 'EUR', timeZone: 'UTC' });
  const t = messages('en');

  it('colours a change by what it means', () => {
    const tiles = buildTiles(
      trend({
        month: '2026-10',
        media_spend: 1000, media_spend_prev: 800, media_spend_change: 0.25,
        total_cost: 1500, total_cost_prev: 1600, total_cost_change: -0.0625,
        revenue: 3000, revenue_prev: 3300, revenue_change: -0.0909,
        gross_profit: 1800, gross_profit_prev: 1800, gross_profit_change: 0.00004,
        roi: 0.2, roi_prev: 0.15, roi_change: 0.05, roi_prev_year: 0.25, roi_change_year: -0.05,
        roas: 3, roas_prev: null, roas_change: null,
      }),
      fmt,
      t,
    );
    const byMetric = Object.fromEntries(tiles.map((tile) => [tile.metric, tile]));
    const month = (metric: string) => byMetric[metric]?.month;
    expect(month('media_spend')).toMatchObject({ text: '+25.0%', direction: 'up', tone: 'neutral', against: 'vs. previous month' });
    expect(month('total_cost')).toMatchObject({ text: '-6.3%', direction: 'down', tone: 'neutral' });
    expect(month('revenue')).toMatchObject({ text: '-9.1%', direction: 'down', tone: 'bad' });
    expect(month('gross_profit')).toMatchObject({ text: '0.0%', direction: 'flat', tone: 'neutral' });
    expect(month('roi')).toMatchObject({ text: '+5.0\u00a0pp', direction: 'up', tone: 'good' });
    expect(byMetric.roi?.year).toMatchObject({ text: '-5.0\u00a0pp', tone: 'bad', against: 'vs. same month last year' });
    expect(month('roas')).toEqual({ note: 'No previous month in the data' });
    expect(byMetric.roas?.year).toBeNull();
    expect(byMetric.roas?.value).toBe('3.00');
    expect(byMetric.media_spend?.value).toBe('€1,000');
  });

  it('names the previous value when a change cannot be computed', () => {
    const [spend] = buildTiles(
      trend({ month: '2026-10', media_spend: 500, media_spend_prev: 0, media_spend_change: null }),
      fmt,
      t,
    );
    expect(spend?.month).toEqual({ note: 'Previous month: €0' });
    expect(spend && isChange(spend.month)).toBe(false);
  });
});

describe('channel colours', () => {
  it('gives a channel the same colour whatever else is in the data', () => {
    const few = channelColors(['Meta', 'LinkedIn']);
    const many = channelColors(['YouTube', 'LinkedIn', 'Meta', 'Influencer', 'unmapped', 'unattributed', 'Podcast']);
    expect(many.get('Meta')).toBe(few.get('Meta'));
    expect(many.get('LinkedIn')).toBe(few.get('LinkedIn'));
    expect(many.get('unmapped')).toBe(SPECIAL_COLORS.unmapped);
    expect(many.get('unattributed')).toBe(SPECIAL_COLORS.unattributed);
  });

  it('never gives two channels one colour while the palette lasts', () => {
    const names = ['Meta', 'Instagram', 'Facebook', 'Podcast', 'Newsletter', 'Messe', 'TikTok', 'X'];
    const colors = channelColors(names);
    expect(new Set(names.map((n) => colors.get(n))).size).toBe(names.length);
    for (const name of names) expect(PALETTE).toContain(colors.get(name));
  });
});

describe('relative links', () => {
  it('reach the site root from any page', () => {
    expect(relativeUrl('/', 'data/manifest.json')).toBe('data/manifest.json');
    expect(relativeUrl('/campaigns/meta_retargeting/', 'data/x.arrow')).toBe('../../data/x.arrow');
    expect(relativeUrl('/campaigns/meta_retargeting', 'data/x.arrow')).toBe('../../data/x.arrow');
    expect(relativeUrl('/404.html', 'data/x.arrow')).toBe('data/x.arrow');
    expect(relativeUrl('/2026-10/channels/', '2026-09/channels/')).toBe('../../2026-09/channels/');
    expect(relativeUrl('/', '')).toBe('./');
  });
});
