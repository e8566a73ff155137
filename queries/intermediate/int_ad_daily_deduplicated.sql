-- One row per (platform, account, campaign, ad set, ad, day).
-- Within one file, rows with the same key are breakdown rows (placements,
-- devices) and add up; reach does not add up, so it is kept only when the key
-- has a single row. Across files, the same key counts once: the copy from the
-- file whose path sorts last wins (name exports by date to make that the newest).
with ad_rows as (
    select * from stg_platforms__ad_daily
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
        max(campaign_name) as campaign_name,
        max(ad_set_name) as ad_set_name,
        max(ad_name) as ad_name,
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
        count(*) as breakdown_rows,
    from ad_rows
    group by all
),

final as (
    select
        *,
        count(*) over (partition by platform, account, platform_campaign_key, ad_set_key, ad_key, report_date) as file_copies,
    from per_file
    qualify row_number() over (
        partition by platform, account, platform_campaign_key, ad_set_key, ad_key, report_date
        order by source_file desc
    ) = 1
)

select * from final
