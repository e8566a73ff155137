-- One row per month, attribution model, grain, key and bootstrap replicate: the
-- figures of campaign_roi, channel_roi and monthly_trend as that replicate of the
-- bootstrap over customers makes them (int_attribution_replicates). grain is
-- 'campaign' (key: the campaign), 'channel' (key: the channel, as channel_roi
-- groups it) or 'month' (key: 'all', the month's totals as monthly_trend counts
-- them: revenue, conversions and gross profit of the campaigns, unmapped and
-- unattributed left out; ROAS from the revenue of campaigns bought on platforms).
-- Costs are the month's costs as booked, the same in every replicate; revenue
-- and conversions are resampled, gross profit is a replicate's revenue x the
-- campaign's gross margin. A campaign with costs and no credited order counts
-- revenue 0 in every replicate.
-- ROI, ROAS and CPA follow their definitions in campaign_roi and monthly_trend;
-- a replicate without conversions has no CPA.
-- Read by int_roi_intervals and channel_ranking, held for the run:
-- materialized: temporary
with replicate_sums as (
    select * from int_attribution_replicates
),

campaign_costs as (
    select * from int_campaign_costs
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

settings as (
    select * from stg_report__settings
),

ad_months as (
    select * from int_ad_monthly_mapped
),

paid_media_campaigns as (
    select distinct campaign from ad_months
    where campaign <> 'unmapped'
),

models as (
    select distinct model from replicate_sums
),

replicate_numbers as (
    select distinct replicate from replicate_sums
),

-- every campaign with costs, in every model and replicate
costed as (
    select
        campaign_costs.month,
        campaign_costs.campaign,
        models.model,
        replicate_numbers.replicate,
        campaign_costs.spend as media_spend,
        campaign_costs.total_cost,
    from campaign_costs
    cross join models
    cross join replicate_numbers
),

campaign_replicates as (
    select
        coalesce(costed.month, replicate_sums.month) as month,
        coalesce(costed.campaign, replicate_sums.campaign) as campaign,
        coalesce(costed.model, replicate_sums.model) as model,
        coalesce(costed.replicate, replicate_sums.replicate) as replicate,
        coalesce(costed.media_spend, 0) as media_spend,
        coalesce(costed.total_cost, 0) as total_cost,
        cast(coalesce(replicate_sums.revenue_cents, 0) as decimal(18, 0)) * 0.01 as revenue,
        cast(coalesce(replicate_sums.conversion_micros, 0) as decimal(18, 0)) * 0.000001 as conversions,
    from costed
    full outer join replicate_sums
        on replicate_sums.month = costed.month
        and replicate_sums.campaign = costed.campaign
        and replicate_sums.model = costed.model
        and replicate_sums.replicate = costed.replicate
),

described as (
    select
        campaign_replicates.*,
        coalesce(campaigns.channel, campaign_replicates.campaign) as channel,
        campaign_replicates.revenue * coalesce(campaigns.gross_margin, settings.gross_margin) as gross_profit,
        campaign_replicates.campaign not in ('unattributed', 'unmapped') as is_campaign,
        campaign_replicates.campaign in (select campaign from paid_media_campaigns) as is_paid_media,
    from campaign_replicates
    cross join settings
    left join campaigns using (campaign)
),

grouped as (
    select
        month,
        model,
        replicate,
        case
            when grouping(campaign) = 0 then 'campaign'
            when grouping(channel) = 0 then 'channel'
            else 'month'
        end as grain,
        coalesce(campaign, channel, 'all') as key,
        sum(media_spend) as media_spend,
        sum(total_cost) as total_cost,
        -- the month's totals count the campaigns only, as monthly_trend does
        case when grouping(channel) = 0 then sum(revenue) else sum(revenue) filter (where is_campaign) end as revenue,
        case when grouping(channel) = 0 then sum(conversions) else sum(conversions) filter (where is_campaign) end as conversions,
        case when grouping(channel) = 0 then sum(gross_profit) else sum(gross_profit) filter (where is_campaign) end as gross_profit,
        case when grouping(channel) = 0 then sum(revenue) else sum(revenue) filter (where is_paid_media) end as roas_revenue,
    from described
    group by grouping sets (
        (month, model, replicate, campaign, channel),
        (month, model, replicate, channel),
        (month, model, replicate)
    )
),

final as (
    select
        month,
        model,
        grain,
        key,
        replicate,
        media_spend,
        total_cost,
        coalesce(revenue, 0) as revenue,
        coalesce(conversions, 0) as conversions,
        coalesce(gross_profit, 0) as gross_profit,
        case when total_cost > 0 then (coalesce(gross_profit, 0) - total_cost) / total_cost end as roi,
        case when media_spend > 0 then coalesce(roas_revenue, 0) / media_spend end as roas,
        case when conversions > 0 then total_cost / conversions end as cpa,
    from grouped
)

select * from final
