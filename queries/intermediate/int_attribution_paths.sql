-- One row per touch of a path, in time order: the paths of conversions (the
-- touches of int_attribution_touches) and of customers who never convert (their
-- touches inside the lookback window before their last touch, measured the same
-- way). The data-driven model needs both.
-- path_transform = 'collapse_repeats' keeps one touch of each run of
-- consecutive touches of the same campaign (the latest, closest to the end).
-- Spans of time (the lookback window, days before the end) follow the report time
-- zone's calendar; that arithmetic is slow, so it runs only for spans with an offset
-- change near them (int_timezone_offsets), and elsewhere plain elapsed time gives the
-- same numbers.
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

timezone_offsets as (
    select * from int_timezone_offsets
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

non_conversion_windows as (
    select
        non_conversion_ends.*,
        -- where the lookback window starts (microseconds since 1970): lookback_days calendar
        -- days before the end, which is lookback_days x 24 hours unless the offset changes near it
        case
            when coalesce(
                timezone_offsets.changes_through[epoch_us(ended_at) // 3600000000 + 25 - timezone_offsets.first_hour + 1]
                    <> timezone_offsets.changes_through[epoch_us(ended_at) // 3600000000 - 24 * settings.lookback_days - 25 - timezone_offsets.first_hour + 1],
                true)
            then epoch_us(ended_at - to_days(settings.lookback_days))
            else epoch_us(ended_at) - settings.lookback_days * 86400000000
        end as window_start_us,
    from non_conversion_ends
    cross join settings
    cross join timezone_offsets
),

non_conversion_touches as (
    select
        'non_conversion' as kind,
        eligible_touchpoints.customer_id as path_id,
        eligible_touchpoints.occurred_at as touched_at,
        eligible_touchpoints.campaign,
        eligible_touchpoints.source_line,
        non_conversion_windows.ended_at,
    from eligible_touchpoints
    cross join settings
    inner join non_conversion_windows using (customer_id)
    where case settings.lookback_basis
        when 'calendar_days' then non_conversion_windows.ended_date - eligible_touchpoints.touched_date <= settings.lookback_days
        else epoch_us(eligible_touchpoints.occurred_at) >= non_conversion_windows.window_start_us
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
        lead(campaign) over path_order as next_campaign,
        row_number() over path_order as untransformed_position,
        count(*) over path_order_whole as untransformed_length,
    from all_touches
    window
        path_order as (partition by kind, path_id order by touched_at, campaign, source_line),
        path_order_whole as (
            partition by kind, path_id order by touched_at, campaign, source_line
            rows between unbounded preceding and unbounded following
        )
),

-- path_transform = 'none': every touch stays where it is
untransformed as (
    select
        ordered.kind,
        ordered.path_id,
        ordered.untransformed_position as position,
        ordered.untransformed_length as path_length,
        ordered.campaign,
        ordered.touched_at,
        ordered.ended_at,
    from ordered
    cross join settings
    where settings.path_transform = 'none'
),

-- collapse_repeats: the last touch of each run of one campaign stays, numbered anew
collapsed as (
    select
        ordered.kind,
        ordered.path_id,
        row_number() over (partition by ordered.kind, ordered.path_id order by ordered.touched_at, ordered.campaign, ordered.source_line) as position,
        count(*) over (partition by ordered.kind, ordered.path_id) as path_length,
        ordered.campaign,
        ordered.touched_at,
        ordered.ended_at,
    from ordered
    cross join settings
    where settings.path_transform <> 'none'
        and (ordered.next_campaign is null or ordered.next_campaign <> ordered.campaign)
),

positioned as (
    select * from untransformed
    union all
    select * from collapsed
),

final as (
    select
        kind,
        path_id,
        position,
        path_length,
        campaign,
        touched_at,
        -- calendar days, as ended_at - touched_at counts them; elapsed time unless the offset changes near the span
        case
            when coalesce(
                timezone_offsets.changes_through[epoch_us(greatest(ended_at, touched_at)) // 3600000000 + 25 - timezone_offsets.first_hour + 1]
                    <> timezone_offsets.changes_through[epoch_us(least(ended_at, touched_at)) // 3600000000 - 25 - timezone_offsets.first_hour + 1],
                true)
            then epoch(ended_at - touched_at)
            else (epoch_us(ended_at) - epoch_us(touched_at)) / 1000000
        end / 86400 as days_before_end,
    from positioned
    cross join timezone_offsets
)

select * from final
