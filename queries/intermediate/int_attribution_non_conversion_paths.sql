-- One row per customer and month in which they have eligible touches (clicks; views
-- only when `count_views` is true) whose path some data-driven fit counts: the
-- customer's path as it stood at the end of that month (path_month), and the months
-- whose fit counts that path as a non-converting one (first_fit_month_number to last_fit_month_number, as
-- month_number in queries/macros.sql counts months).
-- The path as of the end of month v ends at the customer's last eligible touch at or
-- before that moment, which is their last touch in v; it holds the campaigns of their
-- touches inside the lookback window before that touch, in time order (ties: campaign
-- key), after the path transform. The window is measured as for conversions
-- (int_attribution_touches): elapsed lookback_days x 24 hours, or calendar days in the
-- report time zone. path_transform = 'collapse_repeats' keeps one touch of each run of
-- consecutive touches of the same campaign (the latest, closest to the end).
-- The fit of month M (int_attribution_path_summary) counts a customer as not
-- converting when they have no conversion ordered in M's window (data_driven_window_months
-- months: M and the months before it) and their last eligible touch at or before M's end
-- lies in that window; that is their path as of the end of the latest month v <= M with
-- touches, and it counts for the months
--   from v, or from the month after the window of their last conversion before v
--       (conversion month + window) when that is later,
--   to   the month before their next month with touches, the last month whose window
--       still holds v (v + window - 1), or the month before their next conversion
--       (at or after v), whichever is earliest.
-- Example, window 12: touches in 2026-01 and 2026-04, a conversion in 2026-06: the path
-- of 2026-01 counts for 2026-01 .. 2026-03, the path of 2026-04 for 2026-04 .. 2026-05.
-- The path and the campaigns are numbers, as int_attribution_campaign_numbers
-- (path_numbers), which names them.
-- Mechanics: a touch is packed into one BIGINT that sorts as (time, campaign key)
-- (pack_touch, queries/macros.sql); one list of them per customer is built once, and
-- each month's path is that list filtered to its window. The months with touches come
-- from the first and last touch's, and only for a customer whose touches span several
-- months from every touch's; the spans are worked out before the paths, so that a path
-- that no fit counts is never built. Naming ten million paths here
-- would cost DuckDB half a second even when no reader asks for the names.
-- Read once, by int_attribution_non_conversion_counts, which computes it faster than
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

-- the months in which each customer ordered a conversion, as month numbers
conversion_months as (
    select customer_id, list(distinct month_number(order_month)) as months,
    from conversions
    where customer_id is not null
    group by customer_id
),

-- each utm_campaign spelling's campaign number (every spelling has a row, the null one included)
spelling_numbers as (
    select utm_mapping.utm_campaign_as_sent, campaign_numbers.number,
    from utm_mapping
    inner join campaign_numbers using (campaign)
),

-- pack_touch's parameters: the earliest touch, and slots, the power of two above the
-- number of campaigns
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
        last_us,
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
        pack_touch(epoch_us(touchpoints.occurred_at), spelling_numbers.number, checked_packing.first_us, checked_packing.slots) as touch,
    from touchpoints
    cross join settings
    cross join checked_packing
    -- mapped after the filters (an inner join would let DuckDB map all 50 M first)
    left join spelling_numbers
        on spelling_numbers.utm_campaign_as_sent is not distinct from touchpoints.utm_campaign_as_sent
    where (touchpoints.interaction = 'click' or settings.count_views)
        and touchpoints.customer_id is not null
),

customer_touches as (
    select
        customer_id,
        list(touch) as touches,
        -- aggregated here, cheaper than read back from the list by each path
        min(touch) as first_touch,
        max(touch) as latest_touch,
    from eligible_touches
    group by customer_id
),

-- the months (report time zone) in which each customer has touches, in order: the month
-- of the first and of the last touch, and only where months lie between them the month
-- of every touch
journeys as (
    select
        customer_touches.customer_id,
        customer_touches.touches,
        customer_touches.first_touch,
        customer_touches.latest_touch,
        month_number_of(local_time(
            make_timestamptz(packed_touch_us(customer_touches.first_touch, checked_packing.first_us, checked_packing.slots)),
            timezone_offsets.utc_offset_us, timezone_offsets.first_hour, settings.timezone
        )) as first_month,
        month_number_of(local_time(
            make_timestamptz(packed_touch_us(customer_touches.latest_touch, checked_packing.first_us, checked_packing.slots)),
            timezone_offsets.utc_offset_us, timezone_offsets.first_hour, settings.timezone
        )) as last_month,
        case
            when first_month = last_month then [first_month]
            -- both months have a touch, and there is none between them
            when last_month = first_month + 1 then [first_month, last_month]
            else list_sort(list_distinct(list_transform(
                customer_touches.touches,
                touch -> month_number_of(local_time(
                    make_timestamptz(packed_touch_us(touch, checked_packing.first_us, checked_packing.slots)),
                    timezone_offsets.utc_offset_us, timezone_offsets.first_hour, settings.timezone
                ))
            )))
        end as months,
    from customer_touches
    cross join checked_packing
    cross join timezone_offsets
    cross join settings
),

