// Pinterest Ads export (docs/formats.md: no genuine file seen). Paid and
// earned numbers come apart; only the paid ones are read. API-style files
// carry spend in micro-dollars.
import { monthFirst, type PlatformFormat, type Values } from './format.ts';
import { shiftDecimal } from '../values.ts';

export const pinterestAds: PlatformFormat = {
  format: 'pinterest_ads',
  platform: 'pinterest',
  label: 'Pinterest Ads',
  kind: 'ad',
  columns: {
    date: ['date', 'day'],
    account: ['advertiser name', 'ad account name', 'account name'],
    currency: ['currency'],
    campaign_id: ['campaign id'],
    campaign_name: ['campaign name'],
    ad_set_id: ['ad group id'],
    ad_set_name: ['ad group name'],
    ad_id: ['pin promotion id', 'promoted pin id', 'ad id'],
    ad_name: ['pin promotion name', 'promoted pin name', 'ad name'],
    impressions: ['paid impressions', 'impressions', 'impression_1'],
    clicks: ['pin clicks', 'paid pin clicks', 'clicks', 'clickthrough_1'],
    link_clicks: ['outbound clicks', 'paid outbound clicks'],
    engagements: ['engagements', 'paid engagements', 'total engagements'],
    saves: ['saves', 'paid saves'],
    video_views: ['video views', 'paid video views', 'video starts'],
    spend: ['spend in account currency', 'spend', 'amount spent'],
    spend_micros: ['spend_in_micro_dollar'],
    conversions: ['total conversions', 'conversions', 'total_conversions', 'checkouts'],
    conversion_value: ['total conversion value', 'total conversions value', 'total_conversions_value', 'checkout value'],
  },
  required: [['campaign_name', 'campaign_id'], ['spend', 'spend_micros'], ['impressions']],
  signature: [
    'pin clicks', 'paid pin clicks', 'outbound clicks', 'paid outbound clicks', 'earned impressions', 'saves', 'paid saves',
    'spend in account currency', 'pin promotion name', 'pin promotion id', 'spend_in_micro_dollar', 'impression_1',
  ],
  slashDateOrder: monthFirst,
  engagementDefinition: 'engagements: saves, pin clicks, outbound clicks and closeups of the promoted pin',
  finish(row: Values): Values {
    return row.spend == null && row.spend_micros != null ? { ...row, spend: shiftDecimal(row.spend_micros, -6) } : row;
  },
};
