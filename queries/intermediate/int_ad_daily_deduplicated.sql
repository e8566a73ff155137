-- One row per (platform, account, campaign, ad set, ad, day).
-- Within one file, rows with the same key are breakdown rows (placements,
-- devices) and add up; reach does not add up, so it is kept only when the key
-- has a single row. Across files, the same key counts once. The rule for
-- which copy wins: the copy from the file whose data reach the latest day
-- (int_ad_files_dated.data_through: that file was exported later and carries
-- the platform's restated numbers); on a tie, the file whose path sorts last.
-- Copies with different numbers are listed in int_ad_duplicate_conflicts.
with ad_rows as (
    select * from stg_platforms__ad_daily
),

files as (
    select * from int_ad_files_dated
),

per_file as (
    select
        source_file,
        min(source_line) as source_line,
        platform,
        account,
        platform_campaign_key,
        ad_set_key,
        ad_key,
        report_date,
        currency,
        max(format) as format,
        max(campaign_id) as campaign_id,
        max(campaign_name) as campaign_name,
        max(ad_set_name) as ad_set_name,
        max(ad_name) as ad_name,
        -- the distinct placements in order, joined by '+' (as string_agg(distinct placement, '+'
        -- order by placement), which is much slower for millions of keys)
        case when count(placement) > 0 then array_to_string(list_sort(list_distinct(list(placement))), '+') end as placements,
        sum(impressions) as impressions,
        case when count(*) = 1 then max(reach) end as reach,
        sum(clicks) as clicks,
        sum(link_clicks) as link_clicks,
        sum(engagements) as engagements,
        sum(video_views) as video_views,
        sum(spend) as spend,
        sum(conversions) as conversions,
        sum(conversion_value) as conversion_value,
        sum(followers_gained) as followers_gained,
        sum(messaging_conversations) as messaging_conversations,
        sum(new_messaging_contacts) as new_messaging_contacts,
        max(engagement_definition) as engagement_definition,
        count(*) as breakdown_rows,
    from ad_rows
    group by source_file, platform, account, platform_campaign_key, ad_set_key, ad_key, report_date, currency
),

ranked as (
    select
        per_file.*,
        files.data_through as file_data_through,
        count(*) over (partition by platform, account, platform_campaign_key, ad_set_key, ad_key, report_date) as file_copies,
        row_number() over (
            partition by platform, account, platform_campaign_key, ad_set_key, ad_key, report_date
            order by files.data_through desc nulls last, per_file.source_file desc
        ) as copy_rank,
    from per_file
    inner join files using (source_file)
),

final as (
    select * exclude (copy_rank)
    from ranked
    where copy_rank = 1
)

select * from final
