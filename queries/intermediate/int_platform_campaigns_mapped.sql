-- One row per platform campaign name seen in the exports (daily or period
-- rows), with the campaign key it maps to through campaigns.csv `match`
-- patterns, or `unmapped`.
with ad_rows as (
    select * from stg_platforms__ad_daily
),

period_rows as (
    select * from stg_platforms__ad_periods
),

patterns as (
    select * from int_campaign_patterns
),

platform_campaigns as (
    select distinct
        platform,
        platform_campaign_key,
        coalesce(campaign_name, campaign_id) as matched_name,
    from ad_rows
    union
    select distinct
        platform,
        platform_campaign_key,
        coalesce(campaign_name, campaign_id) as matched_name,
    from period_rows
),

candidates as (
    select
        platform_campaigns.platform,
        platform_campaigns.platform_campaign_key,
        platform_campaigns.matched_name,
        patterns.campaign,
        patterns.specificity,
        count(*) over (partition by platform_campaigns.platform, platform_campaigns.platform_campaign_key, platform_campaigns.matched_name) as candidate_count,
    from platform_campaigns
    inner join patterns
        on lower(platform_campaigns.matched_name) like patterns.like_pattern escape '\'
),

best as (
    select * from candidates
    qualify row_number() over (
        partition by platform, platform_campaign_key, matched_name
        order by specificity desc, campaign
    ) = 1
),

final as (
    select
        platform_campaigns.platform,
        platform_campaigns.platform_campaign_key,
        platform_campaigns.matched_name,
        coalesce(best.campaign, 'unmapped') as campaign,
        coalesce(best.candidate_count, 0) as candidate_count,
    from platform_campaigns
    left join best using (platform, platform_campaign_key, matched_name)
)

select * from final
