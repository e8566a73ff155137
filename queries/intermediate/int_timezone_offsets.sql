-- One row: the report time zone's offset from UTC in every UTC hour of the data's
-- range (touchpoints and orders, widened by the lookback window and a few days), and
-- how many times the offset has changed (daylight saving time) by the end of each
-- hour, as lists indexed by `utc hour - first_hour + 1`. A UTC hour counts hours since
-- 1970-01-01 00:00 UTC; offsets are in microseconds, empty for an hour in which the
-- offset changes. Outside the range the lists give null, which means "use the calendar".
-- Why: converting a timestamp to the report time zone, and date arithmetic that
-- follows its calendar (a day across a change lasts 23 or 25 hours), are slow for
-- tens of millions of rows. With the offset of the hour, a local time is plain
-- arithmetic; and where no change lies within a day of a span, calendar arithmetic
-- equals elapsed time. The queries that use this table fall back to the calendar
-- for the rest, so the results are the same as DuckDB's time-zone functions give.
with touchpoints as (
    select * from stg_web__touchpoints
),

orders as (
    select * from stg_shop__orders
),

settings as (
    select * from stg_report__settings
),

instants as (
    select occurred_at as instant from touchpoints
    union all
    select ordered_at from orders
),

data_range as (
    select
        epoch_us(min(instants.instant)) // 3600000000 - 24 * (max(settings.lookback_days) + 3) as first_hour,
        epoch_us(max(instants.instant)) // 3600000000 + 24 * 3 as last_hour,
    from instants
    cross join settings
),

hours as (
    select utc_hour
    from data_range
    cross join range(data_range.first_hour, data_range.last_hour + 1) as hours(utc_hour)
),

offsets as (
    select
        hours.utc_hour,
        -- the offset at the first and at the last microsecond of the hour
        epoch_us(timezone(settings.timezone, make_timestamptz(hours.utc_hour * 3600000000))) - hours.utc_hour * 3600000000 as offset_at_start,
        epoch_us(timezone(settings.timezone, make_timestamptz(hours.utc_hour * 3600000000 + 3599999999))) - (hours.utc_hour * 3600000000 + 3599999999) as offset_at_end,
    from hours
    cross join settings
),

changes as (
    select
        utc_hour,
        case when offset_at_start = offset_at_end then offset_at_start end as utc_offset_us,
        (offset_at_start <> offset_at_end)::integer
            + coalesce((offset_at_start <> lag(offset_at_end) over (order by utc_hour))::integer, 0) as changes_in_hour,
    from offsets
),

running_changes as (
    select
        utc_hour,
        utc_offset_us,
        sum(changes_in_hour) over (order by utc_hour) as changes_through,
    from changes
),

final as (
    select
        min(utc_hour) as first_hour,
        list(utc_offset_us order by utc_hour) as utc_offset_us,
        list(changes_through order by utc_hour) as changes_through,
    from running_changes
)

select * from final
