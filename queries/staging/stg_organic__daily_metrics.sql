-- One row per (file, day, metric) of the organic page-level daily series:
-- LinkedIn page followers and post metrics, Facebook page series (follows,
-- visits, views, ...). `metric` names what `value` counts, e.g.
-- followers_gained, followers_organic, impressions_total, page_visits.
with source as (
    select * from raw_organic_daily
),

renamed as (
    select
        source_file,
        source_line,
        source_sheet,
        format,
        platform,
        coalesce(account, '') as account,
        metric_date,
        metric,
        value,
    from source
)

select * from renamed
