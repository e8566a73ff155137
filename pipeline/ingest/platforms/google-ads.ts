// Google Ads UI report download, including YouTube video and Demand Gen
// campaigns (FORMATS.md §3): two title lines above the header, `--` for
// not applicable, thousands separators, `Total: …` (German `Gesamt: …`) rows
// at the end. Google's "Interactions" are not social engagements, so they are
// not mapped.
import { monthFirstIfEnglish, type PlatformFormat } from './format.ts';

export const googleAds: PlatformFormat = {
  format: 'google_ads',
  platform: 'google_ads',
  label: 'Google Ads (incl. YouTube)',
  kind: 'ad',
  columns: {
    date: ['day', 'date', 'tag'],
    account: ['account', 'account name', 'customer id', 'kontoname', 'konto'],
    currency: ['currency code', 'currency', 'währungscode', 'währung'],
    campaign_id: ['campaign id', 'kampagnen-id'],
    campaign_name: ['campaign', 'kampagne'],
    ad_set_id: ['ad group id', 'anzeigengruppen-id'],
    ad_set_name: ['ad group', 'anzeigengruppe'],
    impressions: ['impr.', 'impressions', 'impressionen'],
    clicks: ['clicks', 'klicks'],
    video_views: ['views', 'aufrufe'],
    spend: ['cost', 'kosten'],
    conversions: ['conversions', 'conv.'],
    conversion_value: ['conv. value', 'conversion value', 'conv.-wert', 'conversion-wert'],
  },
  required: [['date'], ['campaign_name', 'campaign_id'], ['spend'], ['impressions'], ['clicks']],
  slashDateOrder: monthFirstIfEnglish(['day', 'date']),
  engagementDefinition: 'not reported: Google Ads "interactions" are clicks or video views, not social engagements',
};
