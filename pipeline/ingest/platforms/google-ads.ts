// Google Ads UI report download, including YouTube video, Demand Gen and
// Performance Max campaigns (docs/formats.md, "Google Ads"): two title lines above the header
// (the report name, then the period), `--` for not applicable, thousands
// separators, `Total: …` (German `Gesamt: …`, French `Total : …`) rows at the
// end. The UI's default download has no Day column: its rows then cover the
// title's period (period rows). Video and Demand Gen campaigns have no Clicks
// column by default, only `Interactions`: clicks are then unknown (null), and
// Google's "Interactions" are not social engagements, so they are not mapped.
//
// Header names per UI language, and the evidence:
//   en-US / en-GB: genuine downloads in ../shared/exports/samples/genuine/google_ads
//     (`Campaign`, `Currency code`, `Impr.`, `Clicks`, `Interactions`, `Cost`,
//     `Conversions`, `Conv. value`, en-GB `Optimisation score`; `Total: Campaigns`,
//     `Total: Campaign`, `Total: Account`, `Total: Video`, `Total: Demand Gen`).
//   de: a public importer fixture (`Tag`, `Kampagne`, `Kosten`, `Impr.`, `Klicks`, `Conv.-Wert`,
//     `Währungscode`, `Gesamt: …`).
//   fr: a public dashboard reading a French UTF-16 tab download (`État de la campagne`,
//     `Campagne`, `Coût`, `Impr.`, `Clics`, `Interactions`, `Conversions`, `Coût/conv.`,
//     `CPC moy.`, `Type de campagne`, `Total : Campagnes` in the first column, numbers
//     `1 178`, `23,55`); `Jour`, `Code de la devise` and `Valeur de conv.` are the UI's
//     wording as far as known, not seen in a file.
//   es: public importers of Spanish downloads (es-419 `Campaña`, `Estado de la campaña`,
//     `Costo`, `Clics`, `Impr.`, `Conversiones`, `Código de moneda`, `Valor de conv.`,
//     `Total: Campañas`, `Total: Cuenta`, `Total: Búsqueda`; es-ES `Día`, `Coste`).
//   pt-BR: public importers ("nomes exatos do CSV exportado": `Campanha`, `Custo`,
//     `Cliques`, `Impr.`, `Conversões`, `Valor de conv.`).
import { monthFirstIfEnglish, type PlatformFormat } from './format.ts';

export const googleAds: PlatformFormat = {
  format: 'google_ads',
  platform: 'google_ads',
  label: 'Google Ads (incl. YouTube)',
  kind: 'ad',
  columns: {
    date: ['day', 'date', 'tag', 'jour', 'día', 'dia'],
    account: ['account', 'account name', 'customer id', 'kontoname', 'konto', 'compte', 'cuenta', 'conta'],
    currency: [
      'currency code', 'currency', 'währungscode', 'währung', 'code de la devise', 'code devise', 'devise',
      'código de moneda', 'moneda', 'código da moeda', 'moeda',
    ],
    campaign_id: ['campaign id', 'kampagnen-id', 'id de campagne', 'id de la campagne', 'id de campaña', 'id da campanha'],
    campaign_name: ['campaign', 'kampagne', 'campagne', 'campaña', 'campanha'],
    ad_set_id: ['ad group id', 'anzeigengruppen-id', "id du groupe d'annonces", 'id del grupo de anuncios', 'id do grupo de anúncios'],
    ad_set_name: ['ad group', 'anzeigengruppe', "groupe d'annonces", 'grupo de anuncios', 'grupo de anúncios'],
    impressions: ['impr.', 'impressions', 'impressionen', 'impresiones', 'impressões'],
    // Google counts a click when someone clicks the ad and is taken to its
    // landing page: a link click, as Meta's `Link clicks` (docs/formats.md,
    // "Google Ads"; docs/decisions.md). It is both the clicks and the link
    // clicks of the row, as Snapchat's swipe ups are.
    clicks: ['clicks', 'klicks', 'clics', 'cliques'],
    link_clicks: ['clicks', 'klicks', 'clics', 'cliques'],
    video_views: ['views', 'aufrufe', 'vues', 'vistas', 'visualizações'],
    spend: ['cost', 'kosten', 'coût', 'costo', 'coste', 'custo'],
    conversions: ['conversions', 'conv.', 'conversiones', 'conversões'],
    conversion_value: [
      'conv. value', 'conversion value', 'conv.-wert', 'conversion-wert', 'valeur de conv.', 'valeur de conversion',
      'valor de conv.', 'valor de conversión', 'valor da conversão',
    ],
  },
  // Neither a day (the default download has none) nor clicks (video and Demand
  // Gen reports have none) is required. What tells a Google Ads report from
  // TikTok's (`Campaign name`, `Cost`, `Impressions`) is its bare `Campaign`
  // column or its `Impr.`, with a cost column.
  required: [['campaign_name', 'campaign_id'], ['spend'], ['impressions']],
  signature: ['campaign', 'kampagne', 'campagne', 'campaña', 'campanha', 'impr.'],
  slashDateOrder: monthFirstIfEnglish(['day', 'date']),
  engagementDefinition: 'not reported: Google Ads "interactions" are clicks or video views, not social engagements',
};
