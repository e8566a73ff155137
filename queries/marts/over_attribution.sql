-- Grain: one row per month, platform and attribution model; platform `all` is
-- the platforms that report a conversion value, together.
-- Unique key: (month, platform, model).
-- metric over_attribution [de] Überattribution: von der Plattform gemeldeter Conversion-Wert ÷ Umsatz, den unser Modell ihren Kampagnen zuordnet (für `all`: die Werte der Plattformen, die einen melden ÷ der ihren Kampagnen zugeordnete Umsatz, jede Kampagne einmal); über 1 beansprucht die Plattform mehr, als sie eingebracht hat
-- metric over_attribution [en] Over-attribution: conversion value the platform reports / revenue our model attributes to its campaigns (for `all`: the values of the platforms that report one / the revenue attributed to their campaigns, each campaign once); above 1 the platform claims more than it earned
-- metric over_attribution [fr] Surattribution: valeur de conversion déclarée par la plateforme ÷ chiffre d’affaires que notre modèle attribue à ses campagnes (pour `all` : les valeurs des plateformes qui en déclarent une ÷ le chiffre d’affaires attribué à leurs campagnes, chaque campagne une fois) ; au-dessus de 1, la plateforme revendique plus qu’elle n’a rapporté
-- A platform that reports no conversion value has it empty ("not reported"),
-- and so its platform ROAS and over-attribution, never 0. platform_roas
-- divides by the spend of the rows that report a conversion value
-- (queries/README.md, "Metrics a platform does not report").
-- test unique: month, platform, model
-- test check: platform_conversion_value >= 0
-- dataset [de] Je Monat, Plattform und Attributionsmodell: der gemeldete Conversion-Wert gegen den zugeordneten Umsatz; `all` sind die Plattformen zusammen.
-- dataset [en] Per month, platform and attribution model: the reported conversion value against attributed revenue; `all` is the platforms together.
-- dataset [fr] Par mois, plateforme et modèle d’attribution : la valeur de conversion déclarée face au chiffre d’affaires attribué ; `all` regroupe les plateformes.
with ad_months as (
    select * from int_ad_monthly_mapped
),

credits as (
    select * from int_attribution_credits
),

platform_campaigns as (
    select distinct platform, campaign from ad_months
    where campaign <> 'unmapped'
),

models as (
    select distinct model from credits
),

claims as (
    select
        month,
        platform,
        cast(round(sum(spend_report), 2) as decimal(18, 2)) as media_spend,
        sum(conversions) as platform_conversions,
        cast(round(sum(conversion_value_report), 2) as decimal(18, 2)) as platform_conversion_value,
        cast(round(sum(spend_with_conversion_value), 2) as decimal(18, 2)) as spend_with_conversion_value,
    from ad_months
    group by all
),

-- credits per month, campaign and model first: a campaign on several platforms would
-- otherwise repeat every credit row once per platform
campaign_credits as (
    select
        order_month as month,
        campaign,
        model,
        sum(conversion_credit) as conversion_credit,
        sum(revenue_credit) as revenue_credit,
    from credits
    group by all
),

attributed as (
    select
        campaign_credits.month,
        platform_campaigns.platform,
        campaign_credits.model,
        sum(campaign_credits.conversion_credit) as attributed_conversions,
        sum(campaign_credits.revenue_credit) as attributed_revenue,
    from campaign_credits
    inner join platform_campaigns using (campaign)
    group by all
),

per_platform as (
    select
        claims.month,
        claims.platform,
        models.model,
        claims.media_spend,
        claims.platform_conversions,
        claims.platform_conversion_value,
        claims.spend_with_conversion_value,
        coalesce(attributed.attributed_conversions, 0) as attributed_conversions,
        coalesce(attributed.attributed_revenue, 0) as attributed_revenue,
    from claims
    cross join models
    left join attributed
        on attributed.month = claims.month
        and attributed.platform = claims.platform
        and attributed.model = models.model
),

-- the campaigns of the platforms that report a conversion value in the month, each once
-- (a campaign on two platforms is one campaign's credits)
reporting_campaigns as (
    select distinct claims.month, platform_campaigns.campaign
    from claims
    inner join platform_campaigns using (platform)
    where claims.platform_conversion_value is not null
),

reporting_attributed as (
    select
        campaign_credits.month,
        campaign_credits.model,
        sum(campaign_credits.conversion_credit) as attributed_conversions,
        sum(campaign_credits.revenue_credit) as attributed_revenue,
    from campaign_credits
    inner join reporting_campaigns using (month, campaign)
    group by all
),

-- `all`: the platforms that report a conversion value, taken together, measured as each
-- platform is (their claims against what the model credits their campaigns); a platform
-- that reports none is in no column of it, so that every figure of the row agrees with
-- the others (the site names the row so when a platform is left out)
all_platforms as (
    select
        per_platform.month,
        'all' as platform,
        per_platform.model,
        sum(per_platform.media_spend) filter (where per_platform.platform_conversion_value is not null) as media_spend,
        sum(per_platform.platform_conversions) filter (where per_platform.platform_conversion_value is not null) as platform_conversions,
        sum(per_platform.platform_conversion_value) as platform_conversion_value,
        sum(per_platform.spend_with_conversion_value) filter (where per_platform.platform_conversion_value is not null) as spend_with_conversion_value,
        coalesce(any_value(reporting_attributed.attributed_conversions), 0) as attributed_conversions,
        coalesce(any_value(reporting_attributed.attributed_revenue), 0) as attributed_revenue,
    from per_platform
    left join reporting_attributed using (month, model)
    group by per_platform.month, per_platform.model
),

final as (
    select
        *,
        case when spend_with_conversion_value > 0 then platform_conversion_value / spend_with_conversion_value end as platform_roas,
        case when media_spend > 0 then attributed_revenue / media_spend end as attributed_roas,
        case when attributed_revenue > 0 then platform_conversion_value / attributed_revenue end as over_attribution_factor,
    from (
        select * from per_platform
        union all
        select * from all_platforms
    )
)

select * from final
