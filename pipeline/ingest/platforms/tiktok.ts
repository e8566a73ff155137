// TikTok Ads Manager export, CSV or xlsx (docs/formats.md: importers agree): `By Day` when
// split by day, `Clicks (destination)`, `Cost`; capitalisation varies; the
// Korean UI headers seen in one importer are accepted too. Without `By Day`
// the rows cover the report's whole period and are kept as period rows.
// TikTok has no single engagement column: likes + comments + shares when the
// user exported those columns.
import { monthFirst, sumOf, type PlatformFormat, type Values } from './format.ts';

export const tiktokAds: PlatformFormat = {
  format: 'tiktok_ads',
  platform: 'tiktok',
  label: 'TikTok Ads Manager',
  kind: 'ad',
  columns: {
    date: ['by day', 'date', 'day', '일별'],
    account: ['account name', 'advertiser name', 'account'],
    currency: ['currency'],
    campaign_id: ['campaign id', '캠페인 id'],
    campaign_name: ['campaign name', '캠페인 이름'],
    ad_set_id: ['ad group id', '광고 그룹 id'],
    ad_set_name: ['ad group name', '광고 그룹 이름'],
    ad_id: ['ad id', '광고 id'],
    ad_name: ['ad name', '광고 이름'],
    impressions: ['impressions', 'impression', '노출수'],
    reach: ['reach', '도달'],
    clicks: ['clicks (all)', 'clicks (destination)', 'clicks', '클릭수(목적지)'],
    link_clicks: ['clicks (destination)', '클릭수(목적지)'],
    video_views: ['2-second video views', '6-second video views', 'video views'],
    likes: ['likes', 'paid likes'],
    comments: ['comments', 'paid comments'],
    shares: ['shares', 'paid shares'],
    followers_gained: ['follows', 'paid follows'],
    spend: ['cost', 'total cost', 'spend', '비용'],
    conversions: ['conversions', '전환수'],
    conversion_value: ['total complete payment value', 'complete payment value', 'total conversion value', 'conversion value'],
  },
  required: [['campaign_name', 'campaign_id'], ['spend'], ['impressions']],
  signature: [
    'by day', 'clicks (destination)', 'ctr (destination)', 'cpc (destination)', 'primary status', '2-second video views',
    '6-second video views', 'complete payment roas', 'total complete payment value', '일별', '클릭수(목적지)',
  ],
  slashDateOrder: monthFirst,
  engagementDefinition: 'likes + comments + shares (TikTok reports no single engagement count)',
  finish(row: Values): Values {
    return row.engagements == null ? { ...row, engagements: sumOf(row, ['likes', 'comments', 'shares']) } : row;
  },
};
