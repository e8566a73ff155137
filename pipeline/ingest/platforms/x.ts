// X (Twitter) Ads export (docs/formats.md): the current UI layout is known from
// a single source
// (`Time period`, `Campaign name`, `Ad group name`, `Spend`, `Engagements`),
// the legacy one from an owner's reader (`Campaign`, `Funding Instrument Name`, `Time`,
// `Billed Engagements`, `Retweets`), API-style files carry spend in micros.
// `Time period` may hold one day or a range; a range is a period row.
import { monthFirst, type PlatformFormat, type Values } from './format.ts';
import { shiftDecimal } from '../values.ts';
import { resultsAsPurchases } from './meta.ts';

export const xAds: PlatformFormat = {
  format: 'x_ads',
  platform: 'x',
  label: 'X Ads (Twitter)',
  kind: 'ad',
  columns: {
    date: ['date', 'day', 'time'],
    period: ['time period'],
    account: ['account name', 'account', 'funding instrument name'],
    currency: ['currency'],
    campaign_id: ['campaign id', 'campaign_id'],
    campaign_name: ['campaign name', 'campaign'],
    ad_set_id: ['ad group id', 'line item id', 'line_item_id'],
    ad_set_name: ['ad group name', 'ad group', 'line item name', 'line item'],
    ad_id: ['ad id', 'promoted tweet id', 'promoted post id'],
    ad_name: ['ad name'],
    impressions: ['impressions'],
    clicks: ['clicks'],
    link_clicks: ['link clicks', 'url clicks', 'url_clicks'],
    engagements: ['engagements'],
    video_views: ['video views', 'video_total_views', 'media views'],
    followers_gained: ['follows'],
    spend: ['spend', 'billed spend'],
    spend_micros: ['billed_charge_local_micro'],
    conversions: ['conversions', 'total conversions', 'total_conversions'],
    conversion_value: ['conversion value', 'total_conversions_sale_amount', 'sale amount'],
    result_count: ['results'],
    result_indicator: ['result type'],
  },
  required: [['campaign_name', 'campaign_id'], ['spend', 'spend_micros'], ['impressions']],
  signature: [
    'time period', 'billed engagements', 'funding instrument name', 'funding instrument id', 'retweets', 'reposts',
    'billed_charge_local_micro', 'promoted tweet id', 'promoted post id', 'line item name', 'campaign url',
  ],
  slashDateOrder: monthFirst,
  engagementDefinition: 'engagements: every interaction with the ad (clicks, likes, reposts, replies, follows, expansions)',
  finish(row: Values): Values {
    const withSpend = row.spend == null && row.spend_micros != null ? { ...row, spend: shiftDecimal(row.spend_micros, -6) } : row;
    return resultsAsPurchases(withSpend);
  },
};
