// Meta Ads Manager "Export table data" (Facebook and Instagram placements), in
// English and German, CSV or xlsx. docs/formats.md, "Meta Ads Manager": which
// headers are known from genuine files; `Results` count as conversions only when the result
// indicator or type is a purchase; a `Platform`/`Plattform` breakdown names
// the placement (Facebook, Instagram, Audience Network, Messenger).
import { monthFirstIfEnglish, type PlatformFormat, type Values } from './format.ts';

const PURCHASE = /purchase|kauf|käufe/i;

/** Results are purchases only when the indicator or result type says so. */
export function resultsAsPurchases(row: Values): Values {
  if (row.conversions == null && row.result_count != null && PURCHASE.test(row.result_indicator ?? '')) {
    return { ...row, conversions: row.result_count };
  }
  return row;
}

export const metaAds: PlatformFormat = {
  format: 'meta_ads',
  platform: 'meta',
  label: 'Meta Ads Manager',
  kind: 'ad',
  columns: {
    date: ['day', 'tag'],
    period_start: ['reporting starts', 'berichtsstart'],
    period_end: ['reporting ends', 'berichtsende'],
    account: ['account name', 'name des werbekontos', 'account id', 'werbekonto-id'],
    currency: ['currency', 'währung'],
    placement: ['platform', 'plattform'],
    campaign_id: ['campaign id', 'kampagnen-id'],
    campaign_name: ['campaign name', 'kampagnenname', 'name der kampagne'],
    ad_set_id: ['ad set id', 'anzeigengruppen-id'],
    ad_set_name: ['ad set name', 'name der anzeigengruppe', 'anzeigengruppenname'],
    ad_id: ['ad id', 'anzeigen-id'],
    ad_name: ['ad name', 'anzeigenname', 'name der anzeige'],
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
    followers_gained: ['instagram follows', 'page likes', 'gefällt mir-angaben für seite', 'follows or likes'],
  },
  // The genuine German file has no campaign columns at all; its rows are then
  // rejected one by one ("names no campaign") rather than the file refused.
  required: [['date', 'period_start'], ['spend'], ['impressions']],
  slashDateOrder: monthFirstIfEnglish(['day', 'reporting starts', 'reporting ends']),
  engagementDefinition: 'post engagements: all actions on the ad (reactions, comments, shares, link clicks, video plays, photo views)',
  finish: resultsAsPurchases,
};
