-- One row per month, platform, account and platform campaign for each kind of
-- source (`numbers_from`): 'daily' sums the campaign's daily rows of the month
-- (and the pro-rata pieces of period rows, int_ad_period_spread), one row per
-- campaign key they map to, money already in the report currency; 'monthly
-- export' sums the period rows that cover exactly that calendar month
-- (int_ad_period_rows, usage 'month'), one row per account currency, money in
-- that currency (int_ad_monthly_from_periods converts it).
-- This file is the one place of the rule for counts a platform does not
-- report (queries/README.md, "Metrics a platform does not report"): a count no
-- row reports stays null, never 0, and each ratio gets its parts over only the
-- rows that report its count:
--   spend_with_impressions       spend of the rows that report impressions (CPM)
--   spend_with_clicks            spend of the rows that report clicks (CPC)
--   spend_with_conversion_value  spend of the rows that report a conversion value (platform ROAS)
--   clicks_with_impressions, impressions_with_clicks             (CTR)
--   engagements_with_impressions, impressions_with_engagements   (engagement rate)
-- Example: a Meta row (spend 10, impressions 1,000, clicks 20) and a Google
-- video row (spend 5, impressions 500, clicks not reported) of one month give
-- clicks 20, spend_with_clicks 10, so CPC = 10 / 20 = 0.50, not 15 / 20.
-- Reach does not add up: a monthly export's reach is kept only when the
-- campaign's month is a single row (the platform's deduplicated monthly reach).
with daily as (
    select * from int_ad_daily_mapped
),

spread as (
    select * from int_ad_period_spread
),

month_rows as (
    select * from int_ad_period_rows
    where usage = 'month'
),

-- Every row that gives a campaign month its numbers, in one shape. The
-- grouping keys differ by source: daily rows are already mapped to a campaign
-- and converted, so they group by campaign; monthly rows are mapped after the
-- sum (by the campaign's name) and converted by month, so they group by currency.
source_rows as (
    select
        'daily' as numbers_from,
        report_month as month, platform, account, platform_campaign_key, campaign_name,
        campaign, cast(null as varchar) as period_currency, currency, report_factor,
        impressions, cast(null as bigint) as reach, clicks, link_clicks, engagements, video_views, followers_gained,
        messaging_conversations, new_messaging_contacts,
        spend_report as spend, conversions, conversion_value_report as conversion_value,
        engagement_definition, cast(null as varchar) as source_file,
    from daily
    union all
    select
        'daily',
        month, platform, account, platform_campaign_key, campaign_name,
        campaign, null, currency, report_factor,
        impressions, null, clicks, link_clicks, engagements, video_views, followers_gained,
        messaging_conversations, new_messaging_contacts,
        spend_report, conversions, conversion_value_report,
        engagement_definition, null,
    from spread
    union all
    select
        'monthly export',
        month, platform, account, platform_campaign_key, campaign_name,
        null, currency, currency, null,
        impressions, reach, clicks, link_clicks, engagements, video_views, followers_gained,
        messaging_conversations, new_messaging_contacts,
        spend, conversions, conversion_value,
        engagement_definition, source_file,
    from month_rows
),

final as (
    select
        numbers_from,
        month,
        platform,
        account,
        platform_campaign_key,
        campaign,
        period_currency,
        max(campaign_name) as campaign_name,
        max(currency) as currency,
        min(report_factor) as report_factor,
        sum(impressions) as impressions,
        case when count(*) = 1 then max(reach) end as reach,
        sum(clicks) as clicks,
        sum(link_clicks) as link_clicks,
        sum(engagements) as engagements,
        sum(video_views) as video_views,
        sum(followers_gained) as followers_gained,
        sum(messaging_conversations) as messaging_conversations,
        sum(new_messaging_contacts) as new_messaging_contacts,
        sum(spend) as spend,
        sum(conversions) as conversions,
        sum(conversion_value) as conversion_value,
        sum(spend) filter (where impressions is not null) as spend_with_impressions,
        sum(spend) filter (where clicks is not null) as spend_with_clicks,
        sum(spend) filter (where conversion_value is not null) as spend_with_conversion_value,
        sum(spend) filter (where messaging_conversations is not null) as spend_with_messaging_conversations,
        sum(clicks) filter (where impressions is not null) as clicks_with_impressions,
        sum(impressions) filter (where clicks is not null) as impressions_with_clicks,
        sum(engagements) filter (where impressions is not null) as engagements_with_impressions,
        sum(impressions) filter (where engagements is not null) as impressions_with_engagements,
        max(engagement_definition) as engagement_definition,
        max(source_file) as source_file,
        count(*) as source_rows,
    from source_rows
    group by numbers_from, month, platform, account, platform_campaign_key, campaign, period_currency
)

select * from final
