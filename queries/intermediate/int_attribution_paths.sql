-- One row per touch of a conversion's path, in time order (the touches of
-- int_attribution_touches), with its position, the days between it and the
-- order, and where it comes from (touch_source `touchpoints`, or `order` for the
-- order's own utm fields, and source_line in that file). Orders are named by
-- order_key (int_orders_net, which has their order_id). The paths of customers
-- who never convert are int_attribution_non_conversion_paths.
-- Touches at the same instant are ordered by campaign key, then by their line in
-- the source file (campaign_number, from int_attribution_campaign_numbers, sorts as
-- the campaign key does).
-- path_transform = 'collapse_repeats' keeps one touch of each run of
-- consecutive touches of the same campaign: the latest, closest to the end, with
-- its time (a > a > b: the second a stays).
-- Days before the order are elapsed time, (order time - touch time) / 24 hours,
-- whatever daylight-saving change lies between: time-decay's half-life is a
-- duration, and a touch 7 x 24 hours before the order weighs half, always.
-- Millions of rows at scale, read by the path summary, the shares and unmapped_campaigns:
-- held for the run, not stored:
-- materialized: temporary
with conversion_touches as (
    select * from int_attribution_touches
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
        -- elapsed days: seconds / 86,400 (in this order of division, which the time-decay
        -- weights have always had, to the last bit)
        (epoch_us(ordered_at) - epoch_us(touched_at)) / 1000000 / 86400 as days_before_end,
        touch_source,
        source_line,
    from positioned
)

select * from final
