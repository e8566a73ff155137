// Microsoft Advertising (Bing) export (docs/formats.md; a genuine file for the
// campaign export): UTF-8 with BOM, IDs in brackets (`[436534626]`), `-` in
// text cells, `Search total` / `Audience total` rows. The genuine campaign
// export has no date column: its rows cover the period chosen in the UI,
// which the file does not name, so they are kept as period rows without a
// period (or with the one a `Report Time: … - …` title line names).
import { monthFirst, type PlatformFormat } from './format.ts';

export const microsoftAds: PlatformFormat = {
  format: 'microsoft_ads',
  platform: 'microsoft_ads',
  label: 'Microsoft Advertising',
  kind: 'ad',
  columns: {
    date: ['date', 'day', 'gregorian date', 'gregoriandate'],
    period: ['time period', 'timeperiod'],
    account: ['account name', 'account'],
    currency: ['currency code', 'currency'],
    campaign_id: ['campaign id'],
    campaign_name: ['campaign', 'campaign name'],
    ad_set_id: ['ad group id'],
    ad_set_name: ['ad group'],
    impressions: ['impr.', 'impressions'],
    clicks: ['clicks'],
    spend: ['spend'],
    conversions: ['conv.', 'conversions'],
    conversion_value: ['revenue', 'conv. value', 'conversion value'],
  },
  required: [['campaign_name', 'campaign_id'], ['spend'], ['impressions']],
  signature: [
    'impr.', 'conv.', 'top impr. rate', 'abs. top impr. rate', 'optimization score', 'bid strategy type', 'budget type',
    'gregorian date', 'gregoriandate',
  ],
  slashDateOrder: monthFirst,
  engagementDefinition: 'not reported: Microsoft Advertising search ads have no engagement count',
};
