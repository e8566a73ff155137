-- Grain: one row per month, source and name of something that matched no
-- campaign of campaigns.csv: platform campaigns (source `platform`, with their
-- spend) and utm values of touchpoints and orders (source `utm`, platform =
-- utm_source, with the touches of the month and the revenue of the month's
-- orders whose last touch they were).
with ad_months as (
    select * from int_ad_monthly_mapped
),

touchpoints as (
    select * from int_touchpoints_mapped
),

paths as (
    select * from int_attribution_paths
),

credits as (
    select * from int_attribution_credits
    where model = 'last_touch' and campaign = 'unmapped'
),

orders as (
    select * from int_orders_net
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

-- the touch that ends each conversion's path (the path transform keeps it)
last_touches as (
    select order_key, touch_source, source_line
    from paths
    where position = path_length
),

utm_revenue as (
    select
        credits.order_month as month,
        coalesce(touchpoints.utm_source, orders.utm_source, '(none)') as platform,
        coalesce(touchpoints.utm_campaign, orders.utm_campaign, '(none)') as name,
        sum(credits.revenue_credit) as revenue,
    from credits
    inner join last_touches using (order_key)
    inner join orders using (order_key)
    left join (select * from last_touches where touch_source = 'touchpoints') as journey_touches using (order_key)
    left join touchpoints
        on touchpoints.source_line = journey_touches.source_line
    group by all
),

utm_values as (
    select
        coalesce(utm_touches.month, utm_revenue.month) as month,
        'utm' as source,
        coalesce(utm_touches.platform, utm_revenue.platform) as platform,
        coalesce(utm_touches.name, utm_revenue.name) as name,
        cast(null as decimal(18, 2)) as spend,
        coalesce(utm_touches.touches, 0) as touches,
        coalesce(utm_revenue.revenue, 0) as revenue,
    from utm_touches
    full outer join utm_revenue using (month, platform, name)
),

final as (
    select * from platform_campaigns
    union all
    select * from utm_values
)

select * from final
