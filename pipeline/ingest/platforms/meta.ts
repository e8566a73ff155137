// Meta Ads Manager "Export table data" (Facebook and Instagram placements), in
// English and German, CSV or xlsx. docs/formats.md, "Meta Ads Manager": which
// headers are known from genuine files; `Results` count as conversions only when the result
// indicator or type is a purchase; a `Platform`/`Plattform` breakdown names
// the placement (Facebook, Instagram, Audience Network, Messenger). Click-to-WhatsApp
// and Messenger campaigns report `Messaging conversations started`; where that column is
// missing, `Results` whose indicator or type is a started conversation are the count.
import { monthFirstIfEnglish, type PlatformFormat, type Values } from './format.ts';

const PURCHASE = /purchase|kauf|käufe/i;
/** `actions:onsite_conversion.messaging_conversation_started_7d`, `Messaging conversations started`, `Begonnene Unterhaltungen` */
export const MESSAGING_STARTED = /messaging_conversation_started|messaging conversations? started|begonnene (messaging-)?unterhaltungen/i;

/**
 * Results are purchases only when the indicator or result type says so, and started
 * messaging conversations only when it names those (and the file has no column of
 * its own for them).
 */
export function resultsAsPurchases(row: Values): Values {
  const indicator = row.result_indicator ?? '';
  if (row.conversions == null && row.result_count != null && PURCHASE.test(indicator)) {
    return { ...row, conversions: row.result_count };
  }
  if (row.messaging_conversations == null && row.result_count != null && MESSAGING_STARTED.test(indicator)) {
    return { ...row, messaging_conversations: row.result_count };
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
    messaging_conversations: ['messaging conversations started', 'begonnene unterhaltungen', 'begonnene messaging-unterhaltungen'],
    new_messaging_contacts: ['new messaging contacts', 'neue messaging-kontakte', 'new messaging connections', 'neue unterhaltungen'],
    objective: ['objective', 'ziel'],
  },
  // The genuine German file has no campaign columns at all; its rows are then
  // rejected one by one ("names no campaign") rather than the file refused.
  required: [['date', 'period_start'], ['spend'], ['impressions']],
  slashDateOrder: monthFirstIfEnglish(['day', 'reporting starts', 'reporting ends']),
  engagementDefinition: 'post engagements: all actions on the ad (reactions, comments, shares, link clicks, video plays, photo views)',
  finish: resultsAsPurchases,
};
