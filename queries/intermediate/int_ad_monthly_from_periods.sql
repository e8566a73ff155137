-- One row per (platform, account, platform_campaign_key, month) from the
-- period rows that cover exactly that calendar month (int_ad_period_rows with
-- usage = 'month'). Breakdown rows of the month (placements, ad sets, ads)
-- add up; reach does not, so it is kept only when the campaign's month is a
-- single row: that is the platform's deduplicated monthly reach, which daily
-- rows can never give. has_daily_rows says whether daily rows exist for the
-- same campaign and month: the marts then take reach from here and the other
-- numbers from the daily rows (int_ad_monthly_mapped), so a monthly export
-- never adds spend to a month that daily rows cover (docs/decisions.md).
-- Money in the account currency. The sums, and the *_with_* parts of the
-- ratios over the rows that report their count, are int_ad_monthly_summed's.
with summed as (
    select * from int_ad_monthly_summed
    where numbers_from = 'monthly export'
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
        campaign_name,
        month,
        impressions,
        reach,
        clicks,
        link_clicks,
        engagements,
        video_views,
        spend,
        conversions,
        conversion_value,
        followers_gained,
        spend_with_impressions,
        spend_with_clicks,
        spend_with_conversion_value,
        clicks_with_impressions,
        impressions_with_clicks,
        engagements_with_impressions,
        impressions_with_engagements,
        engagement_definition,
        source_file,
        source_rows as period_rows,
    from summed
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
