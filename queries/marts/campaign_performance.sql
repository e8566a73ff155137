-- Grain: one row per month and campaign with platform activity or costs.
-- Unique key: (month, campaign). Money in the report currency, rounded to the cent.
-- Reach does not add up over days or campaigns: it is the platform's monthly
-- reach from a monthly export, when the campaign is one platform campaign and
-- such an export exists, and empty otherwise. A count no platform row of the
-- campaign's month reports (clicks of a Meta export without a clicks column,
-- engagements on Google Ads) is empty ("not reported"), never 0; where only
-- some rows report it, the count is their sum and every ratio over it is taken
-- over those rows alone (queries/README.md, "Metrics a platform does not
-- report"). spend_with_conversion_value carries the media spend of the rows
-- that report a conversion value to campaign_roi and channel_roi for their
-- platform ROAS.
-- metric media_spend [de] Mediaausgaben: Plattformausgaben in der Berichtswährung, zum EZB-Kurs des Tages jeder Zeile (`int_campaign_costs`)
-- metric media_spend [en] Media spend: platform spend in the report currency, at the ECB rate of each row's day (`int_campaign_costs`)
-- metric media_spend [fr] Dépenses média: dépenses de plateforme dans la devise du rapport, au taux BCE du jour de chaque ligne (`int_campaign_costs`)
-- metric platform_metrics [de] Plattformzahlen (Impressionen, Reichweite, Klicks, Link-Klicks, Interaktionen, Videoaufrufe, Follower, Plattform-Conversions und Conversion-Wert): die Summe über die Plattformzeilen, die die Zahl melden; leer („nicht erfasst“), wenn keine Zeile des Kampagnenmonats sie meldet, nie 0
-- metric platform_metrics [en] Platform metrics (impressions, reach, clicks, link clicks, engagements, video views, followers, platform conversions and conversion value): the sum over the platform rows that report the metric; empty ("not reported") when no row of the campaign's month reports it, never 0
-- metric platform_metrics [fr] Chiffres des plateformes (impressions, portée, clics, clics sur lien, engagements, vues de vidéo, abonnés, conversions et valeur de conversion déclarées): la somme sur les lignes de plateforme qui déclarent le chiffre ; vide (« non déclaré ») quand aucune ligne du mois de la campagne ne le déclare, jamais 0
-- metric cpm [de] CPM: Mediaausgaben ÷ Impressionen × 1000, beide über die Zeilen, die Impressionen melden
-- metric cpm [en] CPM: media spend / impressions x 1000, both over the rows that report impressions
-- metric cpm [fr] CPM: dépenses média ÷ impressions × 1000, les deux sur les lignes qui déclarent des impressions
-- metric cpc [de] CPC: Mediaausgaben ÷ Klicks, beide über die Zeilen, die Klicks melden
-- metric cpc [en] CPC: media spend / clicks, both over the rows that report clicks
-- metric cpc [fr] CPC: dépenses média ÷ clics, les deux sur les lignes qui déclarent des clics
-- metric ctr [de] CTR: Klicks ÷ Impressionen, beide über die Zeilen, die Klicks und Impressionen melden
-- metric ctr [en] CTR: clicks / impressions, both over the rows that report clicks and impressions
-- metric ctr [fr] CTR: clics ÷ impressions, les deux sur les lignes qui déclarent clics et impressions
-- metric engagement_rate_campaign [de] Interaktionsrate (Kampagne): Interaktionen ÷ Reichweite, oder ÷ Impressionen, wo die Reichweite unbekannt ist (`engagement_rate_basis`; dann beide über die Zeilen, die Interaktionen und Impressionen melden)
-- metric engagement_rate_campaign [en] Engagement rate (campaign): engagements / reach, or / impressions where reach is unknown (`engagement_rate_basis`; then both over the rows that report engagements and impressions)
-- metric engagement_rate_campaign [fr] Taux d’engagement (campagne): engagements ÷ portée, ou ÷ impressions là où la portée est inconnue (`engagement_rate_basis` ; alors les deux sur les lignes qui déclarent engagements et impressions)
-- metric messaging_conversations [de] Begonnene Unterhaltungen: Unterhaltungen, die Menschen nach der Anzeige in Messenger, WhatsApp oder Instagram Direct begonnen haben (Meta: `Messaging conversations started`, oder `Results` mit diesem Ergebnistyp); leer („nicht erfasst“), wenn keine Zeile sie meldet, nie 0
-- metric messaging_conversations [en] Conversations started: conversations people started in Messenger, WhatsApp or Instagram Direct after the ad (Meta: `Messaging conversations started`, or `Results` of that result type); empty ("not reported") when no row reports them, never 0
-- metric messaging_conversations [fr] Conversations commencées: conversations que des personnes ont commencées dans Messenger, WhatsApp ou Instagram Direct après la publicité (Meta : `Messaging conversations started`, ou `Results` de ce type de résultat) ; vide (« non déclaré ») quand aucune ligne ne les déclare, jamais 0
-- metric cost_per_conversation [de] Kosten je Unterhaltung: Mediaausgaben ÷ begonnene Unterhaltungen, beide über die Zeilen, die Unterhaltungen melden; leer ohne Unterhaltungen
-- metric cost_per_conversation [en] Cost per conversation: media spend / conversations started, both over the rows that report conversations; empty without conversations
-- metric cost_per_conversation [fr] Coût par conversation: dépenses média ÷ conversations commencées, les deux sur les lignes qui déclarent des conversations ; vide sans conversation
-- metric objective [de] Ziel: `messaging` für eine Messaging-Kampagne (Click-to-WhatsApp, Click-to-Messenger), die nach Unterhaltungen und ihren Kosten beurteilt wird, nicht nach ROI (`int_campaign_objectives`); sonst leer
-- metric objective [en] Objective: `messaging` for a messaging campaign (click-to-WhatsApp, click-to-Messenger), judged on conversations and their cost, not on ROI (`int_campaign_objectives`); otherwise empty
-- metric objective [fr] Objectif: `messaging` pour une campagne de messagerie (click-to-WhatsApp, click-to-Messenger), jugée sur les conversations et leur coût, pas sur le ROI (`int_campaign_objectives`) ; sinon vide
-- test unique: month, campaign
-- test not_null: month, campaign, channel
-- test check: spend >= 0 and other_cost >= 0
-- dataset [de] Je Monat und Kampagne: Mediaausgaben und die Zahlen der Plattformen (Impressionen, Reichweite, Klicks, Interaktionen, Conversions).
-- dataset [en] Per month and campaign: media spend and the platforms' figures (impressions, reach, clicks, engagements, conversions).
-- dataset [fr] Par mois et par campagne : dépenses média et chiffres des plateformes (impressions, portée, clics, engagements, conversions).
with ad_months as (
    select * from int_ad_monthly_mapped
),

campaign_costs as (
    select * from int_campaign_costs
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

objectives as (
    select * from int_campaign_objectives
),

media as (
    select
        month,
        campaign,
        string_agg(distinct platform, '+' order by platform) as platform,
        case when count(*) = 1 then max(reach) end as reach,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(link_clicks) as link_clicks,
        sum(engagements) as engagements,
        sum(video_views) as video_views,
        sum(followers_gained) as followers_gained,
        sum(messaging_conversations) as messaging_conversations,
        sum(new_messaging_contacts) as new_messaging_contacts,
        sum(spend_with_messaging_conversations) as spend_with_messaging_conversations,
        sum(conversions) as platform_conversions,
        sum(conversion_value_report) as platform_conversion_value,
        sum(spend_with_impressions) as spend_with_impressions,
        sum(spend_with_clicks) as spend_with_clicks,
        sum(spend_with_conversion_value) as spend_with_conversion_value,
        sum(clicks_with_impressions) as clicks_with_impressions,
        sum(impressions_with_clicks) as impressions_with_clicks,
        sum(engagements_with_impressions) as engagements_with_impressions,
        sum(impressions_with_engagements) as impressions_with_engagements,
        string_agg(distinct engagement_definition, '; ' order by engagement_definition) as engagement_definition,
    from ad_months
    group by month, campaign
),

joined as (
    select
        coalesce(media.month, campaign_costs.month) as month,
        coalesce(media.campaign, campaign_costs.campaign) as campaign,
        media.platform,
        media.impressions,
        media.reach,
        media.clicks,
        media.link_clicks,
        media.engagements,
        media.video_views,
        media.followers_gained,
        media.messaging_conversations,
        media.new_messaging_contacts,
        cast(round(media.spend_with_messaging_conversations, 2) as decimal(18, 2)) as spend_with_messaging_conversations,
        campaign_costs.spend,
        campaign_costs.other_cost,
        media.platform_conversions,
        cast(round(media.platform_conversion_value, 2) as decimal(18, 2)) as platform_conversion_value,
        media.engagement_definition,
        cast(round(media.spend_with_impressions, 2) as decimal(18, 2)) as spend_with_impressions,
        cast(round(media.spend_with_clicks, 2) as decimal(18, 2)) as spend_with_clicks,
        cast(round(media.spend_with_conversion_value, 2) as decimal(18, 2)) as spend_with_conversion_value,
        media.clicks_with_impressions,
        media.impressions_with_clicks,
        media.engagements_with_impressions,
        media.impressions_with_engagements,
    from media
    full outer join campaign_costs
        on campaign_costs.month = media.month
        and campaign_costs.campaign = media.campaign
),

final as (
    select
        joined.month,
        joined.campaign,
        campaigns.name,
        coalesce(campaigns.channel, joined.campaign) as channel,
        joined.platform,
        campaigns.funnel_stage,
        objectives.objective,
        joined.impressions,
        joined.reach,
        joined.clicks,
        joined.link_clicks,
        joined.engagements,
        joined.video_views,
        joined.followers_gained,
        joined.messaging_conversations,
        joined.new_messaging_contacts,
        joined.spend_with_messaging_conversations,
        case when joined.messaging_conversations > 0 then joined.spend_with_messaging_conversations / joined.messaging_conversations end as cost_per_conversation,
        joined.spend,
        joined.other_cost,
        joined.spend + joined.other_cost as total_cost,
        joined.platform_conversions,
        joined.platform_conversion_value,
        joined.spend_with_conversion_value,
        case when joined.impressions > 0 then joined.spend_with_impressions / joined.impressions * 1000 end as cpm,
        case when joined.clicks > 0 then joined.spend_with_clicks / joined.clicks end as cpc,
        case when joined.impressions_with_clicks > 0 then joined.clicks_with_impressions / joined.impressions_with_clicks end as ctr,
        case
            when joined.engagements is null then null
            when joined.reach > 0 then 'reach'
            when joined.impressions_with_engagements > 0 then 'impressions'
        end as engagement_rate_basis,
        case
            when joined.engagements is null then null
            when joined.reach > 0 then joined.engagements / joined.reach
            when joined.impressions_with_engagements > 0 then joined.engagements_with_impressions / joined.impressions_with_engagements
        end as engagement_rate,
        joined.engagement_definition,
    from joined
    left join campaigns using (campaign)
    left join objectives using (campaign)
)

select * from final