-- the end of every month of the touches (its last microsecond, report time zone), packed
-- as a touch of the largest campaign number, so that every touch of the month sorts below it
month_ends as (
    select
        months.month_number,
        pack_touch(
            epoch_us(timezone(settings.timezone, make_timestamp((months.month_number + 1) // 12, (months.month_number + 1) % 12 + 1, 1, 0, 0, 0))) - 1,
            checked_packing.slots - 1,
            checked_packing.first_us,
            checked_packing.slots
        ) as end_touch,
    from checked_packing
    cross join settings
    cross join timezone_offsets
    cross join range(
        month_number_of(local_time(make_timestamptz(checked_packing.first_us), timezone_offsets.utc_offset_us, timezone_offsets.first_hour, settings.timezone)),
        month_number_of(local_time(make_timestamptz(checked_packing.last_us), timezone_offsets.utc_offset_us, timezone_offsets.first_hour, settings.timezone)) + 1
    ) as months(month_number)
),

-- one row per customer and month with touches, with the customer's next month with
-- touches (null for the last)
customer_months as (
    select
        customer_id,
        touches,
        first_touch,
        latest_touch,
        months,
        unnest(months) as path_month_number,
        -- months is in order: the next is the one after it in the list
        unnest(list_concat(list_slice(months, 2, len(months)), [null])) as next_month,
    from journeys
),

-- the fit months that count the path (see the header): the span of months whose window
-- holds the path's end and no newer path, less the months whose window holds a conversion
fit_spans as (
    select
        customer_months.*,
        -- a customer who never converts (most) skips the search of their conversion months
        case
            when conversion_months.months is null then customer_months.path_month_number
            else greatest(
                customer_months.path_month_number,
                coalesce(list_max(list_filter(conversion_months.months, converted -> converted < customer_months.path_month_number)) + settings.data_driven_window_months, 0)
            )
        end as first_fit_month_number,
        least(
            coalesce(customer_months.next_month - 1, customer_months.path_month_number + settings.data_driven_window_months - 1),
            customer_months.path_month_number + settings.data_driven_window_months - 1,
            case
                when conversion_months.months is null then customer_months.path_month_number + settings.data_driven_window_months - 1
                else coalesce(list_min(list_filter(conversion_months.months, converted -> converted >= customer_months.path_month_number)) - 1, customer_months.path_month_number + settings.data_driven_window_months - 1)
            end
        ) as last_fit_month_number,
    from customer_months
    cross join settings
    left join conversion_months using (customer_id)
),

-- the paths that some fit counts, with the month's last touch
path_versions as (
    select
        fit_spans.customer_id,
        fit_spans.touches,
        fit_spans.first_touch,
        fit_spans.latest_touch,
        fit_spans.path_month_number,
        fit_spans.first_fit_month_number,
        fit_spans.last_fit_month_number,
        case
            -- the customer's last month with touches (most customers have touches in one month only)
            when fit_spans.next_month is null then fit_spans.latest_touch
            else list_max(list_filter(fit_spans.touches, touch -> touch <= month_ends.end_touch))
        end as last_touch,
    from fit_spans
    inner join month_ends
        on month_ends.month_number = fit_spans.path_month_number
    where fit_spans.first_fit_month_number <= fit_spans.last_fit_month_number
),

version_windows as (
    select
        path_versions.*,
        -- where the lookback window starts (microseconds since 1970), packed as a touch of campaign 0
        pack_touch(case
            -- calendar days: the start of the report time zone's day lookback_days before the
            -- end's (the time zone arithmetic runs once per path, and only in this case)
            when settings.lookback_basis = 'calendar_days'
            then epoch_us(timezone(
                settings.timezone,
                cast(cast(timezone(settings.timezone, make_timestamptz(packed_touch_us(path_versions.last_touch, checked_packing.first_us, checked_packing.slots))) as date) - settings.lookback_days as timestamp)
            ))
            -- elapsed time: exactly lookback_days x 24 hours before the end
            else packed_touch_us(path_versions.last_touch, checked_packing.first_us, checked_packing.slots) - settings.lookback_days * 86400000000
        end, 0, checked_packing.first_us, checked_packing.slots) as window_start_touch,
    from path_versions
    cross join settings
    cross join checked_packing
),

numbered_paths as (
    select
        version_windows.customer_id,
        version_windows.path_month_number,
        version_windows.first_fit_month_number,
        version_windows.last_fit_month_number,
        -- the touches inside the window, in time order (ties: campaign key), as campaign numbers
        list_transform(
            -- most journeys lie wholly inside their window: the filter (a lambda call per
            -- touch) runs only for the others
            list_sort(case
                when version_windows.first_touch >= version_windows.window_start_touch
                    and version_windows.latest_touch = version_windows.last_touch
                then version_windows.touches
                else list_filter(
                    version_windows.touches,
                    touch -> touch >= version_windows.window_start_touch and touch <= version_windows.last_touch
                )
            end),
            touch -> packed_touch_campaign(touch, checked_packing.slots)
        ) as numbers,
    from version_windows
    cross join checked_packing
),

transformed_paths as (
    select
        numbered_paths.customer_id,
        numbered_paths.path_month_number,
        numbered_paths.first_fit_month_number,
        numbered_paths.last_fit_month_number,
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
        customer_id,
        month_text(path_month_number) as path_month,
        path_numbers,
        first_fit_month_number,
        last_fit_month_number,
    from transformed_paths
)

select * from final
