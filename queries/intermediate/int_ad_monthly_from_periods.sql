-- One row per (platform, account, platform_campaign_key, month) from the
-- period rows that cover exactly that calendar month (int_ad_period_rows with
-- usage = 'month'). Breakdown rows of the month (placements, ad sets, ads)
-- add up; reach does not, so it is kept only when the campaign's month is a
-- single row: that is the platform's deduplicated monthly reach, which daily
-- rows can never give. has_daily_rows says whether daily rows exist for the
-- same campaign and month: the marts then take reach from here and the other
-- numbers from the daily rows. Money in the account currency.
-- A count no row reports stays null; the *_with_* columns are the parts of
-- the ratios over the rows that report their count (queries/README.md,
-- "Metrics a platform does not report").
with period_rows as (
    select * from int_ad_period_rows
    where usage = 'month'
),

daily as (
    select distinct
        platform,
        account,
        platform_campaign_key,
        strftime(report_date, '%Y-%m') as month,
    from int_ad_daily_deduplicated
),

per_campaign as (
    select
        platform,
        account,
        currency,
        platform_campaign_key,
        max(campaign_name) as campaign_name,
        month,
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
        sum(spend) filter (where impressions is not null) as spend_with_impressions,
        sum(spend) filter (where clicks is not null) as spend_with_clicks,
        sum(spend) filter (where conversion_value is not null) as spend_with_conversion_value,
        sum(clicks) filter (where impressions is not null) as clicks_with_impressions,
        sum(impressions) filter (where clicks is not null) as impressions_with_clicks,
        sum(engagements) filter (where impressions is not null) as engagements_with_impressions,
        sum(impressions) filter (where engagements is not null) as impressions_with_engagements,
        max(engagement_definition) as engagement_definition,
        max(source_file) as source_file,
        count(*) as period_rows,
    from period_rows
    group by platform, account, currency, platform_campaign_key, month
),

final as (
    select
        per_campaign.*,
        daily.month is not null as has_daily_rows,
    from per_campaign
    left join daily using (platform, account, platform_campaign_key, month)
)

select * from final
order by platform, account, platform_campaign_key, month
