-- One row per touch that may earn credit for a conversion. A touch counts when
-- it is the same customer's, inside the lookback window, and a click (views
-- only when `count_views` is true). The window is measured
--   lookback_basis = 'time':          elapsed time: from exactly lookback_days x 24 hours
--                                     before the order to the order, whatever
--                                     daylight-saving change lies between (30 days
--                                     before 13:00 CET on 10 November is 14:00 CEST
--                                     on 11 October);
--   lookback_basis = 'calendar_days': 0 <= order date - touch date <= lookback_days,
--                                     dates in the report time zone, no time-of-day
--                                     check (as Fractribution does), so it runs from
--                                     midnight lookback_days before the order's day to
--                                     the end of that day.
-- Journeys come from one of two sources per order: an order with a GA4 purchase
-- of an observable browser (int_ga4_purchases.is_linked) has that browser's GA4
-- sessions as its touches (int_ga4_sessions, is_touch, each a click at the
-- session's start), and touchpoints.csv is not read for it; every other order has
-- its customer's touchpoints.csv rows.
-- When the journey has no such touch, the utm fields of the order itself count
-- as one click at the time of the order.
-- Orders are named by order_key (int_orders_net); campaign_number is the campaign's
-- number in int_attribution_campaign_numbers.
-- Mechanics: the window is computed once per order as a span of microseconds since
-- 1970, and touches are joined on it.
-- Read by int_attribution_paths, which numbers the touches as it computes them
-- (faster than storing and reading back eight million rows at scale):
-- materialized: view
with conversions as (
    select * from int_orders_net
    where is_conversion
),

touchpoints as (
    select * from stg_web__touchpoints
),

ga4_sessions as (
    select * from int_ga4_sessions
    where is_touch
),

ga4_orders as (
    select order_key, browser_id from int_ga4_purchases
    where is_linked
),

utm_mapping as (
    select * from int_utm_campaigns_mapped
),

campaign_numbers as (
    select * from int_attribution_campaign_numbers
),

settings as (
    select * from stg_report__settings
),

windows as (
    select
        conversions.order_key,
        conversions.customer_id,
        conversions.ordered_at,
        -- the lookback window, first and last microsecond since 1970
        case
            when settings.lookback_basis = 'calendar_days'
            then epoch_us(timezone(settings.timezone, cast(conversions.order_date - settings.lookback_days as timestamp)))
            else epoch_us(conversions.ordered_at) - settings.lookback_days * 86400000000
        end as window_start_us,
        case
            when settings.lookback_basis = 'calendar_days'
            then epoch_us(timezone(settings.timezone, cast(conversions.order_date + 1 as timestamp))) - 1
            else epoch_us(conversions.ordered_at)
        end as window_end_us,
    from conversions
    cross join settings
),

journey as (
    select
        conversions.order_key,
        touchpoints.occurred_at as touched_at,
        coalesce(utm_mapping.campaign, 'unmapped') as campaign,
        touchpoints.interaction,
        'touchpoints' as touch_source,
        touchpoints.source_line,
        conversions.ordered_at,
    from windows as conversions
    cross join settings
    inner join touchpoints
        on touchpoints.customer_id = conversions.customer_id
        and (touchpoints.interaction = 'click' or settings.count_views)
        and epoch_us(touchpoints.occurred_at) between conversions.window_start_us and conversions.window_end_us
    -- mapped after the join, which keeps a fifth of the touchpoints (as int_touchpoints_mapped
    -- maps them; an inner join would let DuckDB map all 50 M first)
    left join utm_mapping
        on utm_mapping.utm_campaign_as_sent is not distinct from touchpoints.utm_campaign_as_sent
    -- an order GA4 saw being bought takes its journey from GA4 (ga4_journey)
    anti join ga4_orders
        on ga4_orders.order_key = conversions.order_key

    union all

    select
        conversions.order_key,
        ga4_sessions.session_started_at as touched_at,
        coalesce(utm_mapping.campaign, 'unmapped') as campaign,
        'click' as interaction,
        'ga4' as touch_source,
        ga4_sessions.session_number as source_line,
        conversions.ordered_at,
    from windows as conversions
    inner join ga4_orders
        on ga4_orders.order_key = conversions.order_key
    inner join ga4_sessions
        on ga4_sessions.browser_id = ga4_orders.browser_id
        and epoch_us(ga4_sessions.session_started_at) between conversions.window_start_us and conversions.window_end_us
    left join utm_mapping
        on utm_mapping.utm_campaign_as_sent is not distinct from ga4_sessions.utm_campaign_as_sent
),

order_utm as (
    select
        conversions.order_key,
        conversions.ordered_at as touched_at,
        coalesce(utm_mapping.campaign, 'unmapped') as campaign,
        'click' as interaction,
        'order' as touch_source,
        conversions.source_line,
        conversions.ordered_at,
    from conversions
    left join utm_mapping
        on utm_mapping.utm_campaign_as_sent is not distinct from conversions.utm_campaign_as_sent
    where (conversions.utm_source is not null or conversions.utm_campaign is not null)
        and conversions.order_key not in (select order_key from journey)
),

touches as (
    select * from journey
    union all
    select * from order_utm
),

final as (
    select
        touches.*,
        campaign_numbers.number as campaign_number,
    from touches
    inner join campaign_numbers using (campaign)
)

select * from final
