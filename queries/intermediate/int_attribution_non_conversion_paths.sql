-- One row per customer who never converts: the campaigns of their touches inside
-- the lookback window before their last touch, in time order, after the path
-- transform. The window is measured as for conversions (int_attribution_touches),
-- ending at the last touch instead of an order; views count only when
-- `count_views` is true. The data-driven model needs these paths
-- (int_attribution_path_summary counts them).
-- path_transform = 'collapse_repeats' keeps one touch of each run of
-- consecutive touches of the same campaign (the latest, closest to the end).
-- Read once, by int_attribution_path_summary, which computes it faster than
-- DuckDB stores and reads back ten million lists:
-- materialized: view
with touchpoints as (
    select * from int_touchpoints_mapped
),

utm_mapping as (
    select * from int_utm_campaigns_mapped
),

conversions as (
    select * from int_orders_net
    where is_conversion
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
    select
        touchpoints.customer_id,
        touchpoints.occurred_at,
        touchpoints.touched_date,
        touchpoints.campaign,
    from touchpoints
    cross join settings
    where (touchpoints.interaction = 'click' or settings.count_views)
        and touchpoints.customer_id not in (select customer_id from converting_customers)
),

path_ends as (
    select customer_id, max(occurred_at) as ended_at, max(touched_date) as ended_date
    from eligible_touchpoints
    group by customer_id
),

path_windows as (
    select
        path_ends.*,
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
    from path_ends
    cross join settings
    cross join timezone_offsets
),

window_touches as (
    select
        eligible_touchpoints.customer_id,
        eligible_touchpoints.occurred_at,
        eligible_touchpoints.campaign,
    from eligible_touchpoints
    cross join settings
    inner join path_windows using (customer_id)
    where case settings.lookback_basis
        when 'calendar_days' then path_windows.ended_date - eligible_touchpoints.touched_date <= settings.lookback_days
        else epoch_us(eligible_touchpoints.occurred_at) >= path_windows.window_start_us
    end
),

-- campaigns numbered in key order, so that ten million lists hold small numbers, not
-- names (DuckDB keeps a list aggregate in memory; with names it needs over 6 GB at scale)
campaign_numbers as (
    select campaign, row_number() over (order by campaign) as number
    from (
        select campaign from utm_mapping
        union
        select 'unmapped' as campaign
    )
),

campaign_names as (
    select list(campaign order by number) as names
    from campaign_numbers
),

numbered_paths as (
    select
        window_touches.customer_id,
        -- the campaigns in time order (ties: campaign key); sorting a list of (time, number)
        -- is much faster at scale than an ordered aggregate
        list_transform(
            list_sort(list({'touched_at': epoch_us(window_touches.occurred_at), 'number': campaign_numbers.number})),
            touch -> touch.number
        ) as numbers,
    from window_touches
    inner join campaign_numbers using (campaign)
    group by window_touches.customer_id
),

paths as (
    select
        numbered_paths.customer_id,
        list_transform(numbered_paths.numbers, number -> campaign_names.names[number]) as path,
    from numbered_paths
    cross join campaign_names
),

final as (
    select
        paths.customer_id,
        case settings.path_transform
            when 'none' then paths.path
            -- a campaign stays unless the next touch is the same campaign
            else list_filter(paths.path, (campaign, i) -> i = len(paths.path) or campaign <> paths.path[i + 1])
        end as path,
    from paths
    cross join settings
)

select * from final
