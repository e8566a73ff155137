-- One row per (platform, account, platform_campaign_key, month) from the
-- period rows that cover exactly that calendar month (int_ad_period_rows with
-- usage = 'month'). Breakdown rows of the month (placements, ad sets, ads)
-- add up; reach does not, so it is kept only when the campaign's month is a
-- single row: that is the platform's deduplicated monthly reach, which daily
-- rows can never give. has_daily_rows says whether daily rows exist for the
-- same campaign and month: the marts then take reach from here and the other
-- numbers from the daily rows (int_ad_monthly_mapped), so a monthly export
-- never adds spend to a month that daily rows cover (docs/decisions.md).
-- The same campaign: the same platform, account and campaign key, or, where
-- one of the two exports has no campaign ID column (its key is the name), the
-- same campaign name; daily_campaign_key is the key of those daily rows.
-- Example: daily rows keyed `120210` named `Spring` and a monthly row keyed
-- `Spring` (an export without IDs) are one campaign: the month's spend is the
-- daily rows', its reach the monthly row's.
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
        campaign_name,
        strftime(report_date, '%Y-%m') as month,
    from int_ad_daily_deduplicated
),

daily_keys as (
    select distinct platform, account, platform_campaign_key, month
    from daily
),

-- Daily keys by campaign name, where the name alone tells the campaign: the
-- name belongs to one daily key in the month.
daily_names as (
    select
        platform,
        account,
        campaign_name,
        month,
        min(platform_campaign_key) as platform_campaign_key,
        bool_or(platform_campaign_key = campaign_name) as has_key_without_id,
    from daily
    where campaign_name is not null
    group by all
    having count(distinct platform_campaign_key) = 1
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
        messaging_conversations,
        new_messaging_contacts,
        spend_with_impressions,
        spend_with_clicks,
        spend_with_conversion_value,
        spend_with_messaging_conversations,
        clicks_with_impressions,
        impressions_with_clicks,
        engagements_with_impressions,
        impressions_with_engagements,
        engagement_definition,
        source_file,
        source_rows as period_rows,
    from summed
),

matched as (
    select
        per_campaign.*,
        coalesce(
            daily_keys.platform_campaign_key,
            case
                when per_campaign.platform_campaign_key = per_campaign.campaign_name
                    or daily_names.has_key_without_id
                    then daily_names.platform_campaign_key
            end
        ) as daily_campaign_key,
    from per_campaign
    left join daily_keys
        on daily_keys.platform = per_campaign.platform
        and daily_keys.account = per_campaign.account
        and daily_keys.platform_campaign_key = per_campaign.platform_campaign_key
        and daily_keys.month = per_campaign.month
    left join daily_names
        on daily_names.platform = per_campaign.platform
        and daily_names.account = per_campaign.account
        and daily_names.campaign_name = per_campaign.campaign_name
        and daily_names.month = per_campaign.month
),

final as (
    select
        * exclude (daily_campaign_key),
        daily_campaign_key is not null as has_daily_rows,
        daily_campaign_key,
    from matched
)

select * from final
order by platform, account, platform_campaign_key, month
