-- One row: the report time zone's offset from UTC in every UTC hour of the data's
-- range (touchpoints and orders, and a few days either side), as a list, so that the
-- wall-clock time of an instant is plain arithmetic.
-- Mechanics: converting tens of millions of timestamps with timezone() is slow; with the
-- offset of the instant's hour, the local time is an addition. The list is indexed by
-- offset_slot(instant_us, first_hour) (queries/macros.sql), and local_time() reads it:
-- an hour in which the offset changes holds null, and so does an hour outside the
-- range, and local_time() then converts with timezone(), so the results are exactly
-- what DuckDB's time-zone functions give. Offsets are in microseconds.
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
        epoch_us(min(instant)) // 3600000000 - 24 * 3 as first_hour,
        epoch_us(max(instant)) // 3600000000 + 24 * 3 as last_hour,
    from instants
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

final as (
    select
        min(utc_hour) as first_hour,
        list(case when offset_at_start = offset_at_end then offset_at_start end order by utc_hour) as utc_offset_us,
    from offsets
)

select * from final
