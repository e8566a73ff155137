// LinkedIn Campaign Manager export (docs/formats.md). LinkedIn's hierarchy is
// account → campaign group → campaign; the campaign group is what the rest of
// the world calls a campaign, and a LinkedIn campaign is our ad set. The
// genuine export is UTF-16LE, TAB-separated, in the UI language (pt-BR there),
// with decimal commas; the date is a UTC day.
//
// The ad (creative) report, `creative_performance_report.csv`, names the
// LinkedIn campaign and the creative but no campaign group (docs/formats.md,
// headers from a public SAS job reading those downloads): its LinkedIn
// campaign then stands in for the campaign, so that its spend is loaded
// rather than the file refused. A report of an empty selection has its title
// lines and nothing else, not even a header (genuine file in ../shared).
import { monthFirstIfEnglish, type PlatformFormat, type Values } from './format.ts';

/** The first line of a Campaign Manager report: `Campaign Performance Report (in UTC)`, `Ad Performance Report (in UTC)`. */
export const LINKEDIN_REPORT_TITLE = /^[\p{L} ]{0,60}\breport \(in utc\)$/iu;

/** A creative report without campaign group columns: the LinkedIn campaign is the campaign. */
export function campaignFromAdSet(row: Values): Values {
  if (row.campaign_name != null || row.campaign_id != null) return row;
  if (row.ad_set_name == null && row.ad_set_id == null) return row;
  return { ...row, campaign_id: row.ad_set_id ?? null, campaign_name: row.ad_set_name ?? null };
}

export const linkedinCampaignManager: PlatformFormat = {
  format: 'linkedin_campaign_manager',
  platform: 'linkedin',
  label: 'LinkedIn Campaign Manager',
  kind: 'ad',
  columns: {
    date: ['start date (in utc)', 'data de início (em utc)', 'startdatum (in utc)'],
    account: ['account name', 'nome da conta', 'kontoname'],
    currency: ['currency', 'moeda', 'währung'],
    campaign_id: ['campaign group id', 'código do grupo de campanhas', 'kampagnengruppen-id'],
    campaign_name: ['campaign group name', 'nome do grupo de campanhas', 'name der kampagnengruppe'],
    ad_set_id: ['campaign id', 'código da campanha', 'kampagnen-id'],
    ad_set_name: ['campaign name', 'nome da campanha', 'kampagnenname'],
    ad_id: ['creative id', 'código do criativo', 'anzeigen-id'],
    ad_name: ['creative name', 'nome do criativo', 'anzeigenname'],
    impressions: ['impressions', 'impressões', 'impressionen'],
    reach: ['reach', 'alcance', 'reichweite'],
    clicks: ['clicks', 'cliques', 'klicks'],
    link_clicks: ['clicks to landing page', 'cliques que levam à página de destino', 'klicks auf landingpage'],
    engagements: ['total engagements', 'total de engajamento', 'interaktionen insgesamt', 'total social actions'],
    video_views: ['video views', 'visualizações de vídeo', 'videoaufrufe'],
    spend: ['total spent', 'total investido', 'ausgaben insgesamt'],
    conversions: ['conversions', 'conversões', 'conversions insgesamt'],
    conversion_value: ['total conversion value', 'valor total da conversão', 'gesamter conversion-wert'],
    followers_gained: ['follows', 'seguidores', 'follower'],
  },
  required: [['date'], ['campaign_name', 'campaign_id', 'ad_set_name', 'ad_set_id'], ['spend'], ['impressions']],
  slashDateOrder: monthFirstIfEnglish(['start date (in utc)']),
  engagementDefinition: 'total engagements: clicks, reactions, comments, shares, follows and other clicks on the sponsored content',
  finish: campaignFromAdSet,
};
