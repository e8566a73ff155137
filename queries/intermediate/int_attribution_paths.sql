-- One row per touch of a path, in time order: the paths of conversions (the
-- touches of int_attribution_touches) and of customers who never convert (their
-- touches inside the lookback window before their last touch, measured the same
-- way). The data-driven model needs both.
-- path_transform = 'collapse_repeats' keeps one touch of each run of
-- consecutive touches of the same campaign (the latest, closest to the end).
with conversion_touches as (
    select * from int_attribution_touches
),

conversions as (
    select * from int_orders_net
    where is_conversion
),

touchpoints as (
    select * from int_touchpoints_mapped
),

settings as (
    select * from stg_report__settings
),

converting_customers as (
    select distinct customer_id from conversions
    where customer_id is not null
),

eligible_touchpoints as (
    select touchpoints.*
    from touchpoints
    cross join settings
    where (touchpoints.interaction = 'click' or settings.count_views)
        and touchpoints.customer_id not in (select customer_id from converting_customers)
),

non_conversion_ends as (
    select customer_id, max(occurred_at) as ended_at, max(touched_date) as ended_date
    from eligible_touchpoints
    group by customer_id
),

non_conversion_touches as (
    select
        'non_conversion' as kind,
        eligible_touchpoints.customer_id as path_id,
        eligible_touchpoints.occurred_at as touched_at,
        eligible_touchpoints.campaign,
        eligible_touchpoints.source_line,
        non_conversion_ends.ended_at,
    from eligible_touchpoints
    cross join settings
    inner join non_conversion_ends using (customer_id)
    where case settings.lookback_basis
        when 'calendar_days' then non_conversion_ends.ended_date - eligible_touchpoints.touched_date <= settings.lookback_days
        else eligible_touchpoints.occurred_at >= non_conversion_ends.ended_at - to_days(settings.lookback_days)
    end
),

all_touches as (
    select
        'conversion' as kind,
        conversion_touches.order_id as path_id,
        conversion_touches.touched_at,
        conversion_touches.campaign,
        conversion_touches.source_line,
        conversions.ordered_at as ended_at,
    from conversion_touches
    inner join conversions using (order_id)
    union all
    select * from non_conversion_touches
),

ordered as (
    select
        *,
        lead(campaign) over (partition by kind, path_id order by touched_at, campaign, source_line) as next_campaign,
    from all_touches
),

transformed as (
    select ordered.*
    from ordered
    cross join settings
    where settings.path_transform = 'none'
        or next_campaign is null
        or next_campaign <> campaign
),

final as (
    select
        kind,
        path_id,
        row_number() over (partition by kind, path_id order by touched_at, campaign, source_line) as position,
        count(*) over (partition by kind, path_id) as path_length,
        campaign,
        touched_at,
        epoch(ended_at - touched_at) / 86400 as days_before_end,
    from transformed
)

select * from final
