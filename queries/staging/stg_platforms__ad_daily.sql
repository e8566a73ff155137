-- One row per loaded platform export row, in the unified daily schema; not yet
-- deduplicated across files nor converted to the report currency.
with source as (
    select * from raw_ad_daily
),

renamed as (
    select
        source_file,
        source_line,
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
    from source
)

select * from renamed
