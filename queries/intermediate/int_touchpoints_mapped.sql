-- One row per touchpoint with the campaign it belongs to and its day in the
-- report time zone. Touchpoints whose utm_campaign matches no campaign, or
-- that have none, belong to `unmapped`.
-- Mechanics: the day in the report time zone comes from local_time (queries/macros.sql),
-- the UTC offset of the touch's hour added, which at scale is much faster than
-- converting every timestamp, with the same result.
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

final as (
    select
        touchpoints.source_file,
        touchpoints.source_line,
        touchpoints.customer_id,
        touchpoints.occurred_at,
        cast(local_time(touchpoints.occurred_at, timezone_offsets.utc_offset_us, timezone_offsets.first_hour, settings.timezone) as date) as touched_date,
        touchpoints.utm_source,
        touchpoints.utm_medium,
        mapping.utm_campaign,
        touchpoints.interaction,
        coalesce(mapping.campaign, 'unmapped') as campaign,
    from touchpoints
    cross join settings
    cross join timezone_offsets
    -- every spelling has a row, the null one included
    left join mapping
        on mapping.utm_campaign_as_sent is not distinct from touchpoints.utm_campaign_as_sent
)

select * from final
