// Meta Ads Manager "Export table data" (Facebook and Instagram placements), in
// English and German. FORMATS.md §1: headers verified from genuine files where
// noted there; `Results` count as conversions only when the result indicator
// or type is a purchase.
import { monthFirstIfEnglish, type PlatformFormat, type UnifiedValues } from './format.ts';

const PURCHASE = /purchase|kauf|käufe/i;

export const metaAds: PlatformFormat = {
  format: 'meta_ads',
  platform: 'meta',
  label: 'Meta Ads Manager',
  columns: {
    date: ['day', 'tag'],
    period_start: ['reporting starts', 'berichtsstart'],
    period_end: ['reporting ends', 'berichtsende'],
    account: ['account name', 'name des werbekontos', 'account id'],
    currency: ['currency', 'währung'],
    campaign_id: ['campaign id', 'kampagnen-id'],
    campaign_name: ['campaign name', 'kampagnenname'],
    ad_set_id: ['ad set id', 'anzeigengruppen-id'],
    ad_set_name: ['ad set name', 'name der anzeigengruppe'],
    ad_id: ['ad id', 'anzeigen-id'],
    ad_name: ['ad name', 'anzeigenname'],
    impressions: ['impressions', 'impressionen'],
    reach: ['reach', 'reichweite'],
    clicks: ['clicks (all)', 'klicks (alle)'],
    link_clicks: ['link clicks', 'link-klicks'],
    engagements: ['post engagements', 'post engagement', 'beitragsinteraktionen'],
    video_views: ['thruplays', '3-second video plays', '3-sekündige videoaufrufe'],
    spend: ['amount spent', 'ausgegebener betrag'],
    conversions: ['purchases', 'website purchases', 'websites-käufe', 'käufe'],
    conversion_value: [
      'purchases conversion value',
      'website purchases conversion value',
      'websites-käufe - conversion-wert',
      'käufe - conversion-wert',
    ],
    result_count: ['results', 'ergebnisse'],
    result_indicator: ['result indicator', 'result type', 'indikator für ergebnisse', 'ergebnistyp'],
    followers_gained: ['instagram follows', 'page likes', "gefällt mir-angaben für seite"],
  },
  required: [['date', 'period_start'], ['campaign_name', 'campaign_id'], ['spend'], ['impressions']],
  slashDateOrder: monthFirstIfEnglish(['day', 'reporting starts']),
  finish(row: UnifiedValues): UnifiedValues {
    if (row.conversions == null && row.result_count != null && PURCHASE.test(row.result_indicator ?? '')) {
      return { ...row, conversions: row.result_count };
    }
    return row;
  },
};
