-- One row per month, platform, account and platform campaign: the platform's
-- numbers for the month in the report currency, with the campaign key.
-- Daily rows are summed; monthly period rows (int_ad_monthly_from_periods)
-- add the month's reach, which daily rows cannot give, and stand in for all
-- numbers of a campaign month that has no daily rows. Monthly amounts convert
-- at the month's last ECB fixing; report_factor is null when no rate is known
-- (tests/fx_rates_available.sql fails the build then).
-- A count no row of the month reports stays null, never 0; the *_with_*
-- columns carry the parts of CPM, CPC, CTR, engagement rate and platform ROAS
-- over only the rows that report the count (queries/README.md, "Metrics a
-- platform does not report"; summed once, in int_ad_monthly_summed).
-- A monthly export never adds spend to a month that has daily rows for the
-- same campaign (int_ad_monthly_from_periods tells which): only its reach is
-- used (docs/decisions.md). A campaign month with daily rows takes every count
-- from them, also one they leave null: a monthly export does not fill in what
-- the daily files lack, since the two would not cover the same rows.
-- numbers_from: 'daily' (daily rows, with the monthly export's reach if
-- any), 'monthly export' (no daily rows: every number from the export), or
-- 'reach only' (a monthly export whose platform campaign has daily rows that
-- map to another campaign key, as when the export names it differently: its
-- spend is counted there, so this row adds reach and 0 spend).
with daily_summed as (
    select * from int_ad_monthly_summed
    where numbers_from = 'daily'
),

periods as (
    select * from int_ad_monthly_from_periods
),

mapping as (
    select * from int_platform_campaigns_mapped
),

monthly_fx as (
    select * from int_fx_monthly_rates
),

settings as (
    select * from stg_report__settings
),

-- Daily rows, and period rows spread pro rata over their days ("period_rows":
-- "pro_rata"), which never overlap them (int_ad_period_rows spreads a row
-- only where no daily or month row is), summed per campaign month.
daily_months as (
    select
        month,
        platform,
        account,
        platform_campaign_key,
        campaign_name,
        campaign,
        currency,
        report_factor,
        impressions,
        clicks,
        link_clicks,
        engagements,
        video_views,
        followers_gained,
        messaging_conversations,
        new_messaging_contacts,
        spend as spend_report,
        conversions,
        conversion_value as conversion_value_report,
        spend_with_impressions,
        spend_with_clicks,
        spend_with_conversion_value,
        spend_with_messaging_conversations,
        clicks_with_impressions,
        impressions_with_clicks,
        engagements_with_impressions,
        impressions_with_engagements,
        engagement_definition,
    from daily_summed
),

period_months as (
    select
        periods.month,
        periods.platform,
        periods.account,
        periods.platform_campaign_key,
        periods.campaign_name,
        coalesce(mapping.campaign, 'unmapped') as campaign,
        periods.currency,
        case when periods.currency = settings.currency then 1 else monthly_fx.to_report_factor end as report_factor,
        periods.has_daily_rows,
        periods.daily_campaign_key,
        periods.impressions,
        periods.reach,
        periods.clicks,
        periods.link_clicks,
        periods.engagements,
        periods.video_views,
        periods.followers_gained,
        periods.messaging_conversations,
        periods.new_messaging_contacts,
        cast(periods.spend * report_factor as decimal(18, 4)) as spend_report,
        periods.conversions,
        cast(periods.conversion_value * report_factor as decimal(18, 4)) as conversion_value_report,
        cast(periods.spend_with_impressions * report_factor as decimal(18, 4)) as spend_with_impressions,
        cast(periods.spend_with_clicks * report_factor as decimal(18, 4)) as spend_with_clicks,
        cast(periods.spend_with_conversion_value * report_factor as decimal(18, 4)) as spend_with_conversion_value,
        cast(periods.spend_with_messaging_conversations * report_factor as decimal(18, 4)) as spend_with_messaging_conversations,
        periods.clicks_with_impressions,
        periods.impressions_with_clicks,
        periods.engagements_with_impressions,
        periods.impressions_with_engagements,
        periods.engagement_definition,
        periods.source_file,
    from periods
    cross join settings
    left join mapping
        on mapping.platform = periods.platform
        and mapping.platform_campaign_key = periods.platform_campaign_key
        and mapping.matched_name = coalesce(periods.campaign_name, periods.platform_campaign_key)
    left join monthly_fx
        on monthly_fx.currency = periods.currency
        and monthly_fx.month = periods.month
),

final as (
    select
        coalesce(daily_months.month, period_months.month) as month,
        coalesce(daily_months.platform, period_months.platform) as platform,
        coalesce(daily_months.account, period_months.account) as account,
        coalesce(daily_months.platform_campaign_key, period_months.platform_campaign_key) as platform_campaign_key,
        coalesce(daily_months.campaign_name, period_months.campaign_name) as campaign_name,
        coalesce(daily_months.campaign, period_months.campaign) as campaign,
        case
            when daily_months.month is not null then 'daily'
            when period_months.has_daily_rows then 'reach only'
            else 'monthly export'
        end as numbers_from,
        coalesce(daily_months.currency, period_months.currency) as currency,
        case when numbers_from = 'daily' then daily_months.report_factor else period_months.report_factor end as report_factor,
        period_months.reach,
        case when numbers_from = 'monthly export' then period_months.impressions else daily_months.impressions end as impressions,
        case when numbers_from = 'monthly export' then period_months.clicks else daily_months.clicks end as clicks,
        case when numbers_from = 'monthly export' then period_months.link_clicks else daily_months.link_clicks end as link_clicks,
        case when numbers_from = 'monthly export' then period_months.engagements else daily_months.engagements end as engagements,
        case when numbers_from = 'monthly export' then period_months.video_views else daily_months.video_views end as video_views,
        case when numbers_from = 'monthly export' then period_months.followers_gained else daily_months.followers_gained end as followers_gained,
        case when numbers_from = 'monthly export' then period_months.messaging_conversations else daily_months.messaging_conversations end as messaging_conversations,
        case when numbers_from = 'monthly export' then period_months.new_messaging_contacts else daily_months.new_messaging_contacts end as new_messaging_contacts,
        case numbers_from when 'monthly export' then period_months.spend_report when 'reach only' then 0 else daily_months.spend_report end as spend_report,
        case when numbers_from = 'monthly export' then period_months.conversions else daily_months.conversions end as conversions,
        case when numbers_from = 'monthly export' then period_months.conversion_value_report else daily_months.conversion_value_report end as conversion_value_report,
        case when numbers_from = 'monthly export' then period_months.spend_with_impressions else daily_months.spend_with_impressions end as spend_with_impressions,
        case when numbers_from = 'monthly export' then period_months.spend_with_clicks else daily_months.spend_with_clicks end as spend_with_clicks,
        case when numbers_from = 'monthly export' then period_months.spend_with_conversion_value else daily_months.spend_with_conversion_value end as spend_with_conversion_value,
        case when numbers_from = 'monthly export' then period_months.spend_with_messaging_conversations else daily_months.spend_with_messaging_conversations end as spend_with_messaging_conversations,
        case when numbers_from = 'monthly export' then period_months.clicks_with_impressions else daily_months.clicks_with_impressions end as clicks_with_impressions,
        case when numbers_from = 'monthly export' then period_months.impressions_with_clicks else daily_months.impressions_with_clicks end as impressions_with_clicks,
        case when numbers_from = 'monthly export' then period_months.engagements_with_impressions else daily_months.engagements_with_impressions end as engagements_with_impressions,
        case when numbers_from = 'monthly export' then period_months.impressions_with_engagements else daily_months.impressions_with_engagements end as impressions_with_engagements,
        coalesce(daily_months.engagement_definition, period_months.engagement_definition) as engagement_definition,
        period_months.source_file as period_source_file,
    from daily_months
    full outer join period_months
        on period_months.month = daily_months.month
        and period_months.platform = daily_months.platform
        and period_months.account = daily_months.account
        and period_months.daily_campaign_key = daily_months.platform_campaign_key
        and period_months.campaign = daily_months.campaign
)

select * from final
