-- Grain: one row per month, source, name and attribution model of something
-- that matched no campaign of campaigns.csv: platform campaigns (source
-- `platform`, with their spend) and utm values of touchpoints and orders
-- (source `utm`, platform = utm_source, with the touches of the month and the
-- revenue the model credits to `unmapped` for the month's orders). The report
-- shows the rows of its attribution model; spend and touches are the same under
-- every model.
-- An order's unmapped revenue is named by the utm value of its latest unmapped
-- touch (the touch that ends its path under last touch). Under a model that
-- credits two unmapped touches of different utm values in one path, the value
-- of the later one carries both.
-- Invariant: per month and model, the utm rows' revenue is the revenue the
-- attribution mart credits to `unmapped`.
-- test unique: month, source, platform, name, model
-- dataset [de] Je Monat, Quelle und Name: Plattform-Kampagnen und UTM-Werte, die keiner Kampagne von campaigns.csv zugeordnet sind, mit Ausgaben oder Umsatz.
-- dataset [en] Per month, source and name: platform campaigns and UTM values that match no campaign of campaigns.csv, with their spend or revenue.
-- dataset [fr] Par mois, source et nom : campagnes de plateforme et valeurs UTM sans campagne dans campaigns.csv, avec leurs dépenses ou leur chiffre d’affaires.
with ad_months as (
    select * from int_ad_monthly_mapped
),

touchpoints as (
    select * from int_touchpoints_mapped
),

ga4_sessions as (
    select * from int_ga4_sessions
),

paths as (
    select * from int_attribution_paths
),

credits as (
    select * from int_attribution_credits
    where campaign = 'unmapped'
),

attributed as (
    select * from attribution
),

settings as (
    select * from stg_report__settings
),

orders as (
    select * from int_orders_net
),

-- every model the report computes (the selected one also when there is no conversion)
models as (
    select distinct model from attributed
    union
    select attribution_model as model from settings
),

platform_campaigns as (
    select
        month,
        'platform' as source,
        platform,
        coalesce(campaign_name, platform_campaign_key) as name,
        cast(round(sum(spend_report), 2) as decimal(18, 2)) as spend,
        cast(null as bigint) as touches,
        cast(null as decimal(18, 2)) as revenue,
    from ad_months
    where campaign = 'unmapped'
    group by all
),

utm_touches as (
    select
        -- the month of the touch's day in the report time zone
        strftime(touchpoints.touched_date, '%Y-%m') as month,
        coalesce(touchpoints.utm_source, '(none)') as platform,
        coalesce(touchpoints.utm_campaign, '(none)') as name,
        count(*) as touches,
    from touchpoints
    where touchpoints.campaign = 'unmapped'
    group by all
),

-- the latest unmapped touch of each conversion's path: it names the order's unmapped revenue
last_touches as (
    select order_key, arg_max(touch_source, position) as touch_source, arg_max(source_line, position) as source_line,
    from paths
    where campaign = 'unmapped'
    group by order_key
),

utm_revenue as (
    select
        credits.order_month as month,
        coalesce(touchpoints.utm_source, ga4_sessions.utm_source, orders.utm_source, '(none)') as platform,
        coalesce(touchpoints.utm_campaign, lower(trim(ga4_sessions.utm_campaign_as_sent)), orders.utm_campaign, '(none)') as name,
        credits.model,
        sum(credits.revenue_credit) as revenue,
    from credits
    inner join last_touches using (order_key)
    inner join orders using (order_key)
    left join (select * from last_touches where touch_source = 'touchpoints') as journey_touches using (order_key)
    left join touchpoints
        on touchpoints.source_line = journey_touches.source_line
    -- the ga4 touches picked before the join, like the journey touches: a condition on
    -- last_touches beside the key would make the join compare every row with every row
    left join (select * from last_touches where touch_source = 'ga4') as ga4_touches using (order_key)
    left join ga4_sessions
        on ga4_sessions.session_number = ga4_touches.source_line
    group by all
),

-- the touches once per model, beside each model's revenue
utm_touches_by_model as (
    select utm_touches.*, models.model,
    from utm_touches
    cross join models
),

utm_values as (
    select
        coalesce(utm_touches_by_model.month, utm_revenue.month) as month,
        'utm' as source,
        coalesce(utm_touches_by_model.platform, utm_revenue.platform) as platform,
        coalesce(utm_touches_by_model.name, utm_revenue.name) as name,
        coalesce(utm_touches_by_model.model, utm_revenue.model) as model,
        cast(null as decimal(18, 2)) as spend,
        coalesce(utm_touches_by_model.touches, 0) as touches,
        coalesce(utm_revenue.revenue, 0) as revenue,
    from utm_touches_by_model
    full outer join utm_revenue using (month, platform, name, model)
),

final as (
    select platform_campaigns.*, models.model,
    from platform_campaigns
    cross join models
    union all by name
    select * from utm_values
)

select * from final
