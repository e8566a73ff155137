-- Grain: one row per ISO week (Monday to Sunday) and channel, every week from the first
-- to the last day of data and every channel that ever had media spend or credited
-- revenue, so that the series has no gaps. Unique key: (week_start, channel).
-- The weekly table that media-mix tools (Meridian, PyMC-Marketing, Robyn) read: the
-- attribution page offers it as a download with one row per week and one column per
-- channel (README, "Media-mix export"). Per channel: media spend in the report currency,
-- impressions and clicks from the platforms' daily rows, on the platform's day; the
-- revenue and conversions the report's model (attribution_model) credits to the channel's
-- campaigns for orders on the week's days in the report time zone. Beside them, the same
-- on every row of the week: the shop's net revenue and orders (conversions: orders with
-- net revenue above 0) that week, the KPI a media-mix model explains.
-- A week is complete when both the orders and the paid platform data cover all its
-- seven days; the first and last weeks of the data are often not.
-- Spend of period rows (monthly exports, pro rata estimates) is not in it: a week needs
-- days, which those rows do not give. Influencer fees and other costs of costs.csv are
-- not media spend. Channel `unmapped` holds platform campaigns campaigns.csv does not
-- map, `unattributed` the revenue no campaign is credited with.
-- test unique: week_start, channel
-- test not_null: week_start, week_end, channel, media_spend, shop_revenue, shop_orders
-- test check: media_spend >= 0 and shop_revenue >= 0
-- dataset [de] Je ISO-Woche und Kanal: Mediaausgaben, Impressionen, Klicks, Umsatz und Bestellungen, die Tabelle für Media-Mix-Modelle.
-- dataset [en] Per ISO week and channel: media spend, impressions, clicks, revenue and orders, the table for media-mix models.
-- dataset [fr] Par semaine ISO et par canal : dépenses média, impressions, clics, chiffre d’affaires et commandes, le tableau des modèles de mix média.
with ad_days as (
    select * from int_ad_daily_mapped
),

credits as (
    select * from int_attribution_credits
),

orders as (
    select * from int_orders_net
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

settings as (
    select * from stg_report__settings
),

media as (
    select
        cast(date_trunc('week', ad_days.report_date) as date) as week_start,
        coalesce(campaigns.channel, ad_days.campaign) as channel,
        sum(ad_days.spend_report) as media_spend,
        sum(ad_days.impressions) as impressions,
        sum(ad_days.clicks) as clicks,
    from ad_days
    left join campaigns using (campaign)
    group by all
),

attributed as (
    select
        cast(date_trunc('week', orders.order_date) as date) as week_start,
        coalesce(campaigns.channel, credits.campaign) as channel,
        sum(credits.revenue_credit) as attributed_revenue,
        sum(credits.conversion_credit) as attributed_conversions,
    from credits
    cross join settings
    inner join orders
        on orders.order_key = credits.order_key
    left join campaigns
        on campaigns.campaign = credits.campaign
    where credits.model = settings.attribution_model
    group by all
),

shop as (
    select
        cast(date_trunc('week', order_date) as date) as week_start,
        sum(net_revenue) as shop_revenue,
        count(*) filter (where is_conversion) as shop_orders,
    from orders
    group by all
),

-- the days each source covers: a week is complete inside both
coverage as (
    select
        greatest(order_days.first_day, ad_range.first_day) as first_day,
        least(order_days.last_day, ad_range.last_day) as last_day,
        least(order_days.first_day, ad_range.first_day) as any_first_day,
        greatest(order_days.last_day, ad_range.last_day) as any_last_day,
    from (select min(order_date) as first_day, max(order_date) as last_day from orders) as order_days
    cross join (select min(report_date) as first_day, max(report_date) as last_day from ad_days) as ad_range
),

weeks as (
    select cast(unnest(generate_series(date_trunc('week', any_first_day), date_trunc('week', any_last_day), interval 7 day)) as date) as week_start
    from coverage
    where any_first_day is not null
),

channels as (
    select channel from media
    union
    select channel from attributed
),

final as (
    select
        weeks.week_start,
        cast(weeks.week_start + 6 as date) as week_end,
        strftime(weeks.week_start, '%G-W%V') as iso_week,
        weeks.week_start >= coverage.first_day and weeks.week_start + 6 <= coverage.last_day as is_complete,
        channels.channel,
        settings.attribution_model as model,
        cast(round(coalesce(media.media_spend, 0), 2) as decimal(18, 2)) as media_spend,
        -- no platform row that week is none shown; a row that does not report the count leaves it empty
        case when media.week_start is null then 0 else media.impressions end as impressions,
        case when media.week_start is null then 0 else media.clicks end as clicks,
        cast(round(coalesce(attributed.attributed_revenue, 0), 2) as decimal(18, 2)) as attributed_revenue,
        coalesce(attributed.attributed_conversions, 0) as attributed_conversions,
        cast(coalesce(shop.shop_revenue, 0) as decimal(18, 2)) as shop_revenue,
        coalesce(shop.shop_orders, 0) as shop_orders,
    from weeks
    cross join coverage
    cross join settings
    cross join channels
    left join media
        on media.week_start = weeks.week_start
        and media.channel = channels.channel
    left join attributed
        on attributed.week_start = weeks.week_start
        and attributed.channel = channels.channel
    left join shop
        on shop.week_start = weeks.week_start
)

select * from final
