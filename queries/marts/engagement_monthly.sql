-- Grain: one row per month, platform and source (`paid` from ad exports).
-- Unique key: (month, platform, source).
-- Reach does not add up over days, so the engagement rate is per impression
-- unless monthly reach is known (engagement_rate_basis says which).
-- bought_followers_flag marks follower growth that engagement does not follow:
-- at least 100 followers gained, at least twice the previous month's gain, while
-- engagements grew by 10 % or less (flag_reason: followers_up_engagement_flat).
-- metric Engagement rate: engagements / reach, or / impressions where reach is unknown (labelled)
with ad_rows as (
    select * from int_ad_daily_mapped
),

paid as (
    select
        report_month as month,
        platform,
        'paid' as source,
        sum(impressions) as impressions,
        cast(null as bigint) as reach,
        sum(engagements) as engagements,
        sum(followers_gained) as followers_gained,
    from ad_rows
    group by all
),

with_rates as (
    select
        *,
        case when engagements is null then null when reach > 0 then 'reach' when impressions > 0 then 'impressions' end as engagement_rate_basis,
        case when reach > 0 then engagements / reach when impressions > 0 then engagements / impressions end as engagement_rate,
        cast(null as varchar) as engagement_definition,
    from paid
),

compared as (
    select
        cur.*,
        prev.followers_gained as followers_gained_prev,
        prev.engagements as engagements_prev,
        case when prev.followers_gained > 0 then (cur.followers_gained - prev.followers_gained) / prev.followers_gained end as followers_change,
        case when prev.engagements > 0 then (cur.engagements - prev.engagements) / prev.engagements end as engagements_change,
    from with_rates as cur
    left join with_rates as prev
        on prev.platform = cur.platform
        and prev.source = cur.source
        and prev.month = strftime(strptime(cur.month || '-01', '%Y-%m-%d') - interval 1 month, '%Y-%m')
),

final as (
    select
        *,
        coalesce(
            followers_gained >= 100
            and followers_gained >= 2 * coalesce(followers_gained_prev, 0)
            and coalesce(engagements_change, 0) <= 0.1,
            false
        ) as bought_followers_flag,
        case
            when followers_gained >= 100
                and followers_gained >= 2 * coalesce(followers_gained_prev, 0)
                and coalesce(engagements_change, 0) <= 0.1
            then 'followers_up_engagement_flat'
        end as flag_reason,
    from compared
)

select * from final
