-- One row per loaded platform export row that covers one day, in the unified
-- daily schema; not yet deduplicated across files nor converted to the report
-- currency. Period rows (reporting start and end differ) are in
-- stg_platforms__ad_periods, never here.
with source as (
    select * from raw_ad_daily
),

renamed as (
    select
        source_file,
        source_line,
        source_sheet,
        format,
        platform,
        coalesce(account, '') as account,
        upper(currency) as currency,
        report_date,
        campaign_id,
        campaign_name,
        coalesce(campaign_id, campaign_name) as platform_campaign_key,
        coalesce(ad_set_id, ad_set_name, '') as ad_set_key,
        ad_set_name,
        coalesce(ad_id, ad_name, '') as ad_key,
        ad_name,
        placement,
        coalesce(impressions, 0) as impressions,
        reach,
        coalesce(clicks, 0) as clicks,
        link_clicks,
        engagements,
        video_views,
        coalesce(spend, 0) as spend,
        conversions,
        conversion_value,
        followers_gained,
        engagement_definition,
    from source
)

select * from renamed
