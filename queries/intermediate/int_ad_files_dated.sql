-- One row per platform export file with ad rows: the first and the last day
-- its data cover (daily rows and period rows alike).
-- data_through decides which copy of a row counts when files overlap: an
-- export cannot hold days that had not happened when it was made, so the file
-- whose data reach the later day was exported later, and platforms restate
-- recent days (late conversions) until their attribution windows close. This
-- is known from the files' content alone, so it is the same after a git clone
-- (file modification times are not).
with daily as (
    select * from stg_platforms__ad_daily
),

periods as (
    select * from stg_platforms__ad_periods
),

days as (
    select source_file, report_date as first_day, report_date as last_day from daily
    union all
    select source_file, period_start, period_end from periods
),

final as (
    select
        source_file,
        min(first_day) as data_from,
        max(last_day) as data_through,
    from days
    group by source_file
)

select * from final
