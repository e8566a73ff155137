-- One row per touchpoint with the campaign it belongs to and its day in the
-- report time zone. Touchpoints whose utm_campaign matches no campaign, or
-- that have none, belong to `unmapped`.
-- Mechanics: the day in the report time zone comes from local_time (queries/macros.sql),
-- the UTC offset of the touch's hour added, which at scale is much faster than
-- converting every timestamp, with the same result. The day is computed before the
-- campaign join (`localised`), so that the join never carries the list of offsets:
-- when a reader filters on campaign, DuckDB turns the left join into an inner one and
-- may put the one-row offsets on its build side, copying a list of some 11,000 hours
-- into every touchpoint's row (platform_coverage took 269 s at bench scale 10 so,
-- 0.4 s this way).
-- A view: its readers need a few of its columns of tens of millions of rows,
-- which they compute faster than DuckDB stores and reads back the table:
-- materialized: view
with touchpoints as (
    select * from stg_web__touchpoints
),

mapping as (
    select * from int_utm_campaigns_mapped
),

timezone_offsets as (
    select * from int_timezone_offsets
),

settings as (
    select * from stg_report__settings
),

localised as (
    select
        touchpoints.*,
        cast(local_time(touchpoints.occurred_at, timezone_offsets.utc_offset_us, timezone_offsets.first_hour, settings.timezone) as date) as touched_date,
    from touchpoints
    cross join settings
    cross join timezone_offsets
),

final as (
    select
        localised.source_file,
        localised.source_line,
        localised.customer_id,
        localised.occurred_at,
        localised.touched_date,
        localised.utm_source,
        localised.utm_medium,
        mapping.utm_campaign,
        localised.interaction,
        coalesce(mapping.campaign, 'unmapped') as campaign,
    from localised
    -- every spelling has a row, the null one included
    left join mapping
        on mapping.utm_campaign_as_sent is not distinct from localised.utm_campaign_as_sent
)

select * from final
