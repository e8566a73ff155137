-- Grain: one row per month, campaign and attribution model, for every campaign
-- with costs or credited revenue. Unique key: (month, campaign, model).
-- metric roi [de] ROI: (Rohertrag − Gesamtkosten) ÷ Gesamtkosten; leer ohne Kosten
-- metric roi [en] ROI: (gross profit - total cost) / total cost; empty when there is no cost
-- metric roi [fr] ROI: (marge brute − coût total) ÷ coût total ; vide sans coût
-- metric roas [de] ROAS: zugeordneter Umsatz ÷ Mediaausgaben; leer ohne Mediaausgaben
-- metric roas [en] ROAS: attributed revenue / media spend; empty without media spend
-- metric roas [fr] ROAS: chiffre d’affaires attribué ÷ dépenses média ; vide sans dépenses média
-- metric cpa [de] CPA: Gesamtkosten ÷ zugeordnete Conversions
-- metric cpa [en] CPA: total cost / attributed conversions
-- metric cpa [fr] CPA: coût total ÷ conversions attribuées
-- metric platform_roas [de] Plattform-ROAS: von der Plattform gemeldeter Conversion-Wert ÷ Mediaausgaben der Zeilen, die einen Conversion-Wert melden, neben dem zugeordneten ROAS; leer, wenn keine Zeile einen meldet
-- metric platform_roas [en] Platform-reported ROAS: conversion value the platform reports / media spend of the rows that report a conversion value, beside the attributed ROAS; empty when no row reports one
-- metric platform_roas [fr] ROAS déclaré par la plateforme: valeur de conversion déclarée par la plateforme ÷ dépenses média des lignes qui déclarent une valeur de conversion, à côté du ROAS attribué ; vide si aucune ligne n’en déclare
-- Beside revenue, conversions, gross profit, ROI, ROAS and CPA: their interval at the
-- report's interval_level (_low, _high) from the bootstrap over customers
-- (int_roi_intervals); empty when bootstrap_replicates is 0.
-- metric too_few_conversions_campaign [de] Zu wenige Conversions (Kampagne): zugeordnete Conversions unter dem Modell der Zeile unter `min_conversions` (report.json, Vorgabe 20)
-- metric too_few_conversions_campaign [en] Too few conversions (campaign): attributed conversions under the row's model below `min_conversions` (report.json, default 20)
-- metric too_few_conversions_campaign [fr] Trop peu de conversions (campagne): conversions attribuées sous le modèle de la ligne inférieures à `min_conversions` (report.json, 20 par défaut)
-- A messaging campaign (`objective` = `messaging`, int_campaign_objectives) keeps its
-- ROI and ROAS here, and its costs count in every total; the report judges it on
-- messaging_conversations and cost_per_conversation (campaign_performance) instead.
-- Beside each: the same campaign and model the month before (_prev), money changes relative, ROI change absolute.
-- test unique: month, campaign, model
-- test not_null: month, campaign, model, channel
-- test check: total_cost >= 0 and revenue >= 0
-- test check: roi >= -1
-- dataset [de] Je Monat, Kampagne und Attributionsmodell: Kosten, Umsatz, Rohertrag, ROI, ROAS und CPA mit ihren Bootstrap-Intervallen.
-- dataset [en] Per month, campaign and attribution model: cost, revenue, gross profit, ROI, ROAS and CPA with their bootstrap intervals.
-- dataset [fr] Par mois, campagne et modèle d’attribution : coût, chiffre d’affaires, marge brute, ROI, ROAS et CPA avec leurs intervalles bootstrap.
with performance as (
    select * from campaign_performance
),

credited as (
    select * from attribution
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

objectives as (
    select * from int_campaign_objectives
),

settings as (
    select * from stg_report__settings
),

intervals as (
    select * from int_roi_intervals
    where grain = 'campaign'
),

models as (
    select distinct model from credited
),

costs_per_model as (
    select performance.*, models.model
    from performance
    cross join models
),

joined as (
    select
        coalesce(costs_per_model.month, credited.month) as month,
        coalesce(costs_per_model.campaign, credited.campaign) as campaign,
        coalesce(costs_per_model.model, credited.model) as model,
        costs_per_model.platform,
        coalesce(costs_per_model.spend, 0) as media_spend,
        coalesce(costs_per_model.other_cost, 0) as other_cost,
        coalesce(costs_per_model.total_cost, 0) as total_cost,
        coalesce(credited.conversions, 0) as conversions,
        coalesce(credited.revenue, 0) as revenue,
        coalesce(credited.gross_profit, 0) as gross_profit,
        costs_per_model.platform_conversions,
        costs_per_model.platform_conversion_value,
        costs_per_model.spend_with_conversion_value,
        costs_per_model.messaging_conversations,
        costs_per_model.cost_per_conversation,
    from costs_per_model
    full outer join credited
        on credited.month = costs_per_model.month
        and credited.campaign = costs_per_model.campaign
        and credited.model = costs_per_model.model
),

with_ratios as (
    select
        joined.month,
        joined.campaign,
        joined.model,
        campaigns.name,
        coalesce(campaigns.channel, joined.campaign) as channel,
        campaigns.funnel_stage,
        objectives.objective,
        joined.platform,
        campaigns.influencer,
        joined.media_spend,
        joined.other_cost,
        joined.total_cost,
        joined.conversions,
        joined.revenue,
        joined.gross_profit,
        coalesce(campaigns.gross_margin, settings.gross_margin) as gross_margin,
        case when joined.total_cost > 0 then (joined.gross_profit - joined.total_cost) / joined.total_cost end as roi,
        case when joined.media_spend > 0 then joined.revenue / joined.media_spend end as roas,
        case when joined.conversions > 0 then cast(round(joined.total_cost / joined.conversions, 2) as decimal(18, 2)) end as cpa,
        joined.platform_conversions,
        joined.platform_conversion_value,
        joined.spend_with_conversion_value,
        case when joined.spend_with_conversion_value > 0 then joined.platform_conversion_value / joined.spend_with_conversion_value end as platform_roas,
        intervals.revenue_low,
        intervals.revenue_high,
        intervals.conversions_low,
        intervals.conversions_high,
        intervals.gross_profit_low,
        intervals.gross_profit_high,
        intervals.roi_low,
        intervals.roi_high,
        intervals.roas_low,
        intervals.roas_high,
        intervals.cpa_low,
        intervals.cpa_high,
        joined.conversions < settings.min_conversions as too_few_conversions,
        joined.messaging_conversations,
        joined.cost_per_conversation,
    from joined
    cross join settings
    left join campaigns using (campaign)
    left join objectives using (campaign)
    left join intervals
        on intervals.month = joined.month
        and intervals.key = joined.campaign
        and intervals.model = joined.model
),

final as (
    select
        cur.*,
        prev.total_cost as total_cost_prev,
        case when prev.total_cost <> 0 then (cur.total_cost - prev.total_cost) / prev.total_cost end as total_cost_change,
        prev.revenue as revenue_prev,
        case when prev.revenue <> 0 then (cur.revenue - prev.revenue) / prev.revenue end as revenue_change,
        prev.roi as roi_prev,
        cur.roi - prev.roi as roi_change,
    from with_ratios as cur
    left join with_ratios as prev
        on prev.campaign = cur.campaign
        and prev.model = cur.model
        and prev.month = strftime(strptime(cur.month || '-01', '%Y-%m-%d') - interval 1 month, '%Y-%m')
)

select * from final
