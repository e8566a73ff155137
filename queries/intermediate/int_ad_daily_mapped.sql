-- One row per deduplicated platform row, with its campaign key and its money
-- converted to the report currency at the ECB rate of the row's day.
-- report_factor is null when no rate is known; tests/fx_rates_available.sql fails the build then.
with ad_rows as (
    select * from int_ad_daily_deduplicated
),

mapping as (
    select * from int_platform_campaigns_mapped
),

fx as (
    select * from int_fx_daily_rates
),

settings as (
    select * from stg_report__settings
),

final as (
    select
        ad_rows.source_file,
        ad_rows.source_line,
        ad_rows.platform,
        ad_rows.account,
        ad_rows.report_date,
        strftime(ad_rows.report_date, '%Y-%m') as report_month,
        ad_rows.platform_campaign_key,
        ad_rows.campaign_name,
        mapping.campaign,
        ad_rows.ad_set_key,
        ad_rows.ad_key,
        ad_rows.currency,
        case when ad_rows.currency = settings.currency then 1 else fx.to_report_factor end as report_factor,
        ad_rows.impressions,
        ad_rows.reach,
        ad_rows.clicks,
        ad_rows.link_clicks,
        ad_rows.engagements,
        ad_rows.video_views,
        ad_rows.followers_gained,
        ad_rows.messaging_conversations,
        ad_rows.new_messaging_contacts,
        ad_rows.engagement_definition,
        ad_rows.spend,
        -- rows in the report currency need no multiplication (the same value, much faster at scale)
        case when report_factor = 1 then cast(ad_rows.spend as decimal(18, 4)) else cast(ad_rows.spend * report_factor as decimal(18, 4)) end as spend_report,
        ad_rows.conversions,
        case when report_factor = 1 then cast(ad_rows.conversion_value as decimal(18, 4)) else cast(ad_rows.conversion_value * report_factor as decimal(18, 4)) end as conversion_value_report,
    from ad_rows
    cross join settings
    inner join mapping
        on mapping.platform = ad_rows.platform
        and mapping.platform_campaign_key = ad_rows.platform_campaign_key
        and mapping.matched_name = coalesce(ad_rows.campaign_name, ad_rows.platform_campaign_key)
    left join fx
        on fx.currency = ad_rows.currency
        and fx.rate_day = ad_rows.report_date
)

select * from final
