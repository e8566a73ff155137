-- One row per loaded platform export row that covers a period rather than one
-- day (a monthly or lifetime export, or an export with no date column at all,
-- whose period_start and period_end are then null). Same columns as
-- stg_platforms__ad_daily, with period_start and period_end for report_date.
with source as (
    select * from raw_ad_periods
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
        period_start,
        period_end,
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
