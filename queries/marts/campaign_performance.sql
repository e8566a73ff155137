-- Grain: one row per month and campaign with platform activity or costs.
-- Unique key: (month, campaign). Money in the report currency, rounded to the cent.
-- Reach does not add up over days or campaigns: it is the platform's monthly
-- reach from a monthly export, when the campaign is one platform campaign and
-- such an export exists, and empty otherwise. Counts a platform does not
-- report (engagements on Google Ads) stay empty, not 0.
-- metric Media spend: platform spend in the report currency, at the ECB rate of each row's day
-- metric CPM: media spend / impressions x 1000
-- metric CPC: media spend / clicks
-- metric CTR: clicks / impressions
-- metric Engagement rate (campaign): engagements / reach, or / impressions where reach is unknown (engagement_rate_basis)
-- test unique: month, campaign
-- test not_null: month, campaign, channel
-- test check: spend >= 0 and other_cost >= 0
with ad_months as (
    select * from int_ad_monthly_mapped
),

costs as (
    select * from int_costs_allocated
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

media as (
    select
        month,
        campaign,
        string_agg(distinct platform, '+' order by platform) as platform,
        case when count(*) = 1 then max(reach) end as reach,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(link_clicks) as link_clicks,
        sum(engagements) as engagements,
        sum(video_views) as video_views,
        sum(followers_gained) as followers_gained,
        sum(spend_report) as spend,
        sum(conversions) as platform_conversions,
        sum(conversion_value_report) as platform_conversion_value,
        string_agg(distinct engagement_definition, '; ' order by engagement_definition) as engagement_definition,
    from ad_months
    group by month, campaign
),

other as (
    select cost_month as month, campaign, sum(amount_report) as other_cost
    from costs
    group by all
),

joined as (
    select
        coalesce(media.month, other.month) as month,
        coalesce(media.campaign, other.campaign) as campaign,
        media.platform,
        coalesce(media.impressions, 0) as impressions,
        media.reach,
        coalesce(media.clicks, 0) as clicks,
        media.link_clicks,
        media.engagements,
        media.video_views,
        media.followers_gained,
        cast(round(coalesce(media.spend, 0), 2) as decimal(18, 2)) as spend,
        cast(coalesce(other.other_cost, 0) as decimal(18, 2)) as other_cost,
        media.platform_conversions,
        cast(round(media.platform_conversion_value, 2) as decimal(18, 2)) as platform_conversion_value,
        media.engagement_definition,
    from media
    full outer join other
        on other.month = media.month
        and other.campaign = media.campaign
),

final as (
    select
        joined.month,
        joined.campaign,
        campaigns.name,
        coalesce(campaigns.channel, joined.campaign) as channel,
        joined.platform,
        campaigns.funnel_stage,
        joined.impressions,
        joined.reach,
        joined.clicks,
        joined.link_clicks,
        joined.engagements,
        joined.video_views,
        joined.followers_gained,
        joined.spend,
        joined.other_cost,
        joined.spend + joined.other_cost as total_cost,
        joined.platform_conversions,
        joined.platform_conversion_value,
        case when joined.impressions > 0 then joined.spend / joined.impressions * 1000 end as cpm,
        case when joined.clicks > 0 then joined.spend / joined.clicks end as cpc,
        case when joined.impressions > 0 then joined.clicks / joined.impressions end as ctr,
        case
            when joined.engagements is null then null
            when joined.reach > 0 then 'reach'
            when joined.impressions > 0 then 'impressions'
        end as engagement_rate_basis,
        case
            when joined.engagements is null then null
            when joined.reach > 0 then joined.engagements / joined.reach
            when joined.impressions > 0 then joined.engagements / joined.impressions
        end as engagement_rate,
        joined.engagement_definition,
    from joined
    left join campaigns using (campaign)
)

select * from final
