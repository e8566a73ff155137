-- One row per (file, day, metric) of the organic page-level daily series:
-- LinkedIn page followers and post metrics, and the Business Suite series of
-- the Facebook page and the Instagram account (follows, visits, views, ...).
-- `metric` names what `value` counts, e.g. followers_gained,
-- followers_organic, impressions_total, page_visits, profile_visits;
-- `platform` says whose series it is (a Business Suite series whose platform
-- is not known is rejected at ingest, never filed under a guessed one).
-- Google Business Profile (`google_business`) gives a location's local
-- activity (account = the location); YouTube Studio (`youtube`) the channel's
-- numbers, per video (`item` = the video ID) or per day (`item` empty). A
-- bulk download or a by-video table covering a calendar month is stored on
-- the month's first day. One series is (platform, account, item, metric);
-- int_organic_daily_deduplicated keeps one value per series day.
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
        coalesce(item, '') as item,
        metric_date,
        metric,
        value,
    from source
)

select * from renamed
