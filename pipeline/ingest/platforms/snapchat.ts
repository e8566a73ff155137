// Snapchat Ads Manager export (docs/formats.md: fixture evidence only).
// `Start Time`/`End Time` with times of day: a day's row may end at the next
// midnight (`2026-09-01 00:00:00` to `2026-09-02 00:00:00`), which the reader
// takes as the end of the first day. Swipe ups are Snapchat's clicks.
import { monthFirst, type PlatformFormat } from './format.ts';

export const snapchatAds: PlatformFormat = {
  format: 'snapchat_ads',
  platform: 'snapchat',
  label: 'Snapchat Ads',
  kind: 'ad',
  columns: {
    date: ['date', 'day'],
    period_start: ['start time', 'start date'],
    period_end: ['end time', 'end date'],
    account: ['ad account name', 'account name', 'ad account'],
    currency: ['currency'],
    campaign_id: ['campaign id'],
    campaign_name: ['campaign name', 'campaign'],
    ad_set_id: ['ad squad id', 'ad set id'],
    ad_set_name: ['ad squad name', 'ad set name', 'ad squad'],
    ad_id: ['ad id'],
    ad_name: ['ad name'],
    impressions: ['paid impressions', 'impressions'],
    reach: ['reach', 'uniques'],
    clicks: ['swipes', 'swipe ups'],
    link_clicks: ['swipes', 'swipe ups'],
    video_views: ['video views', 'video views (2s)'],
    spend: ['amount spent', 'spend'],
    conversions: ['purchases', 'conversion purchases', 'total conversions'],
    conversion_value: ['purchases value', 'conversion purchases value', 'purchase value'],
  },
  required: [['campaign_name', 'campaign_id'], ['spend'], ['impressions']],
  signature: ['swipes', 'swipe ups', 'ad squad name', 'ad squad id', 'story opens'],
  slashDateOrder: monthFirst,
  engagementDefinition: 'not reported: Snapchat has no engagement count (swipe ups are counted as clicks)',
};
