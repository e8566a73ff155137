-- One row per touch of a conversion's path, in time order (the touches of
-- int_attribution_touches), with its position, the days between it and the
-- order, and where it comes from (touch_source `touchpoints`, or `order` for the
-- order's own utm fields, and source_line in that file). Orders are named by
-- order_key (int_orders_net, which has their order_id). The paths of customers
-- who never convert are int_attribution_non_conversion_paths.
-- path_transform = 'collapse_repeats' keeps one touch of each run of
-- consecutive touches of the same campaign (the latest, closest to the end).
-- Days before the order follow the report time zone's calendar; that arithmetic
-- is slow, so it runs only for spans with an offset change near them
-- (int_timezone_offsets), and elsewhere plain elapsed time gives the same numbers.
-- Touches at the same instant are ordered by campaign number
-- (int_attribution_campaign_numbers), which sorts as the campaign key does.
-- Millions of rows at scale, read by the path summary, the shares and unmapped_campaigns:
-- held for the run, not stored:
-- materialized: temporary
with conversion_touches as (
    select * from int_attribution_touches
),

timezone_offsets as (
    select * from int_timezone_offsets
),

settings as (
    select * from stg_report__settings
),

ordered as (
    select
        *,
        lead(campaign_number) over path_order as next_campaign_number,
        row_number() over path_order as untransformed_position,
        count(*) over path_order_whole as untransformed_length,
    from conversion_touches
    window
        path_order as (partition by order_key order by touched_at, campaign_number, source_line),
        path_order_whole as (
            partition by order_key order by touched_at, campaign_number, source_line
            rows between unbounded preceding and unbounded following
        )
),

-- path_transform = 'none': every touch stays where it is
untransformed as (
    select
        ordered.order_key,
        ordered.untransformed_position as position,
        ordered.untransformed_length as path_length,
        ordered.campaign,
        ordered.campaign_number,
        ordered.touched_at,
        ordered.ordered_at,
        ordered.touch_source,
        ordered.source_line,
    from ordered
    cross join settings
    where settings.path_transform = 'none'
),

-- collapse_repeats: the last touch of each run of one campaign stays, numbered anew
collapsed as (
    select
        ordered.order_key,
        row_number() over (partition by ordered.order_key order by ordered.touched_at, ordered.campaign_number, ordered.source_line) as position,
        count(*) over (partition by ordered.order_key) as path_length,
        ordered.campaign,
        ordered.campaign_number,
        ordered.touched_at,
        ordered.ordered_at,
        ordered.touch_source,
        ordered.source_line,
    from ordered
    cross join settings
    where settings.path_transform <> 'none'
        and (ordered.next_campaign_number is null or ordered.next_campaign_number <> ordered.campaign_number)
),

positioned as (
    select * from untransformed
    union all
    select * from collapsed
),

final as (
    select
        order_key,
        position,
        path_length,
        campaign,
        campaign_number,
        touched_at,
        -- calendar days, as ordered_at - touched_at counts them; elapsed time unless the offset changes near the span
        case
            when coalesce(
                timezone_offsets.changes_through[epoch_us(greatest(ordered_at, touched_at)) // 3600000000 + 25 - timezone_offsets.first_hour + 1]
                    <> timezone_offsets.changes_through[epoch_us(least(ordered_at, touched_at)) // 3600000000 - 25 - timezone_offsets.first_hour + 1],
                true)
            then epoch(ordered_at - touched_at)
            else (epoch_us(ordered_at) - epoch_us(touched_at)) / 1000000
        end / 86400 as days_before_end,
        touch_source,
        source_line,
    from positioned
    cross join timezone_offsets
)

select * from final
