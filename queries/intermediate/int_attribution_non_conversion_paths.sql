-- One row per customer who never converts: the campaigns of their touches inside
-- the lookback window before their last touch, in time order, after the path
-- transform, as int_attribution_campaign_numbers (path_numbers); the path summary
-- has each path's names (join on path_numbers). Naming ten million paths here
-- would cost DuckDB half a second even when no reader asks for the names.
-- The window is measured as for conversions (int_attribution_touches),
-- ending at the last touch instead of an order; views count only when
-- `count_views` is true. The data-driven model needs these paths
-- (int_attribution_path_summary counts them).
-- path_transform = 'collapse_repeats' keeps one touch of each run of
-- consecutive touches of the same campaign (the latest, closest to the end).
-- Read once, by int_attribution_path_summary, which computes it faster than
-- DuckDB stores and reads back ten million lists:
-- materialized: view
with touchpoints as not materialized (
    -- read twice (for the time span and the touches): DuckDB would store a plain CTE that
    -- is read twice, 50 M rows, which costs more than reading the view again
    select * from stg_web__touchpoints
),

utm_mapping as (
    select * from int_utm_campaigns_mapped
),

campaign_numbers as (
    select * from int_attribution_campaign_numbers
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

-- each utm_campaign spelling's campaign number (every spelling has a row, the null one included)
spelling_numbers as (
    select utm_mapping.utm_campaign_as_sent, campaign_numbers.number,
    from utm_mapping
    inner join campaign_numbers using (campaign)
),

-- A touch is packed into one BIGINT that sorts as (time, campaign key):
--   (microseconds since the earliest touch) x slots + campaign number,
-- slots being the power of two above the number of campaigns. Lists of plain
-- integers are built, filtered and sorted much faster than lists of pairs.
packing as (
    select
        epoch_us(min(touchpoints.occurred_at)) as first_us,
        epoch_us(max(touchpoints.occurred_at)) as last_us,
        cast(pow(2, ceil(log2(max(campaign_count) + 1))) as bigint) as slots,
    from touchpoints
    cross join (select count(*) as campaign_count from campaign_numbers)
),

checked_packing as (
    select
        first_us,
        case
            when last_us - first_us >= 9223372036854775807 // slots
            then error('int_attribution_non_conversion_paths: the touchpoints span too many years for this many campaigns to pack a touch into a BIGINT')
            else slots
        end as slots,
    from packing
),

eligible_touches as (
    select
        touchpoints.customer_id,
        (epoch_us(touchpoints.occurred_at) - checked_packing.first_us) * checked_packing.slots + spelling_numbers.number as touch,
    from touchpoints
    cross join settings
    cross join checked_packing
    -- mapped after the filters, which keep three fifths of the touchpoints (an inner join
    -- would let DuckDB map all 50 M first)
    left join spelling_numbers
        on spelling_numbers.utm_campaign_as_sent is not distinct from touchpoints.utm_campaign_as_sent
    where (touchpoints.interaction = 'click' or settings.count_views)
        and touchpoints.customer_id not in (select customer_id from converting_customers)
),

journeys as (
    select
        customer_id,
        list(touch) as touches,
    from eligible_touches
    group by customer_id
),

-- the last touch is the largest packed one
journey_ends as (
    select
        journeys.customer_id,
        journeys.touches,
        list_max(journeys.touches) // checked_packing.slots + checked_packing.first_us as ended_us,
        make_timestamptz(ended_us) as ended_at,
    from journeys
    cross join checked_packing
),

journey_windows as (
    select
        journey_ends.*,
        -- where the lookback window starts (microseconds since 1970)
        case
            -- calendar days: the start of the report time zone's day lookback_days before the
            -- end's (the time zone arithmetic runs once per customer, and only in this case)
            when settings.lookback_basis = 'calendar_days'
            then epoch_us(timezone(
                settings.timezone,
                cast(cast(timezone(settings.timezone, ended_at) as date) - settings.lookback_days as timestamp)
            ))
            -- lookback_days calendar days before the end, which is lookback_days x 24 hours unless
            -- the offset changes near it
            when coalesce(
                timezone_offsets.changes_through[ended_us // 3600000000 + 25 - timezone_offsets.first_hour + 1]
                    <> timezone_offsets.changes_through[ended_us // 3600000000 - 24 * settings.lookback_days - 25 - timezone_offsets.first_hour + 1],
                true)
            then epoch_us(ended_at - to_days(settings.lookback_days))
            else ended_us - settings.lookback_days * 86400000000
        end as window_start_us,
    from journey_ends
    cross join settings
    cross join timezone_offsets
),

numbered_paths as (
    select
        journey_windows.customer_id,
        -- the touches inside the window, in time order (ties: campaign key), as campaign numbers
        list_transform(
            -- most journeys lie wholly inside their window: the filter (a lambda call per
            -- touch) runs only for the others
            list_sort(case
                when list_min(journey_windows.touches) >= (journey_windows.window_start_us - checked_packing.first_us) * checked_packing.slots
                then journey_windows.touches
                else list_filter(
                    journey_windows.touches,
                    touch -> touch >= (journey_windows.window_start_us - checked_packing.first_us) * checked_packing.slots
                )
            end),
            touch -> touch % checked_packing.slots
        ) as numbers,
    from journey_windows
    cross join checked_packing
),

transformed_paths as (
    select
        numbered_paths.customer_id,
        case settings.path_transform
            when 'none' then numbered_paths.numbers
            -- a campaign stays unless the next touch is the same campaign
            else list_filter(numbered_paths.numbers, (number, i) -> i = len(numbered_paths.numbers) or number <> numbered_paths.numbers[i + 1])
        end as path_numbers,
    from numbered_paths
    cross join settings
),

final as (
    select
        transformed_paths.customer_id,
        transformed_paths.path_numbers,
    from transformed_paths
)

select * from final
